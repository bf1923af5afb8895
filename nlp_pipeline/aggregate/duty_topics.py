"""Categories a passage addresses by what its duty requires, not by how it reads.

The classifier learns what a category's passages look like from labelled
examples; a law can require the same thing in words none of them use. "The
information ... shall contain information about the undertaking's own
operations and about its value chain" (CSRD, Art 19a(3) of Directive
2013/34/EU) is a duty to disclose along the supply chain, and "companies shall
map ... those of their business partners" (CSDDD, Art 8(2)(a)) is supply-chain
mapping, yet neither resembles a published smelter list. A category may name,
as data in the taxonomy (`duty_cues`), the acts and objects that make a duty
address it; a binding duty of a company's own that names one of each is then
on the category with the confidence a cell needs, and says why.

Only operative, binding duties that a law or an industry code lays on
companies count: a recital explains an act, a definition or a scope clause
names things, and a company's report describes its own programme, whose
supplier terms ("suppliers are obligated to ... report") say what the
company asks of others, not that it traces or tells anything; the classifier,
trained mostly on reports, reads those as it always has.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from nlp_pipeline.aggregate.coverage import CONFIDENT_SCORE
from nlp_pipeline.aggregate.milestones import cue_pattern
from nlp_pipeline.assess.strength import is_explanatory
from nlp_pipeline.records import (
    Addressee,
    AnalysedPassage,
    CategoryScore,
    DocumentKind,
    DutyMatch,
    DutyType,
    Modality,
)
from nlp_pipeline.taxonomy import Category, Taxonomy, categories

# Texts that lay duties on companies rather than report what a company does.
DUTY_SETTING = frozenset({DocumentKind.LEGISLATION, DocumentKind.INITIATIVE})
# Duties that require a company to do or tell something; the other types name,
# scope, exempt, permit or enforce.
REQUIRING = frozenset({DutyType.CONDUCT, DutyType.DISCLOSURE})


def with_duty_topics(passages: Sequence[AnalysedPassage], taxonomy: Taxonomy) -> tuple[AnalysedPassage, ...]:
    """The passages, each also on the categories its duty addresses by the taxonomy's `duty_cues`."""
    cued = [c for c in categories(taxonomy) if c.duty_cues is not None]
    if not cued:
        return tuple(passages)
    return tuple(_with_categories(p, cued) for p in passages)


def _with_categories(passage: AnalysedPassage, cued: Sequence[Category]) -> AnalysedPassage:
    if not is_company_duty(passage):
        return passage
    added = {c.id: match for c in cued if (match := duty_match(passage.text, c)) is not None}
    if not added:
        return passage
    scores = [_raised(s, added.pop(s.category_id)) if s.category_id in added else s for s in passage.scores]
    scores += [CategoryScore(cid, CONFIDENT_SCORE, True, (match,)) for cid, match in added.items()]
    return replace(passage, scores=tuple(sorted(scores, key=lambda s: -s.score)))


def _raised(score: CategoryScore, match: DutyMatch) -> CategoryScore:
    return replace(score, score=max(score.score, CONFIDENT_SCORE), present=True, evidence=score.evidence + (match,))


def is_company_duty(passage: AnalysedPassage) -> bool:
    """An operative provision of a law or code binding a company to do or tell something."""
    a = passage.assessment
    return (passage.passage.doc_kind in DUTY_SETTING and a.modality is Modality.BINDING and a.addressee is Addressee.COMPANY and a.duty_type in REQUIRING
            and not is_explanatory(passage.passage))


def duty_match(text: str, category: Category) -> DutyMatch | None:
    """The act and object of the category's `duty_cues` the text names, if it names one of each."""
    cues = category.duty_cues
    if cues is None:
        return None
    text = text.replace("\u2019", "'")
    act = cue_pattern(tuple(cues.acts)).search(text)
    found = act and cue_pattern(tuple(cues.objects)).search(text)
    return DutyMatch(act.group(0).lower(), found.group(0).lower()) if act and found else None
