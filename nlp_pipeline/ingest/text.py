"""Plain text: paragraphs split on blank lines, pages on form feeds.

Also home to what every text-like backend (HTML, Markdown, JSON) shares:
decoding bytes into text with a clear error, and collecting Blocks in order.
A text file that reads like an EU act (a `pdftotext` export, a copy from
EUR-Lex) gets its article structure from the legal structure tracker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from nlp_pipeline.errors import InputError
from nlp_pipeline.ingest.document_kind import guess_document_kind
from nlp_pipeline.ingest.legal_structure import (
    LegalStructureTracker,
    looks_like_legal_act,
    merge_bare_labels,
    normalise_space,
    split_legal_lines,
)
from nlp_pipeline.ingest.registry import register_backend
from nlp_pipeline.records import Block, BlockKind, Document, DocumentKind

# C0 controls other than tab, newline, carriage return and form feed: a few
# mean a mis-decoded binary file, not text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def decode_text(path: Path, data: bytes) -> str:
    """Bytes to text: UTF-8 (with or without BOM), else Windows-1252, else InputError."""
    if b"\x00" in data[:8192]:
        raise InputError(path, "not UTF-8 text (contains NUL bytes; is it a binary file?)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        try:
            # Old Windows exports are the common non-UTF-8 text; cp1252 leaves
            # five bytes undefined, so real binary data still fails here.
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise InputError(
                path, f"not UTF-8 text (invalid byte 0x{data[exc.start]:02x} at offset {exc.start})"
            ) from None
    if len(_CONTROL.findall(text[:20000])) > max(5, len(text[:20000]) // 200):
        raise InputError(path, "not UTF-8 text (too many control characters; is it a binary file?)")
    return text


@dataclass
class BlockCollector:
    """Numbers blocks as they are found and drops empty ones."""

    doc_id: str
    blocks: list[Block] = field(default_factory=list)

    def add(
        self,
        text: str,
        *,
        kind: BlockKind = BlockKind.PARAGRAPH,
        section: tuple[str, ...] = (),
        role: str = "",
        page: int = 1,
        page_label: str = "",
    ) -> None:
        text = normalise_space(text)
        if not text:
            return
        self.blocks.append(
            Block(
                doc_id=self.doc_id,
                index=len(self.blocks),
                text=text,
                page=page,
                page_label=page_label,
                section=tuple(section),
                kind=kind,
                role=role,
            )
        )

    def full_text(self) -> str:
        return "\n".join(b.text for b in self.blocks)


def build_document(
    path: Path,
    doc_id: str,
    collector: BlockCollector,
    *,
    title: str = "",
    kind: DocumentKind | None = None,
    page_count: int = 1,
    warnings: tuple[str, ...] = (),
) -> Document:
    if not collector.blocks:
        raise InputError(path, "no text could be extracted")
    if not title:
        first_heading = next((b.text for b in collector.blocks if b.kind is BlockKind.HEADING), "")
        title = first_heading or collector.blocks[0].text
    return Document(
        id=doc_id,
        path=str(path),
        kind=kind if kind is not None else guess_document_kind(collector.full_text()),
        title=normalise_space(title)[:300],
        blocks=tuple(collector.blocks),
        page_count=max(page_count, max(b.page for b in collector.blocks)),
        warnings=warnings,
    )


_BLANK_LINES = re.compile(r"\n[ \t\u00a0]*\n")
_LIST_LINE = re.compile(r"^\s*(?:[-*•▪◦‣]|\d{1,3}[.)])\s+")
_SENTENCE_END = (".", ":", ";", "!", "?", ",")


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


def _read_plain_page(collector: BlockCollector, page_text: str, page: int, trail: list[str]) -> None:
    for paragraph in _BLANK_LINES.split(page_text):
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


def _read_legal_page(collector: BlockCollector, tracker: LegalStructureTracker, page_text: str, page: int) -> None:
    for paragraph in _BLANK_LINES.split(page_text):
        units = merge_bare_labels(split_legal_lines(paragraph.splitlines()))
        for unit in units:
            section, role, kind = tracker.observe(unit)
            collector.add(unit, kind=kind, section=section, role=role, page=page)


def read_text(path: Path, text: str, doc_id: str) -> Document:
    """Text already decoded; also used for text that other backends hand over."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    pages = text.split("\f")
    collector = BlockCollector(doc_id)
    legal = looks_like_legal_act(text)
    tracker = LegalStructureTracker()
    trail: list[str] = []
    for number, page_text in enumerate(pages, start=1):
        if legal:
            _read_legal_page(collector, tracker, page_text, number)
        else:
            _read_plain_page(collector, page_text, number, trail)
    kind = DocumentKind.LEGISLATION if legal else None
    title = ""
    if legal:
        # An act's title is its first lines up to "of <date>"; the tracker calls them headings.
        heads = [b.text for b in collector.blocks[:4] if b.kind is BlockKind.HEADING and not b.section]
        title = " ".join(heads[:3])
    return build_document(path, doc_id, collector, title=title, kind=kind, page_count=len(pages))


@register_backend("txt", "text")
def read_text_file(path: Path, data: bytes, doc_id: str) -> Document:
    return read_text(path, decode_text(path, data), doc_id)
