"""Group sentences into passages that a reader can cite.

A passage is a few consecutive sentences from blocks that share one section
path, so it never straddles an article, a numbered paragraph, a point or a
heading. Its id is the document hash plus its offset in the document text,
which stays stable as long as the file does.
"""

from __future__ import annotations

from dataclasses import dataclass

from nlp_pipeline.records import Block, BlockKind, Document, Passage
from nlp_pipeline.segment.sentences import split_many

BLOCK_SEPARATOR = "\n\n"


@dataclass(frozen=True)
class SegmentationSettings:
    max_words: int = 120
    max_sentences: int = 5
    min_words: int = 4  # shorter runs (a lone "(a)", a page number) join their neighbour
    context_chars: int = 300


def document_text(document: Document) -> tuple[str, list[int]]:
    """The document's text (blocks joined) and the offset of every block in it."""
    starts: list[int] = []
    position = 0
    for block in document.blocks:
        starts.append(position)
        position += len(block.text) + len(BLOCK_SEPARATOR)
    return BLOCK_SEPARATOR.join(block.text for block in document.blocks), starts


@dataclass
class _Sentence:
    start: int  # offset in the document text
    end: int
    block: Block


def segment_document(document: Document, settings: SegmentationSettings | None = None) -> list[Passage]:
    settings = settings or SegmentationSettings()
    text, starts = document_text(document)
    body = [(block, start) for block, start in zip(document.blocks, starts) if _is_body(block)]
    spans = split_many([block.text for block, _ in body])
    groups: list[list[_Sentence]] = []
    current: list[_Sentence] = []
    for (block, offset), sentence_spans in zip(body, spans):
        for s, e in sentence_spans:
            sentence = _Sentence(offset + s, offset + e, block)
            if current and _must_break(current, sentence, text, settings):
                groups.append(current)
                current = []
            current.append(sentence)
    if current:
        groups.append(current)
    groups = _absorb_fragments(groups, text, settings)
    titles = section_titles(document)
    return [_passage(document, group, text, settings, titles) for group in groups]


def section_titles(document: Document) -> dict[tuple[str, ...], str]:
    """The last heading text under each section path that does not just repeat the path.

    Law: "Article 27" is the path, "Penalties" the title the path leaves out.
    """
    titles: dict[tuple[str, ...], str] = {}
    for block in document.blocks:
        text = " ".join(block.text.split())
        if block.kind is BlockKind.HEADING and text and block.section and text not in block.section:
            titles[block.section] = text
    return titles


def _heading(section: tuple[str, ...], titles: dict[tuple[str, ...], str]) -> str:
    for depth in range(len(section), 0, -1):
        title = titles.get(section[:depth])
        if title:
            return title
    return ""


def _is_body(block: Block) -> bool:
    return block.kind is not BlockKind.HEADING and bool(block.text.strip())


def _must_break(current: list[_Sentence], sentence: _Sentence, text: str, settings: SegmentationSettings) -> bool:
    first = current[0].block
    if sentence.block.section != first.section or sentence.block.role != first.role:
        return True
    if sentence.block.kind is not first.kind and BlockKind.TABLE in (sentence.block.kind, first.kind):
        return True
    words = _word_count(text[current[0].start : sentence.end])
    return len(current) >= settings.max_sentences or words > settings.max_words


def _absorb_fragments(groups: list[list[_Sentence]], text: str, settings: SegmentationSettings) -> list[list[_Sentence]]:
    """Join a too-short group to the next group of the same section (or the previous one)."""
    merged: list[list[_Sentence]] = []
    carry: list[_Sentence] = []
    for group in groups:
        group = carry + group
        carry = []
        same_section = lambda a, b: a[0].block.section == b[0].block.section  # noqa: E731
        if _word_count(text[group[0].start : group[-1].end]) < settings.min_words:
            if merged and same_section(merged[-1], group):
                merged[-1].extend(group)
            else:
                carry = group
            continue
        merged.append(group)
    if carry:
        if merged and merged[-1][0].block.section == carry[0].block.section:
            merged[-1].extend(carry)
        else:
            merged.append(carry)
    return merged


def _passage(document: Document, group: list[_Sentence], text: str, settings: SegmentationSettings,
             titles: dict[tuple[str, ...], str] | None = None) -> Passage:
    start, end = group[0].start, group[-1].end
    first, last = group[0].block, group[-1].block
    width = settings.context_chars
    return Passage(
        id=f"{document.short_id}:{start}",
        doc_id=document.id,
        text=_clean(text[start:end]),
        page_start=first.page,
        page_end=last.page,
        page_label=first.page_label,
        section=first.section,
        kind=first.kind,
        role=first.role,
        char_start=start,
        char_end=end,
        context_before=_clean(text[max(0, start - width) : start]),
        context_after=_clean(text[end : end + width]),
        doc_kind=document.kind,
        heading=_heading(first.section, titles or {}),
    )


def _word_count(text: str) -> int:
    return len(text.split())


def _clean(text: str) -> str:
    return " ".join(text.split())
