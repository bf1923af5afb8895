"""`resourcing classify`: inputs it refuses with the line and reason, outputs it will not write."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from nlp_pipeline.cli.main import app

runner = CliRunner()
ROW = {"id": "a", "text": "Member States shall lay down the rules on penalties applicable to infringements."}


def classify(source, target, *extra):
    return runner.invoke(app, ["classify", str(source), "--output", str(target), *extra])


@pytest.mark.parametrize("content, words", [
    (b'{"id": "a", "text": "caf\xe9"}\n', "in.jsonl:1: not UTF-8"),
    ((json.dumps(ROW) + "\n" + json.dumps(ROW) + "\n").encode(), "in.jsonl:2: id 'a' already used on line 1"),
    (json.dumps({"id": "a", "text": "x" * 100_001}).encode() + b"\n", "in.jsonl:1: \"text\" has 100,001 characters"),
    (b"[" * 100_000 + b"\n", "in.jsonl:1:"),
])
def test_whether_a_bad_input_line_is_a_usage_error_naming_it(tmp_path, content, words):
    source = tmp_path / "in.jsonl"
    source.write_bytes(content)
    result = classify(source, tmp_path / "out.jsonl")
    assert result.exit_code == 2, result.output
    assert words in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out.jsonl").exists()


def test_whether_duplicate_ids_are_accepted_when_asked(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(ROW) + "\n" + json.dumps(ROW) + "\n")
    result = classify(source, tmp_path / "out.jsonl", "--allow-duplicate-ids")
    assert result.exit_code == 0, result.output
    assert len((tmp_path / "out.jsonl").read_text().splitlines()) == 2


@pytest.mark.parametrize("case, words", [
    ("input_is_a_folder", "is a folder, not a JSONL file"),
    ("output_is_a_folder", "is a folder; --output names"),
    ("missing_parent", "does not exist"),
])
def test_whether_unusable_paths_are_refused_before_any_work(tmp_path, case, words):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(ROW) + "\n")
    target = tmp_path / "out.jsonl"
    if case == "input_is_a_folder":
        source = tmp_path
    elif case == "output_is_a_folder":
        target = tmp_path
    else:
        target = tmp_path / "missing" / "out.jsonl"
    result = classify(source, target)
    assert result.exit_code == 2 and words in result.output, result.output


def test_whether_explain_writes_the_evidence_and_reasons_as_json(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(ROW) + "\n")
    assert classify(source, tmp_path / "out.jsonl", "--explain").exit_code == 0
    line = json.loads((tmp_path / "out.jsonl").read_text())
    assert isinstance(line["reasons"], list) and all("rule" in r for r in line["reasons"])
