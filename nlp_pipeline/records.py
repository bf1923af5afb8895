"""Typed records passed between the pipeline stages.

Every stage is a function from one of these records to the next; none of them
knows how its inputs were produced or how its outputs will be stored. They are
frozen so that a stage can never quietly edit what an earlier stage decided.

The record every stage after `assess` reads is the AnalysedPassage: a Passage
with its category scores and its Assessment, built once. Aggregate, report,
compare and the store take it as it is; none of them joins scores and
assessments back together. Vocabularies (statuses, verdicts, modalities,
directions, gap flags) are enums, and evidence and reasons are typed, so
nothing downstream parses a string to learn what an earlier stage meant.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from enum import Enum
from typing import Any, ClassVar, Union


# The role of every block of a text in which the Commission explains EU law (a
# notice on its interpretation, questions and answers): it speaks for the EU
# and enacts nothing.
ROLE_INTERPRETATION = "interpretation"

class Vocabulary(str, Enum):
    """A closed set of words; prints as its value, so an f-string never shows the class name."""

    def __str__(self) -> str:
        return self.value


class DocumentKind(Vocabulary):
    LEGISLATION = "legislation"
    REPORT = "report"
    INITIATIVE = "initiative"
    UNKNOWN = "unknown"


class BlockKind(Vocabulary):
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
    role: str = ""  # "recital", "article", "annex", "definition", "interpretation", "" if unknown
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
    # Counted from `blocks` when not given; kept by `without_text`, so a
    # corpus run can hold every document's metadata without its text.
    block_count: int = -1
    # The Commission explaining EU law (a notice, a Q&A): read as legislation,
    # since it speaks for the EU, though it enacts nothing.
    explains_law: bool = False

    def __post_init__(self) -> None:
        if self.block_count < 0:
            object.__setattr__(self, "block_count", len(self.blocks))

    def without_text(self) -> Document:
        """The same document without its blocks: what a corpus-level report needs of it."""
        return replace(self, blocks=())

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
            "block_count": self.block_count,
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


# ---------------------------------------------------------------------------
# Vocabularies
# ---------------------------------------------------------------------------


class CoverageStatus(Vocabulary):
    """How far a document goes on one category, from nothing to binding and enforced."""

    ABSENT = "absent"
    MENTIONED = "mentioned"
    ASPIRATIONAL = "aspirational"
    PROCEDURAL = "procedural"
    SPECIFIC = "specific"
    BINDING_ENFORCED = "binding_enforced"

    @classmethod
    def of_strength(cls, strength: int) -> CoverageStatus:
        """The status a covering passage of this strength gives its cell (0 is a mention)."""
        return _STATUS_BY_STRENGTH[strength]

    @property
    def rank(self) -> int:
        return list(CoverageStatus).index(self)

    @property
    def words(self) -> str:
        return self.value.replace("_", " and ")


_STATUS_BY_STRENGTH = {
    0: CoverageStatus.MENTIONED,
    1: CoverageStatus.ASPIRATIONAL,
    2: CoverageStatus.PROCEDURAL,
    3: CoverageStatus.SPECIFIC,
    4: CoverageStatus.BINDING_ENFORCED,
}


class MilestoneVerdict(Vocabulary):
    """How a document stands against one milestone of the roadmap."""

    MET = "met"
    COMMITTED = "committed"  # a mandate or commitment toward an outcome text cannot show is reached
    PARTLY_MET = "partly_met"
    NOT_MET = "not_met"
    NOT_ADDRESSED = "not_addressed"
    NOT_APPLICABLE = "not_applicable"  # the milestone is not addressed to this kind of document

    @property
    def rank(self) -> int | None:
        """Order for saying a verdict improved or worsened; None where no order applies."""
        return _VERDICT_RANK.get(self)

    @property
    def words(self) -> str:
        return _VERDICT_WORDS.get(self, self.value.replace("_", " "))


_VERDICT_WORDS = {
    MilestoneVerdict.COMMITTED: "committed (not shown reached)",
    MilestoneVerdict.NOT_APPLICABLE: "not applicable (other actor)",
}

_VERDICT_RANK = {
    MilestoneVerdict.NOT_ADDRESSED: 0,
    MilestoneVerdict.NOT_MET: 1,
    MilestoneVerdict.PARTLY_MET: 2,
    MilestoneVerdict.COMMITTED: 3,
    MilestoneVerdict.MET: 4,
}


class Modality(Vocabulary):
    """The force of what a passage says, read from its wording."""

    BINDING = "binding"
    PROHIBITION = "prohibition"
    RECOMMENDATION = "recommendation"
    PERMISSION = "permission"
    PAST_ACTION = "past_action"
    FUTURE_INTENT = "future_intent"
    DESCRIPTIVE = "descriptive"


class Polarity(Vocabulary):
    """Whether a passage adds to coverage, narrows it, or pulls against the roadmap."""

    ESTABLISHES = "establishes"  # sets up or strengthens a duty, policy or target
    NARROWS = "narrows"  # exemption, carve-out, threshold, confidentiality, "best efforts"
    OPPOSES = "opposes"  # shareholder primacy, deregulation: against the roadmap's direction

    @property
    def covers(self) -> bool:
        """Only establishing passages are coverage; the others are evidence of a gap."""
        return self is Polarity.ESTABLISHES

    @property
    def words(self) -> str:
        return _POLARITY_WORDS[self]


class OpposingFamily(Vocabulary):
    """Language that pulls against the roadmap's direction."""

    SHAREHOLDER_PRIMACY = "shareholder_primacy"  # against the categories a taxonomy says it opposes
    DEREGULATION = "deregulation"  # burden reduction, deleted protections: against any category (a postponement narrows)

    @property
    def universal(self) -> bool:
        return self is OpposingFamily.DEREGULATION


