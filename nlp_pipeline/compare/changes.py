"""What changed between two versions of a text, as changes a reader can quote.

From an alignment of provisions (alignment.py) to Change records:
- a provision reworded in place is one change, typed by effects.py;
- a provision split in two, or two merged, is one change;
- a whole new or removed article is one change (a whole new chapter, one
  change for the chapter), listing the duties, rights, sanctions and
  thresholds it brings or takes away;
- articles renumbered together ("Articles 30 to 39 are now 31 to 40") are
  one change, and a provision with the same words in the same order is no
  change, whatever its number now is;
- recitals are compared as recitals, and the explanatory memorandum,
  citations and closing formulas as context: they never change a
  commitment verdict;
- provisions whose words did not change but whose strength did (the act's
  penalties or liability were deleted) are reported once, with the change
  that caused it.

Categories are held stable: a category of a reworded provision appears or
goes only when its score moved by SCORE_MARGIN or more and the words that
drove it (the classifier's cue terms and key words) were among those that
changed. The classifier's full scores, below threshold too, come through
`ScoreLookup`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from nlp_pipeline.compare.alignment import Alignment, Match
from nlp_pipeline.compare.effects import Side, modified_effects, provision_effects
from nlp_pipeline.compare.provisions import (
    ANNEX,
    ARTICLE,
    MEMORANDUM,
    PREAMBLE,
    RECITAL,
    TEXT,
    Provision,
    citation,
    container_citation,
    container_number,
)
from nlp_pipeline.compare.wording import (
    changed_words,
    clause_around,
    differences,
    normalised,
    renumbered_references,
    same_wording,
    tokens,
)
from nlp_pipeline.records import (
    AnalysedPassage,
    CategoryScore,
    CategoryShift,
    Change,
    ChangeEffect,
    ChangeKind,
    ChangeType,
    CueMatch,
    DocumentAnalysis,
    KeyWords,
    ShiftDirection,
)

# A category of a reworded provision that crosses its threshold by less than
# this is classifier noise, not a change of subject.
SCORE_MARGIN = 0.1
# Without cue terms or key words to check, a rewording keeping this share of
# the words keeps its categories.
NEAR_IDENTICAL = 0.9
CONTEXT_PARTS = frozenset({MEMORANDUM, PREAMBLE, "closing"})
ENFORCEMENT_TYPES = frozenset({ChangeType.LIABILITY_ADDED, ChangeType.LIABILITY_REMOVED, ChangeType.SANCTION_ADDED,
                               ChangeType.SANCTION_REMOVED, ChangeType.ENFORCEMENT_ADDED,
                               ChangeType.ENFORCEMENT_REMOVED, ChangeType.REMOVED_ARTICLE})

ScoreLookup = Callable[[Sequence[AnalysedPassage]], dict[str, list[float]]]


@dataclass(frozen=True)
class Stabilised:
    """The new version's passages with categories held where the words that drove them did not change."""

    passages: tuple[AnalysedPassage, ...]
    held: int  # categories kept or withheld by the stability rule


@dataclass
class ChangeSet:
    changes: list[Change]
    new_passages: tuple[AnalysedPassage, ...]  # stabilised
    held_categories: int
    reach: list[tuple[str, int, int]]  # (citation, old strength, new strength) of unchanged provisions
    notes: list[str]


def build_changes(alignment: Alignment, old: DocumentAnalysis, new: DocumentAnalysis, scores: ScoreLookup | None,
                  chapters_old: dict[str, tuple[str, str]], chapters_new: dict[str, tuple[str, str]]) -> ChangeSet:
    """Every change between the versions, in the new version's reading order, and the stabilised new passages."""
    builder = _Builder(alignment, old, new, scores, chapters_old, chapters_new)
    return builder.run()


