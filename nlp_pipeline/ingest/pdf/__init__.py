"""PDF backend: pages to Blocks that are faithful to the page.

The stages, each in its own module:

1. characters: pdfium's characters to visual lines of styled spans, without
   invisible text (render mode 3, transparent, off the page);
2. furniture: running headers, footers and page numbers, across pages; the
   printed page number is read from them where the PDF has no page labels;
3. per page: contents entries, tables (rows of cells), figure text (labels
   among a chart's shapes), then the remaining lines grouped into blocks by
   position (layout) and typed: heading, list item, paragraph, callout,
   caption, footnote (footnotes);
4. reading order of the blocks by recursive XY-cut (ingest.reading_order);
5. text repair (hyphenation, ligatures, broken glyphs, trademark signs) and
   footnote markers set apart from their words and linked to their notes;
6. section paths: the act's structure for legislation, the trail of
   headings ranked by font size for everything else.
"""

from __future__ import annotations

import re
import time
from dataclasses import replace
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import pypdfium2 as pdfium

from nlp_pipeline.errors import InputError
from nlp_pipeline.ingest.document_kind import explains_eu_law, guess_document_kind
from nlp_pipeline.ingest.legal_structure import normalise_space
from nlp_pipeline.ingest.limits import DEFAULT_LIMITS, IngestLimits, LimitExceeded, check_pdf_streams
from nlp_pipeline.ingest.pdf import characters, figures, footnotes, furniture, graphics, layout, repair, sections, tables
from nlp_pipeline.ingest.pdf.characters import Line
from nlp_pipeline.ingest.pdf.furniture import PageLines
from nlp_pipeline.ingest.pdf.layout import LayoutBlock, LayoutSettings
from nlp_pipeline.ingest.reading_order import reading_order
from nlp_pipeline.ingest.registry import register_backend
from nlp_pipeline.records import ROLE_INTERPRETATION, Block, BlockKind, Document, DocumentKind

_GENERIC_TITLE = re.compile(
    r"^(publications office|untitled|microsoft (word|powerpoint)\b|document\d*$|.*\.(docx?|indd|pptx?|pdf|qxd)$)",
    re.I,
)
_ACT_TITLE = re.compile(r"^(?:(?:COMMISSION|COUNCIL)\s+(?:DELEGATED\s+|IMPLEMENTING\s+)?)?(DIRECTIVE|REGULATION|DECISION)\b")
_CONTENTS_TITLE = re.compile(r"^(table of )?contents?$|^inhalt(sverzeichnis)?$|^index$|^sommaire$", re.I)
_PAGE_NUMBER = re.compile(r"^\d{1,3}$")
_LEADERS = re.compile(r"(\.\s?){3,}\s*\d{1,3}\s*$|…+\s*\d{1,3}\s*$")


# -- reading the pages ---------------------------------------------------------


def _open(path: Path, data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc)
        if "password" in message.lower():
            raise InputError(path, "encrypted PDF (password required)") from exc
        detail = re.search(r"\(PDFium: ([^)]*)\)", message)
        raise InputError(path, f"not a readable PDF: {(detail.group(1) if detail else message).strip()}") from exc


def _page_label(pdf: pdfium.PdfDocument, index: int) -> str:
    try:
        return normalise_space(pdf.get_page_label(index) or "")
    except Exception:  # a broken label tree never sinks a document
        return ""


def _read_page(pdf: pdfium.PdfDocument, index: int) -> PageLines:
    page = pdf[index]
    try:
        text = characters.page_text(page)
        shapes = graphics.page_shapes(page, text.frame)
    finally:
        page.close()
    lines = _visible(text.lines, shapes)
    return PageLines(index + 1, text.width, text.height, lines, _page_label(pdf, index), shapes=shapes)


def _visible(lines: list[Line], shapes: list[graphics.Shape]) -> list[Line]:
    """Lines a reader can see: not white on white, not placeholder text."""
    kept = []
    for line in lines:
        if all(span.white for span in line.spans):
            if not graphics.dark_under(shapes, (line.x0 + line.x1) / 2, (line.top + line.bottom) / 2):
                continue
        if repair.is_placeholder(line.text):
            continue
        kept.append(line)
    return kept


