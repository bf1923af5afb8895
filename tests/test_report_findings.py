"""What a reader is told first: strongest and weakest findings, quoted gaps, weakest milestones, in words."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from report_sample import ACT_ID, REPORT_ID, sample_result

from nlp_pipeline.records import Addressee, CoverageStatus, DocumentKind, DutyType, GapFlag, MilestoneVerdict, Polarity
from nlp_pipeline.report import findings as select


@pytest.fixture(scope="module")
def result():
    return sample_result()


def _every(result, doc_id):
    analysis = result.analysis(doc_id)
    return analysis, select.findings(analysis, result.taxonomy)


def test_whether_the_strongest_findings_come_first_and_commit_to_something(result):
    _, every = _every(result, ACT_ID)
    strongest = select.strongest(every)
    assert strongest[0].category.id == "HR.GAP.SANCTIONS"
    assert all(f.cell.status.rank > CoverageStatus.MENTIONED.rank for f in strongest)


def test_whether_the_weakest_findings_are_covered_categories_with_a_quote(result):
    _, every = _every(result, REPORT_ID)
    weakest = select.weakest(every)
    assert weakest[0].category.id == "CE.RECYCLED_CONTENT" and weakest[0].evidence is not None
    assert all(f.cell.status is not CoverageStatus.ABSENT for f in weakest)


def test_whether_a_gap_is_quoted_from_the_sentence_that_carries_it(result):
    analysis, every = _every(result, REPORT_ID)
    gaps = select.top_gaps(analysis.passages, every)
    hedged = next(g for g in gaps if g.flag is GapFlag.HEDGED)
    assert hedged.finding.category.id == "CE.RECYCLED_CONTENT"
    assert "where feasible" in hedged.quote(200) and "hedge" in hedged.meaning


def test_whether_weakest_milestones_leave_out_met_and_not_applicable_ones(result):
    analysis = result.analysis(ACT_ID)
    weakest = select.weakest_milestones(analysis, result.taxonomy, count=100)
    assert weakest and all(m.cell.verdict not in (MilestoneVerdict.MET, MilestoneVerdict.NOT_APPLICABLE)
                           for m in weakest)
    ranks = [m.cell.verdict.rank for m in weakest]
    assert ranks == sorted(ranks)


@pytest.mark.parametrize(
    "status, strength, words",
    [(CoverageStatus.ABSENT, 0, "not addressed"), (CoverageStatus.MENTIONED, 0, "mentioned, no commitment"),
     (CoverageStatus.SPECIFIC, 3, "specific (3 of 4)"), (CoverageStatus.BINDING_ENFORCED, 4, "binding and enforced (4 of 4)")],
)
def test_whether_a_status_reads_in_words(status, strength, words):
    assert select.strength_words(status, strength) == words


@pytest.mark.parametrize("kind, explains_law, words", [(DocumentKind.REPORT, False, "a company report"),
                                                       (DocumentKind.INITIATIVE, False, "an industry initiative"),
                                                       (DocumentKind.LEGISLATION, False, "a legal act"),
                                                       (DocumentKind.LEGISLATION, True, "a Commission notice or Q&A on EU law")])
def test_whether_a_kind_of_document_takes_its_article(kind, explains_law, words):
    from nlp_pipeline.records import Block, Document

    document = Document("d" * 64, "x", kind, "x", (Block("d" * 64, 0, "x", 1),), 1, explains_law=explains_law)
    assert select.a_kind(document) == words


def test_whether_a_provision_is_described_where_the_assess_stage_said_what_it_is(result):
    plain = result.coverage[0].evidence[0] if result.coverage[0].evidence else None
    assert plain is None or select.provision_words(plain) == []
    narrowing = SimpleNamespace(duty_type=DutyType.EXEMPTION, addressee=Addressee.COMPANY, polarity=Polarity.NARROWS)
    said = select.provision_words(narrowing)
    assert said[0] == "exemption" or "exemption" in said[0]
    assert "binds: company" in said and any(s.startswith("narrows") for s in said)
