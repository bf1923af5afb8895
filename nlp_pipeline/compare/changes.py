"""What changed between two versions of a text, in the roadmap's terms.

Pure functions over two analysed versions and their aligned passages:
- per passage, which categories appeared or went and whether the commitment
  got stronger or weaker, and which thresholds, penalties, deadlines,
  exemptions and enforcement provisions appeared, went or moved;
- per category, how the document's coverage moved, with the passages that
  prove each side;
- per milestone, whether the verdict improved or worsened.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from nlp_pipeline.compare.alignment import AlignedPair, normalised
from nlp_pipeline.records import (
    AnalysedPassage,
    CategoryComparison,
    CategoryShift,
    Change,
    ChangeKind,
    CoverageCell,
    CoverageDirection,
    CoverageStatus,
    DocumentAnalysis,
    Fact,
    FactDirection,
    FactShift,
    MilestoneComparison,
    ShiftDirection,
    VerdictDirection,
)

# A rewording that moves a category's score across the passage threshold by
# less than this is classifier noise, not a change of subject.
SCORE_MARGIN = 0.1
# Numbers that say who is bound, by when and at what cost. Other quantities
# count only in passages on a roadmap topic: elsewhere they are mostly
# citations ("OJ L 176, 27.6.2013, p. 1") that differ between editions.
COMMITMENT_FACTS = frozenset({"threshold", "penalty", "deadline", "exemption", "enforcement", "scope"})


def passage_changes(pairs: Sequence[AlignedPair], old: DocumentAnalysis, new: DocumentAnalysis) -> list[Change]:
    """One Change per passage that is not word for word where it was; in the new version's reading order."""
    changes = []
    for pair in pairs:
        before = old.passages[pair.old] if pair.old is not None else None
        after = new.passages[pair.new] if pair.new is not None else None
        kind = change_kind(before, after)
        if kind is None:
            continue
        shifts, facts = (), ()
        # Moved wording commits to what it did before; a score that differs
        # only because the article number changed is not a change.
        if kind is not ChangeKind.MOVED:
            shifts = category_shifts(before, after)
            on_topic = bool((before and before.on_topic) or (after and after.on_topic))
            facts = fact_shifts(before.facts if before else (), after.facts if after else (),
                                None if on_topic else COMMITMENT_FACTS)
        changes.append(Change(kind=kind, old=before, new=after, similarity=round(pair.similarity, 4),
                              categories=shifts, facts=facts))
    return changes


def change_kind(before: AnalysedPassage | None, after: AnalysedPassage | None) -> ChangeKind | None:
    """What happened to a passage; None when it is word for word where it was."""
    if before is None:
        return ChangeKind.ADDED
    if after is None:
        return ChangeKind.REMOVED
    if normalised(before.text) != normalised(after.text):
        return ChangeKind.MODIFIED
    return None if before.passage.section == after.passage.section else ChangeKind.MOVED


def category_shifts(before: AnalysedPassage | None, after: AnalysedPassage | None) -> tuple[CategoryShift, ...]:
    was = before.present_scores() if before else {}
    now = after.present_scores() if after else {}
    old_strength = before.strength if before else 0
    new_strength = after.strength if after else 0
    shifts = []
    for category_id in sorted(set(was) | set(now)):
        was_score = before.score(category_id) if before else 0.0
        now_score = after.score(category_id) if after else 0.0
        if category_id in was and category_id in now:
            direction = (ShiftDirection.STRENGTHENED if new_strength > old_strength
                         else ShiftDirection.WEAKENED if new_strength < old_strength else ShiftDirection.UNCHANGED)
            shifts.append(CategoryShift(category_id, direction, old_strength, new_strength, was_score, now_score))
        elif before is not None and after is not None and abs(now_score - was_score) < SCORE_MARGIN:
            continue
        elif category_id in now:
            shifts.append(CategoryShift(category_id, ShiftDirection.ADDED, None, new_strength, was_score, now_score))
        else:
            shifts.append(CategoryShift(category_id, ShiftDirection.DROPPED, old_strength, None, was_score, now_score))
    return tuple(shifts)


def fact_shifts(old_facts: Sequence[Fact], new_facts: Sequence[Fact],
                kinds: frozenset[str] | None = None) -> tuple[FactShift, ...]:
    """Facts paired by kind and attribute, in order; a value that moved is raised or lowered.

    `kinds` limits the comparison to those fact kinds (None: all of them).
    """
    before: dict[tuple[str, str], list[Fact]] = defaultdict(list)
    after: dict[tuple[str, str], list[Fact]] = defaultdict(list)
    for fact in old_facts:
        if kinds is None or fact.kind in kinds:
            before[(fact.kind, fact.attribute)].append(fact)
    for fact in new_facts:
        if kinds is None or fact.kind in kinds:
            after[(fact.kind, fact.attribute)].append(fact)
    exemption = any(f.kind == "exemption" for f in (*old_facts, *new_facts))
    shifts = []
    for key in sorted(set(before) | set(after)):
        olds, news = before.get(key, []), after.get(key, [])
        for was, now in zip(olds, news):
            if was.value is None or now.value is None or was.value == now.value:
                continue
            shifts.append(_moved(was, now, exemption))
        shifts.extend(FactShift(f.kind, f.attribute, FactDirection.REMOVED, old=f,
                                reading=_reading(f, FactDirection.REMOVED, exemption))
                      for f in _distinct(olds[len(news):]))
        shifts.extend(FactShift(f.kind, f.attribute, FactDirection.ADDED, new=f,
                                reading=_reading(f, FactDirection.ADDED, exemption))
                      for f in _distinct(news[len(olds):]))
    return tuple(shifts)


