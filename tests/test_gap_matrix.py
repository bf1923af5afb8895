"""Issue-level facts on the shipped CSDDD demo text: thresholds, penalties, liability, enforced cells."""

import pytest

from conftest import PROJECT_ROOT
from nlp_pipeline.pipeline import analyze
from nlp_pipeline.records import CoverageStatus

CSDDD = PROJECT_ROOT / "corpora" / "demo" / "csddd_2024_1760.html"


@pytest.fixture(scope="module")
def csddd():
    return analyze([CSDDD])


def _facts(result, article):
    return [
        fact
        for passage in result.passages
        if passage.passage.section[:1] == (article,)
        for fact in passage.facts
    ]


def test_whether_article_2_thresholds_are_extracted_as_structured_facts(csddd):
    thresholds = {(f.attribute, f.value) for f in _facts(csddd, "Article 2") if f.kind == "threshold"}
    assert ("employees", 1000) in thresholds
    assert ("turnover", 450_000_000) in thresholds


def test_whether_article_27_penalty_ceiling_is_at_least_five_percent_of_turnover(csddd):
    penalties = [f for f in _facts(csddd, "Article 27") if f.kind == "penalty" and f.attribute == "share_of_turnover"]
    assert any(f.value == 5 and f.comparator == ">=" for f in penalties)


def test_whether_article_29_civil_liability_is_found(csddd):
    assert any(f.attribute == "civil_liability" for f in _facts(csddd, "Article 29"))


@pytest.mark.parametrize("category_id", ["HR.GAP.SANCTIONS", "HR.GAP.REMEDY"])
def test_whether_sanctions_and_remedy_are_binding_and_enforced(csddd, category_id):
    cell = next(c for c in csddd.coverage if c.category_id == category_id)
    assert cell.status is CoverageStatus.BINDING_ENFORCED
    assert cell.evidence and cell.evidence[0].reasons
    assert all(e.passage_id and e.section for e in cell.evidence)


def test_whether_recitals_never_carry_more_than_procedural_strength(csddd):
    recitals = [p for p in csddd.passages if p.passage.role == "recital"]
    assert recitals
    assert max(p.assessment.strength for p in recitals) <= 2


def test_whether_every_milestone_cell_has_a_verdict_and_provenance(csddd):
    assert csddd.milestones
    for cell in csddd.milestones:
        assert cell.verdict in {"met", "committed", "partly_met", "not_met", "not_addressed", "not_applicable"}
        assert cell.provenance in {"roadmap", "derived"}
        assert (cell.verdict in {"not_addressed", "not_applicable"}) == (not cell.evidence)
        assert cell.reasons and all(r.explanation for r in cell.reasons)


def test_whether_no_2050_milestone_of_the_csddd_is_met(csddd):
    assert not [m.milestone_id for m in csddd.milestones if m.year == 2050 and m.verdict == "met"]


def test_whether_the_csddd_thresholds_narrow_the_loopholes_cell_and_meet_no_loophole_milestone(csddd):
    cell = next(c for c in csddd.coverage if c.category_id == "HR.GAP.LOOPHOLES")
    verdict = next(m for m in csddd.milestones if m.milestone_id == "HR.2025.LOOPHOLES")
    assert verdict.verdict != "met"
    assert cell.polarity == "narrows" or cell.status in ("mentioned", "absent")


def test_whether_a_cell_shows_its_quote_flags_apart_from_flags_elsewhere(csddd):
    for cell in csddd.coverage:
        if cell.evidence:
            assert set(cell.quote_flags) <= set(cell.gap_flags)
            assert not set(cell.flags_elsewhere) & set(cell.quote_flags)
