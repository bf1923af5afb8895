"""`resourcing batch` and its store: incremental, resumable after a kill, the same on Dask, readable back."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from conftest import DATA, PROJECT_ROOT
from nlp_pipeline.batch import report_from_store, run_batch
from nlp_pipeline.cli.main import app
from nlp_pipeline.errors import StoreError
from nlp_pipeline.pipeline import resolve_options
from nlp_pipeline.store import ResultStore

runner = CliRunner()
# Columns that say when and by which run a row was written, not what it holds.
VOLATILE = {
    "documents": ["run_id", "analysed_at", "seconds", "peak_memory_mb"],
    "failures": ["run_id", "failed_at"],
    "files": ["run_id"],
}
CONTENT_TABLES = ("files", "documents", "passages", "predictions", "assessments", "coverage", "milestones", "failures")


def make_corpus(folder: Path, copies: int = 3) -> Path:
    """The fixture documents plus copies with a small edit each (distinct documents), and one broken file."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("eurlex_act.html", "report_with_pages.md", "plain_report.txt", "two_column.pdf", "corrupt.pdf"):
        shutil.copy(DATA / name, folder / name)
    text = (DATA / "plain_report.txt").read_text()
    for n in range(copies):
        (folder / f"edited_{n}.txt").write_text(text + f"\n\nThe company shall publish supplier list number {n}.\n")
    return folder


def cues():
    taxonomy, classifier, _ = resolve_options(None, "cues", None)
    return taxonomy, classifier


def content(store_path: Path) -> dict[str, list[tuple]]:
    with ResultStore(store_path, read_only=True) as store:
        tables = {}
        for table in CONTENT_TABLES:
            dropped = VOLATILE.get(table)
            columns = f"* EXCLUDE ({', '.join(dropped)})" if dropped else "*"
            tables[table] = store.connection.execute(f"SELECT {columns} FROM {table} ORDER BY ALL").fetchall()
        return tables


@pytest.fixture(scope="module")
def first_run(tmp_path_factory):
    folder = make_corpus(tmp_path_factory.mktemp("corpus"))
    store = tmp_path_factory.mktemp("store") / "store.duckdb"
    taxonomy, classifier = cues()
    result = run_batch([folder], store, taxonomy, classifier, workers=2)
    return folder, store, result


def test_whether_a_batch_stores_every_document_and_records_the_failure_with_its_reason(first_run):
    folder, store, result = first_run
    assert result.progress.analysed == 7 and result.progress.failed == 1
    with ResultStore(store, read_only=True) as opened:
        (reason,) = opened.query("SELECT reason FROM failures")["reason"]
        assert "not a readable PDF" in reason
        counts = opened.query("SELECT (SELECT count(*) FROM documents) d, (SELECT count(*) FROM coverage) c").iloc[0]
        assert counts["d"] == 7 and counts["c"] == 7 * 38


def test_whether_a_rerun_with_nothing_changed_analyses_nothing_and_changes_no_row(first_run, tmp_path):
    folder, store, _ = first_run
    copy = tmp_path / "store.duckdb"
    shutil.copy(store, copy)
    taxonomy, classifier = cues()
    again = run_batch([folder], copy, taxonomy, classifier)
    assert (again.progress.analysed, again.progress.reclassified, again.progress.unchanged) == (0, 0, 7)
    assert again.progress.failed_before == 1
    assert content(copy) == content(store)


def test_whether_a_changed_taxonomy_reclassifies_stored_passages_without_reading_the_files(first_run, tmp_path,
                                                                                           monkeypatch):
    folder, store, _ = first_run
    raw = yaml.safe_load((PROJECT_ROOT / "taxonomies" / "roadmap.yaml").read_text())
    raw["targets"][0]["categories"][0]["cues"].append("supplier list")
    changed = tmp_path / "changed.yaml"
    changed.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False))
    taxonomy, classifier, _ = resolve_options(changed, "cues", None)
    copy = tmp_path / "store.duckdb"
    shutil.copy(store, copy)

    import nlp_pipeline.pipeline as pipeline

    def no_reading(*args, **kwargs):
        raise AssertionError("a stored document was read again")

    monkeypatch.setattr(pipeline, "read_document", no_reading)
    again = run_batch([folder], copy, taxonomy, classifier, workers=1)
    assert (again.progress.analysed, again.progress.reclassified) == (0, 7)
    monkeypatch.undo()
    fresh = tmp_path / "fresh.duckdb"
    run_batch([folder], fresh, taxonomy, classifier)
    ours, theirs = content(copy), content(fresh)
    for table in ("passages", "predictions", "assessments", "coverage", "milestones"):
        assert ours[table] == theirs[table], table
    with ResultStore(copy, read_only=True) as now, ResultStore(store, read_only=True) as before:
        versions = "SELECT DISTINCT analysis_version FROM documents"
        assert now.query(versions).values.tolist() != before.query(versions).values.tolist()


def test_whether_a_changed_file_replaces_only_its_own_rows(first_run, tmp_path):
    folder, store, _ = first_run
    corpus = tmp_path / "corpus"
    shutil.copytree(folder, corpus)
    copy = tmp_path / "store.duckdb"
    taxonomy, classifier = cues()
    run_batch([corpus], copy, taxonomy, classifier)
    with ResultStore(copy, read_only=True) as opened:
        before = opened.query("SELECT doc_id, path FROM documents ORDER BY path")
    edited = corpus / "edited_0.txt"
    edited.write_text(edited.read_text() + "\nThe company shall stop sourcing from unaudited smelters.\n")
    again = run_batch([corpus], copy, taxonomy, classifier)
    assert (again.progress.analysed, again.progress.unchanged) == (1, 6)
    with ResultStore(copy, read_only=True) as opened:
        after = opened.query("SELECT doc_id, path FROM documents ORDER BY path")
        orphans = opened.query("SELECT count(*) n FROM passages WHERE doc_id NOT IN (SELECT doc_id FROM documents)")
    changed = before.merge(after, on="path", suffixes=("_before", "_after"))
    assert (changed["doc_id_before"] != changed["doc_id_after"]).sum() == 1
    assert orphans["n"][0] == 0


