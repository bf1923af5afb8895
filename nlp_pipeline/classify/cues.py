"""Cue phrases from the taxonomy, matched with spaCy's PhraseMatcher.

Transparent and fast, but a single keyword is weak evidence: the score grows
with the number of distinct cues of a category found in the passage, and the
threshold (tuned on labelled data) decides how many are enough.
"""

from __future__ import annotations

from collections.abc import Sequence
import numpy as np
from spacy.matcher import PhraseMatcher

from nlp_pipeline.classify.base import PassageClassifier, Scores, register_classifier
from nlp_pipeline.records import CueMatch
from nlp_pipeline.segment.sentences import sentence_splitter
from nlp_pipeline.taxonomy import Taxonomy, categories


def inflections(phrase: str) -> set[str]:
    """The cue and the plural of its last word, since the tokenizer does not lemmatise."""
    words = phrase.lower().split()
    if not words:
        return set()
    last = words[-1]
    forms = {last}
    if last.endswith("y") and len(last) > 2 and last[-2] not in "aeiou":
        forms.add(last[:-1] + "ies")
    elif last.endswith(("s", "x", "ch", "sh")):
        forms.add(last + "es")
    else:
        forms.add(last + "s")
    return {" ".join(words[:-1] + [form]) for form in forms}


class CueMatcher:
    def __init__(self, taxonomy: Taxonomy):
        self.nlp = sentence_splitter()
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self.category_ids = [c.id for c in categories(taxonomy)]
        for category in categories(taxonomy):
            phrases = sorted({form for cue in category.cues for form in inflections(cue)})
            self.matcher.add(category.id, [self.nlp.make_doc(p) for p in phrases])

    def matches(self, texts: Sequence[str]) -> list[dict[str, list[str]]]:
        """For each text, the distinct cue strings found per category id."""
        found: list[dict[str, list[str]]] = []
        for doc in self.nlp.tokenizer.pipe(texts, batch_size=256):
            per_category: dict[str, list[str]] = {}
            for match_id, start, end in self.matcher(doc):
                cue = doc[start:end].text.lower()
                hits = per_category.setdefault(self.nlp.vocab.strings[match_id], [])
                if cue not in hits:
                    hits.append(cue)
            found.append(per_category)
        return found

    def counts(self, texts: Sequence[str]) -> tuple[np.ndarray, list[dict[str, list[str]]]]:
        found = self.matches(texts)
        index = {cid: j for j, cid in enumerate(self.category_ids)}
        counts = np.zeros((len(texts), len(self.category_ids)), dtype=np.float32)
        for i, per_category in enumerate(found):
            for cid, hits in per_category.items():
                counts[i, index[cid]] = len(hits)
        return counts, found


_MATCHERS: dict[int, CueMatcher] = {}


def cue_matcher(taxonomy: Taxonomy) -> CueMatcher:
    """One matcher per loaded taxonomy (taxonomies are loaded once and cached)."""
    key = id(taxonomy)
    if key not in _MATCHERS:
        _MATCHERS[key] = CueMatcher(taxonomy)
    return _MATCHERS[key]


@register_classifier("cues")
class CueClassifier(PassageClassifier):
    name = "cues"

    def __init__(self, taxonomy: Taxonomy, thresholds: Sequence[float] | None = None):
        super().__init__(taxonomy)
        self.matcher = cue_matcher(taxonomy)
        # Two distinct cues by default; training replaces this per category.
        self.thresholds = np.asarray(thresholds) if thresholds is not None else np.full(len(self.category_ids), 0.75)

    def score(self, texts: Sequence[str]) -> Scores:
        counts, found = self.matcher.counts(texts)
        values = 1.0 - np.power(0.5, counts)
        index = {cid: j for j, cid in enumerate(self.category_ids)}
        evidence = {
            (i, index[cid]): tuple(CueMatch(hit) for hit in hits)
            for i, per_category in enumerate(found)
            for cid, hits in per_category.items()
        }
        return Scores(values=values, evidence=evidence)
