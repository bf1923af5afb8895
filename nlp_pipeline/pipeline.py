"""The analysis path, stage by stage: ingest, segment, classify, assess, aggregate.

This module only wires the stages; each stage is a pure function of its
inputs. The unit of work is one file: `analyse_file` takes it from bytes to a
DocumentAnalysis, or to a Failure that names the stage, the error and the
reason, whatever goes wrong inside, so one bad file never stops a corpus.
`DocumentWorker` packs that unit with what it needs (taxonomy, classifier
name, limits) so that a runner (runner/) can execute it here, in worker
processes with time and memory limits, or on a Dask cluster, all alike.
"""

from __future__ import annotations

import hashlib
import json
import time
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol

from nlp_pipeline.aggregate import DocumentReading, coverage_cells, milestone_cells
from nlp_pipeline.aggregate.anchors import anchored_topics
from nlp_pipeline.aggregate.duty_topics import with_duty_topics
from nlp_pipeline.aggregate.section_support import with_section_support
from nlp_pipeline.assess import assess_passages
from nlp_pipeline.classify.base import PassageClassifier, classifier_names, make_classifier
from nlp_pipeline.corpus import CorpusFile, DocumentMetadata, plan_corpus
from nlp_pipeline.errors import InputError, UsageError
from nlp_pipeline.ingest import IngestLimits, read_document
from nlp_pipeline.metadata import with_detected_metadata
from nlp_pipeline.records import (
    AnalysedPassage,
    ClassifierInfo,
    CoverageCell,
    Document,
    DocumentAnalysis,
    DocumentKind,
    Failure,
    MilestoneCell,
    Passage,
    Skipped,
    Stage,
)
from nlp_pipeline.runner import RunLimits, Runner, make_runner
from nlp_pipeline.segment import segment_document
from nlp_pipeline.taxonomy import Taxonomy, load_taxonomy

__all__ = [
    "AnalysisResult", "DocumentTask", "DocumentWorker", "Failure", "analyse_document", "analyse_file", "analyze",
    "iter_analyses", "resolve_options",
]

Progress = Callable[[str], None]
Outcome = DocumentAnalysis | Failure


@dataclass
class StageTimer:
    """Seconds spent per stage, summed over documents, and the stage running now."""

    seconds: dict[str, float] = field(default_factory=dict)
    on_stage: Callable[[str], None] | None = None
    current: Stage = Stage.INGEST

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        self.current = Stage(name)
        if self.on_stage:
            self.on_stage(name)
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - started

    def add(self, seconds: dict[str, float]) -> None:
        for name, value in seconds.items():
            self.seconds[name] = self.seconds.get(name, 0.0) + value


# -- one document -------------------------------------------------------------------------


@dataclass(frozen=True)
class StoredText:
    """A document read and segmented by an earlier run: re-classified without reading the file again."""

    document: Document  # without its blocks
    passages: tuple[Passage, ...]


@dataclass(frozen=True)
class DocumentTask:
    """One file to analyse, with what the run knows of it before reading it."""

    path: str
    doc_id: str = ""
    kind: DocumentKind | None = None  # --kind, which overrides detection and the manifest
    metadata: DocumentMetadata = DocumentMetadata()
    stored: StoredText | None = None

    @classmethod
    def of(cls, file: CorpusFile, kind: DocumentKind | None = None) -> DocumentTask:
        return cls(file.path, file.doc_id, kind, file.metadata)


def analyse_document(document: Document, classifier: PassageClassifier, taxonomy: Taxonomy,
                     timer: StageTimer | None = None) -> DocumentAnalysis:
    """One document through segment, classify, assess and aggregate."""
    timer = timer or StageTimer()
    with timer.stage("segment"):
        passages = segment_document(document)
    return analyse_passages(document, passages, classifier, taxonomy, timer)


