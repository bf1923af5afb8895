"""Characters of a PDF page to visual lines made of styled spans.

pypdfium2 reads the text layer (40x faster than pdfplumber, see
research/dependencies.md section 3). Its raw API gives each character's box
and the text object that drew it; the object carries the font, size, weight,
render mode and colour, so the style is read once per object, not per
character. This is the hot loop of the backend (about 3 µs a character), hence
the plain local names and comparisons.

What comes out is a list of `Line`s, each a list of `Span`s (a run of one
style, or a run set apart by a gap wider than a word space, which is what
table cells look like). Spans keep their baseline, so a superscript footnote
marker (smaller, raised) can be told from the word it follows.

Text nobody can see is left out: render mode 3 (invisible) and 7 (clip only),
fully transparent fills, and text outside the page box. A page whose every
character is invisible is an OCR layer over a scan; its text is kept, since it
is all the page has.
"""

from __future__ import annotations

import ctypes
import math
import re
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from nlp_pipeline.ingest.pdf.repair import BROKEN_GLYPH, normalise_char

_P = ctypes.c_void_p
_D = ctypes.POINTER(ctypes.c_double)


def _fast(name: str, restype, *argtypes):
    """The pdfium function with plain pointer types: int handles, no struct conversions per call."""
    address = ctypes.cast(getattr(pdfium_c, name), ctypes.c_void_p).value
    return ctypes.CFUNCTYPE(restype, *argtypes)(address)


_get_box = _fast("FPDFText_GetCharBox", ctypes.c_int, _P, ctypes.c_int, _D, _D, _D, _D)
_get_object = _fast("FPDFText_GetTextObject", _P, _P, ctypes.c_int)
_get_origin = _fast("FPDFText_GetCharOrigin", ctypes.c_int, _P, ctypes.c_int, _D, _D)
_get_unicode = _fast("FPDFText_GetUnicode", ctypes.c_uint, _P, ctypes.c_int)
_is_generated = _fast("FPDFText_IsGenerated", ctypes.c_int, _P, ctypes.c_int)

WIDE_GAP = 0.6  # of the character height: wider than a word space, a span of its own (table cells)
LINE_GAP = 1.5  # of the character height: wider still, a line of its own (another column)
JUSTIFIED_GAP = 4.0  # of the character height: a gap the PDF itself fills with a space may be this wide (justified text)
ROTATED = 0.5  # radians from the page's text direction: beyond a slant, a turned glyph
_INVISIBLE_MODES = {3, 7}  # FPDF_TEXTRENDERMODE_INVISIBLE, _CLIP


@dataclass(slots=True)
class Style:
    size: float  # points, after the text matrix
    weight: int  # 100 (thin) to 900 (black); 400 regular, 700 bold
    italic: bool
    visible: bool
    white: bool = False

    @property
    def key(self) -> tuple[float, int, bool]:
        return (round(self.size * 2) / 2, self.weight, self.italic)


