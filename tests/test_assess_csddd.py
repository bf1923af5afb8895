"""The CSDDD as adopted: the reference points the guideline names."""

import json
from pathlib import Path

import pytest

from nlp_pipeline.assess import assess_passages

from test_assess_support import by_section, csddd_passages


@pytest.fixture(scope="module")
def csddd():
    passages = csddd_passages()
    return passages, {a.passage_id: a for a in assess_passages(passages)}


def assessed(csddd, *section):
    passages, results = csddd
    return results[by_section(passages, *section).id]


def test_whether_article_2_thresholds_are_extracted_and_narrow(csddd):
    a = assessed(csddd, "Article 2", "1")
    facts = {(f.attribute, f.comparator, f.value, f.unit) for f in a.facts if f.kind == "threshold"}
    assert ("employees", ">", 1000, "employees") in facts
    assert ("turnover", ">", 450_000_000, "EUR") in facts
    assert "threshold_exemption" in a.gap_flags
    # A scope rule of enforced duties binds as they do, and narrows what they cover.
    assert (a.strength, a.duty_type, a.polarity) == (4, "scope", "narrows")


def test_whether_article_2_holding_exemption_is_an_exemption_fact(csddd):
    a = assessed(csddd, "Article 2", "3")
    assert any(f.kind == "exemption" for f in a.facts)
    assert "threshold_exemption" in a.gap_flags


def test_whether_article_27_penalty_ceiling_is_extracted(csddd):
    a = assessed(csddd, "Article 27", "4")
    (fact,) = [f for f in a.facts if f.kind == "penalty" and f.attribute == "share_of_turnover"]
    assert (fact.comparator, fact.value, fact.unit) == (">=", 5, "%")
    assert "net worldwide turnover" in fact.text
    assert a.strength == 4


def test_whether_article_27_1_penalty_regime_rates_4(csddd):
    a = assessed(csddd, "Article 27", "1")
    assert any(f.attribute == "penalties" and "dissuasive" in f.text for f in a.facts)
    assert a.strength == 4


def test_whether_article_29_civil_liability_is_extracted(csddd):
    a = assessed(csddd, "Article 29", "1")
    assert any(f.kind == "enforcement" and f.attribute == "civil_liability" for f in a.facts)
    assert a.strength == 4
    compensation = assessed(csddd, "Article 29", "2")
    assert any(f.attribute == "civil_liability" and "full compensation" in f.text for f in compensation.facts)


def test_whether_the_act_enforcement_names_its_sources_and_their_reach(csddd):
    a = assessed(csddd, "Article 2", "1")
    reason = next(r for r in a.reasons if r.rule == "structure.scope_of_enforced_duties")
    assert "penalties (Article 27 > 1: the whole act)" in reason.span


@pytest.mark.parametrize("number", ["1", "70", "76"])
def test_whether_csddd_recitals_stay_at_or_below_2(csddd, number):
    assert assessed(csddd, f"Recital {number}").strength <= 2


def test_whether_the_definitions_lead_in_is_not_rated_as_an_obligation(csddd):
    assert assessed(csddd, "Article 3", "1").strength <= 2


SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "eu_law" / "csddd_articles_recitals.json"


@pytest.mark.shared
def test_whether_the_full_csddd_is_assessed_within_the_scale():
    if not SHARED.exists():
        pytest.skip(f"shared corpus not present: {SHARED}")
    from test_assess_support import passage
    from nlp_pipeline.records import DocumentKind
    data = json.loads(SHARED.read_text(encoding="utf-8"))
    ps = [passage(r["text"], DocumentKind.LEGISLATION, "recital", (f"Recital {r['recital_number']}",), "full", i)
          for i, r in enumerate(data["recitals"])]
    ps += [passage(a["text"], DocumentKind.LEGISLATION, "article", (f"Article {a['number']}",), "full", 1000 + i)
           for i, a in enumerate(data["articles"])]
    results = assess_passages(ps)
    assert all(0 <= a.strength <= 4 for a in results)
    assert all(a.strength <= 2 for p, a in zip(ps, results) if p.role == "recital")
    penalties = results[len(data["recitals"]) + 26]
    assert any(f.kind == "penalty" and f.value == 5 for f in penalties.facts)


def test_whether_article_25_1_powers_to_investigate_are_the_acts_enforcement():
    # "the power to require companies to provide information and carry out investigations related to
    # compliance", under the heading "Powers of supervisory authorities": supervision with teeth, which
    # makes the duties bite as penalties do. Read in the whole act, as analyze reads it.
    from conftest import shared_file
    from test_assess_support import analysed_document

    passages, assessments = analysed_document(shared_file("eu_law/csddd_articles_recitals.json"))
    a = next(a for p, a in zip(passages, assessments) if p.section[:2] == ("Article 25", "1"))
    assert a.strength == 4
    assert any(r.rule == "structure.enforcement_provision" for r in a.reasons)


def test_whether_may_nevertheless_be_held_liable_is_liability_kept_not_a_permission():
    # Article 29(4): companies that joined industry initiatives or used third-party verification "may
    # nevertheless be held liable". The "may" grants no option; it keeps the civil liability of Article 29.
    from conftest import shared_file
    from test_assess_support import analysed_document

    passages, assessments = analysed_document(shared_file("eu_law/csddd_articles_recitals.json"))
    a = next(a for p, a in zip(passages, assessments) if p.section[:2] == ("Article 29", "4"))
    assert a.strength == 4
    assert not any(r.rule == "structure.permission" for r in a.reasons)
