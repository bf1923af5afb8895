"""Categories a provision addresses by what it requires or grants, not by how it reads.

The classifier learns what a category's passages look like from labelled
examples; a law can require or grant the same thing in words none of them
use. The taxonomy may say so as data, per category:

- `duty_cues`: the bearers, acts and objects that make a duty address it.
  "The information ... shall contain information about the undertaking's own
  operations and about its value chain" (CSRD, Art 19a(3) of Directive
  2013/34/EU) is a duty to disclose along the supply chain, and "companies
  shall map ... those of their business partners" (CSDDD, Art 8(2)(a)) is
  supply-chain mapping, yet neither resembles a published smelter list; "the
  Commission shall review the functioning and effectiveness of this
  Regulation" (CMR, Art 17(2)) is a review clause of the legal framework;
- `addressed_by_narrowing`: the kinds of narrowing whose grant is itself on
  it. "This Regulation shall not apply to recycled metals" (Conflict Minerals
  Regulation, Art 1(6)) is a loophole and a limit of the act's coverage,
  whatever the classifier makes of its few words.

Such a provision is then on the category with the confidence a cell needs,
and its score evidence says which rule put it there. Only operative, binding
provisions of a law or an industry code count: a recital explains an act,
and a company's report describes its own programme, whose supplier terms
("suppliers are obligated to ... report") say what the company asks of
others, not that it traces or tells anything.

A report is read by its own rule, `practice_cues`: what the company says it
does. "Smelters that fail to become conformant will be targeted for removal
from our supply chain" is a sanction on suppliers and "our ethics helpline
can be used to report issues" an avenue for remedy, though the classifier
learned both categories mostly from the laws' penalties and civil liability.
A practice can also narrow its category (`polarity: narrows`): "we excluded
suppliers who did not report the use of 3TG" is the company's own loophole,
which the cell reads as gap evidence (aggregate/coverage.py).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from nlp_pipeline.aggregate.coverage import CONFIDENT_SCORE
from nlp_pipeline.taxonomy.cue_words import cue_pattern
from nlp_pipeline.assess.strength import is_explanatory, is_fragment
from nlp_pipeline.records import (
    AnalysedPassage,
    BlockKind,
    CategoryScore,
    DocumentKind,
    DutyMatch,
    DutyType,
    Modality,
    NarrowingMatch,
    PracticeMatch,
    ScoreEvidence,
)
from nlp_pipeline.taxonomy import Category, Taxonomy, categories

# Texts that lay duties on companies rather than report what a company does.
DUTY_SETTING = frozenset({DocumentKind.LEGISLATION, DocumentKind.INITIATIVE})
# Duties that require their bearer to do or tell something; an institution's
# duty (a review, a report to Parliament) is typed a procedure.
REQUIRING = frozenset({DutyType.CONDUCT, DutyType.DISCLOSURE, DutyType.PROCEDURE})
# Provisions that say whom or what the duties reach, and so can grant a way out of them.
GRANTING = frozenset({DutyType.SCOPE, DutyType.EXEMPTION})


def with_duty_topics(passages: Sequence[AnalysedPassage], taxonomy: Taxonomy) -> tuple[AnalysedPassage, ...]:
    """The passages, each also on the categories its provision or reported practice addresses by the taxonomy's rules."""
    ruled = [c for c in categories(taxonomy)
             if c.duty_cues is not None or c.addressed_by_narrowing or c.practice_cues is not None]
    if not ruled:
        return tuple(passages)
    return tuple(_with_categories(p, ruled) for p in passages)


def _with_categories(passage: AnalysedPassage, ruled: Sequence[Category]) -> AnalysedPassage:
    if is_operative_provision(passage):
        match_of = provision_match
    elif is_reported_practice(passage):
        match_of = practice_match
    else:
        return passage
    added = {c.id: match for c in ruled if (match := match_of(passage, c)) is not None}
    if not added:
        return passage
    scores = [_raised(s, added.pop(s.category_id)) if s.category_id in added else s for s in passage.scores]
    scores += [CategoryScore(cid, CONFIDENT_SCORE, True, (match,)) for cid, match in added.items()]
    return replace(passage, scores=tuple(sorted(scores, key=lambda s: -s.score)))


