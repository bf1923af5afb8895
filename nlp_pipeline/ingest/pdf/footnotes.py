"""Footnote markers and footnotes: told apart from the text they annotate, then linked to it.

A superscript marker glued to a year ("20221", "by 20302") hides a deadline;
a footnote merged into a recital puts an Official Journal reference in the
middle of a legal provision. Here:

- a superscript span (smaller, raised) that reads like a marker ("1",
  "(12)", "*", "†") is set apart from the word it follows: "2022 [1]",
  "Council (3)" (a marker already in brackets keeps them); an exponent after
  a unit ("m2", "ft2") becomes "m²"; an ordinal ("1st") stays as it is;
- a footnote is a small-print block at the foot of its column that starts
  with a marker; the blocks of small print after it continue it;
- each block that cites a marker gets the text of the footnote with that
  marker on its page (or the nearest page before) as a note.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from nlp_pipeline.ingest.pdf.characters import Line
from nlp_pipeline.ingest.pdf.layout import LayoutBlock
from nlp_pipeline.records import BlockKind

_MARKER = re.compile(r"^(\(\*?\d{1,3}\)|\*?\d{1,3}(?:[,–-]\s?\d{1,3})*|[*†‡§¶]{1,3}|[a-z]|\([a-z]\))$")
_UNIT_BEFORE = re.compile(r"(?:\b(?:m|km|cm|mm|ft|sq ?ft|in|yd|mi|ha|CO|tCO|GtCO|MtCO|ktCO|kgCO|gCO|N|CH|SO|NO))$")
_ORDINAL = re.compile(r"^(st|nd|rd|th|er|e|ème)$", re.I)
_SIGNS = re.compile(r"^[™®©℠]$")
FOOTNOTE_START = re.compile(r"^(\(\*?\d{1,3}\)|\*?\d{1,3}\.?(?=\s|[A-Z(])|[*†‡§¶]{1,3}|[a-z]\))\s*")
_EXPONENTS = {"2": "²", "3": "³"}
SMALL_PRINT = 0.92  # of the body size


def render_line(line: Line) -> tuple[str, list[str]]:
    """The line's text with its superscripts set apart, and the footnote markers it cites."""
    if not any(s.script == 1 for s in line.spans):
        return line.text, []
    out = ""
    markers: list[str] = []
    for k, span in enumerate(line.spans):
        text = span.text
        joiner = " " if k and span.gap_before else ""
        if span.script != 1 or k == 0:
            if markers and out.endswith("]") and text[:1] in ".,;:)!?":
                joiner = ""  # "actors [1]." not "actors [1] ."
            out += joiner + text
            continue
        if _SIGNS.match(text) or _ORDINAL.match(text):
            out += text
            continue
        if text in _EXPONENTS and _UNIT_BEFORE.search(out):
            out += _EXPONENTS[text]
            continue
        if _MARKER.match(text):
            markers.extend(_marker_keys(text))
            if out.endswith("(") or out.endswith("(*"):
                out += text  # the marker's brackets are set in the body size: "(3)"
            else:
                shown = text if text.startswith("(") else f"[{text}]"
                out = out.rstrip() + " " + shown
            continue
        out += joiner + text
    return out, markers


def _marker_keys(text: str) -> list[str]:
    """"(12)" -> ["12"], "1,2" -> ["1", "2"], "3-5" -> ["3", "4", "5"], "*" -> ["*"]."""
    inner = text.strip("()").lstrip("*") if text.startswith("(") else text
    if re.fullmatch(r"\d{1,3}[–-]\s?\d{1,3}", inner):
        a, b = (int(x) for x in re.split(r"[–-]\s?", inner))
        if 0 < b - a <= 10:
            return [str(n) for n in range(a, b + 1)]
    parts = [p.strip() for p in re.split(r"[,–-]", inner) if p.strip()]
    return parts or [text]


def note_marker(block: LayoutBlock) -> str:
    """The marker a footnote block starts with ("1", "12", "*"), or "" if it has none."""
    first = block.first
    if _raised_marker(block):
        return _marker_keys(first.spans[0].text)[0]
    m = FOOTNOTE_START.match(first.text)
    if not m:
        return ""
    token = m.group(1).strip().rstrip(".")
    if token.endswith(")") and not token.startswith("("):
        token = token[:-1]
    return _marker_keys(token)[0]


