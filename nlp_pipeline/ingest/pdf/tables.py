"""Tables on a page: found by column alignment and ruling lines, kept as rows of cells.

A table cut into lines and read as prose gives passages such as "Industrial
4 100% 4,205,749": number fragments that no reader can cite and that a
classifier scores as if they were commitments. Here a table is found and
kept whole, so that it becomes one table block with its rows and cells.

How a table is found, without pdfplumber (too slow to run on every page):

1. each line is cut into cell fragments where its spans stand apart by more
   than a word space;
2. fragments on the same baseline make a row; a row is tabular when it has
   two or more fragments and at least one after the first is short (a
   number, a year, a tick, a few words);
3. three or more tabular rows in a run, with at most two other rows between
   them (a cell's wrapped second line, a subtotal's label), and columns that
   stay apart all the way down, make a table. Two rows are enough when
   ruling lines run under them.

Prose is never a table: a fragment as long as a column of text stops a run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlp_pipeline.ingest.pdf.characters import Line, Span
from nlp_pipeline.ingest.pdf.graphics import Shape
from nlp_pipeline.ingest.pdf.layout import is_caption

CELL_GAP = 0.9  # of the font size: spans further apart than this are separate cells
SHORT_CELL = 30  # characters
PROSE_CELL = 90  # characters: a fragment this long is running text, not a cell
MIN_ROWS = 3

_NUMBERISH = re.compile(r"^[\s(]*[-–+~<>≈]?[$€£¥]?\s*\d[\d\s,.]*\s*(%|x|pp|bn|m|k|t)?\)?\*?$|^(n/?a|–|-|—|✓|✔|x|yes|no|nil)$", re.I)


CAPTION = re.compile(r"^(Table|Tab\.)\s*\d+[A-Za-z]?\s*[.:–—-]?\s", re.I)
_LEGEND_ENTRY = re.compile(r"^[●■▲▼◆▪•○□◇—–-]\s*[^\W\d_]")


@dataclass(slots=True)
class Fragment:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    line: Line

    @property
    def centre(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class Table:
    x0: float
    top: float
    x1: float
    bottom: float
    rows: list[list[str]]
    lines: list[Line]
    row_centres: list[float]
    bands: list[tuple[float, float]]
    caption: str = ""


def fragments(line: Line) -> list[Fragment]:
    """The line cut where its spans stand a column's gap apart."""
    out: list[Fragment] = []
    current: list[Span] = []
    for span in line.spans:
        if current and span.gap > CELL_GAP * max(line.size, 4.0):
            out.append(_fragment(current, line))
            current = []
        current.append(span)
    if current:
        out.append(_fragment(current, line))
    return out


def _fragment(spans: list[Span], line: Line) -> Fragment:
    text = ""
    for k, s in enumerate(spans):
        text += (" " if k and s.gap_before else "") + s.text
    return Fragment(
        text.strip(),
        min(s.x0 for s in spans),
        max(s.x1 for s in spans),
        min(s.top for s in spans),
        max(s.bottom for s in spans),
        line.size,
        line,
    )


def join_cell(upper: str, lower: str) -> str:
    """A cell's text with the next line of it: "Non-" and "Landlord" make "Non-Landlord"."""
    if not lower:
        return upper
    if not upper:
        return lower
    if upper[-1] in "-\u00ad" and len(upper) > 1 and upper[-2].isalpha() and lower[:1].isalpha():
        return upper[:-1] + ("-" if lower[0].isupper() else "") + lower
    return f"{upper} {lower}"


def is_number_cell(text: str) -> bool:
    return bool(_NUMBERISH.match(text.strip()))


def find_tables(lines: list[Line], shapes: list[Shape], page_width: float) -> list[Table]:
    """The tables on a page; their lines are not to be read as prose."""
    frags = [f for line in lines for f in fragments(line)]
    if len(frags) < 2 * MIN_ROWS:
        return []
    running = running_lines(lines)
    prose = [f for f in frags if _prose(f, page_width) or (id(f.line) in running and len(f.text) >= 12)]
    hrules = [s for s in shapes if s.kind == "hrule"]
    tables = _ruled_tables(lines, shapes, running)
    ruled = {id(line) for table in tables for line in table.lines}
    prose_ids = {id(f) for f in prose}
    rows = _segments(_rows([f for f in frags if id(f) not in prose_ids and id(f.line) not in ruled]))
    for run in _runs(rows, prose, page_width, hrules):
        table = _table(run, hrules)
        if table is None and len(run) > MIN_ROWS:
            table = _table(run[1:], hrules)  # a title row above the table ("Status of ... (number of smelters)")
        if table is not None:
            _absorb(table, lines, running)
            tables.append(table)
    return _headed(tables)


