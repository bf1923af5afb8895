"""Reading a result store: the analyze reports from the store alone, and tables out for other tools."""

from __future__ import annotations

import logging
from pathlib import Path

from nlp_pipeline.errors import StoreError
from nlp_pipeline.pipeline import AnalysisResult
from nlp_pipeline.report import write_reports
from nlp_pipeline.report.base import staged_output
from nlp_pipeline.store import ResultStore

log = logging.getLogger("resourcing")
EXPORT_FORMATS = ("parquet", "csv")


def store_result(store: ResultStore) -> AnalysisResult:
    """The store's latest analysis as an AnalysisResult of document summaries, reading passages from the store.

    Documents analysed under another taxonomy, model or code version than the
    latest batch are left out, with a warning: a report mixes no versions.
    """
    run = store.latest_run()
    if run is None:
        raise StoreError(f"{store.path}: holds no batch run yet")
    current = store.document_ids(run["analysis_version"])
    stale = len(store.document_ids()) - len(current)
    if stale:
        log.warning("%s: %d document(s) were analysed with another taxonomy, model or code version and are left "
                    "out; run `resourcing batch` on them to bring them up to date", store.path, stale)
    result = AnalysisResult(taxonomy=store.run_taxonomy(run), classifier=store.run_classifier(run),
                            failures=store.failures(), passage_source=store)
    result.analyses.extend(store.analysis(doc_id) for doc_id in current)
    return result


def report_from_store(store_path: str | Path, out_dir: str | Path, formats: str | None = None,
                      overwrite: bool = False) -> AnalysisResult:
    """Write the reports `analyze` writes, from what the store holds."""
    with ResultStore(store_path, read_only=True) as store:
        result = store_result(store)
        write_reports(result, out_dir, formats, overwrite=overwrite)
    return result


def export_store(store_path: str | Path, out_dir: str | Path, file_format: str = "parquet",
                 overwrite: bool = False) -> list[Path]:
    """Every table of the store as one Parquet or CSV file each, into out_dir (all or nothing)."""
    if file_format not in EXPORT_FORMATS:
        raise StoreError(f"--format {file_format!r} is not an export format (choose {', '.join(EXPORT_FORMATS)})")
    out_dir = Path(out_dir)
    with ResultStore(store_path, read_only=True) as store:
        names = {table: f"{table}.{file_format}" for table in store.tables()}
        with staged_output(out_dir, list(names.values()), overwrite) as folder:
            for table, name in names.items():
                store.export_table(table, folder / name, file_format)
    return [out_dir / name for name in names.values()]
