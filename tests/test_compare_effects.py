"""What a change to a provision does, typed from the words that changed and the facts assess found."""

import pytest

from nlp_pipeline.assess import assess_passages
from nlp_pipeline.compare.effects import Side, modified_effects, provision_effects
from nlp_pipeline.records import AnalysedPassage, BlockKind, DocumentKind, Passage


def side(text: str, role: str = "article", section: tuple[str, ...] = ("Article 9", "1"), heading: str = "",
         lead_in: str = "") -> Side:
    passage = Passage(id=f"d:{abs(hash(text)) % 10_000}", doc_id="d" * 12, text=text, page_start=1, page_end=1,
                      section=section, kind=BlockKind.PARAGRAPH, char_start=0, char_end=len(text), role=role,
                      doc_kind=DocumentKind.LEGISLATION, heading=heading)
    [assessment] = assess_passages([passage])
    return Side((AnalysedPassage(passage, (), assessment),), (), heading, lead_in)


def types(old: str, new: str, **kw) -> list[str]:
    return [e.type.value for e in modified_effects(side(old, **kw), side(new, **kw), ())]


SCOPE = ("the company had more than 1 000 employees on average and had a net worldwide turnover of more than "
         "EUR 450 000 000 in the last financial year")


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (SCOPE, SCOPE.replace("1 000", "3 000"), ["threshold_raised"]),
        (SCOPE, SCOPE.replace("EUR 450 000 000", "EUR 150 000 000"), ["threshold_lowered"]),
        ("The maximum limit of pecuniary penalties shall be not less than 5 % of the net worldwide turnover.",
         "The maximum limit of pecuniary penalties shall be not more than 1 % of the net worldwide turnover.",
         ["sanction_lowered"]),
        ("The maximum limit of pecuniary penalties shall be not less than 5 % of the net worldwide turnover.",
         "The maximum limit of pecuniary penalties shall be not more than 5 % of the net worldwide turnover.",
         ["sanction_lowered"]),
        ("Member States shall adopt and publish, by 26 July 2026, the laws.",
         "Member States shall adopt and publish, by 26 July 2028, the laws.", ["deadline_postponed"]),
        ("They shall apply those measures from 1 January 2029.", "They shall apply those measures from 26 July 2027.",
         ["deadline_brought_forward"]),
        ("Such assessments shall be carried out at least every 12 months.",
         "Such assessments shall be carried out at least every 5 years.", ["period_lengthened"]),
        ("Member States shall ensure that companies integrate due diligence into their policies.",
         "Member States should ensure that companies integrate due diligence into their policies.",
         ["modality_softened"]),
        ("Member States shall ensure that companies report on the matters covered by this Directive.",
         "Member States are encouraged to ensure that companies report on the matters covered by this Directive.",
         ["modality_softened"]),
        ("The company shall suspend the business relationship.", "The company may suspend the business relationship.",
         ["modality_softened"]),
        ("Companies should consult stakeholders.", "Companies shall consult stakeholders.", ["modality_hardened"]),
        ("Companies shall consult stakeholders.", "Companies shall, where appropriate, consult stakeholders.",
         ["modality_softened"]),
        ("carry out an in-depth assessment of the operations of their business partners",
         "carry out an in-depth assessment of the operations of their direct business partners", ["scope_narrowed"]),
    ],
)
def test_whether_a_rewording_is_typed_by_what_it_does(old, new, expected):
    assert types(old, new) == expected


def test_whether_figures_in_a_restructured_sentence_are_paired_by_what_they_measure():
    old = "The guidelines on points (a) and (d) shall be made available by 26 January 2027."
    new = "The guidelines on point (a) shall be made available by 26 July 2026, those on point (d) by 26 January 2027."
    effects = modified_effects(side(old), side(new), ())
    # Point (a)'s guidelines come earlier; point (d)'s date is now said on its own.
    assert [(e.type.value, e.summary) for e in effects] == [
        ("deadline_brought_forward", "26 January 2027 → 26 July 2026"),
        ("deadline_added", "deadline added: 26 January 2027")]


def test_whether_an_effect_quotes_the_clause_on_both_sides():
    old, new = SCOPE, SCOPE.replace("1 000", "3 000")
    [effect] = modified_effects(side(old), side(new), ("HR.GAP.SCOPE",))
    assert "1 000 employees" in effect.old_quote and "3 000 employees" in effect.new_quote
    assert effect.summary.startswith("1 000 employees → 3 000 employees") and effect.categories == ("HR.GAP.SCOPE",)
    assert effect.severity == "major"


def test_whether_a_liability_provision_that_goes_is_liability_removed():
    old = ("Member States shall ensure that a company can be held liable for damage caused to a natural or legal "
           "person. The limitation period shall be five years.")
    new = "The limitation period shall be five years."
    assert "liability_removed" in types(old, new)


def test_whether_a_definition_reworded_is_a_definition_change():
    old = "(n) ‘stakeholders’ means the company’s employees, trade unions, consumers and other individuals"
    new = "(n) ‘stakeholders’ means the company’s employees and their trade unions"
    assert types(old, new, role="definition") == ["definition_changed"]


def test_whether_a_new_addressee_is_found_where_the_old_one_is_bound_no_more():
    old = "Member States shall publish the list of supervisory authorities."
    new = "The Commission shall publish the list of supervisory authorities."
    assert types(old, new) == ["addressee_changed"]


def test_whether_a_mere_rewording_has_no_typed_effect():
    old = "Companies shall publish the statement on their website."
    new = "Companies shall publish that statement on their website."
    assert types(old, new) == []


@pytest.mark.parametrize(
    ("text", "lead_in", "expected"),
    [
        ("Member States shall ensure that natural and legal persons have the right to request information.", "",
         ["right_added"]),
        ("Companies shall reply to such requests.", "", ["duty_added"]),
        ("(c) when developing prevention and corrective action plans;",
         "3. Consultation of stakeholders shall take place at the following stages:", ["duty_added"]),
        ("This Article shall not apply to companies with fewer than 500 employees.", "",
         ["threshold_added", "exemption_added"]),
        ("The Commission shall publish a report on the application of this Directive.", "", ["duty_added"]),
        ("This Directive shall enter into force on the twentieth day following its publication.", "", ["text_added"]),
    ],
)
def test_whether_a_provision_that_appears_is_read_for_what_it_brings(text, lead_in, expected):
    assert [e.type.value for e in provision_effects(side(text, lead_in=lead_in), True, ())] == expected


def test_whether_a_provision_that_goes_takes_its_effects_with_it():
    text = "Member States shall ensure that a company can be held liable for damage caused by it."
    [effect] = provision_effects(side(text), False, ())
    assert effect.type.value == "liability_removed" and effect.old_quote and not effect.new_quote


def test_whether_a_figure_repeated_more_often_on_one_side_is_compared_once_per_occurrence():
    old = "from 26 July 2027 for some companies and from 26 July 2027 for others, and from 26 July 2028 for the rest."
    new = "from 26 July 2028 for some companies and from 26 July 2029 for the rest."
    kinds = [e.type.value for e in modified_effects(side(old), side(new), ())]
    # Each "from" date pairs with the next "from" date; the third has no counterpart.
    assert kinds == ["deadline_postponed", "deadline_postponed", "deadline_removed"]