# -- document statistics -------------------------------------------------------


def _set_emphasis(pages: Sequence[PageLines]) -> None:
    """Bold is relative: in a document set in a light face, its medium weight is the emphasis."""
    weights: Counter[int] = Counter()
    for page in pages:
        for line in page.lines:
            for span in line.spans:
                weights[span.weight] += len(span.text)
    body = weights.most_common(1)[0][0] if weights else 400
    # Light body: medium (500) is bold; regular body: medium and above.
    bold_weight = min(body + 150, 500) if body <= 400 else body + 150
    for page in pages:
        characters.set_emphasis(page.lines, bold_weight)


def _body_size(pages: Sequence[PageLines]) -> float:
    weights: Counter[float] = Counter()
    for page in pages:
        for line in page.lines:
            weights[round(line.size * 2) / 2] += len(line.text)
    return weights.most_common(1)[0][0] if weights else 10.0


def _line_pitches(pages: Sequence[PageLines]) -> dict[float, float]:
    """The usual distance from one line's top to the next, per font size.

    Leading differs between documents (1.2 to 1.6 times the font size), so a
    paragraph gap is whatever is clearly more than the usual line pitch.
    """
    seen: dict[float, Counter[float]] = {}
    for page in pages:
        ordered = sorted(page.lines, key=lambda ln: (round(ln.x0), ln.top))
        for prev, line in zip(ordered, ordered[1:]):
            if line.style != prev.style or abs(line.x0 - prev.x0) > 1.0:
                continue
            pitch = line.top - prev.top
            if 0 < pitch < 3 * max(line.size, 4.0):
                seen.setdefault(line.style[0], Counter())[round(pitch * 2) / 2] += 1
    # Bounded to ordinary leading: in a short document of one-line paragraphs
    # the commonest distance is the paragraph gap itself.
    return {size: min(max(counts.most_common(1)[0][0], size), 1.6 * size) for size, counts in seen.items()}


# -- one page's blocks ------------------------------------------------------------


def _contents_lines(lines: list[Line]) -> set[int]:
    """Ids of the lines of a contents page: titles that end in a page number, and the numbers."""
    titled = [ln for ln in lines if _CONTENTS_TITLE.match(ln.text.strip())]
    entries: set[int] = set()
    numbers = [ln for ln in lines if _PAGE_NUMBER.match(ln.text.strip())]
    leaders = 0
    for line in lines:
        if _LEADERS.search(line.text):
            entries.add(id(line))
            leaders += 1
            continue
        last = line.spans[-1]
        if len(line.spans) >= 2 and _PAGE_NUMBER.match(last.text) and last.gap >= 1.5 * max(line.size, 4.0):
            entries.add(id(line))
    for number in numbers:
        for line in lines:
            if line is not number and line.x1 < number.x0 and abs(line.top - number.top) <= 2.0:
                if any(ch.isalpha() for ch in line.text):
                    entries.add(id(line))
                    entries.add(id(number))
                    break
    # Without a "Contents" title or dot leaders, titles beside numbers are a table.
    if len(entries) >= 6 and (titled or leaders >= 5):
        return _wrapped_entries(lines, entries) | {id(ln) for ln in titled}
    return set()


def _wrapped_entries(lines: list[Line], entries: set[int]) -> set[int]:
    """The entries with the first lines of those that wrap: a title's line right over its entry's last line.

    "STEP 3: Design and implement a strategy to respond" / "to identified
    risks . . . 44": only the last line ends in the page number; the first,
    left as text, read as a paragraph among the contents.
    """
    found = set(entries)
    grown = True
    while grown:
        grown = False
        for line in lines:
            if id(line) in found or not any(ch.isalpha() for ch in line.text):
                continue
            reach = max(line.bottom - line.top, 4.0)
            if any(id(e) in found and 0 <= e.top - line.bottom <= reach and line.x0 <= e.x0 + 2.0 and line.x1 > e.x0
                   for e in lines):
                found.add(id(line))
                grown = True
    return found


