"""Amending acts: what each amendment does to the act it amends.

The operative text of an amending act ("in Article 27, paragraph 4 is replaced
by the following: '...'") is the new wording of another act's provisions. Read
alone, that wording looks like a duty the amending act establishes; whether it
leaves the amended act wider or narrower shows only against the old wording,
which the amending act does not quote. The act says it itself, twice:

- in its instructions: a whole article or paragraph deleted takes a provision
  out of the amended act (opposes); a point, subparagraph or sentence deleted
  leaves the provision in place with less in it (narrows);
- in its reasons: the explanatory memorandum and the recitals cite each
  amended article and say what the change does ("to limit due diligence
  measures ... to direct business partners", "should be removed",
  "postponing the transposition deadline"). A provision rewritten for such a
  reason stays in the amended act, narrower (narrows). Motives ("to reduce
  burdens") say why, not what, and are not read here.

The effect sets the polarity an amended provision's passages weigh with in a
cell, never their status: the new wording still binds as far as it goes, so a
passage holding both an instruction and new wording ("the introductory
wording is replaced by the following: '...'; points (c) and (e) are
deleted") covers by its new wording read without the instruction.
The instructions are read by the reader the compare stage applies them with
(ingest/amending.py), so both stages agree on what an amending act amends.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from nlp_pipeline.assess.explanations import reason
from nlp_pipeline.assess.polarity import PolarityReading, read_polarity, takes_away
from nlp_pipeline.assess.strength import is_explanatory
from nlp_pipeline.ingest import read_document
from nlp_pipeline.ingest.amending import Instruction, read_amending_act
from nlp_pipeline.records import (
    AnalysedPassage,
    Document,
    DocumentKind,
    Polarity,
    Reason,
)

# "Article 29(1) of Directive (EU) 2024/1760", "Article 8 of the CSDDD", "Article 27(4) of that Directive".
_CITATION = re.compile(
    r"\bArticles?\s+(?P<article>\d{1,3}[a-z]{0,3})\b(?:\s*\(\w{1,4}\))*"
    r"(?:,?\s*(?:(?:first|second|third|fourth|fifth|last)\s+subparagraph|points?\s*(?:\(\w{1,4}\))+))*"
    r"(?:\s+of\s+(?:(?:Directive|Regulation|Decision)\s+(?:\((?:EU|EC|EEC)\)\s+)?(?:No\s+)?(?P<act>\d{2,4}/\d{1,4})"
    r"|(?P<that>th(?:at|is|e\s+said)\s+(?:Directive|Regulation|Decision))))?",
    re.IGNORECASE)
# "Article 4 amends Directive ...": the amending act's own article, not one it amends.
_OWN_ARTICLE_VERB = re.compile(r"^\s*(?:amends|replaces|inserts|deletes|introduces|adds|repeals)\b", re.IGNORECASE)
_ACT_NUMBER = re.compile(r"(?:Directive|Regulation|Decision)\s+(?:\((?:EU|EC|EEC)\)\s+)?(?:No\s+)?(\d{2,4}/\d{1,4})",
                         re.IGNORECASE)
# The group heading every amending act opens its instructions with.
_AMENDS = re.compile(r"\b(?:is|are)\s+(?:hereby\s+)?amended\s+as\s+follows\b", re.IGNORECASE)
_ITEM_END = re.compile(r"(?<=;)\s+|(?<=[.!?])\s+(?=[A-Z‘“(])")
_LEADING_LABEL = re.compile(r"^\s*(?:[•▪◦\-–]|\((?:[a-z]{1,3}|[ivxlc]{1,5}|\d{1,3})\)|\d{1,3}[.)])\s+", re.IGNORECASE)
_QUOTES = str.maketrans({c: " " for c in "‘’“”'\"•▪◦"})
# Text shorter than this matches too much to tie a passage to one instruction.
_MIN_PROBE = 25
_PROBE = 80

_WEIGHT = {Polarity.ESTABLISHES: 0, Polarity.NARROWS: 1, Polarity.OPPOSES: 2}


@dataclass(frozen=True)
class AmendmentEffect:
    """What the amendments a passage carries do to the amended act, and why the analyzer says so."""

    polarity: Polarity
    reasons: tuple[Reason, ...]
    own: PolarityReading | None = None  # the passage's new wording read without the instructions it holds


def worse(a: Polarity, b: Polarity) -> Polarity:
    """The polarity further from coverage: opposes before narrows before establishes."""
    return a if _WEIGHT[a] >= _WEIGHT[b] else b


def amendment_effects(document: Document, passages: Sequence[AnalysedPassage]) -> dict[str, AmendmentEffect]:
    """Per passage id, the effect of the amendments it carries; empty for a document that amends nothing."""
    if document.kind is not DocumentKind.LEGISLATION or not any(_AMENDS.search(p.text) for p in passages):
        return {}
    instructions = _instructions(document)
    if not instructions:
        return {}
    reasons = reasons_by_article(passages, instructions)
    effects = [_instruction_effect(i, reasons.get((i.act, i.target.article), ())) for i in instructions]
    by_id = {p.id: p for p in passages}
    out: dict[str, AmendmentEffect] = {}
    for passage_id, carried in _carried(passages, instructions).items():
        found = [effects[k] for k in carried if effects[k] is not None]
        polarity = Polarity.ESTABLISHES
        for effect in found:
            polarity = worse(polarity, effect.polarity)
        own = _without_instructions(by_id[passage_id], [instructions[k] for k in carried])
        if found or own is not None:
            out[passage_id] = AmendmentEffect(polarity, tuple(r for e in found for r in e.reasons), own)
    return out


def _instructions(document: Document) -> tuple[Instruction, ...]:
    """The act's instructions, read as the compare stage reads them."""
    path = Path(document.path)
    if not path.is_file():
        path = Path("")
    elif not document.blocks and path.suffix.lower() not in (".txt", ".text"):
        # A document restored from a result store keeps no blocks: its instructions are read from the file again.
        document = read_document(path)
    amending = read_amending_act(document, path)
    return amending.instructions if amending is not None else ()


