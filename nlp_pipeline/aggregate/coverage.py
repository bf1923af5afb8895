"""Coverage and milestone matrices of one document, from its analysed passages.

Pure functions: given what each passage is about and how strong it is (the
AnalysedPassage), say per category how far the document goes, which passages
prove it, and where it falls short of a milestone. A document's cells depend
on its own passages only, so a corpus is aggregated one document at a time.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from nlp_pipeline.records import (
    AnalysedPassage,
    CoverageCell,
    CoverageStatus,
    Document,
    DocumentKind,
    Evidence,
    GapFlag,
    MilestoneCell,
    MilestoneVerdict,
)
from nlp_pipeline.taxonomy import Taxonomy, categories, milestones

# Passages flagged with these do not raise coverage: an exemption shows a gap,
# not a commitment.
NON_COVERING_FLAGS = frozenset({GapFlag.THRESHOLD_EXEMPTION})
EVIDENCE_PER_CELL = 5
# Out of fold, passages the head scores at 0.5 or more are on topic about half
# the time or better (0.80 above 0.7), those just over the passage threshold
# a third of the time. A cell's status is a claim about the whole document, so
# only confident passages set it; weaker ones are listed and count as a mention.
CONFIDENT_SCORE = 0.5


def coverage_cells(
    document: Document,
    passages: Sequence[AnalysedPassage],
    taxonomy: Taxonomy,
    confident_score: float = CONFIDENT_SCORE,
) -> tuple[CoverageCell, ...]:
    """One cell per category of the taxonomy, in taxonomy order."""
    by_category: dict[str, list[AnalysedPassage]] = defaultdict(list)
    for passage in passages:
        for category_id in passage.categories:
            by_category[category_id].append(passage)
    enforced = has_enforcement(passages)
    return tuple(
        coverage_cell(document, category.id, by_category.get(category.id, []), enforced, confident_score)
        for category in categories(taxonomy)
    )


def coverage_cell(document: Document, category_id: str, found: Sequence[AnalysedPassage], has_enforcement: bool,
                  confident_score: float = CONFIDENT_SCORE) -> CoverageCell:
    if not found:
        return CoverageCell(document.id, category_id, CoverageStatus.ABSENT, 0, gap_flags=(GapFlag.ABSENT,))
    covering = [
        p for p in found
        if p.score(category_id) >= confident_score and not NON_COVERING_FLAGS & set(p.gap_flags)
    ]
    strength = max((p.assessment.strength for p in covering), default=0)
    ranked = sorted(found, key=lambda p: (p.score(category_id) < confident_score, -p.assessment.strength,
                                          -p.score(category_id)))
    # The cell's weaknesses are those of the evidence that sets its status; an
    # exemption anywhere in the document is a loophole worth flagging too.
    flags = {flag for p in ranked[:EVIDENCE_PER_CELL] for flag in p.gap_flags}
    flags.update(flag for p in found for flag in p.gap_flags if flag in NON_COVERING_FLAGS)
    if document.kind is DocumentKind.LEGISLATION and not has_enforcement:
        flags.add(GapFlag.NO_SANCTION)
    # Acts set application dates in their final provisions, not per duty, so
    # a missing deadline is a finding only for commitments.
    if document.kind is not DocumentKind.LEGISLATION and not any(
        fact.kind == "deadline" for p in covering for fact in p.facts
    ):
        flags.add(GapFlag.NO_DEADLINE)
    return CoverageCell(
        doc_id=document.id,
        category_id=category_id,
        status=CoverageStatus.of_strength(strength) if covering else CoverageStatus.MENTIONED,
        strength=strength,
        evidence=tuple(Evidence.of(p, category_id) for p in ranked[:EVIDENCE_PER_CELL]),
        gap_flags=tuple(sorted(flags, key=lambda f: f.value)),
        best_score=max(p.score(category_id) for p in found),
        passage_count=len(found),
    )


def has_enforcement(passages: Sequence[AnalysedPassage]) -> bool:
    """Whether the document's operative text provides penalties or other enforcement."""
    return any(
        fact.kind in ("penalty", "enforcement")
        for p in passages
        if p.passage.role != "recital"
        for fact in p.facts
    )


def milestone_cells(cells: Sequence[CoverageCell], taxonomy: Taxonomy) -> tuple[MilestoneCell, ...]:
    """One verdict per milestone of the taxonomy, for the document the cells belong to."""
    index = {c.category_id: c for c in cells}
    out: list[MilestoneCell] = []
    for category, milestone in milestones(taxonomy):
        cell = index[category.id]
        out.append(
            MilestoneCell(
                doc_id=cell.doc_id,
                milestone_id=milestone.id,
                category_id=category.id,
                year=milestone.year,
                expected=milestone.expected_strength,
                observed=cell.strength,
                verdict=milestone_verdict(cell, milestone.expected_strength),
                provenance=milestone.provenance,
                evidence=cell.evidence[:3],
            )
        )
    return tuple(out)


def milestone_verdict(cell: CoverageCell, expected: int) -> MilestoneVerdict:
    if cell.status is CoverageStatus.ABSENT:
        return MilestoneVerdict.NOT_ADDRESSED
    if cell.strength >= expected and GapFlag.THRESHOLD_EXEMPTION not in cell.gap_flags:
        return MilestoneVerdict.MET
    if cell.strength >= expected - 1 and cell.strength > 0:
        return MilestoneVerdict.PARTLY_MET
    return MilestoneVerdict.NOT_MET
