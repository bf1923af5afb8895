"""`resourcing batch`: a corpus analysed into a result store, incrementally and resumably.

For each file of the corpus the store is asked what it already holds:

- the same bytes, read with the same code and limits, analysed with the same
  taxonomy, model and code: nothing to do (the file's path is noted);
- the same text but another taxonomy, model or analysis code: the stored
  passages are classified, assessed and aggregated again, without reading
  the file;
- a failure met under the same versions and limits: left as recorded
  (`retry_failed` tries again);
- anything else: the file is read and analysed.

Work goes to a runner (local worker processes or a Dask cluster); each
finished document is committed at once in its own transaction, so a run
stopped by Ctrl-C, a kill or a crash resumes where it stopped when started
again.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from nlp_pipeline.classify.base import PassageClassifier
from nlp_pipeline.corpus import CorpusFile, plan_corpus
from nlp_pipeline.errors import RunInterrupted
from nlp_pipeline.ingest import IngestLimits
from nlp_pipeline.pipeline import DocumentTask, DocumentWorker, StoredText
from nlp_pipeline.records import DocumentAnalysis, DocumentKind, Failure, Skipped
from nlp_pipeline.report.run_manifest import tool_version
from nlp_pipeline.runner import Done, RunLimits, make_runner
from nlp_pipeline.store import ResultStore
from nlp_pipeline.store.versions import Versions, limits_key
from nlp_pipeline.taxonomy import Taxonomy


@dataclass
class BatchProgress:
    """Counts as a batch goes: what the progress display and the run record show."""

    total: int = 0
    to_analyse: int = 0
    done: int = 0
    analysed: int = 0
    reclassified: int = 0
    unchanged: int = 0
    failed_before: int = 0
    failed: int = 0
    pages: int = 0
    passages: int = 0
    started: float = field(default_factory=time.monotonic)
    peak_memory_mb: float = 0.0
    last: str = ""

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started

    @property
    def rate(self) -> float:
        """Documents per second over the work done so far."""
        return self.done / self.elapsed if self.elapsed > 0 else 0.0

    @property
    def seconds_left(self) -> float | None:
        if not self.done:
            return None
        return (self.to_analyse - self.done) / self.rate if self.rate else None

    def counts(self) -> dict[str, int | float]:
        return {"files": self.total, "analysed": self.analysed, "reclassified": self.reclassified,
                "unchanged": self.unchanged, "failed": self.failed, "failed_before": self.failed_before,
                "pages": self.pages, "passages": self.passages, "seconds": round(self.elapsed, 2),
                "peak_worker_memory_mb": round(self.peak_memory_mb, 1)}


@dataclass
class BatchResult:
    run_id: int
    progress: BatchProgress
    failures: list[Failure]
    skipped: list[Skipped]


Observer = Callable[[BatchProgress, "Done | None"], None]


@dataclass(frozen=True)
class _Plan:
    file: CorpusFile
    text_key: str
    reuse_text: bool


def run_batch(
    paths: Sequence[str | Path],
    store_path: str | Path,
    taxonomy: Taxonomy,
    classifier: PassageClassifier,
    *,
    kind: DocumentKind | None = None,
    limits: IngestLimits | None = None,
    run_limits: RunLimits | None = None,
    workers: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    manifest: str | Path | None = None,
    retry_failed: bool = False,
    observe: Observer | None = None,
) -> BatchResult:
    """Bring the store up to date with the corpus; returns the run's counts, failures and skipped files."""
    limits = limits or IngestLimits()
    run_limits = run_limits or RunLimits()
    info = classifier.describe()
    versions = Versions.of(tool_version(), taxonomy, info, limits)
    failed_under = limits_key(limits, run_limits)
    plan = plan_corpus(paths, manifest)
    runner = make_runner(engine, workers=workers, limits=run_limits, scheduler=scheduler)
    progress = BatchProgress(total=len(plan.files))
    failures = list(plan.failures)
    with ResultStore(store_path) as store:
        parameters = {"paths": [str(p) for p in paths], "engine": engine, "workers": workers, "kind": kind,
                      "limits": asdict(limits), "run_limits": asdict(run_limits), "retry_failed": retry_failed}
        run_id = store.begin_run("batch", versions, taxonomy, info, parameters)
        work = _triage(plan.files, store, versions, kind, failed_under, retry_failed, run_id, progress)
        progress.to_analyse = len(work)
        if observe:
            observe(progress, None)
        worker = DocumentWorker(taxonomy, info.name, limits, classifier)
        plans = {item.file.path: item for item in work}
        status = "failed"
        try:
            for done in runner.run(worker, _tasks(work, store, kind), ordered=False):
                item = plans.pop(done.task.path)
                _commit(store, done, item, run_id, versions, failed_under, progress, failures)
                if observe:
                    observe(progress, done)
            status = "complete"
        except KeyboardInterrupt as interrupt:
            status = "interrupted"
            raise RunInterrupted(
                f"interrupted: {progress.done} of {progress.to_analyse} documents were committed to {store_path}; "
                "run the same command again to continue") from interrupt
        finally:
            store.finish_run(run_id, status, progress.counts())
    return BatchResult(run_id, progress, failures, plan.skipped)


