"""The hybrid classifier: one shared head over (passage, category) evidence.

Per category the head reads a handful of comparable signals: how many of the
category's cues the passage contains, how close it is to the category
description, how close it is to labelled passages of the category (nearest
and mean of the three nearest), and how the ten nearest labelled passages
vote, plus whether the category wins that vote or the description ranking
within the passage, whether the passage defines a term, and the score of a
word-and-word-pair model for the category (word_model.py, out of fold in
training). One logistic regression is fitted over all categories at
once, with a bias per category, so ~40 weights are learnt from every
(passage, category) pair instead of 460 per category from a few dozen
positives: the per-category heads over-fitted the training documents and lost
to the cue baseline on unseen documents. Measured and not kept (document-
grouped CV, micro/macro F1): per-category heads on the same evidence
(0.43/0.39), gradient boosting instead of the logistic head (0.46/0.45),
weights routed per roadmap target (0.476/0.458, no real gain) or per
category (0.46/0.44), per-category thresholds (0.41/0.41). MiniLM
embeddings instead of the static table give 0.52/0.51 but classify at
~40 passages/s instead of ~2000. The head is stored as plain arrays
(npz + json, no pickle) and rebuilt exactly by `resourcing train`.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from nlp_pipeline.classify.base import PassageClassifier, Scores, register_classifier
from nlp_pipeline.classify.cues import cue_matcher
from nlp_pipeline.classify.similarity import CategorySpace, normalise_rows, similarity_scores
from nlp_pipeline.classify.calibration import Calibration
from nlp_pipeline.classify.embedding_model import EmbeddingModel
from nlp_pipeline.classify.relevance import RelevanceGate
from nlp_pipeline.classify.word_model import WordModel
from nlp_pipeline.records import ClassifierInfo, CueMatch, DescriptionMatch, KeyWords, NearestExemplar, ScoreEvidence
from nlp_pipeline.taxonomy import Taxonomy

MODEL_DIR = Path(__file__).resolve().parents[2] / "models" / "classifier"
CUE_CAP = 3.0
NEIGHBOURS = 10
FEATURES = ("cue_count", "cue_any", "description", "exemplar_top1", "exemplar_top3", "neighbour_vote",
            "wins_vote", "wins_description", "passage_cue_max", "defines_a_term", "word_model")
# "'month' means a period of 30 days": a definition mostly addresses no
# category, however close its numbers bring it to a threshold clause.
DEFINITION_RE = re.compile(r"[‘'\"“][^’'\"”]{1,80}[’'\"”]\s+(?:means|shall\s+mean|refers\s+to)\b|\bdefinitions?\s+apply\b", re.IGNORECASE)


@dataclass
class HybridHead:
    """Everything a trained hybrid needs at prediction time.

    coef[j] and intercept[j] score category j from its evidence row; the
    weights are shared across categories, the intercept carries the
    category's own bias.
    """

    category_ids: list[str]
    encoder: str
    coef: np.ndarray  # (k, d) with d = len(FEATURES)
    intercept: np.ndarray  # (k,)
    mean: np.ndarray  # (d,) feature standardisation
    scale: np.ndarray  # (d,)
    trained: np.ndarray  # (k,) bool: the category had enough positives for its own bias
    thresholds: np.ndarray  # (k,)
    exemplars: np.ndarray  # (m, 384) raw embeddings of the labelled passages
    exemplar_ids: list[str]
    exemplar_labels: np.ndarray  # (m, k) bool
    card: dict = field(default_factory=dict)
    word_model: WordModel | None = None
    embedding_model: EmbeddingModel | None = None
    gate: RelevanceGate | None = None
    calibration: Calibration | None = None

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(
            directory / "hybrid.npz",
            coef=self.coef.astype(np.float32),
            intercept=self.intercept.astype(np.float32),
            mean=self.mean.astype(np.float32),
            scale=self.scale.astype(np.float32),
            trained=self.trained,
            thresholds=self.thresholds.astype(np.float32),
            exemplars=self.exemplars.astype(np.float16),
            exemplar_labels=self.exemplar_labels,
            **self._word_arrays(),
            **(self.embedding_model.arrays() if self.embedding_model else {}),
            **(self.gate.arrays() if self.gate else {}),
            **({"calibration_x": self.calibration.x, "calibration_y": self.calibration.y} if self.calibration else {}),
        )
        card = dict(self.card, category_ids=self.category_ids, encoder=self.encoder, exemplar_ids=self.exemplar_ids,
                    word_vocabulary=self.word_model.vocabulary if self.word_model else [],
                    word_stop_words=list(self.word_model.stop_words) if self.word_model else [])
        (directory / "hybrid.json").write_text(json.dumps(card, indent=1, sort_keys=True) + "\n", encoding="utf-8")

    def _word_arrays(self) -> dict[str, np.ndarray]:
        if self.word_model is None:
            return {}
        return {
            "word_idf": self.word_model.idf.astype(np.float32),
            "word_coef": self.word_model.coef.astype(np.float32),
            "word_intercept": self.word_model.intercept.astype(np.float32),
            "word_fitted": self.word_model.fitted,
        }

    @classmethod
    def load(cls, directory: Path) -> HybridHead:
        card = json.loads((directory / "hybrid.json").read_text(encoding="utf-8"))
        with np.load(directory / "hybrid.npz", allow_pickle=False) as arrays:
            data = {name: arrays[name] for name in arrays.files}
        return cls(
            category_ids=card.pop("category_ids"),
            encoder=card.pop("encoder"),
            exemplar_ids=card.pop("exemplar_ids"),
            coef=data["coef"].astype(np.float64),
            intercept=data["intercept"].astype(np.float64),
            mean=data["mean"].astype(np.float64),
            scale=data["scale"].astype(np.float64),
            trained=data["trained"].astype(bool),
            thresholds=data["thresholds"].astype(np.float64),
            exemplars=data["exemplars"].astype(np.float32),
            exemplar_labels=data["exemplar_labels"].astype(bool),
            word_model=_load_word_model(card.pop("word_vocabulary", []), card.pop("word_stop_words", []), data),
            embedding_model=EmbeddingModel.from_arrays(data),
            gate=RelevanceGate.from_arrays(data),
            calibration=(Calibration(data["calibration_x"].astype(np.float64), data["calibration_y"].astype(np.float64))
                         if "calibration_x" in data else None),
            card=card,
        )

    def predict(self, evidence: np.ndarray) -> np.ndarray:
        """(n, k) probabilities of the shared head alone, from the (n, k, d) evidence of `FeatureBuilder.evidence`."""
        z = np.einsum("nkd,kd->nk", (evidence - self.mean) / self.scale, self.coef) + self.intercept
        return sigmoid(z)

    def fuse(self, head_scores: np.ndarray, word_scores: np.ndarray | None, vectors: np.ndarray,
             relevance: np.ndarray | None) -> np.ndarray:
        """The classifier's score: the mean of the head, the word model and the embedding model, calibrated,
        and 0 for passages the relevance gate puts off topic."""
        return fused_scores(head_scores, word_scores,
                            self.embedding_model.scores(vectors) if self.embedding_model else None,
                            self.calibration, relevance, self.gate.floor if self.gate else 0.0)


def fused_scores(head_scores: np.ndarray, word_scores: np.ndarray | None, embedding_scores: np.ndarray | None,
                 calibration: Calibration | None, relevance: np.ndarray | None, floor: float) -> np.ndarray:
    parts = [head_scores] + [s for s in (word_scores, embedding_scores) if s is not None]
    values = np.mean(parts, axis=0)
    if calibration is not None:
        values = calibration(values)
    if relevance is not None:
        values = np.where(relevance[:, None] >= floor, values, 0.0)
    return values


def _load_word_model(vocabulary: list[str], stop_words: list[str], data: dict[str, np.ndarray]) -> WordModel | None:
    if not vocabulary or "word_coef" not in data:
        return None
    return WordModel(vocabulary, data["word_idf"].astype(np.float64), data["word_coef"].astype(np.float64),
                     data["word_intercept"].astype(np.float64), data["word_fitted"].astype(bool), tuple(stop_words))


HEAD_FILES = ("hybrid.npz", "hybrid.json")


def head_fingerprint(directory: Path = MODEL_DIR) -> str:
    digest = hashlib.sha256()
    for name in HEAD_FILES:
        path = directory / name
        if path.exists():
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@dataclass
class Built:
    """What FeatureBuilder.build computes once per batch of texts."""

    vectors: np.ndarray  # (n, 384) centred, normalised embeddings
    counts: np.ndarray  # (n, k) distinct cues found per category
    found: list[dict[str, list[str]]]
    description_sims: np.ndarray  # (n, k)
    definitions: np.ndarray  # (n,) 1.0 where the passage defines a term
    word_scores: np.ndarray | None = None  # (n, k) from the word model; out of fold in training


class FeatureBuilder:
    """Turns texts into the evidence the head reads; shared by training and prediction."""

    def __init__(self, taxonomy: Taxonomy, encoder: str = "static"):
        self.space = CategorySpace(taxonomy, encoder)
        self.cues = cue_matcher(taxonomy)

    def build(self, texts: Sequence[str]) -> Built:
        vectors = self.space.embed(texts)
        counts, found = self.cues.counts(texts)
        definitions = np.array([1.0 if DEFINITION_RE.search(t) else 0.0 for t in texts])
        return Built(vectors, counts, found, vectors @ self.space.descriptions.T, definitions)

    def exemplar_vectors(self, raw: np.ndarray) -> np.ndarray:
        return normalise_rows(raw - self.space.centre)


def evidence(built: Built, exemplars: np.ndarray, exemplar_labels: np.ndarray,
             same_document: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(n, k, d) evidence per passage and category, and the nearest exemplar per cell (-1 if none).

    `exemplars` are centred, normalised vectors. `same_document` (n, m) masks
    exemplars from the passage's own document: in training, a passage must
    not vote for itself or its siblings, or the head learns to trust
    neighbours more than they deserve on a new document.
    """
    n, k = built.counts.shape
    counts = np.minimum(built.counts, CUE_CAP)
    top1 = np.full((n, k), -1.0)
    top3 = np.full((n, k), -1.0)
    nearest = np.full((n, k), -1, dtype=np.int64)
    vote = np.zeros((n, k))
    if len(exemplars):
        sims = built.vectors @ exemplars.T
        if same_document is not None:
            sims = np.where(same_document, -2.0, sims)
        labels = exemplar_labels.astype(bool)
        for j in range(k):
            members = np.flatnonzero(labels[:, j])
            if not members.size:
                continue
            member_sims = sims[:, members]
            top = np.sort(member_sims, axis=1)[:, -3:]
            top = np.where(top < -1.5, -1.0, top)
            top1[:, j] = top[:, -1]
            top3[:, j] = top.mean(axis=1)
            nearest[:, j] = np.where(top[:, -1] > -1.0, members[np.argmax(member_sims, axis=1)], -1)
        order = np.argsort(-sims, axis=1, kind="stable")[:, :NEIGHBOURS]
        weights = np.clip(np.take_along_axis(sims, order, axis=1), 0.0, None)
        vote = np.einsum("nm,nmk->nk", weights, labels[order].astype(np.float64))
        vote /= np.maximum(weights.sum(axis=1, keepdims=True), 1e-6)
    stacked = np.stack([
        counts / CUE_CAP,
        (counts > 0).astype(np.float64),
        built.description_sims,
        top1,
        top3,
        vote,
        _wins(vote),
        _wins(built.description_sims),
        np.repeat(counts.max(axis=1, keepdims=True) / CUE_CAP, k, axis=1) if k else counts,
        np.repeat(built.definitions[:, None], k, axis=1),
        built.word_scores if built.word_scores is not None else np.zeros((n, k)),
    ], axis=2)
    return stacked, nearest