_POLARITY_WORDS = {
    Polarity.ESTABLISHES: "establishes coverage",
    Polarity.NARROWS: "narrows coverage (exemption, threshold, carve-out)",
    Polarity.OPPOSES: "opposes the roadmap's direction",
}


class Addressee(Vocabulary):
    """Who a provision or commitment binds."""

    COMPANY = "company"
    MEMBER_STATE = "member_state"
    AUTHORITY = "authority"  # the Commission, a supervisory or competent authority
    AUDITOR = "auditor"
    UNSPECIFIED = "unspecified"

    @property
    def words(self) -> str:
        return self.value.replace("_", " ")


class DutyType(Vocabulary):
    """What kind of provision a passage is."""

    CONDUCT = "conduct"
    DISCLOSURE = "disclosure"
    PROCEDURE = "procedure"
    PERMISSION = "permission"
    DEFINITION = "definition"
    EXEMPTION = "exemption"
    SCOPE = "scope"
    ENFORCEMENT = "enforcement"
    NONE = "none"  # no duty: description, result, rhetoric

    @property
    def words(self) -> str:
        return _DUTY_WORDS.get(self, self.value)


_DUTY_WORDS = {
    DutyType.CONDUCT: "duty of conduct",
    DutyType.DISCLOSURE: "duty to disclose or report",
    DutyType.PROCEDURE: "procedure of an institution",
    DutyType.PERMISSION: "permission or entitlement",
    DutyType.DEFINITION: "definition",
    DutyType.EXEMPTION: "exemption or carve-out",
    DutyType.SCOPE: "scope or threshold",
    DutyType.ENFORCEMENT: "enforcement provision",
    DutyType.NONE: "no duty",
}


class MilestoneKind(Vocabulary):
    """What a milestone asks for, and so the most a text can show of it."""

    MANDATE = "mandate"  # a rule, commitment or publication a text itself can establish
    OUTCOME = "outcome"  # a state reached in practice: a text shows at most a commitment toward it
    END_STATE = "end_state"  # a 2050 end state: likewise at most a commitment

    @property
    def words(self) -> str:
        return self.value.replace("_", " ")

    @property
    def shown_by_text(self) -> bool:
        return self is MilestoneKind.MANDATE


class Owner(Vocabulary):
    """Whose figure a target or result is."""

    COMPANY = "company"  # the reporting company itself
    SUPPLIERS = "suppliers"  # its suppliers, reported as results of its own programme
    SCENARIO = "scenario"  # a scenario's or pathway's assumption
    THIRD_PARTY = "third_party"  # governments, markets, other organisations

    @property
    def own(self) -> bool:
        """A figure the company answers for: its own or its supply chain's under its programme."""
        return self in (Owner.COMPANY, Owner.SUPPLIERS)

    @property
    def words(self) -> str:
        return self.value.replace("_", " ")


class ClaimKind(Vocabulary):
    TARGET = "target"
    RESULT = "result"


class GapFlag(Vocabulary):
    """A weakness found in a passage or a cell."""

    ABSENT = "absent"
    HEDGED = "hedged"
    THRESHOLD_EXEMPTION = "threshold_exemption"
    SCOPE_LIMITED = "scope_limited"
    NO_SANCTION = "no_sanction"
    NO_DEADLINE = "no_deadline"

    @property
    def words(self) -> str:
        return self.value.replace("_", " ")


class ChangeKind(Vocabulary):
    """What happened to the text of a provision between two versions."""

    MODIFIED = "modified"
    MOVED = "moved"  # the same words out of their reading order (reports)
    RENUMBERED = "renumbered"  # the same words under a new number (acts)
    SPLIT = "split"  # one provision became several, e.g. a point split in two
    MERGED = "merged"
    ADDED = "added"
    REMOVED = "removed"


