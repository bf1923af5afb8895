"""Lines to layout blocks, and what each block is.

Lines are grouped by geometry, not by the order of the content stream: a line
joins the block whose last line stands just above it, in the same column,
with the same font. That way designed reports whose text boxes are written in
any order still give whole paragraphs. A block then gets its kind from font
and position evidence (see `block_kind`): a heading is set larger or bold and
reads like a title, never just a short line; a number with a unit in a big
font is a callout of a figure, not a heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from nlp_pipeline.ingest.pdf.characters import Line
from nlp_pipeline.records import BlockKind

HEADING_RATIO = 1.15  # font size over body size that makes a heading
HEADING_MAX_CHARS = 160
HEADING_MAX_LINES = 4
CALLOUT_RATIO = 1.5  # a number this much bigger than body text is a figure's callout

BULLETS = "•●▪■◦○◆◇►▸‣⁃·\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf0a8\u2043\u25aa\u25cf\u2022\u27a2\u2713\u2714"
BULLET_START = re.compile(r"^[" + BULLETS + r"]\s*|^[–—\-*]\s+")
LIST_LABEL = re.compile(r"^(\(?[a-z]\)|\(?[ivx]{1,4}\)|\(\d{1,2}\))\s+\S")
LEGAL_LABEL = re.compile(
    r"^[‘'\"“]?(\(\*?[0-9a-z]{1,6}\)|\d{1,3}[a-z]?\.)(\s|$)|^[‘'\"“]?Article\s+\d{1,3}[a-z]{0,2}\s*$|^ANNEX\b"
)
# A number with a unit or a scale word: "$6.8 Billion", "1.3 million ft2", "40%", "2,391 t"; a
# numbered title ("3.1 Recycling") is not one.
NUMBER_WITH_UNIT = re.compile(
    r"^[~<>≈+\-–]?\s*(?:[$€£¥]\s*\d[\d,.]*\s*(?:[kmb]n?|billion|million|thousand|trillion)?"
    r"|\d[\d,.]*\s*(?:%|percent|per cent|x|bn|billion|million|thousand|trillion|mt|kt|t|kg|tonnes?|gwh|mwh|kwh|twh|"
    r"gw|mw|kw|ha|km|m2|m²|m3|ft2|ft²|sq\.?\s?ft|tco2e?|co2e?|°c|years?|employees|people|sites|suppliers|"
    r"countries|[$€£]))"
    r"(?:\s+[^\W\d_][\w²³/.%-]*){0,3}\s*$",
    re.I,
)
_NUMERIC_ONLY = re.compile(r"^[\s\d.,%$€£()+\-–—/:x×*]+$")
_SENTENCE_END = (".", "!", "?", ";", ",", ":")
# A line that breaks a reference ("... referred to in point" or "... in point (1)") continues
# on the next line even when that line opens with what looks like a label ("(a) of Article 2").
_REFERENCE_END = re.compile(
    r"\b(points?|paragraphs?|Articles?|subparagraphs?|Annex|and|or|to)(\s+\(?\d{1,3}[a-z]?\)?)?\s*$")
_REFERENCE_LABEL = re.compile(r"^\s*\(?[0-9a-z]{1,4}\)\s+of\s+(Article|Annex|Directive|Regulation)\b")
# "Figure 4: 1.5°C Scenario ..." is a caption; "Figure 1 illustrates the role of the Board" is a sentence.
_CAPTION = re.compile(r"^(Figure|Fig\.|Chart|Graph|Exhibit|Diagram|Map|Photo|Illustration)\s*\d+[A-Za-z]?\s*[.:–—|-]", re.I)
_CAPTION_SHORT = re.compile(r"^(Figure|Fig\.|Chart|Graph|Exhibit|Diagram|Map|Photo|Illustration)\s*\d+[A-Za-z]?\s", re.I)
_TICK_MARKS = {"x", "X", "\u2713", "\u2714", "\u2717", "\u2718", "\u2612", "\u2611"}
_RUN_IN_END = re.compile(r"[:.–—]\s*$")


@dataclass
class LayoutBlock:
    """A block of lines on one page, with its kind and, for tables, its cells."""

    lines: list[Line]
    kind: BlockKind = BlockKind.PARAGRAPH
    x0: float = 0.0
    top: float = 0.0
    x1: float = 0.0
    bottom: float = 0.0
    cells: tuple[tuple[str, ...], ...] = ()
    caption: str = ""
    text: str = ""  # set once the text is repaired and markers are rendered
    label: str = ""  # a run-in label that opens the paragraph ("Energy efficiency:")
    markers: list[str] = field(default_factory=list)  # footnote markers the block cites
    notes: tuple[str, ...] = ()  # the footnotes those markers lead to
    note_marker: str = ""  # for a footnote: the marker it answers to
    heading_level: int = 0  # 1 is the top level, set by the section stage

    def __post_init__(self) -> None:
        if self.lines and not self.x1:
            self.refresh_box()

    def refresh_box(self) -> None:
        self.x0 = min(line.x0 for line in self.lines)
        self.x1 = max(line.x1 for line in self.lines)
        self.top = min(line.top for line in self.lines)
        self.bottom = max(line.bottom for line in self.lines)

    @property
    def first(self) -> Line:
        return self.lines[0]

    @property
    def size(self) -> float:
        return self.first.size

    @property
    def raw_text(self) -> str:
        return " ".join(line.text for line in self.lines)


@dataclass(frozen=True)
class LayoutSettings:
    body_size: float
    pitches: dict[float, float]
    legal: bool = False


# -- grouping lines into blocks ------------------------------------------------


def group_lines(lines: list[Line], settings: LayoutSettings) -> list[LayoutBlock]:
    """Lines to blocks by position: each line joins the block it continues, if any."""
    ordered = sorted(lines, key=lambda ln: (ln.top, ln.x0))
    groups: list[list[Line]] = []
    open_groups: list[list[Line]] = []
    for line in ordered:
        size = max(line.size, 4.0)
        open_groups = [g for g in open_groups if line.top - g[-1].bottom <= 3 * size]
        best: list[Line] | None = None
        best_score = 0.0
        for group in open_groups:
            score = _continues(group, line, settings)
            if score > best_score:
                best, best_score = group, score
        if best is not None:
            best.append(line)
        else:
            group = [line]
            groups.append(group)
            open_groups.append(group)
    blocks: list[LayoutBlock] = []
    for group in groups:
        for part in _split_paragraphs(group):
            blocks.append(LayoutBlock(part))
    return blocks


def _continues(group: list[Line], line: Line, settings: LayoutSettings) -> float:
    """How well `line` continues the block `group` (0: it does not)."""
    prev = group[-1]
    size = max(line.size, 4.0)
    if abs(line.size - prev.size) > max(0.6, 0.08 * size) or line.bold != prev.bold or line.panel != prev.panel:
        return 0.0
    usual = settings.pitches.get(line.style[0], 1.25 * size)
    pitch = line.top - prev.top
    if pitch < 0.5 * size or pitch > usual * 1.3 + 0.5:
        return 0.0
    if line.x0 >= prev.x1 or line.x1 <= prev.x0:
        return 0.0
    if BULLET_START.match(line.text) or LIST_LABEL.match(line.text) and prev.text.rstrip().endswith(_SENTENCE_END):
        return 0.0
    # A point label opens a block, unless the line above broke a reference: "... of point" over
    # "(1) of Article 2" is one sentence.
    if (settings.legal and LEGAL_LABEL.match(line.text) and line.x0 <= prev.x0 + 1
            and not _REFERENCE_END.search(prev.text) and not _REFERENCE_LABEL.match(line.text)):
        return 0.0
    g_x0 = min(ln.x0 for ln in group)
    g_x1 = max(ln.x1 for ln in group)
    tolerance = max(size, 4.0)
    if len(group) >= 2 and line.x0 < prev.x0 - 3 and line.x0 < g_x0 + 1:
        return 0.0  # an outdent: a hanging label starts a paragraph
    if len(group) >= 2 and line.x1 > g_x1 + max(4 * tolerance, 0.3 * (g_x1 - g_x0)):
        return 0.0  # far wider than the block: another text box starts below
    left = abs(line.x0 - prev.x0) <= tolerance or abs(line.x0 - g_x0) <= tolerance
    hanging = _labelled(group[0]) and group[0].x0 < line.x0 <= group[0].x0 + 4 * tolerance and abs(line.x0 - prev.x0) <= (
        tolerance if len(group) > 1 else 4 * tolerance)
    centred = abs((line.x0 + line.x1) - (prev.x0 + prev.x1)) / 2 <= tolerance
    right = abs(line.x1 - prev.x1) <= 0.5 * tolerance and line.x0 > prev.x0
    first_indent = len(group) == 1 and prev.x0 > line.x0 and prev.x0 - line.x0 <= 4 * tolerance
    if not (left or hanging or centred or right or first_indent):
        return 0.0
    overlap = min(line.x1, g_x1) - max(line.x0, g_x0)
    return 1.0 + overlap / max(line.width, 1.0) - pitch / (10 * usual)


def _labelled(line: Line) -> bool:
    """A first line that opens with a bullet or a point label (its continuation lines hang indented)."""
    return bool(BULLET_START.match(line.text) or LIST_LABEL.match(line.text) or LEGAL_LABEL.match(line.text))


def _split_paragraphs(group: list[Line]) -> list[list[Line]]:
    """Paragraphs set without space between them: a short last line ending a sentence, then a capital."""
    if len(group) < 3:
        return [group]
    width = max(ln.x1 for ln in group) - min(ln.x0 for ln in group)
    right = max(ln.x1 for ln in group)
    parts: list[list[Line]] = [[group[0]]]
    for prev, line in zip(group, group[1:]):
        ended = prev.text.rstrip().endswith((".", "!", "?", ":")) and prev.x1 < right - 0.2 * width
        if ended and line.text[:1].isupper() and len(parts[-1]) >= 1 and len(group) > 3:
            parts.append([line])
        else:
            parts[-1].append(line)
    return parts


# -- what a block is ------------------------------------------------------------


def is_number_with_unit(text: str) -> bool:
    text = text.strip()
    return bool(text) and text[0] not in "(" and bool(NUMBER_WITH_UNIT.match(text)) and len(text) <= 40


def is_numeric(text: str) -> bool:
    return bool(_NUMERIC_ONLY.match(text)) and any(ch.isdigit() for ch in text)


def is_caption(text: str) -> bool:
    text = text.strip()
    return bool(_CAPTION.match(text)) or (bool(_CAPTION_SHORT.match(text)) and len(text.split()) <= 12)


def block_kind(block: LayoutBlock, body: float) -> BlockKind:
    """Heading, list item, figure text or paragraph, from the block's font and words."""
    text = block.raw_text.strip()
    first = block.first
    if BULLET_START.match(text) or LIST_LABEL.match(text):
        return BlockKind.LIST_ITEM
    if is_caption(text):
        return BlockKind.FIGURE
    if is_numeric(text):
        return BlockKind.FIGURE  # axis ticks, stray figures of a chart
    if text in _TICK_MARKS:
        return BlockKind.FIGURE  # a form's tick box, marked
    if is_number_with_unit(text) and first.size >= body * CALLOUT_RATIO:
        return BlockKind.FIGURE
    if looks_like_heading(block, body):
        return BlockKind.HEADING
    return BlockKind.PARAGRAPH


