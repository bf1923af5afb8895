"""Candidate passages for annotators: what `analyze` would read, pinned to a label reference.

A candidate must look like an `analyze` passage (a few sentences within one
section, with the same section path and heading, so training sees the same
`topic_text`) and must also carry offsets into the text a label reference
rebuilds (`sources`). The two texts differ: ingest drops running headers,
re-orders columns, strips Markdown and joins hyphenated words; the reference
text is the page or file as it is. So:

1. the document goes through the project's own ingest and segment stages;
2. each passage is anchored in the reference text by a search that ignores
   everything but letters and digits (whitespace, bullets, table rules,
   hyphens and markup); anchored passages keep ingest's section, heading,
   role and block kind;
3. reference text no anchored passage covers (columns read in another order,
   passages straddling pages, cover pages and furniture the ingest dropped)
   is cut into sentence groups of the same size, and takes its section from
   the nearest preceding heading-like line or, failing that, from the
   anchored passage before it.

Tables, tables of contents, cover pages and glossaries stay in: they are the
hard negatives the classifier needs.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nlp_pipeline.labelled import normalise, text_hash
from nlp_pipeline.labelled.sources import SourceUnit, source_units
from nlp_pipeline.records import BlockKind, DocumentKind, Passage

MAX_WORDS = 120  # as SegmentationSettings: what analyze puts in one passage
MAX_SENTENCES = 5
MIN_WORDS = 3  # below this a run is a page number or a stray label, not a passage
HEADING_MAX_WORDS = 14

# Markup that ingest strips but the raw reference text keeps: blanked (same
# length) before anchoring so offsets stay those of the raw text.
_MARKUP = re.compile(r"\]\([^)\s]*\)|<[^>\n]{1,200}>|!\[")

# Top folder (under ../shared/corpora or its extended/) -> kind of document.
KIND_OF_FOLDER = {
    "eu_law": DocumentKind.LEGISLATION,
    "industry": DocumentKind.INITIATIVE,
    "company": DocumentKind.REPORT,
    "company_pdf": DocumentKind.REPORT,
}


@dataclass(frozen=True)
class Candidate:
    """One passage offered to annotators, with the reference a label line needs."""

    id: str
    doc_kind: str
    source: dict[str, Any]  # file, page / json_path / extract, start, end
    text: str
    section: str = ""
    heading: str = ""
    role: str = ""
    block_kind: str = ""  # paragraph, list_item, table, footnote; "" for raw cuts
    anchored: bool = False  # True: an analyze passage found in the reference text

    @property
    def sha1(self) -> str:
        return text_hash(self.text)

    @property
    def page(self) -> int | None:
        return self.source.get("page")

    def to_dict(self) -> dict[str, Any]:
        return {
            "candidate": self.id,
            "doc_kind": self.doc_kind,
            "source": self.source,
            "sha1": self.sha1,
            "page": self.page,
            "section": self.section,
            "heading": self.heading,
            "role": self.role,
            "block_kind": self.block_kind,
            "anchored": self.anchored,
            "text": self.text,
        }


def document_slug(relative: str) -> str:
    """`extended/company_pdf/IBM_Conflict_Minerals_Report_CY2024.pdf` -> `ibm-conflict-minerals-report-cy2024`."""
    stem = Path(relative).stem.lower()
    return re.sub(r"[^a-z0-9]+", "-", stem).strip("-")


def kind_of_file(relative: str) -> DocumentKind:
    parts = Path(relative).parts
    for part in parts[:2]:
        if part in KIND_OF_FOLDER:
            return KIND_OF_FOLDER[part]
    return DocumentKind.UNKNOWN


# -- anchoring -------------------------------------------------------------------


@dataclass
class _Skeleton:
    """Letters and digits of a text, case-folded, with the raw offset of each."""

    chars: str
    offsets: list[int]


def skeleton(text: str, mask_markup: bool = False) -> _Skeleton:
    if mask_markup:
        text = _MARKUP.sub(lambda m: " " * len(m.group(0)), text)
    chars: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text):
        if char.isascii():
            if char.isalnum():
                chars.append(char.lower())
                offsets.append(index)
            continue
        for folded in unicodedata.normalize("NFKC", char).casefold():
            if folded.isalnum():
                chars.append(folded)
                offsets.append(index)
    return _Skeleton("".join(chars), offsets)


@dataclass
class _Unit:
    source: SourceUnit
    skeleton: _Skeleton
    claimed: list[tuple[int, int]] = field(default_factory=list)  # raw spans taken by anchored passages
    cursor: int = 0  # skeleton position after the last anchored passage

    def free(self, start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in self.claimed)


@dataclass(frozen=True)
class _Span:
    unit: int
    start: int
    end: int
    section: str = ""
    heading: str = ""
    role: str = ""
    block_kind: str = ""
    anchored: bool = False


def anchor(passages: Sequence[Passage], units: list[_Unit], paged: bool) -> list[_Span]:
    """The passages found in the reference texts, each as a raw span of one unit."""
    spans: list[_Span] = []
    last_unit = 0
    for passage in passages:
        needle = skeleton(passage.text, mask_markup=not paged).chars
        if len(needle) < 8:
            continue  # too short to place without guessing
        if paged:
            if passage.page_start != passage.page_end:
                continue  # a page-straddling passage has no single reference text
            order = [passage.page_start - 1] if 0 < passage.page_start <= len(units) else []
        else:
            order = list(range(last_unit, len(units))) + list(range(last_unit))
        for index in order:
            found = _find(units[index], needle)
            if found is None:
                continue
            start, end = found
            units[index].claimed.append((start, end))
            spans.append(_Span(index, start, end, " > ".join(passage.section), passage.heading, passage.role,
                               passage.kind.value, anchored=True))
            last_unit = index
            break
    return spans


def _find(unit: _Unit, needle: str) -> tuple[int, int] | None:
    haystack = unit.skeleton.chars
    for origin in (unit.cursor, 0):
        position = haystack.find(needle, origin)
        while position >= 0:
            start = unit.skeleton.offsets[position]
            end = unit.skeleton.offsets[position + len(needle) - 1] + 1
            start, end = _widen(unit.source.text, start, end)
            if unit.free(start, end):
                unit.cursor = position + len(needle)
                return start, end
            position = haystack.find(needle, position + 1)
    return None


def _widen(text: str, start: int, end: int) -> tuple[int, int]:
    """Take in the punctuation glued to the first and last word: "(i)", "end.)", quotes."""
    while start > 0 and not text[start - 1].isspace() and not text[start - 1].isalnum():
        start -= 1
    while end < len(text) and not text[end].isspace() and not text[end].isalnum():
        end += 1
    return start, end


# -- cutting what no passage covers ---------------------------------------------------

_LINE = re.compile(r"[^\r\n]+")
_NUMBERED = re.compile(r"^(\d{1,2}(\.\d{1,2})*\.?|[A-Z]\.|[IVX]{1,5}\.|Article \d+|ANNEX\b|#{1,6})\s*\S")


def word_count(text: str) -> int:
    """Words with a letter or digit in them: table rules, bullets and markup do not count."""
    return sum(any(ch.isalnum() for ch in token) for token in _MARKUP.sub(" ", text).split())


def heading_like(line: str) -> bool:
    """A short title line: few words, no sentence end, capitalised or numbered, or a Markdown heading."""
    text = line.strip()
    if text.startswith("#"):
        return bool(text.lstrip("#").strip())
    words = text.split()
    if not words or len(words) > HEADING_MAX_WORDS or text[-1] in ".;,:" or "|" in text:
        return False
    if sum(ch.isalpha() for ch in text) < 3:
        return False
    return bool(_NUMBERED.match(text)) or text[0].isupper()


def heading_text(line: str) -> str:
    return normalise(line.strip().lstrip("#"))


_PAGE_NUMBER = re.compile(r"^\s*(page\s+)?\d{1,4}(\s*(/|of)\s*\d{1,4})?\s*$", re.IGNORECASE)


def is_furniture(line: str, furniture: set[str]) -> bool:
    """A page number, or a line made only of running headers and footers ingest removed.

    pypdfium2 may give "May 2024 Page 19 of 48" as one line where ingest saw
    two pieces of furniture.
    """
    text = normalise(line)
    if _PAGE_NUMBER.match(text) or text in furniture:
        return True
    if len(text.split()) > HEADING_MAX_WORDS:
        return False
    for piece in sorted((f for f in furniture if f and f in text), key=len, reverse=True):
        text = text.replace(piece, " ")
    return not any(ch.isalnum() for ch in text)


@dataclass(frozen=True)
class _Line:
    start: int
    end: int
    heading: bool
    furniture: bool = False


def _lines(text: str, start: int, end: int, furniture: set[str]) -> list[_Line]:
    lines = [_Line(m.start() + start, m.end() + start, False) for m in _LINE.finditer(text[start:end])]
    lines = [line for line in lines if text[line.start : line.end].strip()]
    words = [text[line.start : line.end] for line in lines]
    flags = [heading_like(line) for line in words]
    # A wrapped line of running text can look like a title. A title follows a
    # finished sentence (or another title) and the line after it does not run
    # on in lower case.
    for i in range(len(lines)):
        # The first line of a stretch follows a passage analyze ended, or the start of a page.
        before = words[i - 1].rstrip() if i else ""
        after = words[i + 1].lstrip() if i + 1 < len(lines) else ""
        runs_on = before and before[-1] not in ".:;!?)" and not (i and flags[i - 1])
        if flags[i] and not words[i].lstrip().startswith("#") and (runs_on or (after and after[0].islower())):
            flags[i] = False
    lines = [_Line(line.start, line.end, False, furniture=is_furniture(w, furniture)) for line, w in zip(lines, words)]
    # Three or more short lines in a row are a list, a table of contents or a
    # table, not a run of headings: keep them as text.
    result: list[_Line] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and flags[j]:
            j += 1
        run = j - i
        for k in range(i, j):
            markdown = text[lines[k].start : lines[k].end].lstrip().startswith("#")
            result.append(_Line(lines[k].start, lines[k].end, run < 3 or markdown, lines[k].furniture))
        if j == i:
            result.append(lines[i])
            j = i + 1
        i = j
    return result


def cut_gaps(units: list[_Unit], anchored: list[_Span], furniture: set[str]) -> list[_Span]:
    """Sentence groups over the reference text that no anchored passage covers."""
    from nlp_pipeline.segment import split_sentences

    by_unit: dict[int, list[_Span]] = {}
    for span in anchored:
        by_unit.setdefault(span.unit, []).append(span)
    cuts: list[_Span] = []
    previous: _Span | None = None
    for index, unit in enumerate(units):
        text = unit.source.text
        taken = sorted(by_unit.get(index, []), key=lambda s: s.start)
        position = 0
        for span in [*taken, None]:
            gap_end = span.start if span else len(text)
            if gap_end > position:
                cuts.extend(_cut_gap(index, text, position, gap_end, previous, furniture, split_sentences))
                if cuts and cuts[-1].unit == index:
                    previous = cuts[-1]
            if span is not None:
                previous = span
                position = max(position, span.end)
    return cuts


def _cut_gap(index: int, text: str, start: int, end: int, previous: _Span | None, furniture: set[str],
             split_sentences) -> list[_Span]:
    section = previous.section if previous else ""
    heading = previous.heading if previous else ""
    role = previous.role if previous else ""
    spans: list[_Span] = []
    body: list[_Line] = []

    def flush() -> None:
        if body:
            spans.extend(_group(index, text, body, section, heading, role, furniture, split_sentences))
            body.clear()

    for line in _lines(text, start, end, furniture):
        if line.furniture:
            flush()
        elif line.heading:
            flush()
            section, heading, role = heading_text(text[line.start : line.end]), "", ""
        else:
            body.append(line)
    flush()
    return spans


def _group(index: int, text: str, lines: list[_Line], section: str, heading: str, role: str, furniture: set[str],
           split_sentences) -> list[_Span]:
    start, end = lines[0].start, lines[-1].end
    pieces: list[tuple[int, int]] = []
    for s, e in split_sentences(text[start:end]):
        pieces.extend(_split_long(text, start + s, start + e))
    groups: list[list[tuple[int, int]]] = []
    for piece in pieces:
        if groups:
            current = groups[-1]
            words = len(text[current[0][0] : piece[1]].split())
            if len(current) < MAX_SENTENCES and words <= MAX_WORDS:
                current.append(piece)
                continue
        groups.append([piece])
    spans = []
    for group in groups:
        s, e = group[0][0], group[-1][1]
        words = normalise(text[s:e])
        if word_count(words) < MIN_WORDS or words in furniture:
            continue
        spans.append(_Span(index, s, e, section, heading, role))
    return spans


def _split_long(text: str, start: int, end: int) -> Iterable[tuple[int, int]]:
    """A "sentence" longer than a passage (a table, a list without full stops) split at line ends."""
    if len(text[start:end].split()) <= MAX_WORDS:
        yield start, end
        return
    chunk_start = start
    for line in _LINE.finditer(text, start, end):
        if len(text[chunk_start : line.end()].split()) > MAX_WORDS and line.start() > chunk_start:
            yield chunk_start, _rstrip(text, chunk_start, line.start())
            chunk_start = line.start()
    yield chunk_start, end


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


# -- the whole document ---------------------------------------------------------------


@dataclass
class CandidateReport:
    candidates: list[Candidate]
    anchored: int
    cut: int
    ingest_error: str = ""


def document_candidates(relative: str, shared: Path, doc_kind: DocumentKind | None = None) -> CandidateReport:
    """Every candidate passage of one document of ../shared/corpora, in document order."""
    from nlp_pipeline.ingest import read_document
    from nlp_pipeline.segment import segment_document

    sources = list(source_units(relative, shared))
    paged = relative.lower().endswith(".pdf")
    units = [_Unit(s, skeleton(s.text, mask_markup=not paged)) for s in sources]
    passages: list[Passage] = []
    furniture: set[str] = set()
    ingest_error = ""
    try:
        document = read_document(Path(shared) / relative)
        passages = segment_document(document)
        # Footnotes travel as notes of the passages that cite them, not as passages: not cut either.
        furniture = {normalise(line) for line in document.headers_removed} | {
            normalise(b.text) for b in document.blocks if b.kind is BlockKind.FOOTNOTE
        }
        if doc_kind is None and kind_of_file(relative) is DocumentKind.UNKNOWN:
            doc_kind = document.kind
    except Exception as error:  # noqa: BLE001 - a reader bug must not stop labelling; raw cuts still work
        ingest_error = f"{type(error).__name__}: {error}"
    kind = doc_kind or kind_of_file(relative)
    anchored = anchor(passages, units, paged)
    cuts = cut_gaps(units, anchored, furniture)
    spans = sorted([*anchored, *cuts], key=lambda s: (s.unit, s.start))
    slug = document_slug(relative)
    candidates = []
    for span in spans:
        text = normalise(units[span.unit].source.text[span.start : span.end])
        if word_count(text) < MIN_WORDS:
            continue
        candidates.append(
            Candidate(
                id=f"{slug}-{len(candidates) + 1}",
                doc_kind=kind.value,
                source={**units[span.unit].source.reference, "start": span.start, "end": span.end},
                text=text,
                section=span.section,
                heading=span.heading,
                role=span.role,
                block_kind=span.block_kind,
                anchored=span.anchored,
            )
        )
    return CandidateReport(candidates, sum(c.anchored for c in candidates),
                           sum(not c.anchored for c in candidates), ingest_error)


def _reference_key(source: dict[str, Any]) -> tuple:
    return (source.get("file"), source.get("page"), tuple(source.get("json_path", ())), source.get("extract"))


def existing_overlaps(candidates: Sequence[Candidate], labelled: Path) -> dict[str, list[str]]:
    """Candidate id -> ids of labels (gold or held out) whose reference overlaps it, so nothing is labelled twice."""
    import json

    spans: dict[tuple, list[tuple[int, int, str]]] = {}
    files = sorted(Path(labelled).glob("*.jsonl")) + sorted((Path(labelled) / "heldout").glob("*.jsonl"))
    for file in files:
        for line in file.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            record = json.loads(line)
            source = record.get("source") or {}
            if "start" in source and "end" in source:
                spans.setdefault(_reference_key(source), []).append((int(source["start"]), int(source["end"]),
                                                                     str(record.get("id"))))
    found: dict[str, list[str]] = {}
    for candidate in candidates:
        start, end = candidate.source["start"], candidate.source["end"]
        hits = [i for a, b, i in spans.get(_reference_key(candidate.source), []) if a < end and start < b]
        if hits:
            found[candidate.id] = hits
    return found
