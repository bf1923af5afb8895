"""The memo: what an advocacy group needs first from a comparison, in the order it would brief.

New and removed chapters and articles; rights and duties put in or taken
out, with the roadmap categories they touch; sanctions, liability and
enforcement; thresholds, scope, exemptions, definitions and addressees;
deadlines and periods; wording softened or hardened; then the other
rewording of operative provisions, whose effect no rule typed. Every item
names its article and quotes the old and the new words. Renumbering,
recitals and the explanatory memorandum stay out of the memo; they are in
the full list of changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from nlp_pipeline.compare.provisions import OPERATIVE_PARTS
from nlp_pipeline.records import Change, ChangeEffect, ChangeType


@dataclass(frozen=True)
class MemoItem:
    change: Change
    effect: ChangeEffect

    @property
    def citation(self) -> str:
        return self.change.citation

    @property
    def heading(self) -> str:
        return self.change.new_heading or self.change.old_heading


@dataclass(frozen=True)
class MemoSection:
    key: str
    title: str
    items: tuple[MemoItem, ...]
    note: str = ""


# (key, title, the effect types it gathers), in the order of the memo.
SECTIONS: tuple[tuple[str, str, frozenset[ChangeType]], ...] = (
    ("structure", "New and removed chapters and articles", frozenset({
        ChangeType.NEW_CHAPTER, ChangeType.REMOVED_CHAPTER, ChangeType.NEW_ARTICLE, ChangeType.REMOVED_ARTICLE})),
    ("duties", "Rights and duties added or removed", frozenset({
        ChangeType.DUTY_ADDED, ChangeType.DUTY_REMOVED, ChangeType.RIGHT_ADDED, ChangeType.RIGHT_REMOVED})),
    ("enforcement", "Sanctions, liability and enforcement", frozenset({
        ChangeType.SANCTION_ADDED, ChangeType.SANCTION_REMOVED, ChangeType.SANCTION_RAISED, ChangeType.SANCTION_LOWERED,
        ChangeType.LIABILITY_ADDED, ChangeType.LIABILITY_REMOVED, ChangeType.ENFORCEMENT_ADDED,
        ChangeType.ENFORCEMENT_REMOVED, ChangeType.ENFORCEMENT_REACH_CHANGED})),
    ("scope", "Thresholds, scope, exemptions and definitions", frozenset({
        ChangeType.THRESHOLD_RAISED, ChangeType.THRESHOLD_LOWERED, ChangeType.THRESHOLD_ADDED,
        ChangeType.THRESHOLD_REMOVED, ChangeType.SCOPE_NARROWED, ChangeType.SCOPE_WIDENED, ChangeType.SCOPE_CHANGED,
        ChangeType.EXEMPTION_ADDED, ChangeType.EXEMPTION_REMOVED, ChangeType.DEFINITION_CHANGED,
        ChangeType.DEFINITION_ADDED, ChangeType.DEFINITION_REMOVED, ChangeType.ADDRESSEE_CHANGED})),
    ("deadlines", "Deadlines and periods", frozenset({
        ChangeType.DEADLINE_POSTPONED, ChangeType.DEADLINE_BROUGHT_FORWARD, ChangeType.DEADLINE_ADDED,
        ChangeType.DEADLINE_REMOVED, ChangeType.PERIOD_LENGTHENED, ChangeType.PERIOD_SHORTENED})),
    ("wording", "Wording softened or hardened", frozenset({
        ChangeType.MODALITY_SOFTENED, ChangeType.MODALITY_HARDENED})),
    ("reworded", "Other rewording of operative provisions (no typed effect found: read the quotes)", frozenset({
        ChangeType.REWORDED})),
)


def memo_sections(changes: Sequence[Change]) -> list[MemoSection]:
    """The memo's sections, each with its items in the act's reading order; empty sections are kept, said empty."""
    out = []
    for key, title, types in SECTIONS:
        items = tuple(MemoItem(change, effect) for change in changes for effect in change.effects
                      if effect.type in types and change.part in OPERATIVE_PARTS)
        out.append(MemoSection(key, title, items))
    return out


def renumbering_note(changes: Sequence[Change]) -> str:
    moved = [e.summary for c in changes for e in c.effects if e.type is ChangeType.RENUMBERED]
    return "; ".join(moved)
