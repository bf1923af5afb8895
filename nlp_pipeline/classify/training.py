"""Training the classifier on labelled passages: deterministic, document-grouped.

Three models vote: the shared head (one logistic regression over every
(passage, category) pair with a bias per category, see hybrid.py), the word
model and the embedding model; their mean is the fused score. On the
training documents alone, out-of-fold scores (each passage scored by models
that never saw its document) decide everything that turns fused scores into
decisions: the isotonic calibration, the relevance gate's floor, and the
thresholds. The thresholds are per category, shrunk half-way to the shared
one: per-category thresholds alone over-fitted when the labelled set had ten
documents, a shared one costs the rare categories recall.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from nlp_pipeline.classify.calibration import Calibration
from nlp_pipeline.classify.context import split_section, topic_text
from nlp_pipeline.classify.embedding_model import EmbeddingModel
from nlp_pipeline.classify.hybrid import FEATURES, Built, FeatureBuilder, HybridHead, evidence, fused_scores
from nlp_pipeline.classify.relevance import RelevanceGate
from nlp_pipeline.classify.word_model import WordModel, out_of_fold_scores
from nlp_pipeline.labelled import LabelledPassage
from nlp_pipeline.taxonomy import Taxonomy, categories

MIN_POSITIVES = 4  # fewer labelled positives than this: the category borrows the median bias
THRESHOLD_GRID = np.round(np.arange(0.02, 0.96, 0.02), 2)
REGULARISATION = 0.1
PRECISION_TOLERANCE = 0.01  # F1 given up, at most, for a stricter threshold
THRESHOLD_SHRINKAGE = 0.5  # weight of the shared threshold in a category's own
MIN_POSITIVES_FOR_OWN_THRESHOLD = 8
GATE_FLOORS = (0.0, 0.1, 0.2, 0.3, 0.4)


@dataclass
class TrainingSet:
    texts: list[str]
    labels: np.ndarray  # (n, k) bool
    groups: list[str]
    ids: list[str]


def training_set(passages: Sequence[LabelledPassage], taxonomy: Taxonomy) -> TrainingSet:
    ids = [c.id for c in categories(taxonomy)]
    index = {cid: j for j, cid in enumerate(ids)}
    labels = np.zeros((len(passages), len(ids)), dtype=bool)
    for i, passage in enumerate(passages):
        for cid in passage.categories:
            labels[i, index[cid]] = True
    return TrainingSet(
        texts=[topic_text(p.text, split_section(p.section), p.heading) for p in passages],
        labels=labels,
        groups=[p.group for p in passages],
        ids=[p.id for p in passages],
    )


def best_threshold(scores: np.ndarray, truth: np.ndarray, default: float = 0.5, tolerance: float = 0.0) -> float:
    """The highest grid threshold whose F1 is within `tolerance` of the best F1."""
    if not truth.any():
        return default
    f1s = []
    for threshold in THRESHOLD_GRID:
        predicted = scores >= threshold
        tp = np.sum(predicted & truth)
        denominator = predicted.sum() + truth.sum()
        f1s.append(2 * tp / denominator if denominator else 0.0)
    f1s = np.array(f1s)
    eligible = np.flatnonzero(f1s >= f1s.max() - tolerance)
    return float(THRESHOLD_GRID[eligible[-1]])


def tune_thresholds(scores: np.ndarray, labels: np.ndarray, default: float) -> np.ndarray:
    return np.array([best_threshold(scores[:, j], labels[:, j], default) for j in range(labels.shape[1])])


@dataclass
class _Head:
    coef: np.ndarray
    intercept: np.ndarray
    mean: np.ndarray
    scale: np.ndarray
    trained: np.ndarray


def _subset(built: Built, rows: np.ndarray) -> Built:
    return Built(built.vectors[rows], built.counts[rows], [built.found[i] for i in rows], built.description_sims[rows],
                 built.definitions[rows], None if built.word_scores is None else built.word_scores[rows])


def _fit_shared(rows: np.ndarray, labels: np.ndarray) -> _Head:
    """One logistic regression over all (passage, category) pairs, a bias per category."""
    n, k, d = rows.shape
    flat = rows.reshape(n * k, d)
    mean = flat.mean(axis=0)
    scale = flat.std(axis=0)
    scale[scale < 1e-6] = 1.0
    design = np.hstack([(flat - mean) / scale, np.tile(np.eye(k), (n, 1))])
    model = LogisticRegression(C=REGULARISATION, solver="lbfgs", max_iter=3000, tol=1e-6)
    model.fit(design, labels.reshape(-1))
    weights = model.coef_[0]
    bias = model.intercept_[0] + weights[d:]
    trained = labels.sum(axis=0) >= MIN_POSITIVES
    if trained.any():
        # Too few positives to learn a bias: borrow the typical one rather than never predicting.
        bias = np.where(trained, bias, np.median(bias[trained]))
    return _Head(np.tile(weights[:d], (k, 1)), bias, mean, scale, trained)


def _training_rows(built: Built, exemplars: np.ndarray, labels: np.ndarray, groups: np.ndarray) -> np.ndarray:
    same = groups[:, None] == groups[None, :]
    rows, _ = evidence(built, exemplars, labels, same_document=same)
    return rows


def _predict(head: _Head, rows: np.ndarray) -> np.ndarray:
    z = np.einsum("nkd,kd->nk", (rows - head.mean) / head.scale, head.coef) + head.intercept
    return 1.0 / (1.0 + np.exp(-np.clip(z, -40, 40)))


@dataclass
class Decisions:
    """What turns fused scores into categories, fitted on out-of-fold scores."""

    calibration: Calibration
    floor: float
    thresholds: np.ndarray
    shared_threshold: float


def decide(fused: np.ndarray, relevance: np.ndarray, labels: np.ndarray) -> Decisions:
    """Calibration, gate floor and per-category thresholds from out-of-fold fused scores."""
    calibration = Calibration.fit(fused, labels)
    calibrated = calibration(fused)
    best: tuple[float, float, float] | None = None
    for floor in GATE_FLOORS:
        gated = np.where(relevance[:, None] >= floor, calibrated, 0.0)
        threshold = best_threshold(gated.reshape(-1), labels.reshape(-1), 0.5, tolerance=PRECISION_TOLERANCE)
        predicted = gated >= threshold
        tp = np.sum(predicted & labels)
        f1 = 2 * tp / max(predicted.sum() + labels.sum(), 1)
        # Ties go to the lower floor: the gate should only cut what it must.
        if best is None or f1 > best[0] + 1e-9:
            best = (f1, floor, threshold)
    _, floor, shared = best
    gated = np.where(relevance[:, None] >= floor, calibrated, 0.0)
    own = np.array([
        best_threshold(gated[:, j], labels[:, j], shared, tolerance=PRECISION_TOLERANCE)
        if labels[:, j].sum() >= MIN_POSITIVES_FOR_OWN_THRESHOLD else shared
        for j in range(labels.shape[1])
    ])
    thresholds = THRESHOLD_SHRINKAGE * shared + (1 - THRESHOLD_SHRINKAGE) * own
    return Decisions(calibration, floor, thresholds, shared)


def fit_hybrid(data: TrainingSet, taxonomy: Taxonomy, builder: FeatureBuilder, encoder: str = "static",
               inner_folds: int = 4) -> HybridHead:
    built = builder.build(data.texts)
    raw = builder.space.encoder.encode(data.texts)
    groups = np.asarray(data.groups)
    labels = data.labels
    on_topic = labels.any(axis=1)
    built.word_scores = out_of_fold_scores(data.texts, labels, data.groups)

    # Out-of-fold scores on the training documents decide calibration, gate floor and thresholds.
    n_groups = len(set(data.groups))
    decisions = Decisions(Calibration.identity(), 0.0, np.full(labels.shape[1], 0.5), 0.5)
    if n_groups >= 2:
        fused = np.zeros(labels.shape)
        relevance = np.zeros(len(labels))
        splitter = GroupKFold(n_splits=min(inner_folds, n_groups))
        for train, test in splitter.split(labels, groups=groups):
            head = _fit_shared(_training_rows(_subset(built, train), built.vectors[train], labels[train],
                                              groups[train]), labels[train])
            test_rows, _ = evidence(_subset(built, test), built.vectors[train], labels[train])
            words = WordModel.fit([data.texts[i] for i in train], labels[train])
            test_texts = [data.texts[i] for i in test]
            features = words.features(test_texts)
            gate = RelevanceGate.fit(words.features([data.texts[i] for i in train]), built.vectors[train],
                                     on_topic[train])
            fused[test] = fused_scores(_predict(head, test_rows), words.scores(test_texts, features),
                                       EmbeddingModel.fit(built.vectors[train], labels[train]).scores(built.vectors[test]),
                                       None, None, 0.0)
            relevance[test] = gate.probability(features, built.vectors[test])
        decisions = decide(fused, relevance, labels)

    head = _fit_shared(_training_rows(built, built.vectors, labels, groups), labels)
    word_model = WordModel.fit(data.texts, labels)
    gate = RelevanceGate.fit(word_model.features(data.texts), built.vectors, on_topic, floor=decisions.floor)
    ids = [c.id for c in categories(taxonomy)]
    return HybridHead(
        category_ids=ids,
        encoder=encoder,
        coef=head.coef,
        intercept=head.intercept,
        mean=head.mean,
        scale=head.scale,
        trained=head.trained,
        thresholds=decisions.thresholds,
        exemplars=raw,
        exemplar_ids=data.ids,
        exemplar_labels=labels,
        word_model=word_model,
        embedding_model=EmbeddingModel.fit(built.vectors, labels),
        gate=gate,
        calibration=decisions.calibration,
        card={
            "head": "mean of the shared head, the word model and the embedding model, calibrated (isotonic, out of "
                    "fold), behind a relevance gate",
            "features": list(FEATURES),
            "passages": len(data.texts),
            "documents": n_groups,
            "positives": {cid: int(n) for cid, n in zip(ids, labels.sum(axis=0))},
            "borrowed_bias_categories": [cid for cid, t in zip(ids, head.trained) if not t],
            "min_positives": MIN_POSITIVES,
            "regularisation": REGULARISATION,
            "threshold": round(float(decisions.shared_threshold), 4),
            "gate_floor": decisions.floor,
            "threshold_shrinkage": THRESHOLD_SHRINKAGE,
            "labelled_data_sha256": hashlib.sha256("\n".join(sorted(data.ids)).encode()).hexdigest()[:16],
        },
    )