def _layout_page(page: PageLines, settings: LayoutSettings, vocab: Counter[str]) -> list[LayoutBlock]:
    lines = page.lines
    running = tables.running_lines(lines)
    graphics.assign_panels(lines, graphics.panels(page.shapes, page.width, page.height, [ln for ln in lines if id(ln) in running]))
    contents = _contents_lines(lines)
    rest = [ln for ln in lines if id(ln) not in contents]
    found = tables.find_tables(rest, page.shapes, page.width)
    in_tables = {id(ln) for t in found for ln in t.lines}
    rest = [ln for ln in rest if id(ln) not in in_tables]
    running = tables.running_lines(rest)
    regions = graphics.graphic_regions(page.shapes, page.width, page.height)
    labels = figures.figure_lines(rest, regions, running) | figures.legend_lines(rest, page.shapes)
    text_lines = [ln for ln in rest if id(ln) not in labels]

    blocks = layout.group_lines(text_lines, settings)
    for block in blocks:
        block.kind = layout.block_kind(block, settings.body_size)
    figures.mark_callouts(blocks, settings.body_size)
    for kind, group in ((BlockKind.FIGURE, [ln for ln in rest if id(ln) in labels]),
                        (BlockKind.TOC, [ln for ln in lines if id(ln) in contents])):
        for block in layout.group_lines(group, settings):
            block.kind = kind
            blocks.append(block)
    figures.absorb_chart_labels(blocks, settings.body_size)
    figures.mark_axes_and_legends(blocks, settings.body_size)
    figures.absorb_value_labels(blocks)
    if not settings.legal:  # an act's "Article 29c" and "(13)" are short, and structure, not labels
        figures.absorb_label_clusters(blocks, settings.body_size)
    table_blocks = [_table_block(t, vocab) for t in found]
    _attach_captions(table_blocks, blocks)
    blocks = [b for b in blocks if b.lines] + table_blocks
    blocks = footnotes.mark_footnotes(blocks, settings.body_size, page.height)
    ordered = _reading_order(blocks, settings.body_size)
    for block in ordered:
        if block.kind is not BlockKind.TABLE:
            _render(block, vocab)
    for line in page.furniture:
        block = LayoutBlock([line], BlockKind.FURNITURE)
        _render(block, vocab)
        ordered.append(block)
    return [b for b in ordered if b.text]


def _reading_order(blocks: list[LayoutBlock], body: float) -> list[LayoutBlock]:
    """The page's blocks in reading order, a chart's labels taken as one box.

    A chart's scattered labels, each a box of its own, would cut the columns
    around them into pieces; taken together, the chart stands where it is,
    between the text above and below it.
    """
    flow = [b for b in blocks if b.kind is not BlockKind.FIGURE]
    clusters = figures.clusters([b for b in blocks if b.kind is BlockKind.FIGURE], 2.0 * body)
    boxes = flow + [figures.Box(min(b.x0 for b in c), min(b.top for b in c), max(b.x1 for b in c), max(b.bottom for b in c))
                    for c in clusters]
    ordered: list[LayoutBlock] = []
    for i in reading_order(boxes):
        if i < len(flow):
            ordered.append(flow[i])
        else:
            ordered.extend(sorted(clusters[i - len(flow)], key=lambda b: (b.top, b.x0)))
    return ordered


def _table_block(table: tables.Table, vocab: Counter[str]) -> LayoutBlock:
    rows = tuple(tuple(repair.repair_text(cell, vocab) for cell in row) for row in table.rows)
    block = LayoutBlock(table.lines, BlockKind.TABLE, table.x0, table.top, table.x1, table.bottom, cells=rows)
    block.text = tables.table_text("", [list(r) for r in rows])
    return block


def _attach_captions(table_blocks: list[LayoutBlock], blocks: list[LayoutBlock]) -> None:
    """A "Table 3: ..." line (or a short heading) just above a table is its caption."""
    for table in table_blocks:
        reach = 3 * max(table.first.size, 6.0)
        best = None
        for block in blocks:
            if not block.lines or block.kind in (BlockKind.TABLE, BlockKind.FOOTNOTE, BlockKind.TOC):
                continue
            above = 0 <= table.top - block.bottom <= reach
            below = 0 <= block.top - table.bottom <= reach
            overlaps = block.x0 < table.x1 and block.x1 > table.x0
            if overlaps and (above or below) and tables.CAPTION.match(block.raw_text.strip()):
                best = block
                break
            if above and _table_title(block, table):
                best = block
        if best is not None:
            table.caption = normalise_space(best.raw_text)
            table.text = tables.table_text(table.caption, [list(r) for r in table.cells])
            best.lines = []