def mark_footnotes(blocks: list[LayoutBlock], body: float, page_height: float) -> list[LayoutBlock]:
    """The page's blocks with the small-print blocks at its foot that start with a marker marked as footnotes.

    The foot is what lies below the last block of body text in the same
    column. A footnote's later paragraphs carry no marker; they follow it.
    Footnotes set one under the other without space between come out as one
    block; each is a block of its own again.
    """
    _mark(blocks, body, page_height)
    out: list[LayoutBlock] = []
    for block in blocks:
        out.extend(_split_notes(block) if block.kind is BlockKind.FOOTNOTE else [block])
    return out


def _split_notes(block: LayoutBlock) -> list[LayoutBlock]:
    parts: list[list] = []
    for line in block.lines:
        starts = bool(FOOTNOTE_START.match(line.text)) or (line.spans and line.spans[0].script == 1)
        if not parts or (starts and line.x0 <= parts[-1][0].x0 + 1):
            parts.append([line])
        else:
            parts[-1].append(line)
    if len(parts) == 1:
        return [block]
    notes = [LayoutBlock(part, BlockKind.FOOTNOTE) for part in parts]
    for note in notes:
        note.note_marker = note_marker(note)
    return notes


def _cited(blocks: Sequence[LayoutBlock]) -> set[str]:
    """The markers the page's lines cite as raised marks after a word (not a note's own leading marker)."""
    return {key for b in blocks for line in b.lines for i, span in enumerate(line.spans)
            if i > 0 and span.script == 1 and _MARKER.match(span.text) for key in _marker_keys(span.text)}


def _raised_marker(block: LayoutBlock) -> bool:
    """Whether the block opens with a raised mark, as a note does (a numbered paragraph's "2." is on the line)."""
    first = block.first
    return bool(first.spans) and first.spans[0].script == 1 and bool(_MARKER.match(first.spans[0].text))


def _mark(blocks: Sequence[LayoutBlock], body: float, page_height: float) -> None:
    # A note set in body type still opens with a raised marker its page cites ("... Supplier Code of Conduct
    # and Policies¹" and, at the foot, "¹ Tesla has a Global Human Rights Policy ...", Tesla's 2025 filing p. 5).
    foot = [b for b in blocks if b.kind in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.HEADING)
            and b.top >= page_height * 0.45]
    raised = {id(b) for b in foot if b.first.size > body * SMALL_PRINT and _raised_marker(b)}
    cited = _cited(blocks) if raised else set()
    small = [b for b in foot if b.first.size <= body * SMALL_PRINT or (id(b) in raised and note_marker(b) in cited)]
    if not small:
        return
    body_blocks = [b for b in blocks if b.kind is not BlockKind.FIGURE and b.first.size > body * SMALL_PRINT]
    started = False
    for block in sorted(small, key=lambda b: b.top):
        below_body = not any(
            o.top >= block.bottom - 1 and o.x0 < block.x1 and o.x1 > block.x0 for o in body_blocks
        )
        if not below_body:
            continue
        marker = note_marker(block)
        if marker:
            block.kind = BlockKind.FOOTNOTE
            block.note_marker = marker
            started = True
        elif started:
            block.kind = BlockKind.FOOTNOTE


def link_notes(pages: Sequence[Sequence[LayoutBlock]]) -> None:
    """Give each block that cites a marker the text of its footnote (same page, else the nearest before)."""
    latest: dict[str, str] = {}
    for blocks in pages:
        on_page: dict[str, str] = {}
        last_marker = ""
        for block in blocks:
            if block.kind is not BlockKind.FOOTNOTE:
                continue
            if block.note_marker:
                last_marker = block.note_marker
                on_page[last_marker] = block.text
            elif last_marker:
                on_page[last_marker] = f"{on_page[last_marker]} {block.text}"
        latest.update(on_page)
        for block in blocks:
            if block.kind is BlockKind.FOOTNOTE or not block.markers:
                continue
            block_notes = [latest[m] for m in dict.fromkeys(block.markers) if m in latest]
            block.notes = tuple(block_notes)
