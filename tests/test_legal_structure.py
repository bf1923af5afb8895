"""The legal structure tracker gives each paragraph of an EU act its citation."""

from __future__ import annotations

import pytest

from nlp_pipeline.ingest.legal_structure import (
    LegalStructureTracker,
    looks_like_legal_act,
    merge_bare_labels,
    normalise_space,
)
from nlp_pipeline.records import BlockKind

H, P, L, F = BlockKind.HEADING, BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.FOOTNOTE

# A compressed act in the shape of the Official Journal, paragraph by paragraph,
# with what the tracker must say about each one.
ACT = [
    ("DIRECTIVE (EU) 2024/1760 OF THE EUROPEAN PARLIAMENT AND OF THE COUNCIL", (), "", H),
    ("of 13 June 2024", (), "", H),
    ("THE EUROPEAN PARLIAMENT AND THE COUNCIL OF THE EUROPEAN UNION,", ("Preamble",), "", P),
    ("Having regard to the Treaty on the Functioning of the European Union,", ("Preamble",), "", P),
    ("Whereas:", ("Preamble",), "", P),
    ("(1)\u00a0\u00a0\u00a0As stated in Article\u00a02 of the Treaty on European Union.", ("Recital (1)",), "recital", P),
    ("It continues here.", ("Recital (1)",), "recital", P),
    ("(2)", ("Recital (2)",), "recital", P),
    ("In line with Article 191 TFEU.", ("Recital (2)",), "recital", P),
    ("HAVE ADOPTED THIS DIRECTIVE:", (), "", P),
    ("CHAPTER I", ("Chapter I",), "article", H),
    ("GENERAL PROVISIONS", ("Chapter I",), "article", H),
    ("Article\u00a01", ("Article 1",), "article", H),
    ("Subject matter", ("Article 1",), "article", H),
    ("1.\u00a0\u00a0\u00a0This Directive lays down rules on:", ("Article 1", "1"), "article", P),
    ("(a)", ("Article 1", "1", "(a)"), "article", L),
    ("obligations for companies;", ("Article 1", "1", "(a)"), "article", L),
    ("(b) liability for violations;", ("Article 1", "1", "(b)"), "article", L),
    ("(i) first sub-point;", ("Article 1", "1", "(b)", "(i)"), "article", L),
    ("(ii) second sub-point;", ("Article 1", "1", "(b)", "(ii)"), "article", L),
    ("(c) the obligation to adopt a transition plan.", ("Article 1", "1", "(c)"), "article", L),
    ("Member States may go further.", ("Article 1", "1"), "article", P),
    ("2. This Directive shall not constitute grounds.", ("Article 1", "2"), "article", P),
    ("SECTION 2", ("Chapter I", "Section 2"), "article", H),
    ("Article 3", ("Article 3",), "article", H),
    ("Definitions", ("Article 3",), "article", H),
    ("1. For the purpose of this Directive, the following definitions shall apply:", ("Article 3", "1"), "article", P),
    ("(h) ‘verification’ means ...;", ("Article 3", "1", "(h)"), "definition", L),
    ("(i) ‘SME’ means a micro undertaking;", ("Article 3", "1", "(i)"), "definition", L),
    ("Article 14", ("Article 14",), "article", H),
    ("Penalties", ("Article 14",), "article", H),
    ("This Article has one paragraph.", ("Article 14",), "article", P),
    ("Done at Brussels, 13 June 2024.", (), "", P),
    ("For the European Parliament", (), "", P),
    ("ANNEX I", ("Annex I",), "annex", H),
    ("LIST OF RIGHTS", ("Annex I",), "annex", H),
    ("1. The right to life.", ("Annex I", "1"), "annex", P),
]


def _run(lines: list[str]) -> list[tuple[tuple[str, ...], str, BlockKind]]:
    tracker = LegalStructureTracker()
    return [tracker.observe(line) for line in lines]


@pytest.mark.parametrize("position", range(len(ACT)), ids=[a[0][:30] for a in ACT])
def test_whether_each_paragraph_of_an_act_gets_its_citation(position):
    results = _run([a[0] for a in ACT])
    _, section, role, kind = ACT[position]
    assert results[position] == (section, role, kind)


@pytest.mark.parametrize(
    "lines, expected",
    [
        (["Article 2", "Scope", "1. Applies to:", "(h) eight", "(i) nine"], ("Article 2", "1", "(i)")),
        (["Article 2", "Scope", "1. Applies to:", "(a) one", "(i) first"], ("Article 2", "1", "(a)", "(i)")),
        (["Article 2", "Scope", "1. Applies to:", "(a) one", "(i) x", "(ii) y", "(iii) z"], ("Article 2", "1", "(a)", "(iii)")),
        (["Article 2", "Scope", "1. Applies to:", "(u) one", "(v) two"], ("Article 2", "1", "(v)")),
        (["Article 2", "Scope", "1. Applies to:", "(a) one", "(i) x", "(ii) y", "(b) two"], ("Article 2", "1", "(b)")),
        (["Article 2", "Definitions", "(1) ‘raw material’ means a substance;"], ("Article 2", "(1)")),
        (["Article 19a Sustainability reporting", "1. Large undertakings shall"], ("Article 19a", "1")),
    ],
    ids=["letter-i-after-h", "roman-i-after-a", "roman-iii", "letter-v-after-u", "back-to-letters", "numbered-definition", "title-on-heading-line"],
)
def test_whether_points_letters_and_roman_numerals_are_told_apart(lines, expected):
    assert _run(lines)[-1][0] == expected


