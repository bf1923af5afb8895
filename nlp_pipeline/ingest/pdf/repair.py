"""Text repair: what a PDF's text layer gets wrong about words.

Pure functions of strings (and of the document's own vocabulary), so they are
tested without a PDF:

- ligature glyphs ("ﬁ") and mathematical letters (𝐀) to plain letters;
- a ligature some fonts map to a control character or to nothing usable
  ("O\\x1fsets", "e\\x90iciency") restored from the document's vocabulary;
- a word split at the line end joined ("sustain-" "ability"), while a
  compound keeps its hyphen ("Non-" "Landlord", "compliance-" "grade");
- trademark signs set apart from the next word;
- placeholder text ("Lorem ipsum") recognised so that it can be dropped.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

BROKEN_GLYPH = "\ufffc"  # stands in for a glyph the font maps to no usable character

_LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
    "\u0132": "IJ",
    "\u0133": "ij",
}
_LIGATURE_CHARS = re.compile("[" + "".join(_LIGATURES) + "]")
# What a broken ligature glyph most often stood for, in order of preference
# when the document's vocabulary cannot decide.
_LIGATURE_GUESSES = ("fi", "ff", "fl", "ffi", "ffl", "ft", "tt", "Th")
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", re.UNICODE)
# A wide ligature glyph is often followed by a space in the text layer ("O? icer", "eff orts").
_BROKEN_WORD = re.compile(r"([^\W\d_]*)" + BROKEN_GLYPH + r"+( ?)([^\W\d_]*)")
_SPLIT_LIGATURE = re.compile(r"\b([^\W\d_]*(?:ff|fi|fl))\s([^\W\d_]+)")
_TRADEMARK = re.compile(r"([™®℠])(?=[^\W\d_])")
_PLACEHOLDER = re.compile(r"\blorem ipsum\b|\bdolor sit amet\b|\bconsectetur adipiscing\b", re.I)

# Common words of report prose that contain a ligature pair: a fallback when a
# document spells every occurrence with the same broken glyph.
_LIGATURE_WORDS = frozenset(
    """
    affect affected affects afford affordable benefit benefits certificate certificates certification
    certified classification classified conflict conflicts confirm confirmed define defined definition
    definitions difference differences different differentiated difficult difficulties diversified
    effect effective effectively effectiveness effects efficiencies efficiency efficient efficiently
    effort efforts figure figures file filed final finalise finalised finally finance financed financial
    financing find finding findings fire first fiscal fit five fixed flag flat fleet flexibility flexible
    floor flow flows fluid fluorinated flight foot footprint identification identified identifies
    identify identifying influence influenced infrastructure insufficient justified modified
    modification notification offer offered offering offers office officer officers official officials
    offset offsets offsetting profile profit profitable profits qualification qualified reflect reflected
    reflects scientific signified significance significant significantly specific specifically
    specification specifications specified staff staffing stuff sufficient sufficiently traffic
    verification verified workflow workflows
    """.split()
)

_HYPHENS = ("-", "\u00ad", "\u2010", "\u2011")


def normalise_char(ch: str) -> str:
    """A ligature to its letters, a mathematical letter or digit to the plain one."""
    if ch in _LIGATURES:
        return _LIGATURES[ch]
    if len(ch) == 1 and "\U0001d400" <= ch <= "\U0001d7ff":
        return unicodedata.normalize("NFKC", ch)
    return ch


def normalise_ligatures(text: str) -> str:
    return _LIGATURE_CHARS.sub(lambda m: _LIGATURES[m.group(0)], text)


def vocabulary(lines: Iterable[str]) -> Counter[str]:
    """Lower-cased words of the document, for repairs that ask how the document spells a word.

    `lines` in reading order: the two halves of a word hyphenated at a line
    end are not words of their own, so they are left out.
    """
    counts: Counter[str] = Counter()
    skip_first = False
    for text in lines:
        words = _WORD.findall(normalise_ligatures(text))
        split_here = ends_with_hyphen(text.rstrip())
        if skip_first and words:
            words = words[1:]
        if split_here and words:
            words = words[:-1]
        skip_first = split_here
        if BROKEN_GLYPH in text:
            continue
        for word in words:
            counts[word.lower()] += 1
    return counts


def _known(word: str, vocab: Counter[str]) -> bool:
    lower = word.lower()
    return vocab.get(lower, 0) > 0 or lower in _LIGATURE_WORDS


def repair_broken_glyphs(text: str, vocab: Counter[str]) -> str:
    """Put back the ligature a font mapped to a control character: "O?sets" to "Offsets"."""
    if BROKEN_GLYPH not in text:
        return text

    def fix(m: re.Match[str]) -> str:
        before, space, after = m.group(1), m.group(2), m.group(3)
        if not before and not after:
            return space
        if m.group(0).count(BROKEN_GLYPH) >= 3:
            return before + space + after  # a run of glyphs without characters: text in a font with no mapping, not a ligature
        candidates = [before + lig + after for lig in _LIGATURE_GUESSES]
        known = [c for c in candidates if _known(c, vocab)]
        if known:
            return max(known, key=lambda c: vocab.get(c.lower(), 0))
        if space:  # not one word: the glyph ended the word before the space
            return fix_alone(before) + space + after
        return before + after if not (before and after) else candidates[0]

    def fix_alone(before: str) -> str:
        known = [before + lig for lig in _LIGATURE_GUESSES if before and _known(before + lig, vocab)]
        return max(known, key=lambda c: vocab.get(c.lower(), 0)) if known else before

    return _BROKEN_WORD.sub(fix, text).replace(BROKEN_GLYPH, "")


def rejoin_split_ligatures(text: str, vocab: Counter[str]) -> str:
    """"eff orts" to "efforts": a space the text layer put after a ligature, inside a word the document writes whole."""

    def fix(m: re.Match[str]) -> str:
        head, tail = m.group(1), m.group(2)
        whole = vocab.get((head + tail).lower(), 0) or (2 if (head + tail).lower() in _LIGATURE_WORDS else 0)
        # The halves counted here are this very split; the document writes the word whole more often.
        if tail[:1].isupper() or whole <= max(vocab.get(head.lower(), 0), vocab.get(tail.lower(), 0), 1):
            return m.group(0)
        return head + tail

    return _SPLIT_LIGATURE.sub(fix, text)


def join_hyphenated(head: str, tail: str, vocab: Counter[str]) -> str:
    """Two lines where the first ends in a hyphen: one word, or a compound that keeps its hyphen.

    `head` ends in the hyphen (pdfium reports hard and soft hyphens at a line
    break alike); `tail` is the next line. The hyphen goes when the joined
    word is how the document spells it (or the parts cannot stand alone); it
    stays when the next part starts with a capital or digit ("Non-Landlord",
    "COVID-19") or when the document writes the compound with its hyphen or
    both parts as words of their own.
    """
    first = _last_word(head[:-1])
    second = _first_word(tail)
    if not first or not second:
        return head[:-1] + "-" + tail
    if not second[0].islower():
        return head[:-1] + "-" + tail
    joined = (first + second).lower()
    compound = f"{first}-{second}".lower()
    if vocab.get(joined, 0) >= max(1, vocab.get(compound, 0)):
        return head[:-1] + tail
    if vocab.get(compound, 0) > 0:
        return head[:-1] + "-" + tail
    if len(first) >= 2 and len(second) >= 2 and vocab.get(first.lower(), 0) and vocab.get(second.lower(), 0):
        return head[:-1] + "-" + tail  # two words of their own: "company-" "by-company"
    return head[:-1] + tail


def _last_word(text: str) -> str:
    m = re.search(r"([^\W\d_]+)$", text)
    return m.group(1) if m else ""


def _first_word(text: str) -> str:
    m = re.match(r"([^\W\d_]+)", text)
    return m.group(1) if m else ""


def ends_with_hyphen(text: str) -> bool:
    return len(text) > 1 and text[-1] in _HYPHENS and text[-2].isalpha()


def separate_trademarks(text: str) -> str:
    """"Product™name" to "Product™ name": the sign belongs to the word before it."""
    return _TRADEMARK.sub(r"\1 ", text)


def is_placeholder(text: str) -> bool:
    """Dummy text a designer left in the text layer ("Lorem ipsum dolor sit amet")."""
    return bool(_PLACEHOLDER.search(text))


def repair_text(text: str, vocab: Counter[str]) -> str:
    """All repairs that apply within one line of text."""
    text = normalise_ligatures(text)
    text = repair_broken_glyphs(text, vocab)
    text = rejoin_split_ligatures(text, vocab)
    return separate_trademarks(text)
