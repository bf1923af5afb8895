"""The output folder: checked before any work, written whole or not at all, never destroying an earlier run."""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import DATA, PROJECT_ROOT
from nlp_pipeline.cli.main import app

runner = CliRunner()
GOOD = [str(DATA / "eurlex_act.html"), str(DATA / "plain_report.txt")]


def analyze(out: Path, *extra: str, inputs: list[str] = GOOD):
    return runner.invoke(app, ["analyze", *inputs, "--out", str(out), "--classifier", "cues", "--quiet", *extra])


def leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if ".partial-" in p.name or ".replaced-" in p.name)


@pytest.fixture
def earlier_run(tmp_path):
    out = tmp_path / "out"
    assert analyze(out).exit_code == 0
    return out, {p.name: p.read_bytes() for p in out.iterdir()}


def _mount(folder: Path, options: str) -> bool:
    folder.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True)
    return done.returncode == 0


@pytest.fixture
def tiny_disk(tmp_path):
    disk = tmp_path / "disk"
    if not _mount(disk, "size=48k"):
        pytest.skip("cannot mount a tmpfs here (needs root) to fill a disk")
    yield disk
    subprocess.run(["umount", str(disk)], check=False)


@pytest.fixture
def read_only_disk(tmp_path):
    disk = tmp_path / "ro"
    if not _mount(disk, "size=48k,ro"):
        pytest.skip("cannot mount a read-only tmpfs here (needs root)")
    yield disk
    subprocess.run(["umount", str(disk)], check=False)


@pytest.mark.parametrize("case, named, reason", [
    ("out_is_a_file", "out", "not a folder"),
    ("missing_parent", "no/such", "does not exist"),
    ("input_is_a_folder_for_check", "data", "is a folder"),
    ("typo_in_the_only_input", "eurlex_actt.html", "file not found"),
    ("single_unsupported_file", "notes.xyz", "unsupported format"),
])
def test_whether_unusable_paths_are_one_line_usage_errors_with_nothing_written(tmp_path, case, named, reason):
    out = tmp_path / "out"
    if case == "out_is_a_file":
        out.write_text("mine")
        result = analyze(out)
    elif case == "missing_parent":
        out = tmp_path / "no" / "such" / "out"
        result = analyze(out)
    elif case == "input_is_a_folder_for_check":
        result = runner.invoke(app, ["check", str(DATA), "--out", str(out), "--quiet"])
    elif case == "typo_in_the_only_input":
        result = analyze(out, inputs=[str(DATA / "eurlex_actt.html")])
    else:
        result = analyze(out, inputs=[str(DATA / "notes.xyz")])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    (line,) = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert named in line and reason in line
    assert not out.is_dir()
    assert leftovers(tmp_path) == []


def test_whether_an_occupied_folder_is_refused_before_any_document_is_read(earlier_run, monkeypatch):
    out, before = earlier_run
    import nlp_pipeline.pipeline as pipeline

    def must_not_run(*args, **kwargs):
        raise AssertionError("the analysis ran before the folder was checked")

    monkeypatch.setattr(pipeline, "plan_corpus", must_not_run)
    result = analyze(out)
    assert result.exit_code == 2 and "--overwrite" in result.output
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_whether_overwrite_refuses_a_run_folder_that_also_holds_the_users_files(earlier_run):
    out, _ = earlier_run
    (out / "my notes.txt").write_text("mine")
    result = analyze(out, "--overwrite")
    assert result.exit_code == 2 and "my notes.txt" in result.output
    assert (out / "my notes.txt").read_text() == "mine" and (out / "run.json").exists()


def test_whether_a_full_disk_leaves_no_half_written_folder_and_exits_2(tiny_disk):
    out = tiny_disk / "out"
    result = analyze(out)
    assert result.exit_code == 2, result.output
    assert "no space left" in result.output and "Traceback" not in result.output
    assert not out.exists() and leftovers(tiny_disk) == []


def test_whether_a_failed_overwrite_leaves_the_earlier_run_as_it_was(earlier_run, monkeypatch):
    out, before = earlier_run
    from nlp_pipeline.report import base

    real = base.atomic_path

    def fill_disk(target):
        if Path(target).name == "results.json":
            raise OSError(errno.ENOSPC, "No space left on device", str(target))
        return real(target)

    monkeypatch.setattr("nlp_pipeline.report.results_json.atomic_path", fill_disk)
    result = analyze(out, "--overwrite")
    assert result.exit_code == 2 and "no space left" in result.output
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert leftovers(out.parent) == []


