"""Embedding similarity of passages to category descriptions and exemplars.

A category is represented by its description (label, definition and cues)
and, once labelled data exists, by the labelled passages that carry it. Both
are compared after removing the vector every text shares (static embeddings
are strongly anisotropic), so scores reflect what is specific to a topic.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from nlp_pipeline.classify.base import PassageClassifier, Scores, register_classifier
from nlp_pipeline.classify.encoders import make_encoder
from nlp_pipeline.records import DescriptionMatch, NearestExemplar
from nlp_pipeline.taxonomy import Taxonomy, categories


def normalise_rows(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return matrix / norms


class CategorySpace:
    """Category vectors (descriptions, optional exemplars) in a centred embedding space."""

    def __init__(self, taxonomy: Taxonomy, encoder_name: str = "static"):
        self.encoder = make_encoder(encoder_name)
        self.categories = categories(taxonomy)
        texts = [f"{c.label}. {c.definition} {'; '.join(c.cues)}" for c in self.categories]
        raw = self.encoder.encode(texts)
        self.centre = raw.mean(axis=0)
        self.descriptions = normalise_rows(raw - self.centre)
        self.exemplars = np.zeros((0, raw.shape[1]), dtype=np.float32)
        self.exemplar_ids: list[str] = []
        self.exemplar_labels = np.zeros((0, len(self.categories)), dtype=bool)

    def set_exemplars(self, vectors: np.ndarray, ids: list[str], labels: np.ndarray) -> None:
        self.exemplars = normalise_rows(vectors - self.centre)
        self.exemplar_ids = ids
        self.exemplar_labels = labels.astype(bool)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        return normalise_rows(self.encoder.encode(texts) - self.centre)

    def similarities(self, vectors: np.ndarray, exclude_self: bool = False) -> tuple[np.ndarray, np.ndarray]:
        """(n, k) similarity per category, and the index of the nearest exemplar per cell (-1 if none).

        With `exclude_self`, `vectors` are the exemplars themselves (row i is
        exemplar i) and no passage may count as its own nearest neighbour.
        """
        to_description = vectors @ self.descriptions.T
        nearest = np.full(to_description.shape, -1, dtype=np.int64)
        if not len(self.exemplar_ids):
            return to_description, nearest
        to_exemplars = vectors @ self.exemplars.T
        if exclude_self:
            np.fill_diagonal(to_exemplars, -1.0)
        best = to_description.copy()
        for j in range(len(self.categories)):
            members = np.flatnonzero(self.exemplar_labels[:, j])
            if not members.size:
                continue
            sims = to_exemplars[:, members]
            # Mean of the three nearest exemplars is steadier than the single nearest.
            top = np.sort(sims, axis=1)[:, -3:]
            best[:, j] = np.maximum(best[:, j], top.mean(axis=1))
            nearest[:, j] = members[np.argmax(sims, axis=1)]
        return best, nearest


def similarity_scores(sims: np.ndarray) -> np.ndarray:
    """Cosine similarities mapped onto the 0-1 score scale."""
    return np.clip((sims + 1.0) / 2.0, 0.0, 1.0)


@register_classifier("similarity")
class SimilarityClassifier(PassageClassifier):
    name = "similarity"

    def __init__(self, taxonomy: Taxonomy, encoder: str = "static", space: CategorySpace | None = None,
                 thresholds: Sequence[float] | None = None):
        super().__init__(taxonomy)
        self.space = space or CategorySpace(taxonomy, encoder)
        self.thresholds = np.asarray(thresholds) if thresholds is not None else np.full(len(self.category_ids), 0.6)

    def score(self, texts: Sequence[str]) -> Scores:
        vectors = self.space.embed(texts)
        sims, nearest = self.space.similarities(vectors)
        values = similarity_scores(sims)
        evidence = {}
        for i, j in zip(*np.nonzero(values >= self.thresholds)):
            k = nearest[i, j]
            evidence[(int(i), int(j))] = (
                (NearestExemplar(self.space.exemplar_ids[k]),) if k >= 0 else (DescriptionMatch(),)
            )
        return Scores(values=values, evidence=evidence)
