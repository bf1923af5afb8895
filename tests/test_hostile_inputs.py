"""Hostile files in one corpus with good ones: each bad file named with its reason, the good ones complete.

The corpus is generated (hostile_files.py): empty, truncated, garbage,
encrypted and image-only PDFs, a 50,000-page PDF, a PDF whose content
inflates to 1 GiB, binary junk named .txt and a 2 MB single-line text,
beside two good documents.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from conftest import DATA
from hostile_files import bomb_pdf, flipped, hostile_corpus, truncated
from nlp_pipeline.cli.main import app

runner = CliRunner()
GOOD = ("eurlex_act.html", "plain_report.txt")
LIMITS = ["--max-seconds", "90", "--max-memory", "1024"]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    expected = hostile_corpus(folder)
    for name in GOOD:
        shutil.copy(DATA / name, folder / name)
    good_only = tmp_path_factory.mktemp("good")
    for name in GOOD:
        shutil.copy(DATA / name, good_only / name)
    return folder, good_only, expected


def _good_rows(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[frame["document"].isin(GOOD)].reset_index(drop=True)


def test_whether_analyze_names_every_hostile_file_and_leaves_the_good_outputs_as_without_them(corpus, tmp_path):
    folder, good_only, expected = corpus
    result = runner.invoke(app, ["analyze", str(folder), "--out", str(tmp_path / "all"), "--classifier", "cues",
                                 "--quiet", *LIMITS])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = {line.strip().split(":", 1)[0].rsplit("/", 1)[-1]: line for line in result.output.splitlines()
             if line.startswith("  /")}
    for name, words in expected.items():
        if words is not None:
            assert name in lines and words in lines[name], (name, lines.get(name))
    clean = runner.invoke(app, ["analyze", str(good_only), "--out", str(tmp_path / "good"), "--classifier", "cues",
                                "--quiet"])
    assert clean.exit_code == 0, clean.output
    for table in ("coverage.csv", "milestones.csv", "gaps.csv"):
        mixed = _good_rows(pd.read_csv(tmp_path / "all" / table))
        alone = _good_rows(pd.read_csv(tmp_path / "good" / table))
        pd.testing.assert_frame_equal(mixed, alone)
    mixed = [line for line in (tmp_path / "all" / "passages.jsonl").read_text().splitlines()
             if any(f'"document": "{name}"' in line for name in GOOD)]
    assert mixed == (tmp_path / "good" / "passages.jsonl").read_text().splitlines()


def test_whether_batch_records_every_hostile_file_with_its_reason_within_bounded_memory(corpus, tmp_path):
    from nlp_pipeline.batch import run_batch
    from nlp_pipeline.ingest import IngestLimits
    from nlp_pipeline.pipeline import resolve_options
    from nlp_pipeline.runner import RunLimits
    from nlp_pipeline.store import ResultStore

    folder, _, expected = corpus
    taxonomy, classifier, _ = resolve_options(None, "cues", None)
    store = tmp_path / "store.duckdb"
    result = run_batch([folder], store, taxonomy, classifier, limits=IngestLimits(max_seconds=90),
                       run_limits=RunLimits(max_seconds=90, max_memory=1024), workers=2)
    with ResultStore(store, read_only=True) as opened:
        failures = {Path(p).name: reason for p, reason in opened.query("SELECT path, reason FROM failures").values}
        documents = set(opened.query("SELECT name FROM documents")["name"])
    for name, words in expected.items():
        if words is not None:
            assert words in failures[name], (name, failures.get(name))
    assert set(GOOD) <= documents
    # A worker's peak: its model plus one document, far below what the bomb would inflate to.
    assert result.progress.peak_memory_mb < 2048


@pytest.mark.parametrize("seed", range(12))
def test_whether_malformed_pdfs_end_in_a_result_or_a_named_failure(seed, tmp_path):
    from nlp_pipeline.pipeline import DocumentTask, DocumentWorker
    from nlp_pipeline.records import DocumentAnalysis, Failure
    from nlp_pipeline.runner import RunLimits, make_runner
    from nlp_pipeline.taxonomy import load_taxonomy

    source = (DATA / "two_column.pdf").read_bytes()
    import random

    rng = random.Random(seed)
    damaged = {
        "truncated.pdf": truncated(source, rng.randrange(1, len(source))),
        "flipped.pdf": flipped(source, rng.randrange(1, 40), seed),
        "small_bomb_truncated.pdf": truncated(bomb_pdf(8 * 1024 * 1024), rng.randrange(200, 2000)),
    }
    for name, data in damaged.items():
        (tmp_path / name).write_bytes(data)
    worker = DocumentWorker(load_taxonomy(), "cues")
    pool = make_runner("local", workers=1, limits=RunLimits(max_seconds=30, max_memory=512))
    for done in pool.run(worker, [DocumentTask(str(tmp_path / name)) for name in damaged]):
        outcome = done.outcome
        assert isinstance(outcome, (DocumentAnalysis, Failure))
        if isinstance(outcome, Failure):
            assert outcome.reason and "\n" not in outcome.reason
            assert not outcome.traceback, outcome.traceback  # a named reason, not a bug
