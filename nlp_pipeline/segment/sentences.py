"""Sentence boundaries that survive legal citations and enumerated points.

A blank English pipeline with the rule-based sentencizer is fast and needs no
model, but out of the box it splits "Art. 5(1) of Regulation (EU) No. 1907/2006"
three times and glues the "(" of a point "(b)" to the previous sentence. The
abbreviation special cases and the point rule below fix both.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.attrs import ORTH
from spacy.lang.en import English
from spacy.language import Language
from spacy.tokens import Doc

# Abbreviations that end in a full stop but never end a sentence in the
# legal and corporate texts we read.
ABBREVIATIONS = (
    "Art.", "Arts.", "art.", "No.", "Nos.", "no.", "para.", "paras.", "Para.", "p.", "pp.", "cf.", "Cf.",
    "e.g.", "i.e.", "etc.", "Ltd.", "Inc.", "Co.", "Corp.", "approx.", "vs.", "Fig.", "fig.", "Sect.",
    "Sec.", "Reg.", "Dir.", "Vol.", "Ch.", "Nr.", "St.", "Dr.", "Mr.", "Ms.", "Mrs.", "U.S.", "U.K.",
    "E.U.", "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.", "Oct.", "Nov.", "Dec.",
    "incl.", "excl.", "min.", "max.", "est.", "ca.", "Annex.", "op.", "cit.", "ibid.", "al.",
)

_MARKER = re.compile(r"^\[\*?\d{1,3}\]$")
_POINT = re.compile(r"^(?:[a-z]{1,2}|[ivxlc]{1,5}|\d{1,3})$")
_CONJUNCTIONS = {"and", "or"}
_BOUNDARY_BEFORE_POINT = {";", ":", "."} | _CONJUNCTIONS


@Language.component("enumerated_points")
def enumerated_points(doc: Doc) -> Doc:
    """Start a sentence at "(b)" when the point follows ";", ":" or "; and"; keep "[66]" with the sentence it ends."""
    for i in range(1, len(doc) - 1):
        token = doc[i]
        if token.is_sent_start and _MARKER.match(token.text) and doc[i - 1].text in (".", "!", "?"):
            token.is_sent_start = False
            doc[i + 1].is_sent_start = True
    for i in range(1, len(doc) - 2):
        token = doc[i]
        if token.text != "(" or doc[i + 2].text != ")" or not _POINT.match(doc[i + 1].text):
            continue
        previous = doc[i - 1].text
        if previous in _CONJUNCTIONS and i > 1 and doc[i - 2].text == ")":
            # "points (a), (b) and (c), adopt": the last of a list of points cited, not a point opening.
            continue
        if previous in _BOUNDARY_BEFORE_POINT or doc[i - 1].is_space:
            token.is_sent_start = True
            doc[i + 1].is_sent_start = False
            doc[i + 2].is_sent_start = False
    return doc


class _LegalEnglishDefaults(English.Defaults):
    tokenizer_exceptions = {**English.Defaults.tokenizer_exceptions, **{a: [{ORTH: a}] for a in ABBREVIATIONS}}
    # A footnote marker set apart by ingest ("2030 [2]") is one token, kept with the sentence it ends.
    token_match = _MARKER.match


class LegalEnglish(English):
    """English whose tokenizer knows the abbreviations above, built in one go.

    Adding them to a blank English tokenizer afterwards, and setting its
    token_match, reloads its 1,300 special cases each time: a third of a
    second on every start of `check`.
    """

    Defaults = _LegalEnglishDefaults


@lru_cache(maxsize=1)
def sentence_splitter() -> Language:
    nlp = LegalEnglish()
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("enumerated_points", after="sentencizer")
    return nlp


# spaCy refuses texts over nlp.max_length (1,000,000 characters) and its
# memory grows with the text; longer texts are split into pieces of at most
# this size, at a sentence end where one is near, else at a space.
CHUNK_CHARS = 100_000


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of `text`, trimmed of whitespace."""
    return split_many([text])[0]


def split_many(texts: list[str]) -> list[list[tuple[int, int]]]:
    """Sentence spans of each text (offsets into that text), any length of text."""
    pieces: list[str] = []
    owners: list[tuple[int, int]] = []  # (text index, offset of the piece in it)
    for k, text in enumerate(texts):
        for offset, piece in chunks(text):
            pieces.append(piece)
            owners.append((k, offset))
    out: list[list[tuple[int, int]]] = [[] for _ in texts]
    for (k, offset), doc in zip(owners, sentence_splitter().pipe(pieces, batch_size=256)):
        out[k].extend((offset + s, offset + e) for s, e in _spans(doc))
    return out


def chunks(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, str]]:
    """The text in pieces of at most `size` characters, with the offset of each."""
    if len(text) <= size:
        return [(0, text)]
    out: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > size:
        window = text[start : start + size]
        cut = max(window.rfind(". ", size // 2), window.rfind(".\n", size // 2))
        if cut > 0:
            cut += 1
        else:
            cut = window.rfind(" ", size // 2)
            if cut <= 0:
                cut = size
        out.append((start, text[start : start + cut]))
        start += cut
    out.append((start, text[start:]))
    return out


def _spans(doc: Doc):
    text = doc.text  # built once: Doc.text joins every token each time it is read
    for sentence in doc.sents:
        start, end = sentence.start_char, sentence.end_char
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            yield start, end
