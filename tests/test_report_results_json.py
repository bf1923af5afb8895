"""results.json: the same matrices as the CSV files, with documents and failures."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from report_sample import ACT_ID, sample_result

from nlp_pipeline.report.base import ReportContext
from nlp_pipeline.report.results_json import write_results
from nlp_pipeline.report.tables import coverage_table


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    out = tmp_path_factory.mktemp("json")
    (path,) = write_results(sample_result(), out, ReportContext())
    return json.loads(path.read_text(encoding="utf-8"))


def test_whether_there_is_one_coverage_record_per_cell_of_the_csv(results):
    frame = coverage_table(sample_result())
    assert len(results["coverage"]) == len(frame)
    assert [(r["doc_id"], r["category_id"], r["status"]) for r in results["coverage"]] == list(
        zip(frame.doc_id, frame.category_id, frame.status))


def test_whether_a_cell_carries_all_its_evidence(results):
    cell = next(r for r in results["coverage"] if r["doc_id"] == ACT_ID and r["category_id"] == "HR.GAP.SANCTIONS")
    assert cell["evidence"][0]["page"] == "9"
    assert {"rule": "enforcement.penalty", "span": "penalties", "explanation": ""} in cell["evidence"][0]["reasons"]
    assert cell["gap_flags"] == [] and isinstance(cell["evidence"][0]["gap_flags"], list)


@pytest.mark.parametrize("key", ["documents", "coverage", "milestones", "gaps", "failures"])
def test_whether_every_part_is_present(results, key):
    assert results[key]


def test_whether_documents_and_failures_are_described(results):
    assert [d["name"] for d in results["documents"]] == ["example_act.html", "example report.pdf"]
    assert results["documents"][1]["warnings"] == ["page 7 could not be read"]
    assert results["failures"][0]["path"] == "inputs/broken <1>.pdf"
    assert results["taxonomy"] == {"id": "RESOURCING.EEE", "version": "1.14.0"}


def test_whether_the_matrices_load_into_pandas(results):
    frame = pd.DataFrame(results["milestones"])
    assert {"expected", "observed", "verdict", "provenance", "evidence"} <= set(frame.columns)
