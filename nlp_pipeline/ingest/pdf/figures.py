"""Figure text: chart labels, axis ticks, legends, callouts and captions.

They are kept as figure blocks, for a reader who wants them, and never become
prose passages: an axis ("35 30 25 20 15") or a callout ("$6.8 Billion") read
as a sentence is what made a classifier find climate commitments in a chart.

Evidence, from strongest:
- the line sits among the shapes of a chart or diagram (graphics.Region) and
  is a label, not running text;
- the block is numbers only, or a number with a unit set large (a callout),
  or a caption ("Figure 11: ...");
- a short label stands right next to a callout ("Total Assets" under
  "$6.8 Billion").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlp_pipeline.ingest.pdf.characters import Line
from nlp_pipeline.ingest.pdf.graphics import Region, Shape
from nlp_pipeline.ingest.pdf.layout import CALLOUT_RATIO, LayoutBlock, is_number_with_unit
from nlp_pipeline.records import BlockKind

LABEL_CHARS = 60  # a line this short among a chart's shapes is one of its labels


def figure_lines(lines: list[Line], regions: list[Region], running: set[int]) -> set[int]:
    """Ids of the lines that label a chart or diagram."""
    if not regions:
        return set()
    found: set[int] = set()
    for line in lines:
        if id(line) in running or len(line.text) > LABEL_CHARS:
            continue
        for region in regions:
            if region.contains(line.x0, line.top, line.x1, line.bottom):
                found.add(id(line))
                break
    return found


SWATCH = 12.0  # points: a filled square no bigger than this, just left of a label, is a legend's key


def legend_lines(lines: list[Line], shapes: list[Shape]) -> set[int]:
    """Ids of the lines that a small coloured square stands just before: a chart's legend."""
    swatches = [s for s in shapes if s.kind == "box" and not s.white and s.width <= SWATCH and s.height <= SWATCH]
    if not swatches:
        return set()
    found: set[int] = set()
    for line in lines:
        if len(line.text) > LABEL_CHARS:
            continue
        for s in swatches:
            if line.x0 - 3 * SWATCH <= s.x1 <= line.x0 + 1 and s.top < line.bottom and s.bottom > line.top:
                found.add(id(line))
                break
    return found


def mark_callouts(blocks: list[LayoutBlock], body: float) -> None:
    """Callouts (a number set large) and the short labels right next to them become figure text."""
    callouts = [
        b for b in blocks
        if b.kind is not BlockKind.TABLE and b.first.size >= body * CALLOUT_RATIO and is_number_with_unit(b.raw_text)
    ]
    for callout in callouts:
        callout.kind = BlockKind.FIGURE
        reach = 1.6 * callout.first.size
        for other in blocks:
            if other is callout or other.kind not in (BlockKind.PARAGRAPH, BlockKind.HEADING):
                continue
            words = other.raw_text.split()
            if len(words) > 6 or len(other.lines) > 2 or other.raw_text.rstrip().endswith("."):
                continue
            beside = other.x0 < callout.x1 + reach and other.x1 > callout.x0 - reach
            near = -reach <= other.top - callout.bottom <= reach or -reach <= callout.top - other.bottom <= reach
            if beside and near:
                other.kind = BlockKind.FIGURE


_TICK = re.compile(r"^[^\W\d_]{0,4}\s?[\d][\d.,%]*\s?[^\W\d_]{0,4}$")
_LEGEND_KEY = re.compile(r"(?:^|\s)(?:––|– –|[▲▼■●◆▪□○◼◻])(?=\s)")
AXIS_TICKS = 3  # labels like "FY2030" in one row, evenly spaced, that make a chart's axis


def mark_axes_and_legends(blocks: list[LayoutBlock], body: float) -> None:
    """A chart's axis ("FY2020 FY2030 FY2040 FY2050") and its legend ("–– 1.5°C scenario – – Central ...").

    The ticks of an axis are short labels with a number, three or more on one
    baseline at even steps; a legend is a line whose entries each open with a
    key (a drawn dash pair, a triangle, a square). Neither is a sentence.
    """
    ticks = [b for b in blocks if b.kind in (BlockKind.PARAGRAPH, BlockKind.HEADING) and len(b.lines) == 1
             and _TICK.match(b.raw_text.strip()) and b.first.size <= body * 1.15]
    rows: dict[int, list[LayoutBlock]] = {}
    for block in ticks:
        rows.setdefault(round(block.top / 2), []).append(block)
    for row in rows.values():
        if len(row) < AXIS_TICKS:
            continue
        row.sort(key=lambda b: b.x0)
        steps = [(b.x0 + b.x1) / 2 - (a.x0 + a.x1) / 2 for a, b in zip(row, row[1:])]
        if min(steps) > 0 and max(steps) <= 1.25 * min(steps):
            for block in row:
                block.kind = BlockKind.FIGURE
    for block in blocks:
        if block.kind in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM) and len(block.lines) <= 2 \
                and len(_LEGEND_KEY.findall(" " + block.raw_text)) >= 2:
            block.kind = BlockKind.FIGURE


