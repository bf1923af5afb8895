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

CELL_GAP = 0.9  # of the font size: spans further apart than this are separate cells
SHORT_CELL = 30  # characters
PROSE_CELL = 55  # characters: a fragment this long is running text, not a cell
MIN_ROWS = 3

_NUMBERISH = re.compile(r"^[\s(]*[-–+~<>≈]?[$€£¥]?\s*\d[\d\s,.]*\s*(%|x|pp|bn|m|k|t)?\)?\*?$|^(n/?a|–|-|—|✓|✔|x|yes|no|nil)$", re.I)


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
    row_tops: list[float]
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


def is_number_cell(text: str) -> bool:
    return bool(_NUMBERISH.match(text.strip()))


def find_tables(lines: list[Line], shapes: list[Shape], page_width: float) -> list[Table]:
    """The tables on a page; their lines are not to be read as prose."""
    frags = [f for line in lines for f in fragments(line)]
    if len(frags) < 2 * MIN_ROWS:
        return []
    running = running_lines(lines)
    prose = [f for f in frags if _prose(f, page_width) or (id(f.line) in running and len(f.text) >= 12)]
    prose_ids = {id(f) for f in prose}
    hrules = [s for s in shapes if s.kind == "hrule"]
    rows = _segments(_rows([f for f in frags if id(f) not in prose_ids]))
    tables: list[Table] = []
    for run in _runs(rows, prose, page_width, hrules):
        table = _table(run, hrules)
        if table is not None:
            _absorb(table, lines)
            tables.append(table)
    return tables


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


def running_lines(lines: list[Line]) -> set[int]:
    """Ids of lines that run on into the line below them, as lines of a paragraph do."""
    ordered = sorted(lines, key=lambda ln: ln.top)
    running: set[int] = set()
    for k, line in enumerate(ordered):
        if line.text.rstrip().endswith((".", ":", ";", "!", "?")):
            continue
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


def _absorb(table: Table, lines: list[Line]) -> None:
    """Lines inside the table's box that were held back as prose (a wrapped label) are cells too."""
    taken = {id(line) for line in table.lines}
    panels = {line.panel for line in table.lines}
    for line in sorted(lines, key=lambda ln: ln.top):
        if id(line) in taken or line.panel not in panels:
            continue
        cx, cy = (line.x0 + line.x1) / 2, (line.top + line.bottom) / 2
        if table.x0 - 1 <= line.x0 and line.x1 <= table.x1 + 1 and table.top <= cy <= table.bottom:
            table.lines.append(line)
            _place(table, line, cx, cy)


def _place(table: Table, line: Line, cx: float, cy: float) -> None:
    """Add a line's text to the row it stands in (or the row above), in the first column."""
    k = 0
    for i, top in enumerate(table.row_tops):
        if top <= cy + 1:
            k = i
    row = table.rows[k]
    row[0] = (row[0] + " " + line.text).strip() if row else line.text


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
    return len(f.text) >= PROSE_CELL or (f.x1 - f.x0) >= 0.45 * page_width


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
            if top - run.bottom > 3.5 * max(height, 4.0):
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
    numeric = sum(1 for f in frags if is_number_cell(f.text))
    if numeric < 0.2 * len(frags) and not _ruled(rows, hrules):
        # Words only and no rules: a table if its cells stand alone, but text
        # boxes side by side (their lines run on from row to row) are prose.
        if len(bands) < 3 or _runs_on(cells, bands) >= 0.3:
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
            grid[-1][col] = (grid[-1][col] + " " + texts[col]).strip()
            continue
        grid.append(texts)
        tops.append(min(f.top for f in row))
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
    )


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
            if not upper.text.rstrip().endswith((".", ":", ";", "!", "?")) and lower.text[:1].islower():
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
