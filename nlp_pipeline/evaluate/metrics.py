"""Precision, recall and F1 for multi-label predictions, pure and small."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Counts:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        denominator = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / denominator if denominator else 0.0

    @property
    def support(self) -> int:
        return self.tp + self.fn


def per_category(predicted: np.ndarray, truth: np.ndarray) -> list[Counts]:
    return [
        Counts(
            tp=int(np.sum(predicted[:, j] & truth[:, j])),
            fp=int(np.sum(predicted[:, j] & ~truth[:, j])),
            fn=int(np.sum(~predicted[:, j] & truth[:, j])),
        )
        for j in range(truth.shape[1])
    ]


def micro_f1(predicted: np.ndarray, truth: np.ndarray) -> float:
    counts = per_category(predicted, truth)
    return Counts(sum(c.tp for c in counts), sum(c.fp for c in counts), sum(c.fn for c in counts)).f1


def macro_f1(predicted: np.ndarray, truth: np.ndarray, min_support: int = 1) -> float:
    counts = [c for c in per_category(predicted, truth) if c.support >= min_support]
    return float(np.mean([c.f1 for c in counts])) if counts else 0.0


def strength_accuracy(predicted: np.ndarray, truth: np.ndarray) -> tuple[float, float]:
    """(exact, within one level)."""
    if not len(truth):
        return 0.0, 0.0
    difference = np.abs(predicted.astype(int) - truth.astype(int))
    return float(np.mean(difference == 0)), float(np.mean(difference <= 1))


def top_category_precision(scores: np.ndarray, truth: np.ndarray) -> float:
    """Share of on-topic passages whose highest-scored category is one of theirs."""
    on_topic = truth.any(axis=1)
    if not on_topic.any():
        return 0.0
    top = np.argmax(scores, axis=1)
    return float(np.mean(truth[np.arange(len(truth)), top][on_topic]))


def known_count_predictions(scores: np.ndarray, truth: np.ndarray) -> np.ndarray:
    """Each passage's top-n categories, n being its number of true labels.

    A generous reference for the scores' ranking: it knows what no threshold
    can, how many categories each passage has, so where its F1 is low the
    ranking, not the choice of threshold, is what falls short.
    """
    predicted = np.zeros(truth.shape, dtype=bool)
    order = np.argsort(-scores, axis=1, kind="stable")
    for i, n in enumerate(truth.sum(axis=1)):
        predicted[i, order[i, :n]] = True
    return predicted


def precision_at(scores: np.ndarray, truth: np.ndarray, threshold: float = 0.5) -> tuple[float, int]:
    """Share of (passage, category) cells scored at `threshold` or more that are right, and how many there are."""
    chosen = scores >= threshold
    count = int(chosen.sum())
    return (float(truth[chosen].mean()) if count else float("nan")), count


def top_confusions(predicted: np.ndarray, truth: np.ndarray, category_ids: list[str], limit: int = 10
                   ) -> list[tuple[str, str, int]]:
    """The most frequent wrong categories, each with what the passage really was about.

    A wrong category on a passage with no label counts against "(no category)";
    on a labelled passage, against each of its true categories it was not.
    """
    counts: dict[tuple[str, str], int] = {}
    for i, j in zip(*np.nonzero(predicted & ~truth)):
        wrong = category_ids[j]
        real = [category_ids[t] for t in np.flatnonzero(truth[i])] or ["(no category)"]
        for r in real:
            counts[(r, wrong)] = counts.get((r, wrong), 0) + 1
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]
    return [(real, wrong, n) for (real, wrong), n in ranked]
