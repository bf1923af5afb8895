"""report.xlsx: one workbook a reader can filter, sort and follow from a cell to its quotes.

Sheets: `matrix` (documents down, categories across, each cell a status in
words, coloured by conditional formatting and hyperlinked to its first row in
`evidence`), `coverage`, `milestones`, `gaps`, `evidence` (every passage
behind every covered cell, with page, printed page and the rules that fired),
`passages`, `documents`, `failures` and `run` (what produced the file).
Quotes are shortened, where at all, at a word boundary with an ellipsis.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from nlp_pipeline.records import CoverageStatus
from nlp_pipeline.report import findings as select
from nlp_pipeline.report.base import STATUS_COLOURS, STATUS_ORDER, STATUS_TEXT_COLOURS, ReportContext, atomic_path, register_format
from nlp_pipeline.report.tables import (
    coverage_table,
    document_table,
    failure_table,
    gap_table,
    milestone_table,
    passage_table,
)
from nlp_pipeline.report.wording import shorten
from nlp_pipeline.taxonomy import categories

if TYPE_CHECKING:
    from nlp_pipeline.pipeline import AnalysisResult

log = logging.getLogger(__name__)

XLSX_FILE = "report.xlsx"
MATRIX_SHEET = "matrix"
EVIDENCE_SHEET = "evidence"
EVIDENCE_COLUMNS = [
    "document", "category_id", "category", "cell_status", "rank", "page", "printed_page", "section", "strength",
    "score", "quote", "gap_flags", "reasons", "passage_id", "doc_id",
]
# Excel holds at most 32,767 characters in a cell and 1,048,576 rows in a sheet.
CELL_LIMIT = 32_000
ROW_LIMIT = 1_048_575  # data rows under the header
_MAX_WIDTH = 60
# The matrix shows the status words of the HTML report; these are the cells' values.
MATRIX_WORDS = {status: CoverageStatus(status).words if status != "absent" else "not addressed" for status in STATUS_ORDER}
MATRIX_WORDS["mentioned"] = "mentioned only"

TABLES = {
    "coverage": coverage_table,
    "milestones": milestone_table,
    "gaps": gap_table,
}
LATER_TABLES = {
    "passages": passage_table,
    "documents": document_table,
    "failures": failure_table,
}


def evidence_table(result: AnalysisResult) -> pd.DataFrame:
    """Every passage behind every covered cell, in taxonomy order, each cell's strongest first."""
    rows = []
    for analysis in result.analyses:
        passages = select.document_passages(result, analysis)
        for finding in select.findings(analysis, result.taxonomy):
            cell = finding.cell
            if cell.status is CoverageStatus.ABSENT:
                continue
            for rank, ev in enumerate(select.all_evidence(passages, cell), start=1):
                rows.append({
                    "document": analysis.document.name,
                    "category_id": cell.category_id,
                    "category": finding.category.label,
                    "cell_status": MATRIX_WORDS[cell.status.value],
                    "rank": rank,
                    "page": ev.page,
                    "printed_page": ev.page_label,
                    "section": ev.section,
                    "strength": ev.strength,
                    "score": ev.score,
                    "quote": shorten(ev.quote, CELL_LIMIT),
                    "gap_flags": "; ".join(g.words for g in ev.gap_flags),
                    "reasons": "; ".join(f"{r.explanation or r.rule}"
                                         + (f": “{r.span}”" if r.span and r.span != r.explanation else "")
                                         for r in ev.reasons),
                    "passage_id": ev.passage_id,
                    "doc_id": analysis.document.id,
                })
    return pd.DataFrame(rows).reindex(columns=EVIDENCE_COLUMNS)


def run_rows(result: AnalysisResult, context: ReportContext) -> pd.DataFrame:
    """run.json's facts as two columns, nested values as JSON."""
    from nlp_pipeline.report.run_manifest import analysis_manifest

    manifest = analysis_manifest(result, context)
    manifest.pop("outputs", None)  # the workbook is written before the other files are final
    rows = [{"field": key, "value": value if isinstance(value, (str, int, float, bool)) or value is None
             else json.dumps(value, ensure_ascii=False)} for key, value in manifest.items()]
    return pd.DataFrame(rows, columns=["field", "value"])


@register_format("xlsx", (XLSX_FILE,), "one workbook: matrix, coverage, milestones, gaps, evidence, passages, run")
def write_xlsx(result: AnalysisResult, out_dir: Path, context: ReportContext) -> list[Path]:
    # Write-only: rows go to disk as they are appended, so a corpus of
    # thousands of documents costs one table's DataFrame at a time, not a
    # cell object per value of the whole workbook.
    from openpyxl import Workbook

    target = out_dir / XLSX_FILE
    book = Workbook(write_only=True)
    evidence = _clean(evidence_table(result))
    _fill_matrix(book.create_sheet(MATRIX_SHEET), result, _first_rows(evidence))
    for sheet, build in TABLES.items():
        _write_table(book.create_sheet(sheet), _clean(build(result)))
    _write_table(book.create_sheet(EVIDENCE_SHEET), evidence)
    del evidence
    for sheet, build in LATER_TABLES.items():
        _write_table(book.create_sheet(sheet), _clean(build(result)))
    _write_table(book.create_sheet("run"), _clean(run_rows(result, context)))
    with atomic_path(target) as temp:
        book.save(temp)
    return [target]


def _first_rows(evidence: pd.DataFrame) -> dict[tuple[str, str], int]:
    """(doc_id, category_id) -> the worksheet row of its first evidence line (row 1 is the header)."""
    first: dict[tuple[str, str], int] = {}
    for offset, (doc_id, category_id) in enumerate(zip(evidence["doc_id"], evidence["category_id"])):
        if offset >= ROW_LIMIT:  # cut from the sheet, so there is no row to link to
            break
        first.setdefault((doc_id, category_id), offset + 2)
    return first


