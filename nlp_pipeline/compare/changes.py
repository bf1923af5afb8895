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
from dataclasses import dataclass

from nlp_pipeline.compare.alignment import AlignedPair, normalised
from nlp_pipeline.records import (
    Assessment,
    CategoryComparison,
    CategoryScore,
    CategoryShift,
    Change,
    CoverageCell,
    CoverageStatus,
    Document,
    Fact,
    FactShift,
    MilestoneCell,
    MilestoneComparison,
    Passage,
)

# A rewording that moves a category's score across the passage threshold by
# less than this is classifier noise, not a change of subject.
SCORE_MARGIN = 0.1
STATUS_RANK = {status: rank for rank, status in enumerate(CoverageStatus.__members__.values())}
VERDICT_RANK = {"not_addressed": 0, "not_met": 1, "partly_met": 2, "met": 3}
_LATER_IS_RAISED = {"deadline": ("later", "earlier")}
# Numbers that say who is bound, by when and at what cost. Other quantities
# count only in passages on a roadmap topic: elsewhere they are mostly
# citations ("OJ L 176, 27.6.2013, p. 1") that differ between editions.
COMMITMENT_FACTS = frozenset({"threshold", "penalty", "deadline", "exemption", "enforcement", "scope"})


@dataclass(frozen=True)
class TextVersion:
    """One analysed version of a text: its passages and what the stages made of them."""

    document: Document
    passages: tuple[Passage, ...]
    scores: dict[str, list[CategoryScore]]
    assessments: dict[str, Assessment]
    coverage: tuple[CoverageCell, ...]
    milestones: tuple[MilestoneCell, ...]

    def present(self, passage: Passage) -> dict[str, float]:
        return {s.category_id: float(s.score) for s in self.scores.get(passage.id, []) if s.present}

    def all_scores(self, passage: Passage) -> dict[str, float]:
        return {s.category_id: float(s.score) for s in self.scores.get(passage.id, [])}

    def strength(self, passage: Passage) -> int:
        assessment = self.assessments.get(passage.id)
        # The scale's 0 means "topic not addressed", as in passages.jsonl.
        return assessment.strength if assessment and self.present(passage) else 0

    def facts(self, passage: Passage) -> tuple[Fact, ...]:
        assessment = self.assessments.get(passage.id)
        return assessment.facts if assessment else ()


def passage_changes(pairs: Sequence[AlignedPair], old: TextVersion, new: TextVersion) -> list[Change]:
    """One Change per passage that is not word for word where it was; in the new version's reading order."""
    changes = []
    for pair in pairs:
        before = old.passages[pair.old] if pair.old is not None else None
        after = new.passages[pair.new] if pair.new is not None else None
        kind = _kind(before, after)
        if kind == "unchanged":
            continue
        shifts, facts = (), ()
        # Moved wording commits to what it did before; a score that differs
        # only because the article number changed is not a change.
        if kind != "moved":
            shifts = category_shifts(before, after, old, new)
            on_topic = bool((before and old.present(before)) or (after and new.present(after)))
            facts = fact_shifts(old.facts(before) if before else (), new.facts(after) if after else (),
                                None if on_topic else COMMITMENT_FACTS)
        changes.append(
            Change(
                kind=kind,
                old_passage=before,
                new_passage=after,
                similarity=round(pair.similarity, 4),
                categories=shifts,
                facts=facts,
                old_strength=old.strength(before) if before else 0,
                new_strength=new.strength(after) if after else 0,
            )
        )
    return changes


def _kind(before: Passage | None, after: Passage | None) -> str:
    if before is None:
        return "added"
    if after is None:
        return "removed"
    if normalised(before.text) != normalised(after.text):
        return "modified"
    return "unchanged" if before.section == after.section else "moved"