class ChangeType(Vocabulary):
    """What a change does to what the text commits to; its severity follows from the type alone.

    The type says what moved in legal terms (a threshold, a modal verb, a
    sanction), so a raised threshold or a softened "shall" is major however
    sure or unsure the classifier is about the passage's category.
    """

    NEW_CHAPTER = "new_chapter"
    REMOVED_CHAPTER = "removed_chapter"
    NEW_ARTICLE = "new_article"
    REMOVED_ARTICLE = "removed_article"
    DUTY_ADDED = "duty_added"
    DUTY_REMOVED = "duty_removed"
    RIGHT_ADDED = "right_added"
    RIGHT_REMOVED = "right_removed"
    MODALITY_SOFTENED = "modality_softened"  # shall -> should, "are encouraged to", may
    MODALITY_HARDENED = "modality_hardened"
    ADDRESSEE_CHANGED = "addressee_changed"
    THRESHOLD_RAISED = "threshold_raised"
    THRESHOLD_LOWERED = "threshold_lowered"
    THRESHOLD_ADDED = "threshold_added"
    THRESHOLD_REMOVED = "threshold_removed"
    PERIOD_LENGTHENED = "period_lengthened"  # "at least every 12 months" -> "every 5 years"
    PERIOD_SHORTENED = "period_shortened"
    SCOPE_NARROWED = "scope_narrowed"
    SCOPE_WIDENED = "scope_widened"
    SCOPE_CHANGED = "scope_changed"
    EXEMPTION_ADDED = "exemption_added"
    EXEMPTION_REMOVED = "exemption_removed"
    SANCTION_ADDED = "sanction_added"
    SANCTION_REMOVED = "sanction_removed"
    SANCTION_RAISED = "sanction_raised"
    SANCTION_LOWERED = "sanction_lowered"
    LIABILITY_ADDED = "liability_added"
    LIABILITY_REMOVED = "liability_removed"
    ENFORCEMENT_ADDED = "enforcement_added"
    ENFORCEMENT_REMOVED = "enforcement_removed"
    DEADLINE_POSTPONED = "deadline_postponed"
    DEADLINE_BROUGHT_FORWARD = "deadline_brought_forward"
    DEADLINE_ADDED = "deadline_added"
    DEADLINE_REMOVED = "deadline_removed"
    DEFINITION_CHANGED = "definition_changed"
    DEFINITION_ADDED = "definition_added"
    DEFINITION_REMOVED = "definition_removed"
    ENFORCEMENT_REACH_CHANGED = "enforcement_reach_changed"  # unchanged provisions now more or less enforced
    COVERAGE_ADDED = "coverage_added"  # a roadmap category the wording now addresses
    COVERAGE_DROPPED = "coverage_dropped"
    TEXT_ADDED = "text_added"  # a provision that binds, grants and exempts nothing
    TEXT_REMOVED = "text_removed"
    REWORDED = "reworded"
    RENUMBERED = "renumbered"
    MOVED = "moved"
    SPLIT = "split"
    MERGED = "merged"
    RECITAL_CHANGED = "recital_changed"  # recitals explain; they never change a commitment verdict
    CONTEXT_CHANGED = "context_changed"  # explanatory memorandum, citations, final formulas

    @property
    def severity(self) -> str:
        return "major" if self in _MAJOR_CHANGE_TYPES else "minor"

    @property
    def words(self) -> str:
        return self.value.replace("_", " ")


_MINOR_CHANGE_TYPES = {
    ChangeType.COVERAGE_ADDED, ChangeType.COVERAGE_DROPPED, ChangeType.TEXT_ADDED, ChangeType.TEXT_REMOVED,
    ChangeType.REWORDED, ChangeType.RENUMBERED, ChangeType.MOVED, ChangeType.SPLIT, ChangeType.MERGED,
    ChangeType.RECITAL_CHANGED, ChangeType.CONTEXT_CHANGED,
}
_MAJOR_CHANGE_TYPES = frozenset(set(ChangeType) - _MINOR_CHANGE_TYPES)


class ShiftDirection(Vocabulary):
    """How one category's reading of a passage differs between two versions."""

    ADDED = "added"
    DROPPED = "dropped"
    STRENGTHENED = "strengthened"
    WEAKENED = "weakened"
    UNCHANGED = "unchanged"


class CoverageDirection(Vocabulary):
    """How a document's coverage of one category moved between two versions."""

    STRENGTHENED = "strengthened"
    WEAKENED = "weakened"
    NEWLY_COVERED = "newly_covered"
    NO_LONGER_COVERED = "no_longer_covered"
    UNCHANGED = "unchanged"
    ABSENT_IN_BOTH = "absent_in_both"


class VerdictDirection(Vocabulary):
    IMPROVED = "improved"
    WORSENED = "worsened"
    UNCHANGED = "unchanged"


# ---------------------------------------------------------------------------
# What the classifier found
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CueMatch:
    """A cue term of the category found in the passage."""

    term: str
    kind: ClassVar[str] = "cue"

    def __str__(self) -> str:
        return f"cue:{self.term}"

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "term": self.term}


