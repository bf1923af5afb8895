"""`resourcing check`: a summary a journalist can read in a terminal, and nothing written for a bad input."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from conftest import DATA
from nlp_pipeline.cli.main import app
from nlp_pipeline.taxonomy import load_taxonomy

runner = CliRunner()


@pytest.mark.shared
def test_whether_check_fits_100_columns_and_names_the_categories(checked_company_report):
    printed, out, pdf = checked_company_report
    lines = printed.splitlines()
    assert lines and max(len(line) for line in lines) <= 100, [line for line in lines if len(line) > 100]
    labels = [c.label for t in load_taxonomy().targets for c in t.categories]
    shown = [label for label in labels if label in printed]
    assert len(shown) >= 10, shown
    assert "Renewable energy and climate neutrality" in printed
    assert any(status in printed for status in ("specific (3 of 4)", "procedural (2 of 4)", "aspirational (1 of 4)"))


@pytest.mark.shared
def test_whether_check_quotes_whole_sentences_with_their_pages_and_names_the_report(checked_company_report):
    printed, out, pdf = checked_company_report
    assert "p. " in printed and "“" in printed
    assert "Milestones furthest from met" in printed and "Where it falls short" in printed
    assert str(out / "report.html") in printed.replace("\n", "")
    assert "_" not in "".join(line for line in printed.splitlines() if line.startswith("  Not addressed"))


@pytest.mark.parametrize(
    "name, reason",
    [("missing.pdf", "file not found"), ("corrupt.pdf", "not a readable PDF"), ("notes.xyz", "unsupported format"),
     ("empty.txt", "empty")],
)
def test_whether_a_bad_input_fails_fast_with_exit_2_and_writes_nothing(tmp_path, monkeypatch, name, reason):
    # Loading the classifier would mean the input was not checked first.
    monkeypatch.setattr("nlp_pipeline.pipeline.resolve_options", _must_not_load)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["check", str(DATA / name)])
    assert result.exit_code == 2, result.output
    assert reason in result.output and "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []


def test_whether_a_folder_is_refused_with_a_pointer_to_analyze(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["check", str(DATA)])
    assert result.exit_code == 2 and "resourcing analyze" in result.output
    assert list(tmp_path.iterdir()) == []


def test_whether_check_writes_to_a_folder_named_after_the_document_and_refuses_to_overwrite_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    first = runner.invoke(app, ["check", str(DATA / "plain_report.txt"), "--quiet"])
    assert first.exit_code == 0, first.output
    assert (tmp_path / "plain_report-check" / "report.html").is_file()
    again = runner.invoke(app, ["check", str(DATA / "plain_report.txt"), "--quiet"])
    assert again.exit_code == 2 and "--overwrite" in again.output


def _must_not_load(*args, **kwargs):
    raise AssertionError("the classifier was loaded before the input was checked")
