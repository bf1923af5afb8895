"""The words two versions of a provision are compared on, and where they differ.

What counts is the wording, not how a format prints it: quote styles,
dashes, spaces, line-end hyphens (a compound with or without its hyphen,
`same_wording`), the label that numbers a paragraph or
point ("1.", "(a)"), footnote markers ("(*3)", "(***)", a reference number
after a word) and punctuation are not a change. Numbers written with
thousands separators ("1 000", "1,000", "1000") are one token. Every token
keeps its offsets in the original text, so a difference can be quoted as the
act prints it.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " ",
                         "\u202f": " ", "\u2009": " ", "\u2007": " "})
# A paragraph or point label opening a provision: its number is its path.
_LABEL = re.compile(r"^\s*[‘'\"“]?\s*(?:\(?[0-9]{1,3}[a-z]{0,2}[.)]|\([a-z]{1,4}\)|[a-z]\)|[-—–•])\s+", re.IGNORECASE)
# Footnote markers: "(*)", "(**)", "(*3)" anywhere; a bare "(39)" right after a
# word (the seeds and the Official Journal print footnote calls that way),
# but not after the words that cite a point or paragraph ("point (1)").
_FOOTNOTE_STAR = re.compile(r"\s?(?:\(\*+\d*\)|\(\d{1,3}\)\*|_{3,})")
# A footnote's own text where a format prints it inside the provision: its marker, the act or journal it cites,
# and the page reference that closes it ("(*1) Council Directive 91/674/EEC of ... (OJ L 374, 31.12.1991, p. 7).").
_FOOTNOTE_BODY = re.compile(
    r"(?:\(\*+\d*\)|\(\d{1,3}\)\*|\(\d{1,3}\)(?=\s+(?:OJ|Council|Commission|Directive|Regulation|Decision)\b))"
    r"\s+(?:(?:Council|Commission)\s+)?(?:(?:Implementing|Delegated)\s+)?(?:Directive|Regulation|Decision|Recommendation|OJ)\b"
    r"[^\n]{0,600}?(?:p\.\s*\d+|ELI:\s*\S+)\)\.?[’'\"”;]*"
    r"|\(\d{1,3}\)\s+OJ\s+[LC]\s+\d+[^()]{0,80}?p\.\s*\d+\."  # "(1) OJ C 517, 22.12.2021, p. 51."
    # "(2) Position of the European Parliament of 10 November 2022 (...) and decision of the Council of 28 November 2022."
    r"|\(\d{1,3}\)\s+Position of the European Parliament of [^()]{0,40}(?:\([^()]{0,80}\))?[^()]{0,120}?"
    r"\d{1,2}\s+[A-Z][a-z]+\s+\d{4}\."
)
_FOOTNOTE_NUMBER = re.compile(r"(?<=[^\W\d_]|[,;.'’\"”])\s?\((\d{1,3})\)")
_CITING_WORDS = frozenset({"point", "points", "paragraph", "paragraphs", "subparagraph", "and", "or", "to", "article",
                           "articles", "annex", "recital", "recitals", "no"})
_WORD_BEFORE = re.compile(r"([^\W\d_]+)\W*$")
_TOKEN = re.compile(
    r"[^\W\d_]+"  # a word; an apostrophe splits it, so "group’s" and "group ’ s" read alike
    r"|\d{1,2}\.\d{1,2}\.\d{4}"  # 26.7.2027
    r"|\d{1,3}(?:[ \u00a0\u202f,]\d{3})+(?![\d,.]\d)"  # 1 000 000, 1,000
    r"|\d+(?:[.,]\d+)?"
    r"|[%€$£²]"
)
_THOUSANDS = re.compile(r"(?<=\d)[ \u00a0\u202f,](?=\d{3})")


class Token(NamedTuple):
    """One word or number as compared (`norm`) and where it stands in the original text."""

    norm: str
    start: int
    end: int


def _masked(text: str, labels: bool = False) -> str:
    """The text with labels (unless kept) and footnote markers blanked out, same length, so offsets still hold."""
    def blank(match: re.Match) -> str:
        return " " * (match.end() - match.start())

    label = None if labels else _LABEL.match(text)
    if label:
        text = " " * label.end() + text[label.end():]
    if "OJ " in text or "*" in text or "Position of the European" in text:  # the only texts a footnote body is in
        text = _FOOTNOTE_BODY.sub(blank, text)
    if "(*" in text or ")*" in text or "___" in text:
        text = _FOOTNOTE_STAR.sub(blank, text)

    def footnote_call(match: re.Match) -> str:
        before = _WORD_BEFORE.search(text[max(0, match.start() - 30):match.start() + 1])
        if before and before.group(1).lower() in _CITING_WORDS:
            return match.group()
        return blank(match)

    return _FOOTNOTE_NUMBER.sub(footnote_call, text)


def tokens(text: str, labels: bool = False) -> list[Token]:
    """The words and numbers of a provision, normalised, with their offsets in `text`; its own label only if asked."""
    return list(_tokens(text, labels))


def _norm(raw: str) -> str:
    norm = raw.lower() if raw.isascii() else unicodedata.normalize("NFKC", raw).translate(_QUOTES).lower()
    if norm[0].isdigit() and len(norm) > 3:
        norm = _THOUSANDS.sub("", norm)
    return norm


@lru_cache(maxsize=32768)
def _tokens(text: str, labels: bool) -> tuple[Token, ...]:
    return tuple(Token(_norm(m.group()), m.start(), m.end()) for m in _TOKEN.finditer(_masked(text, labels)))


@lru_cache(maxsize=32768)
def normalised(text: str, labels: bool = False) -> str:
    """The wording that matters for a comparison, as one string (with the provision's own label if asked)."""
    return " ".join(_norm(raw) for raw in _TOKEN.findall(_masked(text, labels)))


def same_wording(a: str, b: str) -> bool:
    """Two normalised wordings that differ at most in where words part: "multi-stakeholder",
    "multi stakeholder" and "multistakeholder" are one word, as a PDF's line-end hyphen cannot say which
    the act printed."""
    return a == b or a.replace(" ", "") == b.replace(" ", "")


def words(text: str) -> list[str]:
    return [t.norm for t in tokens(text)]


def word_similarity(old: str, new: str) -> float:
    return difflib.SequenceMatcher(None, words(old), words(new), autojunk=False).ratio()


# -- references to renumbered articles ------------------------------------------------

_ARTICLE_REFERENCE = re.compile(r"\b(Articles?)\s+((?:\d{1,3}[a-z]{0,2}(?:\(\d+[a-z]?\))*(?:\s*(?:,|and|or|to)\s*)?)+)")
_NUMBER = re.compile(r"\d{1,3}[a-z]{0,2}")
# A reference to another act's article: "Article 19a of Directive 2013/34/EU", "Articles 34 and 35 of the Convention",
# "Article 50 TFEU"; "of this Directive" is the act's own.
_OTHER_ACT = re.compile(r"^[\s(),\d]*(?:of\s+(?!this\b)|(?:TFEU|TEU)\b)", re.IGNORECASE)


def renumbered_references(text: str, numbers: Mapping[str, str]) -> str:
    """The text with this act's article numbers written as the other version numbers them.

    "referred to in Article 20" reads "Article 27" once Article 20 became 27;
    references to other acts ("Article 19a of Directive 2013/34/EU") stay.
    """
    if not numbers:
        return text

    def rewrite(match: re.Match) -> str:
        if _OTHER_ACT.match(text[match.end():match.end() + 60]):
            return match.group()
        body = _NUMBER.sub(lambda n: numbers.get(n.group(), n.group()), match.group(2))
        return f"{match.group(1)} {body}"

    return _ARTICLE_REFERENCE.sub(rewrite, text)


# -- where two versions differ --------------------------------------------------------


@dataclass(frozen=True)
class Difference:
    """One run of words that differs: the old tokens [old_start, old_end) became new [new_start, new_end)."""

    op: str  # replace, delete, insert
    old_start: int
    old_end: int
    new_start: int
    new_end: int


def differences(old: Sequence[Token], new: Sequence[Token]) -> list[Difference]:
    matcher = difflib.SequenceMatcher(None, [t.norm for t in old], [t.norm for t in new], autojunk=False)
    return [Difference(op, i1, i2, j1, j2) for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal"]


def changed_words(old: Sequence[Token], new: Sequence[Token], found: Sequence[Difference]) -> set[str]:
    """Every word that was taken out or put in."""
    out: set[str] = set()
    for d in found:
        out.update(t.norm for t in old[d.old_start:d.old_end])
        out.update(t.norm for t in new[d.new_start:d.new_end])
    return out


_CLAUSE_END = re.compile(r"[.;:](?=\s|$)|\n")


def clause_around(text: str, start: int, end: int, limit: int = 320) -> str:
    """The clause of `text` holding [start, end): from the last ; . or : before it to the next one after it."""
    if not text:
        return ""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    before = [m.end() for m in _CLAUSE_END.finditer(text, 0, start)]
    left = before[-1] if before else 0
    after = _CLAUSE_END.search(text, end)
    right = after.end() if after else len(text)
    quote = text[left:right].strip()
    if len(quote) > limit:
        # Keep the changed words in view: cut around them at word boundaries, not from the start.
        offset = text.index(quote, left)
        centre = (start + end) // 2 - offset
        lo = max(0, centre - limit // 2)
        hi = min(len(quote), lo + limit)
        if lo:
            lo = quote.find(" ", lo) + 1 or lo
        if hi < len(quote):
            hi = quote.rfind(" ", lo, hi) if quote.rfind(" ", lo, hi) > lo else hi
        quote = ("… " if lo else "") + quote[lo:hi].strip() + (" …" if hi < len(quote) else "")
    return quote


def span_text(text: str, tokens_: Sequence[Token], start: int, end: int) -> tuple[int, int]:
    """Character offsets covering tokens [start, end); an empty run is the point between its neighbours."""
    if start < end:
        return tokens_[start].start, tokens_[end - 1].end
    at = tokens_[start - 1].end if start > 0 else (tokens_[0].start if tokens_ else 0)
    return at, at


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """The new text against the old as ("equal" | "delete" | "insert", words) runs, for a reader."""
    before, after = old.split(), new.split()
    runs: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op in ("equal", "delete", "replace") and i2 > i1:
            runs.append(("equal" if op == "equal" else "delete", " ".join(before[i1:i2])))
        if op in ("insert", "replace") and j2 > j1:
            runs.append(("insert", " ".join(after[j1:j2])))
    return runs
