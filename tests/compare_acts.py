"""Small acts written for the compare tests, and a classifier whose scores the tests control.

An act is given as its articles (number -> title and paragraphs) and,
optionally, recitals and chapters; it is written as plain text the legal
structure tracker reads like any act. The classifier scores a category by
the keywords the test names, so a test can make a score cross the threshold
by a hair without the words that drove it changing.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from nlp_pipeline.classify.base import PassageClassifier, Scores
from nlp_pipeline.records import CueMatch
from nlp_pipeline.taxonomy import load_taxonomy


def write_act(path: Path, articles: dict[str, tuple[str, list[str]]], recitals: Sequence[str] = (),
              chapters: dict[str, tuple[str, str]] | None = None) -> Path:
    """articles: number -> (title, paragraphs); chapters: first article number -> (label, title)."""
    lines = ["DIRECTIVE (EU) 2099/1 OF THE EUROPEAN PARLIAMENT AND OF THE COUNCIL", "",
             "THE EUROPEAN PARLIAMENT AND THE COUNCIL OF THE EUROPEAN UNION,", "", "Whereas:", ""]
    for n, text in enumerate(recitals, start=1):
        lines += [f"({n}) {text}", ""]
    lines += ["HAVE ADOPTED THIS DIRECTIVE:", ""]
    for number, (title, paragraphs) in articles.items():
        if chapters and number in chapters:
            label, chapter_title = chapters[number]
            lines += [label, "", chapter_title, ""]
        lines += [f"Article {number}", "", title, ""]
        for paragraph in paragraphs:
            lines += [paragraph, ""]
    lines += ["Done at Brussels, 1 January 2099.", ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


class KeywordClassifier(PassageClassifier):
    """Scores a category by keywords: `keywords[category] = {word: score}`, the highest present word wins."""

    name = "keywords"

    def __init__(self, keywords: dict[str, dict[str, float]]):
        super().__init__(load_taxonomy())
        self.keywords = keywords
        self.thresholds = np.full(len(self.category_ids), 0.5)

    def score(self, texts: Sequence[str]) -> Scores:
        values = np.zeros((len(texts), len(self.category_ids)))
        evidence = {}
        for i, text in enumerate(texts):
            low = text.lower()
            for j, category_id in enumerate(self.category_ids):
                found = {w: s for w, s in self.keywords.get(category_id, {}).items() if w in low}
                if found:
                    word = max(found, key=found.get)
                    values[i, j] = found[word]
                    evidence[(i, j)] = (CueMatch(word),)
        return Scores(values, evidence)
