"""Milestone verdicts of one document, from its coverage cells.

A milestone is judged only against documents whose kind speaks for one of the
actors it is judged on (`judged_on` in the taxonomy, defaulting to its
actors; each actor lists its `document_kinds`): "EU law obliges companies
..." is not applicable to a company report. Text can show a mandate met; of an
outcome ("claimants can in practice win redress") or a 2050 end state it can
show at most a mandate or commitment toward it, so those get at most
"committed". A cell whose strongest evidence narrows or opposes does not meet
the milestone, and evidence limited to part of the chain or of the materials
meets it at most in part. Every verdict carries its reasons in plain words and
the passages it rests on.
"""

from __future__ import annotations

from collections.abc import Sequence

from nlp_pipeline.records import (
    CoverageCell,
    CoverageStatus,
    DocumentKind,
    GapFlag,
    MilestoneCell,
    MilestoneKind,
    MilestoneVerdict,
    Polarity,
    Reason,
)
from nlp_pipeline.assess.explanations import reason
from nlp_pipeline.taxonomy import Milestone, Taxonomy, milestones

EVIDENCE_PER_VERDICT = 3


def milestone_cells(cells: Sequence[CoverageCell], taxonomy: Taxonomy) -> tuple[MilestoneCell, ...]:
    """One verdict per milestone of the taxonomy, for the document the cells belong to."""
    index = {c.category_id: c for c in cells}
    kinds_of = {a.id: set(a.document_kinds) for a in taxonomy.actors}
    out: list[MilestoneCell] = []
    for category, milestone in milestones(taxonomy):
        cell = index[category.id]
        judged_kinds = set().union(*(kinds_of.get(a, set()) for a in milestone.judged_actors))
        verdict, reasons = judge(cell, milestone, judged_kinds)
        out.append(
            MilestoneCell(
                doc_id=cell.doc_id,
                milestone_id=milestone.id,
                category_id=category.id,
                year=milestone.year,
                expected=milestone.expected_strength,
                observed=cell.strength,
                verdict=verdict,
                provenance=milestone.provenance,
                evidence=() if verdict in (MilestoneVerdict.NOT_APPLICABLE, MilestoneVerdict.NOT_ADDRESSED)
                else cell.evidence[:EVIDENCE_PER_VERDICT],
                kind=MilestoneKind(milestone.kind),
                reasons=tuple(reasons),
            )
        )
    return tuple(out)


def judge(cell: CoverageCell, milestone: Milestone, judged_kinds: set[str]) -> tuple[MilestoneVerdict, list[Reason]]:
    """The verdict on one milestone for one document, and why."""
    kind = cell.doc_kind
    if kind is not DocumentKind.UNKNOWN and kind.value not in judged_kinds:
        speaks = ", ".join(sorted(judged_kinds)) or "no kind of document this tool reads"
        return MilestoneVerdict.NOT_APPLICABLE, [
            reason("milestone.not_applicable", f"judged on {speaks}; this is {kind.value}")]
    verdict = milestone_verdict(cell, milestone.expected_strength)
    reasons = [_verdict_reason(verdict, cell, milestone.expected_strength)]
    if verdict is MilestoneVerdict.MET and _scope_limited(cell):
        verdict = MilestoneVerdict.PARTLY_MET
        reasons.append(reason("milestone.scope_limited", cell.evidence[0].section or f"p. {cell.evidence[0].page}"))
    shape = MilestoneKind(milestone.kind)
    if verdict is MilestoneVerdict.MET and not shape.shown_by_text:
        verdict = MilestoneVerdict.COMMITTED
        reasons.append(reason("milestone.end_state" if shape is MilestoneKind.END_STATE else "milestone.outcome",
                              f"{milestone.year} {shape.words}"))
    return verdict, reasons


def milestone_verdict(cell: CoverageCell, expected: int) -> MilestoneVerdict:
    """What the cell's coverage shows against the strength a milestone expects."""
    if cell.status is CoverageStatus.ABSENT:
        return MilestoneVerdict.NOT_ADDRESSED
    if cell.polarity is not Polarity.ESTABLISHES:
        return MilestoneVerdict.NOT_MET
    if cell.strength >= expected:
        return MilestoneVerdict.MET
    if cell.strength >= expected - 1 and cell.strength > 0:
        return MilestoneVerdict.PARTLY_MET
    return MilestoneVerdict.NOT_MET


def _verdict_reason(verdict: MilestoneVerdict, cell: CoverageCell, expected: int) -> Reason:
    if verdict is MilestoneVerdict.NOT_ADDRESSED:
        return reason("milestone.not_addressed", cell.category_id)
    if cell.polarity is not Polarity.ESTABLISHES:
        return reason("milestone.narrowed", f"{cell.category_id} {cell.polarity.value}")
    rule = {MilestoneVerdict.MET: "milestone.met", MilestoneVerdict.PARTLY_MET: "milestone.partly_met"}.get(
        verdict, "milestone.not_met")
    return reason(rule, f"observed {cell.strength}, expected {expected}")


def _scope_limited(cell: CoverageCell) -> bool:
    return bool(cell.evidence) and GapFlag.SCOPE_LIMITED in cell.evidence[0].gap_flags
