"""What a reader is told first about one document, for the terminal and the HTML summary alike.

Pure selections over a DocumentAnalysis: the categories it covers with their
best evidence, its strongest and weakest findings, the gaps worth quoting and
the weakest milestones that apply to it, each with the words a report shows.
Both `check`'s terminal summary and report.html's summary read these, so the
two never disagree about what the document commits to.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from nlp_pipeline.assess.explanations import explain
from nlp_pipeline.records import (
    AnalysedPassage,
    CoverageCell,
    CoverageStatus,
    Document,
    DocumentAnalysis,
    DocumentKind,
    Evidence,
    GapFlag,
    MilestoneCell,
    MilestoneVerdict,
    Polarity,
)
from nlp_pipeline.report.wording import whole_sentences
from nlp_pipeline.taxonomy import Category, Milestone, Taxonomy, milestones

if TYPE_CHECKING:
    from nlp_pipeline.pipeline import AnalysisResult

# Flags that say something about a passage's wording, most serious first. A
# missing deadline is reported once for the document (it is on nearly every
# company commitment), and "absent" is a status, not a flag to quote.
QUOTED_FLAGS = (GapFlag.THRESHOLD_EXEMPTION, GapFlag.SCOPE_LIMITED, GapFlag.NO_SANCTION, GapFlag.HEDGED)
KIND_WORDS = {
    DocumentKind.LEGISLATION: "legal act",
    DocumentKind.REPORT: "company report",
    DocumentKind.INITIATIVE: "industry initiative",
    DocumentKind.UNKNOWN: "document",
}
# The rules whose words show a flag in the passage (their span is quoted).
_FLAG_RULES = {
    GapFlag.HEDGED: ("hedge.",),
    GapFlag.THRESHOLD_EXEMPTION: ("gap.threshold_exemption", "threshold."),
    GapFlag.SCOPE_LIMITED: ("gap.scope_limited", "scope."),
}
_FLAG_MEANING = {
    GapFlag.NO_SANCTION: "the act names no penalty, supervision or liability that would make it bite",
    GapFlag.NO_DEADLINE: "no date by which it is to be done",
    GapFlag.HEDGED: "a hedge (where feasible, as appropriate) qualifies the commitment",
}


@dataclass(frozen=True)
class Finding:
    """One category of one document: its cell and the passage that best shows it."""

    category: Category
    target_label: str
    cell: CoverageCell

    @property
    def evidence(self) -> Evidence | None:
        return self.cell.evidence[0] if self.cell.evidence else None


@dataclass(frozen=True)
class GapFinding:
    """A weakness of a covered category, with the passage that shows it (None for a document-wide gap)."""

    flag: GapFlag
    finding: Finding
    evidence: Evidence | None

    @property
    def meaning(self) -> str:
        return flag_meaning(self.flag)

    def quote(self, limit: int) -> str:
        """The sentences of the passage that carry the weakness (the hedge, the exemption)."""
        if self.evidence is None:
            return ""
        prefixes = _FLAG_RULES.get(self.flag, ())
        spans = [r.span for r in self.evidence.reasons if r.span and r.rule.startswith(prefixes)]
        return whole_sentences(self.evidence.quote, limit, spans)


@dataclass(frozen=True)
class MilestoneFinding:
    milestone: Milestone
    category: Category
    cell: MilestoneCell


def finding_quote(evidence: Evidence, limit: int) -> str:
    """Whole sentences of a finding's passage, from its deciding figure or the words the strength rules fired on."""
    return whole_sentences(evidence.quote, limit, [*evidence.focus, *(r.span for r in evidence.reasons if r.span)])


# A Commission notice or Q&A is read as legislation but is no act: it says so.
EXPLAINS_LAW_WORDS = "Commission notice or Q&A on EU law"


def kind_words(document: Document) -> str:
    """"company report", "legal act", or what a document read as legislation is when it only explains the law."""
    return EXPLAINS_LAW_WORDS if document.explains_law else KIND_WORDS[document.kind]


def a_kind(document: Document) -> str:
    """"a company report", "an industry initiative"."""
    words = kind_words(document)
    return ("an " if words[0] in "aeiou" else "a ") + words


