"""Training the hybrid head on labelled passages: deterministic, document-grouped.

Thresholds are chosen per category on out-of-fold predictions of the training
documents only, so a threshold never sees the document it is judged on.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from nlp_pipeline.classify.hybrid import FeatureBuilder, HybridHead, untrained_scores
from nlp_pipeline.labelled import LabelledPassage
from nlp_pipeline.taxonomy import Taxonomy, categories

MIN_POSITIVES = 4  # fewer labelled positives than this: keep the untrained combination
THRESHOLD_GRID = np.round(np.arange(0.10, 0.91, 0.02), 2)
REGULARISATION = 0.5


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
        texts=[p.text for p in passages],
        labels=labels,
        groups=[p.group for p in passages],
        ids=[p.id for p in passages],
    )


def best_threshold(scores: np.ndarray, truth: np.ndarray, default: float = 0.5) -> float:
    """The grid threshold with the highest F1 (ties go to the higher threshold)."""
    if not truth.any():
        return default
    best, best_f1 = default, -1.0
    for threshold in THRESHOLD_GRID:
        predicted = scores >= threshold
        tp = np.sum(predicted & truth)
        f1 = 2 * tp / (predicted.sum() + truth.sum()) if (predicted.sum() + truth.sum()) else 0.0
        if f1 >= best_f1:
            best, best_f1 = float(threshold), f1
    return best


def _fit_heads(features: np.ndarray, labels: np.ndarray, trainable: np.ndarray):
    k, d = labels.shape[1], features.shape[1]
    coef = np.zeros((k, d), dtype=np.float64)
    intercept = np.full(k, -10.0)
    for j in np.flatnonzero(trainable):
        model = LogisticRegression(C=REGULARISATION, class_weight="balanced", solver="liblinear", max_iter=500)
        model.fit(features, labels[:, j])
        coef[j], intercept[j] = model.coef_[0], model.intercept_[0]
    return coef, intercept


def _standardise(features: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    mean = features.mean(axis=0)
    scale = features.std(axis=0)
    scale[scale < 1e-6] = 1.0
    return mean, scale


def _predict(features, mean, scale, coef, intercept) -> np.ndarray:
    z = ((features - mean) / scale) @ coef.T + intercept
    return 1.0 / (1.0 + np.exp(-np.clip(z, -40, 40)))


def fit_hybrid(data: TrainingSet, taxonomy: Taxonomy, builder: FeatureBuilder, encoder: str = "static",
               inner_folds: int = 4) -> HybridHead:
    features, vectors, counts, _ = builder.build(data.texts)
    sims = vectors @ builder.space.descriptions.T
    trainable = data.labels.sum(axis=0) >= MIN_POSITIVES
    mean, scale = _standardise(features)
    scaled = (features - mean) / scale

    # Out-of-fold scores on the training documents decide the thresholds.
    oof = untrained_scores(counts, sims)
    n_groups = len(set(data.groups))
    if n_groups >= 2:
        splitter = GroupKFold(n_splits=min(inner_folds, n_groups))
        for train, test in splitter.split(scaled, groups=data.groups):
            fold_trainable = trainable & (data.labels[train].sum(axis=0) >= 2) & (~data.labels[train].all(axis=0))
            m, s = _standardise(features[train])
            coef, intercept = _fit_heads((features[train] - m) / s, data.labels[train], fold_trainable)
            learned = _predict(features[test], m, s, coef, intercept)
            oof[test] = np.where(fold_trainable[None, :], learned, oof[test])
    thresholds = np.array([best_threshold(oof[:, j], data.labels[:, j], 0.62) for j in range(data.labels.shape[1])])
    coef, intercept = _fit_heads(scaled, data.labels, trainable)
    return HybridHead(
        category_ids=[c.id for c in categories(taxonomy)],
        encoder=encoder,
        coef=coef,
        intercept=intercept,
        mean=mean,
        scale=scale,
        trained=trainable,
        thresholds=thresholds,
        exemplars=builder.space.encoder.encode(data.texts),
        exemplar_ids=data.ids,
        exemplar_labels=data.labels,
        card={
            "passages": len(data.texts),
            "documents": n_groups,
            "positives": {cid: int(n) for cid, n in zip([c.id for c in categories(taxonomy)], data.labels.sum(axis=0))},
            "untrained_categories": [c.id for c, t in zip(categories(taxonomy), trainable) if not t],
            "min_positives": MIN_POSITIVES,
            "regularisation": REGULARISATION,
            "labelled_data_sha256": hashlib.sha256("\n".join(sorted(data.ids)).encode()).hexdigest()[:16],
        },
    )


def tune_thresholds(scores: np.ndarray, labels: np.ndarray, default: float) -> np.ndarray:
    return np.array([best_threshold(scores[:, j], labels[:, j], default) for j in range(labels.shape[1])])