def _triage(files: list[CorpusFile], store: ResultStore, versions: Versions, kind: DocumentKind | None,
            failed_under: str, retry_failed: bool, run_id: int, progress: BatchProgress) -> list[_Plan]:
    """The files that need work, with whether their stored text can be reused; the rest are counted."""
    work = []
    for file in files:
        text_key = versions.text_key(file.metadata, kind)
        state = store.document_state(file.doc_id)
        if state and state.text_key == text_key and state.analysis_version == versions.analysis:
            if store.file_document(file.path) != file.doc_id:
                store.record_file(file.path, file.doc_id, file.size, run_id)
            progress.unchanged += 1
            continue
        if state and state.text_key == text_key:
            work.append(_Plan(file, text_key, reuse_text=True))
            continue
        failed = store.failure_state(file.path)
        if (failed and not retry_failed and failed.doc_id == file.doc_id and failed.text_key == text_key
                and failed.analysis_version == versions.analysis and failed.limits_key == failed_under):
            progress.failed_before += 1
            continue
        work.append(_Plan(file, text_key, reuse_text=False))
    return work


def _tasks(work: list[_Plan], store: ResultStore, kind: DocumentKind | None) -> Iterator[DocumentTask]:
    # Lazily: a reused text is loaded from the store only when a worker is free for it.
    for item in work:
        task = DocumentTask.of(item.file, kind)
        if item.reuse_text:
            stored = StoredText(store.document(item.file.doc_id), store.stored_passages(item.file.doc_id))
            task = DocumentTask(task.path, task.doc_id, task.kind, task.metadata, stored)
        yield task


def _commit(store: ResultStore, done: Done, item: _Plan, run_id: int, versions: Versions, failed_under: str,
            progress: BatchProgress, failures: list[Failure]) -> None:
    progress.done += 1
    progress.peak_memory_mb = max(progress.peak_memory_mb, done.peak_memory_mb)
    outcome = done.outcome
    if isinstance(outcome, DocumentAnalysis):
        store.commit_analysis(outcome, item.file.path, item.file.size, run_id, item.text_key, versions.analysis,
                              done.seconds, done.peak_memory_mb)
        if item.reuse_text:
            progress.reclassified += 1
        else:
            progress.analysed += 1
        progress.pages += outcome.document.page_count
        progress.passages += outcome.passage_count
        progress.last = outcome.document.name
    else:
        store.commit_failure(outcome, run_id, item.text_key, versions.analysis, failed_under)
        progress.failed += 1
        failures.append(outcome)
        progress.last = Path(outcome.path).name