def _segments(rows: list[list[Fragment]]) -> list[list[Fragment]]:
    """Each row cut where it passes from one panel (a sidebar, a boxed chart) into another."""
    out: list[list[Fragment]] = []
    for row in rows:
        current = [row[0]]
        for f in row[1:]:
            if f.line.panel != current[-1].line.panel:
                out.append(current)
                current = []
            current.append(f)
        out.append(current)
    return out


RULE_TOLERANCE = 3.0  # points: rules of one table start and end together
RULE_GAP = 6.0  # points: a designed table leaves a gutter this wide between its cells' rules
SLAB_MAX = 150.0  # points: rules further apart than this do not frame one row


def _ruled_tables(lines: list[Line], shapes: list[Shape], running: set[int]) -> list[Table]:
    """Tables framed by horizontal rules, three or more stacked over one another: rows are what lies between.

    Rules drawn cell by cell (as word processors do) are first joined into
    the lines they make.
    """
    hrules = sorted((s for s in _joined_rules(shapes) if s.width >= 100), key=lambda s: s.top)
    groups: list[list[Shape]] = []
    for rule in hrules:
        for group in groups:
            ref = group[-1]
            overlap = min(rule.x1, ref.x1) - max(rule.x0, ref.x0)
            if overlap >= 0.5 * min(rule.width, ref.width):
                if rule.top - ref.top > 1.0:
                    group.append(rule)
                break
        else:
            groups.append([rule])
    tables: list[Table] = []
    taken: set[int] = set()
    vrules = [s for s in shapes if s.kind == "vrule"]
    stacks = [
        part for group in groups for stack in _stacks(group, shapes) for grid in _grids(_trimmed(stack), vrules)
        for part in _split_at_prose(grid, lines, running)
    ]
    for stack in sorted(stacks, key=lambda st: -max(r.width for r in st)):
        top, bottom = stack[0].top, stack[-1].bottom
        x0, x1 = min(r.x0 for r in stack), max(r.x1 for r in stack)
        if any(t.x0 < x1 and t.x1 > x0 and t.top < bottom and t.bottom > top for t in tables):
            continue  # the rules under a header's spanning cells, inside a table already found
        table = _ruled_table(stack, [ln for ln in lines if id(ln) not in taken], shapes, running)
        if table is not None:
            taken.update(id(line) for line in table.lines)
            tables.append(table)
    return tables


def _joined_rules(shapes: list[Shape]) -> list[Shape]:
    """Horizontal rules with collinear pieces that touch (or leave a cell's gutter between them) joined into one."""
    pieces = sorted((s for s in shapes if s.kind == "hrule"), key=lambda s: (round(s.top), s.x0))
    joined: list[Shape] = []
    for piece in pieces:
        last = joined[-1] if joined else None
        if last is not None and abs(piece.top - last.top) <= 1.0 and piece.x0 <= last.x1 + RULE_GAP:
            joined[-1] = Shape(last.x0, min(last.top, piece.top), max(last.x1, piece.x1), max(last.bottom, piece.bottom), "hrule")
        else:
            joined.append(Shape(piece.x0, piece.top, piece.x1, piece.bottom, "hrule"))
    return joined


def _split_at_prose(stack: list[Shape], lines: list[Line], running: set[int]) -> list[list[Shape]]:
    """A stack of rules cut where a paragraph runs across it: two tables, and the text between them."""
    x0, x1 = min(r.x0 for r in stack), max(r.x1 for r in stack)
    parts: list[list[Shape]] = [[stack[0]]]
    for upper, lower in zip(stack, stack[1:]):
        prose = any(
            (id(ln) in running and ln.width >= 0.7 * (x1 - x0) or _sentence(ln.text) and ln.width >= 0.5 * (x1 - x0)
             or is_caption(ln.text))  # "Figure 9: ..." between the rules: a chart's gridlines start below it
            and upper.top < (ln.top + ln.bottom) / 2 < lower.top
            and min(ln.x1, x1) - max(ln.x0, x0) >= 0.5 * ln.width  # across the rules, not in the next column
            for ln in lines
        )
        if prose:
            parts.append([lower])
        else:
            parts[-1].append(lower)
    return [part for part in parts if len(part) >= 3]