def _distinct(facts: Sequence[Fact]) -> list[Fact]:
    """One fact per value: "liable ... liability ... liable" in one passage is one civil liability."""
    seen: dict[tuple[float | None, str], Fact] = {}
    for fact in facts:
        seen.setdefault((fact.value, fact.unit), fact)
    return list(seen.values())


def _moved(was: Fact, now: Fact, exemption: bool) -> FactShift:
    up = now.value > was.value
    if was.kind == "deadline":
        direction = FactDirection.LATER if up else FactDirection.EARLIER
    else:
        direction = FactDirection.RAISED if up else FactDirection.LOWERED
    return FactShift(was.kind, was.attribute, direction, old=was, new=now,
                     reading=_reading(now, FactDirection.RAISED if up else FactDirection.LOWERED, exemption))


_READINGS: dict[str, dict[FactDirection, str]] = {
    "penalty": {FactDirection.RAISED: "sanctions raised", FactDirection.LOWERED: "sanctions lowered",
                FactDirection.ADDED: "sanction added", FactDirection.REMOVED: "sanction removed"},
    "enforcement": {FactDirection.ADDED: "enforcement added", FactDirection.REMOVED: "enforcement removed"},
    "exemption": {FactDirection.ADDED: "exemption added (possible loophole)", FactDirection.REMOVED: "exemption removed"},
    "deadline": {FactDirection.RAISED: "deadline postponed", FactDirection.LOWERED: "deadline brought forward",
                 FactDirection.ADDED: "deadline added", FactDirection.REMOVED: "deadline removed"},
    "scope": {FactDirection.ADDED: "scope clause added", FactDirection.REMOVED: "scope clause removed"},
}


def _reading(fact: Fact, movement: FactDirection, exemption: bool) -> str:
    """The roadmap meaning of a fact moving, only where it cannot be read two ways."""
    if fact.kind == "threshold":
        # "more than 1 000 employees" sets who is in; "fewer than 500 ... exempt" who is out.
        applies_above = fact.comparator in (">", ">=") or (fact.comparator in ("<", "<=") and exemption)
        if movement in (FactDirection.RAISED, FactDirection.LOWERED) and applies_above:
            return "scope narrowed" if movement is FactDirection.RAISED else "scope widened"
        return ""
    return _READINGS.get(fact.kind, {}).get(movement, "")


def category_comparisons(old: DocumentAnalysis, new: DocumentAnalysis, changes: Sequence[Change],
                         category_ids: Sequence[str]) -> list[CategoryComparison]:
    old_cells = {c.category_id: c for c in old.coverage}
    new_cells = {c.category_id: c for c in new.coverage}
    touched: dict[str, int] = defaultdict(int)
    # A fact belongs to the categories its passage is about, on either side.
    facts: dict[str, dict[str, None]] = defaultdict(dict)
    for change in changes:
        if change.severity != "major":
            continue
        for shift in change.categories:
            touched[shift.category_id] += 1
            for fact in change.facts:
                facts[shift.category_id][fact.reading or f"{fact.kind} {fact.direction}"] = None
    out = []
    for category_id in category_ids:
        was = old_cells.get(category_id) or CoverageCell(old.document.id, category_id, CoverageStatus.ABSENT, 0)
        now = new_cells.get(category_id) or CoverageCell(new.document.id, category_id, CoverageStatus.ABSENT, 0)
        out.append(
            CategoryComparison(
                category_id=category_id,
                direction=coverage_direction(was.status, now.status),
                old_status=was.status,
                new_status=now.status,
                old_strength=was.strength,
                new_strength=now.strength,
                old_evidence=was.evidence,
                new_evidence=now.evidence,
                old_gap_flags=was.gap_flags,
                new_gap_flags=now.gap_flags,
                changed_passages=touched.get(category_id, 0),
                fact_changes=tuple(facts.get(category_id, {})),
            )
        )
    return out


def coverage_direction(was: CoverageStatus, now: CoverageStatus) -> CoverageDirection:
    if was is CoverageStatus.ABSENT and now is CoverageStatus.ABSENT:
        return CoverageDirection.ABSENT_IN_BOTH
    if was is CoverageStatus.ABSENT:
        return CoverageDirection.NEWLY_COVERED
    if now is CoverageStatus.ABSENT:
        return CoverageDirection.NO_LONGER_COVERED
    if now.rank > was.rank:
        return CoverageDirection.STRENGTHENED
    if now.rank < was.rank:
        return CoverageDirection.WEAKENED
    return CoverageDirection.UNCHANGED


def milestone_comparisons(old: DocumentAnalysis, new: DocumentAnalysis) -> list[MilestoneComparison]:
    after = {m.milestone_id: m for m in new.milestones}
    out = []
    for was in old.milestones:
        now = after.get(was.milestone_id)
        if now is None:
            continue
        rank_was, rank_now = was.verdict.rank or 0, now.verdict.rank or 0
        direction = (VerdictDirection.IMPROVED if rank_now > rank_was
                     else VerdictDirection.WORSENED if rank_now < rank_was else VerdictDirection.UNCHANGED)
        out.append(
            MilestoneComparison(
                milestone_id=was.milestone_id,
                category_id=was.category_id,
                year=was.year,
                expected=was.expected,
                old_observed=was.observed,
                new_observed=now.observed,
                old_verdict=was.verdict,
                new_verdict=now.verdict,
                direction=direction,
            )
        )
    return out
