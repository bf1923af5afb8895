"""Reading order of text lines on a page that may have several columns.

Designed reports (InDesign and the like) do not always write their text in
reading order, and a reader that follows the content stream then jumps
between columns. The fix used here is geometric: find the gutters (vertical
strips of white that text lines run up to from both sides), read each band of
columns left to right, and let a line that crosses a gutter (a title spanning
both columns, a caption) close the band above it.

The functions only need boxes with x0, x1, top, bottom (top-down
coordinates), so any paged backend can use them.
"""

from __future__ import annotations

from collections.abc import Sequence
from statistics import median
from typing import Protocol


class LineBox(Protocol):
    @property
    def x0(self) -> float: ...

    @property
    def x1(self) -> float: ...

    @property
    def top(self) -> float: ...

    @property
    def bottom(self) -> float: ...


MIN_GUTTER = 6.0  # points of white between two columns
NEAR = 40.0  # how close to a gutter a column's lines end (left) or start (right)
MIN_LINES_PER_SIDE = 4


def find_gutters(lines: Sequence[LineBox], page_width: float) -> list[tuple[float, float]]:
    """The white strips (x from, x to) between text columns, left to right.

    A gutter is a strip, in the middle 70 % of the page, that almost no line
    crosses and that lines on both sides run up to, with the two sides running
    next to each other. The "both sides" test keeps ragged right margins and
    table columns of short cells from passing as gutters.
    """
    if len(lines) < 2 * MIN_LINES_PER_SIDE:
        return []
    width = int(page_width) + 2
    # Lines covering each x, by a difference array (pages have ~600 x steps).
    delta = [0] * (width + 1)
    for line in lines:
        # Text can sit partly or wholly outside the page box (bleed, cropped art).
        a, b = max(0, int(line.x0)), min(width - 1, int(line.x1))
        if a > b:
            continue
        delta[a] += 1
        delta[b + 1] -= 1
    coverage, running = [0] * width, 0
    for x in range(width):
        running += delta[x]
        coverage[x] = running
    # Some lines may cross a gutter (titles, captions, a box spanning two of
    # three columns); they close bands. The run-up test below keeps this
    # tolerance from finding gutters in single-column text.
    tolerance = max(2, len(lines) // 6)
    lo, hi = int(page_width * 0.15), int(page_width * 0.85)
    gutters: list[tuple[float, float]] = []
    x = lo
    while x < hi:
        if coverage[x] > tolerance:
            x += 1
            continue
        start = x
        while x < hi and coverage[x] <= tolerance:
            x += 1
        core = _widest_minimum(coverage, start, x)
        if core and core[1] - core[0] >= MIN_GUTTER and _both_sides_run_up(lines, core[0], core[1], page_width):
            gutters.append((float(core[0]), float(core[1])))
    return gutters


def _widest_minimum(coverage: list[int], start: int, end: int) -> tuple[int, int] | None:
    """The widest stretch of [start, end) at the run's lowest coverage: the gutter proper.

    The run found with the tolerance also holds the ragged ends of the left
    column's longest lines; the columns run up to the emptiest part.
    """
    low = min(coverage[start:end], default=None)
    if low is None:
        return None
    best: tuple[int, int] | None = None
    x = start
    while x < end:
        if coverage[x] != low:
            x += 1
            continue
        s = x
        while x < end and coverage[x] == low:
            x += 1
        if best is None or x - s > best[1] - best[0]:
            best = (s, x)
    return best


def _both_sides_run_up(lines: Sequence[LineBox], start: float, end: float, page_width: float) -> bool:
    left = [ln for ln in lines if ln.x1 <= start + 1 and ln.x1 >= start - NEAR]
    right = [ln for ln in lines if ln.x0 >= end - 1 and ln.x0 <= end + NEAR]
    if len(left) < MIN_LINES_PER_SIDE or len(right) < MIN_LINES_PER_SIDE:
        return False
    # Text columns, not a table of short cells: lines a fair share of the page wide.
    if median(ln.x1 - ln.x0 for ln in left) < page_width * 0.15:
        return False
    if median(ln.x1 - ln.x0 for ln in right) < page_width * 0.15:
        return False
    # Side by side: the two sides overlap vertically.
    top = max(min(ln.top for ln in left), min(ln.top for ln in right))
    bottom = min(max(ln.bottom for ln in left), max(ln.bottom for ln in right))
    return bottom - top > 0


def reading_order(lines: Sequence[LineBox], page_width: float) -> list[int]:
    """Indices of `lines` in reading order.

    Single-column pages keep the content stream's order, which is right for
    them and keeps footnotes, side notes and the like where the author put
    them; only pages with gutters are reordered.
    """
    gutters = find_gutters(lines, page_width)
    if not gutters:
        return list(range(len(lines)))
    return order_by_columns(lines, gutters)


def order_by_columns(lines: Sequence[LineBox], gutters: Sequence[tuple[float, float]]) -> list[int]:
    """Top to bottom in bands; inside a band, each column top to bottom, left to right."""
    edges = list(gutters)

    def column_of(line: LineBox) -> int | None:
        for start, end in edges:
            # Reaching into the strip is not crossing it: the strip was found
            # with a few lines allowed in it.
            if line.x0 < start - 1 and line.x1 > end + 1:
                return None
        centre = (line.x0 + line.x1) / 2
        return sum(1 for start, end in edges if centre > (start + end) / 2)

    by_top = sorted(range(len(lines)), key=lambda i: (round(lines[i].top, 1), lines[i].x0))
    order: list[int] = []
    band: list[list[int]] = [[] for _ in range(len(edges) + 1)]

    def flush() -> None:
        for column in band:
            order.extend(column)
            column.clear()

    for i in by_top:
        col = column_of(lines[i])
        if col is None:
            flush()
            order.append(i)
        else:
            band[col].append(i)
    flush()
    return order