@dataclass(frozen=True)
class NearestExemplar:
    """The closest labelled passage of the category."""

    exemplar_id: str
    kind: ClassVar[str] = "exemplar"

    def __str__(self) -> str:
        return f"exemplar:{self.exemplar_id}"

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "exemplar_id": self.exemplar_id}


@dataclass(frozen=True)
class KeyWords:
    """The words and word pairs the word model leaned on."""

    words: tuple[str, ...]
    kind: ClassVar[str] = "words"

    def __str__(self) -> str:
        return f"words:{', '.join(self.words)}"

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "words": list(self.words)}


@dataclass(frozen=True)
class DescriptionMatch:
    """No cue or exemplar: the passage is close to the category's description."""

    kind: ClassVar[str] = "description"

    def __str__(self) -> str:
        return "similar to the category description"

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind}


@dataclass(frozen=True)
class DutyMatch:
    """A company's duty naming what the category's `duty_cues` say it requires (an act on an object)."""

    act: str
    object: str
    kind: ClassVar[str] = "duty"

    def __str__(self) -> str:
        return f"{self.kind}:{self.act} + {self.object}"

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "act": self.act, "object": self.object}


@dataclass(frozen=True)
class PracticeMatch(DutyMatch):
    """A report naming a practice of the company's that the category's `practice_cues` list (an act on an object)."""

    kind: ClassVar[str] = "practice"


@dataclass(frozen=True)
class NarrowingMatch:
    """An operative provision granting a narrowing the category's `addressed_by_narrowing` lists."""

    narrowing: str
    kind: ClassVar[str] = "narrowing"

    def __str__(self) -> str:
        return f"narrowing:{self.narrowing}"

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "narrowing": self.narrowing}


@dataclass(frozen=True)
class SectionSupport:
    """A passage just under the confident score, in a section another passage is confidently on the category of."""

    section: str
    passage_id: str  # the passage that is confidently on the category
    kind: ClassVar[str] = "section"

    def __str__(self) -> str:
        return f"section:{self.section}"

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "section": self.section, "passage_id": self.passage_id}


ScoreEvidence = Union[CueMatch, NearestExemplar, KeyWords, DescriptionMatch, DutyMatch, PracticeMatch, NarrowingMatch,
                      SectionSupport]


@dataclass(frozen=True)
class ClassifierInfo:
    """What classified a run: carried on its results and written to run.json, so a figure can be traced to a model."""

    name: str
    model_dir: str | None = None
    fingerprint: str | None = None  # of the trained head's files; None when none was loaded
    model_files: tuple[tuple[str, str], ...] = ()  # (path, sha256)
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        record = {
            "name": self.name,
            "model_fingerprint": self.fingerprint,
            "model_files": [{"file": path, "sha256": digest} for path, digest in self.model_files],
        }
        if self.note:
            record["note"] = self.note
        return record


@dataclass(frozen=True)
class CategoryScore:
    category_id: str
    score: float  # 0-1
    present: bool  # after the category's threshold
    evidence: tuple[ScoreEvidence, ...] = ()

    @property
    def by_rule(self) -> bool:
        """Whether a duty, practice or narrowing rule (which read the subject itself), not only the classifier, put the passage here."""
        return any(isinstance(e, (DutyMatch, NarrowingMatch)) for e in self.evidence)

    def to_dict(self) -> dict[str, Any]:
        return {
            "category_id": self.category_id,
            "score": round(float(self.score), 4),
            "present": self.present,
            "evidence": [e.to_dict() for e in self.evidence],
        }


# ---------------------------------------------------------------------------
# What the assess stage found
# ---------------------------------------------------------------------------


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
class Reason:
    """One rule that set a strength, polarity, flag or verdict: its id, the words it fired on, and why in plain words."""

    rule: str
    span: str = ""
    explanation: str = ""

    def __str__(self) -> str:
        return f"{self.rule}: {self.span}" if self.span else self.rule

    def to_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "span": self.span, "explanation": self.explanation}


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
class QuantifiedClaim:
    """A target or a reported result with its figures: what, how much, from and by when, whose."""

    kind: ClaimKind
    text: str
    start: int
    end: int
    owner: Owner
    metric: str = ""  # "operational GHG emissions", "recycled cobalt"
    value: float | None = None
    unit: str = ""  # "%", "t", "MWh"
    baseline_year: int | None = None
    target_year: int | None = None
    scope: str = ""  # "Scope 1 and 2", "direct suppliers", "Apple-designed batteries"

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", ClaimKind(self.kind))
        object.__setattr__(self, "owner", Owner(self.owner))

    @property
    def specific(self) -> bool:
        """The company's own figure or date on something the roadmap measures: what makes it level 3."""
        return self.owner.own and bool(self.metric) and (self.value is not None or self.target_year is not None)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["kind"] = self.kind.value
        d["owner"] = self.owner.value
        return d


