"""The words two versions are compared on: what is format and what is wording."""

import pytest

from nlp_pipeline.compare.wording import (
    clause_around,
    normalised,
    renumbered_references,
    same_wording,
    word_diff,
    word_similarity,
)

SCOPE = "This Directive shall apply to companies which had more than 1 000 employees on average."


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("1.   Member States shall act.", "1. Member States shall act."),
        ("(a) the company’s turnover;", "the company's turnover;"),
        ("Member\u00a0States  shall\nact.", "member states shall act."),
        ("more than 1 000 employees", "more than 1000 employees"),
        ("public-interest entities", "public interest entities"),
        ("the group’s value chain", "the group ’ s value chain"),
        ("of the Council (39), and captive", "of the Council, and captive"),
        ("defined in Article 3(1) (*3).", "defined in Article 3(1) (***)."),
        ("the rule of law. (2) Position of the European Parliament of 10 November 2022 (not yet published in the "
         "Official Journal) and decision of the Council of 28 November 2022.", "the rule of law."),
        ("point (5) is added (*1); (*1) Council Directive 91/674/EEC of 19 December 1991 on the annual accounts "
         "(OJ L 374, 31.12.1991, p. 7).", "point (5) is added (*);"),
    ],
)
def test_whether_typography_numbering_and_footnotes_are_not_a_change(a, b):
    assert normalised(a) == normalised(b)


@pytest.mark.parametrize("b", ["a multistakeholder task force", "a multi stakeholder task force"])
def test_whether_a_compound_with_or_without_its_hyphen_is_the_same_wording(b):
    # The CSRD's Official Journal PDF breaks "multi-" at a line end; nothing on the page says the hyphen stays.
    assert same_wording(normalised("a multi-stakeholder task force"), normalised(b))


def test_whether_words_that_part_differently_are_still_compared_word_by_word():
    assert not same_wording(normalised("the company shall not act"), normalised("the company shall act"))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("in point (1) of Article 2", "in point (2) of Article 2"),
        ("not less than 5 %", "not more than 5 %"),
        ("Member States shall ensure", "Member States should ensure"),
    ],
)
def test_whether_a_change_of_wording_or_reference_is_kept(a, b):
    assert normalised(a) != normalised(b)


def test_whether_references_to_renumbered_articles_follow_the_new_numbering_and_other_acts_stay():
    text = ("referred to in Articles 20 and 21 of this Directive, Article 20(1), Article 19a of Directive "
            "2013/34/EU and Articles 20 and 21 of the Convention")
    moved = renumbered_references(text, {"20": "27", "21": "28", "19a": "99"})
    assert "Articles 27 and 28 of this Directive" in moved and "Article 27(1)" in moved
    assert "Article 19a of Directive 2013/34/EU" in moved
    assert moved.endswith("Articles 20 and 21 of the Convention")


def test_whether_a_clause_is_quoted_around_the_changed_words():
    text = "Member States shall act. Companies shall report every 12 months; they may publish more."
    at = text.index("12")
    assert clause_around(text, at, at + 2) == "Companies shall report every 12 months;"


def test_whether_the_word_diff_rebuilds_both_texts():
    old, new = SCOPE, SCOPE.replace("more than 1 000", "at least 500")
    runs = word_diff(old, new)
    assert " ".join(t for op, t in runs if op != "insert") == old
    assert " ".join(t for op, t in runs if op != "delete") == new
    assert ("insert", "at least 500") in runs


def test_whether_word_similarity_is_one_for_the_same_wording_and_low_for_different_wording():
    assert word_similarity(SCOPE, "1. " + SCOPE) == 1.0
    assert word_similarity(SCOPE, "Member States shall lay down the rules on penalties.") < 0.5
