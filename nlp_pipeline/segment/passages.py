"""Group sentences into passages that a reader can cite.

A passage is a few consecutive sentences from prose blocks (paragraphs and
list items) that share one section path, so it never straddles an article, a
numbered paragraph, a point or a heading. A sentence that runs on from one
block into the next (across a column or a page) is kept whole. A table is one
passage of its own, with its rows and cells; figure text, contents entries,
footnotes and running headers never become passages (a footnote travels as a
note of the passage that cites it).

A passage's id is the document hash plus its offset in the document text,
which stays stable as long as the file does. No passage is longer than the
limit on characters (IngestLimits.max_passage_chars): a longer sentence is
cut at a word boundary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlp_pipeline.ingest.limits import DEFAULT_LIMITS, IngestLimits
from nlp_pipeline.records import Block, BlockKind, Document, Passage
from nlp_pipeline.segment.sentences import split_many

BLOCK_SEPARATOR = "\n\n"
_TERMINAL = (".", "!", "?", ":", ";", "\u201d", '"', "\u2019", ")")
_MIN_CUT_WORDS = 8
_CONTINUES = re.compile(r"^[a-z(\u2013\u2014-]")
# A sentence cannot stop on a preposition, an article or a conjunction: a block that ends on one
# ("... delivery of our climate change strategy in" / "2020, with performance against ...", BHP's
# CTAP p. 22, from the foot of one column to the head of the next) goes on in the next, whatever
# that one starts with.
_UNFINISHED = re.compile(
    r"\s(?:in|of|the|a|an|and|or|to|for|by|with|from|at|on|than|as|into|our|its|their|that|which|between)$")
# A bullet, an arrow or a number opens an item of a list, not the rest of a sentence.
_LIST_MARK = re.compile(r"^(?:[•▪◦●■►▶→>›·*–—-]|\d{1,2}[.)]\s|\(?[a-z]{1,3}\)\s)")
# "b.2. Instruments within ..." opens an item of its own, though it starts in lower case.
_ITEM_LABEL = re.compile(r"^[a-z](?:\.\d{1,2})*\.\s")


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
class _Unit:
    """A sentence (or a table) with its place in the document text and the blocks it comes from.

    A sentence that runs from one block into the next spans, in the document
    text, whatever stands between them (a page's footer, a footnote); its
    `text` holds only the sentence.
    """

    start: int
    end: int
    block: Block  # where it starts
    last: Block  # where it ends
    text: str
    table: bool = False


def segment_document(
    document: Document, settings: SegmentationSettings | None = None, limits: IngestLimits | None = None
) -> list[Passage]:
    settings = settings or SegmentationSettings()
    max_chars = (limits or DEFAULT_LIMITS).max_passage_chars
    text, starts = document_text(document)
    units = _units(document, text, starts, max_chars)
    groups: list[list[_Unit]] = []
    current: list[_Unit] = []
    for unit in units:
        if current and _must_break(current, unit, text, settings, max_chars):
            groups.append(current)
            current = []
        current.append(unit)
        if unit.table:
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    groups = _absorb_fragments(groups, text, settings, max_chars)
    titles = section_titles(document)
    footnotes = _footnotes(document)
    return [_passage(document, group, text, settings, titles, footnotes) for group in groups]


def _footnotes(document: Document) -> dict[str, str]:
    """Footnote texts by their marker ("1", "*2"), for formats whose backend does not link them itself."""
    notes: dict[str, str] = {}
    for block in document.blocks:
        if block.kind is BlockKind.FOOTNOTE:
            m = _NOTE_MARKER.match(block.text)
            if m:
                notes.setdefault(m.group(1).strip("[]()"), block.text)
    return notes


def _units(document: Document, text: str, starts: list[int], max_chars: int) -> list[_Unit]:
    """Sentences of the prose blocks and one unit per table, in document order."""
    runs = _prose_runs(document)
    spans = split_many([BLOCK_SEPARATOR.join(b.text for b in run) for run in runs])
    units: list[_Unit] = []
    by_run = iter(zip(runs, spans))
    pending = next(by_run, None)
    for block, start in zip(document.blocks, starts):
        while pending is not None and pending[0][0] is block:
            run, sentence_spans = pending
            units.extend(_sentences(run, sentence_spans, starts, max_chars))
            pending = next(by_run, None)
        if block.kind is BlockKind.TABLE and block.text.strip():
            units.append(_Unit(start, start + len(block.text), block, block, block.text, table=True))
    return units


def _prose_runs(document: Document) -> list[list[Block]]:
    """Prose blocks in runs that one sentence may cross: a block that stops mid-sentence and the one it continues in."""
    runs: list[list[Block]] = []
    for block in document.blocks:
        if not block.kind.is_prose or not block.text.strip():
            continue
        if runs and _runs_on(runs[-1][-1], block):
            runs[-1].append(block)
        else:
            runs.append([block])
    return runs


def _runs_on(before: Block, after: Block) -> bool:
    return (
        before.section == after.section
        and before.role == after.role
        and before.kind.is_prose
        and after.kind is BlockKind.PARAGRAPH
        and not before.text.rstrip().endswith(_TERMINAL)
        and (bool(_CONTINUES.match(after.text)) or _cut_by_page_break(before, after)
             or _stops_unfinished(before, after))
        and not _ITEM_LABEL.match(after.text)
    )


def _stops_unfinished(before: Block, after: Block) -> bool:
    """A paragraph of some length ends on a word no sentence ends on, and the next block reads as its rest.

    The rest is no list item, no title or label (a short block that does not
    finish a sentence: a chart's "Example of severity", a glossary's next
    term) and no running header in capitals; on a page laid out in boxes it
    stands just below in the same column or at the head of the next column.
    """
    rest = after.text.strip()
    return (before.kind is BlockKind.PARAGRAPH and len(before.text.split()) >= _MIN_CUT_WORDS
            and bool(_UNFINISHED.search(before.text.rstrip()))
            and not _LIST_MARK.match(rest) and not rest.isupper()
            and (len(rest.split()) >= _MIN_CUT_WORDS or rest.endswith(_TERMINAL))
            and _placed_as_its_rest(before, after))


# A report's body text runs at about 11 points a line: enough to count a block's lines from its height.
_TYPICAL_LINE_PT = 11.0


def _placed_as_its_rest(before: Block, after: Block) -> bool:
    """Where the rest of a cut sentence stands: at most a line below in its column, or atop another column."""
    if before.page != after.page or not before.bbox or not after.bbox:
        return after.page in (before.page, before.page + 1)
    b_left, b_top, b_right, b_bottom = before.bbox
    a_left, a_top, a_right, _ = after.bbox
    lines = max(1, round((b_bottom - b_top) / _TYPICAL_LINE_PT))
    line_height = (b_bottom - b_top) / lines
    same_column = a_left < b_right and a_right > b_left
    if same_column:
        return a_top - b_bottom <= line_height
    return a_top < b_top  # the head of another column


def _cut_by_page_break(before: Block, after: Block) -> bool:
    """A paragraph stopped mid-phrase at the foot of a page and continued at the top of the next.

    "... a Supplier Code of Conduct based on the Responsible Business" / "Alliance
    industry standard." The next page opens with a capital, which elsewhere
    starts a new paragraph; across a page break, after a paragraph of some
    length that ends on a bare word, it goes on. Only for text whose pages
    come from print breaks (HTML filings): on a PDF page the block at the top
    may as well be a box or column of its own, which the layout decides.
    """
    return (after.page == before.page + 1 and not before.bbox and before.kind is BlockKind.PARAGRAPH
            and len(before.text.split()) >= _MIN_CUT_WORDS and before.text.rstrip()[-1:].isalpha())


def _sentences(run: list[Block], spans: list[tuple[int, int]], starts: list[int], max_chars: int) -> list[_Unit]:
    """Sentence spans of a run's joined text to units placed in the document text."""
    joined = BLOCK_SEPARATOR.join(b.text for b in run)
    local: list[int] = []  # where each block starts in the joined text
    position = 0
    for block in run:
        local.append(position)
        position += len(block.text) + len(BLOCK_SEPARATOR)

    def place(offset: int, closing: bool) -> tuple[Block, int]:
        k = max(i for i, at in enumerate(local) if at < offset or (at <= offset and not closing))
        return run[k], starts[run[k].index] + min(offset - local[k], len(run[k].text))

    units: list[_Unit] = []
    for s, e in spans:
        for a, b in _cut(joined, s, e, max_chars):
            first, start = place(a, closing=False)
            last, end = place(b, closing=True)
            units.append(_Unit(start, end, first, last, joined[a:b]))
    return units


def _cut(text: str, start: int, end: int, max_chars: int) -> list[tuple[int, int]]:
    """A span no longer than max_chars, or cut into such pieces at spaces."""
    pieces: list[tuple[int, int]] = []
    while end - start > max_chars:
        cut = text.rfind(" ", start + max_chars // 2, start + max_chars)
        if cut <= start:
            cut = start + max_chars
        pieces.append((start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        pieces.append((start, end))
    return pieces


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


def _must_break(current: list[_Unit], unit: _Unit, text: str, settings: SegmentationSettings, max_chars: int) -> bool:
    first = current[0].block
    if unit.table or current[-1].table:
        return True
    if unit.block.section != first.section or unit.block.role != first.role:
        return True
    if _moves_to_another_box(current[-1].last, unit.block):
        return True
    if sum(len(u.text) + 1 for u in current) + len(unit.text) > max_chars:
        return True
    words = sum(_word_count(u.text) for u in current) + _word_count(unit.text)
    return len(current) >= settings.max_sentences or words > settings.max_words


def _moves_to_another_box(before: Block, after: Block) -> bool:
    """Whether reading goes from one block into another column or box of the same page.

    A passage is a few sentences a reader finds together; the last lines of
    one box and the first of the next column (a diagram's three columns of
    bullets, a form's fields), or a sidebar's note and the chart title beside
    it, are not that, though they are read in turn. Blocks that share no
    stretch of the page's width stand in different columns or boxes, whether
    reading goes up, across or down to the next.
    """
    if before is after or before.page != after.page or not before.bbox or not after.bbox:
        return False
    return after.bbox[0] >= before.bbox[2] - 2.0 or after.bbox[2] <= before.bbox[0] + 2.0


def _absorb_fragments(groups: list[list[_Unit]], text: str, settings: SegmentationSettings,
                      max_chars: int) -> list[list[_Unit]]:
    """Join a too-short group to the previous (or else the next) group of the same section and box.

    A fragment that no neighbour in its own box takes stands alone: a chart's
    label, a signature's name or a form's field glued to the passage read
    before it in another box made a "sentence" no reader sees on the page.
    """
    merged: list[list[_Unit]] = []
    carry: list[_Unit] = []

    def joinable(a: list[_Unit], b: list[_Unit]) -> bool:
        return (
            a[0].block.section == b[0].block.section
            and not a[0].table
            and not b[0].table
            and not _moves_to_another_box(a[-1].last, b[0].block)
            and sum(len(u.text) + 1 for u in a + b) <= max_chars
        )

    for group in groups:
        if carry and joinable(carry, group):
            group = carry + group
            carry = []
        elif carry:
            merged.append(carry)
            carry = []
        if not group[0].table and sum(_word_count(u.text) for u in group) < settings.min_words:
            if merged and joinable(merged[-1], group):
                merged[-1].extend(group)
            else:
                carry = group
            continue
        merged.append(group)
    if carry:
        if merged and joinable(merged[-1], carry):
            merged[-1].extend(carry)
        else:
            merged.append(carry)
    return merged


def _passage(document: Document, group: list[_Unit], text: str, settings: SegmentationSettings,
             titles: dict[tuple[str, ...], str] | None = None, footnotes: dict[str, str] | None = None) -> Passage:
    start, end = group[0].start, group[-1].end
    first, last = group[0].block, group[-1].last
    width = settings.context_chars
    body = _clean(" ".join(unit.text for unit in group))
    blocks = list(dict.fromkeys([u.block for u in group] + [u.last for u in group]))
    return Passage(
        id=f"{document.short_id}:{start}",
        doc_id=document.id,
        text=body,
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
        notes=_cited_notes(blocks, body, footnotes or {}),
        cells=first.cells if group[0].table else (),
        page_label_end=last.page_label if last.page_label != first.page_label else "",
    )


_NOTE_MARKER = re.compile(r"^\s*(\(\*?\d{1,3}\)|\[?\*?\d{1,3}\]?|[*†‡§¶]{1,3})")


# "[2]" as ingest sets a marker apart, "(*2)" as EUR-Lex numbers an amending act's notes; a bare "(2)"
# is as often "Article 29(2)" or "point (2)" as a marker, so it is not read as one.
_CITED = re.compile(r"(?<=\S)\s?(?:\[(\*?\d{1,3})\]|\((\*\d{1,3})\))")


def _cited_notes(blocks: list[Block], text: str, footnotes: dict[str, str]) -> tuple[str, ...]:
    """The footnotes the passage cites: those its blocks were linked to, else those its markers name.

    A marker stands after a word ("2030 [2]", "Council (*3)"); a point label
    opening the text ("(3) ...") is not one.
    """
    notes: list[str] = []
    for block in blocks:
        for note in block.notes:
            m = _NOTE_MARKER.match(note)
            marker = m.group(1).strip("[]()*") if m else ""
            if not marker or f"[{marker}]" in text or f"({marker})" in text or f"(*{marker})" in text:
                notes.append(note)
    if not notes and footnotes:
        for m in _CITED.finditer(text):
            note = footnotes.get(m.group(1) or m.group(2))
            if note:
                notes.append(note)
    return tuple(dict.fromkeys(notes))


def _word_count(text: str) -> int:
    return len(text.split())


def _clean(text: str) -> str:
    return " ".join(text.split())