class _Builder:
    def __init__(self, alignment: Alignment, old: DocumentAnalysis, new: DocumentAnalysis, scores: ScoreLookup | None,
                 chapters_old: dict[str, tuple[str, str]], chapters_new: dict[str, tuple[str, str]]):
        self.a = alignment
        self.old, self.new = old, new
        self.scores = scores
        self.chapters_old, self.chapters_new = chapters_old, chapters_new
        self.new_scores: dict[int, tuple[CategoryScore, ...]] = {}
        self.held = 0
        self.full_scores: dict[str, dict[str, float]] = {}
        self.notes: list[str] = []

    # -- sides --------------------------------------------------------------------------

    def _passages(self, version: DocumentAnalysis, units: Sequence[Provision]) -> tuple[AnalysedPassage, ...]:
        return tuple(version.passages[i] for u in units for i in u.passages)

    def side(self, version: DocumentAnalysis, units: Sequence[Provision], categories: Sequence[str] | None = None) -> Side:
        passages = self._passages(version, units)
        found = categories if categories is not None else _categories(passages)
        return Side(passages, tuple(found), units[0].heading if units else "", self._lead_in(version, units))

    def _lead_in(self, version: DocumentAnalysis, units: Sequence[Provision]) -> str:
        """The words that introduce a list the first provision is a point of ("... shall take place at: (a) ...")."""
        if not units or not units[0].path or not units[0].path[-1].startswith("("):
            return ""
        all_units = self.a.old if version is self.old else self.a.new
        parent = units[0].path[:-1]
        lead = [u for u in all_units[:units[0].index] if u.container == units[0].container and u.path == parent]
        return lead[-1].text if lead and lead[-1].text.rstrip().endswith(":") else ""

    # -- run ------------------------------------------------------------------------------

    def run(self) -> ChangeSet:
        self._prefetch_scores()
        added_containers: dict[str, list[Match]] = defaultdict(list)
        removed_containers: dict[str, list[Match]] = defaultdict(list)
        context: dict[str, list[Match]] = defaultdict(list)
        reach: list[tuple[Provision, Provision]] = []
        entries: list[tuple[Match, Change | None]] = []
        matched_new = set(self.a.containers.values())
        for m in self.a.matches:
            olds = [self.a.old[i] for i in m.old]
            news = [self.a.new[j] for j in m.new]
            unit = (news or olds)[0]
            if unit.part in CONTEXT_PARTS:
                if m.how != "kept" or not self._same(olds, news):
                    context[unit.part].append(m)
                else:
                    self._carry(olds, news)
                continue
            if m.how == "added" and unit.part != TEXT and unit.container not in matched_new:
                added_containers[unit.container].append(m)
                continue
            if m.how == "removed" and unit.part != TEXT and unit.container not in self.a.containers:
                removed_containers[unit.container].append(m)
                continue
            change = self._provision_change(m, olds, news)
            if change is None and olds and news and olds[0].operative:
                reach.append((olds[0], news[0]))
            entries.append((m, change))
        changes = self._collapse(entries)
        changes = self._with_containers(changes, added_containers, removed_containers)
        changes += self._renumbering()
        for part, ms in context.items():
            in_old = any(u.part == part for u in self.a.old)
            in_new = any(u.part == part for u in self.a.new)
            if in_old and in_new:
                changes.append(self._context_change(part, ms))
                continue
            # A file that leaves out the memorandum or the citations has not changed the act.
            side = "new" if in_new else "old"
            count = sum(len(m.new or m.old) for m in ms)
            self.notes.append(f"The {citation((), part)} is only in the {side} version ({count} provision(s)); "
                              "it frames the act and is not compared.")
        changes = self._in_order(changes)
        stabilised = self._stabilised()
        reach_rows = self._reach(reach, stabilised)
        changes = self._attach_reach(changes, reach_rows)
        return ChangeSet(changes, stabilised, self.held, reach_rows, self.notes)

    def _same(self, olds: Sequence[Provision], news: Sequence[Provision]) -> bool:
        return bool(olds and news) and same_wording(" ".join(normalised(u.text) for u in olds),
                                                    " ".join(normalised(u.text) for u in news))

    # -- one provision -----------------------------------------------------------------------

    def _provision_change(self, m: Match, olds: list[Provision], news: list[Provision]) -> Change | None:
        part = (news or olds)[0].part
        if m.how == "added":
            return self._appeared(news, part, added=True)
        if m.how == "removed":
            return self._appeared(olds, part, added=False)
        same = len(olds) == 1 and len(news) == 1 and self.a.same_words(olds[0], news[0])
        if same and m.how == "kept" or _same_layout_only(olds, news, self.a):
            self._carry(olds, news)
            return None
        before, after = self.side(self.old, olds), self.side(self.new, news)
        kind = {"split": ChangeKind.SPLIT, "merged": ChangeKind.MERGED, "moved": ChangeKind.MOVED}.get(
            m.how, ChangeKind.MODIFIED)
        shifts: tuple[CategoryShift, ...] = ()
        effects: list[ChangeEffect] = []
        if same:
            self._carry(olds, news)
            effects.append(ChangeEffect(ChangeType.MOVED, f"moved from {olds[0].citation} to {news[0].citation}",
                                        "", "", before.categories))
        elif part == RECITAL:
            self._carry(olds, news)
            effects.append(self._recital_effect(before, after))
        else:
            shifts, after = self._shifts(olds, news, before, after)
            effects += modified_effects(before, after, after.categories or before.categories)
            effects += [ChangeEffect(ChangeType.COVERAGE_ADDED if s.direction is ShiftDirection.ADDED
                                     else ChangeType.COVERAGE_DROPPED, f"{s.category_id} {s.direction}",
                                     "", "", (s.category_id,))
                        for s in shifts if s.direction in (ShiftDirection.ADDED, ShiftDirection.DROPPED)]
            if kind is ChangeKind.SPLIT:
                effects.insert(0, ChangeEffect(ChangeType.SPLIT, f"{olds[0].citation} split into "
                                               + " and ".join(u.citation for u in news), "", "", after.categories))
            elif kind is ChangeKind.MERGED:
                effects.insert(0, ChangeEffect(ChangeType.MERGED, " and ".join(u.citation for u in olds)
                                               + f" merged into {news[0].citation}", "", "", after.categories))
            if not effects:
                if _only_noise(before.text, after.text, self.a):
                    self._carry(olds, news)
                    return None
                effects.append(self._reworded(before, after))
        return self._change(kind, olds, news, before, after, effects, shifts, m.similarity)

    def _appeared(self, units: list[Provision], part: str, added: bool) -> Change:
        version = self.new if added else self.old
        side = self.side(version, units)
        if part == RECITAL:
            effects = [ChangeEffect(ChangeType.RECITAL_CHANGED, f"recital {'added' if added else 'removed'}",
                                    "" if added else side.text, side.text if added else "", side.categories)]
        else:
            effects = provision_effects(side, added, side.categories)
        empty = Side(())
        kind = ChangeKind.ADDED if added else ChangeKind.REMOVED
        return self._change(kind, [] if added else units, units if added else [], empty if added else side,
                            side if added else empty, effects, (), 0.0)

    def _recital_effect(self, before: Side, after: Side) -> ChangeEffect:
        found = differences(before.tokens, after.tokens)
        first = found[0]
        o = before.tokens[first.old_start].start if first.old_start < len(before.tokens) else len(before.text)
        n = after.tokens[first.new_start].start if first.new_start < len(after.tokens) else len(after.text)
        return ChangeEffect(ChangeType.RECITAL_CHANGED, "recital reworded", clause_around(before.text, o, o + 1),
                            clause_around(after.text, n, n + 1), after.categories or before.categories)

    def _reworded(self, before: Side, after: Side) -> ChangeEffect:
        found = differences(before.tokens, after.tokens)
        first = found[0] if found else None
        if first is None:
            return ChangeEffect(ChangeType.REWORDED, "reworded", before.text[:320], after.text[:320], after.categories)
        o = before.tokens[min(first.old_start, len(before.tokens) - 1)].start if before.tokens else 0
        n = after.tokens[min(first.new_start, len(after.tokens) - 1)].start if after.tokens else 0
        return ChangeEffect(ChangeType.REWORDED, "reworded", clause_around(before.text, o, o + 1),
                            clause_around(after.text, n, n + 1), after.categories or before.categories)

    def _change(self, kind: ChangeKind, olds: Sequence[Provision], news: Sequence[Provision], before: Side,
                after: Side, effects: list[ChangeEffect], shifts: tuple[CategoryShift, ...], similarity: float) -> Change:
        part = (news or olds)[0].part if (news or olds) else ARTICLE
        return Change(
            kind=kind,
            old=before.passages,
            new=after.passages,
            old_citation=_group_citation(olds),
            new_citation=_group_citation(news),
            part=part,
            similarity=round(similarity, 4),
            effects=tuple(effects),
            categories=shifts,
            old_heading=olds[0].heading if olds else "",
            new_heading=news[0].heading if news else "",
        )

    # -- changes next to each other in one paragraph --------------------------------------------

    def _paragraph(self, m: Match) -> tuple[str, str, str] | None:
        """The paragraph a change stands in: (part, container in the new numbering, paragraph number)."""
        unit = self.a.new[m.new[0]] if m.new else self.a.old[m.old[0]]
        if unit.part not in (ARTICLE, ANNEX):
            return None
        container = unit.container if m.new else self.a.containers.get(unit.container, unit.container)
        paragraph = unit.path[1] if len(unit.path) > 1 and not unit.path[1].startswith("(") else ""
        return unit.part, container, paragraph

    def _collapse(self, entries: list[tuple[Match, Change | None]]) -> list[Change]:
        """Changes to a provision and to the points under it, next to each other, become one change.

        A paragraph replaced by an amendment, or rewritten between a draft and
        the final act, is one thing to a reader: its lead-in, its points and
        the text that continues it are read together, with the effects of the
        whole. Neighbouring points changed each on their own stay apart.
        """
        out: list[Change] = []
        run: list[tuple[Match, Change]] = []
        paths: set[tuple[str, ...]] = set()

        def flush() -> None:
            if len(run) == 1:
                out.append(run[0][1])
            elif run:
                out.append(self._paragraph_change(run))
            run.clear()
            paths.clear()

        for m, change in entries:
            mergeable = change is not None and change.kind in (
                ChangeKind.MODIFIED, ChangeKind.SPLIT, ChangeKind.MERGED, ChangeKind.ADDED, ChangeKind.REMOVED)
            if not mergeable:
                flush()
                if change is not None:
                    out.append(change)
                continue
            key = self._paragraph(m)
            mine = {self.a.old[i].path for i in m.old} | {self.a.new[j].path for j in m.new}
            joins = run and key is not None and key == self._paragraph(run[-1][0]) and any(
                path[:n] in paths or any(p[:len(path)] == path for p in paths)
                for path in mine for n in range(1, len(path) + 1))
            if run and not joins:
                flush()
            run.append((m, change))
            paths.update(mine)
            if key is None:
                flush()
        flush()
        return out

    def _paragraph_change(self, run: list[tuple[Match, Change]]) -> Change:
        olds = sorted({i for m, _ in run for i in m.old})
        news = sorted({j for m, _ in run for j in m.new})
        old_units, new_units = [self.a.old[i] for i in olds], [self.a.new[j] for j in news]
        unit = (new_units or old_units)[0]
        shifts: dict[str, CategoryShift] = {}
        for _, change in run:
            for shift in change.categories:
                shifts.setdefault(shift.category_id, shift)
        if not old_units or not new_units:
            change = self._appeared(new_units or old_units, unit.part, added=bool(new_units))
        else:
            before = self.side(self.old, old_units)
            after = replace(self.side(self.new, new_units), categories=self._stable_categories(new_units))
            effects = modified_effects(before, after, after.categories or before.categories)
            effects += [ChangeEffect(ChangeType.COVERAGE_ADDED if s.direction is ShiftDirection.ADDED
                                     else ChangeType.COVERAGE_DROPPED, f"{s.category_id} {s.direction}",
                                     "", "", (s.category_id,))
                        for s in shifts.values() if s.direction in (ShiftDirection.ADDED, ShiftDirection.DROPPED)]
            if not effects:
                effects.append(self._reworded(before, after))
            similarity = _kept_share(before, after)
            change = self._change(ChangeKind.MODIFIED, old_units, new_units, before, after, effects,
                                  tuple(shifts.values()), similarity)
        return replace(change, new_citation=_run_citation(new_units), old_citation=_run_citation(old_units),
                       categories=tuple(shifts.values()))

    def _stable_categories(self, units: Sequence[Provision]) -> tuple[str, ...]:
        best: dict[str, float] = {}
        for u in units:
            for i in u.passages:
                for s in self.new_scores.get(i, self.new.passages[i].scores):
                    if s.present:
                        best[s.category_id] = max(s.score, best.get(s.category_id, 0.0))
        return tuple(sorted(best, key=lambda c: (-best[c], c)))

    # -- categories held stable -----------------------------------------------------------------

    def _prefetch_scores(self) -> None:
        """The classifier's full scores for every passage of a reworded provision, in one call per version."""
        if self.scores is None:
            return
        for version, side_of in ((self.old, lambda m: m.old), (self.new, lambda m: m.new)):
            units = self.a.old if version is self.old else self.a.new
            reworded = [m for m in self.a.matches if m.old and m.new and m.how != "moved" and not (
                len(m.old) == 1 and len(m.new) == 1 and self.a.same_words(self.a.old[m.old[0]], self.a.new[m.new[0]]))]
            wanted = [version.passages[i] for m in reworded for u in side_of(m) for i in units[u].passages]
            wanted = list({p.id: p for p in wanted}.values())
            table = self.scores(wanted)
            for k, p in enumerate(wanted):
                self.full_scores[p.id] = {c: values[k] for c, values in table.items()}

    def _full(self, side: Side, category_id: str) -> float:
        values = [self.full_scores.get(p.id, {}).get(category_id, p.score(category_id)) for p in side.passages]
        return max(values, default=0.0)

    def _shifts(self, olds: list[Provision], news: list[Provision], before: Side, after: Side
                ) -> tuple[tuple[CategoryShift, ...], Side]:
        was, now = set(before.categories), set(after.categories)
        changed = changed_words(before.tokens, after.tokens, differences(before.tokens, after.tokens))
        similarity = 1.0 if not changed else _kept_share(before, after)
        shifts: list[CategoryShift] = []
        held_present: set[str] = set()
        withheld: set[str] = set()
        for category_id in sorted(was | now):
            old_strength = _strength(before, category_id)
            new_strength = _strength(after, category_id)
            old_score, new_score = self._full(before, category_id), self._full(after, category_id)
            if category_id in was and category_id in now:
                direction = (ShiftDirection.STRENGTHENED if new_strength > old_strength
                             else ShiftDirection.WEAKENED if new_strength < old_strength else ShiftDirection.UNCHANGED)
                shifts.append(CategoryShift(category_id, direction, old_strength, new_strength, old_score, new_score))
                continue
            present_side = before if category_id in was else after
            driven = _driving_words(present_side, category_id)
            moved = abs(new_score - old_score) >= SCORE_MARGIN
            words_changed = bool(driven & changed) if driven else similarity < NEAR_IDENTICAL
            if not (moved and words_changed):
                self.held += 1
                (held_present if category_id in was else withheld).add(category_id)
                continue
            if category_id in now:
                shifts.append(CategoryShift(category_id, ShiftDirection.ADDED, None, new_strength, old_score, new_score))
            else:
                shifts.append(CategoryShift(category_id, ShiftDirection.DROPPED, old_strength, None, old_score,
                                            new_score))
        self._hold(before, news, held_present, withheld)
        kept = (now | held_present) - withheld
        ordered = [c for c in after.categories if c in kept] + sorted(kept - set(after.categories))
        return tuple(shifts), replace(after, categories=tuple(ordered))

    def _hold(self, before: Side, news: list[Provision], kept: set[str], withheld: set[str]) -> None:
        """Give the new passages the categories the rule kept, and take away those it withheld."""
        if not kept and not withheld:
            return
        indices = [i for u in news for i in u.passages]
        for category_id in kept:
            source = next(s for p in before.passages for s in p.scores if s.category_id == category_id and s.present)
            best = max(indices, key=lambda i: self.full_scores.get(self.new.passages[i].id, {}).get(category_id, 0.0))
            current = self.new_scores.get(best, self.new.passages[best].scores)
            self.new_scores[best] = tuple(s for s in current if s.category_id != category_id) + (source,)
        for i in indices:
            current = self.new_scores.get(i, self.new.passages[i].scores)
            self.new_scores[i] = tuple(s for s in current if s.category_id not in withheld)

    def _carry(self, olds: Sequence[Provision], news: Sequence[Provision]) -> None:
        """Same words: the new passages take the categories of the old passages that hold their text."""
        old_passages = [self.old.passages[i] for u in olds for i in u.passages]
        new_indices = [i for u in news for i in u.passages]
        if not old_passages or not new_indices:
            return
        old_spans = _spans([p.text for p in old_passages])
        new_spans = _spans([self.new.passages[i].text for i in new_indices])
        scale = (old_spans[-1][1] / new_spans[-1][1]) if new_spans[-1][1] else 1.0
        for i, (start, end) in zip(new_indices, new_spans):
            lo, hi = start * scale, end * scale
            carried: dict[str, CategoryScore] = {}
            for p, (a, b) in zip(old_passages, old_spans):
                if a < hi and b > lo:
                    for s in p.scores:
                        if s.present and (s.category_id not in carried or s.score > carried[s.category_id].score):
                            carried[s.category_id] = s
            mine = {s.category_id for s in self.new.passages[i].scores if s.present}
            if set(carried) != mine:
                self.held += len(set(carried) ^ mine)
                self.new_scores[i] = tuple(sorted(carried.values(), key=lambda s: -s.score))

    def _stabilised(self) -> tuple[AnalysedPassage, ...]:
        return tuple(replace(p, scores=self.new_scores[i]) if i in self.new_scores else p
                     for i, p in enumerate(self.new.passages))

    # -- whole containers ------------------------------------------------------------------------

    def _with_containers(self, changes: list[Change], added: dict[str, list[Match]],
                         removed: dict[str, list[Match]]) -> list[Change]:
        out = list(changes)
        for containers, is_added in ((added, True), (removed, False)):
            chapters = self.chapters_new if is_added else self.chapters_old
            others = self.chapters_old if is_added else self.chapters_new
            other_titles = {title.lower() for _, title in others.values() if title}
            by_chapter: dict[tuple[str, str], list[str]] = defaultdict(list)
            for container in containers:
                chapter = chapters.get(container)
                whole = chapter and chapter[1] and chapter[1].lower() not in other_titles and all(
                    c in containers for c, ch in chapters.items() if ch == chapter)
                by_chapter[chapter if whole else ("", container)].append(container)
            for (chapter, title), names in by_chapter.items():
                out.append(self._container_change(names, containers, is_added, chapter, title))
        return out

    def _container_change(self, names: list[str], containers: dict[str, list[Match]], added: bool,
                          chapter: str, chapter_title: str) -> Change:
        version = self.new if added else self.old
        units_of = self.a.new if added else self.a.old
        effects: list[ChangeEffect] = []
        all_units: list[Provision] = []
        empty = Side(())
        if chapter:
            kind = ChangeType.NEW_CHAPTER if added else ChangeType.REMOVED_CHAPTER
            effects.append(ChangeEffect(kind, f"{'new' if added else 'removed'} {chapter} “{chapter_title}”",
                                        "" if added else chapter_title, chapter_title if added else ""))
        for name in names:
            units = [units_of[i] for m in containers[name] for i in (m.new if added else m.old)]
            all_units += units
            side = self.side(version, units)
            part = units[0].part
            title = units[0].heading
            if part == RECITAL:
                effects.append(ChangeEffect(ChangeType.RECITAL_CHANGED, f"{citation((name,))} "
                                            f"{'added' if added else 'removed'}", "" if added else side.text,
                                            side.text if added else "", side.categories))
                continue
            word = "Annex" if part == ANNEX else "Article"
            head = ChangeType.NEW_ARTICLE if added else ChangeType.REMOVED_ARTICLE
            label = f"{'new' if added else 'removed'} {citation((name,)) if word == 'Article' else name}" + (
                f" “{title}”" if title else "")
            effects.append(ChangeEffect(head, label, "" if added else _opening(side.text),
                                        _opening(side.text) if added else "", side.categories))
            effects += _by_type([(unit.citation, e) for unit in units
                                 for e in provision_effects(self.side(version, [unit]), added,
                                                            self.side(version, [unit]).categories)
                                 if e.type not in (ChangeType.TEXT_ADDED, ChangeType.TEXT_REMOVED)])
        side = self.side(version, all_units)
        citation_ = (f"{chapter} ({container_citation(names)})" if chapter else container_citation(names))
        return Change(
            kind=ChangeKind.ADDED if added else ChangeKind.REMOVED,
            old=() if added else side.passages,
            new=side.passages if added else (),
            old_citation="" if added else citation_,
            new_citation=citation_ if added else "",
            part=all_units[0].part if all_units else ARTICLE,
            effects=tuple(effects),
            old_heading="" if added else (chapter_title or all_units[0].heading),
            new_heading=(chapter_title or all_units[0].heading) if added else "",
        ) if all_units else Change(ChangeKind.ADDED if added else ChangeKind.REMOVED, empty.passages, empty.passages)

    def _renumbering(self) -> list[Change]:
        """Runs of articles (or recitals) renumbered by the same step: one change per run."""
        out = []
        moved = [(a, b) for a, b in self.a.containers.items() if a != b and a.split()[0] == b.split()[0]]
        order = {p.container: p.index for p in reversed(self.a.old)}
        moved.sort(key=lambda ab: order.get(ab[0], 0))
        run: list[tuple[str, str]] = []

        def flush() -> None:
            if not run:
                return
            olds, news = [a for a, _ in run], [b for _, b in run]
            summary = f"{container_citation(olds)} {'is' if len(run) == 1 else 'are'} now {container_citation(news)}"
            part = RECITAL if olds[0].startswith("Recital") else ANNEX if olds[0].startswith("Annex") else ARTICLE
            out.append(Change(ChangeKind.RENUMBERED, (), (), container_citation(olds), container_citation(news), part,
                              1.0, (ChangeEffect(ChangeType.RENUMBERED, summary),)))
            run.clear()

        for a, b in moved:
            if run and _step(run[-1]) == _step((a, b)) and _next(run[-1][0], a):
                run.append((a, b))
            else:
                flush()
                run.append((a, b))
        flush()
        return out

    # -- context ---------------------------------------------------------------------------------

    def _context_change(self, part: str, matches: list[Match]) -> Change:
        olds = [self.a.old[i] for m in matches for i in m.old]
        news = [self.a.new[j] for m in matches for j in m.new]
        before, after = self.side(self.old, olds), self.side(self.new, news)
        name = citation((), part)
        if not olds or not news:
            what = "added" if news else "removed"
            kind = ChangeKind.ADDED if news else ChangeKind.REMOVED
            summary = f"{name} {what} ({len(news or olds)} passage(s)); it explains the act and binds no one"
        else:
            kind = ChangeKind.MODIFIED
            summary = f"{name}: {len(matches)} passage(s) differ; it explains the act and binds no one"
        effect = ChangeEffect(ChangeType.CONTEXT_CHANGED, summary, _opening(before.text), _opening(after.text))
        return Change(kind, before.passages, after.passages, name if olds else "", name if news else "", part,
                      0.0, (effect,))

    # -- order and reach ---------------------------------------------------------------------------

    def _in_order(self, changes: list[Change]) -> list[Change]:
        position = {p.id: k for k, p in enumerate(self.new.passages)}
        old_position = {p.id: k for k, p in enumerate(self.old.passages)}
        anchors: dict[int, float] = {}
        for m in self.a.matches:
            if m.old and m.new:
                first_new = min(self.a.new[j].passages[0] for j in m.new)
                for i in m.old:
                    anchors[self.a.old[i].passages[0]] = first_new
        placed = sorted(anchors.items())

        def key(change: Change) -> tuple[float, int]:
            if change.new:
                return position[change.new[0].id], 0
            if change.old:
                at = old_position[change.old[0].id]
                before = [new for old_, new in placed if old_ < at]
                return (before[-1] + 0.5 if before else -0.5), 1
            return float("inf"), 2

        return sorted(changes, key=key)

    def _reach(self, kept: list[tuple[Provision, Provision]], stabilised: Sequence[AnalysedPassage]
               ) -> list[tuple[str, int, int]]:
        """Provisions with the same words and the same surroundings whose strength moved: the act around them changed."""
        rows = []
        for was, now in kept:
            before = [self.old.passages[i].passage for i in was.passages]
            after = [self.new.passages[i].passage for i in now.passages]
            if len(before) != len(after) or any(
                    not same_wording(normalised(a.context_before), normalised(b.context_before))
                    or not same_wording(normalised(a.context_after), normalised(b.context_after))
                    for a, b in zip(before, after)):
                continue
            a = max((self.old.passages[i].strength for i in was.passages), default=0)
            b = max((stabilised[i].strength for i in now.passages), default=0)
            if a != b:
                rows.append((now.citation, a, b))
        return rows

    def _attach_reach(self, changes: list[Change], rows: list[tuple[str, int, int]]) -> list[Change]:
        if not rows:
            return changes
        lower = sum(1 for _, a, b in rows if b < a)
        higher = len(rows) - lower
        listed = ", ".join(c for c, _, _ in rows[:8]) + (f" and {len(rows) - 8} more" if len(rows) > 8 else "")
        summary = (f"{len(rows)} provision(s) with unchanged wording are now rated differently ({lower} lower, "
                   f"{higher} higher), because what enforces them changed: {listed}")
        effect = ChangeEffect(ChangeType.ENFORCEMENT_REACH_CHANGED, summary)
        for k, change in enumerate(changes):
            if any(e.type in ENFORCEMENT_TYPES for e in change.effects):
                changes[k] = replace(change, effects=change.effects + (effect,))
                return changes
        return changes + [Change(ChangeKind.MODIFIED, (), (), "", "provisions with unchanged wording", ARTICLE, 1.0,
                                 (effect,))]


