"""The matrices as tables: coverage.csv, milestones.csv and gaps.csv (report.xlsx reads them too, see xlsx.py).

The columns are fixed here, not inferred from the rows, so an empty run (every
file failed) still yields files with headers that downstream scripts can read.
Every CSV the tool writes goes through `csv_text`, which neutralises cells a
spreadsheet would run as a formula (OWASP's CSV-injection advice): document
text, quotes and file names are the user's data, not instructions.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from nlp_pipeline.report.base import ReportContext, atomic_path, register_format
from nlp_pipeline.report.findings import finding_quote
from nlp_pipeline.taxonomy import category_index, milestones, target_of

if TYPE_CHECKING:
    from nlp_pipeline.pipeline import AnalysisResult

# A spreadsheet column of full passages is unreadable; the evidence sheet and
# passages.jsonl keep the whole text. Cut at a word, with an ellipsis.
QUOTE_LIMIT = 300
COVERAGE_COLUMNS = [
    "document", "doc_id", "target", "category_id", "category", "roadmap_gap", "status", "strength", "polarity",
    "supporting_passages", "best_score", "top_evidence_pages", "top_passage_id", "top_section", "top_quote",
    "gap_flags", "rules",
]
MILESTONE_COLUMNS = [
    "document", "doc_id", "milestone_id", "category_id", "year", "statement", "expected_strength",
    "observed_strength", "verdict", "provenance", "evidence",
]
GAP_COLUMNS = [
    "document", "category_id", "gap", "status", "strength", "evidence_passage_id", "evidence_pages",
    "evidence_section",
]
PASSAGE_COLUMNS = [
    "passage_id", "document", "doc_id", "page", "page_label", "section", "kind", "role", "categories",
    "scores", "strength", "modality", "gap_flags", "text",
]
DOCUMENT_COLUMNS = [
    "id", "path", "name", "kind", "title", "issuer", "year", "language", "page_count", "block_count",
    "headers_removed", "warnings",
]


def coverage_table(result: AnalysisResult) -> pd.DataFrame:
    """documents x categories: status, strength and the top evidence of each cell."""
    index = category_index(result.taxonomy)
    targets = target_of(result.taxonomy)
    rows = []
    for analysis in result.analyses:
        for cell in analysis.coverage:
            top = cell.evidence[0] if cell.evidence else None
            category = index[cell.category_id]
            rows.append(
                {
                    "document": analysis.document.name,
                    "doc_id": cell.doc_id,
                    "target": targets[cell.category_id],
                    "category_id": cell.category_id,
                    "category": category.label,
                    "roadmap_gap": category.roadmap_gap,
                    "status": cell.status.value,
                    "strength": cell.strength,
                    # "binding_enforced" that narrows is a binding carve-out, not coverage: say which.
                    "polarity": cell.polarity.value,
                    "supporting_passages": cell.passage_count,
                    "best_score": round(cell.best_score, 4),
                    "top_evidence_pages": "; ".join(dict.fromkeys(e.page for e in cell.evidence)),
                    "top_passage_id": top.passage_id if top else "",
                    "top_section": top.section if top else "",
                    "top_quote": finding_quote(top, QUOTE_LIMIT) if top else "",
                    "gap_flags": ";".join(g.value for g in cell.gap_flags),
                    "rules": "; ".join(str(r) for r in top.reasons) if top else "",
                }
            )
    return pd.DataFrame(rows).reindex(columns=COVERAGE_COLUMNS)


def milestone_table(result: AnalysisResult) -> pd.DataFrame:
    statements = {m.id: m.statement for _, m in milestones(result.taxonomy)}
    rows = [
        {
            "document": analysis.document.name,
            "doc_id": m.doc_id,
            "milestone_id": m.milestone_id,
            "category_id": m.category_id,
            "year": m.year,
            "statement": statements.get(m.milestone_id, ""),
            "expected_strength": m.expected,
            "observed_strength": m.observed,
            "verdict": m.verdict.value,
            "provenance": m.provenance,
            "evidence": "; ".join(f"{e.passage_id} (p. {e.page}, {e.section})" for e in m.evidence),
        }
        for analysis in result.analyses
        for m in analysis.milestones
    ]
    return pd.DataFrame(rows).reindex(columns=MILESTONE_COLUMNS)


def gap_rows(result: AnalysisResult) -> list[dict]:
    """One row per gap flag of a cell, with the cell's top evidence."""
    rows = []
    for analysis in result.analyses:
        for cell in analysis.coverage:
            top = cell.evidence[0] if cell.evidence else None
            for flag in cell.gap_flags:
                rows.append(
                    {
                        "document": analysis.document.name,
                        "category_id": cell.category_id,
                        "gap": flag.value,
                        "status": cell.status.value,
                        "strength": cell.strength,
                        "evidence_passage_id": top.passage_id if top else "",
                        "evidence_pages": "; ".join(dict.fromkeys(e.page for e in cell.evidence)),
                        "evidence_section": top.section if top else "",
                    }
                )
    return rows


