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

from nlp_pipeline.classify.base import PassageClassifier, make_classifier
from nlp_pipeline.compare.alignment import AlignedPair, align_passages
from nlp_pipeline.compare.changes import (
    TextVersion,
    category_comparisons,
    milestone_comparisons,
    passage_changes,
)
from nlp_pipeline.errors import InputError
from nlp_pipeline.pipeline import analyze
from nlp_pipeline.records import CategoryComparison, Change, DocumentKind, MilestoneComparison
from nlp_pipeline.taxonomy import Taxonomy, categories, load_taxonomy

__all__ = ["Comparison", "TextVersion", "compare_versions"]

CHANGE_KINDS = ("modified", "moved", "added", "removed")


@dataclass
class Comparison:
    taxonomy: Taxonomy
    classifier: str
    old: TextVersion
    new: TextVersion
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
                  "unchanged": matched - by_kind["modified"] - by_kind["moved"]}
        counts.update({kind: by_kind[kind] for kind in CHANGE_KINDS})
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
    if not isinstance(taxonomy, Taxonomy):
        taxonomy = load_taxonomy(taxonomy)
    if isinstance(classifier, str):
        classifier = make_classifier(classifier, taxonomy)
    timings: dict[str, float] = {}
    versions = []
    for label, path in (("old", old_path), ("new", new_path)):
        if Path(path).is_dir():
            raise InputError(str(path), "is a folder; compare takes two files, one per version")
        started = time.perf_counter()
        result = analyze([path], taxonomy=taxonomy, classifier=classifier, kind=kind)
        timings[f"analyze_{label}"] = time.perf_counter() - started
        if result.failures or not result.documents:
            failure = result.failures[0] if result.failures else None
            raise InputError(str(path), failure.reason if failure else "no document could be read")
        versions.append(
            TextVersion(
                document=result.documents[0],
                passages=tuple(result.passages),
                scores=result.scores,
                assessments=result.assessments,
                coverage=tuple(result.coverage),
                milestones=tuple(result.milestones),
            )
        )
    old, new = versions
    started = time.perf_counter()
    pairs = align_passages(old.passages, new.passages)
    changes = passage_changes(pairs, old, new)
    timings["align_compare"] = time.perf_counter() - started
    return Comparison(
        taxonomy=taxonomy,
        classifier=classifier.name,
        old=old,
        new=new,
        pairs=pairs,
        changes=changes,
        categories=category_comparisons(old, new, changes, [c.id for c in categories(taxonomy)]),
        milestones=milestone_comparisons(old, new),
        timings=timings,
    )