def test_whether_a_failure_is_retried_when_its_limit_is_raised_or_when_asked(first_run, tmp_path):
    from nlp_pipeline.ingest import IngestLimits

    folder, store, _ = first_run
    copy = tmp_path / "store.duckdb"
    shutil.copy(store, copy)
    taxonomy, classifier = cues()
    assert run_batch([folder], copy, taxonomy, classifier).progress.failed_before == 1
    assert run_batch([folder], copy, taxonomy, classifier, retry_failed=True).progress.failed == 1
    raised = run_batch([folder], copy, taxonomy, classifier, limits=IngestLimits(max_pages=9_000))
    assert raised.progress.failed == 1  # tried again under the new limits (and still broken)


def test_whether_the_report_from_the_store_equals_the_analyze_output(first_run, tmp_path):
    folder, store, _ = first_run
    report_from_store(store, tmp_path / "from_store")
    result = runner.invoke(app, ["analyze", str(folder), "--out", str(tmp_path / "analyzed"), "--classifier",
                                 "cues", "--quiet"])
    assert result.exit_code == 1, result.output  # the broken PDF
    for name in ("coverage.csv", "milestones.csv", "gaps.csv", "passages.jsonl"):
        assert (tmp_path / "from_store" / name).read_bytes() == (tmp_path / "analyzed" / name).read_bytes(), name
    ours = json.loads((tmp_path / "from_store" / "results.json").read_text())
    theirs = json.loads((tmp_path / "analyzed" / "results.json").read_text())
    for key in ("taxonomy", "classifier", "documents", "coverage", "milestones", "gaps"):
        assert ours[key] == theirs[key], key
    assert [f["path"] for f in ours["failures"]] == [f["path"] for f in theirs["failures"]]


def test_whether_query_and_export_read_the_store(first_run, tmp_path):
    _, store, _ = first_run
    result = runner.invoke(app, ["query", str(store), "SELECT count(*) AS n FROM documents", "--csv"])
    assert result.exit_code == 0 and result.output.splitlines() == ["n", "7"]
    bad = runner.invoke(app, ["query", str(store), "SELECT * FROM nowhere"])
    assert bad.exit_code == 2 and "nowhere" in bad.output and "Traceback" not in bad.output
    for file_format in ("parquet", "csv"):
        out = tmp_path / file_format
        assert runner.invoke(app, ["export", str(store), "--out", str(out), "--format", file_format]).exit_code == 0
        assert (out / f"coverage.{file_format}").stat().st_size > 0
    import duckdb

    # Read back with DuckDB, which wrote it: pandas would need pyarrow, which the project does not install.
    parquet = (tmp_path / "parquet" / "coverage.parquet").as_posix().replace("'", "''")
    assert duckdb.sql(f"SELECT count(*) FROM read_parquet('{parquet}')").fetchall() == [(7 * 38,)]


def test_whether_a_second_writer_is_refused_with_a_clear_message(tmp_path):
    store = tmp_path / "store.duckdb"
    code = (f"from nlp_pipeline.store import ResultStore; import time; s = ResultStore({str(store)!r}); "
            "print('open', flush=True); time.sleep(30)")
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True,
                              env=dict(os.environ, PYTHONPATH=str(PROJECT_ROOT)))
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(StoreError, match="in use by another process"):
            ResultStore(store)
    finally:
        holder.kill()


@pytest.mark.slow
def test_whether_a_batch_killed_midway_resumes_to_the_store_of_an_uninterrupted_run(tmp_path):
    folder = make_corpus(tmp_path / "corpus", copies=10)
    taxonomy, classifier = cues()
    whole = tmp_path / "whole.duckdb"
    run_batch([folder], whole, taxonomy, classifier, workers=1)

    killed = tmp_path / "killed.duckdb"
    process = subprocess.Popen(
        [sys.executable, "-m", "nlp_pipeline.cli.main", "batch", str(folder), "--store", str(killed),
         "--classifier", "cues", "--workers", "1", "--log-json"],
        stderr=subprocess.PIPE, text=True, env=dict(os.environ, PYTHONPATH=str(PROJECT_ROOT)),
        start_new_session=True)
    analysed = 0
    deadline = time.monotonic() + 180
    while analysed < 3 and time.monotonic() < deadline:
        line = process.stderr.readline()
        if '"result": "analysed"' in line:
            analysed += 1
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert analysed == 3
    with ResultStore(killed, read_only=True) as opened:
        kept = opened.query("SELECT count(*) n FROM documents")["n"][0]
    assert 3 <= kept < 14

    resumed = run_batch([folder], killed, taxonomy, classifier, workers=1)
    assert resumed.progress.unchanged == kept and resumed.progress.analysed == 14 - kept
    assert content(killed) == content(whole)


@pytest.mark.slow
def test_whether_the_dask_engine_on_a_local_cluster_gives_the_same_store(first_run, tmp_path):
    pytest.importorskip("distributed", reason="dask.distributed is not installed (pip install '.[dask]')")
    folder, store, _ = first_run
    taxonomy, classifier = cues()
    on_dask = tmp_path / "dask.duckdb"
    run_batch([folder], on_dask, taxonomy, classifier, engine="dask", workers=1)
    assert content(on_dask) == content(store)