def _sentence(text: str) -> bool:
    """A line that reads as a sentence of its own ("The following table shows ... 2022:"), not a cell."""
    return text.rstrip().endswith((".", ":")) and len(text.split()) >= 6 and not is_number_cell(text.split()[-1])


def _headed(tables: list[Table]) -> list[Table]:
    """A "table" of header words only, right above a table, is that table's header."""
    tables = sorted(tables, key=lambda t: t.top)
    out: list[Table] = []
    for table in tables:
        head = out[-1] if out else None
        if (
            head is not None
            and not any(is_number_cell(cell) for row in head.rows for cell in row if cell)
            and -12 <= table.top - head.bottom <= 3 * max(ln.bottom - ln.top for ln in head.lines)
            and min(head.x1, table.x1) - max(head.x0, table.x0) >= 0.5 * (head.x1 - head.x0)
        ):
            out[-1] = _with_header(table, head.lines)
        else:
            out.append(table)
    return out


def _with_header(table: Table, lines: list[Line]) -> Table:
    """The table with the header lines above it as its first row, each in the column under it."""
    header = [""] * len(table.bands)
    for line in sorted(lines, key=lambda ln: (ln.top, ln.x0)):
        col = _band_of(Fragment(line.text, line.x0, line.x1, line.top, line.bottom, line.size, line), table.bands)
        header[col] = join_cell(header[col], line.text)
    table.rows.insert(0, header)
    table.row_centres.insert(0, sum((ln.top + ln.bottom) / 2 for ln in lines) / len(lines))
    table.lines = lines + table.lines
    table.top = min(table.top, min(ln.top for ln in lines))
    table.x0, table.x1 = min(table.x0, min(ln.x0 for ln in lines)), max(table.x1, max(ln.x1 for ln in lines))
    return table


def _trimmed(stack: list[Shape]) -> list[Shape]:
    """The stack without the short rules at its ends: a heading's underline above or below a table."""
    widest = max(r.width for r in stack)
    start, end = 0, len(stack)
    while start < end and stack[start].width < 0.6 * widest:
        start += 1
    while end > start and stack[end - 1].width < 0.6 * widest:
        end -= 1
    return stack[start:end]


def _grids(stack: list[Shape], vrules: list[Shape]) -> list[list[Shape]]:
    """A stack of rules cut where a bordered table's cell borders stop.

    Where most rows of a stack are joined by vertical borders, it is drawn
    as a grid, and a gap that no border crosses lies outside any table: the
    text between two boxed tables, or a heading's underline above one.
    """
    def bridged(upper: Shape, lower: Shape) -> bool:
        """Whether the row between the two rules is closed by borders on both its sides."""
        x0, x1 = min(upper.x0, lower.x0), max(upper.x1, lower.x1)
        sides = [v for v in vrules if v.top <= upper.top + 2 and v.bottom >= lower.top - 2]
        return any(abs(v.x0 - x0) <= RULE_TOLERANCE for v in sides) and any(abs(v.x1 - x1) <= RULE_TOLERANCE for v in sides)

    if len(stack) < 2:
        return []
    joins = [bridged(a, b) for a, b in zip(stack, stack[1:])]
    if not vrules or sum(joins) < max(2, 0.5 * len(joins)):
        return [stack]
    parts: list[list[Shape]] = [[stack[0]]]
    for rule, joined in zip(stack[1:], joins):
        if joined:
            parts[-1].append(rule)
        else:
            parts.append([rule])
    return [part for part in parts if len(part) >= 2]


