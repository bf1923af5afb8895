"""The matrices as tables: coverage.csv, milestones.csv, gaps.csv and report.xlsx.

The columns are fixed here, not inferred from the rows, so an empty run (every
file failed) still yields files with headers that downstream scripts can read.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from nlp_pipeline.report.base import ReportContext, atomic_path, register_format, write_text_atomic
from nlp_pipeline.taxonomy import category_index, milestones

if TYPE_CHECKING:
    from nlp_pipeline.pipeline import AnalysisResult

COVERAGE_COLUMNS = [
    "document", "doc_id", "target", "category_id", "category", "roadmap_gap", "status", "strength",
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
    frame = result.coverage_frame()
    if len(frame):
        index = category_index(result.taxonomy)
        frame["roadmap_gap"] = [index[c].roadmap_gap for c in frame["category_id"]]
    return frame.reindex(columns=COVERAGE_COLUMNS)


def milestone_table(result: AnalysisResult) -> pd.DataFrame:
    frame = result.milestones_frame()
    if len(frame):
        statements = {m.id: m.statement for _, m in milestones(result.taxonomy)}
        frame["statement"] = [statements.get(m, "") for m in frame["milestone_id"]]
    return frame.reindex(columns=MILESTONE_COLUMNS)


def gap_table(result: AnalysisResult) -> pd.DataFrame:
    frame = result.gaps_frame() if result.coverage else pd.DataFrame()
    return frame.reindex(columns=GAP_COLUMNS)


def passage_table(result: AnalysisResult) -> pd.DataFrame:
    frame = result.passages_frame().reindex(columns=PASSAGE_COLUMNS)
    # Lists and dicts become text a spreadsheet can show and a script can parse.
    frame["categories"] = frame["categories"].map(lambda v: "; ".join(v) if isinstance(v, list) else "")
    frame["gap_flags"] = frame["gap_flags"].map(lambda v: "; ".join(v) if isinstance(v, list) else "")
    frame["scores"] = frame["scores"].map(lambda v: json.dumps(v, sort_keys=True) if isinstance(v, dict) else "")
    return frame


def document_table(result: AnalysisResult) -> pd.DataFrame:
    rows = []
    for document in result.documents:
        row = document.metadata()
        row["headers_removed"] = " | ".join(row["headers_removed"])
        row["warnings"] = " | ".join(row["warnings"])
        rows.append(row)
    return pd.DataFrame(rows).reindex(columns=DOCUMENT_COLUMNS)


def failure_table(result: AnalysisResult) -> pd.DataFrame:
    return pd.DataFrame([{"path": f.path, "reason": f.reason} for f in result.failures]).reindex(
        columns=["path", "reason"]
    )


CSV_TABLES = {
    "coverage.csv": coverage_table,
    "milestones.csv": milestone_table,
    "gaps.csv": gap_table,
}


@register_format("csv", tuple(CSV_TABLES), "coverage, milestone and gap matrices as CSV")
def write_csv(result: AnalysisResult, out_dir: Path, context: ReportContext) -> list[Path]:
    return [
        write_text_atomic(out_dir / name, build(result).to_csv(index=False, lineterminator="\n"))
        for name, build in CSV_TABLES.items()
    ]


XLSX_SHEETS = {
    "coverage": coverage_table,
    "milestones": milestone_table,
    "gaps": gap_table,
    "passages": passage_table,
    "documents": document_table,
    "failures": failure_table,
}
XLSX_FILE = "report.xlsx"
_MAX_WIDTH = 60


@register_format("xlsx", (XLSX_FILE,), "one workbook: coverage, milestones, gaps, passages, documents")
def write_xlsx(result: AnalysisResult, out_dir: Path, context: ReportContext) -> list[Path]:
    target = out_dir / XLSX_FILE
    with atomic_path(target) as temp:
        with pd.ExcelWriter(temp, engine="openpyxl") as writer:
            for sheet, build in XLSX_SHEETS.items():
                _clean(build(result)).to_excel(writer, sheet_name=sheet, index=False)
                _tidy(writer.sheets[sheet])
    return [target]


def _clean(frame: pd.DataFrame) -> pd.DataFrame:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    # Control characters survive PDF extraction but make openpyxl refuse the
    # whole workbook; Excel also caps a cell at 32 767 characters.
    def fix(value):
        if isinstance(value, str):
            return ILLEGAL_CHARACTERS_RE.sub("", value)[:32_000]
        return value

    return frame.map(fix) if len(frame) else frame


def _tidy(sheet) -> None:
    # Document text that starts with "=" would otherwise be stored as a
    # formula: a broken cell at best, an injected formula at worst.
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if cell.data_type == "f":
                cell.data_type = "s"
    sheet.freeze_panes = "A2"
    if sheet.max_row > 1:
        sheet.auto_filter.ref = sheet.dimensions
    for column in sheet.columns:
        values = [str(c.value) for c in column[:200] if c.value is not None]
        width = max((len(v) for v in values), default=8)
        sheet.column_dimensions[column[0].column_letter].width = min(max(width, 8) + 2, _MAX_WIDTH)