def _table_title(block: LayoutBlock, table: LayoutBlock) -> bool:
    """A one-line title right above a table and flush with its left edge, that is no sentence."""
    text = block.raw_text.strip()
    return (
        block.kind is BlockKind.PARAGRAPH and len(block.lines) == 1 and abs(block.x0 - table.x0) <= 6.0
        and 2 <= len(text.split()) <= 12 and not text.endswith((".", ":", ";", ",")) and text[:1].isupper()
        and table.top - block.bottom <= 2.5 * max(block.first.size, 6.0)
    )


def _render(block: LayoutBlock, vocab: Counter[str]) -> None:
    """The block's text: lines joined (hyphenation repaired), markers set apart, glyphs repaired."""
    text = ""
    markers: list[str] = []
    for line in block.lines:
        line_text, cited = footnotes.render_line(line)
        markers.extend(cited)
        line_text = repair.repair_text(line_text, vocab)
        if not text:
            text = line_text
        elif repair.ends_with_hyphen(text):
            text = repair.join_hyphenated(text, line_text, vocab)
        else:
            text = f"{text} {line_text}"
    if text.endswith("\u00ad"):
        text = text[:-1] + "-"  # a hyphen at the block's end: the word goes on elsewhere, keep the mark
    text = normalise_space(text.replace("\u00ad", ""))
    if block.kind is BlockKind.LIST_ITEM:
        text = layout.BULLET_START.sub("", text, count=1).strip() or text
    elif block.kind is BlockKind.PARAGRAPH:
        block.label = layout.run_in_label(block)
    if block.kind is BlockKind.FOOTNOTE or block.note_marker:
        block.note_marker = block.note_marker or footnotes.note_marker(block)
    block.text = text
    block.markers = markers


# -- the document ------------------------------------------------------------------


# A heading that stops mid-sentence, and a short line after it that ends the question it asks.
_OPEN_HEADING_RE = re.compile(r"[^.:;!?)]\s*$")
_QUESTION_TAIL_WORDS = 25


def _with_question_tails(blocks: list[Block]) -> list[Block]:
    """The blocks, a short question right under a heading typed a heading too.

    It is the second line of a question heading ("30) What should an SME
    expect to receive in terms of requests for sustainability" / "information
    as a consequence of the CSRD and ESRS?") or an FAQ's question under its
    group's heading ("FAQs on reporting" / "FAQ 20: Do the ESRS require ...?").
    Left a paragraph, it would open the answer's passage and read as part of it.
    """
    out = list(blocks)
    for i in range(1, len(out)):
        head, tail = out[i - 1], out[i]
        if (head.kind is BlockKind.HEADING and tail.kind is BlockKind.PARAGRAPH and tail.page == head.page
                and _OPEN_HEADING_RE.search(head.text) and tail.text.rstrip().endswith("?")
                and len(tail.text.split()) <= _QUESTION_TAIL_WORDS and "?" not in tail.text.rstrip()[:-1]):
            out[i] = replace(tail, kind=BlockKind.HEADING)
    return out


def _records(doc_id: str, laid: list[tuple[PageLines, list[LayoutBlock]]], legal: bool, role: str = "") -> list[Block]:
    flat = [(page, block) for page, blocks in laid for block in blocks]
    if legal:
        structure = sections.legal_sections([block for _, block in flat])
        paths = [s for s, _, _ in structure]
        roles = [r for _, r, _ in structure]
        kinds = [k for _, _, k in structure]
    else:
        paths = sections.report_sections([(page.number, blocks) for page, blocks in laid])
        roles = [role] * len(flat)
        kinds = [block.kind for _, block in flat]
    records: list[Block] = []
    for (page, block), path, role, kind in zip(flat, paths, roles, kinds):
        records.append(
            Block(
                doc_id=doc_id,
                index=len(records),
                text=block.text,
                page=page.number,
                page_label=page.label,
                section=path,
                kind=kind,
                role=role,
                cells=block.cells,
                notes=block.notes,
                label=block.label,
                bbox=(block.x0, block.top, block.x1, block.bottom),
            )
        )
    return records


