import pytest

from nlp_pipeline.assess import assess_text
from nlp_pipeline.assess.hedges import hedges
from nlp_pipeline.assess.patterns import make_doc
from nlp_pipeline.records import DocumentKind as K


def found(text):
    return [h.rule_id for h in hedges(make_doc(text), text)]


@pytest.mark.parametrize("text,rule", [
    ("Suppliers shall, where appropriate, disclose smelters.", "hedge.where_appropriate"),
    ("We will, to the extent possible, trace cobalt.", "hedge.to_the_extent_possible"),
    ("Audits will be unannounced where feasible.", "hedge.where_feasible"),
    ("As far as possible we source locally.", "hedge.as_far_as_possible"),
    ("Subject to commercial considerations, we will switch suppliers.", "hedge.subject_to"),
    ("Suppliers shall use reasonable efforts to trace minerals.", "hedge.reasonable_efforts"),
    ("Companies shall, where relevant, consult stakeholders.", "hedge.where_relevant"),
    ("We will take corrective action if necessary.", "hedge.if_necessary"),
    ("Where legally permitted, we disclose grievances.", "hedge.where_legally_permitted"),
    # Freedom of association only as far as local law allows: the loophole where the law forbids unions.
    ("Suppliers shall respect freedom of association where permitted by local law.", "hedge.where_legally_permitted"),
    ("Measures shall be adapted as appropriate.", "hedge.where_appropriate"),
])
def test_whether_escape_clauses_are_found_as_spans(text, rule):
    assert rule in found(text)


@pytest.mark.parametrize("text", [
    "Subject to Article 5, Member States shall ensure compliance.",
    "That exemption is subject to the condition that a subsidiary is designated.",
])
def test_whether_subject_to_a_cross_reference_is_not_a_hedge(text):
    assert found(text) == []


def test_whether_hedge_spans_point_at_the_words():
    text = "Companies shall, where appropriate, take measures."
    a = assess_text(text, K.LEGISLATION, "article")
    (span,) = a.hedges
    assert text[span.start:span.end] == "where appropriate" and span.label == "hedge"


@pytest.mark.parametrize("plain,hedged,kind", [
    ("Companies shall take appropriate measures. Penalties shall be effective, proportionate and dissuasive.",
     "Companies shall, to the extent possible, take measures. Penalties shall be effective, proportionate and dissuasive.",
     K.LEGISLATION),
    ("Suppliers must disclose their smelters annually.",
     "Suppliers must disclose their smelters annually where appropriate.",
     K.INITIATIVE),
    ("By 2030 we will source 100% of our cobalt from audited smelters.",
     "By 2030 we will, to the extent possible, source 100% of our cobalt from audited smelters.",
     K.REPORT),
])
def test_whether_a_hedge_lowers_strength_by_one(plain, hedged, kind):
    a, b = assess_text(plain, kind, "article" if kind is K.LEGISLATION else ""), assess_text(hedged, kind, "article" if kind is K.LEGISLATION else "")
    assert b.strength == a.strength - 1
    assert "hedged" in b.gap_flags and "hedged" not in a.gap_flags
    assert any("(-1)" in r.span for r in b.reasons)


def test_whether_a_tailoring_hedge_in_law_is_recorded_without_lowering_the_duty():
    enforced = " Penalties shall be effective, proportionate and dissuasive."
    plain = assess_text("Companies shall take measures." + enforced, K.LEGISLATION, "article")
    tailored = assess_text("Companies shall, where appropriate, take measures." + enforced, K.LEGISLATION, "article")
    assert tailored.strength == plain.strength == 4
    assert "hedged" in tailored.gap_flags and tailored.hedges