# -- helpers -------------------------------------------------------------------------------------------


def _categories(passages: Sequence[AnalysedPassage]) -> tuple[str, ...]:
    """The categories the passages are about, the most confident first."""
    best: dict[str, float] = {}
    for p in passages:
        for category_id, score in p.present_scores().items():
            best[category_id] = max(score, best.get(category_id, 0.0))
    return tuple(sorted(best, key=lambda c: (-best[c], c)))


def _strength(side: Side, category_id: str) -> int:
    return max((p.strength for p in side.passages if p.addresses(category_id)), default=max(
        (p.strength for p in side.passages), default=0))


def _driving_words(side: Side, category_id: str) -> set[str]:
    """The cue terms and key words behind a category's score, as the comparison tokenises them."""
    found: set[str] = set()
    for p in side.passages:
        for s in p.scores:
            if s.category_id != category_id:
                continue
            for e in s.evidence:
                if isinstance(e, CueMatch):
                    found.update(t.norm for t in tokens(e.term))
                elif isinstance(e, KeyWords):
                    for w in e.words:
                        found.update(t.norm for t in tokens(w))
    return found


def _kept_share(before: Side, after: Side) -> float:
    import difflib

    return difflib.SequenceMatcher(None, [t.norm for t in before.tokens], [t.norm for t in after.tokens],
                                   autojunk=False).ratio()