def _title(pdf: pdfium.PdfDocument, blocks: list[Block], kind: DocumentKind) -> str:
    try:
        meta = normalise_space(pdf.get_metadata_dict().get("Title", "") or "")
    except Exception:  # broken metadata never sinks a document
        meta = ""
    if kind is DocumentKind.LEGISLATION:
        for block in blocks[:40]:
            if _ACT_TITLE.match(block.text):
                return block.text
    if meta and not _GENERIC_TITLE.match(meta):
        return meta
    for block in blocks:
        if block.kind is BlockKind.HEADING:
            return block.text
    prose = [b for b in blocks if b.kind.is_prose]
    return (prose or blocks)[0].text[:120] if blocks else ""


def probe_pdf(path: Path, data: bytes, limits: IngestLimits = DEFAULT_LIMITS) -> None:
    """Refuse, in milliseconds, a PDF that pdfium cannot open, that is encrypted, empty or over the page limit."""
    pdf = _open(path, data)
    try:
        _check_page_count(path, len(pdf), limits)
    finally:
        pdf.close()


def _check_page_count(path: Path, page_count: int, limits: IngestLimits) -> None:
    if page_count == 0:
        raise InputError(path, "not a readable PDF: it has no pages")
    if page_count > limits.max_pages:
        raise LimitExceeded(path, "max_pages", f"{page_count:,} pages", f"{limits.max_pages:,}", "pages per document")


@register_backend("pdf", takes_limits=True, probe=probe_pdf)
def read_pdf(path: Path, data: bytes, doc_id: str, limits: IngestLimits = DEFAULT_LIMITS) -> Document:
    check_pdf_streams(path, data, limits)
    started = time.monotonic()
    pdf = _open(path, data)
    try:
        page_count = len(pdf)
        _check_page_count(path, page_count, limits)
        pages: list[PageLines] = []
        warnings: list[str] = []
        for index in range(page_count):
            if time.monotonic() - started > limits.max_seconds:
                raise LimitExceeded(
                    path, "max_seconds", f"reading took longer than {limits.max_seconds:g} s (at page {index + 1})",
                    f"{limits.max_seconds:g}", "seconds per document",
                )
            try:
                pages.append(_read_page(pdf, index))
            except Exception as exc:  # one bad page must not sink the document
                warnings.append(f"page {index + 1}: text could not be extracted ({exc}); skipped")
        if not any(page.lines for page in pages):
            if warnings:
                raise InputError(path, f"no page could be read ({warnings[0]})")
            raise InputError(path, "no text layer (image-only or scanned PDF; OCR is not supported)")

        _set_emphasis(pages)
        if all(page.label in ("", str(page.number)) for page in pages):
            # Labels that only count the pages say nothing; the page's own number is the printed one.
            for page in pages:
                page.label = ""
        removed = furniture.remove_furniture(pages)
        body = _body_size(pages)
        head_text = " ".join(line.text for page in pages[:6] for line in page.lines)
        kind = guess_document_kind(head_text)
        # A Commission notice or Q&A is laid out as prose, without articles, and every block of it explains.
        interpretation = explains_eu_law(head_text)
        legal = kind is DocumentKind.LEGISLATION and not interpretation
        vocab = repair.vocabulary(line.text for page in pages for line in page.lines)
        settings = LayoutSettings(body, _line_pitches(pages), legal)
        laid = [(page, _layout_page(page, settings, vocab)) for page in pages]
        footnotes.link_notes([blocks for _, blocks in laid])
        blocks = _with_question_tails(_records(doc_id, laid, legal, ROLE_INTERPRETATION if interpretation else ""))
        title = _title(pdf, blocks, kind)
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
        explains_law=interpretation,
    )
