"""Quotes shortened at a word or a sentence, never mid-word; plurals that agree; section trails kept at their end."""

from __future__ import annotations

import pytest

from nlp_pipeline.report.wording import ELLIPSIS, plural, sentences, shorten, trail_end, whole_sentences

PASSAGE = ("1. Member States shall ensure that companies integrate due diligence into their policies. "
           "Art. 5 applies to the risk-based approach. Companies shall publish a statement each year.")


@pytest.mark.parametrize("limit", [10, 25, 40, 61, 75])
def test_whether_a_shortened_text_ends_on_a_whole_word_with_an_ellipsis(limit):
    text = "the company’s own business plan, including its supply chain and its remedies"
    short = shorten(text, limit)
    assert len(short) <= limit and short.endswith(ELLIPSIS)
    assert all(word in text.split() or word + "," in text.split() for word in short[:-1].split())


def test_whether_text_that_fits_is_left_as_it_is():
    assert shorten("Line one.\nLine two.", 100) == "Line one.\nLine two."


def test_whether_sentences_keep_paragraph_numbers_and_abbreviations():
    assert sentences(PASSAGE) == [
        "1. Member States shall ensure that companies integrate due diligence into their policies.",
        "Art. 5 applies to the risk-based approach.",
        "Companies shall publish a statement each year.",
    ]


def test_whether_a_quote_is_whole_sentences_marked_where_text_is_left_out():
    assert whole_sentences(PASSAGE, 140) == (
        "1. Member States shall ensure that companies integrate due diligence into their policies. "
        "Art. 5 applies to the risk-based approach. …")
    assert whole_sentences(PASSAGE, 400) == " ".join(PASSAGE.split())


def test_whether_a_quote_starts_at_the_sentence_holding_the_words_a_rule_fired_on():
    quote = whole_sentences(PASSAGE, 400, ["publish a statement"])
    assert quote == "… Companies shall publish a statement each year."


def test_whether_a_passage_cut_by_a_page_break_is_marked_at_both_ends():
    assert whole_sentences("reductions should not cause harm and we will", 200) == \
        "… reductions should not cause harm and we will …"


@pytest.mark.parametrize(
    "count, singular, expected",
    [(1, "page", "1 page"), (2, "page", "2 pages"), (0, "category", "0 categories"), (1, "category", "1 category"),
     (2243, "passage", "2,243 passages"), (3, "day", "3 days")],
)
def test_whether_plurals_agree_with_their_count(count, singular, expected):
    assert plural(count, singular) == expected


def test_whether_a_long_section_trail_keeps_its_specific_end():
    trail = "Climate Change Report 2020 > Bringing people and resources together > 2.2 Reducing emissions > Pathways"
    assert trail_end(trail, 50) == "… > 2.2 Reducing emissions > Pathways"
    assert trail_end("Article 27 > 1", 50) == "Article 27 > 1"


def test_whether_a_specific_findings_quote_opens_at_the_companys_own_figure():
    from nlp_pipeline.assess import assess_text
    from nlp_pipeline.records import AnalysedPassage, BlockKind, CategoryScore, DocumentKind, Evidence, Passage
    from nlp_pipeline.report.findings import finding_quote

    text = ("We have made progress on sustainable packaging over the years and will continue to make this a focus. "
            "In 2023 we reduced our Scope 1 and 2 emissions by 30% from 2019 levels across our warehouses.")
    assessment = assess_text(text, DocumentKind.REPORT)
    assert assessment.strength == 3
    passage = Passage("d:0", "d", text, 1, 1, (), BlockKind.PARAGRAPH, 0, len(text), doc_kind=DocumentKind.REPORT)
    evidence = Evidence.of(AnalysedPassage(passage, (CategoryScore("CE.RENEWABLE_ENERGY", 0.9, True),), assessment),
                           "CE.RENEWABLE_ENERGY")
    assert finding_quote(evidence, 300).startswith(f"{ELLIPSIS} In 2023 we reduced")


def test_whether_a_cells_quote_opens_at_the_sentence_naming_its_category():
    from nlp_pipeline.records import (
        AnalysedPassage, Assessment, BlockKind, CategoryScore, CueMatch, Evidence, Modality, Passage,
    )
    from nlp_pipeline.report.findings import finding_quote

    text = ("We sell items that consume energy and work toward greater energy efficiency with our suppliers. "
            "We will keep working with suppliers to increase recycled content in our packaging.")
    passage = Passage("d:0", "d", text, 1, 1, (), BlockKind.PARAGRAPH, 0, len(text))
    score = CategoryScore("CE.RECYCLED_CONTENT", 0.8, True, (CueMatch("recycled content"),))
    evidence = Evidence.of(AnalysedPassage(passage, (score,), Assessment("d:0", 1, Modality.FUTURE_INTENT)), "CE.RECYCLED_CONTENT")
    assert finding_quote(evidence, 300).startswith(f"{ELLIPSIS} We will keep working")


def test_whether_a_cells_quote_opens_at_the_practice_that_put_the_passage_on_its_category():
    from nlp_pipeline.records import (
        AnalysedPassage, Assessment, BlockKind, CategoryScore, Evidence, Modality, Passage, PracticeMatch,
    )
    from nlp_pipeline.report.findings import finding_quote

    # The project's words after IBM's 2024 filing (PDF p. 3): the remedy cell stood on the ombudsman
    # sentence, while its quote opened on the contract sentence before it.
    text = ("Included responsible minerals requirements in our standard supplier contract templates. "
            "Stakeholders can report concerns about 3TG through a portal that directs them to our independent Ombudsman.")
    passage = Passage("d:0", "d", text, 1, 1, (), BlockKind.PARAGRAPH, 0, len(text))
    score = CategoryScore("HR.GAP.REMEDY", 0.5, True, (PracticeMatch("ombuds", "report"),))
    evidence = Evidence.of(AnalysedPassage(passage, (score,), Assessment("d:0", 2, Modality.DESCRIPTIVE)), "HR.GAP.REMEDY")
    assert finding_quote(evidence, 300).startswith(f"{ELLIPSIS} Stakeholders can report concerns")


def test_whether_a_cells_quote_opens_at_the_word_models_words_before_the_words_a_rule_fired_on():
    from nlp_pipeline.assess import assess_text
    from nlp_pipeline.records import AnalysedPassage, BlockKind, CategoryScore, DocumentKind, Evidence, KeyWords, Passage
    from nlp_pipeline.report.findings import finding_quote

    # The project's words after Manz 2023 p. 40: the quote opened at the "must not" sentence a strength rule
    # fired on, and left out the one that says employees may complain at all.
    text = ("All employees have the right to lodge a complaint with the relevant departments if they feel treated "
            "unfairly by managers. If complaints are to be clarified in the presence of the person who made the "
            "complaint, they may call in a member of the employee representative body. Employees must not suffer "
            "any disadvantages as a result of lodging a complaint.")
    assessment = assess_text(text, DocumentKind.REPORT)
    assert any(r.span == "must not" for r in assessment.reasons)
    passage = Passage("d:0", "d", text, 1, 1, (), BlockKind.PARAGRAPH, 0, len(text), doc_kind=DocumentKind.REPORT)
    # The word model leans on "complaints" and "complaint": the shorter finds the first sentence too.
    score = CategoryScore("HR.GAP.REMEDY", 0.8, True, (KeyWords(("complaints", "complaint")),))
    evidence = Evidence.of(AnalysedPassage(passage, (score,), assessment), "HR.GAP.REMEDY")
    assert finding_quote(evidence, 300).startswith("All employees have the right to lodge a complaint")
