"""coverage.csv, milestones.csv and gaps.csv."""

from __future__ import annotations

import pandas as pd
import pytest
from report_sample import ACT_ID, REPORT_ID, empty_result, sample_result

from nlp_pipeline.report.base import ReportContext
from nlp_pipeline.report.tables import (
    COVERAGE_COLUMNS,
    GAP_COLUMNS,
    MILESTONE_COLUMNS,
    write_csv,
)
from nlp_pipeline.taxonomy import categories, milestones


@pytest.fixture(scope="module")
def result():
    return sample_result()


@pytest.fixture(scope="module")
def tables(result, tmp_path_factory):
    out = tmp_path_factory.mktemp("tables")
    write_csv(result, out, ReportContext())
    return out


def test_whether_coverage_has_one_row_per_document_and_category(result, tables):
    frame = pd.read_csv(tables / "coverage.csv", keep_default_na=False)
    n = len(categories(result.taxonomy))
    assert len(frame) == 2 * n
    assert frame.groupby("doc_id")["category_id"].nunique().to_dict() == {ACT_ID: n, REPORT_ID: n}
    assert list(frame.columns) == COVERAGE_COLUMNS


def test_whether_a_covered_cell_names_its_top_evidence(tables):
    frame = pd.read_csv(tables / "coverage.csv", keep_default_na=False, dtype=str)
    row = frame[(frame.doc_id == ACT_ID) & (frame.category_id == "HR.GAP.SANCTIONS")].iloc[0]
    assert row.status == "binding_enforced" and row.strength == "4"
    assert row.top_evidence_pages == "9" and row.top_section == "Article 27 > 1"
    assert "enforcement.penalty" in row.rules and row.roadmap_gap == "True"


def test_whether_each_cell_says_whether_its_evidence_establishes_narrows_or_opposes(result, tables):
    frame = pd.read_csv(tables / "coverage.csv", keep_default_na=False, dtype=str)
    assert set(frame.polarity) <= {"establishes", "narrows", "opposes"}
    expected = {(a.doc_id, c.category_id): c.polarity.value for a in result.analyses for c in a.coverage}
    assert {(r.doc_id, r.category_id): r.polarity for r in frame.itertuples()} == expected


def test_whether_milestones_are_one_row_per_document_and_milestone(result, tables):
    frame = pd.read_csv(tables / "milestones.csv", keep_default_na=False)
    assert len(frame) == 2 * len(milestones(result.taxonomy))
    assert list(frame.columns) == MILESTONE_COLUMNS
    assert set(frame.verdict) <= {"met", "committed", "partly_met", "not_met", "not_addressed", "not_applicable"}
    assert frame.statement.str.len().min() > 0


def test_whether_gaps_list_absent_categories_and_flags(tables):
    frame = pd.read_csv(tables / "gaps.csv", keep_default_na=False)
    assert list(frame.columns) == GAP_COLUMNS
    report = frame[frame.document == "example report.pdf"]
    assert "hedged" in set(report[report.category_id == "CE.RECYCLED_CONTENT"].gap)
    assert "absent" in set(report[report.category_id == "CE.REPAIR"].gap)


def test_whether_an_empty_run_still_has_headers(tmp_path):
    write_csv(empty_result(), tmp_path, ReportContext())
    assert (tmp_path / "coverage.csv").read_text().splitlines() == [",".join(COVERAGE_COLUMNS)]
    assert (tmp_path / "gaps.csv").read_text().splitlines() == [",".join(GAP_COLUMNS)]