def test_whether_a_read_only_disk_is_refused_before_any_work(read_only_disk):
    result = analyze(read_only_disk / "out")
    assert result.exit_code == 2 and "read-only" in result.output


def test_whether_the_leftovers_of_a_killed_run_are_removed_with_a_warning(tmp_path):
    out = tmp_path / "out"
    stale = tmp_path / ".out.partial-999999999-abc"
    stale.mkdir()
    (stale / "coverage.csv").write_text("half")
    result = runner.invoke(app, ["analyze", *GOOD, "--out", str(out), "--classifier", "cues"])
    assert result.exit_code == 0, result.output
    assert not stale.exists() and "interrupted run" in result.output
    assert (out / "run.json").exists()


def test_whether_a_folder_another_running_process_writes_is_refused(tmp_path):
    sleeper = subprocess.Popen(["sleep", "30"])
    try:
        (tmp_path / f".out.partial-{sleeper.pid}-abc").mkdir()
        result = analyze(tmp_path / "out")
        assert result.exit_code == 2 and f"process {sleeper.pid}" in result.output
    finally:
        sleeper.kill()


def test_whether_an_earlier_run_set_aside_by_an_interrupted_overwrite_is_put_back(earlier_run):
    out, before = earlier_run
    aside = out.parent / ".out.replaced-999999999-abc"
    out.rename(aside)
    result = analyze(out)
    assert result.exit_code == 2 and "--overwrite" in result.output  # back in place, so it is protected again
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert not aside.exists()


def test_whether_ctrl_c_exits_130_with_a_message_and_leaves_the_earlier_run_untouched(earlier_run, tmp_path):
    out, before = earlier_run
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(40):
        shutil.copy(DATA / "eurlex_act.html", corpus / f"act{n:02}.html")
        with open(corpus / f"act{n:02}.html", "a") as stream:
            stream.write(f"<!-- copy {n} -->")
    env = dict(os.environ, PYTHONPATH=str(PROJECT_ROOT))
    process = subprocess.Popen(
        [sys.executable, "-m", "nlp_pipeline.cli.main", "analyze", str(corpus), "--out", str(out), "--overwrite",
         "--classifier", "cues", "--workers", "1"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=tmp_path)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        if "read " in line:
            break
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "interrupted" in stderr and "untouched" in stderr and "Traceback" not in stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert leftovers(tmp_path) == []


def test_whether_csv_cells_a_spreadsheet_would_run_are_neutralised(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "=1+1 name.txt").write_text(
        "=HYPERLINK(\"http://example.invalid\")\n\n"
        "The company shall audit every smelter of tin, tantalum, tungsten and gold in its supply chain by 2026 "
        "and shall publish the audit results each year.\n")
    out = tmp_path / "out"
    assert analyze(out, inputs=[str(corpus)]).exit_code == 0
    for name in ("coverage.csv", "milestones.csv", "gaps.csv"):
        text = (out / name).read_text()
        assert "'=1+1 name.txt" in text, name
        for line in text.splitlines()[1:]:
            for cell in line.split(","):
                assert not cell.lstrip('"').startswith(("=", "+", "@")), (name, cell)


def test_whether_run_json_lists_skipped_files_with_their_reason(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(DATA / "plain_report.txt", corpus / "a.txt")
    shutil.copy(DATA / "plain_report.txt", corpus / "copy of a.txt")
    (corpus / "slides.pptx").write_bytes(b"PK")
    (corpus / "dangling.txt").symlink_to(corpus / "gone.txt")
    (corpus / "loop").symlink_to(corpus)
    out = tmp_path / "out"
    result = runner.invoke(app, ["analyze", str(corpus), "--out", str(out), "--classifier", "cues"])
    assert result.exit_code == 0, result.output
    skipped = {Path(s["path"]).name: s["reason"] for s in json.loads((out / "run.json").read_text())["skipped"]}
    assert skipped["copy of a.txt"].startswith("same content as")
    assert skipped["slides.pptx"] == "unsupported format '.pptx'"
    assert skipped["dangling.txt"].startswith("broken link")
    assert "loop" in skipped["loop"]
    assert "4 file(s) skipped" in result.output
