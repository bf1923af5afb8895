"""The result store: a corpus's analyses in one DuckDB file, document by document.

    with ResultStore("resourcing.duckdb") as store:
        store.query("SELECT category_id, count(*) FROM coverage WHERE status <> 'absent' GROUP BY 1")

One writer at a time (DuckDB locks the file). Each finished document is
committed in one transaction with all its rows (document, passages,
predictions, assessments, coverage cells, milestone verdicts), so a crash or
a kill never leaves half a document, and a later run resumes from what is
there. Records are rebuilt from the rows exactly (see schema.py), which is
what `resourcing report STORE` writes its reports from.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from nlp_pipeline.errors import StoreError
from nlp_pipeline.records import (
    AnalysedPassage,
    Assessment,
    CategoryScore,
    ClassifierInfo,
    CoverageCell,
    Document,
    DocumentAnalysis,
    Failure,
    MilestoneCell,
    Passage,
    ScoreEvidence,
)
from nlp_pipeline.store.codec import decode, encode
from nlp_pipeline.store.schema import (
    ASSESSMENT_COLUMNS,
    COVERAGE_COLUMNS,
    DOCUMENT_COLUMNS,
    DOCUMENT_TABLES,
    EXPORT_ORDER,
    MILESTONE_COLUMNS,
    PASSAGE_COLUMNS,
    SCHEMA_VERSION,
    TABLES,
)
from nlp_pipeline.taxonomy import Taxonomy

__all__ = ["DEFAULT_STORE", "DocumentState", "ResultStore"]

DEFAULT_STORE = "resourcing.duckdb"


@dataclass(frozen=True)
class DocumentState:
    """What the store holds for one document id: the keys it was made with."""

    text_key: str
    analysis_version: str


@dataclass(frozen=True)
class FailureState:
    doc_id: str
    text_key: str
    analysis_version: str
    limits_key: str


class ResultStore:
    def __init__(self, path: str | Path = DEFAULT_STORE, read_only: bool = False):
        import duckdb

        self.path = Path(path)
        if read_only and not self.path.is_file():
            raise StoreError(f"{self.path}: no such store (run `resourcing batch ... --store {self.path}` first)")
        if not read_only and not self.path.absolute().parent.is_dir():
            raise StoreError(f"{self.path}: the folder it would go in does not exist")
        try:
            self.connection = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.IOException as error:
            message = str(error)
            if "lock" in message.lower():
                raise StoreError(f"{self.path}: in use by another process (a batch still running?); "
                                 "wait for it or stop it") from error
            raise StoreError(f"{self.path}: cannot be opened ({message.splitlines()[0]})") from error
        except duckdb.Error as error:
            raise StoreError(f"{self.path}: not a result store ({str(error).splitlines()[0]})") from error
        if not read_only:
            self._create()
        self._check_version()

    # -- lifecycle ---------------------------------------------------------------------------

    def __enter__(self) -> ResultStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.connection.close()

    def _create(self) -> None:
        for table, columns in TABLES.items():
            self.connection.execute(f"CREATE TABLE IF NOT EXISTS {table} ({columns})")
        self.connection.execute("INSERT OR IGNORE INTO store_info VALUES ('schema_version', ?)", [SCHEMA_VERSION])

    def _check_version(self) -> None:
        try:
            row = self.connection.execute("SELECT value FROM store_info WHERE key = 'schema_version'").fetchone()
        except Exception as error:  # noqa: BLE001 - any DuckDB file without our tables
            raise StoreError(f"{self.path}: not a result store (no store_info table)") from error
        if row is None or row[0] != SCHEMA_VERSION:
            found = row[0] if row else "none"
            raise StoreError(f"{self.path}: store schema {found}, this version reads {SCHEMA_VERSION}; "
                             "start a new store")

    # -- runs --------------------------------------------------------------------------------

    def begin_run(self, command: str, versions: Any, taxonomy: Taxonomy, classifier: ClassifierInfo,
                  parameters: dict[str, Any]) -> int:
        with self._transaction():
            # One writer at a time: a run still marked running was stopped.
            self.connection.execute("UPDATE runs SET status = 'stopped' WHERE status = 'running'")
            run_id = self.connection.execute("SELECT coalesce(max(run_id), 0) + 1 FROM runs").fetchone()[0]
            self.connection.execute(
                "INSERT INTO runs VALUES (?, ?, 'running', ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)",
                [run_id, command, _now(), versions.tool, versions.text, versions.analysis, taxonomy.meta.id,
                 taxonomy.meta.version, versions.taxonomy, classifier.name, classifier.fingerprint,
                 _json(parameters), _json(taxonomy.model_dump(mode="json")), _json(encode(classifier))],
            )
        return int(run_id)

    def finish_run(self, run_id: int, status: str, counts: dict[str, Any]) -> None:
        with self._transaction():
            self.connection.execute("UPDATE runs SET status = ?, finished_at = ?, counts = ? WHERE run_id = ?",
                                    [status, _now(), _json(counts), run_id])

    def latest_run(self) -> dict[str, Any] | None:
        frame = self.connection.execute(
            "SELECT * FROM runs WHERE command = 'batch' ORDER BY run_id DESC LIMIT 1").fetchdf()
        return None if frame.empty else frame.iloc[0].to_dict()

    def run_taxonomy(self, run: dict[str, Any]) -> Taxonomy:
        return Taxonomy.model_validate(json.loads(run["taxonomy"]))

    def run_classifier(self, run: dict[str, Any]) -> ClassifierInfo:
        return decode(ClassifierInfo, json.loads(run["classifier_info"]))

    # -- what is there -----------------------------------------------------------------------

    def document_state(self, doc_id: str) -> DocumentState | None:
        row = self.connection.execute("SELECT text_key, analysis_version FROM documents WHERE doc_id = ?",
                                      [doc_id]).fetchone()
        return DocumentState(*row) if row else None

    def failure_state(self, path: str) -> FailureState | None:
        row = self.connection.execute(
            "SELECT doc_id, text_key, analysis_version, limits_key FROM failures WHERE path = ?", [path]).fetchone()
        return FailureState(*row) if row else None

    def file_document(self, path: str) -> str | None:
        row = self.connection.execute("SELECT doc_id FROM files WHERE path = ?", [path]).fetchone()
        return row[0] if row else None

    # -- writing one document ----------------------------------------------------------------

    def commit_analysis(self, analysis: DocumentAnalysis, path: str, size: int, run_id: int, text_key: str,
                        analysis_version: str, seconds: dict[str, float] | None = None,
                        peak_memory_mb: float = 0.0) -> None:
        """Replace the document's rows with this analysis, in one transaction."""
        doc_id = analysis.doc_id
        rows = _analysis_rows(analysis)
        with self._transaction():
            self._delete_document(doc_id)
            document = rows.pop("documents")
            document.update(name=analysis.document.name, passages=analysis.passage_count, text_key=text_key,
                            analysis_version=analysis_version, run_id=run_id, analysed_at=_now(),
                            seconds=_json({k: round(v, 4) for k, v in (seconds or {}).items()}),
                            peak_memory_mb=round(peak_memory_mb, 1))
            self._insert("documents", [document])
            for table, table_rows in rows.items():
                self._insert(table, table_rows)
            self._point_file_at(path, doc_id, size, run_id)
            self.connection.execute("DELETE FROM failures WHERE path = ?", [path])

    def record_file(self, path: str, doc_id: str, size: int, run_id: int) -> None:
        """Note that `path` holds an already stored document (a copy, a moved file)."""
        with self._transaction():
            self._point_file_at(path, doc_id, size, run_id)
            self.connection.execute("DELETE FROM failures WHERE path = ?", [path])

    def commit_failure(self, failure: Failure, run_id: int, text_key: str, analysis_version: str,
                       limits_key: str) -> None:
        with self._transaction():
            self.connection.execute("DELETE FROM failures WHERE path = ?", [failure.path])
            self.connection.execute(
                "INSERT INTO failures VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [failure.path, failure.doc_id, failure.stage.value, failure.error_type, failure.reason,
                 failure.traceback, text_key, analysis_version, limits_key, run_id, _now()],
            )

    def _point_file_at(self, path: str, doc_id: str, size: int, run_id: int) -> None:
        previous = self.file_document(path)
        self.connection.execute("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?)", [path, doc_id, size, run_id])
        if previous and previous != doc_id:
            # The file changed: its old version goes unless another path still holds it.
            still = self.connection.execute("SELECT count(*) FROM files WHERE doc_id = ?", [previous]).fetchone()[0]
            if not still:
                self._delete_document(previous)

    def _delete_document(self, doc_id: str) -> None:
        for table in DOCUMENT_TABLES:
            self.connection.execute(f"DELETE FROM {table} WHERE doc_id = ?", [doc_id])

    def _insert(self, table: str, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        import pandas as pd

        columns = _columns(table)
        frame = pd.DataFrame({c: pd.Series([row.get(c) for row in rows], dtype=object) for c in columns})
        self.connection.register("incoming", frame)
        try:
            self.connection.execute(f"INSERT INTO {table} SELECT * FROM incoming")
        finally:
            self.connection.unregister("incoming")

    class _Transaction:
        def __init__(self, connection: Any):
            self.connection = connection

        def __enter__(self) -> None:
            self.connection.execute("BEGIN TRANSACTION")

        def __exit__(self, kind: object, error: object, trace: object) -> None:
            self.connection.execute("ROLLBACK" if kind else "COMMIT")

    def _transaction(self) -> ResultStore._Transaction:
        return ResultStore._Transaction(self.connection)

    # -- reading records back ----------------------------------------------------------------

    def document_ids(self, analysis_version: str | None = None) -> list[str]:
        """Stored documents in the order of their paths (as a folder run reads them), optionally of one version."""
        where, params = ("WHERE analysis_version = ?", [analysis_version]) if analysis_version else ("", [])
        rows = self.connection.execute(f"SELECT doc_id, path FROM documents {where}", params).fetchall()
        return [doc_id for doc_id, path in sorted(rows, key=lambda row: Path(row[1]).parts)]

    def document(self, doc_id: str) -> Document:
        frame = self.connection.execute("SELECT * FROM documents WHERE doc_id = ?", [doc_id]).fetchdf()
        if frame.empty:
            raise KeyError(doc_id)
        row = frame.iloc[0].to_dict()
        return decode(Document, _record(row, DOCUMENT_COLUMNS, blocks=[]))

    def analysis(self, doc_id: str) -> DocumentAnalysis:
        """The document's summary: metadata, cells with their evidence, passage count (no passages)."""
        document = self.document(doc_id)
        passages = self.connection.execute("SELECT passages FROM documents WHERE doc_id = ?", [doc_id]).fetchone()[0]
        coverage = tuple(
            decode(CoverageCell, _record(row, COVERAGE_COLUMNS, doc_id=doc_id))
            for row in self._rows("SELECT * FROM coverage WHERE doc_id = ? ORDER BY position", doc_id)
        )
        milestones = tuple(
            decode(MilestoneCell, _record(row, MILESTONE_COLUMNS, doc_id=doc_id))
            for row in self._rows("SELECT * FROM milestones WHERE doc_id = ? ORDER BY position", doc_id)
        )
        return DocumentAnalysis(document, (), coverage, milestones, passage_count=int(passages))

    def stored_passages(self, doc_id: str) -> tuple[Passage, ...]:
        return tuple(
            decode(Passage, _record(row, PASSAGE_COLUMNS, doc_id=doc_id))
            for row in self._rows("SELECT * FROM passages WHERE doc_id = ? ORDER BY seq", doc_id)
        )

    def passages(self, doc_id: str) -> tuple[AnalysedPassage, ...]:
        """The document's AnalysedPassages, as the analysis produced them."""
        scores: dict[int, list[CategoryScore]] = defaultdict(list)
        for row in self._rows("SELECT * FROM predictions WHERE doc_id = ? ORDER BY seq, rank", doc_id):
            evidence = decode(tuple[ScoreEvidence, ...], json.loads(row["evidence"]))
            scores[row["seq"]].append(CategoryScore(row["category_id"], float(row["score"]), bool(row["present"]),
                                                    evidence))
        assessments = {
            row["seq"]: decode(Assessment, _record(row, ASSESSMENT_COLUMNS, passage_id=row["passage_id"]))
            for row in self._rows("SELECT * FROM assessments WHERE doc_id = ?", doc_id)
        }
        return tuple(
            AnalysedPassage(passage, tuple(scores.get(seq, ())), assessments[seq])
            for seq, passage in enumerate(self.stored_passages(doc_id))
        )

    def full_analysis(self, doc_id: str) -> DocumentAnalysis:
        summary = self.analysis(doc_id)
        passages = self.passages(doc_id)
        return DocumentAnalysis(summary.document, passages, summary.coverage, summary.milestones)

    def failures(self) -> list[Failure]:
        return [
            Failure(row["path"], row["reason"], row["stage"], row["error_type"], row["traceback"] or "",
                    row["doc_id"] or "")
            for row in self._rows("SELECT * FROM failures ORDER BY path")
        ]

    def _rows(self, sql: str, *params: Any) -> Iterator[dict[str, Any]]:
        cursor = self.connection.execute(sql, list(params))
        names = [d[0] for d in cursor.description]
        for values in cursor.fetchall():
            yield dict(zip(names, values))

    # -- for researchers ---------------------------------------------------------------------

    def query(self, sql: str):
        """The result of any SQL over the store's tables, as a pandas DataFrame."""
        import duckdb

        try:
            return self.connection.execute(sql).fetchdf()
        except duckdb.Error as error:
            raise StoreError(f"{self.path}: {str(error).splitlines()[0]}") from error

    def tables(self) -> list[str]:
        return list(EXPORT_ORDER)

    def export_table(self, table: str, target: Path, file_format: str) -> None:
        """One table to a Parquet file (DuckDB writes it) or a CSV with formula-like cells neutralised."""
        order = EXPORT_ORDER[table]
        if file_format == "parquet":
            self.connection.execute(
                f"COPY (SELECT * FROM {table} ORDER BY {order}) TO '{_sql_path(target)}' (FORMAT parquet)")
            return
        from nlp_pipeline.report.tables import csv_text

        cursor = self.connection.execute(f"SELECT * FROM {table} ORDER BY {order}")
        with open(target, "w", encoding="utf-8", newline="") as stream:
            header = True
            while True:
                chunk = cursor.fetch_df_chunk()
                if chunk.empty and not header:
                    break
                text = csv_text(chunk)
                stream.write(text if header else text.split("\n", 1)[1])
                header = False
                if chunk.empty:
                    break


def _analysis_rows(analysis: DocumentAnalysis) -> dict[str, list[dict[str, Any]]]:
    doc_id = analysis.doc_id
    document = _row(encode(analysis.document), DOCUMENT_COLUMNS, drop=("blocks",))
    passages, predictions, assessments = [], [], []
    for seq, analysed in enumerate(analysis.passages):
        key = {"doc_id": doc_id, "seq": seq, "passage_id": analysed.id}
        passages.append({"doc_id": doc_id, "seq": seq,
                         **_row(encode(analysed.passage), PASSAGE_COLUMNS, drop=("doc_id",))})
        for rank, score in enumerate(analysed.scores):
            predictions.append({**key, "rank": rank, "category_id": score.category_id, "score": float(score.score),
                                "present": score.present, "evidence": _json(encode(score.evidence))})
        assessments.append({**key, "strength": analysed.strength,
                            **_row(encode(analysed.assessment), ASSESSMENT_COLUMNS, drop=("passage_id",))})
    coverage = [{"doc_id": doc_id, "position": n, **_row(encode(c), COVERAGE_COLUMNS, drop=("doc_id",))}
                for n, c in enumerate(analysis.coverage)]
    milestones = [{"doc_id": doc_id, "position": n, **_row(encode(m), MILESTONE_COLUMNS, drop=("doc_id",))}
                  for n, m in enumerate(analysis.milestones)]
    return {"documents": document, "passages": passages, "predictions": predictions, "assessments": assessments,
            "coverage": coverage, "milestones": milestones}


def _row(encoded: dict[str, Any], columns: dict[str, str], drop: tuple[str, ...] = ()) -> dict[str, Any]:
    row = {column: encoded.pop(name) for name, column in columns.items() if name in encoded}
    for name in drop:
        encoded.pop(name, None)
    row["extra"] = _json(encoded)
    return row


def _record(row: dict[str, Any], columns: dict[str, str], **fixed: Any) -> dict[str, Any]:
    """The encoded record behind a row: its columns under their field names, `extra`, and fixed fields."""
    record = json.loads(row["extra"]) if row.get("extra") else {}
    for name, column in columns.items():
        value = row[column]
        if hasattr(value, "tolist"):
            value = value.tolist()
        if isinstance(value, float) and value != value:  # NaN from a NULL in a float column
            value = None
        record[name] = value
    record.update(fixed)
    return record


def _columns(table: str) -> list[str]:
    import re

    definition = TABLES[table]
    return [part.strip().split()[0] for part in re.split(r",(?![^(]*\))", definition)
            if not part.strip().upper().startswith("PRIMARY KEY")]


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False, sort_keys=True)


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")