def analyse_passages(document: Document, passages: Sequence[Passage], classifier: PassageClassifier,
                     taxonomy: Taxonomy, timer: StageTimer | None = None) -> DocumentAnalysis:
    """A document's passages through classify, assess and aggregate."""
    timer = timer or StageTimer()
    with timer.stage("classify"):
        scores = classifier.classify(passages)
    with timer.stage("assess"):
        assessments = assess_passages(passages)
    analysed = tuple(AnalysedPassage(p, tuple(s), a) for p, s, a in zip(passages, scores, assessments))
    with timer.stage("aggregate"):
        # A duty can address a category by what it requires before the classifier would say so.
        analysed = with_section_support(anchored_topics(with_duty_topics(analysed, taxonomy), taxonomy))
        reading = DocumentReading.of(analysed, document)
        cells = coverage_cells(document, analysed, taxonomy, reading=reading)
        return DocumentAnalysis(document, analysed, cells, milestone_cells(cells, taxonomy, analysed, reading))


def analyse_file(task: DocumentTask, classifier: PassageClassifier, taxonomy: Taxonomy,
                 limits: IngestLimits | None = None, timer: StageTimer | None = None) -> Outcome:
    """The unit of work: one file to its DocumentAnalysis, or to the Failure that says where and why it stopped.

    An InputError is the file's fault and keeps its one-line reason; running
    out of memory names the limit; any other exception is a bug, recorded
    with its traceback, and never stops the rest of a corpus.
    """
    timer = timer or StageTimer()
    try:
        if task.stored is not None:
            document = _with_task_metadata(task.stored.document, task, detect=False)
            return analyse_passages(document, task.stored.passages, classifier, taxonomy, timer)
        with timer.stage("ingest"):
            document = _with_task_metadata(read_document(task.path, limits), task)
        return analyse_document(document, classifier, taxonomy, timer)
    except InputError as error:
        return Failure(task.path, error.reason, timer.current, type(error).__name__, doc_id=task.doc_id)
    except MemoryError:
        return Failure(task.path, f"ran out of memory while in {timer.current} (raise the limit with --max-memory)",
                       timer.current, "MemoryError", doc_id=task.doc_id)
    except RecursionError as error:
        return Failure(task.path, f"too deeply nested to analyse while in {timer.current} ({error})",
                       timer.current, "RecursionError", doc_id=task.doc_id)
    except Exception as error:  # noqa: BLE001 - one document's bug must not stop a corpus; it is recorded
        message = " ".join(str(error).split())[:300]
        return Failure(
            task.path,
            f"{type(error).__name__} while in {timer.current}: {message} (a bug; --debug shows the traceback)",
            timer.current, type(error).__name__, traceback.format_exc(), task.doc_id,
        )


def _with_task_metadata(document: Document, task: DocumentTask, detect: bool = True) -> Document:
    overrides = task.metadata.overrides()
    if task.kind is not None:
        overrides["kind"] = task.kind
    if not detect:
        return replace(document, **overrides) if overrides else document
    return with_detected_metadata(document, overrides)


# Classifiers built in this process, by what they were built from: a worker
# process builds its classifier once and reuses it for every document.
_PROCESS_CLASSIFIERS: dict[str, PassageClassifier] = {}