def looks_like_heading(block: LayoutBlock, body: float) -> bool:
    text = block.raw_text.strip()
    first = block.first
    length = len(text)
    if len(block.lines) > HEADING_MAX_LINES or length > HEADING_MAX_CHARS or length < 2:
        return False
    if sum(ch.isalpha() for ch in text) < 2 or is_number_with_unit(text):
        return False
    words = text.split()
    # A sentence in a big font is a standfirst or a quote, not a title.
    if text.endswith((".", "!")) and len(words) >= 6 and not re.match(r"^\d+(\.\d+)*\.?\s", text):
        return False
    if text.endswith((",", ";")) or text[:1].islower():
        return False
    if first.size >= body * HEADING_RATIO:
        return True
    all_bold = all(line.bold for line in block.lines)
    return all_bold and first.size >= body * 0.95 and not text.endswith((".", ":"))


def run_in_label(block: LayoutBlock) -> str:
    """A bold (or otherwise set apart) label that opens a paragraph: "Energy efficiency:"."""
    first = block.first
    if len(first.spans) < 2 or first.bold:
        return ""
    head = []
    for span in first.spans:
        if span.bold and not first.bold:
            head.append(span.text)
        else:
            break
    label = " ".join(head).strip()
    rest = first.text[len(label):].strip() if first.text.startswith(label) else ""
    if not label or not rest or len(label) > 80:
        return ""
    if _RUN_IN_END.search(label) or label.isupper() or len(label.split()) <= 6:
        return label
    return ""
