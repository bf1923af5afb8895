"""Markdown: headings give the section trail; lists, tables and paragraphs are blocks.

Reports converted from PDF (marker, docling) carry page anchors such as
`<span id="page-12-0"></span>`; the first number is the 0-based page index, so
the blocks after it stand on physical page 13. A converter that writes no
anchors (docling) may leave each page's printed number as a lone line ("02"
over the page's first heading): where enough of them climb page by page they
give the pages instead, and are not text. Link syntax, emphasis and
inline HTML are stripped so passages read as the report reads.

What the converter wrote rather than the report is kept as a figure, never
read as prose: marker's image descriptions (`Image /page/3/Picture/22
description: {"image_description": ...}`), its model's asides on images with
no text ("Below is the representation of the provided image", "no text is
visible in the image"), and fenced code, which a report holds only as data. A
fence never closed is a stray mark, not the start of code that runs to the end.
Read as prose, a picture of a phone "shows" energy tips and a certificate's
logo makes a passage on transparency.
"""

from __future__ import annotations

import html as html_lib
import re
from pathlib import Path

from nlp_pipeline.ingest.legal_structure import LegalStructureTracker, looks_like_legal_act, normalise_space
from nlp_pipeline.ingest.registry import register_backend
from nlp_pipeline.ingest.common import BlockCollector, build_document, decode_text
from nlp_pipeline.records import BlockKind, Document, DocumentKind

_PAGE_ANCHOR = re.compile(r"<span\s+id=[\"']page-(\d+)-\d+[\"']\s*>\s*</span>", re.I)
# A line that is only a number, standing alone: in a report a converter flattened (docling keeps the
# printed page number as text: "02", then the page's first heading), the page's number.
_BARE_NUMBER = re.compile(r"^\s*(\d{1,3})\s*$")
MIN_PAGE_NUMBERS = 8
ASCENDING_SHARE = 0.7
_ATX = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_LIST = re.compile(r"^(\s*)(?:[-*+•]|\d{1,3}[.)])\s+(.*)$")
_TABLE_ROW = re.compile(r"^\s*\|.*\|?\s*$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_FOOTNOTE_DEF = re.compile(r"^\[\^([^\]]+)\]:\s*(.*)$")

_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_FOOTNOTE_REF = re.compile(r"\[\^[^\]]+\]")
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
# Converters mark each picture with a comment (docling's "<!-- image -->"); a reader sees nothing there.
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_CONVERTER_NOTE = re.compile(
    r"^\s*(?:Image\s+/page/\d+/\w+/\d+\s+description\s*:"
    r"|\{?\s*\"?image\\?_description\"?\s*:"
    r"|Below is the (?:representation|decoration|description|transcription) of the (?:provided )?(?:image|text)"
    r"|Upon analy[sz]ing the provided image"
    r"|It seems the image provided"
    r"|The image (?:above |below )?(?:depicts|shows|contains|displays|illustrates)\b"
    r"|.{0,300}?\bno (?:text|textual)\b.{0,40}\bis (?:visible|present) in the image)",
    re.I,
)
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPH = re.compile(r"(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])")
_CODE = re.compile(r"`([^`]*)`")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")
# A converter's LaTeX for a sub- or superscript: "tCO$_{2}$eq" is what the report prints as tCO2eq.
_SCRIPT = re.compile(r"\$[_^]\{([^{}$]{1,12})\}\$")


def strip_inline(text: str) -> str:
    """Markdown inline syntax to the words a reader sees."""
    text = _IMAGE.sub(lambda m: m.group(1), text)
    text = _LINK.sub(lambda m: m.group(1), text)
    text = _REF_LINK.sub(lambda m: m.group(1), text)
    text = _FOOTNOTE_REF.sub("", text)
    text = _COMMENT.sub(" ", text)
    text = _TAG.sub(" ", text)
    text = _CODE.sub(lambda m: m.group(1), text)
    text = _SCRIPT.sub(lambda m: m.group(1), text)
    for _ in range(2):  # nested emphasis such as ***x***
        text = _STRONG.sub(lambda m: m.group(2), text)
        text = _EMPH.sub(lambda m: m.group(2), text)
    text = _ESCAPE.sub(lambda m: m.group(1), text)
    return normalise_space(html_lib.unescape(text))


def _table_cells(line: str) -> list[str]:
    inner = line.strip()
    if inner.startswith("|"):
        inner = inner[1:]
    if inner.endswith("|"):
        inner = inner[:-1]
    return [strip_inline(c).strip() for c in inner.split("|")]


