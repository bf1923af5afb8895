"""Passages of a guidance, standard or report that only illustrate a topic.

A guidance explains its method with examples ("For example, several
factories release ..."; "Examples of such cases include: (a) exposure of
the undertaking's own workers to ...") and a standard closes with back
matter (an appendix of defined terms, a list of possible sustainability
issues); a report may close with a glossary too. Such a passage names a
topic to show how the method works or what a word means; it asks nothing
about the topic, so for that topic it is a mention: listed as evidence, never setting the cell's status (the
guideline: examples are mentioned; a definition binds no one).

A report passage whose only figures are a scenario's, a market's or a third
party's (a climate-risk estimate, the Taxonomy Regulation's objectives
retold) is context in the same way: it shows what the company looks at, not
what it does.

Read per category, through the words that put the passage on it: when
every such word stands inside an example, the passage only illustrates that
category; a requirement that names its topic outside the example ("hazards
such as chemicals shall be identified" names hazards outside the "such as")
still covers it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from nlp_pipeline.aggregate.list_points import LIST_POINT_RE, going_on
from nlp_pipeline.records import AnalysedPassage, BlockKind, DocumentKind

# The level of a passage without committing wording: practice described.
DESCRIBED = "strength.described_practice"

# Back matter of a standard or guidance: what words mean, what topics exist.
BACK_MATTER_RE = re.compile(
    r"\bglossary\b|\b(?:list\s+of\s+)?(?:abbreviations|acronyms)\b"
    r"|\b(?:appendix|annex)\b[^>]*\b(?:defined\s+terms|definitions|list\s+of\b)",
    re.IGNORECASE,
)
# A report's index of GRI disclosures or SDGs lists topics and pages.
INDEX_RE = re.compile(r"\b(?:GRI|SDG|ESRS)\s+(?:content\s+)?index\b|\bcontent\s+index\b", re.IGNORECASE)
# An auditor's or assurance practitioner's report bound into a company's report.
AUDITORS_REPORT_RE = re.compile(
    r"\bauditor(?:'s|’s|‘s)\s+report\b|\bresponsibilit(?:y|ies)\s+of\s+the\s+(?:auditor|assurance\s+practitioner)\b"
    r"|\bassurance\s+practitioner|\baudit\s+opinion\b|\b(?:key\s+)?audit\s+matters\b|\bassurance\s+(?:opinion|conclusion|report)\b"
    r"|\bindependent\s+(?:auditor|practitioner|assurance)\b|\bnote\s+about\s+the\s+audit\b|\breport\s+of\s+the\s+independent\b",
    re.IGNORECASE)
# A section or passage that is itself an example.
EXAMPLE_SECTION_RE = re.compile(r"\b(?:examples?|illustrative|illustrations?)\b", re.IGNORECASE)
EXAMPLE_OPENING_RE = re.compile(r"^\s*(?:\d+\.\s*)?(?:illustrative\s+)?examples?\b", re.IGNORECASE)
# Where an example starts inside a sentence; it runs to the sentence's end.
EXAMPLE_MARKER_RE = re.compile(
    r"\bfor\s+(?:example|instance)\b|\be\.\s?g\.|\bsuch\s+as\b|\bexamples?\s+(?:of\b|on\b|include|could|are\b)"
    r"|\b(?:another|an|one)\s+example\b|\billustrat(?:es|e|ed|ing)\b",
    re.IGNORECASE,
)
# A sentence that opens examples or announces them ("Examples on disaggregation
# criteria ...", "This is further illustrated as follows.", "The examples on
# next page include ...") hands the rest of the passage to them: the cases come
# after it, as list points or sentences of their own.
EXAMPLES_AHEAD_RE = re.compile(
    r"\b(?:illustrat\w*|examples?)\b[^.;]*?\b(?:as\s+follows|below|(?:on\s+)?(?:the\s+)?(?:next|following)\s+pages?)\b"
    r"|\b(?:examples?|illustrat\w*)\b[^.;]*:\s*$",
    re.IGNORECASE,
)
# Sentences end at a full stop before a capital or a number; a colon or a
# semicolon runs on, so a list of examples stays in the sentence that opens it.
SENTENCE_RE = re.compile(r".+?(?:[.!?](?=\s+[A-Z0-9])|$)", re.DOTALL)


def is_back_matter(passage: AnalysedPassage) -> bool:
    """An appendix of defined terms, a glossary, a list of topics or an index of disclosures."""
    p = passage.passage
    where = f"{p.section_path} > {p.heading or ''}"
    return bool(BACK_MATTER_RE.search(where) or INDEX_RE.search(where))


def is_auditors_report(passage: AnalysedPassage) -> bool:
    """A passage of the auditor's or assurance practitioner's report in a company's report: the auditor speaks."""
    p = passage.passage
    return p.doc_kind is DocumentKind.REPORT and bool(
        AUDITORS_REPORT_RE.search(p.section_path) or AUDITORS_REPORT_RE.search(p.heading or ""))


def is_example(passage: AnalysedPassage) -> bool:
    """The passage as a whole is an example: under an example heading, or opening with 'Example'."""
    p = passage.passage
    last = p.section[-1] if p.section else ""
    return bool(EXAMPLE_SECTION_RE.search(last) or EXAMPLE_SECTION_RE.search(p.heading or "")
                or EXAMPLE_OPENING_RE.match(p.text))


