"""Where a paragraph of an EU legal act stands: recital, article, paragraph, point.

Every backend that meets an EU act (EUR-Lex HTML, the Official Journal PDF,
plain text, the JSON seeds) feeds its paragraphs, in reading order, to one
`LegalStructureTracker`. The tracker is format-blind: it only sees text, so the
same act read from any format gets the same section paths, which is what the
compare stage aligns on and what a reader cites ("Article 14(2)(b)").

Section paths always start with the article ("Article 14", "2", "(b)"), never
with the chapter, so that a path is the act's own citation whatever format it
came from; chapter and section headings get their own path ("Chapter III",).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from nlp_pipeline.records import BlockKind

ROLE_RECITAL = "recital"
ROLE_ARTICLE = "article"
ROLE_ANNEX = "annex"
ROLE_DEFINITION = "definition"

_SPACES = re.compile(r"[\s\u00a0\u2000-\u200b\u202f\u205f\u3000]+")


def normalise_space(text: str) -> str:
    """Collapse every kind of space (EUR-Lex uses \\u00a0 generously) to one blank."""
    return _SPACES.sub(" ", text).strip()


_TITLE_ACT = re.compile(
    r"^(?:(?:COMMISSION|COUNCIL)\s+(?:DELEGATED\s+|IMPLEMENTING\s+)?)?(DIRECTIVE|REGULATION|DECISION)\b", re.I
)
_PREAMBLE_START = re.compile(
    r"^(THE EUROPEAN PARLIAMENT AND THE COUNCIL|THE EUROPEAN COMMISSION|THE COUNCIL OF THE EUROPEAN UNION"
    r"|Having regard to)",
    re.I,
)
_WHEREAS = re.compile(r"^Whereas\s*:?$", re.I)
_ADOPTED = re.compile(r"^HAVE\s+ADOPTED\s+THIS\s+(DIRECTIVE|REGULATION|DECISION)", re.I)
_DONE_AT = re.compile(r"^Done at\s+\w+", re.I)
_ARTICLE = re.compile(r"^Article\s+(\d{1,3}[a-z]{0,2})\s*$", re.I)
# "Article 14 Penalties": some converters put the title on the heading line.
_ARTICLE_WITH_TITLE = re.compile(r"^Article\s+(\d{1,3}[a-z]{0,2})\s+([A-Z][^.;:]{1,150})$")
_CHAPTER = re.compile(r"^CHAPTER\s+([IVXLC]+|\d+)(?:\s*[-–—:]?\s*(.*))?$", re.I)
_SECTION = re.compile(r"^SECTION\s+([IVXLC]+|\d+)(?:\s*[-–—:]?\s*(.*))?$", re.I)
_ANNEX = re.compile(r"^ANNEX(?:\s+([IVXLC]+|\d+|[A-Z]))?\s*$", re.I)
_PART = re.compile(r"^PART\s+([IVXLC]+|\d+|[A-Z])\b(.*)$", re.I)
_PARAGRAPH_NO = re.compile(r"^(\d{1,3}[a-z]?)\.(?:\s+(.*))?$")
_POINT = re.compile(r"^\((\d{1,3}[a-z]?|[a-z]{1,2}|[ivxlc]{1,6})\)(?:\s+(.*))?$")
# Footnotes cite the Official Journal or another act with its date; a recital
# that merely starts with an act's name ("(68) Directive 2006/43/EC requires")
# is not one.
_FOOTNOTE = re.compile(
    r"^\(\d+\)\s+(?:OJ\s|ECLI:|Position of the European Parliament"
    r"|(?:Council |Commission )?(?:Implementing |Delegated )?(?:Directive|Regulation|Decision|Recommendation)\s+"
    r"(?:\(E[UC]\)\s+)?(?:No\s+)?\d+/\d+(?:/E[UC]+)?(?: of the European Parliament and of the Council)? of \d{1,2} \w+ \d{4})"
)
_FOOTNOTE_STAR = re.compile(r"^\(\*\d+\)")
_OPEN_QUOTE = ("\u2018", "\u201c", "'", '"')
_CLOSERS = {"\u2018": "\u2019", "\u201c": "\u201d", "'": "'", '"': '"'}
_DASH = re.compile(r"^[\u2014\u2013-](?:\s+(.*))?$")
_ROMAN = re.compile(r"^(?=[ivxlc])(c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")
_DEFINITIONS = re.compile(r"\bdefinitions?\b", re.I)

# A Commission proposal opens with its explanatory memorandum; the act
# itself starts at its procedure number ("2025/0045 (COD)"), "Proposal for
# a" or its title in capitals. Case matters: the memorandum names
# "Directive (EU) 2024/1760" in every other line.
_MEMORANDUM_START = re.compile(r"^EXPLANATORY MEMORANDUM$")
_ACT_STARTS = re.compile(
    r"^(?:\d{4}/\d{4}\s*\((?:COD|CNS|NLE|APP)\)$|Proposal for an?$|Proposal for an? (?:COUNCIL )?(?:DIRECTIVE|REGULATION|DECISION)\b"
    r"|(?:COMMISSION |COUNCIL )?(?:DELEGATED |IMPLEMENTING )?(?:DIRECTIVE|REGULATION|DECISION) OF THE\b)")
MEMORANDUM_SECTION = "Explanatory memorandum"
_MEMORANDUM = "memorandum"

_TITLE, _PREAMBLE, _RECITALS, _ENACTING, _FINAL, _ANNEX_PHASE = (
    "title",
    "preamble",
    "recitals",
    "enacting",
    "final",
    "annex",
)
_HEADING_MAX = 200


def _roman_value(label: str) -> int:
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
    total = 0
    for i, ch in enumerate(label):
        v = values[ch]
        if i + 1 < len(label) and values[label[i + 1]] > v:
            total -= v
        else:
            total += v
    return total


def _is_roman(label: str) -> bool:
    return bool(label) and bool(_ROMAN.match(label))


def _point_type(label: str, stack: list[tuple[str, str]]) -> str:
    """'number', 'letter' or 'roman' for a point label such as '12', 'b', 'iv'.

    (i), (v), (x), (c), (l) are both letters and roman numerals; what came
    before decides: (h) is followed by the letter (i), (ii) by the numeral (iii).
    """
    if label[0].isdigit():
        return "number"
    if not _is_roman(label):
        return "letter"
    by_type = dict(stack)
    roman, letter = by_type.get("roman"), by_type.get("letter")
    if roman and _is_roman(roman) and _roman_value(roman) + 1 == _roman_value(label):
        return "roman"
    if letter and len(letter) == 1 and len(label) == 1 and ord(letter) + 1 == ord(label):
        return "letter"
    if label == "i" and stack:
        return "roman"
    if len(label) > 1:  # (ii), (iv) ... are never letters; letters go (z), (aa)
        return "roman"
    return "letter"


def _closes_quote(text: str, opener: str = "\u2018") -> bool:
    """Whether a quoted amendment ends with this paragraph.

    A paragraph ending in a closing quote only closes the amendment if that
    quote is not the end of a quoted term opened on the same line ("the
    ‘Charter’.").
    """
    closer = _CLOSERS.get(opener, "\u2019")
    # Converters leave a stray '"' after the closing quote; it is not one.
    body = text.rstrip(" ;.,")
    if closer != '"':
        body = body.rstrip('"').rstrip(" ;.,")
    if not body.endswith(closer):
        return False
    last_close = len(body) - 1
    last_open = body.rfind(opener)
    if last_open <= 0:
        return True
    # An opening quote after the last real closing quote pairs with it.
    between = body[last_open + 1 : last_close]
    return bool(re.search(r"[\u2019\u201d](?![a-z])", between))


@dataclass
class LegalStructureTracker:
    """Reads an EU act paragraph by paragraph and says where each one stands.

    `observe` is the only entry point; it returns (section, role, kind) for the
    paragraph and updates the position. State lives here so that a backend
    can feed paragraphs as it finds them, page after page.
    """

    phase: str = _TITLE
    article: str = ""
    article_is_definitions: bool = False
    paragraph: str = ""
    points: list[tuple[str, str]] = field(default_factory=list)
    chapter: str = ""
    section_heading: str = ""
    annex: str = ""
    recital: str = ""
    memorandum_heading: str = ""
    _recitals_numbered: bool = False  # whether any recital carried its "(n)"; if none do, they are counted
    _expect_title: str = ""  # "article", "chapter", "section", "annex" after a bare heading
    _pending_label: bool = False  # a bare "(a)" line whose text is the next paragraph
    _quote: LegalStructureTracker | None = None
    _quote_base: tuple[str, ...] = ()
    _quote_opener: str = ""
    # Quoted amendments do not nest: a defined term in quotes inside an
    # inserted article must not open another level.
    allow_quotes: bool = True

    def observe(self, text: str) -> tuple[tuple[str, ...], str, BlockKind]:
        line = normalise_space(text)
        if not line:
            return self._path(), self._role(), BlockKind.PARAGRAPH
        if self._quote is not None and self._is_next_own_article(line):
            # A quoted amendment whose closing quote was lost (tables of
            # entries end without one) must not swallow the act's next article.
            self._quote = None
            self._quote_base = ()
        if self._quote is not None:
            return self._observe_quoted(line)
        if (
            self.allow_quotes
            and self.phase == _ENACTING
            and self.article
            and line.startswith(_OPEN_QUOTE)
            and len(line) > 1
        ):
            # An amending act quoting the article it inserts or replaces: the
            # quoted structure nests under the amending article's point.
            self._quote = LegalStructureTracker(phase=_ENACTING, allow_quotes=False)
            self._quote_base = self._path()
            self._quote_opener = line[0]
            return self._observe_quoted(line)
        return self._observe_line(line)

    # -- quoted amendments -------------------------------------------------

    def _is_next_own_article(self, line: str) -> bool:
        m = _ARTICLE.match(line)
        own = re.fullmatch(r"Article (\d+)", self.article)
        return bool(m and own and m.group(1).isdigit() and int(m.group(1)) == int(own.group(1)) + 1)

    def _observe_quoted(self, line: str) -> tuple[tuple[str, ...], str, BlockKind]:
        assert self._quote is not None
        inner_line = line.lstrip("".join(_OPEN_QUOTE)).strip() if line.startswith(_OPEN_QUOTE) else line
        inner_path, _, kind = self._quote.observe(inner_line or line)
        path = self._quote_base + inner_path
        if _closes_quote(line, self._quote_opener):
            self._quote = None
            self._quote_base = ()
        return path, ROLE_ARTICLE, kind

    # -- the act's own structure -------------------------------------------

    def _observe_line(self, line: str) -> tuple[tuple[str, ...], str, BlockKind]:
        expected = self._expect_title
        self._expect_title = ""
        pending = self._pending_label
        self._pending_label = False

        if self.phase == _TITLE and _MEMORANDUM_START.match(line):
            self.phase = _MEMORANDUM
            return (MEMORANDUM_SECTION,), "", BlockKind.HEADING
        if self.phase == _MEMORANDUM:
            if not _ACT_STARTS.match(line):
                return self._observe_memorandum(line)
            self.phase = _TITLE

        if _FOOTNOTE_STAR.match(line) or _FOOTNOTE.match(line):
            return self._path(), self._role(), BlockKind.FOOTNOTE

        heading = self._structural_heading(line)
        if heading is not None:
            return heading

        if expected and len(line) <= _HEADING_MAX and not _PARAGRAPH_NO.match(line) and not _POINT.match(line):
            if expected == "article" and _DEFINITIONS.search(line):
                self.article_is_definitions = True
            if not line.endswith((".", ";", ":")) or expected != "article":
                return self._path(), self._role(), BlockKind.HEADING

        if self.phase == _TITLE:
            if _PREAMBLE_START.match(line):
                self.phase = _PREAMBLE
                return ("Preamble",), "", BlockKind.PARAGRAPH
            return (), "", BlockKind.HEADING
        if self.phase == _PREAMBLE:
            if _WHEREAS.match(line):
                self.phase = _RECITALS
            return ("Preamble",), "", BlockKind.PARAGRAPH
        if self.phase == _RECITALS:
            m = _POINT.match(line)
            if m and m.group(1)[0].isdigit():
                self.recital = m.group(1)
                self._recitals_numbered = True
                self._pending_label = m.group(2) is None
            elif not self._recitals_numbered and not pending:
                # An export that dropped the numbers ("• In its Communication ..."): count them.
                self.recital = str(int(self.recital or 0) + 1)
            return self._path(), ROLE_RECITAL, BlockKind.PARAGRAPH
        if self.phase == _FINAL:
            return (), "", BlockKind.PARAGRAPH

        # Enacting terms or an annex: numbered paragraphs and points.
        m = _PARAGRAPH_NO.match(line)
        if m and self.phase == _ENACTING or (m and self.phase == _ANNEX_PHASE and not self.points):
            self.paragraph = m.group(1)
            self.points = []
            self._pending_label = m.group(2) is None
            return self._path(), self._role(), BlockKind.PARAGRAPH
        m = _POINT.match(line)
        if m:
            label = m.group(1)
            kind = _point_type(label, self.points)
            types = [t for t, _ in self.points]
            if kind in types:
                del self.points[types.index(kind) :]
            self.points.append((kind, label))
            self._pending_label = m.group(2) is None
            role = ROLE_DEFINITION if self.article_is_definitions and self.phase == _ENACTING else self._role()
            return self._path(), role, BlockKind.LIST_ITEM
        m = _DASH.match(line)
        if m:
            # Indents ("—") sit inside the current point and carry no number.
            self._pending_label = m.group(1) is None
            role = ROLE_DEFINITION if self.article_is_definitions and self.phase == _ENACTING else self._role()
            return self._path(), role, BlockKind.LIST_ITEM
        if "following definitions apply" in line.lower():
            self.article_is_definitions = True
        if pending and self.points:
            # The text of a point whose label stood on its own line.
            role = ROLE_DEFINITION if self.article_is_definitions and self.phase == _ENACTING else self._role()
            return self._path(), role, BlockKind.LIST_ITEM
        if not pending:
            # A subparagraph after a list of points belongs to the paragraph.
            self.points = []
        return self._path(), self._role(), BlockKind.PARAGRAPH

    def _observe_memorandum(self, line: str) -> tuple[tuple[str, ...], str, BlockKind]:
        """The memorandum explains the proposal: its own headings, no article structure."""
        if len(line) <= 120 and not line.endswith((".", ";", ":", ",")):
            self.memorandum_heading = line.lstrip("•▪- \t")
            return (MEMORANDUM_SECTION, self.memorandum_heading), "", BlockKind.HEADING
        return self._path(), "", BlockKind.PARAGRAPH

    def _structural_heading(self, line: str) -> tuple[tuple[str, ...], str, BlockKind] | None:
        if _ADOPTED.match(line):
            self.phase = _ENACTING
            self._reset_article()
            return (), "", BlockKind.PARAGRAPH
        if self.phase in (_RECITALS, _PREAMBLE, _TITLE) and _WHEREAS.match(line):
            self.phase = _RECITALS
            return ("Preamble",), "", BlockKind.PARAGRAPH
        if self.phase in (_ENACTING, _FINAL, _ANNEX_PHASE) and _DONE_AT.match(line):
            self.phase = _FINAL
            self._reset_article()
            return (), "", BlockKind.PARAGRAPH
        m = _ANNEX.match(line)
        if m and self.phase in (_ENACTING, _FINAL, _ANNEX_PHASE):
            self.phase = _ANNEX_PHASE
            self._reset_article()
            self.annex = f"Annex {m.group(1).upper()}" if m.group(1) else "Annex"
            self.section_heading = ""
            self._expect_title = "annex"
            return self._path(), ROLE_ANNEX, BlockKind.HEADING
        if self.phase == _ANNEX_PHASE:
            m = _PART.match(line) or _SECTION.match(line)
            if m and len(line) <= _HEADING_MAX:
                word = "Part" if m.re is _PART else "Section"
                self.section_heading = f"{word} {m.group(1).upper()}"
                self.paragraph, self.points = "", []
                return self._path(), ROLE_ANNEX, BlockKind.HEADING
            return None
        m = _ARTICLE.match(line) or _ARTICLE_WITH_TITLE.match(line)
        if m and self.phase not in (_FINAL,):
            self.phase = _ENACTING
            self._reset_article()
            self.article = f"Article {m.group(1)}"
            title = m.group(2) if m.re is _ARTICLE_WITH_TITLE else None
            if title is None:
                self._expect_title = "article"
            elif _DEFINITIONS.search(title):
                self.article_is_definitions = True
            return self._path(), ROLE_ARTICLE, BlockKind.HEADING
        m = _CHAPTER.match(line)
        if m and len(line) <= _HEADING_MAX and self.phase in (_ENACTING, _RECITALS, _TITLE, _PREAMBLE):
            self.phase = _ENACTING
            self._reset_article()
            self.chapter = f"Chapter {m.group(1).upper()}"
            self.section_heading = ""
            if not m.group(2):
                self._expect_title = "chapter"
            return self._path(), ROLE_ARTICLE, BlockKind.HEADING
        m = _SECTION.match(line)
        if m and len(line) <= _HEADING_MAX and self.phase == _ENACTING:
            self._reset_article()
            self.section_heading = f"Section {m.group(1).upper()}"
            if not m.group(2):
                self._expect_title = "section"
            return self._path(), ROLE_ARTICLE, BlockKind.HEADING
        return None

    def _reset_article(self) -> None:
        self.article = ""
        self.article_is_definitions = False
        self.paragraph = ""
        self.points = []
        self._pending_label = False
        if self.phase != _ANNEX_PHASE:
            self.annex = ""
            if self.phase != _ENACTING:
                self.chapter = ""
                self.section_heading = ""

    def _path(self) -> tuple[str, ...]:
        if self.phase == _MEMORANDUM:
            return (MEMORANDUM_SECTION,) + ((self.memorandum_heading,) if self.memorandum_heading else ())
        if self.phase == _RECITALS:
            return (f"Recital ({self.recital})",) if self.recital else ("Preamble",)
        if self.phase == _ANNEX_PHASE:
            head: tuple[str, ...] = (self.annex,) + ((self.section_heading,) if self.section_heading else ())
        elif self.article:
            head = (self.article,)
        elif self.phase == _ENACTING:
            head = tuple(x for x in (self.chapter, self.section_heading) if x)
        else:
            return ()
        tail = ((self.paragraph,) if self.paragraph else ()) + tuple(f"({label})" for _, label in self.points)
        return head + tail

    def _role(self) -> str:
        return {_RECITALS: ROLE_RECITAL, _ENACTING: ROLE_ARTICLE, _ANNEX_PHASE: ROLE_ANNEX}.get(self.phase, "")


# A label alone, possibly opening a quoted amendment ("‘(5)").
_BARE_LABEL = re.compile(r"^[\u2018\u201c]?(?:\(\*?[0-9a-z]{1,6}\)|\d{1,3}[a-z]?\.|[\u2014\u2013])$")


def merge_bare_labels(paragraphs: list[str]) -> list[str]:
    """Join a label standing alone ("(a)", "1.") with the paragraph it numbers.

    EUR-Lex puts a point's label and its text in separate cells, and text
    exports keep them as separate paragraphs; a block reads better whole.
    """
    merged: list[str] = []
    carry = ""
    for para in paragraphs:
        stripped = normalise_space(para)
        if not stripped:
            continue
        if carry:
            merged.append(f"{carry} {para.strip()}")
            carry = ""
        elif _BARE_LABEL.match(stripped):
            carry = stripped
        else:
            merged.append(para.strip())
    if carry:
        merged.append(carry)
    return merged


def looks_like_legal_act(text: str) -> bool:
    """Enough legal furniture that the tracker will do better than headings."""
    # The whole text: a Commission proposal's memorandum alone can run to 70,000 characters before the act.
    head = normalise_space(text)
    articles = len(re.findall(r"(?:^|\s)Article \d{1,3}[a-z]?(?= [A-Z]|$)", head))
    markers = sum(bool(p.search(head)) for p in (_ADOPTED_ANY, _WHEREAS_ANY, _ACT_ANY))
    return markers >= 2 or (markers >= 1 and articles >= 2)


_ADOPTED_ANY = re.compile(r"HAVE\s+ADOPTED\s+THIS\s+(DIRECTIVE|REGULATION|DECISION)", re.I)
_WHEREAS_ANY = re.compile(r"\bWhereas\s*:")
_ACT_ANY = re.compile(r"\b(DIRECTIVE|REGULATION|DECISION)\s+\(EU\)\s+\d{4}/\d+")


_ALWAYS_SPLIT = (_ARTICLE, _CHAPTER, _SECTION, _ANNEX, _WHEREAS, _ADOPTED, _DONE_AT, _FOOTNOTE_STAR, _FOOTNOTE)
_SPLIT_AFTER_SENTENCE = (_PARAGRAPH_NO, _POINT, _DASH, _PREAMBLE_START)
_BARE_HEADINGS = (_ARTICLE, _CHAPTER, _SECTION, _ANNEX)
_LIST_JOINER = re.compile(r"[;,]\s*(?:and|or|and/or)$")


def split_legal_lines(lines: list[str]) -> list[str]:
    """Group the wrapped lines of an act (text or PDF) into its paragraphs.

    A line starts a new paragraph if it is a heading ("Article 14"), the title
    line after one, or a label ("2.", "(b)") after a line that ended a
    sentence; a label after a mid-sentence break ("referred to in point\\n(a)
    of") stays in its sentence.
    """
    units: list[str] = []
    after_heading = 0  # 2 right after "Article 14", 1 after its title line
    for raw in lines:
        line = normalise_space(raw)
        if not line:
            continue
        previous = units[-1] if units else ""
        label_only = bool(_BARE_LABEL.match(previous))
        ends_sentence = (
            previous.endswith((".", ":", ";", "’", "”", "!", "?"))
            or label_only
            or bool(_LIST_JOINER.search(previous))
        )
        starts = (
            not units
            or after_heading > 0
            or any(p.match(line) for p in _ALWAYS_SPLIT)
            or (ends_sentence and not label_only and any(p.match(line) for p in _SPLIT_AFTER_SENTENCE))
        )
        if starts:
            units.append(line)
        elif previous.endswith("-") and line[:1].islower():
            units[-1] = previous[:-1] + line
        else:
            units[-1] = f"{previous} {line}"
        after_heading = 2 if any(p.match(line) for p in _BARE_HEADINGS) else max(0, after_heading - 1)
    return units
