"""Which passage of the new version of a text continues which passage of the old one.

Acts are renumbered between a proposal and the adopted text, and reports
reorder their chapters from one year to the next, so passages are matched on
what they say, not on where they stand: identical wording first, then the most
similar remaining pairs, one to one, above MATCH_SIMILARITY. A shared section
title ("Penalties") survives renumbering and breaks near-ties. Whatever stays
unmatched was added or removed.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from nlp_pipeline.records import Passage

# Cosine of word and word-pair TF-IDF vectors. Below it two passages share
# only boilerplate ("Member States shall ensure that ..."); above it one is a
# rewording of the other.
MATCH_SIMILARITY = 0.45
SAME_TITLE_BONUS = 0.1  # ranks candidates; never lets a pair below MATCH_SIMILARITY through

_ENUMERATOR = re.compile(r"^\s*(?:\(?[0-9]{1,3}[a-z]?[.)]|\([a-z]{1,4}\)|[a-z]\))\s+", re.IGNORECASE)
_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})
_WORD = re.compile(r"\w+(?:[.,'’]\w+)*|[^\w\s]")


@dataclass(frozen=True)
class AlignedPair:
    """Indices into the old and new passage lists; None on the side where the passage does not exist."""

    old: int | None
    new: int | None
    similarity: float  # share of words the two texts keep in common, 0-1

    @property
    def kind(self) -> str:
        if self.old is None:
            return "added"
        if self.new is None:
            return "removed"
        return "matched"


def normalised(text: str) -> str:
    """The wording that matters for a comparison: no paragraph numbers, quote styles or spacing."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    text = _ENUMERATOR.sub("", text)
    return " ".join(text.lower().split())


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def word_similarity(old: str, new: str) -> float:
    return difflib.SequenceMatcher(None, words(normalised(old)), words(normalised(new)), autojunk=False).ratio()


def align_passages(old: Sequence[Passage], new: Sequence[Passage]) -> list[AlignedPair]:
    """Every passage of both versions exactly once, in the reading order of the new version.

    A removed passage is placed after the new counterpart of the old passage
    it followed, so a reader sees it where it used to be.
    """
    old_texts = [normalised(p.text) for p in old]
    new_texts = [normalised(p.text) for p in new]
    partner: dict[int, int] = {}
    for i, j in _identical(old_texts, new_texts):
        partner[i] = j
    for i, j in _most_similar(old, new, old_texts, new_texts, set(partner), set(partner.values())):
        partner[i] = j
    return _in_reading_order(len(old), len(new), partner, old, new)


def _identical(old_texts: list[str], new_texts: list[str]) -> list[tuple[int, int]]:
    """Pairs with the same wording; repeated wording is paired in order of appearance."""
    waiting: dict[str, list[int]] = defaultdict(list)
    for j, text in enumerate(new_texts):
        waiting[text].append(j)
    pairs = []
    for i, text in enumerate(old_texts):
        if waiting.get(text):
            pairs.append((i, waiting[text].pop(0)))
    return pairs


def _most_similar(old: Sequence[Passage], new: Sequence[Passage], old_texts: list[str], new_texts: list[str],
                  taken_old: set[int], taken_new: set[int]) -> list[tuple[int, int]]:
    rest_old = [i for i in range(len(old_texts)) if i not in taken_old and old_texts[i]]
    rest_new = [j for j in range(len(new_texts)) if j not in taken_new and new_texts[j]]
    if not rest_old or not rest_new:
        return []
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectoriser = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, token_pattern=r"(?u)\b\w+\b")
    matrix = vectoriser.fit_transform([old_texts[i] for i in rest_old] + [new_texts[j] for j in rest_new])
    similarity = (matrix[: len(rest_old)] @ matrix[len(rest_old):].T).toarray()
    titles_old = np.array([_title(old[i]) for i in rest_old], dtype=object)
    titles_new = np.array([_title(new[j]) for j in rest_new], dtype=object)
    same_title = (titles_old[:, None] == titles_new[None, :]) & (titles_old[:, None] != "")
    rank = similarity + SAME_TITLE_BONUS * same_title
    rows, cols = np.nonzero(similarity >= MATCH_SIMILARITY)
    # Strongest pairs first; among equals, the pair closest in reading order.
    order = sorted(range(len(rows)), key=lambda n: (-rank[rows[n], cols[n]], abs(int(rows[n]) - int(cols[n]))))
    pairs, used_old, used_new = [], set(), set()
    for n in order:
        a, b = int(rows[n]), int(cols[n])
        if a in used_old or b in used_new:
            continue
        used_old.add(a)
        used_new.add(b)
        pairs.append((rest_old[a], rest_new[b]))
    return pairs


def _title(passage: Passage) -> str:
    return passage.heading.strip().lower()


def _in_reading_order(n_old: int, n_new: int, partner: dict[int, int], old: Sequence[Passage],
                      new: Sequence[Passage]) -> list[AlignedPair]:
    keyed: list[tuple[tuple[int, int, int], AlignedPair]] = []
    owner = {j: i for i, j in partner.items()}
    for j in range(n_new):
        i = owner.get(j)
        similarity = 0.0 if i is None else word_similarity(old[i].text, new[j].text)
        keyed.append(((j, 0, -1), AlignedPair(i, j, similarity)))
    anchor = -1
    for i in range(n_old):
        if i in partner:
            anchor = partner[i]
            continue
        keyed.append(((anchor, 1, i), AlignedPair(i, None, 0.0)))
    keyed.sort(key=lambda item: item[0])
    return [pair for _, pair in keyed]


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """The new text against the old as ("equal" | "delete" | "insert", words) runs, for a reader."""
    before, after = old.split(), new.split()
    runs: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op in ("equal", "delete", "replace") and i2 > i1:
            runs.append(("equal" if op == "equal" else "delete", " ".join(before[i1:i2])))
        if op in ("insert", "replace") and j2 > j1:
            runs.append(("insert", " ".join(after[j1:j2])))
    return runs
