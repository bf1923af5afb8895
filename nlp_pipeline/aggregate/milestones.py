"""Milestone verdicts of one document, from its coverage cells and the passages behind them.

A milestone is judged only against documents whose kind speaks for one of the
actors it is judged on (`judged_on` in the taxonomy, defaulting to its
actors; each actor lists its `document_kinds`): "EU law obliges companies
..." is not applicable to a company report. Text can show a mandate met; of an
outcome ("claimants can in practice win redress") or a 2050 end state it can
show at most a mandate or commitment toward it, so those get at most
"committed". A cell whose strongest evidence narrows or opposes does not meet
the milestone.

A category is broader than each of its milestones, so a milestone reads only
the category's passages that speak to what it asks (`asks` in the taxonomy:
the parts of its statement, each with the words that name it). Every part
spoken to at the expected strength meets it; its core parts (or, with none
marked, some part) within one level of it meet it in part; coverage of the
category that speaks to none of its parts does not meet it. A company report is
held to at most "specific", the most its own account shows (coverage.py), so a
milestone that expects a binding and enforced duty is met in part there by a
practice it describes (a grievance channel toward redress). A mandate whose deciding passage is limited to
part of the chain or of the materials is met at most in part, and so is one
with a part shown only in a recital, which explains an act. A part may be
shown in a company report by the company's own dated targets on any topic
(its published improvement plan). Every verdict carries its reasons in plain
words and the passages it rests on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from nlp_pipeline.aggregate.coverage import COMPANY_ACCOUNT_CAP, DocumentReading
from nlp_pipeline.taxonomy.cue_words import cue_pattern
from nlp_pipeline.assess.claims import OWN_TARGET_RE
from nlp_pipeline.assess.explanations import reason
from nlp_pipeline.records import (
    AnalysedPassage,
    CoverageCell,
    CoverageStatus,
    DocumentKind,
    DutyType,
    Evidence,
    GapFlag,
    MilestoneCell,
    MilestoneKind,
    MilestoneVerdict,
    Polarity,
    Reason,
)
from nlp_pipeline.taxonomy import Category, Milestone, MilestoneAsk, Taxonomy, categories, milestones

EVIDENCE_PER_VERDICT = 3
# The least a company report's passage must show to be a step toward a 2050 end state: its own figure.
END_STATE_STEP = 3
# The least a passage must show toward a part that asks for a measured change: a figure.
MEASURED_STEP = 3


@dataclass(frozen=True)
class Judgement:
    """A verdict on one milestone, why, the passages it rests on and the strength they show toward it."""

    verdict: MilestoneVerdict
    reasons: tuple[Reason, ...]
    evidence: tuple[Evidence, ...] = ()
    observed: int = 0


@dataclass(frozen=True)
class PartReading:
    """How strongly the document speaks to one part of what a milestone asks, and where."""

    ask: MilestoneAsk
    strength: int = 0
    evidence: Evidence | None = None
    unmeasured: bool = False  # spoken to by a passage without the figure a measured part needs


def milestone_cells(cells: Sequence[CoverageCell], taxonomy: Taxonomy,
                    passages: Sequence[AnalysedPassage] = (),
                    reading: DocumentReading | None = None) -> tuple[MilestoneCell, ...]:
    """One verdict per milestone of the taxonomy, for the document the cells belong to.

    `passages` are the document's analysed passages, read as its cells read
    them (`reading`); without them a milestone reads only the evidence its
    category's cell kept.
    """
    reading = reading or DocumentReading.of(passages)
    index = {c.category_id: c for c in cells}
    kinds_of = {a.id: set(a.document_kinds) for a in taxonomy.actors}
    out: list[MilestoneCell] = []
    # Every category's passages read once: its milestones and the report's own targets both draw on them.
    read = {c.id: category_evidence(index[c.id], c, passages, reading) for c in categories(taxonomy)}
    wanted = any(a.shown_by_own_targets for _, m in milestones(taxonomy) for a in m.asks)
    targets = own_dated_targets(cells, read.values()) if wanted and passages else ()
    for category, milestone in milestones(taxonomy):
        cell = index[category.id]
        judged_kinds = set().union(*(kinds_of.get(a, set()) for a in milestone.judged_actors))
        judged = judge(cell, milestone, judged_kinds, read[category.id], targets)
        out.append(
            MilestoneCell(
                doc_id=cell.doc_id,
                milestone_id=milestone.id,
                category_id=category.id,
                year=milestone.year,
                expected=milestone.expected_strength,
                observed=judged.observed,
                verdict=judged.verdict,
                provenance=milestone.provenance,
                evidence=judged.evidence[:EVIDENCE_PER_VERDICT],
                kind=MilestoneKind(milestone.kind),
                reasons=judged.reasons,
            )
        )
    return tuple(out)


def category_evidence(cell: CoverageCell, category: Category, passages: Sequence[AnalysedPassage],
                      reading: DocumentReading | None = None) -> tuple[Evidence, ...]:
    """Every passage on the category, read for it, strongest first; without passages, the cell's own evidence.

    Unlike the cell's status, a milestone also reads passages classified below
    the confident score, but only those that name what it asks count (see
    `read_parts`): out of fold on the labelled set, such a passage is on the
    category 47 % of the time (222/476), against 26 % (93/362) for one that
    does not name it; the confident score is where passages are on topic
    about half the time.
    """
    reading = reading or DocumentReading()
    found = [reading.read(p, category) for p in passages if category.id in p.categories]
    evidence = [r.evidence(category.id) for r in found] if found else list(cell.evidence)
    return tuple(sorted(evidence, key=lambda e: (-e.strength, -e.score)))


# A report's section of next steps lists what the company will do: a published improvement plan,
# dated or not ("8. IBM's Next Steps to Mitigate Conflict Minerals Risk", "IV. Going forward").
NEXT_STEPS_RE = re.compile(
    r"\bnext\s+steps?\b|\bsteps?\s+(?:we|it|the\s+company)\s+(?:will|intends?\s+to|expects?\s+to|plans?\s+to)\s+take\b"
    r"|\bgoing\s+forward\b|\blooking\s+ahead\b|\bfuture\s+(?:steps|plans|actions|improvements)\b"
    r"|\bplanned\s+(?:measures|actions|improvements)\b|\bimprovement\s+(?:measures|plans?)\b", re.IGNORECASE)
# A paragraph that itself announces them, under any heading ("We expect our next steps to include work
# with our suppliers ...", Intel's 2025 filing, in its closing section on its minerals initiative).
OWN_NEXT_STEPS_RE = re.compile(
    r"\b(?:our|its)\s+(?:next|future|further)\s+steps\b(?=[^.;]{0,40}\b(?:include|are|will|to)\b)"
    r"|\bnext\s+steps?\s+(?:we|it)\s+(?:will|intends?\s+to|plans?\s+to)\s+take\b", re.IGNORECASE)


def own_dated_targets(cells: Sequence[CoverageCell],
                      evidence_by_category: Iterable[Sequence[Evidence]]) -> tuple[Evidence, ...]:
    """A company report's own dated targets, on any category, strongest first: the improvement plan it publishes.

    The steps a section of next steps lists are such a plan too, dated or not.
    """
    if not cells or cells[0].doc_kind is not DocumentKind.REPORT:
        return ()
    found: dict[str, Evidence] = {}
    for evidence in evidence_by_category:
        for e in evidence:
            if not e.polarity.covers or illustrates(e):
                continue
            dated_target = e.strength >= 3 and commits(e) and GapFlag.NO_DEADLINE not in e.gap_flags
            next_step = e.strength >= 2 and bool(NEXT_STEPS_RE.search(e.section) or OWN_NEXT_STEPS_RE.search(e.quote))
            if dated_target or next_step:
                found.setdefault(e.passage_id, e)
    return tuple(sorted(found.values(), key=lambda e: (-e.strength, -e.score)))


def judge(cell: CoverageCell, milestone: Milestone, judged_kinds: set[str],
          evidence: Sequence[Evidence] | None = None, own_targets: Sequence[Evidence] = ()) -> Judgement:
    """The verdict on one milestone for one document, from the category's passages (`evidence`, else the cell's).

    `own_targets`: a company report's own dated targets on any topic, for the
    parts they show (`shown_by_own_targets` in the taxonomy).
    """
    evidence = tuple(cell.evidence if evidence is None else evidence)
    kind = cell.doc_kind
    if kind is not DocumentKind.UNKNOWN and kind.value not in judged_kinds:
        speaks = ", ".join(sorted(judged_kinds)) or "no kind of document this tool reads"
        return Judgement(MilestoneVerdict.NOT_APPLICABLE, (
            reason("milestone.not_applicable", f"judged on {speaks}; this is {kind.value}"),))
    if cell.status is CoverageStatus.ABSENT:
        return Judgement(MilestoneVerdict.NOT_ADDRESSED, (reason("milestone.not_addressed", cell.category_id),))
    if cell.polarity is not Polarity.ESTABLISHES:
        return Judgement(MilestoneVerdict.NOT_MET, (reason("milestone.narrowed", f"{cell.category_id} {cell.polarity.value}"),),
                         tuple(cell.evidence), cell.strength)
    parts = read_parts(milestone, evidence, own_targets, figures_needed=kind is DocumentKind.REPORT)
    spoken = [p.evidence for p in parts if p.strength and p.evidence]
    if kind is DocumentKind.LEGISLATION and cell.status is CoverageStatus.MENTIONED and spoken \
            and all(explains(e) for e in spoken):
        # An act whose provisions never take up the category: its recitals say why a topic matters, not what
        # the act does about it (the CSRD's recital on energy efficiency in reporting standards).
        return Judgement(MilestoneVerdict.NOT_MET, (reason("milestone.recitals_only", "; ".join(dict.fromkeys(
            e.section or f"p. {e.page}" for e in spoken))),), tuple(dict.fromkeys(spoken)), 0)
    if parts and not any(p.strength for p in parts):
        unmeasured = [p for p in parts if p.unmeasured]
        if unmeasured:
            return Judgement(MilestoneVerdict.NOT_MET, (reason("milestone.not_measured", "; ".join(p.ask.part for p in unmeasured)),),
                             tuple(p.evidence for p in unmeasured if p.evidence), 0)
        return Judgement(MilestoneVerdict.NOT_MET, (reason("milestone.off_topic", "; ".join(p.ask.part for p in parts)),),
                         tuple(cell.evidence), 0)
    expected = milestone.expected_strength
    if kind is DocumentKind.REPORT:
        # A company's own account is at most specific (coverage.py): a milestone that expects a law's
        # binding and enforced duty is judged against the most a company report can show.
        expected = min(expected, COMPANY_ACCOUNT_CAP)
    verdict = parts_verdict(parts, expected) if parts else milestone_verdict(cell, expected)
    reasons = [_verdict_reason(verdict, parts, cell, expected)]
    reasons += [reason(rule, p.evidence.section or f"p. {p.evidence.page}") for p in parts if p.evidence
                for rule in [lowered_toward_milestone(p.evidence)] if rule]
    deciding = _deciding(parts) if parts else tuple(cell.evidence)
    shape = MilestoneKind(milestone.kind)
    top = deciding[0] if deciding else None
    # A recital shows what an act speaks of, not how far it goes: a part shown only there is not met.
    if verdict is MilestoneVerdict.MET and any(p.evidence and explains(p.evidence) for p in parts):
        verdict = MilestoneVerdict.PARTLY_MET
        reasons.append(reason("milestone.explains_only", "; ".join(
            p.evidence.section or f"p. {p.evidence.page}" for p in parts if p.evidence and explains(p.evidence))))
    # A mandate limited to 3TG is a narrowed mandate; toward an outcome it is still a step.
    if verdict is MilestoneVerdict.MET and shape.shown_by_text and top and GapFlag.SCOPE_LIMITED in top.gap_flags:
        verdict = MilestoneVerdict.PARTLY_MET
        reasons.append(reason("milestone.scope_limited", top.section or f"p. {top.page}"))
    if verdict is MilestoneVerdict.MET and not shape.shown_by_text:
        if kind is DocumentKind.REPORT and not any(commits(p.evidence) for p in parts if p.evidence):
            # A company's results this year are steps; only its own target commits it toward an outcome or end state.
            verdict = MilestoneVerdict.PARTLY_MET
            reasons.append(reason("milestone.results_only", f"{milestone.year} {shape.words}"))
        elif kind is DocumentKind.REPORT and len(parts) > 1 and not any(
                commits(e) and all(speaks_to(e.quote, p.ask) for p in parts) for e in evidence):
            # Its targets cover the parts apart (its own sites climate neutral, its suppliers asked to set
            # targets): no one commitment takes in all the end state or outcome asks.
            verdict = MilestoneVerdict.PARTLY_MET
            reasons.append(reason("milestone.commitment_in_part", "; ".join(p.ask.part for p in parts)))
        else:
            verdict = MilestoneVerdict.COMMITTED
            reasons.append(reason("milestone.end_state" if shape is MilestoneKind.END_STATE else "milestone.outcome",
                                  f"{milestone.year} {shape.words}"))
    observed = max(p.strength for p in parts) if parts else cell.strength
    # Toward a 2050 end state a company shows a step only by its own figures: a result reached or a
    # target set. A process it describes ("the board oversees our climate strategy") is none.
    if kind is DocumentKind.REPORT and shape is MilestoneKind.END_STATE and observed < END_STATE_STEP \
            and verdict in (MilestoneVerdict.MET, MilestoneVerdict.PARTLY_MET, MilestoneVerdict.COMMITTED):
        verdict = MilestoneVerdict.NOT_MET
        reasons.append(reason("milestone.end_state_process", f"{milestone.year} end state, strongest passage {observed}"))
    return Judgement(verdict, tuple(reasons), deciding, observed)


def read_parts(milestone: Milestone, evidence: Sequence[Evidence], own_targets: Sequence[Evidence] = (),
               figures_needed: bool = True) -> list[PartReading]:
    """Per part of what the milestone asks, its strongest establishing passage (evidence strongest first).

    `figures_needed`: a part asking for a measured change is shown only by a figure. A company's
    account shows it by its own results or targets; a standard or law that requires the change
    (the RBA Code's duty to minimise impacts) is the mandate toward it, at whatever strength,
    while one that asks only for the figure to be disclosed (VSME's collective-bargaining
    coverage) requires no change at all.
    """
    committing = [e for e in evidence if e.polarity.covers and e.strength > 0 and e.duty_type not in _COMMITS_NO_ONE
                  and not illustrates(e)]
    # A sentence shares its paragraph's strength only toward a milestone the paragraph's stronger sentence speaks to.
    paragraph = _paragraph_strengths([e for e in committing if any(speaks_to(e.quote, a) for a in milestone.asks)])
    out = []
    for ask in milestone.asks:
        # Of equally strong passages, an act's own provision is named before a recital that explains it.
        speaking = max((e for e in committing if speaks_to(e.quote, ask)),
                       key=lambda e: (paragraph.get(e.section, toward_milestone(e)), not explains(e)), default=None)
        reading = PartReading(ask, paragraph.get(speaking.section, toward_milestone(speaking)), speaking) if speaking \
            else PartReading(ask)
        if ask.measured and reading.evidence is not None and reading.strength < MEASURED_STEP \
                and (figures_needed or lowered_toward_milestone(reading.evidence) == "milestone.disclosed_figure"):
            # A process or policy toward a measured change: no step yet.
            reading = PartReading(ask, 0, reading.evidence, unmeasured=True)
        if ask.shown_by_own_targets and own_targets and own_targets[0].strength > reading.strength:
            reading = PartReading(ask, own_targets[0].strength, own_targets[0])
        out.append(reading)
    return out


# A figure a standard asks to be disclosed, or a target without a date, is a process toward a milestone.
DISCLOSED_FIGURE_LEVEL = 2


def toward_milestone(evidence: Evidence) -> int:
    """How far a passage goes toward a milestone: its strength, but a disclosed figure only as a process.

    A standard's duty to disclose collective-bargaining coverage or the share
    of renewable energy makes the cell specific (the figure is a result with
    its scope), yet asks no one to raise it: toward "more workers covered by
    collective agreements" it shows the topic is reported, not pursued.
    """
    return min(evidence.strength, DISCLOSED_FIGURE_LEVEL) if lowered_toward_milestone(evidence) else evidence.strength


def lowered_toward_milestone(evidence: Evidence) -> str:
    """The rule that makes a passage only a process toward a milestone ('' when none does)."""
    if evidence.strength <= DISCLOSED_FIGURE_LEVEL:
        return ""
    if any(r.rule == "coverage.quantified_disclosure" for r in evidence.reasons):
        return "milestone.disclosed_figure"
    if undated_target(evidence):
        return "milestone.undated_target"
    return ""


def undated_target(evidence: Evidence) -> bool:
    """A target with no date ("we plan a 100 % transition to renewable energy"): it commits to no milestone's year.

    Specific as a target, since it is quantified; toward a 2030 outcome it
    is an intention, a process.
    """
    return GapFlag.NO_DEADLINE in evidence.gap_flags and any(
        r.rule in ("strength.own_target", "strength.quantified_intent") for r in evidence.reasons
    ) and not any(r.rule in ("strength.own_result", "strength.time_bound_target") for r in evidence.reasons)


# "Article 17 > 2": a numbered paragraph of an article, one provision however
# many passages its sentences were cut into.
_ARTICLE_PARAGRAPH_RE = re.compile(r"^Article\s+\w+\s+>\s+\w+$")


def _paragraph_strengths(evidence: Sequence[Evidence]) -> dict[str, int]:
    """Per article paragraph, the strength of its strongest passage, which each of its sentences shares.

    "By 1 January 2023 and every three years thereafter, the Commission shall
    review ... The review shall assess ... the need for additional mandatory
    measures" (CMR Art 17(2)) dates the whole review, though the second
    sentence, cut into a passage of its own, carries no date.
    """
    out: dict[str, int] = {}
    for e in evidence:
        if _ARTICLE_PARAGRAPH_RE.match(e.section):
            out[e.section] = max(out.get(e.section, 0), e.strength)
    return out


# The reasons that say a passage sets the company a target, as opposed to reporting a result.
_TARGET_RULES = frozenset({"strength.own_target", "strength.time_bound_target", "strength.quantified_intent"})


def commits(evidence: Evidence) -> bool:
    """Whether the passage sets the company a target ("our commitment to be carbon neutral"), not only reports what it did."""
    return any(r.rule in _TARGET_RULES for r in evidence.reasons) or bool(OWN_TARGET_RE.search(evidence.quote))


def illustrates(evidence: Evidence) -> bool:
    """Whether the passage only illustrates the category (an example, a glossary, a list of topics): it asks nothing."""
    return any(r.rule == "coverage.illustrates" for r in evidence.reasons)


def explains(evidence: Evidence) -> bool:
    """Whether the passage is a recital or explanatory memorandum of a law (coverage marks it so)."""
    return any(r.rule == "coverage.explains_law" for r in evidence.reasons)


# A definition names things and a permission allows them: neither commits
# anyone to what a milestone asks ("the following shall be environmental
# objectives: ... the transition to a circular economy" meets no recycling
# milestone).
_COMMITS_NO_ONE = frozenset({DutyType.DEFINITION, DutyType.PERMISSION})


def speaks_to(text: str, ask: MilestoneAsk) -> bool:
    """Whether a passage names this part of what a milestone asks (and what it must name with it), and nothing the part rules out."""
    text = text.replace("\u2019", "'")
    if ask.unless and cue_pattern(tuple(ask.unless)).search(text):
        return False
    if ask.also and not cue_pattern(tuple(ask.also)).search(text):
        return False
    return bool(cue_pattern(tuple(ask.cues)).search(text))


def parts_verdict(parts: Sequence[PartReading], expected: int) -> MilestoneVerdict:
    """Every part at the expected strength meets the milestone; its core within one level of it, in part.

    Without a core part marked, any part is enough for "in part": each is
    a piece of what the milestone asks.
    """
    if all(p.strength >= expected for p in parts):
        return MilestoneVerdict.MET
    near = [p.strength >= max(expected - 1, 1) for p in parts]
    core = [n for p, n in zip(parts, near) if p.ask.core]
    enough = all(core) if core else any(near)
    if enough:
        return MilestoneVerdict.PARTLY_MET
    return MilestoneVerdict.NOT_MET


def milestone_verdict(cell: CoverageCell, expected: int) -> MilestoneVerdict:
    """What the cell's coverage shows against the strength a milestone expects."""
    if cell.status is CoverageStatus.ABSENT:
        return MilestoneVerdict.NOT_ADDRESSED
    if cell.polarity is not Polarity.ESTABLISHES:
        return MilestoneVerdict.NOT_MET
    if cell.strength >= expected:
        return MilestoneVerdict.MET
    if cell.strength >= expected - 1 and cell.strength > 0:
        return MilestoneVerdict.PARTLY_MET
    return MilestoneVerdict.NOT_MET


def _deciding(parts: Sequence[PartReading]) -> tuple[Evidence, ...]:
    """The passages that speak to the milestone's parts, strongest first, each once."""
    seen: dict[str, Evidence] = {}
    for p in sorted((p for p in parts if p.evidence), key=lambda p: -p.strength):
        seen.setdefault(p.evidence.passage_id, p.evidence)
    return tuple(seen.values())


def _verdict_reason(verdict: MilestoneVerdict, parts: Sequence[PartReading], cell: CoverageCell,
                    expected: int) -> Reason:
    rule = {MilestoneVerdict.MET: "milestone.met", MilestoneVerdict.PARTLY_MET: "milestone.partly_met"}.get(
        verdict, "milestone.not_met")
    if not parts:
        return reason(rule, f"observed {cell.strength}, expected {expected}")
    shown = "; ".join(f"{p.ask.part}: {p.strength}" for p in parts)
    return reason(rule, f"{shown} (expected {expected})")
