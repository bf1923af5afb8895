"""The relevance gate: is a passage about the conduct the roadmap cares about at all?

Before asking which category, ask whether any: human rights, circular economy
or responsible production in a value chain, as opposed to GHG accounting
mechanics, financial statements, market statistics, tables of contents or
boilerplate. One logistic regression on the word-and-word-pair features and
the embedding, trained on every labelled passage (on topic = at least one
category), with the deliberate hard negatives of the labelled set. A passage
below the gate's floor gets no category, whatever the category models say.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nlp_pipeline.classify.term_weights import TermWeights

REGULARISATION = 2.0


@dataclass
class RelevanceGate:
    word_coef: np.ndarray  # (v,) over the word model's vocabulary
    embedding_coef: np.ndarray  # (d,)
    intercept: float
    floor: float  # below this probability a passage is off topic

    @classmethod
    def fit(cls, words: TermWeights, vectors: np.ndarray, on_topic: np.ndarray, floor: float = 0.0) -> RelevanceGate:
        from scipy.sparse import csr_matrix, hstack
        from sklearn.linear_model import LogisticRegression

        if on_topic.all() or not on_topic.any() or not words.shape[1]:
            return cls(np.zeros(words.shape[1]), np.zeros(vectors.shape[1]), 10.0, floor)
        design = hstack([words.to_csr(), csr_matrix(vectors)]).tocsr()
        model = LogisticRegression(C=REGULARISATION, class_weight="balanced", solver="liblinear", max_iter=3000)
        model.fit(design, on_topic)
        coef = model.coef_[0]
        return cls(coef[: words.shape[1]], coef[words.shape[1]:], float(model.intercept_[0]), floor)

    def probability(self, words: TermWeights, vectors: np.ndarray) -> np.ndarray:
        z = words.dot(self.word_coef) + vectors @ self.embedding_coef + self.intercept
        return 1.0 / (1.0 + np.exp(-np.clip(z, -40, 40)))

    def arrays(self) -> dict[str, np.ndarray]:
        return {"gate_word_coef": self.word_coef.astype(np.float32),
                "gate_embedding_coef": self.embedding_coef.astype(np.float32),
                "gate_intercept_floor": np.array([self.intercept, self.floor], dtype=np.float64)}

    @classmethod
    def from_arrays(cls, data: dict[str, np.ndarray]) -> RelevanceGate | None:
        if "gate_word_coef" not in data:
            return None
        intercept, floor = data["gate_intercept_floor"]
        return cls(data["gate_word_coef"].astype(np.float64), data["gate_embedding_coef"].astype(np.float64),
                   float(intercept), float(floor))
