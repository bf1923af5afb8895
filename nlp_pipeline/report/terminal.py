"""Plain-text summaries for the terminal: what a journalist reads first.

The report format a command prints; the CLI only chooses which one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from nlp_pipeline.records import CoverageStatus
from nlp_pipeline.taxonomy import categories

if TYPE_CHECKING:
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
             f"{len(analysis.passages)} passages"]
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


def failures(result: AnalysisResult) -> str:
    if not result.failures:
        return ""
    return "\n".join([f"{len(result.failures)} input(s) failed:"] + [f"  {f}" for f in result.failures])
