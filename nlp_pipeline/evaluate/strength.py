"""How well the assess rules reproduce the labelled commitment strength.

The rules are not trained, so no fold can leak into them; the figures are
still reported per document kind, and beside a modal-verb-only baseline so a
reader can see what the structure-aware rules add.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from nlp_pipeline.assess import assess_passages
from nlp_pipeline.evaluate.metrics import strength_accuracy
from nlp_pipeline.labelled import LabelledPassage

_BINDING = re.compile(r"\b(shall|must|is required to|are required to)\b", re.IGNORECASE)
_SOFT = re.compile(r"\b(should|may|aim|aims|strive|encourage|endeavour|seek)\b", re.IGNORECASE)


def modal_baseline(text: str) -> int:
    """The naive reading: 'shall' is binding, 'should' is soft, anything else is a process."""
    if _BINDING.search(text):
        return 4
    if _SOFT.search(text):
        return 1
    return 2


@dataclass
class StrengthReport:
    truth: np.ndarray
    rules: np.ndarray
    baseline: np.ndarray
    kinds: list[str]
    relevant: np.ndarray  # passages with at least one labelled category

    def rows(self) -> list[tuple[str, int, float, float, float, float]]:
        """(subset, n, rules exact, rules within one, baseline exact, baseline within one)."""
        kinds = np.array(self.kinds)
        subsets = [("all passages", np.ones(len(self.truth), dtype=bool)), ("on-topic passages", self.relevant)]
        subsets += [(f"kind={k}", kinds == k) for k in sorted(set(self.kinds))]
        out = []
        for name, mask in subsets:
            exact, within = strength_accuracy(self.rules[mask], self.truth[mask])
            b_exact, b_within = strength_accuracy(self.baseline[mask], self.truth[mask])
            out.append((name, int(mask.sum()), exact, within, b_exact, b_within))
        return out


def evaluate_strength(passages: Sequence[LabelledPassage], topic_mask: np.ndarray | None = None) -> StrengthReport:
    """Strength of each labelled passage; `topic_mask` says which passages are on topic.

    With no mask the gold categories decide relevance (this isolates the
    assess stage); pass the classifier's out-of-fold predictions to measure
    the two stages together.
    """
    records = [p.as_passage(i) for i, p in enumerate(passages)]
    assessed = assess_passages(records)
    truth = np.array([p.strength for p in passages])
    relevant = np.array([bool(p.categories) for p in passages]) if topic_mask is None else topic_mask
    rules = np.array([a.strength for a in assessed]) * relevant
    baseline = np.array([modal_baseline(p.text) for p in passages]) * relevant
    return StrengthReport(truth, rules, baseline, [p.doc_kind.value for p in passages],
                          np.array([bool(p.categories) for p in passages]))
