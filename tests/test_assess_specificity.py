import pytest

from nlp_pipeline.assess.patterns import make_doc
from nlp_pipeline.assess.specificity import specificity


def facts(text, kind=None):
    return [f for f in specificity(make_doc(text), text).facts if kind is None or f.kind == kind]


@pytest.mark.parametrize("text,value,unit", [
    ("a turnover of EUR 450\xa0000\xa0000 last year", 450_000_000, "EUR"),
    ("a turnover of EUR 450 million", 450_000_000, "EUR"),
    ("we invested €40 million", 40_000_000, "EUR"),
    ("revenue of EUR 1.5 bn", 1_500_000_000, "EUR"),
    ("35% of our suppliers", 35, "%"),
    ("5\xa0% of turnover", 5, "%"),
    ("we audited 120 suppliers", 120, "suppliers"),
    ("1,200 workers were trained", 1200, "workers"),
])
def test_whether_quantities_and_money_are_read_with_value_and_unit(text, value, unit):
    (fact,) = facts(text, "quantity")
    assert fact.value == pytest.approx(value) and fact.unit == unit


@pytest.mark.parametrize("text,value,unit", [
    ("by 2030 we will", 2030, "year"),
    ("by 26 July 2027 Member States shall", 2027, "year"),
    ("within 6 months of the request", 6, "months"),
    ("within six months of the request", 6, "months"),
    ("no later than 31 December 2025", 2025, "year"),
    # The OECD Council's instruction to its committees (2016 Recommendation).
    ("to report to Council no later than three years following its adoption", 3, "years"),
    ("not later than 18 months after the entry into force", 18, "months"),
])
def test_whether_deadlines_are_found(text, value, unit):
    (fact,) = facts(text, "deadline")
    assert fact.value == value and fact.unit == unit


@pytest.mark.parametrize("text", ["audits are done annually", "at least every 12 months", "every three years thereafter", "on an annual basis"])
def test_whether_frequencies_are_found(text):
    assert facts(text, "frequency")


@pytest.mark.parametrize("text", [
    # The RBA Code's management-system wording, in the project's words: it says that, not how often.
    "Senior management reviews the status of the management system on a regular basis.",
    "Risks are monitored on an ongoing basis.",
])
def test_whether_regularly_says_no_frequency(text):
    assert not facts(text, "frequency")


@pytest.mark.parametrize("text,attribute,name", [
    ("our tier-1 suppliers", "tier", "tier-1"),
    ("cobalt and mica", "material", "cobalt"),
    ("3TG minerals", "material", "3TG"),
    ("tin, tantalum, tungsten and gold", "material", "tungsten"),
    ("lithium, nickel and graphite for batteries", "product_group", "batteries"),
    ("smartphones and laptops", "product_group", "laptops"),
])
def test_whether_named_scope_is_found(text, attribute, name):
    assert any(f.attribute == attribute and f.text == name for f in facts(text, "scope"))


@pytest.mark.parametrize("text", [
    "as referred to in Article 27 of Regulation (EU) 2024/1760",
    "point (1) of Directive 2013/34/EU (33)",
])
def test_whether_legal_references_are_not_counted_as_quantities(text):
    assert facts(text, "quantity") == []


def test_whether_a_numbered_paragraph_or_recital_is_no_quantity():
    from nlp_pipeline.assess.specificity import GENERIC_QUANTITY_RE

    for label in ("Paragraph 63 does not apply", "Recital 12 explains", "Point 4 lists"):
        assert GENERIC_QUANTITY_RE.search(label) is None, label
    assert GENERIC_QUANTITY_RE.search("the sites used 41 million kilowatt-hours")


@pytest.mark.parametrize("text", [
    "a supplier code modelled on the Responsible Business 2 Alliance standard",  # a footnote mark inside a name
    "as the Joint Research 4 Centre found",
])
def test_whether_a_number_before_a_capitalised_word_is_no_amount(text):
    assert facts(text, "quantity") == []


@pytest.mark.parametrize("text,unit", [("we restored 750 acres", "acres"), ("the fabs used 41 GWh", "gwh")])
def test_whether_amounts_in_units_of_measure_are_still_read(text, unit):
    assert [f.unit for f in facts(text, "quantity")] == [unit]


@pytest.mark.parametrize("text", [
    # After Samsung SDS's 2024 report, in the project's words: how an evaluation is built, not a requirement's size.
    "Criteria shall be prepared based on the 4 categories of labour rights, safety, ethics and management.",
    "The code sets out 4 key principles for fair trade.",
])
def test_whether_counting_the_parts_of_a_policy_is_no_quantity(text):
    assert not specificity(make_doc(text), text).has_number
