"""write_reports: every file of the output folder, formats by name, no silent overwrite."""

from __future__ import annotations

import json

import pytest
from report_sample import empty_result, sample_result

from nlp_pipeline.errors import OutputError
from nlp_pipeline.report import OutputExistsError, report_formats, write_reports
from nlp_pipeline.report.base import atomic_path

ALL_FILES = {
    "passages.jsonl", "coverage.csv", "milestones.csv", "gaps.csv", "results.json", "report.html",
    "report.xlsx", "heatmap.png", "heatmap.svg", "run.json",
}


@pytest.fixture(scope="module")
def result():
    return sample_result()


@pytest.mark.parametrize(
    "build, empty_files",
    [(sample_result, set()), (empty_result, {"passages.jsonl"})],  # no passage, no line
    ids=["two_documents", "all_failed"],
)
def test_whether_every_file_of_the_output_folder_is_written(tmp_path, build, empty_files):
    written = write_reports(build(), tmp_path / "out")
    assert {p.name for p in written} == ALL_FILES
    assert {p.name for p in (tmp_path / "out").iterdir()} == ALL_FILES  # and no temp files left behind
    assert {p.name for p in written if p.stat().st_size == 0} == empty_files


def test_whether_the_manifest_is_written_last_and_lists_the_other_files(tmp_path, result):
    written = write_reports(result, tmp_path)
    assert written[-1].name == "run.json"
    outputs = {o["file"] for o in json.loads((tmp_path / "run.json").read_text())["outputs"]}
    assert outputs == ALL_FILES - {"run.json"}


@pytest.mark.parametrize(
    "formats, expected",
    [
        (["html"], {"report.html", "run.json"}),
        ("csv,jsonl", {"coverage.csv", "milestones.csv", "gaps.csv", "passages.jsonl", "run.json"}),
        (["heatmap"], {"heatmap.png", "heatmap.svg", "run.json"}),
        (["run"], {"run.json"}),
    ],
)
def test_whether_formats_are_picked_by_name(tmp_path, result, formats, expected):
    assert {p.name for p in write_reports(result, tmp_path, formats)} == expected


def test_whether_an_unknown_format_is_refused_with_the_available_names(tmp_path, result):
    with pytest.raises(ValueError, match="unknown report format.*pdf.*available: jsonl"):
        write_reports(result, tmp_path, ["html", "pdf"])
    assert not (tmp_path / "report.html").exists()


def test_whether_the_registry_lists_every_format_with_run_last():
    formats = report_formats()
    assert list(formats)[-1] == "run"
    assert set(formats) == {"jsonl", "csv", "json", "html", "xlsx", "heatmap", "run"}
    assert {name for f in formats.values() for name in f.files} == ALL_FILES


def test_whether_an_earlier_run_is_not_overwritten(tmp_path, result):
    write_reports(result, tmp_path)
    before = (tmp_path / "report.html").read_bytes()
    with pytest.raises(OutputExistsError, match=r"run\.json.*overwrite=True \(--overwrite\)"):
        write_reports(result, tmp_path)
    assert (tmp_path / "report.html").read_bytes() == before


def test_whether_a_users_own_file_of_the_same_name_is_not_overwritten(tmp_path, result):
    mine = tmp_path / "coverage.csv"
    mine.write_text("my own numbers\n")
    with pytest.raises(OutputExistsError, match="coverage.csv"):
        write_reports(result, tmp_path)
    assert mine.read_text() == "my own numbers\n"
    assert not (tmp_path / "run.json").exists()


def test_whether_unrelated_files_in_the_folder_do_not_block_a_run(tmp_path, result):
    (tmp_path / "notes.txt").write_text("keep me")
    write_reports(result, tmp_path, ["html"])
    assert (tmp_path / "notes.txt").read_text() == "keep me"


def test_whether_overwrite_true_replaces_an_earlier_run(tmp_path, result):
    write_reports(result, tmp_path)
    (tmp_path / "report.html").write_text("stale")
    write_reports(result, tmp_path, overwrite=True)
    assert (tmp_path / "report.html").read_text().startswith("<!DOCTYPE html>")


def test_whether_a_file_in_place_of_the_folder_is_refused(tmp_path, result):
    target = tmp_path / "out"
    target.write_text("not a folder")
    with pytest.raises(OutputError, match="not a folder"):
        write_reports(result, target)


def test_whether_a_failing_writer_leaves_the_previous_file_intact(tmp_path):
    target = tmp_path / "coverage.csv"
    target.write_text("previous")
    with pytest.raises(RuntimeError):
        with atomic_path(target) as temp:
            temp.write_text("half writ")
            raise RuntimeError("disk full")
    assert target.read_text() == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["coverage.csv"]
