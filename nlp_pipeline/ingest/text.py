"""Plain text: paragraphs split on blank lines, pages on form feeds.

A text file that reads like an EU act (a `pdftotext` export, a copy from
EUR-Lex) gets its article structure from the legal structure tracker.

Some exports (copied from Word or from a browser) put each paragraph on one
long line with no blank line between paragraphs; a 150,000-character
Commission proposal then came out as seven "paragraphs". Where the lines
are paragraphs rather than wrapped text (many run far past any printed
line), every line is a paragraph.
"""

from __future__ import annotations

import re
from pathlib import Path

from nlp_pipeline.ingest.legal_structure import (
    LegalStructureTracker,
    looks_like_legal_act,
    merge_bare_labels,
    normalise_space,
    split_legal_lines,
)
from nlp_pipeline.ingest.common import BlockCollector, build_document, decode_text
from nlp_pipeline.ingest.registry import register_backend
from nlp_pipeline.records import BlockKind, Document, DocumentKind

_BLANK_LINES = re.compile(r"\n[ \t\u00a0]*\n")
_LIST_LINE = re.compile(r"^\s*(?:[-*•▪◦‣]|\d{1,3}[.)])\s+")
_SENTENCE_END = (".", ":", ";", "!", "?", ",")
_PROCEDURE_NUMBER = re.compile(r"^\d{4}/\d{4}\s*\(\w{3}\)$")
# Wrapped text keeps its lines under about 100 characters; when a tenth of
# the lines run past 200, the lines are paragraphs (headings and list items
# between them stay short).
_LONG_LINE = 200
_LONG_LINE_SHARE = 0.1


def _is_heading_like(paragraph: str) -> bool:
    lines = paragraph.splitlines()
    line = paragraph.strip()
    return (
        len(lines) == 1
        and 0 < len(line) <= 80
        and not line.endswith(_SENTENCE_END)
        and not _LIST_LINE.match(line)
        and any(ch.isalpha() for ch in line)
    )


def _join_lines(lines: list[str]) -> str:
    # A hyphen at a line end joins a split word ("sustain-\nability").
    out = ""
    for line in (ln.strip() for ln in lines):
        if not line:
            continue
        if out.endswith("-") and line[:1].islower():
            out = out[:-1] + line
        else:
            out = f"{out} {line}" if out else line
    return out


def lines_are_paragraphs(text: str) -> bool:
    """Whether the text puts one paragraph on each line instead of wrapping it."""
    lengths = [len(line.strip()) for line in text.splitlines() if line.strip()]
    return len(lengths) >= 5 and sum(n > _LONG_LINE for n in lengths) >= _LONG_LINE_SHARE * len(lengths)


def _paragraphs(page_text: str, one_per_line: bool) -> list[str]:
    if one_per_line:
        return [line for line in page_text.splitlines() if line.strip()]
    return _BLANK_LINES.split(page_text)


def _read_plain_page(collector: BlockCollector, page_text: str, page: int, trail: list[str],
                     one_per_line: bool = False) -> None:
    for paragraph in _paragraphs(page_text, one_per_line):
        if not paragraph.strip():
            continue
        if _is_heading_like(paragraph):
            trail[:] = [normalise_space(paragraph)]
            collector.add(paragraph, kind=BlockKind.HEADING, section=tuple(trail), page=page)
            continue
        lines = [ln for ln in paragraph.splitlines() if ln.strip()]
        if all(_LIST_LINE.match(ln) or ln.startswith((" ", "\t")) for ln in lines) and _LIST_LINE.match(lines[0]):
            items: list[list[str]] = []
            for ln in lines:
                if _LIST_LINE.match(ln):
                    items.append([_LIST_LINE.sub("", ln, count=1)])
                else:
                    items[-1].append(ln)
            for item in items:
                collector.add(_join_lines(item), kind=BlockKind.LIST_ITEM, section=tuple(trail), page=page)
            continue
        collector.add(_join_lines(lines), section=tuple(trail), page=page)


def _read_legal_page(collector: BlockCollector, tracker: LegalStructureTracker, page_text: str, page: int,
                     one_per_line: bool = False) -> None:
    for paragraph in _paragraphs(page_text, one_per_line):
        lines = [normalise_space(paragraph)] if one_per_line else paragraph.splitlines()
        units = merge_bare_labels(split_legal_lines(lines))
        for unit in units:
            section, role, kind = tracker.observe(unit)
            collector.add(unit, kind=kind, section=section, role=role, page=page)


def read_text(path: Path, text: str, doc_id: str) -> Document:
    """Text already decoded; also used for text that other backends hand over."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    pages = text.split("\f")
    collector = BlockCollector(doc_id)
    legal = looks_like_legal_act(text)
    one_per_line = lines_are_paragraphs(text)
    tracker = LegalStructureTracker()
    trail: list[str] = []
    for number, page_text in enumerate(pages, start=1):
        if legal:
            _read_legal_page(collector, tracker, page_text, number, one_per_line)
        else:
            _read_plain_page(collector, page_text, number, trail, one_per_line)
    kind = DocumentKind.LEGISLATION if legal else None
    title = ""
    if legal:
        # An act's title is its first lines up to "of <date>"; the tracker calls them headings. A
        # proposal's memorandum (in its own section) and procedure number ("2025/0045 (COD)") come first.
        heads = [b.text for b in collector.blocks
                 if b.kind is BlockKind.HEADING and not b.section and not _PROCEDURE_NUMBER.match(b.text)]
        title = " ".join(heads[:3])
    return build_document(path, doc_id, collector, title=title, kind=kind, page_count=len(pages))


@register_backend("txt", "text")
def read_text_file(path: Path, data: bytes, doc_id: str) -> Document:
    return read_text(path, decode_text(path, data), doc_id)
