"""compare stage: two versions of a text (a draft and the adopted act, two years of a report).

`compare_versions(old, new)` analyses both files with the same taxonomy and
classifier, aligns their passages (alignment.py) and states the differences
in the roadmap's terms (changes.py). Both files must be readable: a
comparison with one side missing would report everything as added or removed.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from nlp_pipeline.classify.base import PassageClassifier
from nlp_pipeline.compare.alignment import AlignedPair, align_passages
from nlp_pipeline.compare.changes import category_comparisons, milestone_comparisons, passage_changes
from nlp_pipeline.errors import InputError
from nlp_pipeline.pipeline import Failure, iter_analyses, resolve_options
from nlp_pipeline.records import (
    CategoryComparison,
    Change,
    ChangeKind,
    ClassifierInfo,
    DocumentAnalysis,
    DocumentKind,
    MilestoneComparison,
)
from nlp_pipeline.taxonomy import Taxonomy, categories

__all__ = ["Comparison", "compare_versions"]


@dataclass
class Comparison:
    taxonomy: Taxonomy
    classifier: ClassifierInfo
    old: DocumentAnalysis
    new: DocumentAnalysis
    pairs: list[AlignedPair]
    changes: list[Change]
    categories: list[CategoryComparison]
    milestones: list[MilestoneComparison]
    timings: dict[str, float] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        """Passages by what happened to them, plus how many changes alter a commitment."""
        by_kind = Counter(change.kind for change in self.changes)
        matched = sum(1 for pair in self.pairs if pair.old is not None and pair.new is not None)
        counts = {"old_passages": len(self.old.passages), "new_passages": len(self.new.passages),
                  "unchanged": matched - by_kind[ChangeKind.MODIFIED] - by_kind[ChangeKind.MOVED]}
        counts.update({kind.value: by_kind[kind] for kind in ChangeKind})
        counts["major"] = sum(1 for change in self.changes if change.severity == "major")
        return counts


def compare_versions(
    old_path: str | Path,
    new_path: str | Path,
    taxonomy: Taxonomy | str | Path | None = None,
    classifier: str | PassageClassifier = "hybrid",
    kind: DocumentKind | str | None = None,
) -> Comparison:
    """Analyse both versions and say what changed; raises InputError if either cannot be read."""
    taxonomy, classifier, kind = resolve_options(taxonomy, classifier, kind)
    timings: dict[str, float] = {}
    versions = []
    for label, path in (("old", old_path), ("new", new_path)):
        if Path(path).is_dir():
            raise InputError(str(path), "is a folder; compare takes two files, one per version")
        started = time.perf_counter()
        outcome = next(iter_analyses([Path(path)], taxonomy, classifier, kind), None)
        timings[f"analyze_{label}"] = time.perf_counter() - started
        if outcome is None:
            raise InputError(str(path), "no document could be read")
        if isinstance(outcome, Failure):
            raise InputError(str(path), outcome.reason)
        versions.append(outcome)
    old, new = versions
    started = time.perf_counter()
    pairs = align_passages([p.passage for p in old.passages], [p.passage for p in new.passages])
    changes = passage_changes(pairs, old, new)
    timings["align_compare"] = time.perf_counter() - started
    return Comparison(
        taxonomy=taxonomy,
        classifier=classifier.describe(),
        old=old,
        new=new,
        pairs=pairs,
        changes=changes,
        categories=category_comparisons(old, new, changes, [c.id for c in categories(taxonomy)]),
        milestones=milestone_comparisons(old, new),
        timings=timings,
    )