@dataclass(slots=True, eq=False)
class Span:
    """A run of characters of one style on one line, not interrupted by a wide gap."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    weight: int
    italic: bool
    baseline: float  # top-down y of the first glyph's origin
    gap_before: bool = False  # a space or a gap separates it from the previous span
    gap: float = 0.0  # points of white between it and the previous span on the line
    white: bool = False  # set in (near) white: only seen on a dark ground
    script: int = 0  # 1 superscript, -1 subscript, 0 on the line
    bold: bool = False  # heavier than the document's body text (set once that is known)


@dataclass(slots=True, eq=False)
class Line:
    """One visual line: its spans left to right, its box, and the style most of its characters share."""

    spans: list[Span]
    x0: float
    x1: float
    top: float
    bottom: float
    text: str = ""
    size: float = 0.0
    bold: bool = False
    italic: bool = False
    weight: int = 400
    baseline: float = 0.0
    panel: int = -1  # the filled box (graphics.panels) the line stands in, -1 for the page itself

    @property
    def style(self) -> tuple[float, bool, bool]:
        return (round(self.size * 2) / 2, self.bold, self.italic)

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def width(self) -> float:
        return self.x1 - self.x0


_get_font = _fast("FPDFTextObj_GetFont", _P, _P)
_obj_font_size = _fast("FPDFTextObj_GetFontSize", ctypes.c_int, _P, ctypes.POINTER(ctypes.c_float))
_render_mode = _fast("FPDFTextObj_GetTextRenderMode", ctypes.c_int, _P)
_obj_fill = _fast("FPDFPageObj_GetFillColor", ctypes.c_int, _P, *(ctypes.POINTER(ctypes.c_uint) for _ in range(4)))
_font_weight = _fast("FPDFFont_GetWeight", ctypes.c_int, _P)
_font_flags = _fast("FPDFFont_GetFlags", ctypes.c_int, _P)
_font_name = _fast("FPDFFont_GetBaseFontName", ctypes.c_size_t, _P, ctypes.c_char_p, ctypes.c_size_t)
_get_char_angle = _fast("FPDFText_GetCharAngle", ctypes.c_float, _P, ctypes.c_int)
_obj_matrix = _fast("FPDFPageObj_GetMatrix", ctypes.c_int, _P, ctypes.POINTER(pdfium_c.FS_MATRIX))
_F = ctypes.POINTER(ctypes.c_float)
_obj_bounds = _fast("FPDFPageObj_GetBounds", ctypes.c_int, _P, _F, _F, _F, _F)
_clip_path = _fast("FPDFPageObj_GetClipPath", _P, _P)
_clip_count = _fast("FPDFClipPath_CountPaths", ctypes.c_int, _P)
_clip_segments = _fast("FPDFClipPath_CountPathSegments", ctypes.c_int, _P, ctypes.c_int)
_clip_segment = _fast("FPDFClipPath_GetPathSegment", _P, _P, ctypes.c_int, ctypes.c_int)
_segment_point = _fast("FPDFPathSegment_GetPoint", ctypes.c_int, _P, _F, _F)
MAX_CLIP_POINTS = 64  # a clip path with more points is a drawn shape; its text is taken as visible


_NO_STYLE = Style(0.0, 400, False, True)


class Frame:
    """The page turned so that its main text runs left to right (a landscape table set on a portrait page).

    `quarter` counts quarter turns of the text, counter-clockwise; 0 leaves
    the page as it is. Boxes come in and go out as (left, right, bottom, top)
    in y-up points; `width` and `height` are the turned page's.
    """

    def __init__(self, quarter: int, width: float, height: float):
        self.quarter = quarter % 4
        self.page_width, self.page_height = width, height
        self.width, self.height = (height, width) if self.quarter in (1, 3) else (width, height)
        # pdfium measures a character's angle the other way round.
        self.angle = ((4 - self.quarter) % 4) * math.pi / 2

    def box(self, left: float, right: float, low: float, high: float) -> tuple[float, float, float, float]:
        q, w, h = self.quarter, self.page_width, self.page_height
        if q == 0:
            return left, right, low, high
        if q == 1:
            return low, high, w - right, w - left
        if q == 3:
            return h - high, h - low, left, right
        return w - right, w - left, h - high, h - low

    def baseline(self, x: float, y: float) -> float:
        """The top-down position of a glyph's origin in the turned page."""
        q = self.quarter
        if q == 0:
            return self.height - y
        if q == 1:
            return x
        if q == 3:
            return self.height - x
        return y