def _without_instructions(passage: AnalysedPassage, carried: Sequence[Instruction]) -> PolarityReading | None:
    """The passage's polarity read with the instructions' own words blanked out; None when it holds none."""
    text = passage.text
    blanked = text
    for instruction in carried:
        words = _LEADING_LABEL.sub("", instruction.wording).split()
        if not words:
            continue
        pattern = re.compile(r"\s+".join(re.escape(w) for w in words), re.IGNORECASE)
        # Blanks keep the offsets of the facts read from the passage.
        blanked = pattern.sub(lambda m: " " * len(m.group()), blanked)
    if blanked == text:
        return None
    return read_polarity(blanked, passage.facts)


def _instruction_effect(instruction: Instruction, reasons: Sequence[tuple[str, str]]) -> AmendmentEffect | None:
    """A deletion by what it deletes; a rewrite or an insertion by what the act's reasons say it takes away."""
    t = instruction.target
    where = t.describe()
    if instruction.action == "delete":
        part = t.points or t.subparagraphs or t.subpoints or t.sentence or t.introductory
        if part:
            return AmendmentEffect(Polarity.NARROWS, (reason("amendment.deletes_part", where),))
        return AmendmentEffect(Polarity.OPPOSES, (reason("amendment.deletes_provision", where),))
    if reasons:
        kind, words = reasons[0]
        return AmendmentEffect(Polarity.NARROWS, (reason("amendment.reasons_narrow", f"{where}: {words} ({kind})"),))
    return None


def reasons_by_article(passages: Sequence[AnalysedPassage],
                       instructions: Sequence[Instruction]) -> dict[tuple[str, str], list[tuple[str, str]]]:
    """Per amended (act, article), what the act's memorandum and recitals say its amendment takes away."""
    acts_by_article: dict[str, set[str]] = defaultdict(set)
    for i in instructions:
        if i.target.article:
            acts_by_article[i.target.article].add(i.act)
    out: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for p in passages:
        if not is_explanatory(p.passage) or not takes_away(p.text):
            continue
        # A memorandum lists one amendment per item ("paragraph (7) amends Article 13 ...;"); a
        # sentence citing no article goes on about the one before it in the same passage.
        cited: set[tuple[str, str]] = set()
        for item in _ITEM_END.split(p.text):
            cited = _cited(item, acts_by_article) or cited
            for key in cited:
                out[key].extend(takes_away(item))
    return out


def _cited(text: str, acts_by_article: dict[str, set[str]]) -> set[tuple[str, str]]:
    """The amended (act, article) pairs a passage cites; an article amended in several acts must name its act."""
    cited = set()
    named = [(m.start(), m.group(1)) for m in _ACT_NUMBER.finditer(text)]
    for m in _CITATION.finditer(text):
        article = m.group("article")
        acts = acts_by_article.get(article)
        if not acts or _OWN_ARTICLE_VERB.match(text[m.end("article"):]):
            continue
        act = m.group("act")
        if not act and m.group("that"):
            act = next((n for at, n in reversed(named) if at < m.start()), None)
        if act:
            if act in acts:
                cited.add((act, article))
        elif len(acts) == 1:
            cited.add((next(iter(acts)), article))
    return cited


def _carried(passages: Sequence[AnalysedPassage], instructions: Sequence[Instruction]) -> dict[str, list[int]]:
    """Per operative passage, the instructions whose wording or new text it holds, in the order the act gives them.

    The search for a passage's instruction starts at the one the passage
    before was found to hold, so text that two amendments repeat word for
    word (Article 10(6) and Article 11(7) of the CSDDD in the Omnibus I
    proposal) goes with the amendment it follows.
    """
    wordings = [_norm(i.wording) for i in instructions]
    new_texts = [_norm(" ".join(i.new_text)) for i in instructions]
    out: dict[str, list[int]] = {}
    cursor = 0
    for p in passages:
        if is_explanatory(p.passage):
            continue
        text = _norm(p.text)
        if len(text) < _MIN_PROBE:
            continue
        first = next((k for k in range(cursor, len(instructions)) if _holds(text, wordings[k], new_texts[k])), None)
        if first is None:
            continue
        carried = [first]
        k = first + 1
        while k < len(instructions) and wordings[k] and wordings[k] in text:
            carried.append(k)
            k += 1
        out[p.id] = carried
        cursor = first
    return out


def _holds(text: str, wording: str, new_text: str) -> bool:
    """Whether a passage's text (normalised) holds an instruction's wording, or is or opens its new text."""
    return (len(wording) >= _MIN_PROBE // 2 and wording in text) or text[:_PROBE] in new_text \
        or (len(new_text) >= _MIN_PROBE and new_text[:_PROBE] in text)


def _norm(text: str) -> str:
    return " ".join(text.translate(_QUOTES).lower().split())