def _same_layout_only(olds: Sequence[Provision], news: Sequence[Provision], alignment: Alignment) -> bool:
    """A split or merge in which every word and every label was already there: one format cut the text elsewhere."""
    if len(olds) == len(news):
        return False
    from nlp_pipeline.compare.alignment import comparable_text

    old_text = " ".join(comparable_text(u.text, alignment.article_numbers) for u in olds)
    if not same_wording(old_text, " ".join(normalised(u.text) for u in news)):
        return False
    with_labels = " ".join(normalised(renumbered_references(u.text, alignment.article_numbers), labels=True)
                           for u in olds)
    if same_wording(with_labels, " ".join(normalised(u.text, labels=True) for u in news)):
        return True
    # One format lost the numbering altogether (a Markdown list eating "1.", "2."): same words, no labels left.
    fewer, more = (olds, news) if len(olds) < len(news) else (news, olds)
    return not any(_labelled(u.text) for u in fewer) and all(_labelled(u.text) for u in more)


def _labelled(text: str) -> bool:
    return normalised(text, labels=True) != normalised(text)


def _only_noise(old: str, new: str, alignment: Alignment) -> bool:
    from nlp_pipeline.compare.alignment import comparable_text

    return same_wording(comparable_text(old, alignment.article_numbers), normalised(new))


