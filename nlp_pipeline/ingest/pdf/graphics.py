"""The drawn parts of a page: ruling lines, filled boxes, pictures, and where they crowd into a chart.

Tables are found partly by their rules, figures by the shapes their labels
sit among, and white text is only visible on something dark. Everything is
read from pdfium's page objects (including those inside form XObjects) as
boxes in top-down page coordinates.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

_P = ctypes.c_void_p
_F = ctypes.POINTER(ctypes.c_float)


def _fast(name: str, restype, *argtypes):
    address = ctypes.cast(getattr(pdfium_c, name), ctypes.c_void_p).value
    return ctypes.CFUNCTYPE(restype, *argtypes)(address)


_count_objects = _fast("FPDFPage_CountObjects", ctypes.c_int, _P)
_get_object = _fast("FPDFPage_GetObject", _P, _P, ctypes.c_int)
_get_type = _fast("FPDFPageObj_GetType", ctypes.c_int, _P)
_get_bounds = _fast("FPDFPageObj_GetBounds", ctypes.c_int, _P, _F, _F, _F, _F)
_form_count = _fast("FPDFFormObj_CountObjects", ctypes.c_int, _P)
_form_object = _fast("FPDFFormObj_GetObject", _P, _P, ctypes.c_ulong)
_draw_mode = _fast("FPDFPath_GetDrawMode", ctypes.c_int, _P, ctypes.POINTER(ctypes.c_int), ctypes.POINTER(ctypes.c_int))
_fill_color = _fast(
    "FPDFPageObj_GetFillColor", ctypes.c_int, _P, *(ctypes.POINTER(ctypes.c_uint) for _ in range(4))
)

_TEXT, _PATH, _IMAGE, _SHADING, _FORM = 1, 2, 3, 4, 5
RULE_THICKNESS = 2.5  # points: thinner than this and long, a ruling line
MAX_OBJECTS = 20000  # a page drawn with more shapes than this is a picture; only the first are looked at


@dataclass(slots=True)
class Shape:
    x0: float
    top: float
    x1: float
    bottom: float
    kind: str  # "hrule", "vrule", "box" (filled), "path" (stroked or curved), "image"
    white: bool = False  # filled with (near) white

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.bottom - self.top

    def contains(self, x: float, y: float, margin: float = 0.0) -> bool:
        return self.x0 - margin <= x <= self.x1 + margin and self.top - margin <= y <= self.bottom + margin


def page_shapes(page: pdfium.PdfPage, frame=None) -> list[Shape]:
    """Every path, picture and shading on the page as a box, in painting order (in the text's frame)."""
    handle = ctypes.cast(page.raw, ctypes.c_void_p).value
    shapes: list[Shape] = []
    n = min(_count_objects(handle), MAX_OBJECTS)
    buffers = _Buffers()
    height = page.get_size()[1]
    for k in range(n):
        obj = _get_object(handle, k)
        if obj:
            _visit(obj, height, shapes, buffers, depth=0)
    if frame is not None and frame.quarter:
        shapes = [_turned(s, frame) for s in shapes]
    return shapes


def _turned(shape: Shape, frame) -> Shape:
    left, right, low, high = frame.box(shape.x0, shape.x1, frame.page_height - shape.bottom, frame.page_height - shape.top)
    x0, x1, top, bottom = left, right, frame.height - high, frame.height - low
    kind = shape.kind
    if kind in ("hrule", "vrule"):
        kind = "hrule" if x1 - x0 >= bottom - top else "vrule"
    return Shape(x0, top, x1, bottom, kind, shape.white)


class _Buffers:
    def __init__(self):
        self.box = tuple(ctypes.c_float() for _ in range(4))
        self.box_refs = tuple(ctypes.byref(v) for v in self.box)
        self.fill, self.stroke = ctypes.c_int(), ctypes.c_int()
        self.rgba = tuple(ctypes.c_uint() for _ in range(4))
        self.rgba_refs = tuple(ctypes.byref(v) for v in self.rgba)


def _visit(obj: int, height: float, shapes: list[Shape], b: _Buffers, depth: int) -> None:
    kind = _get_type(obj)
    if kind == _TEXT:
        return
    if kind == _FORM:
        if depth < 4:
            for j in range(min(_form_count(obj), MAX_OBJECTS)):
                child = _form_object(obj, j)
                if child:
                    _visit(child, height, shapes, b, depth + 1)
        return
    if not _get_bounds(obj, *b.box_refs):
        return
    left, bottom, right, top = (v.value for v in b.box)
    x0, x1, t, btm = left, right, height - top, height - bottom
    w, h = x1 - x0, btm - t
    if kind == _IMAGE or kind == _SHADING:
        if w > 1 and h > 1:
            shapes.append(Shape(x0, t, x1, btm, "image"))
        return
    if kind != _PATH:
        return
    _draw_mode(obj, ctypes.byref(b.fill), ctypes.byref(b.stroke))
    filled = b.fill.value != 0
    if (h <= RULE_THICKNESS and w >= 6) or (w <= RULE_THICKNESS and h >= 6):
        shapes.append(Shape(x0, t, x1, btm, "hrule" if w >= h else "vrule"))
        return
    if w <= 0.5 and h <= 0.5:
        return
    white = False
    if filled and _fill_color(obj, *b.rgba_refs):
        r, g, bl, a = (v.value for v in b.rgba)
        if a == 0:
            filled = False
        white = r >= 240 and g >= 240 and bl >= 240
    shapes.append(Shape(x0, t, x1, btm, "box" if filled else "path", white))


def dark_under(shapes: list[Shape], x: float, y: float) -> bool:
    """Whether a filled, non-white box or a picture lies under the point (where white text can be read)."""
    for s in shapes:
        if (s.kind == "image" or (s.kind == "box" and not s.white)) and s.contains(x, y):
            return True
    return False


PANEL_MIN_HEIGHT = 30.0  # points: a box this tall holds lines of text, not a table's header band
PANEL_MIN_WIDTH = 60.0


def panels(shapes: list[Shape], width: float, height: float, running: list) -> list[Shape]:
    """Filled boxes that hold running text: a sidebar, a callout box, a coloured column.

    Text inside one panel belongs together and never runs on into text outside
    it. Page-sized backgrounds are not panels, nor is a shaded column of a
    table (it holds no running text, only cells).
    """
    page_area = width * height
    return [
        s for s in shapes
        if s.kind in ("box", "image") and s.height >= PANEL_MIN_HEIGHT and s.width >= PANEL_MIN_WIDTH
        and s.width * s.height < 0.6 * page_area
        and any(s.x0 - 1 <= ln.x0 and ln.x1 <= s.x1 + 1 and s.top - 1 <= ln.top and ln.bottom <= s.bottom + 1 for ln in running)
    ]


def assign_panels(lines: list, boxes: list[Shape]) -> None:
    """Set each line's `panel` to the smallest panel that holds it (its index in `boxes`), or -1."""
    if not boxes:
        return
    order = sorted(range(len(boxes)), key=lambda k: boxes[k].width * boxes[k].height)
    for line in lines:
        cx, cy = (line.x0 + line.x1) / 2, (line.top + line.bottom) / 2
        for k in order:
            b = boxes[k]
            if b.x0 - 1 <= line.x0 and line.x1 <= b.x1 + 1 and b.top - 1 <= cy <= b.bottom + 1 and b.x0 <= cx <= b.x1:
                line.panel = k
                break


BACKGROUND_SHARE = 0.7  # shapes that together cover this much of the page are its background (a grid, a pattern)


@dataclass(slots=True)
class Region:
    x0: float
    top: float
    x1: float
    bottom: float
    shapes: int  # how many shapes make it up
    curves: int  # of which stroked or curved paths (lines of a chart, outlines of a diagram)

    def contains(self, x0: float, top: float, x1: float, bottom: float, margin: float = 2.0) -> bool:
        return x0 >= self.x0 - margin and x1 <= self.x1 + margin and top >= self.top - margin and bottom <= self.bottom + margin


def graphic_regions(shapes: list[Shape], width: float, height: float) -> list[Region]:
    """Clusters of shapes that make a chart or diagram.

    Page-sized backgrounds, lone boxes (a coloured panel behind text) and
    stacks of full-width stripes (a table's shading) are not graphics; a
    cluster of several shapes of different sizes, or a picture, is.
    """
    page_area = width * height
    items = [s for s in shapes if s.width * s.height < 0.5 * page_area and not (s.kind == "box" and s.white)]
    if not items:
        return []
    # Union-find over shapes whose boxes touch (grown by a few points).
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    order = sorted(range(len(items)), key=lambda i: items[i].x0)
    grow = 3.0
    active: list[int] = []
    for i in order:
        s = items[i]
        active = [j for j in active if items[j].x1 + grow >= s.x0 - grow]
        for j in active:
            o = items[j]
            if o.top - grow <= s.bottom + grow and s.top - grow <= o.bottom + grow:
                a, b = find(i), find(j)
                if a != b:
                    parent[a] = b
        active.append(i)
    groups: dict[int, list[Shape]] = {}
    for i, s in enumerate(items):
        groups.setdefault(find(i), []).append(s)
    whites = [s for s in shapes if s.kind == "box" and s.white and s.width * s.height < 0.5 * page_area]
    regions: list[Region] = []
    for members in groups.values():
        x0 = min(s.x0 for s in members)
        x1 = max(s.x1 for s in members)
        top = min(s.top for s in members)
        bottom = max(s.bottom for s in members)
        w, h = x1 - x0, bottom - top
        if w < 20 or h < 20:
            continue
        images = sum(1 for s in members if s.kind == "image")
        curves = sum(1 for s in members if s.kind == "path")
        rules = sum(1 for s in members if s.kind in ("hrule", "vrule"))
        # A stripe is a band across the drawing (a table's row shading), not a shape that fills it (a pie's sector).
        stripes = sum(1 for s in members if s.kind == "box" and s.width >= 0.6 * w and s.height <= 0.5 * h)
        # White shapes join no cluster (a white page panel would join everything), but one inside a drawing
        # is part of it: a donut's hole, the plate under a label.
        holes = sum(1 for s in whites if x0 < s.x0 and s.x1 < x1 and top < s.top
                    and s.bottom < bottom)
        drawn = len(members) - rules - stripes + holes
        if images and w * h < 0.6 * page_area:
            regions.append(Region(x0, top, x1, bottom, len(members), curves))
        elif (drawn >= 5 or curves >= 3) and w * h < BACKGROUND_SHARE * page_area:
            regions.append(Region(x0, top, x1, bottom, len(members), curves))
    return regions