@dataclass
class DocumentWorker:
    """The unit of work with what it needs, as a runner hands it to a process: `worker(task, on_stage)`.

    A classifier given as an object is used as it is in this process and in
    forked workers; a process that receives the worker by pickling (spawned
    workers, a Dask cluster) builds its own from the classifier's name.
    """

    taxonomy: Taxonomy
    classifier_name: str
    limits: IngestLimits = field(default_factory=IngestLimits)
    classifier: PassageClassifier | None = None

    def __post_init__(self) -> None:
        canonical = json.dumps(self.taxonomy.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
        self.key = hashlib.sha256(f"{self.classifier_name}\n{canonical}".encode()).hexdigest()
        if self.classifier is not None:
            _PROCESS_CLASSIFIERS.setdefault(self.key, self.classifier)

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state["classifier"] = None
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)

    def prepare(self) -> None:
        """Build the classifier now: a worker process does so before it takes its first document."""
        self.loaded_classifier()

    def loaded_classifier(self) -> PassageClassifier:
        if self.classifier is None:
            if self.key not in _PROCESS_CLASSIFIERS:
                _PROCESS_CLASSIFIERS[self.key] = make_classifier(self.classifier_name, self.taxonomy)
            self.classifier = _PROCESS_CLASSIFIERS[self.key]
        return self.classifier

    def __call__(self, task: DocumentTask, on_stage: Callable[[str], None] | None = None
                 ) -> tuple[Outcome, dict[str, float]]:
        timer = StageTimer(on_stage=on_stage)
        try:
            classifier = self.loaded_classifier()
        except Exception as error:  # noqa: BLE001 - reported per document, like any other stage
            return Failure(task.path, f"the classifier could not be loaded: {error}", Stage.CLASSIFY,
                           type(error).__name__, traceback.format_exc(), task.doc_id), {}
        return analyse_file(task, classifier, self.taxonomy, self.limits, timer), timer.seconds


# -- a corpus -----------------------------------------------------------------------------


class PassageSource(Protocol):
    """Where a run keeps the passages of the documents it summarised (a spool file, the store)."""

    def passages(self, doc_id: str) -> tuple[AnalysedPassage, ...]: ...


@dataclass
class AnalysisResult:
    """A corpus run: one DocumentAnalysis per document read, the files that failed, and those left out.

    A long run keeps each document's summary (cells, evidence, metadata) and
    leaves its passages in `passage_source`; `iter_passages` reads them back
    one document at a time, so writers never hold the corpus's text at once.
    """

    taxonomy: Taxonomy
    classifier: ClassifierInfo
    analyses: list[DocumentAnalysis] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    skipped: list[Skipped] = field(default_factory=list)
    passage_source: PassageSource | None = None
    limits: dict[str, object] = field(default_factory=dict)  # the limits the run applied, for run.json

    @property
    def documents(self) -> list[Document]:
        return [a.document for a in self.analyses]

    def passages_of(self, analysis: DocumentAnalysis) -> tuple[AnalysedPassage, ...]:
        if analysis.passages or not analysis.passage_count:
            return analysis.passages
        if self.passage_source is None:
            raise ValueError(f"the passages of {analysis.document.name} were not kept")
        return self.passage_source.passages(analysis.doc_id)

    def iter_passages(self) -> Iterator[tuple[DocumentAnalysis, AnalysedPassage]]:
        """Every passage with its document's analysis, document by document."""
        for analysis in self.analyses:
            for passage in self.passages_of(analysis):
                yield analysis, passage

    @property
    def passages(self) -> list[AnalysedPassage]:
        return [p for _, p in self.iter_passages()]

    @property
    def passage_count(self) -> int:
        return sum(a.passage_count for a in self.analyses)

    @property
    def coverage(self) -> list[CoverageCell]:
        return [c for a in self.analyses for c in a.coverage]

    @property
    def milestones(self) -> list[MilestoneCell]:
        return [m for a in self.analyses for m in a.milestones]

    def analysis(self, doc_id: str) -> DocumentAnalysis:
        return next(a for a in self.analyses if a.document.id == doc_id)

    def document(self, doc_id: str) -> Document:
        return self.analysis(doc_id).document


def iter_analyses(
    files: Sequence[Path | str | CorpusFile],
    taxonomy: Taxonomy,
    classifier: PassageClassifier,
    kind: DocumentKind | None = None,
    progress: Progress | None = None,
    timer: StageTimer | None = None,
    *,
    limits: IngestLimits | None = None,
    runner: Runner | None = None,
) -> Iterator[Outcome]:
    """Each file's analysis, or its failure, in the order given, as soon as it is done.

    Runs in this process unless a runner is given (see runner/); either way the
    same work unit analyses each file.
    """
    timer = timer or StageTimer()
    worker = DocumentWorker(taxonomy, classifier.name, limits or IngestLimits(), classifier)
    tasks = (DocumentTask.of(f, kind) if isinstance(f, CorpusFile) else DocumentTask(str(f), kind=kind) for f in files)
    for done in (runner or make_runner("serial")).run(worker, tasks, ordered=True):
        timer.add(done.seconds)
        if progress:
            progress(_progress_line(done.outcome))
        yield done.outcome


