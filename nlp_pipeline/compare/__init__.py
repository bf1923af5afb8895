"""compare stage: two versions of a text (a draft and the adopted act, an act and its amendment, two years of a report).

`compare_versions(old, new)` reads both files and analyses them with the same
taxonomy and classifier. When the new file is an act amending the old one
("Article 2 is replaced by the following"), its instructions are applied to
the old act first (amendment.py) and the old act is compared with the
consolidated text. Provisions are aligned by structure, then by content
(alignment.py); what differs becomes typed changes (changes.py, effects.py);
the roadmap view is rebuilt from operative provisions (verdicts.py).
Both files must be readable: a comparison with one side missing would report
everything as added or removed.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from nlp_pipeline.classify.base import PassageClassifier
from nlp_pipeline.compare.alignment import Alignment, align_versions
from nlp_pipeline.compare.amendment import AmendmentReport, choose_act, consolidate, read_amending_act
from nlp_pipeline.compare.changes import build_changes
from nlp_pipeline.compare.provisions import chapters_of, is_structured_act, provisions_of
from nlp_pipeline.compare.verdicts import category_comparisons, milestone_comparisons, verdict_cells
from nlp_pipeline.errors import InputError
from nlp_pipeline.ingest import read_document
from nlp_pipeline.pipeline import analyse_document, resolve_options
from nlp_pipeline.records import (
    CategoryComparison,
    Change,
    ChangeKind,
    ClassifierInfo,
    Document,
    DocumentAnalysis,
    DocumentKind,
    MilestoneComparison,
)
from nlp_pipeline.taxonomy import Taxonomy, categories

__all__ = ["Comparison", "compare_analyses", "compare_versions"]


@dataclass
class Comparison:
    taxonomy: Taxonomy
    classifier: ClassifierInfo
    old: DocumentAnalysis
    new: DocumentAnalysis  # the consolidated act when the new file amends the old one
    alignment: Alignment
    changes: list[Change]
    categories: list[CategoryComparison]
    milestones: list[MilestoneComparison]
    timings: dict[str, float] = field(default_factory=dict)
    amendment: AmendmentReport | None = None
    held_categories: int = 0  # categories the stability rule kept from flipping
    reach: list[tuple[str, int, int]] = field(default_factory=list)
    structured: bool = False  # compared provision by provision (an act) rather than passage by passage
    notes: list[str] = field(default_factory=list)  # how the comparison was read, for the reader

    def counts(self) -> dict[str, int]:
        """Provisions by what happened to them, changes by kind, and how many alter a commitment."""
        by_kind = Counter(change.kind for change in self.changes)
        touched = {p.id for change in self.changes for p in change.new}
        unchanged = sum(1 for unit in self.alignment.new
                        if not any(self.new.passages[i].id in touched for i in unit.passages))
        counts = {
            "old_passages": len(self.old.passages), "new_passages": len(self.new.passages),
            "old_provisions": len(self.alignment.old), "new_provisions": len(self.alignment.new),
            "unchanged_provisions": unchanged,
            "changes": len(self.changes),
        }
        counts.update({kind.value: by_kind[kind] for kind in ChangeKind})
        counts["major"] = sum(1 for change in self.changes if change.severity == "major")
        counts["minor"] = counts["changes"] - counts["major"]
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
    started = time.perf_counter()
    old_document, new_document = (_read(path, kind) for path in (old_path, new_path))
    timings["ingest"] = time.perf_counter() - started
    amendment, notes = None, []
    started = time.perf_counter()
    amending = read_amending_act(new_document, Path(new_path))
    if amending is not None:
        act, basis = choose_act(old_document, amending)
        if act:
            new_document, amendment = consolidate(old_document, amending, act, basis)
        else:
            notes.append(basis)
    timings["consolidate"] = time.perf_counter() - started
    started = time.perf_counter()
    old = analyse_document(old_document, classifier, taxonomy)
    timings["analyze_old"] = time.perf_counter() - started
    started = time.perf_counter()
    new = analyse_document(new_document, classifier, taxonomy)
    timings["analyze_new"] = time.perf_counter() - started
    comparison = compare_analyses(old, new, taxonomy, classifier)
    comparison.timings = {**timings, **comparison.timings}
    comparison.amendment = amendment
    comparison.notes = notes + comparison.notes
    return comparison


def _read(path: str | Path, kind: DocumentKind | None) -> Document:
    if Path(path).is_dir():
        raise InputError(str(path), "is a folder; compare takes two files, one per version")
    document = read_document(path)
    return replace(document, kind=kind) if kind else document


def compare_analyses(old: DocumentAnalysis, new: DocumentAnalysis, taxonomy: Taxonomy,
                     classifier: PassageClassifier | None = None) -> Comparison:
    """What changed between two analysed versions; `classifier` gives the full scores the stability rule reads."""
    started = time.perf_counter()
    structured = is_structured_act(old) and is_structured_act(new)
    old_units, new_units = provisions_of(old), provisions_of(new)
    if not structured:
        # One side is not read as an act: compare both as plain text, passage by passage.
        old_units, new_units = provisions_of(_as_text(old)), provisions_of(_as_text(new))
    alignment = align_versions(old_units, new_units, structured)
    scores = (lambda passages: classifier.category_scores([p.passage for p in passages])) if classifier else None
    found = build_changes(alignment, old, new, scores, chapters_of(old), chapters_of(new))
    old_cells, old_milestones = verdict_cells(old, old.passages, old_units, taxonomy)
    new_cells, new_milestones = verdict_cells(new, found.new_passages, new_units, taxonomy)
    category_ids = [c.id for c in categories(taxonomy)]
    timings = {"align_compare": time.perf_counter() - started}
    return Comparison(
        taxonomy=taxonomy,
        classifier=classifier.describe() if classifier else ClassifierInfo("unknown"),
        old=old,
        new=replace(new, passages=found.new_passages, coverage=new_cells, milestones=new_milestones),
        alignment=alignment,
        changes=found.changes,
        categories=category_comparisons(old_cells, new_cells, found.changes, category_ids, old.doc_id, new.doc_id),
        milestones=milestone_comparisons(old_milestones, new_milestones),
        timings=timings,
        held_categories=found.held_categories,
        reach=found.reach,
        structured=structured,
        notes=list(found.notes),
    )


def _as_text(analysis: DocumentAnalysis) -> DocumentAnalysis:
    return replace(analysis, document=replace(analysis.document, kind=DocumentKind.REPORT),
                   passages=tuple(replace(p, passage=replace(p.passage, role="")) for p in analysis.passages))
