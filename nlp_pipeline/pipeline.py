"""The analysis path, stage by stage: ingest, segment, classify, assess, aggregate.

This module only wires the stages; each stage is a pure function of its
inputs. A document is analysed on its own, start to finish, into one
DocumentAnalysis, so a corpus can be streamed one document at a time. A file
that cannot be read is recorded as a failure and the rest of the batch goes on.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from nlp_pipeline.aggregate import coverage_cells, milestone_cells
from nlp_pipeline.assess import assess_passages
from nlp_pipeline.classify.base import PassageClassifier, classifier_names, make_classifier
from nlp_pipeline.errors import InputError, UsageError
from nlp_pipeline.ingest import read_document, supported_extensions
from nlp_pipeline.ingest.corpus_notes import is_corpus_note
from nlp_pipeline.records import AnalysedPassage, ClassifierInfo, CoverageCell, Document, DocumentAnalysis, DocumentKind, MilestoneCell
from nlp_pipeline.segment import segment_document
from nlp_pipeline.taxonomy import Taxonomy, load_taxonomy

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Failure:
    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"

    def to_dict(self) -> dict[str, str]:
        return {"path": self.path, "reason": self.reason}


@dataclass
class StageTimer:
    """Seconds spent per stage, summed over documents."""

    seconds: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - started


@dataclass
class AnalysisResult:
    """A corpus run: one DocumentAnalysis per document read, and the files that failed."""

    taxonomy: Taxonomy
    classifier: ClassifierInfo
    analyses: list[DocumentAnalysis] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def documents(self) -> list[Document]:
        return [a.document for a in self.analyses]

    @property
    def passages(self) -> list[AnalysedPassage]:
        return [p for a in self.analyses for p in a.passages]

    @property
    def passage_count(self) -> int:
        return sum(len(a.passages) for a in self.analyses)

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


def expand_inputs(paths: Iterable[str | Path]) -> tuple[list[Path], list[Failure]]:
    """Files named directly, plus the supported corpus files found in folders (recursively)."""
    files: list[Path] = []
    failures: list[Failure] = []
    wanted = {"." + e for e in supported_extensions()}
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*")
                           if p.is_file() and p.suffix.lower() in wanted and not is_corpus_note(p, path))
            if not found:
                failures.append(Failure(str(path), "folder holds no supported files"))
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            failures.append(Failure(str(path), "file not found"))
    return list(dict.fromkeys(files)), failures


def analyse_document(document: Document, classifier: PassageClassifier, taxonomy: Taxonomy,
                     timer: StageTimer | None = None) -> DocumentAnalysis:
    """One document through segment, classify, assess and aggregate."""
    timer = timer or StageTimer()
    with timer.stage("segment"):
        passages = segment_document(document)
    with timer.stage("classify"):
        scores = classifier.classify(passages)
    with timer.stage("assess"):
        assessments = assess_passages(passages)
    analysed = tuple(AnalysedPassage(p, tuple(s), a) for p, s, a in zip(passages, scores, assessments))
    with timer.stage("aggregate"):
        cells = coverage_cells(document, analysed, taxonomy)
        return DocumentAnalysis(document, analysed, cells, milestone_cells(cells, taxonomy))


def iter_analyses(
    files: Sequence[Path],
    taxonomy: Taxonomy,
    classifier: PassageClassifier,
    kind: DocumentKind | None = None,
    progress: Progress | None = None,
    timer: StageTimer | None = None,
) -> Iterator[DocumentAnalysis | Failure]:
    """Each file's analysis, or its failure, as soon as it is done; the same bytes twice are analysed once."""
    timer = timer or StageTimer()
    seen: set[str] = set()
    for file in files:
        try:
            with timer.stage("ingest"):
                document = read_document(file)
        except InputError as error:
            if progress:
                progress(f"failed {error}")
            yield Failure(error.path, error.reason)
            continue
        if kind:
            document = replace(document, kind=kind)
        if document.id in seen:
            continue
        seen.add(document.id)
        analysis = analyse_document(document, classifier, taxonomy, timer)
        if progress:
            progress(f"read {file} ({document.page_count} pages, {len(analysis.passages)} passages)")
        yield analysis


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


def analyze(
    paths: Sequence[str | Path],
    taxonomy: Taxonomy | str | Path | None = None,
    classifier: str | PassageClassifier = "hybrid",
    kind: DocumentKind | str | None = None,
    progress: Progress | None = None,
) -> AnalysisResult:
    """Analyse files and folders; the public entry point for notebooks and the CLI."""
    taxonomy, classifier, kind = resolve_options(taxonomy, classifier, kind)
    files, failures = expand_inputs(paths)
    result = AnalysisResult(taxonomy=taxonomy, classifier=classifier.describe(), failures=failures)
    timer = StageTimer(result.timings)
    for outcome in iter_analyses(files, taxonomy, classifier, kind, progress, timer):
        if isinstance(outcome, Failure):
            result.failures.append(outcome)
        else:
            result.analyses.append(outcome)
    return result
