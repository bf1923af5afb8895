"""PDF backend: pages to Blocks with page numbers, headings and legal structure.

pypdfium2 reads the text layer (40x faster than pdfplumber, see
research/dependencies.md section 3). Its raw API gives each character's box,
and a sampled character per line gives the font size and weight, which is all
the layout this backend needs:

1. characters are joined into visual lines (a superscript footnote number
   stays on its line, a gap as wide as a gutter starts a new line);
2. lines repeated in the top or bottom band of many pages are running headers
   and footers (page_furniture), dropped from the text and kept in
   Document.headers_removed; the printed page number is read from them;
3. pages with gutters are put in reading order (reading_order);
4. lines become blocks at a change of font, a paragraph gap, an outdent or a
   bullet; big or bold short blocks are headings;
5. legislation gets its section paths from LegalStructureTracker, everything
   else from the trail of headings by font size.
"""

from __future__ import annotations

import ctypes
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from nlp_pipeline.errors import InputError
from nlp_pipeline.ingest import page_furniture, reading_order
from nlp_pipeline.ingest.document_kind import guess_document_kind
from nlp_pipeline.ingest.legal_structure import LegalStructureTracker, normalise_space
from nlp_pipeline.ingest.registry import register_backend
from nlp_pipeline.records import Block, BlockKind, Document, DocumentKind

BAND = 0.09  # share of the page height at the top and bottom where furniture lives
BAND_LINES = 8  # furniture lines looked at per band (OJ headers come out in pieces)
HEADING_RATIO = 1.15  # font size over body size that makes a heading
HEADING_MAX_CHARS = 160
HEADING_MAX_LINES = 4

_BULLETS = "•●▪■◦○◆◇►▸‣⁃–—-*·\uf0b7\uf0a7\uf076\uf0d8\uf0fc"
_BULLET_START = re.compile(r"^[•●▪■◦○◆◇►▸‣⁃·\uf0b7\uf0a7\uf076\uf0d8\uf0fc]\s*|^[–—\-*]\s+")
_FOOTNOTE_START = re.compile(r"^(\(?\d{1,3}\)|\d{1,3}\s|[*†‡]+\s?)")
_LEGAL_LABEL = re.compile(r"^(\(\*?[0-9a-z]{1,6}\)|\d{1,3}[a-z]?\.)(\s|$)|^[‘'\"“]?Article\s+\d{1,3}[a-z]{0,2}\s*$|^ANNEX\b")
# A point label or bullet set apart from its text by a tab stop ("(12)    Member States ...").
_LABEL_ONLY = re.compile(r"^\s*(\(\*?[0-9a-z]{1,6}\)|\d{1,3}[a-z]?\.|[•●▪■◦○◆◇►▸‣⁃·\uf0b7\uf0a7\uf076\uf0d8\uf0fc–—-])\s*$")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\ufffe\uffff]")
_GENERIC_TITLE = re.compile(
    r"^(publications office|untitled|microsoft (word|powerpoint)\b|document\d*$|.*\.(docx?|indd|pptx?|pdf|qxd)$)",
    re.I,
)
_ACT_TITLE = re.compile(r"^(?:(?:COMMISSION|COUNCIL)\s+(?:DELEGATED\s+|IMPLEMENTING\s+)?)?(DIRECTIVE|REGULATION|DECISION)\b")


