"""Per-provision reading of the CSDDD and the CSRD as shipped in the demo corpus (EU law, quoted freely)."""

import pytest

from conftest import PROJECT_ROOT
from nlp_pipeline.assess.provisions import article_of, list_leads
from nlp_pipeline.assess import assess_text
from nlp_pipeline.records import Addressee, DocumentKind, DutyType

from test_assess_support import analysed_document

DEMO = PROJECT_ROOT / "corpora" / "demo"


@pytest.fixture(scope="module")
def csddd():
    return analysed_document(DEMO / "csddd_2024_1760.html")


@pytest.fixture(scope="module")
def csrd():
    return analysed_document(DEMO / "csrd_2022_2464.html")


def provision(document, *section, starting=""):
    passages, assessments = document
    for p, a in zip(passages, assessments):
        if p.section == section and p.text.lstrip().startswith(starting):
            return p, a
    raise AssertionError(f"no passage {section} starting {starting!r}")


def test_whether_article_8_3_entitlement_is_a_permission_never_4(csddd):
    p, a = provision(csddd, "Article 8", "3")
    assert "entitled to make use of" in p.text
    assert (a.duty_type, a.strength) == (DutyType.PERMISSION, 2)
    assert any(r.rule == "structure.permission" for r in a.reasons)


def test_whether_points_of_article_7_2_share_the_duty_of_their_lead_in(csddd):
    points = [provision(csddd, "Article 7", "2", point)[1] for point in ("(a)", "(b)", "(c)")]
    assert [a.strength for a in points] == [4, 4, 4]
    # The code of conduct (b) is conduct; (a) and (c) ask for a description of the approach and
    # the processes, content the policy must set out (a disclosure, as for a plan's content).
    assert [a.duty_type for a in points] == [DutyType.DISCLOSURE, DutyType.CONDUCT, DutyType.DISCLOSURE]
    assert all(any(r.rule == "structure.chapeau_shall" for r in a.reasons) for a in points)


def test_whether_the_revocation_of_delegated_powers_is_a_procedure_never_4(csddd):
    p, a = provision(csddd, "Article 34", "3")
    assert "may be revoked" in p.text
    assert a.duty_type is DutyType.PROCEDURE and a.strength < 4


def test_whether_a_dated_duty_of_member_states_is_institutional_and_specific(csddd):
    p, a = provision(csddd, "Article 24", "7")
    assert (a.addressee, a.strength) == (Addressee.MEMBER_STATE, 3)


def test_whether_a_duty_member_states_ensure_for_companies_binds_the_companies(csddd):
    _, a = provision(csddd, "Article 8", "1")
    assert (a.addressee, a.duty_type, a.strength) == (Addressee.COMPANY, DutyType.CONDUCT, 4)


def test_whether_csrd_reporting_duties_are_disclosure_not_conduct(csrd):
    _, lead = provision(csrd, "Article 1", "(4)", "Article 19a", "1")
    _, point = provision(csrd, "Article 1", "(4)", "Article 19a", "2", "(f)", "(i)")
    assert (lead.addressee, lead.duty_type) == (Addressee.COMPANY, DutyType.DISCLOSURE)
    assert point.duty_type is DutyType.DISCLOSURE


def test_whether_an_amended_article_is_the_provision_a_passage_belongs_to(csrd):
    p, _ = provision(csrd, "Article 1", "(4)", "Article 19a", "1")
    assert article_of(p) == "19a"


def test_whether_list_points_find_their_lead_in(csddd):
    passages, _ = csddd
    leads = list_leads(passages)
    index = next(i for i, p in enumerate(passages) if p.section == ("Article 7", "2", "(c)"))
    assert passages[leads[index]].section == ("Article 7", "2")


@pytest.fixture(scope="module")
def crma():
    return analysed_document(DEMO / "crma_2024_1252.html")


@pytest.mark.parametrize("section, words", [
    (("Article 8", "5"), "The project promoter shall establish"),
    (("Article 31", "6"), "Any natural or legal person that places on the market critical raw materials"),
])
def test_whether_a_project_promoter_or_a_person_placing_goods_on_the_market_bears_its_own_duty(crma, section, words):
    # Art 31(6): "... for which the Commission has adopted calculation and verification rules ... shall make
    # available": the Commission named in the relative clause is not the bearer.
    p, a = provision(crma, *section)
    assert words in p.text
    assert (a.addressee, a.strength) == (Addressee.COMPANY, 4)


def test_whether_operators_that_shall_provide_a_study_to_the_competent_authority_bear_the_duty(crma):
    # "shall provide to the competent authority" is not "shall provide that": the authority only receives.
    p, a = provision(crma, "Article 27", "1", starting="1. Operators obliged")
    assert (a.addressee, a.strength) == (Addressee.COMPANY, 4)


@pytest.mark.parametrize("paragraph", ["1", "4"])
def test_whether_member_states_requiring_that_a_company_acts_bind_the_company(csddd, paragraph):
    # Art 23(4): "... that each company empowers its authorised representative to receive communications
    # from supervisory authorities": the subject after "that" is the company, named first.
    p, a = provision(csddd, "Article 23", paragraph)
    assert "Member States shall require that" in p.text
    assert (a.addressee, a.strength) == (Addressee.COMPANY, 4)


def test_whether_member_states_providing_for_an_option_in_contracts_leave_the_duty_with_companies(csddd):
    p, a = provision(csddd, "Article 11", "7", starting="Member States shall provide for an option")
    assert a.strength == 4 and a.addressee is not Addressee.MEMBER_STATE


@pytest.mark.shared
def test_whether_a_deeming_lead_in_and_its_points_bind_no_one(taxonomy_regulation):
    # Article 17(1): "... that economic activity shall be considered to significantly harm: ... (d) the
    # circular economy, including waste prevention and recycling, where: ..." classifies an activity;
    # it obliges no one to prevent waste.
    _, lead = provision(taxonomy_regulation, "Article 17", "1", starting="1.")
    _, point = provision(taxonomy_regulation, "Article 17", "1", "(d)")
    assert lead.duty_type is DutyType.DEFINITION
    assert point.duty_type is DutyType.DEFINITION


@pytest.mark.shared
def test_whether_what_screening_criteria_shall_include_is_the_content_of_a_classification(taxonomy_regulation):
    # Article 19(2): "The technical screening criteria referred to in paragraph 1 shall also include criteria
    # for activities related to the clean energy transition ..., in particular energy efficiency ..."
    p, a = provision(taxonomy_regulation, "Article 19", "2")
    assert "shall also include criteria" in p.text
    assert a.duty_type is DutyType.DEFINITION


@pytest.mark.parametrize("text", [
    # ESRS S1-1 and E5-2, in the project's words
    "The undertaking shall describe the processes it has in place to cooperate in the remediation of impacts.",
    "The description of the undertaking's circular economy actions shall include the resources allocated to them.",
    "The undertaking shall explain how it engages with its own workforce.",
])
def test_whether_a_duty_to_describe_or_explain_is_a_duty_to_disclose(text):
    assert assess_text(text, DocumentKind.LEGISLATION, "annex", ("Annex I",)).duty_type is DutyType.DISCLOSURE