@dataclass(frozen=True)
class Assessment:
    passage_id: str
    strength: int  # 0-4, of the wording alone; AnalysedPassage.strength applies the topic rule
    modality: Modality
    hedges: tuple[Span, ...] = ()
    facts: tuple[Fact, ...] = ()
    reasons: tuple[Reason, ...] = ()
    gap_flags: tuple[GapFlag, ...] = ()
    addressee: Addressee = Addressee.UNSPECIFIED
    duty_type: DutyType = DutyType.NONE
    polarity: Polarity = Polarity.ESTABLISHES
    claims: tuple[QuantifiedClaim, ...] = ()  # targets and results with their figures
    # Families of opposing language found ("shareholder_primacy", "deregulation"):
    # which categories they oppose is the taxonomy's to say.
    opposing: tuple[str, ...] = ()
    narrowing: tuple[str, ...] = ()  # kinds of narrowing the passage grants: threshold, exemption, best_efforts ...

    @property
    def is_institutional_machinery(self) -> bool:
        """Delegated acts, committees, entry into force: how the act works, an obligation of no one outside the EU institutions.

        Authorities' and Member States' procedures are duties of theirs, so they are not machinery.
        """
        return self.duty_type is DutyType.PROCEDURE and self.addressee not in (Addressee.AUTHORITY,
                                                                                Addressee.MEMBER_STATE)

    def polarity_for(self, opposed_by: tuple[str, ...] | list[str] = ()) -> Polarity:
        """The passage's polarity for a category that lists these opposing families."""
        if any(OpposingFamily(f).universal or f in opposed_by for f in self.opposing):
            return Polarity.OPPOSES
        return Polarity.NARROWS if self.narrowing else Polarity.ESTABLISHES

    def __post_init__(self) -> None:
        # Callers may name the vocabulary by its words ("binding", "hedged").
        object.__setattr__(self, "modality", Modality(self.modality))
        object.__setattr__(self, "gap_flags", tuple(GapFlag(g) for g in self.gap_flags))
        object.__setattr__(self, "addressee", Addressee(self.addressee))
        object.__setattr__(self, "duty_type", DutyType(self.duty_type))
        object.__setattr__(self, "polarity", Polarity(self.polarity))

    def to_dict(self) -> dict[str, Any]:
        return {
            "passage_id": self.passage_id,
            "strength": self.strength,
            "modality": self.modality.value,
            "addressee": self.addressee.value,
            "duty_type": self.duty_type.value,
            "polarity": self.polarity.value,
            "opposing": list(self.opposing),
            "narrowing": list(self.narrowing),
            "hedges": [h.to_dict() for h in self.hedges],
            "facts": [f.to_dict() for f in self.facts],
            "claims": [c.to_dict() for c in self.claims],
            "reasons": [r.to_dict() for r in self.reasons],
            "gap_flags": [g.value for g in self.gap_flags],
        }


# ---------------------------------------------------------------------------
# The one record every later stage reads
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class AnalysedPassage:
    """A passage with what the classify and assess stages made of it."""

    passage: Passage
    scores: tuple[CategoryScore, ...]  # categories predicted present, highest score first
    assessment: Assessment

    @property
    def id(self) -> str:
        return self.passage.id

    @property
    def doc_id(self) -> str:
        return self.passage.doc_id

    @property
    def text(self) -> str:
        return self.passage.text

    @property
    def categories(self) -> tuple[str, ...]:
        return tuple(s.category_id for s in self.scores if s.present)

    @property
    def on_topic(self) -> bool:
        return any(s.present for s in self.scores)

    def addresses(self, category_id: str) -> bool:
        return any(s.present and s.category_id == category_id for s in self.scores)

    def score(self, category_id: str) -> float:
        found = self.category_score(category_id)
        return float(found.score) if found is not None else 0.0

    def category_score(self, category_id: str) -> CategoryScore | None:
        """The classifier's (or a rule's) score of the passage on one category, with its evidence."""
        return next((s for s in self.scores if s.category_id == category_id), None)

    def present_scores(self) -> dict[str, float]:
        return {s.category_id: float(s.score) for s in self.scores if s.present}

    @property
    def strength(self) -> int:
        # The scale's 0 means "topic not addressed": the wording of a passage
        # that is about no category commits to nothing on the roadmap.
        return self.assessment.strength if self.on_topic else 0

    @property
    def gap_flags(self) -> tuple[GapFlag, ...]:
        return self.assessment.gap_flags

    @property
    def facts(self) -> tuple[Fact, ...]:
        return self.assessment.facts

    def to_record(self, document_name: str = "") -> dict[str, Any]:
        """The passages.jsonl line: where it is, what it is about and why."""
        p, a = self.passage, self.assessment
        record: dict[str, Any] = {
            "passage_id": p.id,
            "document": document_name,
            "doc_id": p.doc_id,
            "page": p.pages,
            "page_start": p.page_start,
            "page_end": p.page_end,
            "page_label": p.page_label,
            "page_label_end": p.page_label_end,
            "section": list(p.section),
            "heading": p.heading,
            "kind": p.kind.value,
            "role": p.role,
            "char_start": p.char_start,
            "char_end": p.char_end,
            "text": p.text,
            "cells": [list(row) for row in p.cells],
            "notes": list(p.notes),
            "categories": [
                {"category_id": s.category_id, "score": round(float(s.score), 4),
                 "evidence": [e.to_dict() for e in s.evidence]}
                for s in self.scores if s.present
            ],
        }
        assessed = a.to_dict()
        del assessed["passage_id"]
        record.update(assessed, strength=self.strength)
        return record