def _by_type(found: list[tuple[str, ChangeEffect]]) -> list[ChangeEffect]:
    """One effect per type for a whole article: where it occurs, quoted at its first occurrence."""
    grouped: dict[ChangeType, list[tuple[str, ChangeEffect]]] = {}
    for where, effect in found:
        grouped.setdefault(effect.type, []).append((where, effect))
    out = []
    for kind, items in grouped.items():
        places = list(dict.fromkeys(where for where, _ in items))
        first = items[0][1]
        categories = tuple(dict.fromkeys(c for _, e in items for c in e.categories))
        summary = first.summary if len(items) == 1 else f"{kind.words} ({len(places)} provision(s))"
        out.append(replace(first, summary=f"{summary}: {', '.join(places)}", categories=categories))
    return out


def _run_citation(units: Sequence[Provision]) -> str:
    """A run of provisions of one paragraph, cited by its first when the rest sit under it or continue it."""
    if not units:
        return ""
    first = units[0].path
    paragraph = first[:2] if len(first) > 1 and not first[1].startswith("(") else first[:1]
    spans = {u.subparagraph for u in units} | {u.last_subparagraph for u in units}
    if first == paragraph and len(spans) > 1:
        return citation(paragraph)  # the paragraph's own text and what follows it: the paragraph
    if all(u.path[:len(first)] == first or first[:len(u.path)] == u.path for u in units[1:]):
        return units[0].citation
    return citation(paragraph)


def _group_citation(units: Sequence[Provision]) -> str:
    if not units:
        return ""
    if len(units) == 1:
        return units[0].citation
    return " and ".join(dict.fromkeys(u.citation for u in units))


def _spans(texts: list[str]) -> list[tuple[int, int]]:
    spans, at = [], 0
    for t in texts:
        n = len(normalised(t))
        spans.append((at, at + n))
        at += n + 1
    return spans


def _opening(text: str, limit: int = 320) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def _step(pair: tuple[str, str]) -> int | None:
    a, b = (container_number(x) for x in pair)
    if a.isdigit() and b.isdigit():
        return int(b) - int(a)
    return None


def _next(previous: str, current: str) -> bool:
    a, b = container_number(previous), container_number(current)
    return a.isdigit() and b.isdigit() and int(b) == int(a) + 1
