"""How classification improves with the number of labelled documents: the evidence for what to label next.

Fixed document-grouped test folds; for each fold the classifier is trained
on a seeded random subset of the training documents, at a few sizes, so a
point on the curve differs from the next only in how many documents taught
the model. Counted in documents, not passages: passages of one document are
alike, and it is new documents that teach the model something.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.model_selection import GroupKFold

from nlp_pipeline.classify.hybrid import FeatureBuilder, HybridClassifier
from nlp_pipeline.classify.training import TrainingSet, fit_hybrid, training_set
from nlp_pipeline.evaluate.metrics import macro_f1, micro_f1
from nlp_pipeline.labelled import LabelledPassage
from nlp_pipeline.taxonomy import Taxonomy

SHARES = (0.25, 0.5, 1.0)


@dataclass(frozen=True)
class CurvePoint:
    documents: int  # training documents per fold, on average
    passages: int  # training passages per fold, on average
    micro_f1: float
    macro_f1: float


def learning_curve(passages: Sequence[LabelledPassage], taxonomy: Taxonomy, folds: int = 3,
                   shares: Sequence[float] = SHARES, min_support: int = 8, seed: int = 7) -> list[CurvePoint]:
    data = training_set(passages, taxonomy)
    groups = np.asarray(data.groups)
    builder = FeatureBuilder(taxonomy)
    rng = np.random.default_rng(seed)
    splits = list(GroupKFold(n_splits=min(folds, len(set(data.groups)))).split(data.labels, groups=groups))
    points = []
    for share in shares:
        predicted = np.zeros(data.labels.shape, dtype=bool)
        sizes, counts = [], []
        for train, test in splits:
            documents = sorted(set(groups[train]))
            keep = set(rng.choice(documents, size=max(2, round(share * len(documents))), replace=False))
            chosen = np.array([i for i in train if groups[i] in keep])
            subset = TrainingSet([data.texts[i] for i in chosen], data.labels[chosen],
                                 [data.groups[i] for i in chosen], [data.ids[i] for i in chosen])
            classifier = HybridClassifier(taxonomy, head=fit_hybrid(subset, taxonomy, builder))
            predicted[test] = classifier.score([data.texts[i] for i in test]).values >= classifier.thresholds
            sizes.append(len(keep))
            counts.append(len(chosen))
        points.append(CurvePoint(round(float(np.mean(sizes))), round(float(np.mean(counts))),
                                 micro_f1(predicted, data.labels), macro_f1(predicted, data.labels, min_support)))
    return points
