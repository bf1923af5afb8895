"""Which duties an act's enforcement provisions reach."""

import pytest

from conftest import PROJECT_ROOT
from nlp_pipeline.assess.reach import articles_named, reach_of
from nlp_pipeline.records import Addressee, DutyType

from test_assess_provisions import provision
from test_assess_support import analysed_document


@pytest.mark.parametrize("text,expected", [
    ("the obligations laid down in Articles 7 to 16 and Article 22", {str(n) for n in range(7, 17)} | {"22"}),
    ("failed to comply with the obligations laid down in Articles 10 and 11", {"10", "11"}),
    ("Articles 4 to 7, Article 8(6) and (7), Article 10(3)", {"4", "5", "6", "7", "8", "10"}),
])
def test_whether_article_references_are_expanded(text, expected):
    assert articles_named(text) == expected


@pytest.mark.parametrize("text,whole,articles,addressees,duties", [
    ("Member States shall lay down the rules on penalties applicable to infringements of the provisions of national "
     "law adopted pursuant to this Directive", True, set(), set(), set()),
    ("supervise compliance with the obligations laid down in the provisions of national law adopted pursuant to "
     "Articles 7 to 16 and Article 22", False, {str(n) for n in range(7, 17)} | {"22"}, set(), set()),
    ("Member States shall provide for effective, proportionate and dissuasive sanctions in respect of statutory "
     "auditors and audit firms", True, set(), {Addressee.AUDITOR}, set()),
    ("guidelines on the supervision of sustainability reporting by national competent authorities", True, set(), set(),
     {DutyType.DISCLOSURE}),
])
def test_whether_an_enforcement_provision_reads_its_own_reach(text, whole, articles, addressees, duties):
    attribute = "supervisory_authority" if "supervis" in text else "penalties"
    r = reach_of(attribute, text, "x:0", "Article 1 > 1")
    assert (r.whole_act, set(r.articles), set(r.addressees), set(r.duty_types)) == (whole, articles, addressees, duties)


@pytest.fixture(scope="module")
def csrd():
    return analysed_document(PROJECT_ROOT / "corpora" / "demo" / "csrd_2022_2464.html")


def test_whether_the_csrd_enforces_reporting_and_its_duty_to_inform_workers_representatives(csrd):
    _, report = provision(csrd, "Article 1", "(4)", "Article 19a", "1")
    _, inform = provision(csrd, "Article 1", "(4)", "Article 19a", "5")
    assert report.strength == 4 and any(r.rule == "structure.enforced_act" for r in report.reasons)
    # Informing workers' representatives is conduct, which assurance does not check; but Article 1 inserts it
    # into the Accounting Directive, whose Article 51 penalties reach every provision adopted under it.
    assert inform.duty_type is DutyType.CONDUCT
    enforced = [r for r in inform.reasons if r.rule == "structure.amended_act_enforced"]
    assert inform.strength == 4 and enforced and "Article 51 of Directive 2013/34/EU" in enforced[0].span


def test_whether_a_duty_a_relative_clause_names_leaves_a_point_its_lead_ins_duty_to_report(csrd):
    # Article 19a(2)(f)(ii): "... and other adverse impacts which the undertaking is required to identify pursuant to
    # other Union requirements": what the point asks is what (f) asks, a description.
    _, impacts = provision(csrd, "Article 1", "(4)", "Article 19a", "2", "(f)", "(ii)")
    assert impacts.duty_type is DutyType.DISCLOSURE


def test_whether_an_article_amending_an_unlisted_act_lends_no_enforcement():
    from nlp_pipeline.assess import assess_passages
    from test_assess_support import law

    amending = [law("Regulation (EU) 2099/1 is amended as follows:", section=("Article 9",), doc_id="amending"),
                law("‘1. Operators shall keep records of their suppliers for five years.’", section=("Article 9", "(1)", "Article 4", "1"),
                    doc_id="amending", offset=100)]
    assert assess_passages(amending)[1].strength < 4


def _passage(passages, assessments, opening):
    index = next(i for i, p in enumerate(passages) if p.text.startswith(opening))
    return passages[index], assessments[index]


