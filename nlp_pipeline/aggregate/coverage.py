"""Coverage and milestone matrices from classified, assessed passages.

Pure functions: given what each passage is about (category scores) and how
strong it is (assessment), say per document and category how far the text
goes, which passages prove it, and where it falls short of a milestone.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from nlp_pipeline.records import (
    Assessment,
    CategoryScore,
    CoverageCell,
    CoverageStatus,
    Document,
    DocumentKind,
    Evidence,
    MilestoneCell,
    Passage,
)
from nlp_pipeline.taxonomy import Taxonomy, categories, milestones

STATUS_BY_STRENGTH = {
    0: CoverageStatus.MENTIONED,
    1: CoverageStatus.ASPIRATIONAL,
    2: CoverageStatus.PROCEDURAL,
    3: CoverageStatus.SPECIFIC,
    4: CoverageStatus.BINDING_ENFORCED,
}
# Passages flagged with these do not raise coverage: an exemption shows a gap,
# not a commitment.
NON_COVERING_FLAGS = frozenset({"threshold_exemption"})
EVIDENCE_PER_CELL = 5
# Out of fold, passages the head scores at 0.5 or more are on topic about half
# the time or better (0.80 above 0.7), those just over the passage threshold
# a third of the time. A cell's status is a claim about the whole document, so
# only confident passages set it; weaker ones are listed and count as a mention.
CONFIDENT_SCORE = 0.5


def evidence_of(passage: Passage, score: CategoryScore, assessment: Assessment | None) -> Evidence:
    return Evidence(
        passage_id=passage.id,
        page=passage.pages,
        section=passage.section_path,
        score=round(score.score, 4),
        strength=assessment.strength if assessment else 0,
        quote=passage.text,
        rules=tuple(assessment.reasons) if assessment else (),
    )


def coverage_matrix(
    documents: Sequence[Document],
    passages: Sequence[Passage],
    scores: dict[str, list[CategoryScore]],
    assessments: dict[str, Assessment],
    taxonomy: Taxonomy,
    confident_score: float = CONFIDENT_SCORE,
) -> list[CoverageCell]:
    by_cell: dict[tuple[str, str], list[tuple[Passage, CategoryScore]]] = defaultdict(list)
    for passage in passages:
        for score in scores.get(passage.id, []):
            if score.present:
                by_cell[(passage.doc_id, score.category_id)].append((passage, score))
    enforcement = {d.id: _document_has_enforcement(d.id, passages, assessments) for d in documents}
    cells: list[CoverageCell] = []
    for document in documents:
        for category in categories(taxonomy):
            found = by_cell.get((document.id, category.id), [])
            cells.append(_cell(document, category.id, found, assessments, enforcement[document.id], confident_score))
    return cells


def _cell(document: Document, category_id: str, found, assessments, has_enforcement: bool,
          confident_score: float = CONFIDENT_SCORE) -> CoverageCell:
    if not found:
        return CoverageCell(document.id, category_id, CoverageStatus.ABSENT, 0)
    covering = [
        (p, s) for p, s in found
        if s.score >= confident_score and not NON_COVERING_FLAGS & set(_assessment(assessments, p).gap_flags)
    ]
    strength = max((_assessment(assessments, p).strength for p, _ in covering), default=0)
    ranked = sorted(found, key=lambda ps: (ps[1].score < confident_score, -_assessment(assessments, ps[0]).strength,
                                          -ps[1].score))
    # The cell's weaknesses are those of the evidence that sets its status; an
    # exemption anywhere in the document is a loophole worth flagging too.
    flags = {flag for p, _ in ranked[:EVIDENCE_PER_CELL] for flag in _assessment(assessments, p).gap_flags}
    flags.update(flag for p, _ in found for flag in _assessment(assessments, p).gap_flags if flag in NON_COVERING_FLAGS)
    if document.kind is DocumentKind.LEGISLATION and not has_enforcement:
        flags.add("no_sanction")
    # Acts set application dates in their final provisions, not per duty, so
    # a missing deadline is a finding only for commitments.
    if document.kind is not DocumentKind.LEGISLATION and not any(
        fact.kind == "deadline" for p, _ in covering for fact in _assessment(assessments, p).facts
    ):
        flags.add("no_deadline")
    status = STATUS_BY_STRENGTH[strength] if covering else CoverageStatus.MENTIONED
    return CoverageCell(
        doc_id=document.id,
        category_id=category_id,
        status=status,
        strength=strength,
        evidence=tuple(evidence_of(p, s, assessments.get(p.id)) for p, s in ranked[:EVIDENCE_PER_CELL]),
        gap_flags=tuple(sorted(flags)),
        best_score=max(s.score for _, s in found),
        passage_count=len(found),
    )


def _assessment(assessments: dict[str, Assessment], passage: Passage) -> Assessment:
    return assessments.get(passage.id) or Assessment(passage.id, 0, "descriptive")


def _document_has_enforcement(doc_id: str, passages: Sequence[Passage], assessments) -> bool:
    return any(
        fact.kind in ("penalty", "enforcement")
        for p in passages
        if p.doc_id == doc_id and p.role != "recital"
        for fact in _assessment(assessments, p).facts
    )


def milestone_matrix(cells: Sequence[CoverageCell], taxonomy: Taxonomy) -> list[MilestoneCell]:
    index = {(c.doc_id, c.category_id): c for c in cells}
    doc_ids = list(dict.fromkeys(c.doc_id for c in cells))
    out: list[MilestoneCell] = []
    for doc_id in doc_ids:
        for category, milestone in milestones(taxonomy):
            cell = index[(doc_id, category.id)]
            out.append(
                MilestoneCell(
                    doc_id=doc_id,
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
    return out


def milestone_verdict(cell: CoverageCell, expected: int) -> str:
    if cell.status is CoverageStatus.ABSENT:
        return "not_addressed"
    if cell.strength >= expected and "threshold_exemption" not in cell.gap_flags:
        return "met"
    if cell.strength >= expected - 1 and cell.strength > 0:
        return "partly_met"
    return "not_met"
