"""Polarity: which passages narrow coverage or pull against the roadmap (CSDDD and CSRD text, BHP by reference)."""

import pytest

from conftest import PROJECT_ROOT, SHARED_CORPORA
from nlp_pipeline.aggregate import read_for_category
from nlp_pipeline.assess import assess_text
from nlp_pipeline.assess.polarity import read_polarity
from nlp_pipeline.records import AnalysedPassage, CategoryScore, Polarity
from nlp_pipeline.taxonomy import category_index, load_taxonomy

from test_assess_provisions import provision
from test_assess_support import analysed_document, passage_holding, shared_reference

DEMO = PROJECT_ROOT / "corpora" / "demo"


@pytest.fixture(scope="module")
def csddd():
    return analysed_document(DEMO / "csddd_2024_1760.html")


def _as(passage, assessment, category_id):
    return AnalysedPassage(passage, (CategoryScore(category_id, 0.9, True),), assessment)


def test_whether_the_trade_secrets_carve_out_of_article_5_3_narrows_transparency(csddd):
    p, a = provision(csddd, "Article 5", "3")
    assert a.polarity is Polarity.NARROWS and "confidentiality" in a.narrowing
    reading = read_for_category(_as(p, a, "RP.TRANSPARENCY"), category_index(load_taxonomy())["RP.TRANSPARENCY"])
    assert reading.polarity is Polarity.NARROWS and not reading.polarity.covers


def test_whether_the_two_consecutive_years_rule_of_article_2_5_narrows(csddd):
    p, a = provision(csddd, "Article 2", "5")
    assert a.polarity is Polarity.NARROWS and "applicability_condition" in a.narrowing
    assert any(r.rule == "polarity.applicability_condition" for r in a.reasons)


@pytest.mark.parametrize("section", [("Article 16", "1"), ("Article 8", "1"), ("Article 27", "1")])
def test_whether_duties_that_only_refer_to_an_exemption_establish(csddd, section):
    _, a = provision(csddd, *section)
    assert a.polarity is Polarity.ESTABLISHES


def test_whether_an_exception_naming_a_point_is_no_threshold_exemption():
    a = assess_text("Member States shall apply the amendments with the exception of point (14): that point shall apply "
                    "from 1 January 2025.", "legislation", "article", ("Article 5", "2"))
    assert a.polarity is Polarity.ESTABLISHES and "threshold_exemption" not in a.gap_flags


@pytest.mark.parametrize("text,polarity", [
    ("Companies shall, through best efforts, align their plan with the Paris Agreement.", Polarity.NARROWS),
    # The singular, as the Commission's FAQ on the CSRD words the value-chain duty.
    ("The undertaking shall make reasonable effort to obtain the information from its value chain.", Polarity.NARROWS),
    ("Transitional provisions limit the value chain information that undertakings have to report.", Polarity.NARROWS),
    ("To limit possible litigation risks, the specific, Union-wide liability regime should be removed.", Polarity.OPPOSES),
    ("In Article 29, paragraph 1 is deleted.", Polarity.OPPOSES),
    ("Companies shall carry out due diligence on their chain of activities.", Polarity.ESTABLISHES),
    # A date put off delays a duty without taking it away: it narrows (COM(2025) 80, memorandum).
    ("This proposal postpones by two years the application of the reporting requirements.", Polarity.NARROWS),
    # A standard saying what it leaves out (the project's words, after EFRAG's implementation guidance on the ESRS).
    ("The standards do not impose a due diligence process on undertakings.", Polarity.NARROWS),
    ("ESRS 1 does not prescribe how an undertaking sets its materiality thresholds.", Polarity.NARROWS),
    ("Injuries that do not require medical treatment are not counted.", Polarity.ESTABLISHES),
])
def test_whether_narrowing_and_deregulation_are_read(text, polarity):
    assert assess_text(text, "legislation", "article").polarity is polarity


@pytest.mark.parametrize("text", [
    # Smelters counted conformant without a check (the project's words, after IBM's CY2024 filing, p. 4-5).
    "Smelters that operate solely from recycled or scrap sources are also added to the conformant category.",
    "Members of the industry programme are deemed conformant for this report.",
])
def test_whether_counting_unchecked_smelters_as_conformant_narrows(text):
    assert assess_text(text, "report").polarity is Polarity.NARROWS