def _fill_matrix(sheet, result: AnalysisResult, first_rows: dict[tuple[str, str], int]) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.hyperlink import Hyperlink

    def cell(value: Any, **style: Any) -> WriteOnlyCell:
        made = WriteOnlyCell(sheet, value=value)
        for name, setting in style.items():
            setattr(made, name, setting)
        return made

    cats = categories(result.taxonomy)
    # A write-only sheet takes its layout before its first row.
    sheet.column_dimensions["A"].width = 40
    sheet.column_dimensions["B"].width = 16
    for column in range(3, len(cats) + 3):
        sheet.column_dimensions[get_column_letter(column)].width = 14
    sheet.row_dimensions[1].height = 170
    sheet.freeze_panes = "C3"
    rotated = Alignment(wrap_text=True, vertical="bottom", text_rotation=90)
    sheet.append([cell("document", font=Font(bold=True)), cell("kind", font=Font(bold=True))]
                 + [cell(("◆ " if c.roadmap_gap else "") + c.label, font=Font(bold=True), alignment=rotated)
                    for c in cats])
    sheet.append([cell("category id →", font=Font(italic=True, color="666666")), None]
                 + [cell(c.id, font=Font(color="666666", size=8)) for c in cats])
    cells = {(c.doc_id, c.category_id): c for c in result.coverage}
    centred = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for row, document in enumerate(result.documents, start=3):
        values: list[Any] = [document.name, select.kind_words(document)]
        for column, category in enumerate(cats, start=3):
            found = cells.get((document.id, category.id))
            if found is None:
                values.append(None)
                continue
            status = cell(select.cell_short(found, MATRIX_WORDS[found.status.value]), alignment=centred)
            first = first_rows.get((document.id, category.id))
            if first is not None:
                status.hyperlink = Hyperlink(ref=f"{get_column_letter(column)}{row}",
                                             location=f"'{EVIDENCE_SHEET}'!A{first}",
                                             tooltip=f"{found.passage_count} passage(s) behind this cell")
            values.append(status)
        sheet.append(values)
    if result.documents:
        area = f"C3:{get_column_letter(len(cats) + 2)}{len(result.documents) + 2}"
        for status in STATUS_ORDER:
            fill = PatternFill(start_color=STATUS_COLOURS[status].lstrip("#"), end_color=STATUS_COLOURS[status].lstrip("#"),
                               fill_type="solid")
            font = Font(color=STATUS_TEXT_COLOURS[status].lstrip("#"), bold=status != "absent")
            # By how the cell begins: "specific, narrows" is coloured as specific.
            words = MATRIX_WORDS[status]
            sheet.conditional_formatting.add(
                area, FormulaRule(formula=[f'LEFT(C3,{len(words)})="{words}"'], fill=fill, font=font))
    sheet.append([])
    sheet.append([cell("Colours, from nothing to binding:", font=Font(bold=True))])
    for status in STATUS_ORDER:
        colour = STATUS_COLOURS[status].lstrip("#")
        sheet.append([cell(MATRIX_WORDS[status], fill=PatternFill(start_color=colour, end_color=colour, fill_type="solid"),
                           font=Font(color=STATUS_TEXT_COLOURS[status].lstrip("#")))])
    sheet.append([cell("Each coloured cell links to its passages in the evidence sheet; ◆ marks the roadmap's "
                       "human-rights gaps.", font=Font(italic=True))])


def _clean(frame: pd.DataFrame) -> pd.DataFrame:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if len(frame) > ROW_LIMIT:
        # A corpus this size is read from passages.jsonl or the CSVs; the sheet keeps what Excel can open.
        log.warning("report.xlsx: a sheet of %d rows is cut to Excel's %d; passages.jsonl has them all",
                    len(frame), ROW_LIMIT)
        frame = frame.iloc[:ROW_LIMIT]

    # Control characters survive PDF extraction but make openpyxl refuse the
    # whole workbook; Excel also caps a cell's length.
    def fix(value: Any):
        if isinstance(value, str):
            return shorten(ILLEGAL_CHARACTERS_RE.sub("", value), CELL_LIMIT)
        return value

    return frame.map(fix) if len(frame) else frame


def _write_table(sheet, frame: pd.DataFrame) -> None:
    """A table with a bold header row, frozen under it, filterable, columns as wide as their first values."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    columns = [str(c) for c in frame.columns]
    for number, name in enumerate(columns, start=1):
        values = [str(v) for v in frame.iloc[:199, number - 1] if _present(v)]
        width = max((len(v) for v in [name, *values]), default=8)
        sheet.column_dimensions[get_column_letter(number)].width = min(max(width, 8) + 2, _MAX_WIDTH)
    sheet.freeze_panes = "A2"
    if len(frame) and columns:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(frame) + 1}"
    bold = Font(bold=True)
    header = []
    for name in columns:
        made = WriteOnlyCell(sheet, value=name)
        made.font = bold
        header.append(made)
    sheet.append(header)
    for row in frame.itertuples(index=False, name=None):
        sheet.append([_value(sheet, v) for v in row])


def _present(value: Any) -> bool:
    if value is None:
        return False
    return isinstance(value, (list, tuple, dict)) or not pd.isna(value)


def _value(sheet, value: Any) -> Any:
    from openpyxl.cell import WriteOnlyCell

    if not _present(value):
        return None
    if isinstance(value, str) and value.startswith("="):
        # Document text that starts with "=" would otherwise be stored as a
        # formula: a broken cell at best, an injected formula at worst.
        text = WriteOnlyCell(sheet, value=value)
        text.data_type = "s"
        return text
    return value