# ---------------------------------------------------------------------------
# Aggregates: cells of the coverage and milestone matrices
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Evidence:
    """One passage behind a cell, as a reader checks it: where, how strong, why."""

    passage_id: str
    page: str
    section: str
    score: float
    strength: int
    quote: str
    reasons: tuple[Reason, ...] = ()
    page_label: str = ""
    gap_flags: tuple[GapFlag, ...] = ()  # the flags of this passage, not of the cell
    polarity: Polarity = Polarity.ESTABLISHES  # of this passage for this category
    duty_type: DutyType = DutyType.NONE
    addressee: Addressee = Addressee.UNSPECIFIED
    # Where a quote should open, best first: the opening words of the
    # sentences that made the passage specific (the company's own figures),
    # then the category's own words in it, so a passage on energy and
    # packaging is quoted at its packaging sentence for waste prevention.
    focus: tuple[str, ...] = ()

    @classmethod
    def of(cls, analysed: AnalysedPassage, category_id: str, strength: int | None = None,
           polarity: Polarity | None = None, extra_reasons: tuple[Reason, ...] = ()) -> Evidence:
        """The passage as evidence for one category; aggregate may cap its strength there and say why."""
        p, a = analysed.passage, analysed.assessment
        return cls(
            passage_id=p.id,
            page=p.pages,
            section=p.section_path,
            score=round(analysed.score(category_id), 4),
            strength=a.strength if strength is None else strength,
            quote=p.text,
            reasons=a.reasons + tuple(extra_reasons),
            page_label=p.page_label,
            gap_flags=analysed.gap_flags,
            polarity=a.polarity if polarity is None else polarity,
            duty_type=a.duty_type,
            addressee=a.addressee,
            focus=_rule_acts(analysed, category_id) + _deciding_sentences(a, a.strength if strength is None else strength)
            + _topic_words(analysed, category_id),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "passage_id": self.passage_id,
            "page": self.page,
            "page_label": self.page_label,
            "section": self.section,
            "score": self.score,
            "strength": self.strength,
            "quote": self.quote,
            "reasons": [r.to_dict() for r in self.reasons],
            "gap_flags": [g.value for g in self.gap_flags],
            "polarity": self.polarity.value,
            "duty_type": self.duty_type.value,
            "addressee": self.addressee.value,
        }


# The level a company's own result or target sets: what "specific" asks of a report.
OWN_FIGURE_RULES = frozenset({"strength.own_result", "strength.own_target"})


# A process described beside the company's own figures is specific through them: they decide its level too.
DECIDING_FIGURE_RULES = OWN_FIGURE_RULES | {"strength.process_with_figures"}


def _deciding_sentences(assessment: Assessment, strength: int) -> tuple[str, ...]:
    """The sentences of the company's own figures, when they set the level shown (not when a cap lowered it)."""
    if strength < 3 or not any(r.rule in DECIDING_FIGURE_RULES for r in assessment.reasons):
        return ()
    return tuple(c.text[:50] for c in assessment.claims if c.specific and c.text)


def _rule_acts(analysed: AnalysedPassage, category_id: str) -> tuple[str, ...]:
    """The act a duty or practice rule read on the category: the sentence that says why the passage is here
    ("targeted for removal" for a sanction), ahead of figures that may count something else."""
    score = analysed.category_score(category_id)
    return tuple(e.act for e in score.evidence if isinstance(e, DutyMatch)) if score is not None else ()