@pytest.mark.shared
def test_whether_authorities_cooperating_for_the_purposes_of_the_regulation_do_not_enforce_all_of_it(taxonomy_regulation):
    # Article 21(1) supervises Articles 5, 6 and 7; Article 21(2) ("for the purposes of this Regulation, the
    # competent authorities shall cooperate") names no article and must not reach Article 8 or Article 9.
    passages, assessments = taxonomy_regulation
    _, disclosure = _passage(passages, assessments, "2. In particular, non-financial undertakings shall disclose")
    assert disclosure.strength <= 3
    assert any(r.rule == "structure.not_reached" for r in disclosure.reasons)
    _, mitigation = _passage(passages, assessments, "(a) climate change mitigation;")
    assert mitigation.strength <= 2


@pytest.mark.shared
def test_whether_the_environmental_objectives_are_a_definition_and_article_8_no_memorandum(taxonomy_regulation):
    passages, assessments = taxonomy_regulation
    _, objectives = _passage(passages, assessments, "For the purposes of this Regulation, the following shall be environmental")
    assert objectives.duty_type.value == "definition"
    _, article_8 = _passage(passages, assessments, "1. Any undertaking which is subject to an obligation to publish")
    # Its heading speaks of "non-financial statements": that is no legislative financial statement.
    assert not any(r.rule == "structure.memorandum_cap" for r in article_8.reasons)


def _act(*provisions):
    from test_assess_support import law
    out, offset = [], 0
    for section, text in provisions:
        out.append(law(text, role="article" if section else "", section=section, doc_id="act", offset=offset))
        offset += len(text) + 1
    return out


# Regulation (EU) 2020/852 (Taxonomy), Articles 19(3), 21(1) and 21(2).
TAXONOMY_19_3 = ("3. The technical screening criteria referred to in paragraph 1 shall ensure that power generation activities "
                 "that use solid fossil fuels do not qualify as environmentally sustainable economic activities.")
TAXONOMY_21_1 = ("1. Member States shall ensure that the competent authorities referred to in Article 14(1) of Regulation (EU) "
                 "2019/2088 monitor the compliance of financial market participants with the requirements laid down in "
                 "Articles 5, 6 and 7 of this Regulation.")
TAXONOMY_21_2 = ("2. For the purposes of this Regulation, the competent authorities shall cooperate with each other and shall "
                 "provide each other, without undue delay, with such information as is relevant for the purposes of carrying "
                 "out their duties under this Regulation.")


def test_whether_authorities_that_only_cooperate_enforce_nothing():
    from nlp_pipeline.assess import assess_passages
    criteria, _, cooperation = assess_passages(_act((("Article 19", "3"), TAXONOMY_19_3), (("Article 21", "1"), TAXONOMY_21_1),
                                                    (("Article 21", "2"), TAXONOMY_21_2)))
    assert criteria.strength < 4
    assert not any("Article 21 > 2" in str(r) for r in criteria.reasons)


def test_whether_authorities_that_monitor_compliance_still_enforce_the_articles_they_name():
    from nlp_pipeline.assess import assess_passages
    duty = ("Where a financial product as referred to in Article 9(1) of Regulation (EU) 2019/2088 invests in an economic "
            "activity that contributes to an environmental objective, the information to be disclosed shall include a "
            "description of how and to what extent the investments underlying the financial product are in economic "
            "activities that qualify as environmentally sustainable.")
    a, _ = assess_passages(_act((("Article 5",), duty), (("Article 21", "1"), TAXONOMY_21_1)))
    assert a.strength == 4


@pytest.mark.parametrize("datapoint", [
    # Delegated Regulation (EU) 2023/2772 (ESRS), ESRS S1 and Annex II: a datapoint to report and a definition.
    "(b) the total amount of fines, penalties and compensation for damages for the incidents described in (a) above, and a "
    "reconciliation of the monetary amounts disclosed in the most relevant amount in the financial statements.",
    "All work or service which is exacted from any person under the threat of penalty and for which the person has not "
    "offered himself or herself voluntarily.",
])
def test_whether_a_penalty_to_report_or_define_does_not_enforce_an_act_read_whole(datapoint):
    from nlp_pipeline.assess import assess_passages
    duty = ("30. The undertaking shall disclose a mapping of the information provided in its sustainability statement about "
            "the due diligence process.")
    a, _ = assess_passages(_act(((), duty), ((), datapoint)))
    assert a.strength < 4
    # Setting penalties up still does.
    enforced, _ = assess_passages(_act(((), duty), ((), "Member States shall lay down the rules on penalties applicable to "
                                                        "infringements of this Regulation.")))
    assert enforced.strength == 4