class _Reader:
    def __init__(self, doc_id: str, legal: bool) -> None:
        self.collector = BlockCollector(doc_id)
        self.page = 1
        self.trail: list[tuple[int, str]] = []
        self.tracker = LegalStructureTracker() if legal else None

    def add(self, text: str, kind: BlockKind) -> None:
        text = strip_inline(text).strip()
        if not text or not any(ch.isalnum() for ch in text):
            return
        if kind.is_prose and _CONVERTER_NOTE.match(text):
            kind = BlockKind.FIGURE
        if self.tracker is not None and kind is not BlockKind.TABLE:
            section, role, tracked = self.tracker.observe(text)
            self.collector.add(text, kind=tracked if kind is BlockKind.PARAGRAPH else kind, section=section, role=role, page=self.page)
            return
        self.collector.add(text, kind=kind, section=tuple(t for _, t in self.trail), page=self.page)

    def heading(self, level: int, raw: str) -> None:
        text = strip_inline(raw).strip()
        if not text or not any(ch.isalnum() for ch in text):
            return
        while self.trail and self.trail[-1][0] >= level:
            self.trail.pop()
        self.trail.append((level, text))
        self.add(text, BlockKind.HEADING)

    def take_anchors(self, line: str) -> str:
        """Move to the page of the last anchor on the line; return the line without anchors."""
        for m in _PAGE_ANCHOR.finditer(line):
            self.page = int(m.group(1)) + 1
        return _PAGE_ANCHOR.sub("", line)

    def read(self, text: str) -> None:
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        self.page, numbered = printed_page_numbers(lines, self.page)
        paragraph: list[str] = []
        item: list[str] = []
        fenced: list[str] = []
        in_fence = False
        fences = [i for i, line in enumerate(lines) if _FENCE.match(line)]
        # A fence never closed would swallow the rest of the report; converters leave stray ones.
        stray = fences[-1] if len(fences) % 2 else -1

        def flush_paragraph() -> None:
            if paragraph:
                self.add(" ".join(s.strip() for s in paragraph), BlockKind.PARAGRAPH)
                paragraph.clear()

        def flush_item() -> None:
            if item:
                self.add(" ".join(s.strip() for s in item), BlockKind.LIST_ITEM)
                item.clear()

        for number, raw in enumerate(lines):
            if number == stray:
                continue
            line = raw
            if number in numbered:
                # The page's number opens what is printed on it (or, printed at its foot, closes it).
                flush_paragraph()
                flush_item()
                self.page = numbered[number]
                continue
            if _PAGE_ANCHOR.search(raw):
                # The anchor belongs to what follows it: what came before is
                # finished and stays on the earlier page.
                flush_paragraph()
                flush_item()
                line = self.take_anchors(raw)
            if _FENCE.match(line):
                flush_paragraph()
                flush_item()
                if in_fence and fenced:
                    self.add(" ".join(s.strip() for s in fenced), BlockKind.FIGURE)
                    fenced.clear()
                in_fence = not in_fence
                continue
            if in_fence:
                fenced.append(line)
                continue
            if not line.strip():
                flush_paragraph()
                flush_item()
                continue
            m = _ATX.match(line)
            if m:
                flush_paragraph()
                flush_item()
                self.heading(len(m.group(1)), m.group(2))
                continue
            if paragraph and not item and _SETEXT.match(line) and len(paragraph) == 1:
                self.heading(1 if line.strip().startswith("=") else 2, paragraph.pop())
                continue
            if _RULE.match(line):
                flush_paragraph()
                flush_item()
                continue
            if _TABLE_ROW.match(line) and line.count("|") >= 2:
                flush_paragraph()
                flush_item()
                if not _TABLE_RULE.match(line):
                    cells = [c for c in _table_cells(line) if c]
                    if cells:
                        self.add(" | ".join(cells), BlockKind.TABLE)
                continue
            m = _FOOTNOTE_DEF.match(line)
            if m:
                flush_paragraph()
                flush_item()
                self.add(m.group(2), BlockKind.FOOTNOTE)
                continue
            m = _LIST.match(line)
            if m:
                flush_paragraph()
                flush_item()
                item.append(m.group(2))
                continue
            if item and (line.startswith((" ", "\t"))):
                item.append(line)
                continue
            flush_item()
            paragraph.append(line)
        flush_paragraph()
        flush_item()


def printed_page_numbers(lines: list[str], first_page: int = 1) -> tuple[int, dict[int, int]]:
    """The page the text opens on, and line index -> the page the text after that line stands on,
    read from printed page numbers left as text.

    Only in a file without page anchors, and only when enough lone numbers
    climb page by page to be page numbers rather than a list's or a table's
    figures. A number printed at the head of its page ("02" over "ABOUT THIS
    REPORT") opens that page; one printed at the foot closes it, so the text
    after it is on the next page. Numbers that break the climb are left as text.
    """
    if any(_PAGE_ANCHOR.search(line) for line in lines):
        return first_page, {}
    lone = [(i, int(m.group(1))) for i, line in enumerate(lines) for m in [_BARE_NUMBER.match(line)]
            if m and (i == 0 or not lines[i - 1].strip()) and (i + 1 == len(lines) or not lines[i + 1].strip())]
    climbing: list[tuple[int, int]] = []
    for i, value in lone:
        if not climbing and value <= 10 or climbing and 0 < value - climbing[-1][1] <= 10:
            climbing.append((i, value))
    steps = [b - a for (_, a), (_, b) in zip(climbing, climbing[1:])]
    if len(climbing) < MIN_PAGE_NUMBERS or sum(1 for d in steps if d <= 3) < ASCENDING_SHARE * len(steps):
        return first_page, {}
    before_first = sum(len(line) for line in lines[:climbing[0][0]])
    between = sorted(sum(len(line) for line in lines[a:b]) for (a, _), (b, _) in zip(climbing, climbing[1:]))
    at_head = before_first < between[len(between) // 2] / 2
    opening = first_page if at_head else climbing[0][1]
    return opening, {i: value if at_head else value + 1 for i, value in climbing}


def read_markdown(path: Path, text: str, doc_id: str) -> Document:
    legal = looks_like_legal_act(text)
    reader = _Reader(doc_id, legal)
    reader.read(text)
    title = next((b.text for b in reader.collector.blocks if b.kind is BlockKind.HEADING), "")
    kind = DocumentKind.LEGISLATION if legal else None
    return build_document(path, doc_id, reader.collector, title=title, kind=kind, page_count=reader.page)


@register_backend("md", "markdown")
def read_markdown_file(path: Path, data: bytes, doc_id: str) -> Document:
    return read_markdown(path, decode_text(path, data), doc_id)