AMENDING = [
    ("Article 1", ("Article 1",)),
    ("Amendments to Directive 2013/34/EU", ("Article 1",)),
    ("Directive 2013/34/EU is amended as follows:", ("Article 1",)),
    ("(4) the following articles are inserted:", ("Article 1", "(4)")),
    ("‘Article 19a", ("Article 1", "(4)", "Article 19a")),
    ("Sustainability reporting", ("Article 1", "(4)", "Article 19a")),
    ("1. Large undertakings shall include in the management report the ‘sustainability statement’.", ("Article 1", "(4)", "Article 19a", "1")),
    ("(a) a brief description;", ("Article 1", "(4)", "Article 19a", "1", "(a)")),
    ("“net turnover” means the amounts;", ("Article 1", "(4)", "Article 19a", "1")),
    ("2. The information shall be provided.’;", ("Article 1", "(4)", "Article 19a", "2")),
    ("(5) Article 20 is amended as follows:", ("Article 1", "(5)")),
    ("Article 2", ("Article 2",)),
]


@pytest.mark.parametrize("position", range(len(AMENDING)), ids=[a[0][:30] for a in AMENDING])
def test_whether_an_amending_act_keeps_its_own_article_first(position):
    results = _run([a[0] for a in AMENDING])
    assert results[position][0] == AMENDING[position][1]


@pytest.mark.parametrize(
    "line",
    ["(*1)\u00a0\u00a0Council Directive 91/674/EEC of 19 December 1991.", "(1)  OJ C 443, 22.11.2022, p. 81."],
)
def test_whether_footnotes_are_recognised(line):
    assert _run(["Article 1", "Scope", line])[-1][2] is F


def test_whether_an_unclosed_quote_ends_at_the_acts_next_article():
    lines = ["Article 40", "Amendment", "The following entry is added:", "‘15a", "Critical raw materials", "Article 41", "Title", "Text."]
    sections = [r[0] for r in _run(lines)]
    assert sections[4][:1] == ("Article 40",)
    assert sections[5:] == [("Article 41",), ("Article 41",), ("Article 41",)]


def test_whether_a_quoted_term_does_not_close_an_amendment_early():
    lines = ["Article 1", "T", "(1) X is replaced:", "‘1. Text with a ‘term’.", "2. More text.’;", "(2) next"]
    sections = [r[0] for r in _run(lines)]
    assert sections[4] == ("Article 1", "(1)", "2")
    assert sections[5] == ("Article 1", "(2)")


@pytest.mark.parametrize(
    "paragraphs, expected",
    [
        (["(a)", "text of a", "(b)", "text of b"], ["(a) text of a", "(b) text of b"]),
        (["1.", "para one", "plain"], ["1. para one", "plain"]),
        (["\u2014", "indent"], ["\u2014 indent"]),
        (["\u2018(5)", "\u201cnet turnover\u201d means"], ["\u2018(5) \u201cnet turnover\u201d means"]),
        (["", "  ", "alone"], ["alone"]),
    ],
)
def test_whether_bare_labels_are_joined_with_their_text(paragraphs, expected):
    assert merge_bare_labels(paragraphs) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("DIRECTIVE (EU) 2024/1760 OF THE EUROPEAN PARLIAMENT\nWhereas:\n(1) x\nHAVE ADOPTED THIS DIRECTIVE:", True),
        ("Our company report.\nWe recycle cobalt.\nArticle in the press.", False),
    ],
)
def test_whether_legal_acts_are_recognised_from_their_text(text, expected):
    assert looks_like_legal_act(text) is expected


def test_whether_the_tracker_is_deterministic():
    lines = [a[0] for a in ACT] + [a[0] for a in AMENDING]
    assert _run(lines) == _run(lines)


def test_whether_non_breaking_spaces_are_normalised():
    assert normalise_space("Article\u00a014\u202f ") == "Article 14"


@pytest.mark.parametrize(
    "lines, expected",
    [
        (
            ["Article 14", "Penalties", "1. Member States shall lay down", "the rules."],
            ["Article 14", "Penalties", "1. Member States shall lay down the rules."],
        ),
        (
            ["1. As referred to in point", "(a) of Article 3.", "2. Next."],
            ["1. As referred to in point (a) of Article 3.", "2. Next."],
        ),
        (["2. Member States shall:", "(a) ensure", "that; and", "(b) notify."], ["2. Member States shall:", "(a) ensure that; and", "(b) notify."]),
        (["1. a sustain-", "ability report."], ["1. a sustainability report."]),
        (["(a)", "text of the point;", "1.", "text"], ["(a) text of the point;", "1. text"]),
    ],
    ids=["heading-title-paragraph", "label-mid-sentence", "points-after-and", "hyphenation", "bare-label"],
)
def test_whether_wrapped_lines_are_grouped_into_the_acts_paragraphs(lines, expected):
    from nlp_pipeline.ingest.legal_structure import split_legal_lines

    assert split_legal_lines(lines) == expected
