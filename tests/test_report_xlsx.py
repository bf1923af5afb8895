"""report.xlsx: a matrix sheet whose coloured cells lead to their passages, and the tables behind it."""

from __future__ import annotations

import re
from dataclasses import replace

import pandas as pd
import pytest
from openpyxl import load_workbook
from report_sample import ACT_ID, empty_result, sample_result

from nlp_pipeline.records import DocumentAnalysis
from nlp_pipeline.report.base import ReportContext
from nlp_pipeline.report.xlsx import EVIDENCE_SHEET, MATRIX_SHEET, MATRIX_WORDS, write_xlsx
from nlp_pipeline.taxonomy import categories


@pytest.fixture(scope="module")
def result():
    return sample_result()


@pytest.fixture(scope="module")
def book(result, tmp_path_factory):
    out = tmp_path_factory.mktemp("xlsx")
    write_xlsx(result, out, ReportContext())
    return load_workbook(out / "report.xlsx")


def test_whether_the_workbook_opens_on_the_matrix_and_has_every_sheet(book):
    assert book.sheetnames == [MATRIX_SHEET, "coverage", "milestones", "gaps", EVIDENCE_SHEET, "passages",
                               "documents", "failures", "run"]


def test_whether_the_matrix_has_documents_down_and_categories_across_in_words(result, book):
    sheet = book[MATRIX_SHEET]
    ids = [c.id for c in categories(result.taxonomy)]
    assert [sheet.cell(row=2, column=3 + n).value for n in range(len(ids))] == ids
    assert [sheet.cell(row=3 + n, column=1).value for n in range(2)] == [d.name for d in result.documents]
    sanctions = sheet.cell(row=3, column=3 + ids.index("HR.GAP.SANCTIONS")).value
    assert sanctions == "binding and enforced"
    # A cell whose strongest evidence is a gap says so after its status: "binding and enforced, narrows".
    assert set(MATRIX_WORDS.values()) >= {sheet.cell(row=r, column=c).value.split(",")[0]
                                          for r in (3, 4) for c in range(3, 3 + len(ids))}


def test_whether_every_status_has_a_conditional_colour_by_how_the_cell_begins(book):
    rules = [rule for rules in book[MATRIX_SHEET].conditional_formatting for rule in rules.rules]
    coloured = {re.search(r'="(.+)"$', rule.formula[0]).group(1) for rule in rules}
    assert coloured == set(MATRIX_WORDS.values())
    assert all(rule.formula[0].startswith("LEFT(C3,") for rule in rules)
    assert all(rule.dxf.fill is not None for rule in rules)


def test_whether_each_covered_cell_links_to_its_own_evidence_rows(result, book):
    sheet, evidence = book[MATRIX_SHEET], book[EVIDENCE_SHEET]
    header = [c.value for c in evidence[1]]
    covered = [c for c in result.coverage if c.status.value != "absent"]
    links = 0
    for row in range(3, 5):
        document = sheet.cell(row=row, column=1).value
        for column in range(3, sheet.max_column + 1):
            cell = sheet.cell(row=row, column=column)
            if cell.hyperlink is None:
                continue
            links += 1
            target_sheet, target = cell.hyperlink.location.split("!")
            assert target_sheet.strip("'") == EVIDENCE_SHEET
            line = {h: v for h, v in zip(header, [c.value for c in evidence[int(target.lstrip("A"))]])}
            assert line["document"] == document
            assert line["category_id"] == sheet.cell(row=2, column=column).value
            assert line["rank"] == 1
    assert links == len(covered)


def test_whether_absent_cells_carry_no_link(book):
    sheet = book[MATRIX_SHEET]
    assert all(sheet.cell(row=r, column=c).hyperlink is None
               for r in (3, 4) for c in range(3, sheet.max_column + 1)
               if sheet.cell(row=r, column=c).value == MATRIX_WORDS["absent"])


def test_whether_the_evidence_sheet_names_page_printed_page_and_reasons(book):
    rows = list(book[EVIDENCE_SHEET].values)
    frame = pd.DataFrame(rows[1:], columns=rows[0])
    row = frame[(frame.doc_id == ACT_ID) & (frame.category_id == "HR.GAP.SANCTIONS")].iloc[0]
    assert (row.page, row.printed_page, row.section) == ("9", "9", "Article 27 > 1")
    assert "penalties" in row.reasons and row.quote.startswith("Member States shall lay down rules on penalties")


def test_whether_text_that_looks_like_a_formula_stays_text(book):
    sheet = book["passages"]
    header = [c.value for c in sheet[1]]
    texts = [row[header.index("text")] for row in sheet.iter_rows(min_row=2)]
    formula = next(c for c in texts if str(c.value).startswith("=SUM"))
    assert formula.data_type == "s"


def test_whether_the_run_sheet_says_what_produced_the_workbook(book):
    fields = {row[0].value: row[1].value for row in book["run"].iter_rows(min_row=2)}
    assert fields["command"] == "analyze" and "RESOURCING" in fields["taxonomy"]


def test_whether_a_quote_too_long_for_a_cell_is_cut_at_a_word_with_an_ellipsis(tmp_path):
    result = sample_result()
    analysis = result.analyses[0]
    long_text = "Member States shall lay down penalties. " + "Supervisory authorities shall cooperate " * 900
    passage = replace(analysis.passages[0], passage=replace(analysis.passages[0].passage, text=long_text))
    result.analyses[0] = DocumentAnalysis(analysis.document, (passage, *analysis.passages[1:]), analysis.coverage,
                                          analysis.milestones)
    write_xlsx(result, tmp_path, ReportContext())
    sheet = load_workbook(tmp_path / "report.xlsx", read_only=True)["passages"]
    rows = list(sheet.values)
    text = next(r[rows[0].index("text")] for r in rows[1:] if str(r[rows[0].index("text")]).startswith("Member"))
    assert len(text) <= 32_000 and text.endswith("…")
    assert text[:-1].split()[-1] in {"Supervisory", "authorities", "shall", "cooperate"}  # a whole word


def test_whether_an_empty_run_still_has_its_sheets(tmp_path):
    write_xlsx(empty_result(), tmp_path, ReportContext())
    failures = pd.read_excel(tmp_path / "report.xlsx", sheet_name="failures")
    assert failures.to_dict("records") == [{"path": "inputs/a.pdf", "reason": "encrypted PDF", "stage": "ingest",
                                           "error_type": "InputError"}]
    assert load_workbook(tmp_path / "report.xlsx").sheetnames[0] == MATRIX_SHEET


def test_whether_a_matrix_cell_whose_evidence_narrows_says_so(tmp_path):
    from nlp_pipeline.records import CoverageStatus, Polarity

    result = sample_result()
    analysis = result.analyses[0]
    ids = [c.id for c in categories(result.taxonomy)]
    k, narrowed = next((k, c) for k, c in enumerate(analysis.coverage) if c.status is not CoverageStatus.ABSENT)
    cells = list(analysis.coverage)
    cells[k] = replace(narrowed, polarity=Polarity.NARROWS)
    result.analyses[0] = DocumentAnalysis(analysis.document, analysis.passages, tuple(cells), analysis.milestones)
    write_xlsx(result, tmp_path, ReportContext())
    sheet = load_workbook(tmp_path / "report.xlsx")[MATRIX_SHEET]
    row = 3 + [d.id for d in result.documents].index(analysis.document.id)
    assert sheet.cell(row=row, column=3 + ids.index(narrowed.category_id)).value == (
        f"{MATRIX_WORDS[narrowed.status.value]}, narrows")