@dataclass
class Line:
    """One visual line: text, box (top-down points), and the font of a sampled character."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float = 0.0
    bold: bool = False
    italic: bool = False

    @property
    def style(self) -> tuple[float, bool, bool]:
        return (round(self.size * 2) / 2, self.bold, self.italic)


@dataclass
class _Page:
    number: int
    width: float
    height: float
    lines: list[Line]
    label: str = ""


@dataclass
class _RawBlock:
    lines: list[Line]
    page: int
    label: str
    kind: BlockKind

    @property
    def text(self) -> str:
        return _join_lines(self.lines)


# -- reading the text layer -------------------------------------------------


def _open(path: Path, data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc)
        if "password" in message.lower():
            raise InputError(path, "encrypted PDF (password required)") from exc
        detail = re.search(r"\(PDFium: ([^)]*)\)", message)
        raise InputError(path, f"not a readable PDF: {(detail.group(1) if detail else message).strip()}") from exc


class _CharReader:
    """The raw pdfium calls for one text page, with reusable out-parameters."""

    def __init__(self, textpage: pdfium.PdfTextPage):
        self.handle = textpage.raw
        self._l, self._r, self._b, self._t = (ctypes.c_double() for _ in range(4))
        self._refs = tuple(ctypes.byref(v) for v in (self._l, self._r, self._b, self._t))
        self._matrix = pdfium_c.FS_MATRIX()
        self._flags = ctypes.c_int()
        self._name = ctypes.create_string_buffer(128)

    def box(self, i: int) -> tuple[float, float, float, float]:
        pdfium_c.FPDFText_GetCharBox(self.handle, i, *self._refs)
        return self._l.value, self._r.value, self._b.value, self._t.value

    def rotated(self, i: int) -> bool:
        angle = pdfium_c.FPDFText_GetCharAngle(self.handle, i)
        return 0.05 < angle < 6.23

    def font(self, i: int) -> tuple[float, bool, bool]:
        size = pdfium_c.FPDFText_GetFontSize(self.handle, i)
        # The font size is in text space; the text matrix scales it to points.
        if pdfium_c.FPDFText_GetMatrix(self.handle, i, ctypes.byref(self._matrix)):
            m = self._matrix
            scale = (m.c * m.c + m.d * m.d) ** 0.5
            if scale > 0:
                size *= scale
        weight = pdfium_c.FPDFText_GetFontWeight(self.handle, i)
        pdfium_c.FPDFText_GetFontInfo(self.handle, i, self._name, len(self._name), ctypes.byref(self._flags))
        name = self._name.value.decode("latin-1", "replace").lower()
        bold = weight >= 600 or any(w in name for w in ("bold", "black", "heavy", "semibold", "demi"))
        bold = bold or bool(self._flags.value & (1 << 18))  # ForceBold
        italic = bool(self._flags.value & (1 << 6)) or "italic" in name or "oblique" in name
        return size, bold, italic


def _page_lines(page: pdfium.PdfPage) -> tuple[float, float, list[Line]]:
    width, height = page.get_size()
    textpage = page.get_textpage()
    try:
        n = textpage.count_chars()
        if n <= 0:
            return width, height, []
        text = textpage.get_text_range(0, n)
        if len(text) != n:  # surrogate pairs or generated characters: read one by one
            text = "".join(chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, i) or 32) for i in range(n))
        return width, height, _visual_lines(_CharReader(textpage), text, height)
    finally:
        textpage.close()


def _visual_lines(reader: _CharReader, text: str, height: float) -> list[Line]:
    """Characters in stream order to visual lines.

    pdfium breaks a line wherever the baseline moves, so a superscript footnote
    number comes out as "(\\n1\\n)"; joining by geometry instead keeps it in
    place. A jump back to the left, a change of line or a gap wider than a
    gutter starts a new line.
    """
    lines: list[Line] = []
    parts: list[str] = []
    samples: list[int] = []
    x0 = x1 = top = bottom = 0.0
    char_h = 0.0
    space = brk = False
    open_line = False

    def close() -> None:
        if open_line and parts:
            line = Line("".join(parts).strip(), x0, x1, top, bottom)
            line._samples = (samples[0], samples[len(samples) // 2], samples[-1])  # type: ignore[attr-defined]
            lines.append(line)

    # The hot loop of the backend (one pass per character): local names and
    # plain comparisons instead of min()/max() keep it at ~1 µs a character.
    get_box = pdfium_c.FPDFText_GetCharBox
    handle = reader.handle
    refs = reader._refs
    vl, vr, vb, vt = reader._l, reader._r, reader._b, reader._t
    for i, ch in enumerate(text):
        if ch == "\r" or ch == "\n":
            brk = True
            continue
        if ch == " " or ch.isspace():
            space = True
            continue
        get_box(handle, i, *refs)
        left, right, low, high = vl.value, vr.value, vb.value, vt.value
        c_top, c_bottom = height - high, height - low
        h = high - low
        if open_line:
            ref = char_h if char_h > h else h
            if ref < 1.0:
                ref = 1.0
            gap = left - x1
            if -1.2 * ref <= gap <= (1.5 * ref if ref > 2.67 else 4.0):
                near = True
            else:
                near = 0 < gap <= 40.0 and bool(_LABEL_ONLY.match("".join(parts)))
            if near:
                overlap = (bottom if bottom < c_bottom else c_bottom) - (top if top > c_top else c_top)
                small = h if h < char_h else char_h
                # Overlap catches superscripts; the centre test catches small glyphs
                # (a quote mark, a bullet) set high or low on the line.
                same_row = (
                    overlap >= 0.3 * (small if small > 0.5 else 0.5)
                    or abs((c_top + c_bottom) - (top + bottom)) / 2 <= 0.6 * (ref if ref > 3.0 else 3.0)
                    or (h <= 0.01 and top <= c_top <= bottom)
                )
                # Ligatures ("ff") give their two characters overlapping boxes, hence -1.2.
                if same_row:
                    # pdfium writes the spaces it sees; a gap only counts across its line breaks.
                    if space or (brk and gap > 0.15 * ref):
                        parts.append(" ")
                    parts.append(ch)
                    if right > x1:
                        x1 = right
                    if c_top < top:
                        top = c_top
                    if c_bottom > bottom:
                        bottom = c_bottom
                    if h > char_h:
                        char_h = h
                    samples.append(i)
                    space = brk = False
                    continue
        close()
        open_line = False
        if reader.rotated(i):
            # Side tabs and axis labels run vertically; each glyph would become
            # a "line" of its own inside the nearest column. They are dropped.
            space = brk = False
            continue
        parts, samples = [ch], [i]
        x0, x1, top, bottom, char_h = left, right, c_top, c_bottom, h
        open_line = True
        space = brk = False
    close()
    for line in lines:
        line.text = _CONTROL.sub("", line.text.replace("\x02", "\u00ad"))
        # The style most of three characters share: one symbol or superscript
        # in another font must not make a line look like a new paragraph.
        first, middle, last = (reader.font(i) for i in line._samples)  # type: ignore[attr-defined]
        line.size, line.bold, line.italic = first if first == last != middle else middle
    return [line for line in lines if line.text]


# -- page furniture -----------------------------------------------------------


def _bands(page: _Page) -> list[int]:
    """Indices of the lines in the page's top and bottom bands that stand apart from the text.

    A running line is set off from the body by white space; the last line of
    a footnote at the page foot ("p. 1).") is not, although the Official
    Journal's bottom-aligned footnotes put it at the same height on every page.
    A line close to its inward neighbour still counts when that neighbour is
    itself a band line that stands apart (a two-line footer).
    """
    lines = page.lines
    by_top = sorted(range(len(lines)), key=lambda i: lines[i].top)
    top_zone = [i for i in by_top[:BAND_LINES] if lines[i].bottom <= page.height * BAND]
    bottom_zone = [i for i in reversed(by_top[-BAND_LINES:]) if lines[i].top >= page.height * (1 - BAND)]

    def apart(zone: list[int], inward: int) -> list[int]:
        kept: list[int] = []
        # From the body outwards, so a line may lean on an inner band line.
        for i in reversed(zone):
            line = lines[i]
            height = max(line.bottom - line.top, 2.0)
            if inward > 0:
                neighbours = [j for j in by_top if lines[j].top >= line.bottom - 0.5 * height and j != i]
                nearest = min(neighbours, key=lambda j: lines[j].top, default=None)
                gap = lines[nearest].top - line.bottom if nearest is not None else page.height
            else:
                neighbours = [j for j in by_top if lines[j].bottom <= line.top + 0.5 * height and j != i]
                nearest = max(neighbours, key=lambda j: lines[j].bottom, default=None)
                gap = line.top - lines[nearest].bottom if nearest is not None else page.height
            if gap >= 0.8 * height or (nearest is not None and nearest in kept):
                kept.append(i)
        return kept

    top = apart(top_zone, inward=1)
    bottom = apart(bottom_zone, inward=-1)
    return top + [i for i in bottom if i not in top]


def _remove_furniture(pages: list[_Page]) -> list[str]:
    band_indices = [_bands(page) for page in pages]
    bands = [[page.lines[i].text for i in idx] for page, idx in zip(pages, band_indices)]
    # Distance from the nearer edge: running lines stand at the same place on every page.
    positions = [
        [min(page.lines[i].top, page.height - page.lines[i].bottom) for i in idx]
        for page, idx in zip(pages, band_indices)
    ]
    flags = page_furniture.furniture_flags(bands, positions)
    removed: list[str] = []
    seen: set[str] = set()
    for page, idx, page_flags in zip(pages, band_indices, flags):
        drop = {i for i, flag in zip(idx, page_flags) if flag}
        texts = [page.lines[i].text for i in idx if i in drop]
        page.label = page_furniture.printed_page_number(texts)
        for text in texts:
            if text not in seen:
                seen.add(text)
                removed.append(text)
        page.lines = [line for i, line in enumerate(page.lines) if i not in drop]
    return removed


# -- blocks -------------------------------------------------------------------


def _join_lines(lines: list[Line]) -> str:
    out = ""
    for line in lines:
        text = line.text
        if not out:
            out = text
        elif out.endswith("\u00ad"):  # pdfium's mark for a hyphen that only breaks the line
            out = out[:-1] + text
        elif out.endswith("-") and len(out) > 1 and out[-2].isalpha() and text[:1].islower():
            out += text
        else:
            out += " " + text
    return normalise_space(out.replace("\u00ad", ""))


def _body_size(pages: list[_Page]) -> float:
    weights: Counter[float] = Counter()
    for page in pages:
        for line in page.lines:
            weights[round(line.size * 2) / 2] += len(line.text)
    return weights.most_common(1)[0][0] if weights else 10.0


def _line_pitches(pages: list[_Page]) -> dict[float, float]:
    """The usual distance from one line's top to the next, per font size.

    Leading differs between documents (1.2 to 1.6 times the font size), so a
    paragraph gap is whatever is clearly more than the usual line pitch.
    """
    seen: dict[float, Counter[float]] = {}
    for page in pages:
        for prev, line in zip(page.lines, page.lines[1:]):
            if line.style != prev.style or line.x0 > prev.x1 or line.x1 < prev.x0:
                continue
            pitch = line.top - prev.top
            if 0 < pitch < 3 * max(line.size, 4.0):
                seen.setdefault(line.style[0], Counter())[round(pitch * 2) / 2] += 1
    # Bounded to ordinary leading: in a short document of one-line paragraphs
    # the commonest distance is the paragraph gap itself.
    return {size: min(max(counts.most_common(1)[0][0], size), 1.6 * size) for size, counts in seen.items()}


def _starts_block(prev: Line, line: Line, block: list[Line], legal: bool, pitches: dict[float, float]) -> bool:
    if line.style != prev.style:
        return True
    size = max(line.size, 4.0)
    usual = pitches.get(line.style[0], 1.25 * size)
    pitch = line.top - prev.top
    if pitch > usual * 1.3 + 0.5 or pitch < -2 * size:  # a paragraph gap, or back up to a new column
        return True
    if line.x0 > prev.x1 or line.x1 < prev.x0:  # no horizontal overlap: another column or box
        return True
    if _BULLET_START.match(line.text):
        return True
    if len(block) >= 2 and line.x0 < prev.x0 - 3:  # an outdent: a hanging label starts a paragraph
        return True
    if legal and _LEGAL_LABEL.match(line.text) and line.x0 <= prev.x0 + 1:
        return True
    return False


def _page_blocks(page: _Page, body: float, legal: bool, pitches: dict[float, float]) -> list[_RawBlock]:
    lines = page.lines
    groups: list[list[Line]] = []
    for line in lines:
        if groups and not _starts_block(groups[-1][-1], line, groups[-1], legal, pitches):
            groups[-1].append(line)
        else:
            groups.append([line])
    return [_RawBlock(group, page.number, page.label, _block_kind(group, page, body)) for group in groups]


def _block_kind(lines: list[Line], page: _Page, body: float) -> BlockKind:
    first = lines[0]
    text = first.text
    if first.size <= body * 0.9 and first.top > page.height * 0.6 and _FOOTNOTE_START.match(text):
        return BlockKind.FOOTNOTE
    if _BULLET_START.match(text):
        return BlockKind.LIST_ITEM
    length = sum(len(line.text) for line in lines)
    short = len(lines) <= HEADING_MAX_LINES and length <= HEADING_MAX_CHARS
    if short and any(ch.isalpha() for ch in text):
        if first.size >= body * HEADING_RATIO:
            return BlockKind.HEADING
        if first.bold and first.size >= body * 0.95 and not lines[-1].text.rstrip().endswith((".", ",", ";", ":")):
            return BlockKind.HEADING
    return BlockKind.PARAGRAPH


def _strip_bullet(text: str) -> str:
    return _BULLET_START.sub("", text, count=1).strip() or text


def _report_blocks(doc_id: str, raw: list[_RawBlock]) -> list[Block]:
    """Sections from the trail of headings: a heading closes every heading at least as small."""
    trail: list[tuple[float, str]] = []
    blocks: list[Block] = []
    for rb in raw:
        text = rb.text
        if rb.kind is BlockKind.HEADING:
            size = rb.lines[0].size + (0.25 if rb.lines[0].bold else 0.0)
            while trail and trail[-1][0] <= size + 0.3:
                trail.pop()
            trail.append((size, text))
        elif rb.kind is BlockKind.LIST_ITEM:
            text = _strip_bullet(text)
        section = tuple(t for _, t in trail)
        blocks.append(Block(doc_id, len(blocks), text, rb.page, rb.label, section, rb.kind))
    return blocks


def _legal_blocks(doc_id: str, raw: list[_RawBlock]) -> list[Block]:
    tracker = LegalStructureTracker()
    blocks: list[Block] = []
    section: tuple[str, ...] = ()
    role = ""
    for rb in raw:
        text = rb.text
        if rb.kind is BlockKind.FOOTNOTE:
            # Footnotes sit at the page foot, not in the flow of the act.
            blocks.append(Block(doc_id, len(blocks), text, rb.page, rb.label, section, BlockKind.FOOTNOTE, role))
            continue
        section, role, kind = tracker.observe(text)
        blocks.append(Block(doc_id, len(blocks), text, rb.page, rb.label, section, kind, role))
    return blocks


def _title(pdf: pdfium.PdfDocument, raw: list[_RawBlock], kind: DocumentKind) -> str:
    try:
        meta = normalise_space(pdf.get_metadata_dict().get("Title", "") or "")
    except Exception:  # broken metadata never sinks a document
        meta = ""
    if kind is DocumentKind.LEGISLATION:
        for rb in raw[:40]:
            if _ACT_TITLE.match(rb.text):
                return rb.text
    if meta and not _GENERIC_TITLE.match(meta):
        return meta
    for rb in raw:
        if rb.kind is BlockKind.HEADING:
            return rb.text
    return raw[0].text[:120] if raw else ""


# -- the backend --------------------------------------------------------------


@register_backend("pdf")
def read_pdf(path: Path, data: bytes, doc_id: str) -> Document:
    pdf = _open(path, data)
    try:
        page_count = len(pdf)
        if page_count == 0:
            raise InputError(path, "not a readable PDF: it has no pages")
        pages: list[_Page] = []
        warnings: list[str] = []
        for index in range(page_count):
            try:
                page = pdf[index]
                try:
                    width, height, lines = _page_lines(page)
                finally:
                    page.close()
            except Exception as exc:  # one bad page must not sink the document
                warnings.append(f"page {index + 1}: text could not be extracted ({exc}); skipped")
                continue
            pages.append(_Page(index + 1, width, height, lines))
        if not any(page.lines for page in pages):
            if warnings:
                raise InputError(path, f"no page could be read ({warnings[0]})")
            raise InputError(path, "no text layer (image-only or scanned PDF; OCR is not supported)")

        removed = _remove_furniture(pages)
        body = _body_size(pages)
        head_text = " ".join(line.text for page in pages[:6] for line in page.lines)
        kind = guess_document_kind(head_text)
        legal = kind is DocumentKind.LEGISLATION
        for page in pages:
            page.lines = [page.lines[i] for i in reading_order.reading_order(page.lines, page.width)]
        pitches = _line_pitches(pages)
        raw: list[_RawBlock] = []
        for page in pages:
            raw.extend(_page_blocks(page, body, legal, pitches))
        blocks = _legal_blocks(doc_id, raw) if legal else _report_blocks(doc_id, raw)
        title = _title(pdf, raw, kind)
    finally:
        pdf.close()
    return Document(
        id=doc_id,
        path=str(path),
        kind=kind,
        title=title,
        blocks=tuple(blocks),
        page_count=page_count,
        headers_removed=tuple(removed),
        warnings=tuple(warnings),
    )
