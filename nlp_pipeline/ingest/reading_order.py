"""Reading order of the blocks on a page: recursive XY-cut.

Designed reports (InDesign and the like) do not write their text in reading
order, and a reader that follows the content stream jumps between columns,
sidebars and boxes. The order used here is geometric: a page is cut at a
strip of white that runs through the whole region, left to right (between
bands: read the upper part first) or top to bottom (between columns: read the
left part first), and each part is cut again until nothing more can be cut.

Bands under the same column gutters are kept together (see `_column_runs`),
so two columns are read one after the other even where their paragraph gaps
happen to line up, while a title, a row of boxes and the three columns below
them are read in that order. A column cut whose two sides stand row by row
next to each other (terms and their definitions, labels and values) is not
taken: such a region is read row by row.

The functions only need boxes with x0, x1, top, bottom (top-down
coordinates), so any paged backend can use them. Boxes may lie partly or
wholly off the page; nothing here indexes by coordinate.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol


class Box(Protocol):
    @property
    def x0(self) -> float: ...

    @property
    def x1(self) -> float: ...

    @property
    def top(self) -> float: ...

    @property
    def bottom(self) -> float: ...


MIN_GUTTER = 3.0  # points of white between two columns
ROW_TOLERANCE = 2.0  # points: tops this close stand in the same row


def reading_order(boxes: Sequence[Box]) -> list[int]:
    """Indices of `boxes` in reading order."""
    return _cut(boxes, list(range(len(boxes))), depth=0)


def _cut(boxes: Sequence[Box], items: list[int], depth: int) -> list[int]:
    if len(items) <= 1:
        return items
    if depth > 60:  # pathological nesting: fall back to rows
        return _rows_of(boxes, items)
    bands = _split(boxes, items, vertical=False)
    if len(bands) > 1:
        groups = _column_runs(boxes, bands)
        if len(groups) > 1:
            return [i for part in groups for i in _cut(boxes, part, depth + 1)]
    columns = _split(boxes, items, vertical=True)
    if len(columns) > 1 and not _row_aligned(boxes, columns):
        return [i for part in columns for i in _cut(boxes, part, depth + 1)]
    if len(bands) > 1:
        return [i for part in bands for i in _cut(boxes, part, depth + 1)]
    if len(columns) > 1:
        return [i for part in columns for i in _cut(boxes, part, depth + 1)]
    return _rows_of(boxes, items)


def _rows_of(boxes: Sequence[Box], items: list[int]) -> list[int]:
    """Overlapping boxes that no cut separates: top to bottom, left first where tops (nearly) agree."""
    return sorted(items, key=lambda i: (round(boxes[i].top / 4), boxes[i].x0))


def _column_runs(boxes: Sequence[Box], bands: list[list[int]]) -> list[list[int]]:
    """Consecutive bands joined for as long as they keep the same columns.

    Cutting a two-column page at every white strip across it would read the
    columns line by line wherever their paragraphs happen to align; joined,
    the bands under the same gutters are cut into columns at the next level.
    A band joins when the joined region keeps every gutter of the band with
    more columns (a heading over the first column joins the columns below it;
    a row of six boxes does not join three columns of text).
    """
    groups: list[list[int]] = []
    current = list(bands[0])
    current_columns = len(_split(boxes, current, vertical=True))
    for band in bands[1:]:
        merged = current + band
        columns = _split(boxes, merged, vertical=True)
        band_columns = len(_split(boxes, band, vertical=True))
        if len(columns) > 1 and len(columns) == max(current_columns, band_columns) and not _row_aligned(boxes, columns):
            current = merged
            current_columns = len(columns)
        else:
            groups.append(current)
            current = list(band)
            current_columns = band_columns
    groups.append(current)
    return groups


def _split(boxes: Sequence[Box], items: list[int], vertical: bool) -> list[list[int]]:
    """The items in parts separated by white strips across the whole region, in reading order."""
    if vertical:
        spans = sorted(items, key=lambda i: boxes[i].x0)
        start = lambda i: boxes[i].x0  # noqa: E731
        end = lambda i: boxes[i].x1  # noqa: E731
        min_gap = MIN_GUTTER
    else:
        spans = sorted(items, key=lambda i: boxes[i].top)
        start = lambda i: boxes[i].top  # noqa: E731
        end = lambda i: boxes[i].bottom  # noqa: E731
        min_gap = 0.0
    parts: list[list[int]] = [[spans[0]]]
    reach = end(spans[0])
    for i in spans[1:]:
        if start(i) - reach > min_gap:
            parts.append([i])
        else:
            parts[-1].append(i)
        reach = max(reach, end(i))
    return parts


def _row_aligned(boxes: Sequence[Box], columns: list[list[int]]) -> bool:
    """Whether neighbouring columns pair up row by row (a narrow label column next to its values)."""
    for left, right in zip(columns, columns[1:]):
        if len(left) < 3 or len(right) < 3:
            continue
        left_width = sum(boxes[i].x1 - boxes[i].x0 for i in left) / len(left)
        right_width = sum(boxes[i].x1 - boxes[i].x0 for i in right) / len(right)
        if left_width > 0.6 * right_width:
            continue
        tops = sorted(boxes[i].top for i in right)
        paired = sum(1 for i in left if _has_near(tops, boxes[i].top))
        if paired >= 3 and paired >= 0.6 * min(len(left), len(right)):
            return True
    return False


def _has_near(sorted_values: list[float], value: float) -> bool:
    from bisect import bisect_left

    k = bisect_left(sorted_values, value - ROW_TOLERANCE)
    return k < len(sorted_values) and sorted_values[k] <= value + ROW_TOLERANCE
