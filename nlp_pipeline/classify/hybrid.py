"""The hybrid classifier: cue counts, similarities and embeddings into one head per category.

One logistic regression per category reads the passage embedding, the cue
counts and the description similarities of all categories, so it can learn
that "penalties" next to "turnover" means sanctions while "penalties" in a
definition list does not. Categories with too few labelled passages keep the
untrained combination of cues and similarity, and say so in the model card.
The head is stored as plain arrays (npz + json, no pickle) and rebuilt
exactly by `resourcing train`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from nlp_pipeline.classify.base import PassageClassifier, Scores, register_classifier
from nlp_pipeline.classify.cues import cue_matcher
from nlp_pipeline.classify.similarity import CategorySpace
from nlp_pipeline.taxonomy import Taxonomy

MODEL_DIR = Path(__file__).resolve().parents[2] / "models" / "classifier"
CUE_CAP = 3.0


@dataclass
class HybridHead:
    """Everything a trained hybrid needs at prediction time."""

    category_ids: list[str]
    encoder: str
    coef: np.ndarray  # (k, d)
    intercept: np.ndarray  # (k,)
    mean: np.ndarray  # (d,) feature standardisation
    scale: np.ndarray  # (d,)
    trained: np.ndarray  # (k,) bool: has a supervised head
    thresholds: np.ndarray  # (k,)
    exemplars: np.ndarray  # (m, 384) raw embeddings of the labelled passages
    exemplar_ids: list[str]
    exemplar_labels: np.ndarray  # (m, k) bool
    card: dict = field(default_factory=dict)

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
        )
        card = dict(self.card, category_ids=self.category_ids, encoder=self.encoder, exemplar_ids=self.exemplar_ids)
        (directory / "hybrid.json").write_text(json.dumps(card, indent=1, sort_keys=True) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, directory: Path) -> HybridHead:
        card = json.loads((directory / "hybrid.json").read_text(encoding="utf-8"))
        with np.load(directory / "hybrid.npz", allow_pickle=False) as arrays:
            data = {name: arrays[name] for name in arrays.files}
        return cls(
            category_ids=card.pop("category_ids"),
            encoder=card.pop("encoder"),
            exemplar_ids=card.pop("exemplar_ids"),
            coef=data["coef"],
            intercept=data["intercept"],
            mean=data["mean"],
            scale=data["scale"],
            trained=data["trained"].astype(bool),
            thresholds=data["thresholds"].astype(np.float64),
            exemplars=data["exemplars"].astype(np.float32),
            exemplar_labels=data["exemplar_labels"].astype(bool),
            card=card,
        )


def head_fingerprint(directory: Path = MODEL_DIR) -> str:
    digest = hashlib.sha256()
    for name in ("hybrid.npz", "hybrid.json"):
        path = directory / name
        if path.exists():
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class FeatureBuilder:
    """Turns texts into the features the head reads; shared by training and prediction."""

    def __init__(self, taxonomy: Taxonomy, encoder: str = "static"):
        self.space = CategorySpace(taxonomy, encoder)
        self.cues = cue_matcher(taxonomy)

    def build(self, texts: Sequence[str]):
        vectors = self.space.embed(texts)
        counts, found = self.cues.counts(texts)
        description_sims = vectors @ self.space.descriptions.T
        features = np.hstack([vectors, np.minimum(counts, CUE_CAP) / CUE_CAP, description_sims])
        return features, vectors, counts, found


def untrained_scores(counts: np.ndarray, sims: np.ndarray) -> np.ndarray:
    """The zero-shot combination used where no head could be trained."""
    cue_part = 1.0 - np.power(0.5, counts)
    sim_part = np.clip((sims + 1.0) / 2.0, 0.0, 1.0)
    return 0.5 * cue_part + 0.5 * sim_part


def sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(x, -40, 40)))


@register_classifier("hybrid")
class HybridClassifier(PassageClassifier):
    name = "hybrid"

    def __init__(self, taxonomy: Taxonomy, head: HybridHead | None = None, model_dir: Path | None = None,
                 encoder: str = "static"):
        super().__init__(taxonomy)
        if head is None:
            directory = Path(model_dir) if model_dir else MODEL_DIR
            if (directory / "hybrid.npz").exists():
                head = HybridHead.load(directory)
        if head is not None and head.category_ids != self.category_ids:
            # A head trained on another taxonomy cannot be used: fall back
            # rather than mislabel categories.
            head = None
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

    def score(self, texts: Sequence[str]) -> Scores:
        features, vectors, counts, found = self.features.build(texts)
        sims, nearest = self.features.space.similarities(vectors)
        values = untrained_scores(counts, sims)
        if self.head is not None:
            standardised = (features - self.head.mean) / self.head.scale
            learned = sigmoid(standardised @ self.head.coef.T + self.head.intercept)
            values = np.where(self.head.trained[None, :], learned, values)
        return Scores(values=values, evidence=self._evidence(values, found, nearest))

    def _evidence(self, values, found, nearest) -> dict[tuple[int, int], tuple[str, ...]]:
        evidence: dict[tuple[int, int], tuple[str, ...]] = {}
        for i, j in zip(*np.nonzero(values >= self.thresholds)):
            i, j = int(i), int(j)
            hits = found[i].get(self.category_ids[j], [])
            parts = [f"cue:{h}" for h in hits]
            k = nearest[i, j]
            if k >= 0:
                parts.append(f"exemplar:{self.features.space.exemplar_ids[k]}")
            evidence[(i, j)] = tuple(parts) or ("similar to the category description",)
        return evidence
