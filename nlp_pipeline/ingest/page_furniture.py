"""Running headers, footers and page numbers: find them, and read the printed page number.

Paged formats repeat the same lines at the top and bottom of every page
("L 322/12  EN  Official Journal of the European Union  16.12.2022", "BHP
Climate Change Report 2020  10"). Left in, they cut sentences in half at every
page break and turn up in passages as false evidence. A line counts as furniture
when, with its digits masked, it stands in the top or bottom band of enough
pages, or when it is nothing but a page number.

Everything here is a pure function of the band lines' text, so any paged
backend can use it: the backend decides what its bands are.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

_DIGITS = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")
# Recto and verso pages of a two-sided layout put the same parts in a different
# order ("L 322/16 EN ... 16.12.2022" and "16.12.2022 EN ... L 322/15"), so the
# key is the sorted bag of words, not the string.
_WORD = re.compile(r"[^\W_]+|[^\w\s]", re.UNICODE)

_OJ_PAGE = re.compile(r"\b[LC]\s?\d{1,4}\s?/\s?(\d{1,4})\b")
_PAGE_WORD = re.compile(r"\b(?:page|p\.|pg\.?|seite|página|pagina)\s*(\d{1,4})(?:\s*(?:of|/|von|de)\s*\d{1,4})?\b", re.I)
_BARE_NUMBER = re.compile(r"^[\s\-–—|•·]*(\d{1,4}|[ivxlc]{1,7})[\s\-–—|•·]*$", re.I)
_N_OF_M = re.compile(r"^\s*(\d{1,4})\s*(?:/|of)\s*\d{1,4}\s*$", re.I)
_EDGE_NUMBER = re.compile(r"^\s*(\d{1,4})\b(?!\s*[./:%,]\d)|(?<![./:,\d])\b(\d{1,4})\s*$")
_YEAR = re.compile(r"^(19|20)\d\d$")

DEFAULT_MIN_SHARE = 0.25
MIN_REPEATS = 4  # a line at the same place on this many pages is running, however long the document
POSITION_TOLERANCE = 4.0  # points a running line may drift from page to page


def furniture_key(text: str) -> str:
    """The line with digits masked, case and spacing ignored, word order ignored."""
    masked = _DIGITS.sub("#", text.lower())
    words = _WORD.findall(masked)
    return " ".join(sorted(words))


def is_page_number(text: str) -> bool:
    """A line that is only a page number: "12", "- 12 -", "Page 12", "12 of 40", "xii"."""
    stripped = _SPACE.sub(" ", text).strip()
    if not stripped:
        return False
    if _BARE_NUMBER.match(stripped) or _N_OF_M.match(stripped):
        return True
    m = _PAGE_WORD.fullmatch(stripped)
    return bool(m)


def running_keys(
    bands: Sequence[Sequence[str]],
    positions: Sequence[Sequence[float]] | None = None,
    min_share: float = DEFAULT_MIN_SHARE,
    min_repeats: int | None = MIN_REPEATS,
) -> dict[str, float | None]:
    """Keys of band lines that repeat on enough pages to be running headers or footers.

    `bands` holds, per page, the text of the lines in its top and bottom bands.
    A key must repeat on at least two pages and on `min_share` of the pages
    with text, so that recto/verso variants (each on half of the pages) pass,
    or, standing at the same place, on MIN_REPEATS pages (a chapter's running
    title in a long document).
    With `positions` (each line's distance from the nearer page edge), the
    repeats must also stand at the same place: the last line of a footnote
    ("p. 1).") recurs at the page foot too, but never at the same height.
    Returns each key with the position it stands at (None without positions).
    """
    pages_with_text = sum(1 for band in bands if band)
    if pages_with_text < 2:
        return {}
    needed = max(2, math.ceil(min_share * pages_with_text))
    seen: dict[str, list[float | None]] = {}
    for p, band in enumerate(bands):
        on_page: dict[str, float | None] = {}
        for j, text in enumerate(band):
            key = furniture_key(text)
            if key and key not in on_page:
                on_page[key] = positions[p][j] if positions is not None else None
        for key, pos in on_page.items():
            seen.setdefault(key, []).append(pos)
    keys: dict[str, float | None] = {}
    for key, where in seen.items():
        if positions is None:
            if len(where) >= needed:
                keys[key] = None
            continue
        enough = min(needed, min_repeats) if min_repeats else needed
        if len(where) < enough:
            continue
        usual = Counter(round(pos) for pos in where if pos is not None).most_common(1)[0][0]
        placed = sum(1 for pos in where if pos is not None and abs(pos - usual) <= POSITION_TOLERANCE)
        if placed >= enough:
            keys[key] = float(usual)
    return keys


def furniture_flags(
    bands: Sequence[Sequence[str]],
    positions: Sequence[Sequence[float]] | None = None,
    min_share: float = DEFAULT_MIN_SHARE,
) -> list[list[bool]]:
    """Per page, per band line: whether it is furniture (repeated in place, or a bare page number)."""
    keys = running_keys(bands, positions, min_share)
    flags: list[list[bool]] = []
    for p, band in enumerate(bands):
        row = []
        for j, text in enumerate(band):
            key = furniture_key(text)
            repeated = key in keys and (
                positions is None or keys[key] is None or abs(positions[p][j] - keys[key]) <= POSITION_TOLERANCE + 1
            )
            row.append(repeated or is_page_number(text))
        flags.append(row)
    return flags


def printed_page_number(furniture: Sequence[str]) -> str:
    """The page number printed in a page's furniture lines, or "" if none is clear.

    Tried in order of how unambiguous the pattern is: an Official Journal
    reference ("L 322/12" gives "12"), "Page 12", a line that is only a number,
    then a number at either end of a running line ("10 BHP Climate Change
    Report 2020"), never a year.
    """
    for text in furniture:
        m = _OJ_PAGE.search(text)
        if m:
            return m.group(1)
    for text in furniture:
        m = _PAGE_WORD.search(text)
        if m:
            return m.group(1)
    for text in furniture:
        stripped = text.strip(" -–—|•·")
        m = _BARE_NUMBER.match(stripped) or _N_OF_M.match(stripped)
        if m and not _YEAR.match(m.group(1)):
            return m.group(1)
    for text in furniture:
        for m in _EDGE_NUMBER.finditer(text.strip()):
            value = m.group(1) or m.group(2)
            if value and not _YEAR.match(value):
                return value
    return ""


def strip_lines(lines: Sequence[str], removed: Sequence[str]) -> list[str]:
    """The lines without those whose key matches a removed furniture line."""
    keys = {furniture_key(text) for text in removed}
    return [line for line in lines if furniture_key(line) not in keys]
