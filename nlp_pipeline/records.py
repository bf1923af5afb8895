"""Typed records passed between the pipeline stages.

Every stage is a function from one of these records to the next; none of them
knows how its inputs were produced or how its outputs will be stored. They are
frozen so that a stage can never quietly edit what an earlier stage decided.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import Enum
from typing import Any


class DocumentKind(str, Enum):
    LEGISLATION = "legislation"
    REPORT = "report"
    INITIATIVE = "initiative"
    UNKNOWN = "unknown"


class BlockKind(str, Enum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    TABLE = "table"
    FOOTNOTE = "footnote"
    FIGURE = "figure"  # chart labels, axis ticks, callouts, captions: kept for reference, never prose
    TOC = "toc"  # table-of-contents entries
    FURNITURE = "furniture"  # running headers and footers, page numbers

    @property
    def is_prose(self) -> bool:
        """Whether blocks of this kind are read as running text (sentences grouped into passages)."""
        return self in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM)


@dataclass(frozen=True)
class Block:
    """One layout unit of a document: where it stands and what it is."""

    doc_id: str
    index: int
    text: str
    page: int  # physical page, 1-based; 1 for formats without pages
    page_label: str = ""  # the number printed on the page, if one was found
    section: tuple[str, ...] = ()  # heading trail, or ("Article 14", "2", "(b)")
    kind: BlockKind = BlockKind.PARAGRAPH
    # Legal structure needs to be known downstream (recitals are capped at
    # strength 2), so the backend that recognises it says so.
    role: str = ""  # "recital", "article", "annex", "definition", "" if unknown
    cells: tuple[tuple[str, ...], ...] = ()  # a table's rows of cells (its text also holds them)
    notes: tuple[str, ...] = ()  # the footnotes this block's markers lead to
    label: str = ""  # a run-in label that opens the paragraph ("Energy efficiency:"), still in `text`
    bbox: tuple[float, ...] = ()  # x0, top, x1, bottom in points from the page's top left (paged formats)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["kind"] = self.kind.value
        d["section"] = list(self.section)
        d["cells"] = [list(row) for row in self.cells]
        d["notes"] = list(self.notes)
        d["bbox"] = [round(v, 1) for v in self.bbox]
        return d


@dataclass(frozen=True)
class Document:
    id: str  # sha256 of the file bytes, hex
    path: str
    kind: DocumentKind
    title: str
    blocks: tuple[Block, ...]
    page_count: int
    issuer: str = ""
    year: int | None = None
    language: str = "en"
    # Running headers and footers removed from the text, kept so a reader can
    # see what was dropped (they sometimes carry the act's OJ reference).
    headers_removed: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()  # e.g. pages that failed and were skipped

    @property
    def short_id(self) -> str:
        return self.id[:12]

    @property
    def name(self) -> str:
        from pathlib import Path

        return Path(self.path).name

    def metadata(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "path": self.path,
            "name": self.name,
            "kind": self.kind.value,
            "title": self.title,
            "issuer": self.issuer,
            "year": self.year,
            "language": self.language,
            "page_count": self.page_count,
            "block_count": len(self.blocks),
            "headers_removed": list(self.headers_removed),
            "warnings": list(self.warnings),
        }


@dataclass(frozen=True)
class Passage:
    """A few sentences that stay inside one section, with where to find them."""

    id: str  # f"{doc_id[:12]}:{char_start}"
    doc_id: str
    text: str
    page_start: int
    page_end: int
    section: tuple[str, ...]
    kind: BlockKind
    char_start: int
    char_end: int
    page_label: str = ""
    role: str = ""
    context_before: str = ""
    context_after: str = ""
    doc_kind: DocumentKind = DocumentKind.UNKNOWN
    heading: str = ""  # the title of the enclosing article or section, where it is not in `section`
    notes: tuple[str, ...] = ()  # footnotes cited in the passage
    cells: tuple[tuple[str, ...], ...] = ()  # a table passage's rows of cells
    page_label_end: str = ""  # printed page number of the last page, where it differs from page_label

    @property
    def pages(self) -> str:
        if self.page_start == self.page_end:
            return str(self.page_start)
        return f"{self.page_start}-{self.page_end}"

    @property
    def section_path(self) -> str:
        return " > ".join(self.section)

    def with_context(self, width: int = 300) -> str:
        """Text used where the surrounding words help a model decide."""
        before = self.context_before[-width:]
        after = self.context_after[:width]
        return " ".join(p for p in (before, self.text, after) if p)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["kind"] = self.kind.value
        d["doc_kind"] = self.doc_kind.value
        d["section"] = list(self.section)
        d["notes"] = list(self.notes)
        d["cells"] = [list(row) for row in self.cells]
        return d


@dataclass(frozen=True)
class CategoryScore:
    category_id: str
    score: float  # 0-1
    present: bool  # after the category's threshold
    evidence: tuple[str, ...] = ()  # cue terms matched, nearest exemplar ids

    def to_dict(self) -> dict[str, Any]:
        return {
            "category_id": self.category_id,
            "score": round(float(self.score), 4),
            "present": self.present,
            "evidence": list(self.evidence),
        }


@dataclass(frozen=True)
class Span:
    """A stretch of a passage that a rule fired on."""

    start: int
    end: int
    text: str
    label: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Fact:
    """A structured finding, e.g. a threshold of 1 000 employees."""

    kind: str  # threshold, penalty, deadline, quantity, scope, exemption, enforcement
    text: str
    start: int
    end: int
    value: float | None = None
    unit: str = ""
    attribute: str = ""  # employees, turnover, import_volume, share_of_turnover ...
    comparator: str = ""  # ">", ">=", "<", "<=", "="

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Assessment:
    passage_id: str
    strength: int  # 0-4
    modality: str  # binding, prohibition, recommendation, permission, past_action, future_intent, descriptive
    hedges: tuple[Span, ...] = ()
    facts: tuple[Fact, ...] = ()
    reasons: tuple[str, ...] = ()  # rule ids with the span that fired, "rule_id: text"
    gap_flags: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "passage_id": self.passage_id,
            "strength": self.strength,
            "modality": self.modality,
            "hedges": [h.to_dict() for h in self.hedges],
            "facts": [f.to_dict() for f in self.facts],
            "reasons": list(self.reasons),
            "gap_flags": list(self.gap_flags),
        }


class CoverageStatus(str, Enum):
    ABSENT = "absent"
    MENTIONED = "mentioned"
    ASPIRATIONAL = "aspirational"
    PROCEDURAL = "procedural"
    SPECIFIC = "specific"
    BINDING_ENFORCED = "binding_enforced"


@dataclass(frozen=True)
class Evidence:
    passage_id: str
    page: str
    section: str
    score: float
    strength: int
    quote: str
    rules: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["rules"] = list(self.rules)
        return d


@dataclass(frozen=True)
class CoverageCell:
    doc_id: str
    category_id: str
    status: CoverageStatus
    strength: int
    evidence: tuple[Evidence, ...] = ()
    gap_flags: tuple[str, ...] = ()
    best_score: float = 0.0
    passage_count: int = 0


@dataclass(frozen=True)
class MilestoneCell:
    doc_id: str
    milestone_id: str
    category_id: str
    year: int
    expected: int
    observed: int
    verdict: str  # met, partly_met, not_met, not_addressed
    provenance: str  # roadmap, derived
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class CategoryShift:
    """How one category's reading of a passage differs between two versions of a text."""

    category_id: str
    direction: str  # added, dropped, strengthened, weakened, unchanged
    old_strength: int | None = None  # None: the category was not found in that version
    new_strength: int | None = None
    old_score: float = 0.0
    new_score: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["old_score"] = round(float(self.old_score), 4)
        d["new_score"] = round(float(self.new_score), 4)
        return d