def page_frame(handle: int, text: str, width: float, height: float) -> Frame:
    """The frame of the page's main text: turned when most of its characters are turned alike."""
    positions = [i for i in range(0, len(text), max(1, len(text) // 80)) if not text[i].isspace()]
    # pdfium's angle turns clockwise: 3π/2 is text running up the page, a counter-clockwise quarter turn.
    quarters = [(4 - round(_get_char_angle(handle, i) / (math.pi / 2))) % 4 for i in positions]
    if quarters:
        quarter = max(set(quarters), key=quarters.count)
        if quarter and quarters.count(quarter) >= 0.6 * len(quarters):
            return Frame(quarter, width, height)
    return Frame(0, width, height)


class _StyleReader:
    """Font, size, weight and visibility of a text object, read once per object (the font once per font)."""

    def __init__(self, handle: int):
        self.handle = handle
        self._matrix = pdfium_c.FS_MATRIX()
        self._matrix_ref = ctypes.byref(self._matrix)
        self._size = ctypes.c_float()
        self._size_ref = ctypes.byref(self._size)
        self._name = ctypes.create_string_buffer(128)
        self._rgba = tuple(ctypes.c_uint() for _ in range(4))
        self._rgba_refs = tuple(ctypes.byref(v) for v in self._rgba)
        self.cache: dict[int | None, Style] = {}
        self._styles: dict[tuple, Style] = {}
        self._hidden: dict[tuple, Style] = {}
        self._floats = tuple(ctypes.c_float() for _ in range(6))
        self._float_refs = tuple(ctypes.byref(v) for v in self._floats)
        self._fonts: dict[int, tuple[int, bool]] = {}

    def style(self, obj: int | None) -> Style:
        if not obj:
            return _NO_STYLE
        size = self._size.value if _obj_font_size(obj, self._size_ref) else 0.0
        scale = 1.0
        # The font size is in text space; the object's matrix scales it to points.
        if _obj_matrix(obj, self._matrix_ref):
            m = self._matrix
            scale = (m.c * m.c + m.d * m.d) ** 0.5 or 1.0
        font = _get_font(obj) or 0
        mode = _render_mode(obj)
        rgba = (self._rgba[0].value, self._rgba[1].value, self._rgba[2].value, self._rgba[3].value) if _obj_fill(
            obj, *self._rgba_refs) else (0, 0, 0, 255)
        key = (font, round(size * scale, 2), mode, rgba)
        style = self._styles.get(key)
        if style is None:
            face = self._fonts.get(font)
            if face is None:
                face = self._fonts[font] = self._font_style(font)
            weight, italic = face
            r, g, b, a = rgba
            visible = mode not in _INVISIBLE_MODES and a > 0
            style = self._styles[key] = Style(size * scale, weight, italic, visible, r >= 240 and g >= 240 and b >= 240)
        if style.visible and self._clipped_away(obj):
            hidden = self._hidden.get(key)
            if hidden is None:
                hidden = self._hidden[key] = Style(style.size, style.weight, style.italic, False, style.white)
            return hidden
        return style

    def _clipped_away(self, obj: int) -> bool:
        """Whether the object lies outside its clipping path, so none of it is painted.

        Spreadsheets printed to PDF draw each cell's text a second time,
        clipped to a cell elsewhere on the page; a reader sees it once. Only
        the clip's bounding box is looked at (the object's own coordinates,
        which are those of its bounds), and only an object wholly outside it
        is hidden, so a curved clip or a line cut in half stays.
        """
        clip = _clip_path(obj)
        if not clip:
            return False
        f = self._floats
        refs = self._float_refs
        if not _obj_bounds(obj, refs[0], refs[1], refs[2], refs[3]):
            return False
        left, bottom, right, top = f[0].value, f[1].value, f[2].value, f[3].value
        budget = MAX_CLIP_POINTS
        for p in range(_clip_count(clip)):
            n = _clip_segments(clip, p)
            if n <= 0 or n > budget:
                continue
            budget -= n
            x0 = y0 = float("inf")
            x1 = y1 = float("-inf")
            for k in range(n):
                segment = _clip_segment(clip, p, k)
                if segment and _segment_point(segment, refs[4], refs[5]):
                    x, y = f[4].value, f[5].value
                    x0, x1, y0, y1 = min(x0, x), max(x1, x), min(y0, y), max(y1, y)
            if x0 <= x1 and (right < x0 - 1 or left > x1 + 1 or top < y0 - 1 or bottom > y1 + 1):
                return True  # clip paths intersect: wholly outside one of them is outside the clip
        return False

    def _font_style(self, font: int | None) -> tuple[int, bool]:
        if not font:
            return 400, False
        _font_name(font, self._name, len(self._name))
        name = self._name.value.decode("latin-1", "replace").lower()
        flags = _font_flags(font)
        weight = font_weight(name, _font_weight(font))
        if flags >= 0 and flags & (1 << 18):  # ForceBold
            weight = max(weight, 700)
        italic = (flags >= 0 and bool(flags & (1 << 6))) or "italic" in name or "oblique" in name
        return weight, italic

    def rotated(self, i: int, frame: Frame) -> bool:
        """Whether the character runs at an angle to the page's main text.

        A slanted (synthetic italic) glyph reports a small angle too; only a
        real turn (an axis title, a side tab) counts.
        """
        turn = abs(_get_char_angle(self.handle, i) - frame.angle) % (2 * math.pi)
        return ROTATED < turn < 2 * math.pi - ROTATED


@dataclass
class PageText:
    width: float
    height: float
    lines: list[Line]
    hidden_chars: int = 0  # characters left out as invisible or off the page
    frame: Frame | None = None


def page_text(page: pdfium.PdfPage) -> PageText:
    """The visual lines of one page, with invisible text left out (unless it is all there is)."""
    width, height = page.get_size()
    textpage = page.get_textpage()
    try:
        n = textpage.count_chars()
        if n <= 0:
            return PageText(width, height, [])
        text = _page_string(textpage, n)
        reader = _StyleReader(_handle(textpage))
        frame = page_frame(reader.handle, text, width, height)
        lines, hidden = _visual_lines(reader, text, frame, keep_hidden=False)
        if not lines and hidden:
            lines, _ = _visual_lines(reader, text, frame, keep_hidden=True)
            hidden = 0
        return PageText(frame.width, frame.height, lines, hidden, frame)
    finally:
        textpage.close()


_WEIGHT_WORDS = (
    ("extralight", 200), ("ultralight", 200), ("hairline", 100), ("thin", 100), ("light", 300),
    ("semibold", 600), ("demibold", 600), ("demi", 600), ("extrabold", 800), ("ultrabold", 800),
    ("heavy", 800), ("black", 900), ("bold", 700), ("medium", 500), ("book", 400), ("regular", 400),
)
_WEIGHT_ABBREVIATIONS = re.compile(r"[-_,](bd|bol|blk|hv|md|med|lt|th|sb|smbd|xbd|eb)\b")
_ABBREVIATED = {"bd": 700, "bol": 700, "blk": 900, "hv": 800, "md": 500, "med": 500, "lt": 300, "th": 100,
                "sb": 600, "smbd": 600, "xbd": 800, "eb": 800}


def font_weight(name: str, declared: int) -> int:
    """A font's weight class, from its name ("HelveticaNeue-Medium" 500) or else what the font declares."""
    style = name.split("+", 1)[-1]
    for word, weight in _WEIGHT_WORDS:
        if word in style:
            return weight
    m = _WEIGHT_ABBREVIATIONS.search(style)
    if m:
        return _ABBREVIATED[m.group(1)]
    return declared if 100 <= declared <= 1000 else 400


_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x01\x03-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd]")
_TOKEN = re.compile(r"\S+")
_JOINER = "\u200b"  # holds the index of the second half of a surrogate pair; removed from the text


def _page_string(textpage: pdfium.PdfTextPage, n: int) -> str:
    """The page's characters, one per pdfium index.

    Characters outside the basic plane (mathematical letters) take two
    indices, a surrogate pair; they are joined on the first index and the
    second holds a zero-width placeholder, so indices stay aligned. A lone
    surrogate cannot be encoded at all and becomes the placeholder too. Control
    characters where a glyph should be (a ligature the font maps to nothing
    usable) become BROKEN_GLYPH for the repair stage; pdfium's \\x02 marks a
    hyphen at a line break.
    """
    text = textpage.get_text_range(0, n)
    if len(text) != n:  # generated characters: read one by one
        text = "".join(chr(_get_unicode(_handle(textpage), i) or 32) for i in range(n))
    if _SURROGATE.search(text):
        chars = list(text)
        for i, ch in enumerate(chars):
            if "\ud800" <= ch <= "\udbff" and i + 1 < n and "\udc00" <= chars[i + 1] <= "\udfff":
                pair = (ch + chars[i + 1]).encode("utf-16-le", "surrogatepass").decode("utf-16-le")
                chars[i], chars[i + 1] = normalise_char(pair), _JOINER
            elif "\ud800" <= ch <= "\udfff":
                chars[i] = _JOINER
        text = "".join(chars)
    # pdfium marks a hyphen it saw at a line break as \x02 or \ufffe.
    text = text.replace("\x02", "\u00ad").replace("\ufffe", "\u00ad")
    return _CONTROL.sub(BROKEN_GLYPH, text)


def unclipped_text(textpage: pdfium.PdfTextPage) -> str:
    """The page's text layer as pdfium gives it, less the text objects drawn wholly outside their clip.

    What a page shows to a reader, for measures that compare ingest with the
    text layer (a spreadsheet's second, clipped-away copy of each cell is not
    text anyone can read).
    """
    n = textpage.count_chars()
    if n <= 0:
        return ""
    text = _page_string(textpage, n)  # one character per pdfium index
    reader = _StyleReader(_handle(textpage))
    clipped: dict[int, bool] = {}
    kept = []
    for i, ch in enumerate(text):
        obj = _get_object(reader.handle, i)
        if obj:
            hidden = clipped.get(obj)
            if hidden is None:
                hidden = clipped[obj] = reader._clipped_away(obj)
            if hidden:
                continue
        kept.append(ch)
    return "".join(kept).replace(_JOINER, "")


def _handle(textpage: pdfium.PdfTextPage) -> int:
    return ctypes.cast(textpage.raw, ctypes.c_void_p).value


def _visual_lines(reader: _StyleReader, text: str, frame: Frame, keep_hidden: bool) -> tuple[list[Line], int]:
    """Words in stream order to visual lines.

    pdfium breaks a line wherever the baseline moves, so a superscript footnote
    number comes out as "(\\n1\\n)"; joining by geometry instead keeps it in
    place. A jump back to the left, a change of line or a gap wider than a
    gutter starts a new line.

    A word drawn by one text object in a plausible width is placed by the
    boxes of its first and last characters; a word that changes style inside
    ("20221" with a superscript 1) or spreads wider than its letters could
    (text with no space across a gap) is placed character by character.
    """
    builder = _LineBuilder(reader, frame)
    width, height = frame.page_width, frame.page_height
    turned = frame.quarter != 0
    handle = reader.handle
    cache = reader.cache
    style_of = reader.style
    vl, vr, vb, vt = (ctypes.c_double() for _ in range(4))
    refs = (ctypes.byref(vl), ctypes.byref(vr), ctypes.byref(vb), ctypes.byref(vt))
    hidden = 0
    previous_end = 0
    for m in _TOKEN.finditer(text):
        i0, i1 = m.start(), m.end() - 1
        gap_text = text[previous_end:i0]
        previous_end = i1 + 1
        brk = "\n" in gap_text or "\r" in gap_text
        space = bool(gap_text.replace("\r", "").replace("\n", ""))
        builder.space_at = i0 - len(gap_text) + gap_text.index(" ") if space and not brk and " " in gap_text else -1
        obj = _get_object(handle, i0)
        style = cache.get(obj)
        if style is None:
            style = cache[obj] = style_of(obj)
        last_obj = _get_object(handle, i1) if i1 > i0 else obj
        _get_box(handle, i0, *refs)
        left, low, high = vl.value, vb.value, vt.value
        if i1 > i0:
            _get_box(handle, i1, *refs)
        right = vr.value
        if i1 > i0:
            low, high = min(low, vb.value), max(high, vt.value)
        size = style.size if style.size > 1.0 else max(high - low, 1.0)
        if last_obj == obj and right - left <= (i1 - i0 + 2) * size and right >= left - size:
            if not keep_hidden and not style.visible:
                hidden += i1 - i0 + 1
                continue
            if right < 0 or left > width or high < 0 or low > height:
                hidden += i1 - i0 + 1  # outside the page: trimmed off in print, never seen
                continue
            if turned:
                left, right, low, high = frame.box(left, right, low, high)
            builder.add(m.group(0), i0, left, right, low, high, style, space, brk)
            continue
        # Character by character.
        for i in range(i0, i1 + 1):
            ch = text[i]
            o = _get_object(handle, i)
            st = cache.get(o)
            if st is None:
                st = cache[o] = style_of(o)
            if not o:
                st = style
            if not keep_hidden and not st.visible:
                hidden += 1
                continue
            _get_box(handle, i, *refs)
            left, right, low, high = vl.value, vr.value, vb.value, vt.value
            if right < 0 or left > width or high < 0 or low > height:
                hidden += 1
                continue
            if turned:
                left, right, low, high = frame.box(left, right, low, high)
            builder.add(ch, i, left, right, low, high, st, space, brk)
            space = brk = False
            builder.space_at = -1
    builder.close_line()
    return [line for line in (_finish(line) for line in builder.lines) if line.text], hidden


class _LineBuilder:
    """Pieces of text (words or characters) in stream order to lines of spans."""

    def __init__(self, reader: _StyleReader, frame: Frame):
        self.reader = reader
        self.frame = frame
        self.height = frame.height
        self.lines: list[Line] = []
        self.spans: list[Span] = []
        self.parts: list[str] = []
        self.open = False
        self.x0 = self.x1 = self.top = self.bottom = 0.0
        self.s_x0 = self.s_x1 = self.s_top = self.s_bottom = 0.0
        self.char_h = 0.0
        self.span_style: Style | None = None
        self.span_gap = False
        self.span_gap_width = 0.0
        self.span_baseline = 0.0
        self.space_at = -1  # index of the space character the stream writes before the next piece, if any
        self._ox, self._oy = ctypes.c_double(), ctypes.c_double()
        self._origin_refs = (ctypes.byref(self._ox), ctypes.byref(self._oy))

    def add(self, piece: str, i: int, left: float, right: float, low: float, high: float, style: Style,
            space: bool, brk: bool) -> None:
        c_top, c_bottom = self.height - high, self.height - low
        h = high - low
        if self.open:
            ref = self.char_h if self.char_h > h else h
            floor = 0.6 * style.size
            if ref < floor:
                ref = floor
            if ref < 1.0:
                ref = 1.0
            gap = left - self.x1
            if -1.2 * ref <= gap <= (LINE_GAP * ref if ref > 2.67 else 4.0):
                near = True
            elif 0 < gap <= JUSTIFIED_GAP * ref and self.space_at >= 0 and self._ends_word() and (
                    piece[:1].isalpha() or piece[:1] in "(\u201c\u2018" or gap <= 0.6 * JUSTIFIED_GAP * ref):
                # Justified text in a narrow column spreads its words far apart; a space in the
                # stream after a word, and no line break, says they are one line (a number
                # after a number, or far after a word, is a table's next cell).
                near = True
            else:
                near = 0 < gap <= 40.0 and _label_only(self.spans, self.parts)
            if near:
                top, bottom = self.top, self.bottom
                overlap = (bottom if bottom < c_bottom else c_bottom) - (top if top > c_top else c_top)
                small = h if h < self.char_h else self.char_h
                # Overlap catches superscripts; the centre test catches small glyphs
                # (a quote mark, a bullet) set high or low on the line.
                if (
                    overlap >= 0.3 * (small if small > 0.5 else 0.5)
                    or abs((c_top + c_bottom) - (top + bottom)) / 2 <= 0.6 * (ref if ref > 3.0 else 3.0)
                    or (h <= 0.01 and top <= c_top <= bottom)
                    # a subscript ("CO" then a small "2" set low) right after the last glyph
                    or (0 < h < 0.75 * self.char_h and -0.2 * ref <= gap <= 0.3 * ref and top <= c_top <= bottom)
                ):
                    # pdfium writes the spaces it sees; a gap only counts across its line breaks.
                    gapped = space or (brk and gap > 0.15 * ref)
                    wide = gap > WIDE_GAP * ref
                    span_style = self.span_style
                    if (style is not span_style and style.key != span_style.key) or wide:
                        self._close_span()
                        self._open_span(piece, i, left, right, c_top, c_bottom, style, gapped or wide,
                                        gap if gap > 0 else 0.0)
                    else:
                        if gapped:
                            self.parts.append(" ")
                        self.parts.append(piece)
                        if right > self.s_x1:
                            self.s_x1 = right
                        if c_top < self.s_top:
                            self.s_top = c_top
                        if c_bottom > self.s_bottom:
                            self.s_bottom = c_bottom
                    if right > self.x1:
                        self.x1 = right
                    if c_top < self.top:
                        self.top = c_top
                    if c_bottom > self.bottom:
                        self.bottom = c_bottom
                    if h > self.char_h:
                        self.char_h = h
                    return
        self.close_line()
        if self.reader.rotated(i, self.frame):
            # Side tabs and axis labels run vertically; each glyph would become
            # a "line" of its own inside the nearest column. They are dropped.
            return
        self.x0, self.x1, self.top, self.bottom, self.char_h = left, right, c_top, c_bottom, h
        self._open_span(piece, i, left, right, c_top, c_bottom, style, False, 0.0)
        self.open = True

    def _ends_word(self) -> bool:
        last = self.parts[-1] if self.parts else ""
        return bool(last) and (last[-1].isalpha() or last[-1] in ",.;:)\u201d\u2019")

    def _open_span(self, piece: str, i: int, left: float, right: float, top: float, bottom: float, style: Style,
                   gapped: bool, gap: float) -> None:
        self.parts = [piece]
        self.s_x0, self.s_x1, self.s_top, self.s_bottom = left, right, top, bottom
        self.span_style, self.span_gap, self.span_gap_width = style, gapped, gap
        _get_origin(self.reader.handle, i, *self._origin_refs)
        self.span_baseline = self.frame.baseline(self._ox.value, self._oy.value)

    def _close_span(self) -> None:
        style = self.span_style
        if self.parts and style is not None:
            text = "".join(self.parts)
            if _JOINER in text:
                text = text.replace(_JOINER, "")
            self.spans.append(
                Span(text, self.s_x0, self.s_x1, self.s_top, self.s_bottom, style.size, style.weight, style.italic,
                     self.span_baseline, self.span_gap, self.span_gap_width, style.white)
            )
        self.parts = []

    def close_line(self) -> None:
        if not self.open:
            return
        self._close_span()
        if self.spans:
            self.lines.append(Line(self.spans, self.x0, self.x1, self.top, self.bottom))
        self.spans = []
        self.open = False


LABEL_ONLY = re.compile(r"^\s*[‘'\"“]?(\(\*?[0-9a-z]{1,6}\)|\d{1,3}[a-z]?\.|[•●▪■◦○◆◇►▸‣⁃·\uf0b7\uf0a7\uf076\uf0d8\uf0fc–—-])\s*$")


def _label_only(spans: list[Span], parts: list[str]) -> bool:
    """A point label or bullet set apart from its text by a tab stop ("(12)    Member States ...")."""
    text = "".join(s.text for s in spans) + "".join(parts)
    return len(text) <= 8 and bool(LABEL_ONLY.match(text))


def _finish(line: Line) -> Line:
    """Text and the script of each span (superscript, subscript), once the line is complete."""
    spans = [s for s in line.spans if s.text.strip()]
    if not spans:
        line.text = ""
        return line
    for s in spans:
        s.text = s.text.strip()
    sizes: dict[float, int] = {}
    for s in spans:
        key = round(s.size * 2) / 2
        sizes[key] = sizes.get(key, 0) + len(s.text)
    main_size = max(sizes, key=sizes.__getitem__)
    main = max((s for s in spans if round(s.size * 2) / 2 == main_size), key=lambda s: len(s.text))
    line.spans = spans
    line.size, line.weight, line.italic, line.baseline = main.size, main.weight, main.italic, main.baseline
    for s in spans:
        if s is main or len(s.text) > 6:
            continue
        rise = main.baseline - s.baseline
        if s.size <= 0.85 * main.size and rise > 0.15 * main.size:
            s.script = 1
        elif s.size <= 0.85 * main.size and rise < -0.1 * main.size:
            s.script = -1
        elif rise > 0.3 * main.size and s.x0 > main.x0:
            s.script = 1
    line.text = _line_string(spans)
    return line


def set_emphasis(lines: list[Line], bold_weight: int) -> None:
    """Mark spans set heavier than the body text as bold, and give each line the style most of it has.

    A bold run-in label opening the line ("Energy efficiency: we ...") does not
    make the line bold.
    """
    for line in lines:
        spans = line.spans
        for s in spans:
            s.bold = s.weight >= bold_weight
        lead = 0
        while lead < len(spans) and spans[lead].bold:
            lead += 1
        counted = spans[lead:] if 0 < lead < len(spans) and sum(len(s.text) for s in spans[lead:]) >= 3 else spans
        weights: dict[tuple[float, bool, bool], int] = {}
        for s in counted:
            if s.script:
                continue
            key = (round(s.size * 2) / 2, s.bold, s.italic)
            weights[key] = weights.get(key, 0) + len(s.text)
        if not weights:
            continue
        size, bold, italic = max(weights, key=weights.__getitem__)
        main = next(s for s in counted if not s.script and (round(s.size * 2) / 2, s.bold, s.italic) == (size, bold, italic))
        line.size, line.bold, line.italic, line.weight = main.size, main.bold, main.italic, main.weight


def _line_string(spans: list[Span]) -> str:
    out: list[str] = []
    for k, s in enumerate(spans):
        if k and s.gap_before:
            out.append(" ")
        out.append(s.text)
    return "".join(out)
