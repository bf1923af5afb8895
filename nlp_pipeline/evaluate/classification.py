"""Document-grouped cross-validation of cue-only, similarity-only and hybrid classifiers.

Every fold holds out whole documents, and every threshold or head is fitted on
the training documents of that fold only, so the figures describe documents
the classifier has never seen.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from sklearn.model_selection import GroupKFold

from nlp_pipeline.classify.hybrid import FeatureBuilder, HybridClassifier
from nlp_pipeline.classify.similarity import similarity_scores
from nlp_pipeline.classify.training import fit_hybrid, training_set, tune_thresholds
from nlp_pipeline.evaluate.metrics import Counts, macro_f1, micro_f1, per_category
from nlp_pipeline.labelled import LabelledPassage
from nlp_pipeline.taxonomy import Taxonomy, categories

METHODS = ("cues", "similarity", "hybrid")
MIN_SUPPORT = 8


@dataclass
class MethodResult:
    name: str
    predicted: np.ndarray  # (n, k) bool, out of fold
    scores: np.ndarray


@dataclass
class ClassificationReport:
    category_ids: list[str]
    truth: np.ndarray
    kinds: list[str]
    results: dict[str, MethodResult] = field(default_factory=dict)
    folds: int = 0
    documents: int = 0

    def summary(self) -> dict[str, dict[str, float]]:
        return {name: self._scores(r.predicted, self.truth) for name, r in self.results.items()}

    def by_kind(self) -> dict[str, dict[str, dict[str, float]]]:
        out: dict[str, dict[str, dict[str, float]]] = {}
        kinds = np.array(self.kinds)
        for kind in sorted(set(self.kinds)):
            rows = kinds == kind
            out[kind] = {
                name: self._scores(r.predicted[rows], self.truth[rows]) | {"passages": int(rows.sum())}
                for name, r in self.results.items()
            }
        return out

    def per_category(self, method: str = "hybrid") -> list[tuple[str, Counts]]:
        return list(zip(self.category_ids, per_category(self.results[method].predicted, self.truth)))

    @staticmethod
    def _scores(predicted: np.ndarray, truth: np.ndarray) -> dict[str, float]:
        return {
            "micro_f1": micro_f1(predicted, truth),
            "macro_f1": macro_f1(predicted, truth, min_support=MIN_SUPPORT),
            "macro_f1_all": macro_f1(predicted, truth, min_support=1),
        }


def cross_validate(passages: Sequence[LabelledPassage], taxonomy: Taxonomy, folds: int = 5,
                   encoder: str = "static") -> ClassificationReport:
    data = training_set(passages, taxonomy)
    builder = FeatureBuilder(taxonomy, encoder)
    built = builder.build(data.texts)
    vectors, counts = built.vectors, built.counts
    raw = builder.space.encoder.encode(data.texts)
    n, k = data.labels.shape
    scores = {name: np.zeros((n, k)) for name in METHODS}
    predicted = {name: np.zeros((n, k), dtype=bool) for name in METHODS}
    groups = np.array(data.groups)
    n_groups = len(set(data.groups))
    splitter = GroupKFold(n_splits=min(folds, n_groups))
    for train, test in splitter.split(vectors, groups=groups):
        truth_train = data.labels[train]

        cue_scores = 1.0 - np.power(0.5, counts)
        cue_thresholds = tune_thresholds(cue_scores[train], truth_train, 0.75)
        scores["cues"][test] = cue_scores[test]
        predicted["cues"][test] = cue_scores[test] >= cue_thresholds

        builder.space.set_exemplars(raw[train], [data.ids[i] for i in train], truth_train)
        sim_train = similarity_scores(builder.space.similarities(vectors[train], exclude_self=True)[0])
        sim_test = similarity_scores(builder.space.similarities(vectors[test])[0])
        sim_thresholds = tune_thresholds(sim_train, truth_train, 0.6)
        scores["similarity"][test] = sim_test
        predicted["similarity"][test] = sim_test >= sim_thresholds

        subset = type(data)(
            texts=[data.texts[i] for i in train], labels=truth_train,
            groups=[data.groups[i] for i in train], ids=[data.ids[i] for i in train],
        )
        head = fit_hybrid(subset, taxonomy, builder, encoder)
        # The shipped classifier's own scoring path, on the text analyze gives it.
        classifier = HybridClassifier(taxonomy, head=head, encoder=encoder)
        hybrid_scores = classifier.score([data.texts[i] for i in test]).values
        scores["hybrid"][test] = hybrid_scores
        predicted["hybrid"][test] = hybrid_scores >= classifier.thresholds
    report = ClassificationReport(
        category_ids=[c.id for c in categories(taxonomy)],
        truth=data.labels,
        kinds=[p.doc_kind.value for p in passages],
        folds=splitter.get_n_splits(),
        documents=n_groups,
    )
    for name in METHODS:
        report.results[name] = MethodResult(name, predicted[name], scores[name])
    return report