def words_of(term: object) -> str:
    """A vocabulary term in a reader's words (its `.words` where it has them)."""
    return getattr(term, "words", None) or str(term).replace("_", " ")


def provision_words(evidence: Evidence) -> list[str]:
    """What kind of provision a passage is, where the assess stage said: its duty, whom it binds, its pull.

    Read off the evidence when it carries them (issue 14 adds them); nothing
    is said of a passage that establishes a plain commitment or of what was
    not determined.
    """
    said = []
    duty = getattr(evidence, "duty_type", None)
    if duty is not None and str(duty) != "none":
        said.append(words_of(duty))
    addressee = getattr(evidence, "addressee", None)
    if addressee is not None and str(addressee) != "unspecified":
        said.append(f"binds: {words_of(addressee)}")
    polarity = getattr(evidence, "polarity", None)
    if polarity is not None and str(polarity) != "establishes":
        said.append(words_of(polarity))
    return said


def milestone_explanation(cell: MilestoneCell) -> str:
    """Why a milestone got its verdict, in plain words, where the aggregate stage said (issue 14)."""
    return getattr(cell, "explanation", "") or ""


def flag_meaning(flag: GapFlag) -> str:
    return _FLAG_MEANING.get(flag) or explain(f"gap.{flag.value}") or flag.words


def strength_words(status: CoverageStatus, strength: int) -> str:
    """"specific (3 of 4)", "mentioned, no commitment", "not addressed"."""
    if status is CoverageStatus.ABSENT:
        return "not addressed"
    if status is CoverageStatus.MENTIONED:
        return "mentioned, no commitment"
    return f"{status.words} ({strength} of 4)"


# What a cell whose strongest evidence is a gap says beside its strength,
# in words and, in a matrix or heatmap, as a mark after its number ("4-").
_CELL_POLARITY_WORDS = {Polarity.NARROWS: "narrows", Polarity.OPPOSES: "opposes"}
POLARITY_MARK = {"narrows": "-", "opposes": "x"}


def cell_words(cell: CoverageCell) -> str:
    """"binding and enforced (4 of 4), narrows": the strength, and whether the evidence behind it is a gap.

    A law's threshold is as binding as its duties; without the polarity a
    reader would take a binding carve-out for binding coverage.
    """
    said = strength_words(cell.status, cell.strength)
    polarity = _CELL_POLARITY_WORDS.get(cell.polarity)
    return f"{said}, {polarity}" if polarity and cell.status is not CoverageStatus.ABSENT else said


def cell_short(cell: CoverageCell, short: str) -> str:
    """A matrix cell's short status, marked when its strongest evidence narrows or opposes."""
    polarity = _CELL_POLARITY_WORDS.get(cell.polarity)
    return f"{short}, {polarity}" if polarity and cell.status is not CoverageStatus.ABSENT else short


def page_words(evidence: Evidence, paged: bool) -> str:
    """"p. 21 (printed 19)" for a paged document, else the citation ("Article 22 > 1 > (a)")."""
    if not paged:
        return evidence.section or "no section"
    printed = f" (printed {evidence.page_label})" if evidence.page_label and evidence.page_label != evidence.page else ""
    return f"p. {evidence.page}{printed}"


def findings(analysis: DocumentAnalysis, taxonomy: Taxonomy) -> list[Finding]:
    """Every category of the taxonomy for this document, in taxonomy order."""
    cells = {c.category_id: c for c in analysis.coverage}
    return [
        Finding(category, target.label, cells[category.id])
        for target in taxonomy.targets
        for category in target.categories
        if category.id in cells
    ]


def covered(all_findings: list[Finding]) -> list[Finding]:
    """Covered categories, strongest first (the taxonomy order breaks ties)."""
    found = [f for f in all_findings if f.cell.status is not CoverageStatus.ABSENT]
    return sorted(found, key=lambda f: (-f.cell.status.rank, -f.cell.best_score))


def strongest(all_findings: list[Finding], count: int = 3) -> list[Finding]:
    """The strongest commitments: a binding carve-out is a gap, not among them."""
    return [f for f in covered(all_findings) if f.cell.status.rank > CoverageStatus.MENTIONED.rank
            and f.cell.polarity is Polarity.ESTABLISHES][:count]