def is_topic_table(passage: AnalysedPassage) -> bool:
    """A table that asks nothing: in a guidance or standard it lists topics or lays out a template."""
    a = passage.assessment
    return passage.passage.kind is BlockKind.TABLE and all(r.rule == DESCRIBED for r in a.reasons if r.rule.startswith(
        ("strength.", "modality.", "structure.", "procedure.")))


def example_spans(text: str) -> list[tuple[int, int]]:
    """The stretches of text inside an example: from a marker to the end of its sentence.

    From a sentence that opens or announces examples, to the end of the text.
    """
    spans = []
    for sentence in SENTENCE_RE.finditer(text):
        words = sentence.group()
        start = sentence.start() + len(words) - len(words.lstrip())
        if EXAMPLE_OPENING_RE.match(words) or EXAMPLES_AHEAD_RE.search(words):
            spans.append((start, len(text)))
            break
        marker = EXAMPLE_MARKER_RE.search(words)
        if marker:
            spans.append((sentence.start() + marker.start(), sentence.end()))
    return spans


def only_in_examples(text: str, terms: Iterable[str]) -> bool:
    """Whether every occurrence of the topic's words lies inside an example (and at least one occurs)."""
    lower = text.lower()
    spans = example_spans(text)
    found = False
    for term in terms:
        for m in re.finditer(r"\b" + re.escape(term.lower()) + r"\b", lower):
            found = True
            if not any(s <= m.start() < e for s, e in spans):
                return False
    return found


def ends_in_example(text: str) -> bool:
    """Whether the text's last sentence is an example, so a list point after it goes on with it."""
    spans = example_spans(text)
    return bool(spans) and spans[-1][1] >= len(text.rstrip())


def example_continuations(passages: Sequence[AnalysedPassage]) -> frozenset[str]:
    """Ids of list points and list items that go on with an example begun in the passage before them."""
    return going_on(passages,
                    follows=lambda p: bool(LIST_POINT_RE.match(p.passage.text)) or p.passage.kind is BlockKind.LIST_ITEM,
                    opens=lambda p: ends_in_example(p.passage.text))


# What an assurance report must be about to show that due diligence results were checked.
SUSTAINABILITY_SUBJECT_RE = re.compile(
    r"\bnon-?financial\b|\bsustainability\b|\bESG\b|\bCSR\b|\bdue\s+diligence\b|\bhuman\s+rights\b"
    r"|\bconflict\s+minerals\b|\bresponsible\s+(?:minerals|sourcing)\b", re.IGNORECASE)


# An assurance statement on a climate report or on environmental figures checks those figures:
# it says nothing of whether due diligence works. Only one that names a sustainability
# subject (the statement, due diligence, human rights) or the supply chain counts there.
ASSURANCE_RE = re.compile(r"\bassurance\b|\bassured\b", re.IGNORECASE)
SUPPLY_CHAIN_SUBJECT_RE = re.compile(
    r"\bsuppl(?:y|iers?)\b|\bsmelters?\b|\brefiners?\b|\bminerals?\b|\bsourcing\b|\blabou?r\b|\bworkers?\b"
    r"|\bbusiness\s+partners?\b", re.IGNORECASE)


def assures_other_information(passage: AnalysedPassage) -> bool:
    """Whether a passage on assurance concerns information other than sustainability or the supply chain.

    "Limited assurance with respect to certain data presented in Appendix 1 - Environmental
    Data" (CT REIT), or a practitioner's procedures on a climate report's metrics (BHP).
    """
    p = passage.passage
    return (bool(ASSURANCE_RE.search(p.text)) and not SUSTAINABILITY_SUBJECT_RE.search(p.text)
            and not SUSTAINABILITY_SUBJECT_RE.search(p.section_path) and not SUPPLY_CHAIN_SUBJECT_RE.search(p.text))


def assures_sustainability(passage: AnalysedPassage) -> bool:
    """Whether the auditor's report is on sustainability information, not on the accounts or the pay report."""
    p = passage.passage
    return bool(SUSTAINABILITY_SUBJECT_RE.search(p.section_path) or SUSTAINABILITY_SUBJECT_RE.search(p.text))


def illustrates(passage: AnalysedPassage, terms: Iterable[str], continues_example: bool = False,
                assurance_counts: bool = False) -> str:
    """Why a guidance, standard or report passage only illustrates a category ('' when it addresses it).

    `assurance_counts`: the category takes an auditor's report as evidence (the taxonomy's
    `evidenced_by_assurance`).
    """
    kind = passage.passage.doc_kind
    if kind not in (DocumentKind.INITIATIVE, DocumentKind.REPORT):
        return ""
    # A report's glossary defines its words as a standard's does ("HSEC Health, Safety, Environment and
    # Community"); its examples, unlike a guidance's, are the company's own practice.
    if is_back_matter(passage):
        return "back matter: defined terms or a list of topics"
    if is_auditors_report(passage) and not (assurance_counts and assures_sustainability(passage)):
        return "the auditor's report: what was checked, not what the company does"
    if assurance_counts and assures_other_information(passage):
        return "assurance of other information (climate, environmental or financial figures): no check of due diligence"
    context = next((r.span for r in passage.assessment.reasons if r.rule == "strength.context_figures"), "")
    if context and not context.startswith("company:"):
        return f"figures of others ({context.split(':', 1)[0]}): context, not what the company does"
    if kind is not DocumentKind.INITIATIVE:
        return ""
    if is_example(passage) or continues_example:
        return "an example"
    if is_topic_table(passage):
        return "a table that lists topics"
    terms = [t for t in terms if t]
    if terms and only_in_examples(passage.passage.text, terms):
        return "the topic is named only in an example"
    return ""