def _topic_words(analysed: AnalysedPassage, category_id: str) -> tuple[str, ...]:
    """The category's cue terms found in the passage, then the word model's words, longest first.

    The word model's single words count too ("complaint" for remedy): with
    only its phrases, a quote often opened at the sentence a strength rule
    fired on ("Employees must not suffer any disadvantages ...", Manz 2023
    p. 40) and left out the one that says what the category is about. On 44
    cells where the single words moved the quote, two blind judges preferred
    the new quote 34 and 33 times, the old one 8 and 10 times; opening at the
    earliest of the words instead of the longest lost (17 and 18 against 24
    and 22). A word that another word begins ("complaint" of "complaints")
    stands for both, since it finds every sentence the longer one does: on
    the 9 quotes that moved, both judges preferred the new 4 times, the old 3.
    """
    score = analysed.category_score(category_id)
    if score is None:
        return ()
    cues = [e.term for e in score.evidence if isinstance(e, CueMatch)]
    words = [w for e in score.evidence if isinstance(e, KeyWords) for w in e.words]
    # "complaints" beside "complaint": the shorter finds every sentence the longer does, and the first.
    words = [w for w in words if not any(o != w and w.lower().startswith(o.lower()) for o in words)]
    return tuple(sorted(cues, key=len, reverse=True) + sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class CoverageCell:
    doc_id: str
    category_id: str
    status: CoverageStatus
    strength: int
    evidence: tuple[Evidence, ...] = ()
    gap_flags: tuple[GapFlag, ...] = ()
    best_score: float = 0.0
    passage_count: int = 0
    # NARROWS or OPPOSES when the strongest evidence on the category is a
    # carve-out or pulls against the roadmap; the status counts only
    # establishing passages, so a narrowed cell shows both.
    polarity: Polarity = Polarity.ESTABLISHES
    # Flags of the cell's other evidence passages, kept apart from the quote's:
    # `gap_flags` holds the cell's own findings and its quote's flags.
    flags_elsewhere: tuple[GapFlag, ...] = ()
    doc_kind: DocumentKind = DocumentKind.UNKNOWN

    @property
    def quote_flags(self) -> tuple[GapFlag, ...]:
        """The flags of the passage shown first, and only those."""
        return self.evidence[0].gap_flags if self.evidence else ()

    @property
    def all_gap_flags(self) -> tuple[GapFlag, ...]:
        return tuple(sorted(set(self.gap_flags) | set(self.flags_elsewhere), key=lambda f: f.value))

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "category_id": self.category_id,
            "status": self.status.value,
            "strength": self.strength,
            "polarity": self.polarity.value,
            "gap_flags": [g.value for g in self.gap_flags],
            "flags_elsewhere": [g.value for g in self.flags_elsewhere],
            "best_score": round(float(self.best_score), 4),
            "passage_count": self.passage_count,
            "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass(frozen=True)
class MilestoneCell:
    doc_id: str
    milestone_id: str
    category_id: str
    year: int
    expected: int
    observed: int  # the strength the passages speaking to what the milestone asks reach (the cell's without `asks`)
    verdict: MilestoneVerdict
    provenance: str  # roadmap, derived
    evidence: tuple[Evidence, ...] = ()
    kind: MilestoneKind = MilestoneKind.MANDATE
    reasons: tuple[Reason, ...] = ()  # the rules that set the verdict, in plain words

    @property
    def explanation(self) -> str:
        """The verdict's reasons as one sentence a reader can check."""
        return "; ".join(r.explanation + (f" ({r.span})" if r.span else "") for r in self.reasons)

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "milestone_id": self.milestone_id,
            "category_id": self.category_id,
            "year": self.year,
            "kind": self.kind.value,
            "expected": self.expected,
            "observed": self.observed,
            "verdict": self.verdict.value,
            "provenance": self.provenance,
            "reasons": [r.to_dict() for r in self.reasons],
            "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass(frozen=True)
class DocumentAnalysis:
    """Everything the analysis says about one document: its passages and its cells."""

    document: Document
    passages: tuple[AnalysedPassage, ...]
    coverage: tuple[CoverageCell, ...]
    milestones: tuple[MilestoneCell, ...]
    # Counted from `passages` when not given; kept by `summary`.
    passage_count: int = -1

    def __post_init__(self) -> None:
        if self.passage_count < 0:
            object.__setattr__(self, "passage_count", len(self.passages))

    @property
    def doc_id(self) -> str:
        return self.document.id

    @property
    def is_summary(self) -> bool:
        """Whether the passages (and the document's text) were dropped, leaving the cells and counts."""
        return self.passage_count > len(self.passages) or (self.document.block_count > len(self.document.blocks))

    def summary(self) -> DocumentAnalysis:
        """The cells, their evidence and the document's metadata, without the passages and the text.

        What the corpus-level matrices need of a document; a corpus run keeps
        this and streams the passages to disk, so its memory does not grow
        with the documents' length.
        """
        return replace(self, document=self.document.without_text(), passages=())

    def cell(self, category_id: str) -> CoverageCell:
        return next(c for c in self.coverage if c.category_id == category_id)


class Stage(Vocabulary):
    """Where in a run something went wrong: the stage of the work unit, or what surrounds it."""

    DISCOVER = "discover"  # finding the files of a corpus
    INGEST = "ingest"
    SEGMENT = "segment"
    CLASSIFY = "classify"
    ASSESS = "assess"
    AGGREGATE = "aggregate"
    LIMIT = "limit"  # the run stopped the document: time or memory per document
    WORKER = "worker"  # the process analysing it died


@dataclass(frozen=True)
class Failure:
    """A file that produced no analysis, and why: a reason a user can act on, the stage, and for bugs the traceback.

    `error_type` is the exception's class name; a `traceback` is kept only for
    errors the program did not raise on purpose (a bug to report), and only
    the JSON log, `--debug` and the store show it.
    """

    path: str
    reason: str
    stage: Stage = Stage.INGEST
    error_type: str = "InputError"
    traceback: str = ""
    doc_id: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "stage", Stage(self.stage))

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"

    @property
    def is_bug(self) -> bool:
        return bool(self.traceback)

    def to_dict(self) -> dict[str, str]:
        return {"path": self.path, "reason": self.reason, "stage": self.stage.value, "error_type": self.error_type}

    def to_log(self) -> dict[str, str]:
        """The record for the JSON log: everything, traceback included."""
        return {**self.to_dict(), "doc_id": self.doc_id, "traceback": self.traceback}


