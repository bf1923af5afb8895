"""Aggregation rules: status from the strongest evidence, exemptions as gaps, milestone verdicts."""

import pytest

from nlp_pipeline.aggregate import coverage_cells, milestone_cells, milestone_verdict
from nlp_pipeline.records import (
    AnalysedPassage, Assessment, Block, BlockKind, CategoryScore, CoverageCell, CoverageStatus, CueMatch, Document,
    DocumentKind, Fact, Passage,
)
from nlp_pipeline.taxonomy import load_taxonomy

DOC = "a" * 64


def _document(kind=DocumentKind.REPORT):
    return Document(id=DOC, path="r.pdf", kind=kind, title="r", blocks=(Block(DOC, 0, "x", 1),), page_count=3)


def _passage(offset, page):
    return Passage(id=f"{DOC[:12]}:{offset}", doc_id=DOC, text=f"text {offset}", page_start=page, page_end=page,
                   section=("Sourcing",), kind=BlockKind.PARAGRAPH, char_start=offset, char_end=offset + 5)


def _run(assessments, kind=DocumentKind.REPORT):
    taxonomy = load_taxonomy()
    passages = [_passage(i * 10, i + 1) for i in range(len(assessments))]
    score = CategoryScore("HR.GAP.DUE_DILIGENCE", 0.9, True, (CueMatch("due diligence"),))
    analysed = [AnalysedPassage(p, (score,), Assessment(p.id, *a)) for p, a in zip(passages, assessments)]
    return coverage_cells(_document(kind), analysed, taxonomy), taxonomy


def _cell(cells, category_id="HR.GAP.DUE_DILIGENCE"):
    return next(c for c in cells if c.category_id == category_id)


def test_whether_the_strongest_passage_sets_the_status_and_leads_the_evidence():
    cells, _ = _run([(1, "recommendation"), (3, "future_intent"), (2, "descriptive")])
    cell = _cell(cells)
    assert cell.status is CoverageStatus.SPECIFIC
    assert cell.evidence[0].page == "2"
    assert cell.passage_count == 3


def test_whether_an_exemption_is_flagged_as_a_loophole_and_marked_as_a_gap_not_coverage():
    exemption = (4, "binding", (), (Fact("exemption", "does not apply to", 0, 5),), (), ("threshold_exemption",))
    cells, taxonomy = _run([exemption + ("unspecified", "exemption", "narrows", (), (), ("exemption",)),
                            (1, "recommendation")])
    cell = _cell(cells)
    milestones = milestone_cells(cells, taxonomy)
    # The strongest evidence is the carve-out: the cell is as binding as it, and says it narrows.
    assert cell.strength == 4
    assert cell.polarity == "narrows"
    assert not any(m.verdict.value in ("met", "committed", "partly_met") for m in milestones
                   if m.category_id == cell.category_id)
    assert cell.evidence[0].polarity == "narrows" and "threshold_exemption" in cell.quote_flags


def test_whether_a_category_with_no_passage_is_absent_with_no_evidence():
    cells, _ = _run([(2, "descriptive")])
    cell = _cell(cells, "CE.REPAIR")
    assert cell.status is CoverageStatus.ABSENT and cell.evidence == ()


def test_whether_an_act_without_enforcement_provisions_is_flagged_no_sanction():
    cells, _ = _run([(3, "binding")], kind=DocumentKind.LEGISLATION)
    assert "no_sanction" in _cell(cells).gap_flags


@pytest.mark.parametrize(
    "strength, status, expected, verdict",
    [
        (4, CoverageStatus.BINDING_ENFORCED, 4, "met"),
        (3, CoverageStatus.SPECIFIC, 4, "partly_met"),
        (1, CoverageStatus.ASPIRATIONAL, 4, "not_met"),
        (0, CoverageStatus.ABSENT, 3, "not_addressed"),
    ],
)
def test_whether_milestone_verdicts_follow_expected_versus_observed_strength(strength, status, expected, verdict):
    cell = CoverageCell(DOC, "HR.GAP.SANCTIONS", status, strength)
    assert milestone_verdict(cell, expected) == verdict


def test_whether_every_milestone_of_the_taxonomy_gets_a_cell_per_document():
    cells, taxonomy = _run([(2, "descriptive")])
    from nlp_pipeline.taxonomy import milestones

    assert len(milestone_cells(cells, taxonomy)) == len(milestones(taxonomy))


def test_whether_a_weakly_scored_passage_is_listed_but_only_counts_as_a_mention():
    taxonomy = load_taxonomy()
    strong, weak = _passage(0, 1), _passage(10, 2)
    strong = AnalysedPassage(strong, (CategoryScore("HR.GAP.DUE_DILIGENCE", 0.9, True),),
                             Assessment(strong.id, 2, "descriptive"))
    weak = AnalysedPassage(weak, (CategoryScore("HR.GAP.DUE_DILIGENCE", 0.3, True),), Assessment(weak.id, 4, "binding"))
    cell = _cell(coverage_cells(_document(), [strong, weak], taxonomy))
    # The binding but barely-on-topic passage must not make the document look enforced.
    assert (cell.status, cell.strength) == (CoverageStatus.PROCEDURAL, 2)
    assert [e.page for e in cell.evidence] == ["1", "2"]
    only_weak = _cell(coverage_cells(_document(), [weak], taxonomy))
    assert only_weak.status is CoverageStatus.MENTIONED and only_weak.evidence[0].page == "2"


def test_whether_a_reporting_duty_covers_transparency_but_only_shows_due_diligence_must_be_reported():
    taxonomy = load_taxonomy()
    p = _passage(0, 1)
    scores = (CategoryScore("HR.GAP.DUE_DILIGENCE", 0.9, True), CategoryScore("RP.TRANSPARENCY", 0.9, True))
    analysed = AnalysedPassage(p, scores, Assessment(p.id, 4, "binding", addressee="company", duty_type="disclosure"))
    cells = coverage_cells(_document(DocumentKind.LEGISLATION), [analysed], taxonomy)
    assert _cell(cells, "RP.TRANSPARENCY").status is CoverageStatus.BINDING_ENFORCED
    due_diligence = _cell(cells, "HR.GAP.DUE_DILIGENCE")
    assert due_diligence.status is CoverageStatus.PROCEDURAL
    assert any(r.rule == "coverage.disclosure_only" for r in due_diligence.evidence[0].reasons)


def test_whether_flags_found_elsewhere_are_not_shown_as_the_quotes():
    hedged = (2, "recommendation", (), (), (), ("hedged",))
    cells, _ = _run([(4, "binding"), hedged])
    cell = _cell(cells)
    assert cell.quote_flags == () and "hedged" not in cell.gap_flags
    assert cell.flags_elsewhere == ("hedged",)
