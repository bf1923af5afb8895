"""HTML: web pages and EU acts as EUR-Lex publishes them.

Generic pages get their section trail from h1-h6. EUR-Lex acts (classes such
as `oj-ti-art`, `oj-normal`, points laid out as two-cell tables) are read as a
sequence of paragraphs and handed to the legal structure tracker, so their
blocks carry "Article 14", "2", "(b)" like every other format of the same act.
HTML has no pages of its own: every block is on page 1 with no printed label,
unless the page marks where printing breaks pages (`page-break-after: always`,
as SEC filings do). Then blocks carry the page they print on, and a page's
printed number (a line of its own just before the break) becomes its label
instead of text, and a line repeated at the head or foot of the pages (an
exhibit's running title) is dropped as the PDF backend drops it. Raised
footnote marks ("minerals³", set as a small raised number) are dropped from
the text, as the PDF backend drops them: read inline they become figures
("suppliers 5 to source ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import Comment

from nlp_pipeline.errors import InputError
from nlp_pipeline.ingest.legal_structure import (
    LegalStructureTracker,
    looks_like_legal_act,
    merge_bare_labels,
    normalise_space,
)
from nlp_pipeline.ingest.page_furniture import furniture_flags
from nlp_pipeline.ingest.registry import register_backend
from nlp_pipeline.ingest.common import BlockCollector, build_document, decode_text
from nlp_pipeline.records import BlockKind, Document, DocumentKind

# Page furniture, never content.
_FURNITURE = ("script", "style", "noscript", "template", "nav", "header", "footer", "form", "button", "svg", "iframe")
_HEADINGS = {f"h{i}": i for i in range(1, 7)}
_LEAF_BLOCKS = {"p", "li", "dt", "dd", "caption", "figcaption", "blockquote", "pre", "address", *_HEADINGS}
_CONTAINERS = {"div", "section", "article", "main", "body", "html", "ul", "ol", "dl", "aside", "figure", "span", "td", "th"}
_BLOCK_TAGS = _LEAF_BLOCKS | {"div", "section", "article", "main", "ul", "ol", "dl", "table", "tr", "aside", "figure", "hr", "br"}
_EURLEX_CLASS = re.compile(r"^(oj-)?(ti-art|sti-art|doc-ti|normal|ti-section-\d|ti-grseq-\d|note|final|hd-)")
_FOOTNOTE_CLASS = re.compile(r"(^|-)(note|footnote|fn)s?\b", re.I)
_POINT_LABEL = re.compile(r"^(\(\*?[0-9a-z]{1,6}\)|\d{1,3}[a-z]?\.|[\u2014\u2013•-])$")
# "I." to "XX.": a part's number, set in a cell of its own before the part's title in SEC filings.
_PART_LABEL = re.compile(r"^(?=[IVX])X{0,2}(?:IX|IV|V?I{0,3})\.$")
_PAGE_BREAK_AFTER = re.compile(r"(?:page-)?break-after\s*:\s*(?:always|page)", re.IGNORECASE)
_PAGE_BREAK_BEFORE = re.compile(r"(?:page-)?break-before\s*:\s*(?:always|page)", re.IGNORECASE)
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?[-\u2013]?\s*(\d{1,3}|[ivxlc]{1,6}|[A-Z]-\d{1,3})\s*[-\u2013]?(?:\s+of\s+\d{1,3})?$", re.IGNORECASE)
_RAISED_STYLE = re.compile(r"vertical-align\s*:\s*(?:super|top)|top\s*:\s*-\s*\d", re.IGNORECASE)
_MARK = re.compile(r"^\(?(?:\d{1,2}|[a-z]|[*\u2020\u2021])\)?$")
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(?:bold|bolder|[6-9]00)\b", re.IGNORECASE)
_EMPHASIS_STYLE = re.compile(r"font-style\s*:\s*italic|text-decoration\s*:\s*underline", re.IGNORECASE)
# A bold line that reads as a title: short, and not a sentence or a lead-in.
_MAX_HEADING_WORDS = 14
_SENTENCE_END = re.compile(r"[.;:,]$")


@dataclass(frozen=True)
class _Unit:
    """One paragraph of the page in reading order, before structure is known."""

    text: str
    kind: BlockKind
    level: int = 0  # heading level 1-6, 0 for everything else
    page: int = 1
    page_label: str = ""


def _classes(tag: Tag) -> list[str]:
    value = tag.get("class") or []
    return list(value) if not isinstance(value, str) else value.split()


def _is_footnote(tag: Tag) -> bool:
    if tag.get("role") == "doc-footnote" or str(tag.get("id", "")).startswith(("fn", "footnote")):
        return True
    return any(_FOOTNOTE_CLASS.search(c) for c in _classes(tag))


def _has_block_child(tag: Tag) -> bool:
    return any(isinstance(d, Tag) and d.name in _BLOCK_TAGS for d in tag.descendants)


def _text(node: Tag | NavigableString) -> str:
    if isinstance(node, NavigableString):
        return normalise_space(str(node))
    # Separate cells and line breaks so words do not run together.
    return normalise_space(node.get_text(" "))


def _cells(row: Tag) -> list[Tag]:
    return [c for c in row.find_all(["td", "th"], recursive=False)]


def _rows(table: Tag) -> list[Tag]:
    rows = []
    for child in table.children:
        if isinstance(child, Tag):
            if child.name == "tr":
                rows.append(child)
            elif child.name in ("tbody", "thead", "tfoot"):
                rows.extend(r for r in child.find_all("tr", recursive=False))
    return rows


def _is_footnote_mark(tag: Tag) -> bool:
    """A raised one- or two-character mark inside running text ("<sup>3</sup>", a small number set 3.5pt higher)."""
    if tag.name != "sup" and not _RAISED_STYLE.search(str(tag.get("style", ""))):
        return False
    return bool(_MARK.match(tag.get_text(strip=True)))


def _is_bold(node: NavigableString, within: Tag) -> bool:
    return _set_off(node, within, ("b", "strong"), _BOLD_STYLE)


def _is_emphasised(node: NavigableString, within: Tag) -> bool:
    return _set_off(node, within, ("i", "em", "u"), _EMPHASIS_STYLE)


def _set_off(node: NavigableString, within: Tag, tags: tuple[str, ...], style: re.Pattern[str]) -> bool:
    """Whether a tag between the text and `within` (itself included) sets the text in that type, by name or style."""
    for parent in node.parents:
        if parent.name in tags or style.search(str(parent.get("style", ""))):
            return True
        if parent is within:
            return False
    return False


def _is_bold_title(tag: Tag, text: str) -> bool:
    """A paragraph set wholly in bold, short and unpunctuated: a heading by its look.

    SEC filings (Form SD, conflict minerals reports) are HTML with no h1-h6:
    their section titles are bold lines ("Due Diligence Measures").
    """
    if not text or len(text.split()) > _MAX_HEADING_WORDS or _SENTENCE_END.search(text):
        return False
    return _all_bold(tag)


# "2." before a title set off by its type (or a part's number, "IV.").
_NUMBER_LABEL = re.compile(r"^\d{1,2}\.$")
# A numbered title may quote a whole step ("Carry out independent third-party audit of supply chain due
# diligence at identified points in the supply chain"); its number and its type say it is a title.
_MAX_NUMBERED_TITLE_WORDS = 24


def _is_numbered_title(tag: Tag, text: str) -> bool:
    """A numbered paragraph whose words after the number are all set off (bold, italic or underlined): a sub-heading.

    Sonos's 2025 conflict minerals report numbers its steps "2. OECD Guidance
    Step Two: “Identify and assess risk in the supply chain”" in italics and
    underline, with lettered points under each; read as a paragraph, a step's
    last point ran on into the next step's title and figures.
    """
    if not text or len(text.split()) > _MAX_NUMBERED_TITLE_WORDS or _SENTENCE_END.search(text):
        return False
    strings = [s for s in tag.find_all(string=True) if s.strip() and not isinstance(s, Comment)]
    label = strings[0].strip() if strings else ""
    if len(strings) < 2 or not (_NUMBER_LABEL.match(label) or _PART_LABEL.match(label)):
        return False
    return all(_is_bold(s, tag) or _is_emphasised(s, tag) for s in strings[1:])


def _all_bold(tag: Tag) -> bool:
    strings = [s for s in tag.find_all(string=True) if s.strip() and not isinstance(s, Comment)]
    return bool(strings) and all(_is_bold(s, tag) for s in strings)


class _Walker:
    """Turns the DOM into paragraph units in reading order.

    `bold_titles`: read bold one-line paragraphs as headings (for pages that
    mark no heading with h1-h6).
    """

    def __init__(self, bold_titles: bool = False) -> None:
        self.units: list[_Unit] = []
        self.bold_titles = bold_titles
        self.page = 1
        self.page_start = 0  # index of the first unit on the current page

    def emit(self, text: str, kind: BlockKind, level: int = 0) -> None:
        text = normalise_space(text)
        if text:
            self.units.append(_Unit(text, kind, level, self.page))

    def break_page(self) -> None:
        """Close the current page: its printed number, the last line before the break, labels it."""
        on_page = self._label_page()
        if on_page:
            self.page += 1
            self.page_start = len(self.units)

    def finish(self) -> None:
        """Close the last page of a paginated filing: it ends on its printed number ("B-2") as the others do."""
        if self.page > 1:
            self._label_page()

    def _label_page(self) -> list[_Unit]:
        on_page = self.units[self.page_start:]
        if on_page and _PAGE_NUMBER.match(on_page[-1].text) and len(on_page) > 1:
            label = on_page[-1].text
            self.units[self.page_start:] = [
                _Unit(u.text, u.kind, u.level, u.page, _PAGE_NUMBER.match(label).group(1)) for u in on_page[:-1]]
        return on_page

    def walk(self, node: Tag) -> None:
        inline: list[str] = []

        def flush() -> None:
            if inline:
                self.emit(" ".join(inline), BlockKind.PARAGRAPH)
                inline.clear()

        for child in node.children:
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                if child.strip():
                    inline.append(str(child))
                continue
            if not isinstance(child, Tag):
                continue
            if child.name not in _BLOCK_TAGS and child.name != "table" and not _has_block_child(child):
                inline.append(child.get_text(" "))
                continue
            flush()
            self.block(child)
        flush()

    def block(self, tag: Tag) -> None:
        style = str(tag.get("style", ""))
        if _PAGE_BREAK_BEFORE.search(style):
            self.break_page()
        self._block(tag)
        if _PAGE_BREAK_AFTER.search(style):
            self.break_page()

    def _block(self, tag: Tag) -> None:
        name = tag.name
        if name == "table":
            self.table(tag)
        elif name in _HEADINGS:
            self.emit(_text(tag), BlockKind.HEADING, _HEADINGS[name])
        elif _is_footnote(tag) and not _has_block_child(tag):
            self.emit(_text(tag), BlockKind.FOOTNOTE)
        elif name == "li":
            if _has_block_child(tag):
                # The item's own words first, then its nested list.
                own = [c for c in tag.children if not (isinstance(c, Tag) and c.name in ("ul", "ol", "table"))]
                text = " ".join(_text(c) for c in own if not isinstance(c, Comment))
                self.emit(text, BlockKind.LIST_ITEM)
                for c in tag.children:
                    if isinstance(c, Tag) and c.name in ("ul", "ol", "table"):
                        self.block(c)
            else:
                self.emit(_text(tag), BlockKind.LIST_ITEM)
        elif name in _LEAF_BLOCKS or not _has_block_child(tag):
            text = _text(tag)
            titled = self.bold_titles and _is_bold_title(tag, text)
            numbered = self.bold_titles and not titled and _is_numbered_title(tag, text)
            level = 2 if titled else 3 if numbered else 0
            self.emit(text, BlockKind.HEADING if level else BlockKind.PARAGRAPH, level)
        else:
            self.walk(tag)

    def table(self, table: Tag) -> None:
        for row in _rows(table):
            cells = _cells(row)
            if not cells:
                continue
            # Layout tables indent with empty cells ("", "1.", "Company Policies").
            filled = [c for c in cells if _text(c)]
            label = _text(filled[0]) if filled else ""
            if len(filled) == 2 and (_POINT_LABEL.match(label) or _PART_LABEL.match(label)):
                self.point(label, filled)
            elif any(_has_block_child(c) and c.find("table") for c in cells):
                for c in cells:
                    self.walk(c)
            else:
                self.emit(" | ".join(t for t in (_text(c) for c in cells) if t), BlockKind.TABLE)

    def point(self, label: str, cells: list[Tag]) -> None:
        """A label cell and a text cell: a point of a list, or a numbered title.

        EUR-Lex lays out a point this way, its text cell holding paragraphs and
        nested points; SEC filings lay out their bullets and their numbered
        part and section titles ("I." | "Introduction") the same way. A title
        keeps its number and stays a heading, at the level of the filing's
        other bold titles: the classifier reads the whole section trail, and a
        trail nested by numbering moved cells the expert readings agree on.
        """
        start = len(self.units)
        self.walk(cells[1])
        if len(self.units) == start:
            self.emit(label, BlockKind.LIST_ITEM)
            return
        first = self.units[start]
        titled = first.kind is BlockKind.HEADING and _all_bold(cells[0])
        kind, level = BlockKind.LIST_ITEM, first.level
        if titled:
            kind, level = BlockKind.HEADING, 2
        self.units[start] = _Unit(f"{label} {first.text}", kind, level, first.page, first.page_label)


def _without_running_lines(units: list[_Unit]) -> list[_Unit]:
    """The units less the lines a paged filing repeats at the top or foot of its pages.

    An SEC exhibit prints its title at the head of every page ("EXHIBIT 1.01 -
    MICROSOFT CORPORATION CONFLICT MINERALS REPORT ..."): left in, it opens
    a passage on every page. Tables are kept: a header row repeated where a
    table runs on is part of the table.
    """
    pages: dict[int, list[int]] = {}
    for i, u in enumerate(units):
        pages.setdefault(u.page, []).append(i)
    if len(pages) < 3:
        return units
    bands = [list(dict.fromkeys(on_page[:2] + on_page[-2:])) for on_page in pages.values()]
    flags = furniture_flags([[units[j].text for j in band] for band in bands])
    drop = {j for band, row in zip(bands, flags) for j, flagged in zip(band, row)
            if flagged and units[j].kind is not BlockKind.TABLE}
    return [u for i, u in enumerate(units) if i not in drop]


def _is_eurlex(soup: BeautifulSoup, text: str) -> bool:
    for tag in soup.find_all(class_=True, limit=400):
        if any(_EURLEX_CLASS.match(c) for c in _classes(tag)):
            return True
    return looks_like_legal_act(text)


# What an authoring tool writes when nobody named the page: no title a reader could recognise.
_PLACEHOLDER_TITLE_RE = re.compile(
    r"^\s*(?:document|untitled(?:\s+document)?|new\s+document|page\s*\d*|home|index|microsoft\s+word\s*-.*|\S+\.(?:docx?|html?|pdf))\s*$",
    re.IGNORECASE)


def _title(soup: BeautifulSoup, units: list[_Unit]) -> str:
    if soup.title and soup.title.get_text(strip=True) and not _PLACEHOLDER_TITLE_RE.match(soup.title.get_text(" ")):
        return normalise_space(soup.title.get_text(" "))
    doc_titles = [_text(t) for t in soup.find_all(class_=re.compile(r"^(oj-)?doc-ti$"))]
    if doc_titles:
        return " ".join(doc_titles[:3])
    h1 = soup.find("h1")
    if h1 is not None and _text(h1):
        return _text(h1)
    return next((u.text for u in units if u.kind is BlockKind.HEADING), "")


def _read_legal(collector: BlockCollector, units: list[_Unit]) -> None:
    tracker = LegalStructureTracker()
    texts = merge_bare_labels([u.text for u in units])
    by_text = {u.text: u for u in units}
    for text in texts:
        section, role, kind = tracker.observe(text)
        unit = by_text.get(text)
        if unit is not None and unit.kind in (BlockKind.TABLE, BlockKind.FOOTNOTE):
            kind = unit.kind
        collector.add(text, kind=kind, section=section, role=role,
                      page=unit.page if unit else 1, page_label=unit.page_label if unit else "")


def _read_generic(collector: BlockCollector, units: list[_Unit]) -> None:
    trail: list[tuple[int, str]] = []
    for unit in units:
        if unit.kind is BlockKind.HEADING:
            while trail and trail[-1][0] >= unit.level:
                trail.pop()
            trail.append((unit.level, unit.text))
        collector.add(unit.text, kind=unit.kind, section=tuple(t for _, t in trail), page=unit.page,
                      page_label=unit.page_label)


def read_html(path: Path, text: str, doc_id: str) -> Document:
    soup = BeautifulSoup(text, "lxml")
    for tag in soup.find_all(_FURNITURE):
        tag.decompose()
    for tag in soup.find_all(_is_footnote_mark):
        tag.decompose()
    root = soup.body or soup
    walker = _Walker(bold_titles=soup.find(list(_HEADINGS)) is None)
    walker.walk(root)
    walker.finish()
    units = _without_running_lines(walker.units)
    if not units:
        raise InputError(path, "HTML contains no text")
    collector = BlockCollector(doc_id)
    all_text = "\n".join(u.text for u in units)
    legal = _is_eurlex(soup, all_text)
    if legal:
        _read_legal(collector, units)
    else:
        _read_generic(collector, units)
    kind = DocumentKind.LEGISLATION if legal and looks_like_legal_act(all_text) else None
    return build_document(path, doc_id, collector, title=_title(soup, units), kind=kind)


@register_backend("html", "htm", "xhtml")
def read_html_file(path: Path, data: bytes, doc_id: str) -> Document:
    return read_html(path, decode_text(path, data), doc_id)