@dataclass(frozen=True)
class Skipped:
    """A file a corpus run did not analyse on purpose, with the reason (unsupported, a duplicate, a broken link)."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"

    def to_dict(self) -> dict[str, str]:
        return {"path": self.path, "reason": self.reason}


# ---------------------------------------------------------------------------
# Two versions of a text
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CategoryShift:
    """How one category's reading of a passage differs between two versions of a text."""

    category_id: str
    direction: ShiftDirection
    old_strength: int | None = None  # None: the category was not found in that version
    new_strength: int | None = None
    old_score: float = 0.0
    new_score: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "category_id": self.category_id,
            "direction": self.direction.value,
            "old_strength": self.old_strength,
            "new_strength": self.new_strength,
            "old_score": round(float(self.old_score), 4),
            "new_score": round(float(self.new_score), 4),
        }


@dataclass(frozen=True)
class ChangeEffect:
    """One thing a change does, typed, with the words on each side that show it."""

    type: ChangeType
    summary: str  # "1 000 -> 3 000 employees", "shall -> are encouraged to"
    old_quote: str = ""  # the old words that show it, as written
    new_quote: str = ""
    categories: tuple[str, ...] = ()  # roadmap categories of the provision, where it has any

    @property
    def severity(self) -> str:
        return self.type.severity

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type.value,
            "severity": self.severity,
            "summary": self.summary,
            "old_quote": self.old_quote,
            "new_quote": self.new_quote,
            "categories": list(self.categories),
        }


@dataclass(frozen=True)
class Change:
    """One provision (or a group of them, when split, merged or a whole article) that differs between versions.

    `old` and `new` hold every analysed passage of the provision on each
    side, in reading order; one side is empty for an addition or a removal.
    Citations name the provision the way the act does ("Article 27(4)").
    """

    kind: ChangeKind
    old: tuple[AnalysedPassage, ...]
    new: tuple[AnalysedPassage, ...]
    old_citation: str = ""
    new_citation: str = ""
    part: str = ""  # article, annex, recital, memorandum, preamble, text (a report's)
    similarity: float = 0.0  # share of words kept, 0-1; 0 for added and removed provisions
    effects: tuple[ChangeEffect, ...] = ()
    categories: tuple[CategoryShift, ...] = ()
    old_heading: str = ""  # the article's title, or the report section's heading
    new_heading: str = ""

    @property
    def old_text(self) -> str:
        return " ".join(p.text for p in self.old)

    @property
    def new_text(self) -> str:
        return " ".join(p.text for p in self.new)

    @property
    def old_passage(self) -> Passage | None:
        return self.old[0].passage if self.old else None

    @property
    def new_passage(self) -> Passage | None:
        return self.new[0].passage if self.new else None

    @property
    def old_strength(self) -> int:
        return max((p.strength for p in self.old), default=0)

    @property
    def new_strength(self) -> int:
        return max((p.strength for p in self.new), default=0)

    @property
    def types(self) -> tuple[ChangeType, ...]:
        return tuple(dict.fromkeys(e.type for e in self.effects))

    @property
    def severity(self) -> str:
        """major when any effect alters what the text commits to; the classifier's scores play no part."""
        return "major" if any(e.severity == "major" for e in self.effects) else "minor"

    @property
    def citation(self) -> str:
        if self.old_citation and self.new_citation and self.old_citation != self.new_citation:
            return f"{self.old_citation} → {self.new_citation}"
        return self.new_citation or self.old_citation


@dataclass(frozen=True)
class CategoryComparison:
    """One roadmap category in the old and the new version of a text, with the passages behind each."""

    category_id: str
    direction: CoverageDirection
    old_status: CoverageStatus
    new_status: CoverageStatus
    old_strength: int
    new_strength: int
    old_evidence: tuple[Evidence, ...] = ()
    new_evidence: tuple[Evidence, ...] = ()
    old_gap_flags: tuple[GapFlag, ...] = ()
    new_gap_flags: tuple[GapFlag, ...] = ()
    changed_passages: int = 0  # major changes that touch this category
    fact_changes: tuple[str, ...] = ()  # the major change types behind them: "threshold raised", "sanction removed"


@dataclass(frozen=True)
class MilestoneComparison:
    milestone_id: str
    category_id: str
    year: int
    expected: int
    old_observed: int
    new_observed: int
    old_verdict: MilestoneVerdict
    new_verdict: MilestoneVerdict
    direction: VerdictDirection