def gap_table(result: AnalysisResult) -> pd.DataFrame:
    return pd.DataFrame(gap_rows(result), columns=GAP_COLUMNS)


def passage_table(result: AnalysisResult) -> pd.DataFrame:
    rows = [
        {
            "passage_id": p.id,
            "document": analysis.document.name,
            "doc_id": p.doc_id,
            "page": p.passage.pages,
            "page_label": p.passage.page_label,
            "section": p.passage.section_path,
            "kind": p.passage.kind.value,
            "role": p.passage.role,
            # Lists and dicts become text a spreadsheet can show and a script can parse.
            "categories": "; ".join(p.categories),
            "scores": json.dumps({k: round(v, 4) for k, v in p.present_scores().items()}, sort_keys=True),
            "strength": p.strength,
            "modality": p.assessment.modality.value,
            "gap_flags": "; ".join(g.value for g in p.gap_flags),
            "text": p.text,
        }
        for analysis, p in result.iter_passages()
    ]
    return pd.DataFrame(rows).reindex(columns=PASSAGE_COLUMNS)


def document_table(result: AnalysisResult) -> pd.DataFrame:
    rows = []
    for document in result.documents:
        row = document.metadata()
        row["headers_removed"] = " | ".join(row["headers_removed"])
        row["warnings"] = " | ".join(row["warnings"])
        rows.append(row)
    return pd.DataFrame(rows).reindex(columns=DOCUMENT_COLUMNS)


def failure_table(result: AnalysisResult) -> pd.DataFrame:
    return pd.DataFrame([f.to_dict() for f in result.failures]).reindex(
        columns=["path", "reason", "stage", "error_type"])


# A spreadsheet reads a cell that starts with one of these as a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """A text cell a spreadsheet would evaluate, made inert by a leading apostrophe; anything else as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def csv_text(frame: pd.DataFrame) -> str:
    """The frame as CSV with formula-like text cells neutralised; numbers stay numbers."""
    text_columns = [c for c in frame.columns
                    if frame[c].dtype == object or pd.api.types.is_string_dtype(frame[c].dtype)]
    if len(frame) and text_columns:
        frame = frame.copy()
        frame[text_columns] = frame[text_columns].map(neutralise)
    return frame.to_csv(index=False, lineterminator="\n")


CSV_TABLES = {
    "coverage.csv": coverage_table,
    "milestones.csv": milestone_table,
    "gaps.csv": gap_table,
}


@register_format("csv", tuple(CSV_TABLES), "coverage, milestone and gap matrices as CSV")
def write_csv(result: AnalysisResult, out_dir: Path, context: ReportContext) -> list[Path]:
    # Document by document, so a corpus's matrices never sit in memory as one frame.
    written = []
    for name, build in CSV_TABLES.items():
        target = out_dir / name
        with atomic_path(target) as temp:
            with open(temp, "w", encoding="utf-8", newline="") as stream:
                stream.write(csv_text(build(replace(result, analyses=[], failures=[]))))
                for analysis in result.analyses:
                    text = csv_text(build(replace(result, analyses=[analysis], failures=[])))
                    stream.write(text.split("\n", 1)[1])
        written.append(target)
    return written
