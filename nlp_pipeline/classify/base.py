"""The classifier interface every technique implements, and its registry.

A classifier turns texts into a score per taxonomy category (0-1) plus the
evidence that drove each notable score; thresholds turn scores into the
categories predicted present. Techniques register by name so the CLI and the
config choose one without if-chains (spaCy's registry habit).
"""

from __future__ import annotations

import importlib
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from nlp_pipeline.classify.context import topic_text
from nlp_pipeline.records import CategoryScore, ClassifierInfo, Passage, ScoreEvidence
from nlp_pipeline.taxonomy import Taxonomy, categories


@dataclass
class Scores:
    """Scores of n texts on k categories, with evidence for notable cells."""

    values: np.ndarray  # shape (n, k), 0-1
    evidence: dict[tuple[int, int], tuple[ScoreEvidence, ...]] = field(default_factory=dict)


class PassageClassifier(ABC):
    name: str = ""

    def __init__(self, taxonomy: Taxonomy):
        self.taxonomy = taxonomy
        self.category_ids = [c.id for c in categories(taxonomy)]
        self.thresholds = np.full(len(self.category_ids), 0.5)

    def describe(self) -> ClassifierInfo:
        return ClassifierInfo(self.name)

    @abstractmethod
    def score(self, texts: Sequence[str]) -> Scores:
        """Scores for each text on every category of the taxonomy."""

    def classify_texts(self, texts: Sequence[str]) -> list[list[CategoryScore]]:
        scores = self.score(texts)
        return [self._row(scores, i) for i in range(len(texts))]

    def classify(self, passages: Sequence[Passage]) -> list[list[CategoryScore]]:
        scores = self.score_passages(passages)
        return [self._row(scores, i) for i in range(len(passages))]

    def score_passages(self, passages: Sequence[Passage]) -> Scores:
        """Every category's score for each passage, read with the headings it sits under."""
        return self.score([topic_text(p.text, p.section, p.heading) for p in passages])

    def category_scores(self, passages: Sequence[Passage]) -> dict[str, list[float]]:
        """Every category's score for each passage, below its threshold too: category id -> one score per passage.

        `classify` keeps only the categories a passage passes; comparing two
        versions of a passage needs to know how close the others came.
        """
        if not passages:
            return {c: [] for c in self.category_ids}
        values = self.score_passages(passages).values
        return {c: [float(v) for v in values[:, j]] for j, c in enumerate(self.category_ids)}

    def _row(self, scores: Scores, i: int) -> list[CategoryScore]:
        row = scores.values[i]
        present = row >= self.thresholds
        order = np.argsort(-row)
        return [
            CategoryScore(
                category_id=self.category_ids[j],
                score=float(row[j]),
                present=bool(present[j]),
                evidence=scores.evidence.get((i, j), ()),
            )
            for j in order
            if present[j]
        ]


ClassifierFactory = Callable[..., PassageClassifier]
_REGISTRY: dict[str, ClassifierFactory] = {}
_PLUGIN_MODULES: list[str] = []


def declare_classifier_modules(*modules: str) -> None:
    """Modules whose import registers classifiers; imported when a classifier is first needed."""
    _PLUGIN_MODULES.extend(m for m in modules if m not in _PLUGIN_MODULES)


def register_classifier(name: str) -> Callable[[ClassifierFactory], ClassifierFactory]:
    def decorate(factory: ClassifierFactory) -> ClassifierFactory:
        _REGISTRY[name] = factory
        return factory

    return decorate


def classifier_names() -> list[str]:
    _load_builtin()
    return sorted(_REGISTRY)


def make_classifier(name: str, taxonomy: Taxonomy, **options) -> PassageClassifier:
    _load_builtin()
    if name not in _REGISTRY:
        raise ValueError(f"unknown classifier '{name}' (available: {', '.join(classifier_names())})")
    return _REGISTRY[name](taxonomy, **options)


def _load_builtin() -> None:
    for module in _PLUGIN_MODULES:
        importlib.import_module(module)
