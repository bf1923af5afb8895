"""Source references: which text a label's offsets point into, and how it is rebuilt.

A reference names a file under ../shared/corpora and, by its fields, the text
its `start`/`end` offsets index:

- PDF: the text of page `page` exactly as pypdfium2 gives it;
- JSON: the string at `json_path`;
- `"extract": "html_text"`: the visible text of an HTML page, extracted by
  `html_text` below (markup offsets would break on any re-save);
- anything else: the file's own characters (Markdown, plain text).

These extractions are deliberately the project's own and independent of
`nlp_pipeline.ingest`: ingest may improve at any time, a label's offsets and
hash must not move with it. Each mode is a reader in a registry, so a new
format adds a reader and leaves the others alone.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from nlp_pipeline.errors import LabelError


class SourceError(LabelError):
    """A reference that cannot be followed (unknown extract mode, missing page, bad path)."""


# (file, reference) -> the whole text the reference's offsets index.
SourceReader = Callable[[Path, dict[str, Any]], str]
_READERS: dict[str, SourceReader] = {}
_EXTRACT_MODES: set[str] = set()  # the modes a reference names in its "extract" field


def reader(mode: str, extract: bool = False) -> Callable[[SourceReader], SourceReader]:
    def register(function: SourceReader) -> SourceReader:
        _READERS[mode] = function
        if extract:
            _EXTRACT_MODES.add(mode)
        return function

    return register


def reference_mode(source: dict[str, Any]) -> str:
    """Which reader a reference needs."""
    extract = source.get("extract")
    if extract is not None:
        if extract not in _EXTRACT_MODES:
            raise SourceError(f"{source.get('file')}: unknown extract mode {extract!r} (known: {', '.join(sorted(_EXTRACT_MODES))})")
        return extract
    if str(source["file"]).lower().endswith(".pdf"):
        return "pdf_page"
    if "json_path" in source:
        return "json_path"
    return "raw"


def source_text(source: dict[str, Any], shared: Path) -> str | None:
    """The whole text (page, JSON string, extracted page, file) a reference's offsets index, or None if absent."""
    file = Path(shared) / source["file"]
    if not file.exists():
        return None
    return _READERS[reference_mode(source)](file, source)


def resolve_source(source: dict[str, Any], shared: Path) -> str | None:
    """The text a source reference points at, or None when the file is absent."""
    text = source_text(source, shared)
    if text is None:
        return None
    return text[int(source["start"]) : int(source["end"])]


# -- readers -------------------------------------------------------------------


@reader("raw")
def _raw(file: Path, source: dict[str, Any]) -> str:
    return _plain(str(file))


@reader("json_path")
def _json_node(file: Path, source: dict[str, Any]) -> str:
    node: Any = _json(str(file))
    try:
        for step in source["json_path"]:
            node = node[step]
    except (KeyError, IndexError, TypeError) as exc:
        raise SourceError(f"{source['file']}: json_path {source['json_path']} not found") from exc
    return str(node)


@reader("pdf_page")
def _pdf_page(file: Path, source: dict[str, Any]) -> str:
    return _pdf_page_text(str(file), int(source["page"]))


@reader("html_text", extract=True)
def _html(file: Path, source: dict[str, Any]) -> str:
    return _html_text_of(str(file))



@lru_cache(maxsize=16)
def _json(path: str) -> Any:
    return json.loads(Path(path).read_text(encoding="utf-8"))


@lru_cache(maxsize=16)
def _plain(path: str) -> str:
    return Path(path).read_text(encoding="utf-8")


