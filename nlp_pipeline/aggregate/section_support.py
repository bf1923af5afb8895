"""Passages a section's topic carries over the confident score.

A section is about something: under "Waste", the goal ("continuously
decrease waste volume per revenue") reads as waste prevention to the
classifier at once, while the result that follows ("the volume of waste ...
decreased by 21.2 % to 2.06 t per EUR million") names tonnes and revenue and
scores just under the confident score. A reader takes both as the section's
topic. A passage already on a category after its threshold, scoring at least
`SUPPORTED_SCORE` but under the confident score, is raised to the confident
score when another passage of the same section is confidently on that
category by the classifier itself (not by this rule, which would let one
confident passage carry a chain of weak ones).

Only reports are read so. An article of a law or a requirement of a standard
often holds provisions on different matters (a duty, then its exemption, then
a review clause), each to be read on its own; on the expert-read sets the rule
raised a law's carve-out and a guidance's aside in that way, and two report
results a reader takes as the section's topic.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from nlp_pipeline.aggregate.coverage import CONFIDENT_SCORE
from nlp_pipeline.records import AnalysedPassage, CategoryScore, DocumentKind, SectionSupport

SUPPORTED_SCORE = 0.4


def with_section_support(passages: Sequence[AnalysedPassage]) -> tuple[AnalysedPassage, ...]:
    """The passages, each raised to the confident score on the categories its section is confidently about."""
    if not passages or passages[0].passage.doc_kind is not DocumentKind.REPORT:
        return tuple(passages)
    anchors: dict[tuple[str, ...], dict[str, str]] = defaultdict(dict)  # section -> category -> a confident passage
    for p in passages:
        section = tuple(p.passage.section)
        if not section:
            continue
        for s in p.scores:
            if s.present and s.score >= CONFIDENT_SCORE and not s.by_rule:
                anchors[section].setdefault(s.category_id, p.passage.id)
    return tuple(_supported(p, anchors.get(tuple(p.passage.section), {})) for p in passages)


def _supported(passage: AnalysedPassage, confident: dict[str, str]) -> AnalysedPassage:
    raised = {s.category_id for s in passage.scores if s.present and SUPPORTED_SCORE <= s.score < CONFIDENT_SCORE
              and confident.get(s.category_id, passage.passage.id) != passage.passage.id}
    if not raised:
        return passage
    section = " > ".join(passage.passage.section)
    return replace(passage, scores=tuple(_raise(s, SectionSupport(section, confident[s.category_id]))
                                         if s.category_id in raised else s for s in passage.scores))


def _raise(score: CategoryScore, support: SectionSupport) -> CategoryScore:
    return replace(score, score=CONFIDENT_SCORE, evidence=score.evidence + (support,))