def _progress_line(outcome: Outcome) -> str:
    if isinstance(outcome, Failure):
        return f"failed {outcome}"
    return (f"read {outcome.document.path} ({outcome.document.page_count} pages, "
            f"{outcome.passage_count} passages)")


def resolve_options(
    taxonomy: Taxonomy | str | Path | None,
    classifier: str | PassageClassifier,
    kind: DocumentKind | str | None,
) -> tuple[Taxonomy, PassageClassifier, DocumentKind | None]:
    """Load what the options name, refusing an unknown classifier or kind before any work is done."""
    if kind is not None and not isinstance(kind, DocumentKind):
        allowed = [k.value for k in DocumentKind if k is not DocumentKind.UNKNOWN]
        if kind not in allowed:
            raise UsageError(f"--kind {kind!r} is not a document kind (choose {', '.join(allowed)})")
        kind = DocumentKind(kind)
    if isinstance(classifier, str) and classifier not in classifier_names():
        raise UsageError(f"--classifier {classifier!r} is unknown (choose {', '.join(classifier_names())})")
    if not isinstance(taxonomy, Taxonomy):
        taxonomy = load_taxonomy(taxonomy)
    if isinstance(classifier, str):
        classifier = make_classifier(classifier, taxonomy)
    return taxonomy, classifier, kind


def iter_corpus(
    paths: Iterable[str | Path],
    taxonomy: Taxonomy,
    classifier: PassageClassifier,
    kind: DocumentKind | None = None,
    *,
    limits: IngestLimits | None = None,
    run_limits: RunLimits | None = None,
    workers: int = 0,
    manifest: str | Path | None = None,
    progress: Progress | None = None,
    timer: StageTimer | None = None,
) -> tuple[list[Failure], list[Skipped], Iterator[Outcome]]:
    """Plan a corpus (raising UsageError if nothing can be analysed), then stream its outcomes.

    workers=0 analyses in this process (time limit only); workers>=1 in that
    many worker processes, each document under the time and memory limits.
    """
    plan = plan_corpus(paths, manifest)
    runner = make_runner("local" if workers else "serial", workers=workers, limits=run_limits or RunLimits())
    outcomes = iter_analyses(plan.files, taxonomy, classifier, kind, progress, timer, limits=limits, runner=runner)
    return plan.failures, plan.skipped, outcomes


def analyze(
    paths: Sequence[str | Path],
    taxonomy: Taxonomy | str | Path | None = None,
    classifier: str | PassageClassifier = "hybrid",
    kind: DocumentKind | str | None = None,
    progress: Progress | None = None,
    *,
    limits: IngestLimits | None = None,
    run_limits: RunLimits | None = None,
    workers: int = 0,
    manifest: str | Path | None = None,
) -> AnalysisResult:
    """Analyse files and folders into memory; the entry point for notebooks (the CLI streams to a folder).

    Every analysis is kept whole, passages included: for corpora too large for
    that, use `resourcing analyze --out` (streamed) or `resourcing batch` (a store).
    """
    taxonomy, classifier, kind = resolve_options(taxonomy, classifier, kind)
    result = AnalysisResult(taxonomy=taxonomy, classifier=classifier.describe())
    timer = StageTimer(result.timings)
    failures, skipped, outcomes = iter_corpus(paths, taxonomy, classifier, kind, limits=limits,
                                              run_limits=run_limits, workers=workers, manifest=manifest,
                                              progress=progress, timer=timer)
    result.failures.extend(failures)
    result.skipped.extend(skipped)
    for outcome in outcomes:
        if isinstance(outcome, Failure):
            result.failures.append(outcome)
        else:
            result.analyses.append(outcome)
    return result
