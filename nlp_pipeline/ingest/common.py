"""What every text-like backend (plain text, HTML, Markdown, JSON) shares.

Decoding bytes into text with a clear error, and collecting Blocks in reading
order into a Document. Kept apart from the backends so that no backend is
also a library for the others.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from nlp_pipeline.errors import InputError
from nlp_pipeline.ingest.document_kind import explains_eu_law, guess_document_kind
from nlp_pipeline.ingest.legal_structure import normalise_space
from nlp_pipeline.records import ROLE_INTERPRETATION, Block, BlockKind, Document, DocumentKind

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
    text = collector.full_text()
    blocks = tuple(collector.blocks)
    explains = explains_eu_law(text)
    if explains:
        # Every block of a Commission notice or Q&A explains the law it is about.
        blocks = tuple(replace(b, role=ROLE_INTERPRETATION) if not b.role else b for b in blocks)
    return Document(
        id=doc_id,
        path=str(path),
        kind=kind if kind is not None else guess_document_kind(text),
        title=normalise_space(title)[:300],
        blocks=blocks,
        page_count=max(page_count, max(b.page for b in collector.blocks)),
        warnings=warnings,
        explains_law=explains,
    )