def category_shifts(before: Passage | None, after: Passage | None, old: TextVersion,
                    new: TextVersion) -> tuple[CategoryShift, ...]:
    was = old.present(before) if before else {}
    now = new.present(after) if after else {}
    old_scores = old.all_scores(before) if before else {}
    new_scores = new.all_scores(after) if after else {}
    old_strength = old.strength(before) if before else 0
    new_strength = new.strength(after) if after else 0
    shifts = []
    for category_id in sorted(set(was) | set(now)):
        was_score = old_scores.get(category_id, 0.0)
        now_score = new_scores.get(category_id, 0.0)
        if category_id in was and category_id in now:
            direction = ("strengthened" if new_strength > old_strength
                         else "weakened" if new_strength < old_strength else "unchanged")
            shifts.append(CategoryShift(category_id, direction, old_strength, new_strength, was_score, now_score))
        elif before is not None and after is not None and abs(now_score - was_score) < SCORE_MARGIN:
            continue
        elif category_id in now:
            shifts.append(CategoryShift(category_id, "added", None, new_strength, was_score, now_score))
        else:
            shifts.append(CategoryShift(category_id, "dropped", old_strength, None, was_score, now_score))
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
        shifts.extend(FactShift(f.kind, f.attribute, "removed", old=f, reading=_reading(f, "removed", exemption))
                      for f in _distinct(olds[len(news):]))
        shifts.extend(FactShift(f.kind, f.attribute, "added", new=f, reading=_reading(f, "added", exemption))
                      for f in _distinct(news[len(olds):]))
    return tuple(shifts)


def _distinct(facts: Sequence[Fact]) -> list[Fact]:
    """One fact per value: "liable ... liability ... liable" in one passage is one civil liability."""
    seen: dict[tuple[float | None, str], Fact] = {}
    for fact in facts:
        seen.setdefault((fact.value, fact.unit), fact)
    return list(seen.values())


def _moved(was: Fact, now: Fact, exemption: bool) -> FactShift:
    up, down = _LATER_IS_RAISED.get(was.kind, ("raised", "lowered"))
    direction = up if now.value > was.value else down
    return FactShift(was.kind, was.attribute, direction, old=was, new=now,
                     reading=_reading(now, "raised" if direction == up else "lowered", exemption))


def _reading(fact: Fact, movement: str, exemption: bool) -> str:
    """The roadmap meaning of a fact moving, only where it cannot be read two ways."""
    if fact.kind == "threshold":
        # "more than 1 000 employees" sets who is in; "fewer than 500 ... exempt" who is out.
        applies_above = fact.comparator in (">", ">=") or (fact.comparator in ("<", "<=") and exemption)
        if movement in ("raised", "lowered") and applies_above:
            return "scope narrowed" if movement == "raised" else "scope widened"
        return ""
    readings = {
        "penalty": {"raised": "sanctions raised", "lowered": "sanctions lowered",
                    "added": "sanction added", "removed": "sanction removed"},
        "enforcement": {"added": "enforcement added", "removed": "enforcement removed"},
        "exemption": {"added": "exemption added (possible loophole)", "removed": "exemption removed"},
        "deadline": {"raised": "deadline postponed", "lowered": "deadline brought forward",
                     "added": "deadline added", "removed": "deadline removed"},
        "scope": {"added": "scope clause added", "removed": "scope clause removed"},
    }
    return readings.get(fact.kind, {}).get(movement, "")


def category_comparisons(old: TextVersion, new: TextVersion, changes: Sequence[Change],
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


def coverage_direction(was: CoverageStatus, now: CoverageStatus) -> str:
    if was is CoverageStatus.ABSENT and now is CoverageStatus.ABSENT:
        return "absent_in_both"
    if was is CoverageStatus.ABSENT:
        return "newly_covered"
    if now is CoverageStatus.ABSENT:
        return "no_longer_covered"
    if STATUS_RANK[now] > STATUS_RANK[was]:
        return "strengthened"
    if STATUS_RANK[now] < STATUS_RANK[was]:
        return "weakened"
    return "unchanged"


def milestone_comparisons(old: TextVersion, new: TextVersion) -> list[MilestoneComparison]:
    after = {m.milestone_id: m for m in new.milestones}
    out = []
    for was in old.milestones:
        now = after.get(was.milestone_id)
        if now is None:
            continue
        rank_was, rank_now = VERDICT_RANK.get(was.verdict, 0), VERDICT_RANK.get(now.verdict, 0)
        direction = "improved" if rank_now > rank_was else "worsened" if rank_now < rank_was else "unchanged"
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
