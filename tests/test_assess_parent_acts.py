"""Parent acts: the enforcement a delegated or implementing act takes from the act it is adopted under."""

import pytest

from conftest import shared_file
from nlp_pipeline.assess import assess_passages
from nlp_pipeline.assess.parent_acts import DEFAULT_EU_ACTS, eu_acts, parent_act
from nlp_pipeline.errors import TaxonomyError

from test_assess_support import law

# Preambles in the form every Commission act opens with, in the project's words after the citation.
ESRS_LIKE = ("THE EUROPEAN COMMISSION, Having regard to Directive 2013/34/EU of the European Parliament and of the "
             "Council on annual financial statements, and in particular Article 29b(1), first subparagraph, thereof, "
             "Whereas:")
CRITERIA_LIKE = ("THE EUROPEAN COMMISSION, Having regard to the Treaty on the Functioning of the European Union, "
                 "Having regard to Regulation (EU) 2020/852 of the European Parliament and of the Council, and in "
                 "particular Article 10(3) thereof, Whereas:")
ACT_OF_PARLIAMENT = ("THE EUROPEAN PARLIAMENT AND THE COUNCIL OF THE EUROPEAN UNION, Having regard to the Treaty on "
                     "the Functioning of the European Union, and in particular Article 114 thereof, Whereas:")
UNLISTED_PARENT = ("THE EUROPEAN COMMISSION, Having regard to Regulation (EU) 2099/1 of the European Parliament and of "
                   "the Council, and in particular Article 4 thereof, Whereas:")
DUTY = "The undertaking shall disclose its policies to manage its material impacts on its own workforce."


def _act(preamble, doc_id="act"):
    return [law(preamble, role="", section=("Preamble",), doc_id=doc_id),
            law(DUTY, role="annex", section=("Annex I",), doc_id=doc_id, offset=1000)]


def test_whether_a_delegated_act_names_the_act_it_is_adopted_under_and_the_empowering_article():
    parent = parent_act(_act(ESRS_LIKE))
    assert parent is not None and parent.act.id == "EU.ACCOUNTING_DIRECTIVE"
    assert parent.empowering_article == "29b"
    assert "Article 51 of Directive 2013/34/EU" in parent.reach()[0].describe()


@pytest.mark.parametrize("case,preamble", [
    ("an act of the Parliament and the Council has regard to the Treaty", ACT_OF_PARLIAMENT),
    ("an act adopted under an unlisted act", UNLISTED_PARENT),
])
def test_whether_only_a_commission_act_under_a_listed_act_has_a_parent(case, preamble):
    assert parent_act(_act(preamble)) is None, case


def test_whether_penalties_for_some_articles_reach_no_act_adopted_under_another():
    # The Taxonomy Regulation's penalties reach Articles 5 to 7; screening criteria come under Article 10(3).
    parent = parent_act(_act(CRITERIA_LIKE))
    assert parent is not None and parent.act.id == "EU.TAXONOMY_REGULATION"
    assert parent.reach() == ()


def test_whether_a_parents_penalties_are_noted_beside_a_duty_but_not_scored():
    duty = assess_passages(_act(ESRS_LIKE))[1]
    alone = assess_passages(_act(UNLISTED_PARENT, doc_id="other"))[1]
    assert duty.strength == alone.strength < 4
    noted = [r for r in duty.reasons if r.rule == "structure.parent_enforcement"]
    assert noted and "Article 51" in noted[0].span
    assert not any(r.rule == "structure.parent_enforcement" for r in alone.reasons)


def test_whether_the_shipped_list_of_acts_is_valid_and_says_where_each_was_checked():
    acts = eu_acts(DEFAULT_EU_ACTS)
    assert {a.id for a in acts.acts} >= {"EU.ACCOUNTING_DIRECTIVE", "EU.CMR", "EU.CSDDD", "EU.TAXONOMY_REGULATION"}
    assert all(a.checked for a in acts.acts)


def test_whether_a_malformed_list_of_acts_is_refused_with_its_file_and_reason(tmp_path):
    bad = tmp_path / "eu_acts.yaml"
    bad.write_text("version: 1\nacts:\n  - id: EU.X\n    name: An act\n    cites: []\n", encoding="utf-8")
    with pytest.raises(TaxonomyError) as error:
        eu_acts(bad)
    assert "eu_acts.yaml" in str(error.value) and "cites" in str(error.value)


@pytest.mark.shared
def test_whether_the_esrs_duties_to_disclose_note_the_accounting_directives_penalties():
    from nlp_pipeline.pipeline import analyze
    from nlp_pipeline.records import GapFlag

    esrs = shared_file("extended/eu_law/ESRS_Delegated_Regulation_2023_2772_full.md")
    analysis = analyze([esrs], kind="legislation").analyses[0]
    noted = [p for p in analysis.passages if any(r.rule == "structure.parent_enforcement" for r in p.assessment.reasons)]
    assert len(noted) > 100
    assert all(p.assessment.strength < 4 for p in noted)
    # the act it supplements has penalties, so no cell says the document has none
    assert not any(GapFlag.NO_SANCTION in c.gap_flags for c in analysis.coverage)
