"""Words a reader can repeat: quotes shortened at a word or sentence boundary, plurals that agree.

A journalist copies what a report shows; a quote cut at a fixed character
count ("...the company’s own business plan,") misrepresents the source. Every
writer that shortens document text goes through these two functions, which
mark the cut with an ellipsis.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

ELLIPSIS = "…"
# A sentence ends at . ! ? (optionally closed by a quote or bracket) before a
# space and a capital, digit, bracket or quote that opens the next one.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]?\s+(?=[A-Z0-9(\[\"'“‘])")
# Abbreviations a sentence does not end on ("Art. 5", "No. 2017/821", "e.g. the").
_ABBREVIATION = re.compile(r"(?:\b(?:Art|No|Nos|para|paras|p|pp|e\.g|i\.e|etc|vs|cf|Mr|Ms|Dr|St|Co|Inc|Ltd|approx|fig|"
                           r"Reg|Dir|OJ|vol)|\b[A-Z])\.$")


def shorten(text: str, limit: int) -> str:
    """`text` as it is if it fits, else its words cut at the last boundary within `limit`, with an ellipsis."""
    if len(text) <= limit:
        return text
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: max(limit - 1, 1)]
    boundary = cut.rfind(" ")
    # Only a single word longer than the limit is cut inside itself.
    if boundary > 0 and text[len(cut):len(cut) + 1] != " ":
        cut = cut[:boundary]
    return cut.rstrip(" ,;:–—-") + ELLIPSIS


def sentences(text: str) -> list[str]:
    """The sentences of a passage, split conservatively (abbreviations keep their sentence)."""
    text = " ".join(text.split())
    parts: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        head = text[start:match.start() + 1]
        # "1. Member States shall ...": a paragraph number is no sentence of its own.
        if _ABBREVIATION.search(head.rstrip("\"'”’)]")) or len(head.strip()) <= 4:
            continue
        parts.append(text[start:match.end()].strip())
        start = match.end()
    tail = text[start:].strip()
    if tail:
        parts.append(tail)
    return parts


_CLOSED = re.compile(r"[.!?:;\"'”’)\]]$")


def whole_sentences(text: str, limit: int, focus: Iterable[str] = ()) -> str:
    """As many whole sentences as fit in `limit`, from the first that holds a `focus` phrase (else the start).

    An ellipsis marks text left out before or after, and a passage that starts
    or stops mid-sentence (a page break cut it); a first sentence longer than
    `limit` is shortened at a word boundary.
    """
    parts = sentences(text)
    if not parts:
        return ""
    lowered = [p.lower() for p in parts]
    first = next((i for phrase in focus if phrase for i, p in enumerate(lowered) if phrase.lower() in p), 0)
    kept = [parts[first]]
    for part in parts[first + 1:]:
        if len(" ".join(kept)) + 1 + len(part) > limit:
            break
        kept.append(part)
    quote = " ".join(kept)
    if len(quote) > limit:
        quote = shorten(quote, limit)
    elif first + len(kept) < len(parts) or not _CLOSED.search(quote):
        quote += " " + ELLIPSIS
    if first > 0 or quote[:1].islower():
        quote = ELLIPSIS + " " + quote
    return quote


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """"1 page", "2 pages", "0 categories" (give the plural where adding s is wrong)."""
    if count == 1:
        return f"{count} {singular}"
    if plural_form is None:
        plural_form = singular[:-1] + "ies" if singular.endswith("y") and singular[-2:-1] not in "aeiou" else singular + "s"
    return f"{count:,} {plural_form}"


def trail_end(path: str, limit: int, separator: str = " > ") -> str:
    """The end of a section trail, where the specific heading is: "… > 2.2 Reducing emissions > Pathways"."""
    if len(path) <= limit:
        return path
    parts = path.split(separator)
    kept: list[str] = []
    for part in reversed(parts):
        if kept and len(separator.join([part, *kept])) + 2 > limit:
            break
        kept.insert(0, part)
    tail = separator.join(kept)
    return ELLIPSIS + separator + tail if len(tail) <= limit else shorten(parts[-1], limit)