@lru_cache(maxsize=4096)
def _pdf_page_text(path: str, page: int) -> str:
    """Text of one page exactly as pypdfium2 gives it; offsets refer to this."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(path)
    try:
        if not 1 <= page <= len(pdf):
            raise SourceError(f"{Path(path).name}: page {page} out of range 1-{len(pdf)}")
        textpage = pdf[page - 1].get_textpage()
        return textpage.get_text_range()
    finally:
        pdf.close()


@lru_cache(maxsize=16)
def _pdf_page_count(path: str) -> int:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(path)
    try:
        return len(pdf)
    finally:
        pdf.close()


# -- HTML ------------------------------------------------------------------------

# Never visible text. (EDGAR filings put <title> inside the body.)
_INVISIBLE = ("script", "style", "noscript", "template", "head", "title", "svg", "iframe", "object")
# Tags that start a new line of text; everything else is inline and joins its neighbours.
_LINE_TAGS = (
    "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr",
    "thead", "tbody", "tfoot", "caption", "br", "hr", "section", "article", "main", "header", "footer",
    "nav", "aside", "figure", "figcaption", "blockquote", "pre", "address", "form", "fieldset",
)
_CELL_TAGS = ("td", "th")
_CELL = "\x1f"  # placeholder between table cells, never in real text
_SPACES = re.compile(r"[^\S\n\x1f]+")


def html_text(markup: str) -> str:
    """The visible text of an HTML page: one line per block, cells joined by " | ", spaces collapsed.

    Inline tags (font, span, b, a) join their neighbours without a space, so
    a word split across two <font> runs stays one word.
    """
    from bs4 import BeautifulSoup
    from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction

    soup = BeautifulSoup(markup, "lxml")
    for tag in soup.find_all(_INVISIBLE):
        tag.decompose()
    for tag in soup.find_all(_LINE_TAGS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    for tag in soup.find_all(_CELL_TAGS):
        tag.insert_before(_CELL)
    hidden = (Comment, Declaration, Doctype, ProcessingInstruction)
    raw = "".join(s for s in soup.find_all(string=True) if not isinstance(s, hidden))
    lines = []
    for line in _SPACES.sub(" ", raw).split("\n"):
        cells = [cell.strip() for cell in line.split(_CELL)]
        text = " | ".join(cell for cell in cells if cell)
        if text:
            lines.append(text)
    return "\n".join(lines)


@lru_cache(maxsize=16)
def _html_text_of(path: str) -> str:
    data = Path(path).read_bytes()
    try:
        markup = data.decode("utf-8")
    except UnicodeDecodeError:
        markup = data.decode("cp1252", errors="replace")
    return html_text(markup)


# -- units: every text a document's references can point into ---------------------


@dataclass(frozen=True)
class SourceUnit:
    """One text a reference can index (a PDF page, a JSON string, a whole file), with its reference minus offsets."""

    reference: dict[str, Any]
    text: str

    @property
    def page(self) -> int | None:
        return self.reference.get("page")


# Default extraction per file suffix, for new references. Formats not listed keep raw offsets.
_EXTRACT_FOR_SUFFIX = {".html": "html_text", ".htm": "html_text", ".xhtml": "html_text"}


def source_units(relative: str, shared: Path) -> Iterator[SourceUnit]:
    """Every text of one document that a new reference can point into, in document order."""
    file = Path(shared) / relative
    if not file.is_file():
        raise SourceError(f"{relative}: not found under {shared}")
    suffix = file.suffix.lower()
    if suffix == ".pdf":
        for page in range(1, _pdf_page_count(str(file)) + 1):
            reference = {"file": relative, "page": page}
            yield SourceUnit(reference, source_text(reference, shared) or "")
    elif suffix == ".json":
        for path, text in _json_strings(_json(str(file)), []):
            yield SourceUnit({"file": relative, "json_path": path}, text)
    elif suffix in _EXTRACT_FOR_SUFFIX:
        reference = {"file": relative, "extract": _EXTRACT_FOR_SUFFIX[suffix]}
        yield SourceUnit(reference, source_text(reference, shared) or "")
    else:
        reference = {"file": relative}
        yield SourceUnit(reference, source_text(reference, shared) or "")


def _json_strings(node: Any, path: list[Any]) -> Iterator[tuple[list[Any], str]]:
    if isinstance(node, str):
        yield list(path), node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _json_strings(value, [*path, key])
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _json_strings(value, [*path, index])