def _raised(score: CategoryScore, match: ScoreEvidence) -> CategoryScore:
    return replace(score, score=max(score.score, CONFIDENT_SCORE), present=True, evidence=score.evidence + (match,))


def is_operative_provision(passage: AnalysedPassage) -> bool:
    """A binding provision a law or code enacts, not one it explains."""
    return (passage.passage.doc_kind in DUTY_SETTING and passage.assessment.modality is Modality.BINDING
            and not is_explanatory(passage.passage))


def is_reported_practice(passage: AnalysedPassage) -> bool:
    """A company report's sentence about what it does, not a heading, a contents row ("6. Grievance Mechanism | 7") or a figure alone."""
    return (passage.passage.doc_kind is DocumentKind.REPORT and passage.passage.kind is not BlockKind.HEADING
            and passage.assessment.strength > 0 and not is_fragment(passage.passage.text))


def practice_match(passage: AnalysedPassage, category: Category) -> PracticeMatch | None:
    """The act and object of the category's `practice_cues` that one clause of a report names, in either order.

    "Smelters and refiners that fail to become Conformant ... will be targeted
    for removal from our supply chain" names the object first. A clause that
    names one of the cues' `unless` words is not the practice ("including,
    but not limited to, smelters" limits nothing).
    """
    cues = category.practice_cues
    if cues is None:
        return None
    text = passage.passage.text.replace("\u2019", "'")
    if cues.subjects and not cue_pattern(tuple(cues.subjects)).search(text):
        return None
    acts, objects = cue_pattern(tuple(cues.acts)), cue_pattern(tuple(cues.objects))
    unless = cue_pattern(tuple(cues.unless)) if cues.unless else None
    for clause in _CLAUSES.split(text):
        if unless is not None and unless.search(clause):
            continue
        for act in acts.finditer(clause):
            window = clause[max(0, act.start() - _MAX_ACT_TO_OBJECT): act.end() + _MAX_ACT_TO_OBJECT]
            found = objects.search(window)
            if found:
                return PracticeMatch(act.group(0).lower(), found.group(0).lower())
    return None


def provision_match(passage: AnalysedPassage, category: Category) -> ScoreEvidence | None:
    """Why an operative provision is on the category by the taxonomy's rules, if it is."""
    a = passage.assessment
    if a.duty_type in GRANTING:
        granted = next((k for k in a.narrowing if k in category.addressed_by_narrowing), None)
        return NarrowingMatch(granted) if granted else None
    cues = category.duty_cues
    if cues is not None and a.duty_type in REQUIRING and a.addressee.value in cues.bearers:
        return duty_match(passage.text, category)
    return None


# The act and its object in one binding clause: "shall disclose ... the smelters",
# "shall contain information about ... its value chain". An object named in
# another sentence, or an act outside the duty ("obtaining value chain
# information could be challenging"), makes no duty to trace or tell.
_CLAUSES = re.compile(r"(?<=[.;:])\s+(?=[A-Z(\u2018'])")
_BINDING_CLAUSE = re.compile(r"\b(?:shall|must|(?:is|are)\s+required\s+to|(?:is|are)\s+obliged\s+to)\b", re.IGNORECASE)
_MAX_ACT_TO_OBJECT = 200  # characters: about 30 words, the reach of one duty's list of objects


def duty_match(text: str, category: Category) -> DutyMatch | None:
    """The act and object of the category's `duty_cues` one binding clause of the text names, act first."""
    cues = category.duty_cues
    if cues is None:
        return None
    acts, objects = cue_pattern(tuple(cues.acts)), cue_pattern(tuple(cues.objects))
    clauses = _CLAUSES.split(text.replace("\u2019", "'"))
    # A list point with no verb of duty of its own binds through its lead-in ("companies shall: (a) map ...").
    inherited = not any(_BINDING_CLAUSE.search(c) for c in clauses)
    for clause in clauses:
        if not inherited and not _BINDING_CLAUSE.search(clause):
            continue
        for act in acts.finditer(clause):
            # A cue that is both ("chain of custody") names act and object at once.
            found = objects.fullmatch(act.group(0)) or objects.search(clause, act.end(), act.end() + _MAX_ACT_TO_OBJECT)
            if found:
                return DutyMatch(act.group(0).lower(), found.group(0).lower())
    return None