def _stacks(rules: list[Shape], shapes: list[Shape] = ()) -> list[list[Shape]]:
    """Rules in stacks that frame one table each: a gap much wider than the usual one starts another.

    Unless shaded cells fill the gap from rule to rule: a tall row (a cell
    holding a paragraph) is still a row of the table.
    """
    gaps = sorted(b.top - a.top for a, b in zip(rules, rules[1:]))
    usual = gaps[len(gaps) // 2] if gaps else SLAB_MAX
    limit = min(SLAB_MAX, max(3.0 * usual, 30.0))
    stacks: list[list[Shape]] = [[rules[0]]]
    for rule in rules[1:]:
        if rule.top - stacks[-1][-1].top <= limit or _shaded_row(stacks[-1][-1], rule, shapes):
            stacks[-1].append(rule)
        else:
            stacks.append([rule])
    return [stack for stack in stacks if len(stack) >= 3]


def _shaded_row(upper: Shape, lower: Shape, shapes: list[Shape]) -> bool:
    """Whether filled cells run from one rule down to the next across most of their width."""
    x0, x1 = max(upper.x0, lower.x0), min(upper.x1, lower.x1)
    cells = [s for s in shapes if s.kind == "box" and not s.white and abs(s.top - upper.bottom) <= RULE_TOLERANCE
             and abs(s.bottom - lower.top) <= RULE_TOLERANCE and s.x0 >= x0 - RULE_TOLERANCE and s.x1 <= x1 + RULE_TOLERANCE]
    return x1 > x0 and sum(s.width for s in cells) >= 0.8 * (x1 - x0)


def _ruled_table(rules: list[Shape], lines: list[Line], shapes: list[Shape], running: set[int]) -> Table | None:
    x0, x1 = min(r.x0 for r in rules), max(r.x1 for r in rules)
    top, bottom = rules[0].top, rules[-1].bottom
    inside = [ln for ln in lines if x0 - 2 <= ln.x0 and ln.x1 <= x1 + 2 and top <= (ln.top + ln.bottom) / 2 <= bottom]
    if len(inside) < 4:
        return None
    borders = _borders(rules, shapes)
    # The header rows may stand above the first rule, a line or a few; a table drawn
    # as a grid of cells has its header inside the grid.
    pitch = max(ln.bottom - ln.top for ln in inside) * 2.0
    header: list[Line] = []
    reach = top
    above = [r.top for r in shapes if r.kind == "hrule" and r.top < top - 1 and r.width >= 0.5 * (x1 - x0)
             and r.x0 < x1 and r.x1 > x0]
    ceiling = max(above, default=float("-inf"))  # the rule closing whatever stands above: no header beyond it
    for ln in sorted((ln for ln in lines if ln.bottom <= top + 1), key=lambda ln: -ln.bottom):
        if borders or reach - ln.bottom > pitch or _row_count(header) >= 8 or ln.top < ceiling:
            break
        if _sentence(ln.text) and ln.x0 < x1 and ln.x1 > x0:
            break  # the sentence that introduces the table
        if _title_over(ln, lines, x0, x1):
            break  # the table's title: its caption, not a row
        # A header cell wraps as a paragraph does ("Technical equipment" over "and machinery"), but narrowly.
        prose = id(ln) in running and _in_wide_paragraph(ln, lines, 0.3 * (x1 - x0))
        if x0 - 2 <= ln.x0 and ln.x1 <= x1 + 2 and not prose and not CAPTION.match(ln.text):
            header.append(ln)
            reach = min(reach, ln.top)
    if borders:
        header = _heads_over_grid(lines, borders, top, pitch / 2.0, running)
    members = header + inside
    if len(_bars(rules, shapes)) > 2:
        return None  # bars between gridlines: a chart
    frags = [f for line in members for f in fragments(line)]
    size = sorted(f.size for f in frags)[len(frags) // 2]
    bands = borders or _body_columns(frags, 0.6 * max(size, 4.0))
    if len(bands) < 2:
        return None
    edges = [min([top] + [ln.top - 1 for ln in header])] + [r.top for r in rules] + [bottom + 1]
    grid: list[list[str]] = []
    centres: list[float] = []
    for upper, lower in zip(edges, edges[1:]):
        slab = [f for f in frags if upper <= f.centre < lower]
        if not slab:
            continue
        first_row = True
        for row in _rows(slab):
            texts = [""] * len(bands)
            for f in row:
                col = _band_of(f, bands)
                texts[col] = (texts[col] + " " + f.text).strip()
            # Within one ruled row, a line with one cell continues that cell (a wrapped
            # line), and lines of words only continue the cells above them (a header
            # set on several lines: "Non-" over "Landlord" over "Controlled").
            words_only = grid and not any(is_number_cell(t) for t in texts if t) and not any(
                is_number_cell(t) for t in grid[-1] if t)
            if not first_row and (sum(1 for t in texts if t) == 1 or words_only):
                grid[-1] = [join_cell(a, b) for a, b in zip(grid[-1], texts)]
                continue
            grid.append(texts)
            centres.append(sum(f.centre for f in row) / len(row))
            first_row = False
    full_rows = sum(1 for row in grid if sum(1 for cell in row if cell) >= 2)
    # A grid of bordered cells is a table even where most rows leave a cell empty (a form's tick column).
    if full_rows < (1 if borders and len(grid) >= 3 else 2):
        return None
    # Heads set over a grid share their row with the text that leads into the table (a form's question):
    # the grid's top border is where the table stands, for reading order.
    table_top = top if borders else min(ln.top for ln in members)
    return Table(x0, table_top, x1, max(ln.bottom for ln in members), grid, members, centres, bands)


def _heads_over_grid(lines: list[Line], bands: list[tuple[float, float]], top: float, height: float,
                     running: set[int]) -> list[Line]:
    """Column heads set just above a grid of cells, each over its column ("Answer" over the answers)."""
    near = [ln for ln in lines if top - 2.5 * height <= ln.top and ln.bottom <= top + 1 and id(ln) not in running
            and len(ln.text.split()) < 6]  # a head is a few words; the question above the grid stays text
    placed = {}
    for ln in near:
        band = next((k for k, (a, b) in enumerate(bands) if a - 2 <= ln.x0 and ln.x1 <= b + 2), None)
        if band is None:
            return []  # a line across the borders: no row of heads
        placed[id(ln)] = band
    return near if len(set(placed.values())) >= 2 else []


def _in_wide_paragraph(line: Line, lines: list[Line], narrow: float) -> bool:
    """Whether the line, or a line it runs on from or into, is wider than a header cell can be."""
    if line.width > narrow:
        return True
    reach = 2.0 * max(line.size, 4.0)
    return any(
        other.width > narrow and abs(other.x0 - line.x0) <= 2.0 and 0 < abs(other.top - line.top) <= reach
        for other in lines
    )


def _title_over(line: Line, lines: list[Line], x0: float, x1: float) -> bool:
    """A line alone in its row, flush with the table's left edge and spanning much of it: a title."""
    if abs(line.x0 - x0) > 6.0 or line.width < 0.4 * (x1 - x0) or len(line.text.split()) < 2:
        return False
    return not any(
        other is not line and abs(other.top - line.top) <= 2.0 and other.x0 < x1 and other.x1 > x0 for other in lines
    )


def _row_count(lines: list[Line]) -> int:
    """How many rows the lines stand in: tops within a couple of points are one row."""
    tops = sorted(ln.top for ln in lines)
    return sum(1 for k, t in enumerate(tops) if k == 0 or t - tops[k - 1] > 2.0)


def _bars(rules: list[Shape], shapes: list[Shape]) -> list[Shape]:
    """Filled boxes between the rules that are a chart's bars, not a shaded cell, row or column.

    A shaded cell or column starts and ends on rules of the table; a bar
    stands on one gridline and ends between two. A box no taller than a thick
    rule is a rule, and a box inside a shaded cell shades the cell's lines
    (a word processor shades a cell paragraph by paragraph).
    """
    x0, x1 = min(r.x0 for r in rules), max(r.x1 for r in rules)
    top, bottom = rules[0].top, rules[-1].bottom
    tops = [r.top for r in rules]

    def on_rule(y: float) -> bool:
        return any(abs(y - t) <= RULE_TOLERANCE for t in tops)

    boxes = [s for s in shapes if s.kind == "box" and not s.white and x0 <= s.x0 and s.x1 <= x1 and top <= s.top
             and s.bottom <= bottom]
    cells = [s for s in boxes if on_rule(s.top) and on_rule(s.bottom)]
    return [
        s for s in boxes
        if s.width < 0.5 * (x1 - x0) and s.height > 2 * RULE_THICK and not (on_rule(s.top) and on_rule(s.bottom))
        and not any(c.x0 - 1 <= s.x0 and s.x1 <= c.x1 + 1 and c.top - 1 <= s.top and s.bottom <= c.bottom + 1
                    for c in cells)  # the shading of a cell's lines, drawn line by line inside the cell's own
    ]


RULE_THICK = 3.5  # points: a filled box this thin is drawn as a rule


def _borders(rules: list[Shape], shapes: list[Shape]) -> list[tuple[float, float]]:
    """Column bands of a table drawn as a grid: between the vertical borders that run from rule to rule.

    Nothing when the table has no vertical borders at its two sides (a table
    ruled only across, whose columns the cells' alignment gives).
    """
    x0, x1 = min(r.x0 for r in rules), max(r.x1 for r in rules)
    top, bottom = rules[0].top, rules[-1].bottom
    xs = sorted(
        (v.x0 + v.x1) / 2 for v in shapes
        if v.kind == "vrule" and x0 - 3 <= v.x0 and v.x1 <= x1 + 3 and v.top >= top - 3 and v.bottom <= bottom + 3
        and v.height >= 0.5 * min(b.top - a.top for a, b in zip(rules, rules[1:]))
    )
    edges: list[float] = []
    for x in xs:
        if not edges or x - edges[-1] > RULE_TOLERANCE:
            edges.append(x)
    if len(edges) < 3 or edges[0] > x0 + RULE_TOLERANCE or edges[-1] < x1 - RULE_TOLERANCE:
        return []
    return [(a, b) for a, b in zip(edges, edges[1:])]


def running_lines(lines: list[Line]) -> set[int]:
    """Ids of lines that run on into the line below them, as lines of a paragraph do."""
    ordered = sorted(lines, key=lambda ln: ln.top)
    running: set[int] = set()
    for k, line in enumerate(ordered):
        if line.text.rstrip().endswith((".", ":", ";", "!", "?")) or is_number_cell(line.text):
            continue  # "n/a" over "n/a" is a column of cells, not a sentence going on
        size = max(line.size, 4.0)
        for below in ordered[k + 1 :]:
            if below.top - line.top > 2.0 * size:
                break
            if below.top - line.top < 0.6 * size or abs(below.x0 - line.x0) > 2.0 or abs(below.size - line.size) > 0.6:
                continue
            if below.text[:1].islower():
                running.add(id(line))
                running.add(id(below))
            break
    return running


def _absorb(table: Table, lines: list[Line], running: set[int]) -> None:
    """Cells held back as prose: a wrapped label inside the table's box, a label column beside it.

    A row's values are often set against the middle of a two-line label, so
    the label's lines share no baseline with them and the run of rows found
    only the values; a column of short lines just left of the table, within
    its height, is its label column.
    """
    taken = {id(line) for line in table.lines}
    panels = {line.panel for line in table.lines}
    free = [
        ln for ln in sorted(lines, key=lambda ln: ln.top)
        if id(ln) not in taken and ln.panel in panels and len(ln.text) < PROSE_CELL and id(ln) not in running
    ]
    left = [ln for ln in free if ln.x1 < table.x0 - 2 and table.top - 2 <= (ln.top + ln.bottom) / 2 <= table.bottom + 2]
    if left:
        anchor = sorted(ln.x0 for ln in left)[len(left) // 2]
        aligned = [ln for ln in left if abs(ln.x0 - anchor) <= 4.0]
        if len(aligned) >= max(2, len(table.rows) // 3):
            band = (min(ln.x0 for ln in left), max(ln.x1 for ln in left))
            table.bands.insert(0, band)
            for row in table.rows:
                row.insert(0, "")
            table.x0 = band[0]
    for line in free:
        cy = (line.top + line.bottom) / 2
        if table.x0 - 1 <= line.x0 and line.x1 <= table.x1 + 1 and table.top - 2 <= cy <= table.bottom + 2:
            table.lines.append(line)
            _place(table, line, cy)


def _place(table: Table, line: Line, cy: float) -> None:
    """Add a line's text to the cell it stands in: the nearest row, the column under it."""
    k = min(range(len(table.row_centres)), key=lambda i: abs(table.row_centres[i] - cy))
    col = _band_of(Fragment(line.text, line.x0, line.x1, line.top, line.bottom, line.size, line), table.bands)
    row = table.rows[k]
    row[col] = join_cell(row[col], line.text)


def _rows(frags: list[Fragment]) -> list[list[Fragment]]:
    """Fragments that share a baseline, top to bottom, each row left to right."""
    frags = sorted(frags, key=lambda f: f.centre)
    rows: list[list[Fragment]] = []
    for f in frags:
        if rows:
            last = rows[-1]
            centre = sum(x.centre for x in last) / len(last)
            height = max(x.bottom - x.top for x in last)
            if abs(f.centre - centre) <= 0.35 * max(height, f.bottom - f.top, 3.0):
                last.append(f)
                continue
        rows.append([f])
    for row in rows:
        row.sort(key=lambda f: f.x0)
    return rows


def _prose(f: Fragment, page_width: float) -> bool:
    return len(f.text) >= PROSE_CELL


def _tabular(row: list[Fragment], page_width: float) -> bool:
    if len(row) < 2:
        return False
    return any(len(f.text) <= SHORT_CELL or is_number_cell(f.text) for f in row[1:])


@dataclass
class _Run:
    rows: list[list[Fragment]]
    x0: float
    x1: float
    bottom: float
    others: int = 0  # rows since the last tabular one
    open: bool = True

    def reach(self, height: float) -> float:
        """How far below its last row the run may continue: a little more than its usual row pitch."""
        tops = [min(f.top for f in row) for row in self.rows]
        pitches = sorted(b - a for a, b in zip(tops, tops[1:]) if b > a)
        if len(pitches) >= 1:
            usual = pitches[len(pitches) // 2]
            return max(2.2 * usual, 1.5 * height)
        return 6.0 * max(height, 4.0)

    def add(self, row: list[Fragment], tabular: bool) -> None:
        self.rows.append(row)
        self.x0 = min(self.x0, min(f.x0 for f in row))
        self.x1 = max(self.x1, max(f.x1 for f in row))
        self.bottom = max(f.bottom for f in row)
        self.others = 0 if tabular else self.others + 1


def _runs(rows: list[list[Fragment]], prose: list[Fragment], page_width: float, hrules: list[Shape]) -> list[list[list[Fragment]]]:
    """Runs of rows that may be tables: tabular rows under one another, few other rows between.

    Several runs may be open at once (two tables side by side, a table beside
    a chart); a row joins the open run it stands under.
    """
    runs: list[_Run] = []
    for row in rows:
        tab = _tabular(row, page_width)
        x0, x1 = min(f.x0 for f in row), max(f.x1 for f in row)
        top = min(f.top for f in row)
        height = max(f.bottom - f.top for f in row)
        best: _Run | None = None
        for run in runs:
            if not run.open:
                continue
            if top - min(f.top for f in run.rows[-1]) > run.reach(height):
                run.open = False
                continue
            overlap = min(x1, run.x1) - max(x0, run.x0)
            if overlap <= 0.3 * min(x1 - x0, run.x1 - run.x0):
                continue
            if any(run.bottom - 1 <= p.centre <= top + 1 and p.x0 < run.x1 and p.x1 > run.x0 for p in prose):
                run.open = False  # a paragraph in between: the table ended above it
                continue
            if best is None or run.bottom > best.bottom:
                best = run
        if best is not None and (tab or best.others < 2):
            best.add(row, tab)
        elif best is not None:
            best.open = False
        elif tab:
            runs.append(_Run([row], x0, x1, max(f.bottom for f in row)))
    out = []
    for run in runs:
        kept = list(run.rows)
        while kept and not _tabular(kept[-1], page_width):
            kept.pop()
        tabular = sum(1 for row in kept if _tabular(row, page_width))
        if tabular >= MIN_ROWS or (tabular >= 2 and _ruled(kept, hrules)):
            out.append(kept)
    return out


def _ruled(rows: list[list[Fragment]], hrules: list[Shape]) -> bool:
    x0 = min(f.x0 for row in rows for f in row)
    x1 = max(f.x1 for row in rows for f in row)
    top = min(f.top for row in rows for f in row) - 6
    bottom = max(f.bottom for row in rows for f in row) + 6
    spanning = [r for r in hrules if r.x0 <= x0 + 10 and r.x1 >= x1 - 10 and top <= r.top <= bottom]
    return len(spanning) >= 2


def _body_columns(frags: list[Fragment], min_gap: float) -> list[tuple[float, float]]:
    """Column bands read from the rows below the header where they are more than the header allows.

    A header cell spanning several columns ("of which with a remaining term"
    over "of 1 year", "of 1-5 years", ...) would join their bands into one.
    """
    bands = _columns(frags, min_gap)
    numbered = [f.centre for f in frags if is_number_cell(f.text)]
    if not numbered:
        return bands
    first = min(numbered) - 1
    body = _columns([f for f in frags if f.centre >= first], min_gap)
    return body if len(body) > len(bands) else bands


def _columns(frags: list[Fragment], min_gap: float) -> list[tuple[float, float]]:
    """Column bands: the x-projection of the cells, split at white gaps."""
    spans = sorted((f.x0, f.x1) for f in frags)
    bands: list[list[float]] = [list(spans[0])]
    for a, b in spans[1:]:
        if a - bands[-1][1] > min_gap:
            bands.append([a, b])
        else:
            bands[-1][1] = max(bands[-1][1], b)
    return [(a, b) for a, b in bands]


def _table(rows: list[list[Fragment]], hrules: list[Shape]) -> Table | None:
    frags = [f for row in rows for f in row]
    size = sorted(f.size for f in frags)[len(frags) // 2]
    bands = _columns(frags, 0.6 * max(size, 4.0))
    if len(bands) < 2:
        return None
    cells = [list(row) for row in rows]
    # A header of years over columns of words (a timeline) is no table of figures: the share of
    # numbers is read below the first row.
    body = [f for row in rows[1:] for f in row]
    numeric = sum(1 for f in body if is_number_cell(f.text))
    if numeric < 0.2 * len(body) and not _ruled(rows, hrules):
        # Words only and no rules: a table if its cells stand alone, but text
        # boxes side by side (their lines run on from row to row) are prose.
        if len(bands) < 3 or _runs_on(cells[1:] if len(cells) > 2 else cells, bands) >= 0.3:
            return None
    grid: list[list[str]] = []
    tops: list[float] = []
    collisions = 0
    for row in cells:
        texts = [""] * len(bands)
        for f in row:
            col = _band_of(f, bands)
            collisions += bool(texts[col])
            texts[col] = (texts[col] + " " + f.text).strip()
        filled = [t for t in texts if t]
        # A row with one cell that is not in the first column continues the
        # cell above it (a wrapped line); otherwise it is a row of its own.
        if grid and len(filled) == 1 and not texts[0]:
            col = next(i for i, t in enumerate(texts) if t)
            grid[-1][col] = join_cell(grid[-1][col], texts[col])
            continue
        grid.append(texts)
        tops.append(sum(f.centre for f in row) / len(row))
    if collisions > 0.15 * len(frags):
        return None  # cells of a row share a column: labels scattered over a chart, not a grid
    if sum(1 for f in frags if _LEGEND_ENTRY.match(f.text)) >= 0.4 * len(frags):
        return None  # a chart's legend: swatch, then what it stands for
    full_rows = sum(1 for row in grid[1:] if sum(1 for cell in row if cell) >= 2)
    if full_rows < 2 or sum(1 for row in grid for cell in row if cell) < 0.4 * len(grid) * len(bands):
        return None  # a header and a few strays: a chart's axis, not rows of a table
    lines = list(dict.fromkeys(f.line for f in frags))
    return Table(
        min(f.x0 for f in frags),
        min(f.top for f in frags),
        max(f.x1 for f in frags),
        max(f.bottom for f in frags),
        grid,
        lines,
        tops,
        bands,
    )


_OPEN_END = re.compile(r"\b(the|a|an|of|to|in|on|at|by|for|with|from|and|or|our|its|their|that|which|is|are|was|were)$", re.I)


def _runs_on(cells: list[list[Fragment]], bands: list[tuple[float, float]]) -> float:
    """Share of cells that run on into the cell below, as lines of a paragraph do."""
    columns: dict[int, list[Fragment]] = {}
    for row in cells:
        for f in row:
            columns.setdefault(_band_of(f, bands), []).append(f)
    pairs = running = 0
    for column in columns.values():
        for upper, lower in zip(column, column[1:]):
            pairs += 1
            if upper.text.rstrip().endswith((".", ":", ";", "!", "?")):
                continue
            # "Acquired the" over "1.4-million-square-foot": a cell never ends on an article or a preposition.
            if lower.text[:1].islower() or _OPEN_END.search(upper.text):
                running += 1
    return running / pairs if pairs else 0.0


def _band_of(f: Fragment, bands: list[tuple[float, float]]) -> int:
    for i, (a, b) in enumerate(bands):
        if f.x0 >= a - 0.5 and f.x1 <= b + 0.5:
            return i
    centre = (f.x0 + f.x1) / 2
    return min(range(len(bands)), key=lambda i: abs((bands[i][0] + bands[i][1]) / 2 - centre))


def table_text(caption: str, rows: list[list[str]]) -> str:
    """A table as one text: its caption, then each row's cells separated by " | ", rows by " ; "."""
    body = " ; ".join(" | ".join(cell for cell in row if cell) for row in rows if any(row))
    return f"{caption} ; {body}" if caption and body else caption or body
