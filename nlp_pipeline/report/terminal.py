"""Plain-text summaries for the terminal: what a journalist reads first.

The report format a command prints; the CLI only chooses which one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from nlp_pipeline.records import CoverageStatus, Passage, ShiftDirection
from nlp_pipeline.taxonomy import categories

if TYPE_CHECKING:
    from nlp_pipeline.compare import Comparison
    from nlp_pipeline.pipeline import AnalysisResult

STATUS_MARK = {
    "absent": "·",
    "mentioned": "m",
    "aspirational": "1",
    "procedural": "2",
    "specific": "3",
    "binding_enforced": "4",
}
LEGEND = "· absent   m mentioned   1 aspirational   2 procedural   3 specific   4 binding and enforced"


def corpus_matrix(result: AnalysisResult) -> str:
    """Categories down, documents across, one mark per cell."""
    documents = result.documents
    status = {(c.doc_id, c.category_id): c.status.value for c in result.coverage}
    width = max((len(c.id) for c in categories(result.taxonomy)), default=10)
    lines = []
    for number, document in enumerate(documents, start=1):
        lines.append(f"  [{number}] {document.name} ({document.kind.value}, {document.page_count} pages)")
    header = " " * (width + 2) + " ".join(f"{n:>3}" for n in range(1, len(documents) + 1))
    lines += ["", header]
    for category in categories(result.taxonomy):
        marks = " ".join(f"{STATUS_MARK[status[(d.id, category.id)]]:>3}" for d in documents)
        lines.append(f"  {category.id:<{width}}{marks}")
    lines += ["", "  " + LEGEND]
    return "\n".join(lines)


def document_findings(result: AnalysisResult, doc_id: str, quote_width: int = 90) -> str:
    """One document: each covered category with its strongest evidence and page."""
    analysis = result.analysis(doc_id)
    document = analysis.document
    lines = [f"{document.name}: {document.kind.value}, {document.page_count} pages, "
             f"{analysis.passage_count} passages"]
    covered = [c for c in analysis.coverage if c.status is not CoverageStatus.ABSENT]
    covered.sort(key=lambda c: (-c.strength, c.category_id))
    for cell in covered:
        top = cell.evidence[0]
        quote = top.quote if len(top.quote) <= quote_width else top.quote[: quote_width - 1] + "…"
        flags = f" [{', '.join(g.value for g in cell.gap_flags)}]" if cell.gap_flags else ""
        where = f"p. {top.page}" if document.page_count > 1 else top.section
        where = where if len(where) <= 22 else where[:21] + "…"
        lines.append(f"  {cell.category_id:<28} {cell.status.value:<16} {where:<22} {quote}{flags}")
    absent = [c.category_id for c in analysis.coverage if c.status is CoverageStatus.ABSENT]
    if absent:
        lines.append(f"  not addressed ({len(absent)}): {', '.join(absent)}")
    return "\n".join(lines)


def failures(result: AnalysisResult, debug: bool = False) -> str:
    """The failed inputs, one line each; with `debug`, the traceback of each failure that is a bug."""
    if not result.failures:
        return ""
    lines = [f"{len(result.failures)} input(s) failed:"]
    for failure in result.failures:
        lines.append(f"  {failure}")
        if debug and failure.traceback:
            lines.extend("    " + line for line in failure.traceback.rstrip().splitlines())
    return "\n".join(lines)


def skipped(result: AnalysisResult, limit: int = 10) -> str:
    """Files left out on purpose (unsupported, duplicates, broken links), with the reason; the first `limit`."""
    if not result.skipped:
        return ""
    lines = [f"{len(result.skipped)} file(s) skipped:"] + [f"  {s}" for s in result.skipped[:limit]]
    if len(result.skipped) > limit:
        lines.append(f"  … and {len(result.skipped) - limit} more (listed in run.json)")
    return "\n".join(lines)


def comparison_summary(comparison: Comparison, limit: int = 12, width: int = 100) -> str:
    """Counts, categories that moved, and the first major changes with where they are on both sides."""
    counts = comparison.counts()
    lines = [
        f"{comparison.old.document.name} → {comparison.new.document.name}: "
        f"{counts['old_passages']} → {counts['new_passages']} passages; {counts['unchanged']} unchanged, "
        f"{counts['moved']} moved, {counts['modified']} modified, {counts['added']} added, "
        f"{counts['removed']} removed; {counts['major']} alter a commitment",
    ]
    moved = [c for c in comparison.categories if c.direction not in ("unchanged", "absent_in_both")]
    for c in moved:
        lines.append(f"  {c.category_id:<28} {c.direction:<18} {c.old_status.value} → {c.new_status.value}")
    for c in comparison.categories:
        if c.fact_changes and c.direction == "unchanged":
            more = len(c.fact_changes) - 4
            shown = "; ".join(c.fact_changes[:4]) + (f"; … ({more} more)" if more > 0 else "")
            lines.append(f"  {c.category_id:<28} {'same status':<18} {shown}")
    if not moved:
        lines.append("  no category's coverage changed")
    major = [c for c in comparison.changes if c.severity == "major"]
    for change in major[:limit]:
        sides = [_where(p) for p in (change.old_passage, change.new_passage)]
        where = sides[0] if sides[0] == sides[1] else " → ".join(sides)
        what = [f"{s.category_id} {s.direction}" for s in change.categories if s.direction is not ShiftDirection.UNCHANGED]
        what += [f.reading or f"{f.kind} {f.direction}" for f in change.facts]
        line = f"  {change.kind.value:<8} {where}: {'; '.join(dict.fromkeys(what))}"
        lines.append(line if len(line) <= width else line[: width - 1] + "…")
    if len(major) > limit:
        lines.append(f"  … and {len(major) - limit} more major change(s) in the report")
    return "\n".join(lines)


def _where(passage: Passage | None) -> str:
    if passage is None:
        return "(none)"
    return passage.section_path or f"p. {passage.pages}"
