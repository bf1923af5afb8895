"""Scores that mean what they say: 0.8 is right about eight times in ten.

The fused score of the three models is mapped through an isotonic
regression fitted on out-of-fold scores of the training documents (passages
of a document never score themselves), pooled over categories: a mapping per
category would be fitted on a few dozen positives and over-fit. Stored as the
breakpoints of a piecewise-linear function.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class Calibration:
    x: np.ndarray  # increasing breakpoints of the raw score
    y: np.ndarray  # calibrated probability at each breakpoint

    @classmethod
    def identity(cls) -> Calibration:
        return cls(np.array([0.0, 1.0]), np.array([0.0, 1.0]))

    @classmethod
    def fit(cls, scores: np.ndarray, truth: np.ndarray) -> Calibration:
        from sklearn.isotonic import IsotonicRegression

        scores, truth = np.ravel(scores), np.ravel(truth).astype(float)
        if not truth.any() or truth.all():
            return cls.identity()
        model = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip").fit(scores, truth)
        x, y = model.X_thresholds_, model.y_thresholds_
        # Anchor the ends so a score outside the training range maps sensibly.
        x = np.concatenate([[0.0], x, [1.0]])
        y = np.concatenate([[y[0]], y, [y[-1]]])
        return cls(x, y)

    def __call__(self, scores: np.ndarray) -> np.ndarray:
        return np.interp(scores, self.x, self.y)


def reliability(scores: np.ndarray, truth: np.ndarray, edges: tuple[float, ...] = (0.0, 0.2, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)
                ) -> list[tuple[float, float, int, float]]:
    """(low, high, cells, share right) per score band: how often a score in the band is a correct category."""
    scores, truth = np.ravel(scores), np.ravel(truth)
    rows = []
    for low, high in zip(edges[:-1], edges[1:]):
        band = (scores >= low) & (scores < high)
        rows.append((low, min(high, 1.0), int(band.sum()), float(truth[band].mean()) if band.any() else float("nan")))
    return rows