def _wins(matrix: np.ndarray) -> np.ndarray:
    if not matrix.size:
        return matrix.astype(np.float64)
    return (np.arange(matrix.shape[1])[None, :] == np.argmax(matrix, axis=1)[:, None]).astype(np.float64)


def untrained_scores(counts: np.ndarray, sims: np.ndarray) -> np.ndarray:
    """The zero-shot combination used when no head has been trained."""
    cue_part = 1.0 - np.power(0.5, counts)
    sim_part = similarity_scores(sims)
    return 0.5 * cue_part + 0.5 * sim_part


def sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(x, -40, 40)))


@register_classifier("hybrid")
class HybridClassifier(PassageClassifier):
    name = "hybrid"

    def __init__(self, taxonomy: Taxonomy, head: HybridHead | None = None, model_dir: Path | None = None,
                 encoder: str = "static"):
        super().__init__(taxonomy)
        self.model_dir: Path | None = None
        if head is None:
            directory = Path(model_dir) if model_dir else MODEL_DIR
            if (directory / "hybrid.npz").exists():
                head = HybridHead.load(directory)
                self.model_dir = directory
        if head is not None and (head.category_ids != self.category_ids or head.coef.shape[1] != len(FEATURES)):
            # A head trained on another taxonomy or feature set cannot be used:
            # fall back rather than mislabel categories.
            head = None
            self.model_dir = None
        self.head = head
        self.features = FeatureBuilder(taxonomy, head.encoder if head else encoder)
        if head is not None:
            self.features.space.set_exemplars(head.exemplars, head.exemplar_ids, head.exemplar_labels)
            self.thresholds = head.thresholds
        else:
            self.thresholds = np.full(len(self.category_ids), 0.62)

    @property
    def is_trained(self) -> bool:
        return self.head is not None

    def describe(self) -> ClassifierInfo:
        if self.head is None:
            return ClassifierInfo(self.name, note="no trained head found: untrained combination of cues and similarity")
        if self.model_dir is None:
            return ClassifierInfo(self.name, note="head given in memory, not loaded from a model folder")
        files = [self.model_dir / n for n in HEAD_FILES if (self.model_dir / n).is_file()]
        return ClassifierInfo(
            self.name,
            model_dir=str(self.model_dir),
            fingerprint=head_fingerprint(self.model_dir),
            model_files=tuple((str(f), hashlib.sha256(f.read_bytes()).hexdigest()) for f in files),
        )

    def score(self, texts: Sequence[str]) -> Scores:
        built = self.features.build(texts)
        words = None
        if self.head is not None and self.head.word_model is not None:
            words = self.head.word_model.features(texts)
            built.word_scores = self.head.word_model.scores(texts, words)
        if self.head is None:
            values = untrained_scores(built.counts, built.description_sims)
            nearest = np.full(values.shape, -1, dtype=np.int64)
        else:
            space = self.features.space
            rows, nearest = evidence(built, space.exemplars, space.exemplar_labels)
            relevance = (self.head.gate.probability(words, built.vectors)
                         if self.head.gate is not None and words is not None else None)
            values = self.head.fuse(self.head.predict(rows), built.word_scores, built.vectors, relevance)
        return Scores(values=values, evidence=self._evidence(values, built.found, nearest, words))

    def _evidence(self, values, found, nearest, words=None) -> dict[tuple[int, int], tuple[ScoreEvidence, ...]]:
        result: dict[tuple[int, int], tuple[ScoreEvidence, ...]] = {}
        for i, j in zip(*np.nonzero(values >= self.thresholds)):
            i, j = int(i), int(j)
            parts: list[ScoreEvidence] = [CueMatch(h) for h in found[i].get(self.category_ids[j], [])]
            k = nearest[i, j]
            if k >= 0:
                parts.append(NearestExemplar(self.features.space.exemplar_ids[k]))
            if words is not None:
                terms = self.head.word_model.key_terms(words, i, j)
                if terms:
                    parts.append(KeyWords(tuple(terms)))
            result[(i, j)] = tuple(parts) or (DescriptionMatch(),)
        return result
