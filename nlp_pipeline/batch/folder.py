"""`resourcing analyze`: a corpus streamed into an output folder, one document at a time."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import asdict, replace
from datetime import datetime, timezone
from pathlib import Path

from nlp_pipeline.classify.base import PassageClassifier
from nlp_pipeline.errors import RunInterrupted
from nlp_pipeline.ingest import IngestLimits
from nlp_pipeline.ingest.background import DocumentReading, read_in_background
from nlp_pipeline.pipeline import AnalysisResult, StageTimer, iter_corpus
from nlp_pipeline.records import Document, DocumentAnalysis, DocumentKind, Failure
from nlp_pipeline.report import planned_files, write_streamed
from nlp_pipeline.report.base import check_output_folder
from nlp_pipeline.runner import RunLimits
from nlp_pipeline.taxonomy import Taxonomy

log = logging.getLogger("resourcing")


def analyze_to_folder(
    paths: Sequence[str | Path],
    out_dir: str | Path,
    taxonomy: Taxonomy,
    classifier: PassageClassifier,
    *,
    kind: DocumentKind | None = None,
    taxonomy_path: str | Path | None = None,
    limits: IngestLimits | None = None,
    run_limits: RunLimits | None = None,
    workers: int = 1,
    manifest: str | Path | None = None,
    overwrite: bool = False,
    formats: str | None = None,
    progress: Callable[[str], None] | None = None,
    on_analysis: Callable[[DocumentAnalysis], None] | None = None,
) -> AnalysisResult:
    """Analyse files and folders into out_dir; the result holds each document's summary, failures and skips.

    The folder is checked before any file is read; it appears, complete, only
    when the run is; Ctrl-C leaves it as it was and raises RunInterrupted.
    `on_analysis` sees each document's whole analysis before only its
    summary is kept (`check` prints from it).
    """
    started_at = datetime.now(timezone.utc)
    limits = limits or IngestLimits()
    run_limits = run_limits or RunLimits()
    out_dir = Path(out_dir)
    check_output_folder(out_dir, planned_files(formats), overwrite)
    result = AnalysisResult(taxonomy=taxonomy, classifier=classifier.describe())
    result.limits = {**asdict(limits), **asdict(run_limits), "workers": workers}
    timer = StageTimer(result.timings)
    failures, skipped, outcomes = iter_corpus(paths, taxonomy, classifier, kind, limits=limits,
                                              run_limits=run_limits, workers=workers, manifest=manifest,
                                              progress=progress, timer=timer)
    result.failures.extend(failures)
    result.skipped.extend(skipped)
    try:
        write_streamed(result, outcomes, out_dir, formats, overwrite=overwrite, started_at=started_at,
                       taxonomy_path=taxonomy_path, on_outcome=_each_outcome(on_analysis))
    except KeyboardInterrupt as interrupt:
        kept = "the earlier run there is untouched" if (out_dir / "run.json").exists() else "nothing was written"
        raise RunInterrupted(f"interrupted: {out_dir}: {kept}") from interrupt
    for failure in failures:
        log_failure(failure)
    return result


def _each_outcome(on_analysis: Callable[[DocumentAnalysis], None] | None
                  ) -> Callable[[DocumentAnalysis | Failure], None]:
    def handle(outcome: DocumentAnalysis | Failure) -> None:
        log_failure(outcome)
        if on_analysis is not None and isinstance(outcome, DocumentAnalysis):
            on_analysis(outcome)

    return handle


def log_failure(outcome: DocumentAnalysis | Failure) -> None:
    """A failure as a log record: one line on the terminal, everything (traceback too) in the JSON log."""
    if isinstance(outcome, Failure):
        log.info("failed %s", outcome, extra={"failure": outcome.to_log()})


def check_document(
    source: str | Path | DocumentReading,
    out_dir: str | Path,
    taxonomy: Taxonomy,
    classifier_name: str = "hybrid",
    *,
    kind: DocumentKind | None = None,
    taxonomy_path: str | Path | None = None,
    limits: IngestLimits | None = None,
    overwrite: bool = False,
    formats: str | None = None,
    on_read: Callable[[Document], None] | None = None,
) -> tuple[AnalysisResult, DocumentAnalysis]:
    """One document for `check`: refused at once if bad, read while the models load, analysed here.

    `source` is a path, or a reading already started (ingest.read_in_background,
    which `check` starts before it imports anything heavy). The file is
    admitted before anything slow: a missing, unsupported, empty or corrupt
    file raises InputError, and an unusable folder OutputError, before the
    classifier is loaded. A document that fails only once read (no text
    layer, a decompression bomb) raises InputError when its reading ends.
    """
    from nlp_pipeline.pipeline import analyse_document, resolve_options

    started_at = datetime.now(timezone.utc)
    out_dir = Path(out_dir)
    timer = StageTimer()
    reading = source if isinstance(source, DocumentReading) else read_in_background(source, limits or IngestLimits())
    try:
        check_output_folder(out_dir, planned_files(formats), overwrite)
        taxonomy, classifier, kind = resolve_options(taxonomy, classifier_name, kind)
        document = reading.result()
    except BaseException:
        reading.cancel()
        raise
    timer.add({"ingest": reading.seconds})
    if on_read:
        on_read(document)
    if kind:
        document = replace(document, kind=kind)
    analysis = analyse_document(document, classifier, taxonomy, timer)
    result = AnalysisResult(taxonomy=taxonomy, classifier=classifier.describe())
    result.timings.update(timer.seconds)
    write_streamed(result, [analysis], out_dir, formats, overwrite=overwrite, started_at=started_at,
                   taxonomy_path=taxonomy_path)
    return result, analysis
