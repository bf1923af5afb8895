import pytest

from nlp_pipeline.assess.enforcement import enforcement, penalties
from nlp_pipeline.records import DocumentKind as K
from nlp_pipeline.assess import assess_text


@pytest.mark.parametrize("text,comparator,value", [
    ("The maximum limit of pecuniary penalties shall be not less than 5\xa0% of the net worldwide turnover of the company", ">=", 5),
    ("fines of up to 4 % of annual worldwide turnover", "<=", 4),
    ("a penalty of at least 2 per cent of the company's total annual turnover", ">=", 2),
])
def test_whether_penalties_as_a_share_of_turnover_are_extracted(text, comparator, value):
    (fact,) = [f for f in penalties(text) if f.attribute == "share_of_turnover"]
    assert (fact.kind, fact.comparator, fact.value, fact.unit) == ("penalty", comparator, value, "%")


@pytest.mark.parametrize("text,value", [
    ("fines of up to EUR 10 million", 10_000_000),
    ("a penalty of EUR 5\xa0000 per day", 5000),
])
def test_whether_fixed_penalty_amounts_are_extracted(text, value):
    (fact,) = [f for f in penalties(text) if f.attribute == "amount"]
    assert fact.value == pytest.approx(value) and fact.unit == "EUR"


@pytest.mark.parametrize("text,attribute", [
    ("Member States shall ensure that a company can be held liable for damage caused", "civil_liability"),
    ("the right to full compensation for the damage", "civil_liability"),
    ("the competent supervisory authority shall grant the exemption", "supervisory_authority"),
    ("The penalties provided for shall be effective, proportionate and dissuasive.", "penalties"),
    ("claimants are able to seek injunctive measures", "injunction"),
    ("findings are subject to independent third-party verification", "third_party_verification"),
    ("we will terminate the contract with suppliers that refuse", "contract_termination"),
    ("a public statement indicating the company responsible for the infringement", "public_naming"),
    # The RBA VAP's grading, in the project's words.
    ("charging workers a fee and repaying it later is a non-conformance to the Code, if a lesser one", "graded_audit_finding"),
    ("Serious conditions to ensure do not occur include: waste handed to unlicensed carriers.", "graded_audit_finding"),
])
def test_whether_enforcement_mechanisms_are_facts(text, attribute):
    assert any(f.kind == "enforcement" and f.attribute == attribute for f in enforcement(text))


def test_whether_a_report_requirement_with_a_termination_clause_is_enforceable():
    a = assess_text("Suppliers must conduct due diligence; we terminate the contract with suppliers that refuse.", K.REPORT)
    assert a.strength == 4


def test_whether_a_report_requirement_without_consequence_is_procedural():
    assert assess_text("Suppliers must respect our code of conduct.", K.REPORT).strength == 2
