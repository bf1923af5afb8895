"""Amending acts: read their instructions.

Many drafts an advocacy group tracks do not restate an act; they amend it:
"Article 4 is replaced by the following: ‘…’", "in Article 29, paragraph 1
is deleted", "the following paragraph 2a is inserted: ‘…’". This module
recognises such an act and reads its instructions, grouped by the act each
group amends ("Directive (EU) 2024/1760 is amended as follows:"), with the
nesting the drafting uses ("Article 8 is amended as follows:" followed by its
points), and where each acts (article, paragraph, subparagraph, point,
sub-point, introductory wording, sentence). The compare stage applies them to
the act they amend (compare/amendment.py); the aggregate stage reads what
each does to it (aggregate/amendments.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from nlp_pipeline.ingest.common import decode_text
from nlp_pipeline.ingest.legal_structure import normalise_space
from nlp_pipeline.records import Document

# -- reading an amending act ------------------------------------------------------------------

_ACT = r"(?:Directive|Regulation|Decision)\s+(?:\((?:EU|EC|EEC)\)\s+)?(?:No\s+)?(?P<{name}>\d{{2,4}}/\d{{1,4}})(?:/E[UC]+)?"
_ACT_RE = re.compile(_ACT.format(name="num"), re.IGNORECASE)
_GROUP_RE = re.compile(rf"^(?:In\s+{_ACT.format(name='num')}\s*,\s*(?P<rest>.+?)\s+(?:is|are)\s+amended\s+as\s+follows"
                       rf"|{_ACT.format(name='whole')}\s+is\s+(?:hereby\s+)?amended\s+as\s+follows)\s*:?\s*$",
                       re.IGNORECASE)
_VERBS = (
    ("replace", re.compile(r"^(?P<obj>.+?)\s+(?:is|are)\s+(?:hereby\s+)?replaced\s+by\s+the\s+following\b", re.I)),
    ("delete", re.compile(r"^(?P<obj>.+?)\s*,?\s+(?:is|are)\s+deleted\b", re.I)),
    ("amend", re.compile(r"^(?P<obj>.+?)\s+(?:is|are)\s+amended\s+as\s+follows\b", re.I)),
    ("insert", re.compile(r"^(?P<pre>.*?)\bthe\s+following\s+(?P<obj>.+?)\s+(?:is|are)\s+inserted\b(?P<post>.*)$", re.I)),
    ("add", re.compile(r"^(?P<pre>.*?)\bthe\s+following\s+(?P<obj>.+?)\s+(?:is|are)\s+added\b(?P<post>.*)$", re.I)),
)
_INLINE_ACT = re.compile(rf"(?:^In\s+{_ACT.format(name='num')}\s*,|\s+of\s+{_ACT.format(name='num2')}(?=\s*,))",
                         re.IGNORECASE)
_LIST_LABEL = re.compile(r"^\s*(?:[•▪◦\-–]|\((?:[a-z]{1,3}|[ivxlc]{1,5}|\d{1,3})\)|\d{1,3}[.)])\s+", re.I)
_ADOPTED = re.compile(r"^HAVE\s+ADOPTED\s+THIS\s+(?:DIRECTIVE|REGULATION|DECISION)", re.I)
_DONE_AT = re.compile(r"^Done at\b", re.I)
_OWN_ARTICLE = re.compile(r"^Article\s+\d{1,3}[a-z]?\s*$")
_OPEN, _CLOSE = "‘“", "’”"
_FOOTNOTE_LINE = re.compile(r"^(?:_{5,}|\*+\s|\(\*+\d*\)\s)")
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
            "ninth": 9, "tenth": 10, "last": -1}
_ORDINAL = "|".join(ORDINALS)


@dataclass(frozen=True)
class Target:
    """Where an instruction acts, as the act numbers it; empty fields are not named."""

    article: str = ""
    paragraphs: tuple[str, ...] = ()
    subparagraphs: tuple[int, ...] = ()  # 1-based; -1 is the last
    points: tuple[str, ...] = ()
    subpoints: tuple[str, ...] = ()
    sentence: int = 0  # 1-based; -1 the last
    introductory: bool = False
    is_article: bool = False  # the object is the whole article

    def describe(self) -> str:
        out = f"Article {self.article}" if self.article else "(no article)"
        if self.paragraphs:
            out += "(" + "/".join(self.paragraphs) + ")"
        if self.subparagraphs:
            out += ", " + "/".join(_ordinal_word(n) for n in self.subparagraphs) + " subparagraph"
        if self.points:
            out += ", point " + "/".join(f"({p})" for p in self.points)
        if self.subpoints:
            out += "/".join(f"({p})" for p in self.subpoints)
        if self.introductory:
            out += ", introductory wording"
        if self.sentence:
            out += f", {_ordinal_word(self.sentence)} sentence"
        return out


def _ordinal_word(n: int) -> str:
    return next((w for w, v in ORDINALS.items() if v == n), str(n))


@dataclass(frozen=True)
class Instruction:
    act: str  # the amended act's number, "2024/1760"
    action: str  # replace, delete, insert, add
    target: Target
    wording: str  # the instruction as the amending act writes it
    new_text: tuple[str, ...] = ()  # the quoted paragraphs, quotes removed
    where: str = ""  # the amending act's own article
    parse_error: str = ""


@dataclass(frozen=True)
class AmendingAct:
    document: Document
    instructions: tuple[Instruction, ...]
    title: str = ""  # "DIRECTIVE ... amending Directives ...", as the act heads itself

    @property
    def acts(self) -> list[str]:
        return list(dict.fromkeys(i.act for i in self.instructions))


def amending_paragraphs(document: Document, path: Path) -> list[str]:
    """The amending act's paragraphs, one per line of the drafting.

    A plain-text export keeps one paragraph per line, which the text reader
    joins when no blank lines separate them; the lines are what the
    instructions are written in, so they are read again from the file.
    """
    if path.suffix.lower() in (".txt", ".text") and path.is_file():
        text = decode_text(path, path.read_bytes()).replace("\r\n", "\n")
        return [line.replace("\t", " ").strip() for line in text.split("\n") if line.strip()]
    return [b.text for b in document.blocks if b.text.strip()]


def read_amending_act(document: Document, path: Path | None = None) -> AmendingAct | None:
    """The instructions of an amending act, or None when the document amends nothing."""
    paragraphs = amending_paragraphs(document, path or Path(document.path))
    start = next((k + 1 for k, p in enumerate(paragraphs) if _ADOPTED.match(normalise_space(p))), 0)
    instructions = _instructions(paragraphs[start:])
    if sum(1 for i in instructions if not i.parse_error) < 2:
        return None
    return AmendingAct(document, tuple(instructions), _own_title(paragraphs[:start]) or document.title)


_TITLE_HEAD = re.compile(r"^(?:Proposal for an?\s+)?(?:(?:COMMISSION|COUNCIL)\s+)?(?:DIRECTIVE|REGULATION|DECISION)\b")


def _own_title(preamble: list[str]) -> str:
    """The act's title as it heads itself ("DIRECTIVE ... amending Directives ..."), not an explanatory memorandum's."""
    for k, line in enumerate(preamble):
        line = normalise_space(line)
        if line.lower() in ("proposal for a", "proposal for an"):
            continue
        if _TITLE_HEAD.match(line):
            rest = [normalise_space(x) for x in preamble[k + 1:k + 3]]
            amending = next((x for x in rest if x.lower().startswith("amending")), "")
            return f"{line} {amending}".strip()
    return ""


def _instructions(paragraphs: list[str]) -> list[Instruction]:
    out: list[Instruction] = []
    act, where, context = "", "", Target()
    k = 0
    while k < len(paragraphs):
        line = normalise_space(paragraphs[k])
        k += 1
        if _DONE_AT.match(line):
            break
        if _OWN_ARTICLE.match(line):
            where, act, context = line, "", Target()
            continue
        group = _GROUP_RE.match(line)
        if group:
            act = group.group("num") or group.group("whole")
            context = _parse_target(group.group("rest"), Target()) if group.group("rest") else Target()
            continue
        if line.startswith(tuple(_OPEN)):
            continue
        body = _LIST_LABEL.sub("", line, count=1)
        # "In Directive 2006/43/EC, Article 26a is deleted", "In Article 37(1) of Directive (EU) 2024/1760, ...":
        # the instruction names its act itself.
        named = _INLINE_ACT.search(body) if any(p.match(body) for _, p in _VERBS) else None
        if named:
            act = named.group("num") or named.group("num2")
            body = (body[:named.start()] + body[named.end():]).strip(" ,")
            context = Target()
        if not act:
            continue
        action, target, error = _parse_instruction(body, context)
        if action is None:
            continue
        quoted: list[str] = []
        if action in ("replace", "insert", "add"):
            quoted, k = _quoted(paragraphs, k)
            if not quoted:
                error = error or "no new text follows the instruction"
        if action == "amend":
            context = target
            continue
        out.append(Instruction(act, action, target, line, tuple(quoted), where, error))
    return out


def _quoted(paragraphs: list[str], k: int) -> tuple[list[str], int]:
    """The quoted paragraphs starting at k (without the quotes), and where reading goes on."""
    if k >= len(paragraphs) or not normalise_space(paragraphs[k]).startswith(tuple(_OPEN)):
        return [], k
    out: list[str] = []
    first = True
    while k < len(paragraphs):
        line = normalise_space(paragraphs[k])
        k += 1
        closes = _closes(line, first)
        text = line[1:].lstrip() if first else line
        first = False
        if closes:
            text = re.sub(r"[’”]\s*[;.,]?\s*$", "", text).rstrip()
        if not _FOOTNOTE_LINE.match(text) and text:
            out.append(re.sub(r"\s*\(?\*+\)?\s*$", "", text) if text.endswith("*") else text)
        if closes:
            break
    return out, k


def _closes(line: str, first: bool) -> bool:
    """Whether the quoted amendment ends on this line: a closing quote at its end that no quote on the line opened."""
    body = line.rstrip(" ;.,")
    if not body.endswith(tuple(_CLOSE)):
        return False
    openers = sum(line.count(c) for c in _OPEN) - (1 if first else 0)
    # A closing quote followed by a letter is an apostrophe ("company’s").
    closers = len(re.findall(r"[’”](?![^\W\d_])", line))
    return closers > openers


def _parse_instruction(body: str, context: Target) -> tuple[str | None, Target, str]:
    for action, pattern in _VERBS:
        m = pattern.match(body)
        if not m:
            continue
        if action in ("insert", "add"):
            location = f"{m.group('pre')} {m.group('post')}".strip(" ,:;")
            obj = m.group("obj")
            base = _parse_target(location, context) if location else context
            target = _parse_target(obj, base, inserting=True)
        else:
            target = _parse_target(m.group("obj"), context)
        error = "" if target.article else "the instruction names no article and none is in force from its heading"
        return action, target, error
    return None, context, ""


_ARTICLE_IN = re.compile(r"\bArticle\s+(?P<a>\d{1,3}[a-z]{0,3})(?P<paras>(?:\(\d{1,3}[a-z]{0,2}\))*)")
_PARAGRAPHS = re.compile(r"\bparagraphs?\s+(?P<first>\d{1,3}[a-z]{0,2})(?:\s*(?P<op>,|and|to)\s*(?P<second>\d{1,3}[a-z]{0,2}))?", re.I)
_SUBPARAGRAPHS = re.compile(rf"\b(?:the\s+)?(?P<first>{_ORDINAL})(?:\s+and\s+(?P<second>{_ORDINAL}))?\s+subparagraphs?\b", re.I)
_SUBPARAGRAPH_BARE = re.compile(r"\b(?:the\s+following|a|new)\s+subparagraph\b", re.I)
_POINTS = re.compile(r"\bpoints?\s+(?P<labels>\([a-z0-9]{1,5}\)(?:(?:\s*,\s*|\s+and\s+|\s+to\s+)\([a-z0-9]{1,5}\))*)", re.I)
_INTRO = re.compile(r"\bintroductory\s+(?:wording|words|part|sentence|phrase)\b", re.I)
_SENTENCE = re.compile(rf"\b(?P<n>{_ORDINAL})\s+sentence\b", re.I)
_ROMAN = re.compile(r"^(?=[ivxlc]+$)m*(c[md]|d?c{0,3})(x[cl]|l?x{0,3})(i[xv]|v?i{0,3})$")


def _parse_target(text: str, context: Target, inserting: bool = False) -> Target:
    """The target named in `text`, with the levels above the highest one named taken from the context."""
    article = _ARTICLE_IN.search(text)
    paragraphs = _PARAGRAPHS.search(text)
    subparagraphs = _SUBPARAGRAPHS.search(text)
    points = _POINTS.search(text)
    intro = bool(_INTRO.search(text))
    sentence = _SENTENCE.search(text)
    target = Target()
    if article:
        nested = re.findall(r"\((\d{1,3}[a-z]{0,2})\)", article.group("paras"))
        target = Target(article=article.group("a"), paragraphs=tuple(nested[:1]))
        is_whole = not (paragraphs or subparagraphs or points or intro or sentence or nested)
        target = replace(target, is_article=is_whole and bool(re.match(r"^\s*Article\b", text.strip())))
    elif paragraphs or subparagraphs or points or intro or sentence or (inserting and _SUBPARAGRAPH_BARE.search(text)):
        target = replace(context, is_article=False)
    if paragraphs:
        target = replace(target, paragraphs=_labels_between(paragraphs), subparagraphs=(), points=(), subpoints=(),
                         introductory=False, sentence=0)
    if subparagraphs:
        numbers = [ORDINALS[subparagraphs.group("first").lower()]]
        if subparagraphs.group("second"):
            numbers.append(ORDINALS[subparagraphs.group("second").lower()])
        target = replace(target, subparagraphs=tuple(numbers), points=(), subpoints=(), introductory=False, sentence=0)
    elif inserting and _SUBPARAGRAPH_BARE.search(text):
        target = replace(target, subparagraphs=(0,), points=(), subpoints=())
    if points:
        labels = tuple(re.findall(r"\(([a-z0-9]{1,5})\)", points.group("labels"), re.I))
        if " to " in points.group("labels"):
            labels = (labels[0], labels[-1], "…")
        # A roman numeral under a lettered point is one of its sub-points.
        if target.points and _is_roman(labels[0]) and not _is_roman(target.points[0]) and len(target.points[0]) == 1:
            target = replace(target, subpoints=labels, introductory=False, sentence=0)
        else:
            target = replace(target, points=labels, subpoints=(), introductory=False, sentence=0)
    if intro:
        target = replace(target, introductory=True)
    if sentence:
        target = replace(target, sentence=ORDINALS[sentence.group("n").lower()])
    if inserting and not (paragraphs or points or subparagraphs or _SUBPARAGRAPH_BARE.search(text)) and article:
        target = replace(target, is_article=True)
    return target


def _labels_between(m: re.Match) -> tuple[str, ...]:
    first, op, second = m.group("first"), m.group("op"), m.group("second")
    if not second:
        return (first,)
    if op == "to":
        return (first, second, "…")
    return (first, second)


def _is_roman(label: str) -> bool:
    return bool(_ROMAN.match(label.lower())) and label.lower() not in ("c", "l", "d", "m", "v", "x") or label.lower() in (
        "i", "ii", "iii")
