import pytest

from nlp_pipeline.assess import assess_passages, assess_text
from nlp_pipeline.assess.thresholds import thresholds
from nlp_pipeline.records import DocumentKind as K

from test_assess_support import law


def one(text, kind, attribute):
    return [f for f in thresholds(text) if f.kind == kind and f.attribute == attribute]


@pytest.mark.parametrize("text,comparator,value", [
    ("the company had more than 1\xa0000 employees on average", ">", 1000),
    ("companies with over 500 employees", ">", 500),
    ("companies with at least 250 employees", ">=", 250),
    ("undertakings with fewer than 50 employees", "<", 50),
])
def test_whether_headcount_thresholds_are_facts(text, comparator, value):
    (fact,) = one(text, "threshold", "employees")
    assert (fact.comparator, fact.value) == (comparator, value)


@pytest.mark.parametrize("text,value", [
    ("a net worldwide turnover of more than EUR 450\xa0000\xa0000 in the last financial year", 450_000_000),
    ("net turnover exceeding EUR 1.5 billion", 1_500_000_000),
    ("annual turnover above €40 million", 40_000_000),
])
def test_whether_turnover_thresholds_are_facts_in_euro(text, value):
    (fact,) = one(text, "threshold", "turnover")
    assert fact.value == pytest.approx(value) and fact.unit == "EUR" and fact.comparator == ">"


def test_whether_import_volume_thresholds_are_facts():
    (fact,) = one("importers whose annual import volume exceeds 100 tonnes of tin", "threshold", "import_volume")
    assert (fact.comparator, fact.value, fact.unit) == (">", 100, "t")
    assert one("where the annual import volume is below the volume thresholds set out in Annex I", "threshold", "import_volume")


@pytest.mark.parametrize("text,attribute", [
    ("This Regulation does not apply to recycled metals.", "non_application"),
    ("This Regulation shall not apply to stocks created before 1 February 2013.", "non_application"),
    ("the parent company may be exempted from carrying out the obligations", "exemption"),
    ("all minerals with the exception of gold", "exception"),
    ("metals from recycled sources", "recycled"),
    ("By way of derogation from paragraph 1, Member States may", "derogation"),
])
def test_whether_exemptions_are_facts(text, attribute):
    assert one(text, "exemption", attribute)


def test_whether_an_exemption_clause_is_flagged_as_a_loophole_not_counted_as_coverage():
    act = [
        law("This Regulation shall not apply to metals reasonably assumed to be derived from recycled sources.", offset=0),
        law("Member States shall lay down the rules on penalties applicable to infringements.", section=("Article 16", "1"), offset=200),
    ]
    exemption = assess_passages(act)[0]
    assert "threshold_exemption" in exemption.gap_flags
    assert {f.attribute for f in exemption.facts if f.kind == "exemption"} >= {"non_application", "recycled"}
    assert any(r.rule == "gap.threshold_exemption" for r in exemption.reasons)


def test_whether_a_plain_duty_has_no_loophole_flag():
    assert "threshold_exemption" not in assess_text("Companies shall identify adverse impacts.", K.LEGISLATION, "article").gap_flags


def test_whether_a_headcount_with_its_comparator_before_the_noun_is_a_threshold():
    # EFRAG's wording of the ESRS phase-in: "undertakings that have 750 or less employees".
    (fact,) = thresholds("by undertakings that have 750 or less employees during the financial year")
    assert (fact.value, fact.comparator, fact.unit) == (750.0, "<=", "employees")
