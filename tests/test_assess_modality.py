import pytest

from nlp_pipeline.assess import assess_text
from nlp_pipeline.assess.modality import modal_cues
from nlp_pipeline.assess.patterns import make_doc
from nlp_pipeline.records import DocumentKind as K

from test_assess_support import passage


def labels(text, kind=K.REPORT, role=""):
    p = passage(text, kind, role)
    return [h.label for h in modal_cues(make_doc(text), p)]


@pytest.mark.parametrize("text", [
    "Operators shall not place such products on the Union market.",
    "Companies must not use forced labour.",
    "The use of child labour is prohibited.",
])
def test_whether_a_negated_duty_is_a_binding_prohibition(text):
    from nlp_pipeline.assess import assess_passages
    from test_assess_support import law

    penalties = law("Member States shall lay down the rules on penalties applicable to infringements of this Regulation.",
                    section=("Article 20", "1"), offset=500)
    a = assess_passages([law(text), penalties])[0]
    assert a.modality == "prohibition"
    assert a.strength == 4


@pytest.mark.parametrize("text,kind,expected", [
    ("Member States may not impose additional requirements.", K.LEGISLATION, "prohibition"),
    ("Products made with forced labour may not be placed on the market.", K.LEGISLATION, "prohibition"),
    ("Suppliers may not subcontract without written approval.", K.INITIATIVE, "prohibition"),
    ("These figures may not be representative of all our sites.", K.REPORT, "uncertainty"),
    ("The measures may not be sufficient to close the gap.", K.LEGISLATION, "uncertainty"),
])
def test_whether_may_not_forbids_in_rule_text_and_doubts_in_reports(text, kind, expected):
    assert expected in labels(text, kind)


def test_whether_may_not_be_in_a_report_is_not_a_commitment():
    a = assess_text("Supplier data may not be complete for 2023.", K.REPORT)
    assert a.strength == 0 and a.modality == "descriptive"


@pytest.mark.parametrize("text,kind,expected", [
    ("The supplier will comply with all applicable laws and this Code.", K.INITIATIVE, "binding"),
    ("Suppliers will be required to disclose their smelters.", K.INITIATIVE, "binding"),
    ("Global demand for cobalt will increase sharply.", K.REPORT, "predictive"),
    ("Prices will rise as supply tightens.", K.INITIATIVE, "predictive"),
])
def test_whether_will_is_deontic_for_parties_in_codes_and_predictive_otherwise(text, kind, expected):
    assert expected in labels(text, kind)


def test_whether_a_forecast_with_will_gets_no_strength():
    a = assess_text("Demand for lithium will increase by 2030.", K.REPORT)
    assert (a.strength, a.modality) == (0, "descriptive")


@pytest.mark.parametrize("text,expected", [
    ("Companies should integrate due diligence into their policies.", "recommendation"),
    ("We encourage our suppliers to join the RMI.", "recommendation"),
    ("We strive to respect human rights.", "recommendation"),
    ("We are committed to responsible sourcing.", "recommendation"),
    ("In 2023 we audited 120 suppliers.", "past_action"),
    ("We have implemented a grievance mechanism.", "past_action"),
    ("45 smelters were audited last year.", "past_action"),
    ("We will publish our smelter list.", "future_intent"),
    ("By 2030 we plan to halve emissions.", "future_intent"),
    ("We intend to map our cobalt supply chain.", "future_intent"),
    ("We may terminate the contract.", "permission"),
])
def test_whether_report_statements_get_their_modality(text, expected):
    assert expected in labels(text)


def test_whether_the_definitions_lead_in_is_not_an_obligation():
    assert labels("For the purpose of this Directive, the following definitions shall apply:", K.LEGISLATION, "definition") == ["descriptive"]


def test_whether_a_law_does_not_report_past_action():
    assert "past_action" not in labels("the annual financial statements have been adopted", K.LEGISLATION, "article")


@pytest.mark.parametrize("text", [
    "This Directive shall not preclude Member States from introducing more stringent provisions.",
    "This Directive shall be without prejudice to Directive 2013/34/EU.",
])
def test_whether_a_saving_clause_is_not_a_prohibition(text):
    assert "prohibition" not in labels(text, K.LEGISLATION, "article")


@pytest.mark.parametrize("text,kept", [
    # A report retelling a law's demand (the project's words, after SMA Solar 2023 p. 52): the "must" is the act's.
    ("To meet the criteria, the Climate Delegated Act stipulates that companies must assess the availability of "
     "secondary raw materials.", False),
    # The company's own code demanding it is the company's requirement.
    ("Our Supplier Code of Conduct requires that suppliers must not use forced labour.", True),
    # A guidance naming the act a duty comes from (the project's words, after EFRAG IG 1 p. 26).
    ("Under the Accounting Directive (as amended by the CSRD), undertakings must inform their workers' "
     "representatives about sustainability reporting.", False),
    # The author's own promise made under an act stays the author's.
    ("Under the CSRD, we must report our Scope 3 emissions from 2025.", True),
])
def test_whether_a_laws_demand_retold_in_a_report_is_not_the_companys(text, kept):
    p = passage(text, doc_kind=K.REPORT)
    assert any(h.text.lower().startswith("must") for h in modal_cues(make_doc(text), p)) is kept


def test_whether_the_law_itself_keeps_its_own_must():
    text = "The Regulation provides that importers must keep records for five years."
    p = passage(text, doc_kind=K.LEGISLATION)
    assert any(h.text.lower().startswith("must") for h in modal_cues(make_doc(text), p))


@pytest.mark.parametrize("text,kind,expected", [
    # BHP's CTAP 2021 p. 20: a view of the world, not a requirement BHP sets itself.
    ("Such transitions must balance the needs of communities, nations and investors.", K.REPORT, "descriptive"),
    ("The world must pursue the Paris Agreement goals with increased ambition.", K.REPORT, "descriptive"),
    ("Suppliers must implement a systematic approach for identifying risks.", K.REPORT, "binding"),
    ("All operated sites must have a Closure Management Plan.", K.REPORT, "binding"),
    ("Governments must not use forced labour.", K.INITIATIVE, "prohibition"),
])
def test_whether_a_reports_must_about_the_world_is_no_requirement_the_company_sets(text, kind, expected):
    assert labels(text, kind)[0] == expected


@pytest.mark.parametrize("text,expected", [
    # Words text extraction glued or clipped in the RBA VAP 8.0.2 file.
    ("The housing requirements shallapply wherever workers are housed.", "binding"),
    ("Fire extinguishers shallbe inspected every month.", "binding"),
    ("These standards shal still apply.", "binding"),
    ("Workers shallnot be charged fees.", "prohibition"),
])
def test_whether_a_shall_glued_to_its_verb_still_binds(text, expected):
    assert expected in labels(text, K.INITIATIVE)