@pytest.mark.parametrize("text, polarity", [
    # The US rule (17 CFR 240.13p-1) as conflict minerals filings retell it: the duty stops at recycled or scrap.
    ("If, based on its reasonable country of origin inquiry, the registrant has reason to believe that its conflict "
     "minerals may have originated in the Covered Countries and did not originate from recycled or scrap sources, then "
     "the issuer must exercise due diligence on the source and chain of custody.", Polarity.NARROWS),
    ("The registrant must conduct due diligence on conflict minerals that may not be solely from recycled or scrap sources.",
     Polarity.NARROWS),
    # A company's conclusion about its own sourcing grants nobody a way out.
    ("Skyworks has concluded that certain of our products contain 3TG that is not from recycled or scrap sources.",
     Polarity.ESTABLISHES),
])
def test_whether_the_retold_recycled_or_scrap_carve_out_narrows(text, polarity):
    assert assess_text(text, "report").polarity is polarity


BHP_2020 = "company_pdf/BHP_Climate_Change_Report_2020.pdf"
SHAREHOLDER_VALUE = ({"file": BHP_2020, "page": 11, "start": 1208, "end": 1404}, "903e1da882fa")


@pytest.mark.shared
def test_whether_long_term_shareholder_value_opposes_a_rights_first_business_model():
    text = shared_reference(*SHAREHOLDER_VALUE)
    passages, assessments = analysed_document(SHARED_CORPORA / BHP_2020)
    i = passage_holding(passages, text)
    a = assessments[i]
    assert "shareholder_primacy" in a.opposing
    categories = category_index(load_taxonomy())
    business_model = read_for_category(_as(passages[i], a, "HR.BUSINESS_MODEL"), categories["HR.BUSINESS_MODEL"])
    climate = read_for_category(_as(passages[i], a, "CE.RENEWABLE_ENERGY"), categories["CE.RENEWABLE_ENERGY"])
    assert business_model.polarity is Polarity.OPPOSES
    assert any(r.rule == "coverage.opposes" for r in business_model.reasons)
    # Shareholder primacy runs against the business-model category, not against every topic the passage touches.
    assert climate.polarity is not Polarity.OPPOSES


@pytest.mark.parametrize("text", [
    # A trust's and a corporation's owners, in the project's words (after CT REIT's 2022 ESG report, p. 4).
    "Our principal objective is to create Unitholder value through growing cash distributions.",
    "Management acts in the best interests of its stockholders.",
    # A strategy whose end is the owners' return (after BHP's 2020 climate report, p. 14; both readings of
    # fresh5 read its business-model cell as opposing).
    "Our strategy is to own the best assets in order to create long-term value and high returns.",
])
def test_whether_unitholder_and_stockholder_value_put_first_is_shareholder_primacy(text):
    from nlp_pipeline.assess import assess_text

    assert "shareholder_primacy" in assess_text(text, "report").opposing


def test_whether_high_returns_on_their_own_oppose_nothing():
    from nlp_pipeline.assess import assess_text

    assert "shareholder_primacy" not in assess_text("Recycled tin gives high returns of material to the loop.",
                                                    "report").opposing


@pytest.fixture(scope="module")
def csrd():
    return analysed_document(DEMO / "csrd_2022_2464.html")


@pytest.mark.parametrize("category_id, shown", [
    ("HR.GAP.REMEDY", False), ("HR.GAP.IMPLEMENTATION", False), ("HR.GAP.SANCTIONS", True), ("HR.GAP.DD_QUALITY", True),
])
def test_whether_a_duty_of_statutory_auditors_shows_only_sanctions_and_the_checking_of_due_diligence(
        csrd, category_id, shown):
    # CSRD Article 3(20): sanctions for statutory auditors "without prejudice to their civil liability regimes".
    p, a = provision(csrd, "Article 3", "(20)", "2")
    assert "statutory auditors" in p.text or "audit firms" in p.text
    reading = read_for_category(_as(p, a, category_id), category_index(load_taxonomy())[category_id])
    assert reading.sets_status is shown


@pytest.mark.parametrize("text,granted", [
    ("This Regulation shall not apply to recycled metals.", True),
    ("Recycled and scrap sources are exempted from the audit requirement.", True),
    ("This Regulation shall not apply to stocks created before 1 February 2013.", False),
    ("We increased the share of recycled metals in our products to 40 %.", False),
])
def test_whether_recycled_metal_taken_out_of_the_duties_is_its_own_narrowing(text, granted):
    assert ("recycled_exemption" in read_polarity(text, ()).narrowing) is granted