def absorb_value_labels(blocks: list[LayoutBlock]) -> None:
    """A short label centred right under (or over) a figure's value is figure text: "of 1,435 employees" under "2023:".

    An infographic sets each value with its caption, centred on one axis; read
    as prose, the captions of a row of donuts ran together into a "sentence".
    """
    values = [b for b in blocks if b.kind is BlockKind.FIGURE and any(ch.isdigit() for ch in b.raw_text)
              and len(b.raw_text.split()) <= 3]
    for value in values:
        centre = (value.x0 + value.x1) / 2
        reach = 1.6 * max(value.first.size, 4.0)
        for other in blocks:
            if other.kind not in (BlockKind.PARAGRAPH, BlockKind.HEADING) or len(other.lines) > 2:
                continue
            text = other.raw_text.strip()
            if len(text.split()) > 6 or text.endswith((".", "!", "?")):
                continue
            centred = abs((other.x0 + other.x1) / 2 - centre) <= max(3.0, 0.15 * (other.x1 - other.x0))
            near = 0 <= other.top - value.bottom <= reach or 0 <= value.top - other.bottom <= reach
            if centred and near:
                other.kind = BlockKind.FIGURE


ZONE_MEMBERS = 3  # figure blocks close together that make a chart's zone


def absorb_chart_labels(blocks: list[LayoutBlock], body: float) -> None:
    """Titles, legends and labels standing in or right at the edge of a chart become figure text.

    A chart's zone is where its figure blocks (ticks, values) cluster; a short
    block inside it or within two of its own lines above or below it, that is
    not a sentence, belongs to the chart.
    """
    zones = _zones([b for b in blocks if b.kind is BlockKind.FIGURE], body)
    if not zones:
        return
    changed = True
    while changed:
        changed = False
        for block in blocks:
            if block.kind not in (BlockKind.PARAGRAPH, BlockKind.HEADING, BlockKind.LIST_ITEM) or not _label_like(block):
                continue
            reach = 2.0 * max(block.first.size, 4.0)
            for zone in zones:
                x0, top, x1, bottom = zone
                if block.x0 >= x0 - 10 and block.x1 <= x1 + 10 and block.bottom >= top - reach and block.top <= bottom + reach:
                    block.kind = BlockKind.FIGURE
                    zone[1], zone[3] = min(top, block.top), max(bottom, block.bottom)
                    changed = True
                    break


def _label_like(block: LayoutBlock) -> bool:
    text = block.raw_text.strip()
    return len(block.lines) <= 3 and len(text.split()) <= 10 and not text.endswith((".", ";", ","))


@dataclass
class Box:
    x0: float
    top: float
    x1: float
    bottom: float


def clusters(figures: list[LayoutBlock], grow: float) -> list[list[LayoutBlock]]:
    """Figure blocks in groups that stand within `grow` points of one another."""
    parent = list(range(len(figures)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(figures):
        for j in range(i):
            b = figures[j]
            if a.x0 <= b.x1 + grow and a.x1 >= b.x0 - grow and a.top <= b.bottom + grow and a.bottom >= b.top - grow:
                parent[find(i)] = find(j)
    groups: dict[int, list[LayoutBlock]] = {}
    for i, block in enumerate(figures):
        groups.setdefault(find(i), []).append(block)
    return list(groups.values())


def _zones(figures: list[LayoutBlock], body: float) -> list[list[float]]:
    """Boxes around clusters of figure blocks (a chart's ticks and values stand a few lines apart)."""
    return [
        [min(b.x0 for b in g), min(b.top for b in g), max(b.x1 for b in g), max(b.bottom for b in g)]
        for g in clusters(figures, 7.0 * body)
        if len(g) >= ZONE_MEMBERS
    ]


LABEL_WORDS = 4  # a block this short that ends no sentence reads as a label
LABEL_CLUSTER = 3  # labels standing together that make a diagram, a form or a table left unread


def absorb_label_clusters(blocks: list[LayoutBlock], body: float) -> None:
    """Short blocks that are no sentence, standing three or more together, are figure text.

    Boxes of a diagram ("Shareholders", "Board", "Risk and Audit Committee"),
    the column heads of a table that was not found, the fields of a form:
    each alone is a few words, and run together they make a "sentence" of
    nouns. A single short block (a subheading the fonts did not reveal) stays
    as it is.
    """
    prose = [b for b in blocks if b.kind.is_prose and len(b.raw_text.split()) >= 8]
    texts = [b for b in blocks if b.kind.is_prose and not _short_label(b)]
    labels = [
        b for b in blocks
        if b.kind in (BlockKind.PARAGRAPH, BlockKind.HEADING) and _short_label(b) and not _defines(b, prose)
        and not _heads(b, texts)
    ]
    for group in clusters(labels, 3.0 * body):
        if len(group) >= LABEL_CLUSTER:
            for block in group:
                block.kind = BlockKind.FIGURE


def _defines(label: LayoutBlock, prose: list[LayoutBlock]) -> bool:
    """Whether a paragraph stands right of the label, level with it: a term and its definition."""
    reach = 2.0 * max(label.first.size, 4.0)
    return any(p.x0 > label.x1 and p.x0 - label.x1 < 200 and abs(p.top - label.top) <= reach for p in prose)


def _heads(label: LayoutBlock, texts: list[LayoutBlock]) -> bool:
    """Whether text stands right under the label, on the same left edge: a term over its definition.

    A glossary ("Gt" over "Gigatonne.") or a list of values ("Integrity" over
    "Doing what is right ...") sets its terms as short lines in a column, as a
    diagram sets its boxes; but each term opens the text below it.
    """
    reach = 1.2 * max(label.first.size, 4.0)
    return any(
        abs(t.x0 - label.x0) <= 2.0 and 0 <= t.top - label.bottom <= reach and t.x1 > label.x0
        for t in texts
    )


def _short_label(block: LayoutBlock) -> bool:
    text = block.raw_text.strip()
    words = text.split()
    return 0 < len(words) <= LABEL_WORDS and not text.endswith((".", ":", ";", ",", "?", "!")) and len(block.lines) <= 2
