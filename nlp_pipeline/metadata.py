"""A document's year and language, read from its name and text where the file does not state them.

Detection only fills what ingest left open; a corpus manifest (corpus.py)
overrides both. The year is the first plausible year in the file name, else
in the title ("Annual Report 2023", "CY2025", "2022_2464"); the language is the
one whose commonest words are most frequent in the opening text, among the
languages the roadmap's documents are published in.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from nlp_pipeline.records import Document

_YEAR = re.compile(r"(?<!\d)(199\d|20[0-4]\d)(?!\d)")
_SAMPLE_CHARS = 20_000
_MIN_WORDS = 40
# The thirty-odd commonest function words per language: enough to tell
# these languages apart on a page of text, and words no other one shares much.
_FUNCTION_WORDS = {
    "en": "the of and to in is that for are with as on be by this it from or which shall an not have has their".split(),
    "de": "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an werden aus".split(),
    "fr": "de la le et les des en du un une est que pour dans qui par sur au plus pas ne sont ou aux avec ses".split(),
    "es": "de la que el en y los del se las por un para con no una su al es lo como más o pero sus le".split(),
    "it": "di e il la che in per un del della è le non si con da una dei sono al gli nel alla delle".split(),
    "nl": "de van het een en in is op dat te voor zijn met die niet aan er om ook als door naar bij".split(),
}


def detect_year(document: Document) -> int | None:
    for source in (Path(document.path).stem, document.title):
        found = _YEAR.search(source or "")
        if found:
            return int(found.group(1))
    return None


def detect_language(text: str) -> str | None:
    """The language code whose function words are commonest in `text`, or None for too little text."""
    words = re.findall(r"[^\W\d_]+", text[:_SAMPLE_CHARS].lower())
    if len(words) < _MIN_WORDS:
        return None
    counts = {code: 0 for code in _FUNCTION_WORDS}
    vocabulary = {code: set(listed) for code, listed in _FUNCTION_WORDS.items()}
    for word in words:
        for code, known in vocabulary.items():
            if word in known:
                counts[code] += 1
    best = max(counts, key=counts.__getitem__)
    return best if counts[best] >= _MIN_WORDS // 4 else None


def with_detected_metadata(document: Document, overrides: dict[str, object] | None = None) -> Document:
    """The document with its year and language filled in where detectable, then the manifest's values."""
    detected: dict[str, object] = {}
    if document.year is None:
        year = detect_year(document)
        if year is not None:
            detected["year"] = year
    language = detect_language(" ".join(block.text for block in document.blocks[:200]))
    if language:
        detected["language"] = language
    detected.update(overrides or {})
    return replace(document, **detected) if detected else document
