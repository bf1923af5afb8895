"""Running headers, footers and page numbers of a PDF: which lines they are, and the printed page number.

The pure part (which band texts repeat) lives in ingest.page_furniture; this
module decides what a page's bands are. A running line is set off from the
body by white space; the last line of a footnote at the page foot ("p. 1).")
is not, although the Official Journal's bottom-aligned footnotes put it at the
same height on every page. A line close to its inward neighbour still counts
when that neighbour is itself a band line that stands apart (a two-line footer).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from nlp_pipeline.ingest import page_furniture
from nlp_pipeline.ingest.pdf.characters import Line

BAND = 0.09  # share of the page height at the top and bottom where furniture lives
BAND_LINES = 8  # furniture lines looked at per band (OJ headers come out in pieces)


@dataclass
class PageLines:
    """One page's lines as the backend works on them."""

    number: int  # physical, 1-based
    width: float
    height: float
    lines: list[Line]
    label: str = ""  # printed page number
    furniture: list[Line] = field(default_factory=list)
    shapes: list = field(default_factory=list)  # graphics.Shape: rules, boxes, pictures


def _zone(page: PageLines) -> list[int]:
    """Indices of the lines in the page's top and bottom bands, apart from the text or not."""
    height = page.height
    return [i for i, ln in enumerate(page.lines) if ln.bottom <= height * BAND or ln.top >= height * (1 - BAND)]


def _bands(page: PageLines) -> list[int]:
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


def remove_furniture(pages: Sequence[PageLines]) -> list[str]:
    """Move running lines out of each page's lines into its furniture; set the printed page number.

    Returns the distinct texts removed, in order of first appearance.
    """
    band_indices = [_bands(page) for page in pages]
    bands = [[page.lines[i].text for i in idx] for page, idx in zip(pages, band_indices)]
    # Distance from the nearer edge: running lines stand at the same place on every page.
    positions = [
        [min(page.lines[i].top, page.height - page.lines[i].bottom) for i in idx]
        for page, idx in zip(pages, band_indices)
    ]
    flags = page_furniture.furniture_flags(bands, positions)
    # Only lines running on a good share of the pages are looked for outside the bands' clear lines.
    keys = page_furniture.running_keys(bands, positions, min_repeats=None)
    removed: list[str] = []
    seen: set[str] = set()
    for page, idx, page_flags in zip(pages, band_indices, flags):
        drop = {i for i, flag in zip(idx, page_flags) if flag}
        # A running line that body text comes close to on this page is still the running line.
        for i in _zone(page):
            key = page_furniture.furniture_key(page.lines[i].text)
            if i not in drop and keys.get(key) is not None:
                place = min(page.lines[i].top, page.height - page.lines[i].bottom)
                if abs(place - keys[key]) <= 3 * page_furniture.POSITION_TOLERANCE:
                    drop.add(i)
        drop |= _rest_of_running_header(page, idx, drop)
        texts = [page.lines[i].text for i in idx if i in drop]
        page.label = page.label or page_furniture.printed_page_number(texts)
        for text in texts:
            if text not in seen:
                seen.add(text)
                removed.append(text)
        page.furniture = [line for i, line in enumerate(page.lines) if i in drop]
        page.lines = [line for i, line in enumerate(page.lines) if i not in drop]
    _numbers_after_the_text(pages, removed)
    return removed


def _rest_of_running_header(page: PageLines, band: list[int], drop: set[int]) -> set[int]:
    """The running title beside the page number at the top, and the lines stacked right under it.

    A designed report sets the chapter's title on the page number's row and
    the section's title under it ("26  Environmental and Climate Protection /
    Energy consumption"); these change every few pages, too seldom repeated
    to be found as running lines, but they stand in the top band, apart from
    the body, with the page number. A row of more than the number and one
    title is a table's row at the top of the page, and a sentence is no title.
    """
    lines = page.lines
    top_band = [i for i in band if lines[i].bottom <= page.height * BAND]
    titles: set[int] = set()
    for j in drop:
        number = lines[j]
        if number.bottom > page.height * BAND or not page_furniture.is_page_number(number.text):
            continue
        tolerance = 0.5 * max(number.bottom - number.top, 2.0)
        row = {ln.text.strip() for ln in lines if abs(ln.top - number.top) <= tolerance}
        # The title may itself repeat often enough to be a running line already: the
        # section's title under it is still furniture ("Disclosure EU Taxonomy" over
        # "Compliance with minimum social standards", Manz 2023 p. 62).
        beside = [i for i in top_band if i != j and abs(lines[i].top - number.top) <= tolerance]
        if len(row) == 2 and len(beside) >= 1 and not lines[beside[0]].text.rstrip().endswith("."):
            titles.update(beside)
    # Stacked under the title, line by line: a section title that wraps is two lines.
    under: set[int] = set()
    above = set(titles)
    while above:
        stacked = set()
        for i in top_band:
            line = lines[i]
            if i in titles or i in under:
                continue
            for j in above:
                title = lines[j]
                if abs(line.x0 - title.x0) <= 2.0 and 0 <= line.top - title.bottom <= max(title.bottom - title.top, 2.0):
                    stacked.add(i)
        under |= stacked
        above = stacked
    return titles | under


def _numbers_after_the_text(pages: Sequence[PageLines], removed: list[str]) -> None:
    """Page numbers that stand right under (or over) the text instead of in a band of their own.

    A page whose text ends halfway down still puts its number after the
    last line. A bare number as the last (or first) line of the page counts
    when, on several pages, it runs in step with the physical page number.
    """
    candidates: dict[int, tuple[PageLines, Line]] = {}
    for page in pages:
        if page.label or not page.lines:
            continue
        ordered = sorted(page.lines, key=lambda ln: ln.top)
        for line in (ordered[-1], ordered[0]):
            text = line.text.strip()
            if text.isdigit() and len(text) <= 4 and page_furniture.is_page_number(text):
                candidates[page.number] = (page, line)
                break
    offsets = Counter(int(line.text) - number for number, (_, line) in candidates.items())
    if not offsets:
        return
    offset, count = offsets.most_common(1)[0]
    if count < 3:
        return
    for number, (page, line) in candidates.items():
        if int(line.text) - number == offset:
            page.label = line.text.strip()
            page.furniture.append(line)
            page.lines.remove(line)
            if line.text not in removed:
                removed.append(line.text)
