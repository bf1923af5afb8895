"""The roadmap view of a comparison: per category and per milestone, old against new.

The verdicts of an act rest on its operative provisions: recitals, the
explanatory memorandum, citations and closing formulas explain an act and
never change a commitment verdict, so the cells compared here are built from
the operative passages only (a report's passages all count). The new
version's passages are the stabilised ones (changes.py), so a category does
not come or go because the same words were read from another format.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from nlp_pipeline.aggregate import DocumentReading, coverage_cells, milestone_cells
from nlp_pipeline.compare.provisions import Provision
from nlp_pipeline.records import (
    AnalysedPassage,
    CategoryComparison,
    Change,
    CoverageCell,
    CoverageDirection,
    CoverageStatus,
    DocumentAnalysis,
    MilestoneCell,
    MilestoneComparison,
    VerdictDirection,
)
from nlp_pipeline.taxonomy import Taxonomy


def operative_passages(passages: Sequence[AnalysedPassage], units: Sequence[Provision]) -> list[AnalysedPassage]:
    """The passages of the version's operative provisions, in reading order."""
    keep = sorted(i for u in units if u.operative for i in u.passages)
    return [passages[i] for i in keep]


def verdict_cells(analysis: DocumentAnalysis, passages: Sequence[AnalysedPassage], units: Sequence[Provision],
                  taxonomy: Taxonomy) -> tuple[tuple[CoverageCell, ...], tuple[MilestoneCell, ...]]:
    operative = operative_passages(passages, units)
    reading = DocumentReading.of(operative, analysis.document)
    cells = coverage_cells(analysis.document, operative, taxonomy, reading=reading)
    return cells, milestone_cells(cells, taxonomy, operative, reading)


def category_comparisons(old_cells: Sequence[CoverageCell], new_cells: Sequence[CoverageCell],
                         changes: Sequence[Change], category_ids: Sequence[str],
                         old_doc: str, new_doc: str) -> list[CategoryComparison]:
    was_cells = {c.category_id: c for c in old_cells}
    now_cells = {c.category_id: c for c in new_cells}
    touched: dict[str, int] = defaultdict(int)
    effects: dict[str, dict[str, None]] = defaultdict(dict)
    for change in changes:
        if change.severity != "major" or change.part in ("recital",):
            continue
        categories = {c for e in change.effects for c in e.categories} | {s.category_id for s in change.categories}
        for category_id in categories:
            touched[category_id] += 1
            for e in change.effects:
                if e.severity == "major":
                    effects[category_id][e.type.words] = None
    out = []
    for category_id in category_ids:
        was = was_cells.get(category_id) or CoverageCell(old_doc, category_id, CoverageStatus.ABSENT, 0)
        now = now_cells.get(category_id) or CoverageCell(new_doc, category_id, CoverageStatus.ABSENT, 0)
        out.append(CategoryComparison(
            category_id=category_id,
            direction=coverage_direction(was.status, now.status),
            old_status=was.status,
            new_status=now.status,
            old_strength=was.strength,
            new_strength=now.strength,
            old_evidence=was.evidence,
            new_evidence=now.evidence,
            old_gap_flags=was.gap_flags,
            new_gap_flags=now.gap_flags,
            changed_passages=touched.get(category_id, 0),
            fact_changes=tuple(effects.get(category_id, {})),
        ))
    return out


def coverage_direction(was: CoverageStatus, now: CoverageStatus) -> CoverageDirection:
    if was is CoverageStatus.ABSENT and now is CoverageStatus.ABSENT:
        return CoverageDirection.ABSENT_IN_BOTH
    if was is CoverageStatus.ABSENT:
        return CoverageDirection.NEWLY_COVERED
    if now is CoverageStatus.ABSENT:
        return CoverageDirection.NO_LONGER_COVERED
    if now.rank > was.rank:
        return CoverageDirection.STRENGTHENED
    if now.rank < was.rank:
        return CoverageDirection.WEAKENED
    return CoverageDirection.UNCHANGED


def milestone_comparisons(old: Sequence[MilestoneCell], new: Sequence[MilestoneCell]) -> list[MilestoneComparison]:
    after = {m.milestone_id: m for m in new}
    out = []
    for was in old:
        now = after.get(was.milestone_id)
        if now is None:
            continue
        rank_was, rank_now = was.verdict.rank or 0, now.verdict.rank or 0
        direction = (VerdictDirection.IMPROVED if rank_now > rank_was
                     else VerdictDirection.WORSENED if rank_now < rank_was else VerdictDirection.UNCHANGED)
        out.append(MilestoneComparison(
            milestone_id=was.milestone_id, category_id=was.category_id, year=was.year, expected=was.expected,
            old_observed=was.observed, new_observed=now.observed, old_verdict=was.verdict, new_verdict=now.verdict,
            direction=direction,
        ))
    return out
