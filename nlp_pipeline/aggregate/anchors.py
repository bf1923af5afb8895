"""Categories a passage must name its subject to be on.

The classifier reads a passage as a whole and can follow its register rather
than its subject: an enterprise risk framework ("risk identification: new
and emerging risks are identified and each is assigned ...") reads like due
diligence, a company's review of its industry associations' climate policy
positions like the legal framework. The taxonomy may list, per category,
`anchors`: words of which a passage on the category names at least one
(people, suppliers or the environment for due diligence; a law, a
regulation or a legislator for the legal framework). A passage the
classifier put on such a category without naming any of them is taken off
it; one a duty or practice rule put there keeps it, since the rule read its
subject.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from nlp_pipeline.taxonomy.cue_words import cue_pattern
from nlp_pipeline.records import AnalysedPassage
from nlp_pipeline.taxonomy import Taxonomy, categories


def anchored_topics(passages: Sequence[AnalysedPassage], taxonomy: Taxonomy) -> tuple[AnalysedPassage, ...]:
    """The passages, each off the categories whose anchors it does not name."""
    anchors = {c.id: cue_pattern(tuple(c.anchors)) for c in categories(taxonomy) if c.anchors}
    if not anchors:
        return tuple(passages)
    return tuple(_anchored(p, anchors) for p in passages)


def _anchored(passage: AnalysedPassage, anchors: dict) -> AnalysedPassage:
    text = passage.passage.text.replace("\u2019", "'")
    dropped = [s for s in passage.scores
               if s.present and s.category_id in anchors and not s.by_rule and not anchors[s.category_id].search(text)]
    if not dropped:
        return passage
    off = {s.category_id for s in dropped}
    return replace(passage, scores=tuple(replace(s, present=False) if s.category_id in off else s
                                         for s in passage.scores))