def weakest(all_findings: list[Finding], count: int = 3) -> list[Finding]:
    """The covered categories with the least behind them; the roadmap's own gaps first on a tie."""
    found = [f for f in all_findings if f.cell.status is not CoverageStatus.ABSENT and f.evidence]
    found.sort(key=lambda f: (f.cell.status.rank, not f.category.roadmap_gap, -f.cell.best_score))
    return found[:count]


def not_addressed(all_findings: list[Finding]) -> list[Finding]:
    return [f for f in all_findings if f.cell.status is CoverageStatus.ABSENT]


def top_gaps(passages: Sequence[AnalysedPassage], all_findings: list[Finding], count: int = 5) -> list[GapFinding]:
    """Flags found in covered categories, most serious first, each with the passage (of `passages`) that carries it."""
    gaps = []
    for finding in covered(all_findings):
        for flag in QUOTED_FLAGS:
            if flag not in finding.cell.gap_flags:
                continue
            gaps.append(GapFinding(flag, finding, _carrier(passages, finding, flag)))
    rank = {flag: n for n, flag in enumerate(QUOTED_FLAGS)}
    gaps.sort(key=lambda g: (g.evidence is None, rank[g.flag], not g.finding.category.roadmap_gap,
                             -g.finding.cell.strength))
    # One line per category: a reader wants breadth before a second flag on the same one.
    seen: set[str] = set()
    unique = []
    for gap in gaps:
        if gap.finding.category.id not in seen:
            seen.add(gap.finding.category.id)
            unique.append(gap)
    return unique[:count]


def _carrier(passages: Sequence[AnalysedPassage], finding: Finding, flag: GapFlag) -> Evidence | None:
    """The passage that shows a flag: among the cell's evidence first, else the strongest passage on the category."""
    carrier = next((ev for ev in finding.cell.evidence if flag in ev.gap_flags), None)
    if carrier is not None:
        return carrier
    category_id = finding.category.id
    flagged = [p for p in passages if p.addresses(category_id) and flag in p.gap_flags]
    if not flagged:
        return None
    best = max(flagged, key=lambda p: (p.score(category_id), p.assessment.strength))
    return Evidence.of(best, category_id)


def without_deadline(all_findings: list[Finding]) -> list[Finding]:
    return [f for f in covered(all_findings) if GapFlag.NO_DEADLINE in f.cell.gap_flags]


def weakest_milestones(analysis: DocumentAnalysis, taxonomy: Taxonomy, count: int = 5) -> list[MilestoneFinding]:
    """Milestones that apply to this kind of document and are furthest from met, earliest first on a tie."""
    known = {m.id: (category, m) for category, m in milestones(taxonomy)}
    short = [
        m for m in analysis.milestones
        if m.verdict not in (MilestoneVerdict.MET, MilestoneVerdict.NOT_APPLICABLE) and m.milestone_id in known
    ]
    short.sort(key=lambda m: (m.verdict.rank if m.verdict.rank is not None else 99, m.observed - m.expected,
                              m.year, m.milestone_id))
    return [MilestoneFinding(known[m.milestone_id][1], known[m.milestone_id][0], m) for m in short[:count]]


def document_passages(result: AnalysisResult, analysis: DocumentAnalysis) -> Sequence[AnalysedPassage]:
    """One document's passages: on its analysis, or read back from where a long corpus run keeps them."""
    return result.passages_of(analysis)


def passage_count(analysis: DocumentAnalysis) -> int:
    """How many passages a document has, also when its analysis is a summary without them."""
    return analysis.passage_count


def applicable_milestones(analysis: DocumentAnalysis) -> list[MilestoneCell]:
    return [m for m in analysis.milestones if m.verdict is not MilestoneVerdict.NOT_APPLICABLE]


def all_evidence(passages: Sequence[AnalysedPassage], cell: CoverageCell) -> list[Evidence]:
    """Every passage behind a cell: the cell's own ranking first, then the rest of `passages` on it, strongest first."""
    listed = {ev.passage_id for ev in cell.evidence}
    rest = [p for p in passages if p.addresses(cell.category_id) and p.id not in listed]
    rest.sort(key=lambda p: (-p.assessment.strength, -p.score(cell.category_id)))
    return [*cell.evidence, *(Evidence.of(p, cell.category_id) for p in rest)]