@dataclass(frozen=True)
class FactShift:
    """A threshold, penalty, deadline, exemption or enforcement fact that appeared, went or moved."""

    kind: str  # the Fact kind: threshold, penalty, deadline, exemption, enforcement, ...
    attribute: str
    direction: str  # added, removed, raised, lowered; later, earlier for deadlines
    old: Fact | None = None
    new: Fact | None = None
    reading: str = ""  # what it means for the roadmap, where that is unambiguous: "scope narrowed"

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "attribute": self.attribute,
            "direction": self.direction,
            "reading": self.reading,
            "old": self.old.to_dict() if self.old else None,
            "new": self.new.to_dict() if self.new else None,
        }


@dataclass(frozen=True)
class Change:
    """One passage that differs between an old and a new version of a text."""

    kind: str  # modified, moved, added, removed
    old_passage: Passage | None
    new_passage: Passage | None
    similarity: float = 0.0  # of the two texts, 0-1; 0 for added and removed passages
    categories: tuple[CategoryShift, ...] = ()
    facts: tuple[FactShift, ...] = ()
    old_strength: int = 0
    new_strength: int = 0

    @property
    def severity(self) -> str:
        """major when the change alters what the text commits to in roadmap terms, minor for wording."""
        if self.facts or any(s.direction != "unchanged" for s in self.categories):
            return "major"
        return "minor"


@dataclass(frozen=True)
class CategoryComparison:
    """One roadmap category in the old and the new version of a text, with the passages behind each."""

    category_id: str
    direction: str  # strengthened, weakened, newly_covered, no_longer_covered, unchanged, absent_in_both
    old_status: CoverageStatus
    new_status: CoverageStatus
    old_strength: int
    new_strength: int
    old_evidence: tuple[Evidence, ...] = ()
    new_evidence: tuple[Evidence, ...] = ()
    old_gap_flags: tuple[str, ...] = ()
    new_gap_flags: tuple[str, ...] = ()
    changed_passages: int = 0  # major passage changes that touch this category
    fact_changes: tuple[str, ...] = ()  # "sanction added", "scope narrowed" in those passages


@dataclass(frozen=True)
class MilestoneComparison:
    milestone_id: str
    category_id: str
    year: int
    expected: int
    old_observed: int
    new_observed: int
    old_verdict: str
    new_verdict: str
    direction: str  # improved, worsened, unchanged
