"""A logistic regression per category on the passage embedding: the third voice of the fused classifier.

Measured in document-grouped cross-validation on 2,998 labelled passages from
34 documents: averaged with the hybrid head and the word model, it lifts
micro-F1 by about two and macro-F1 by about three points over the two alone,
because it generalises across wording that neither the cue lists nor the
word model have seen. Stored as plain arrays with the head.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

REGULARISATION = 1.0
MIN_POSITIVES = 2  # a category with fewer labelled positives scores 0


@dataclass
class EmbeddingModel:
    coef: np.ndarray  # (k, d)
    intercept: np.ndarray  # (k,)
    fitted: np.ndarray  # (k,) bool

    @classmethod
    def fit(cls, vectors: np.ndarray, labels: np.ndarray) -> EmbeddingModel:
        from sklearn.linear_model import LogisticRegression

        k, d = labels.shape[1], vectors.shape[1]
        coef, intercept = np.zeros((k, d)), np.zeros(k)
        fitted = labels.sum(axis=0) >= MIN_POSITIVES
        fitted &= (~labels).sum(axis=0) >= 1
        for j in np.flatnonzero(fitted):
            # liblinear: ten times faster than lbfgs here, the same scores to the third decimal.
            model = LogisticRegression(C=REGULARISATION, class_weight="balanced", solver="liblinear", max_iter=2000)
            model.fit(vectors, labels[:, j])
            coef[j], intercept[j] = model.coef_[0], model.intercept_[0]
        return cls(coef, intercept, fitted)

    def scores(self, vectors: np.ndarray) -> np.ndarray:
        """(n, k) probabilities; 0 for categories the model could not learn."""
        z = vectors @ self.coef.T + self.intercept
        return np.where(self.fitted, 1.0 / (1.0 + np.exp(-np.clip(z, -40, 40))), 0.0)

    def arrays(self, prefix: str = "embedding") -> dict[str, np.ndarray]:
        return {f"{prefix}_coef": self.coef.astype(np.float32), f"{prefix}_intercept": self.intercept.astype(np.float32),
                f"{prefix}_fitted": self.fitted}

    @classmethod
    def from_arrays(cls, data: dict[str, np.ndarray], prefix: str = "embedding") -> EmbeddingModel | None:
        if f"{prefix}_coef" not in data:
            return None
        return cls(data[f"{prefix}_coef"].astype(np.float64), data[f"{prefix}_intercept"].astype(np.float64),
                   data[f"{prefix}_fitted"].astype(bool))
