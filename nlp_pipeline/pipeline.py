"""The analysis path, stage by stage: ingest, segment, classify, assess, aggregate.

This module only wires the stages; each stage is a pure function of its
inputs. A file that cannot be read is recorded as a failure and the rest of
the batch goes on.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from nlp_pipeline.aggregate import coverage_matrix, milestone_matrix
from nlp_pipeline.assess import assess_passages
from nlp_pipeline.classify.base import PassageClassifier, make_classifier
from nlp_pipeline.errors import InputError
from nlp_pipeline.ingest import read_document, supported_extensions
from nlp_pipeline.records import (
    Assessment,
    CategoryScore,
    CoverageCell,
    Document,
    DocumentKind,
    MilestoneCell,
    Passage,
)
from nlp_pipeline.segment import segment_document
from nlp_pipeline.taxonomy import Taxonomy, category_index, load_taxonomy, target_of

log = logging.getLogger(__name__)


@dataclass
class Failure:
    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


def reason_record(reason: str) -> dict[str, str]:
    """Split the assess stage's "rule_id: span" strings so rules can be counted."""
    rule, sep, span = reason.partition(": ")
    return {"rule": rule.strip(), "span": span if sep else ""}


@dataclass
class AnalysisResult:
    taxonomy: Taxonomy
    classifier: str
    documents: list[Document] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)
    scores: dict[str, list[CategoryScore]] = field(default_factory=dict)
    assessments: dict[str, Assessment] = field(default_factory=dict)
    coverage: list[CoverageCell] = field(default_factory=list)
    milestones: list[MilestoneCell] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    def document(self, doc_id: str) -> Document:
        return next(d for d in self.documents if d.id == doc_id)

    def passage_records(self) -> list[dict[str, Any]]:
        """One record per passage: where it is, what it is about and why (the passages.jsonl shape)."""
        names = {d.id: d.name for d in self.documents}
        records = []
        for passage in self.passages:
            scores = self.scores.get(passage.id, [])
            assessment = self.assessments.get(passage.id)
            records.append(
                {
                    "passage_id": passage.id,
                    "document": names.get(passage.doc_id, ""),
                    "doc_id": passage.doc_id,
                    "page": passage.pages,
                    "page_start": passage.page_start,
                    "page_end": passage.page_end,
                    "page_label": passage.page_label,
                    "page_label_end": passage.page_label_end,
                    "section": list(passage.section),
                    "heading": passage.heading,
                    "kind": passage.kind.value,
                    "role": passage.role,
                    "char_start": passage.char_start,
                    "char_end": passage.char_end,
                    "text": passage.text,
                    "cells": [list(row) for row in passage.cells],
                    "notes": list(passage.notes),
                    "categories": [
                        {"category_id": s.category_id, "score": round(float(s.score), 4), "evidence": list(s.evidence)}
                        for s in sorted(scores, key=lambda s: -s.score)
                        if s.present
                    ],
                    # The scale's 0 means "topic not addressed".
                    "strength": assessment.strength if assessment and any(s.present for s in scores) else 0,
                    "modality": assessment.modality if assessment else "",
                    "hedges": [h.to_dict() for h in assessment.hedges] if assessment else [],
                    "facts": [f.to_dict() for f in assessment.facts] if assessment else [],
                    "reasons": [reason_record(r) for r in assessment.reasons] if assessment else [],
                    "gap_flags": list(assessment.gap_flags) if assessment else [],
                }
            )
        return records

    def passages_frame(self) -> pd.DataFrame:
        rows = []
        for record in self.passage_records():
            present = record["categories"]
            rows.append(
                {
                    **{key: record[key] for key in ("passage_id", "document", "doc_id", "page", "page_label")},
                    "section": " > ".join(record["section"]),
                    "kind": record["kind"],
                    "role": record["role"],
                    "categories": [c["category_id"] for c in present],
                    "scores": {c["category_id"]: c["score"] for c in present},
                    **{key: record[key] for key in ("strength", "modality", "gap_flags", "text")},
                }
            )
        return pd.DataFrame(rows)

    def coverage_frame(self) -> pd.DataFrame:
        names = {d.id: d.name for d in self.documents}
        index = category_index(self.taxonomy)
        targets = target_of(self.taxonomy)
        rows = []
        for cell in self.coverage:
            top = cell.evidence[0] if cell.evidence else None
            rows.append(
                {
                    "document": names[cell.doc_id],
                    "doc_id": cell.doc_id,
                    "target": targets[cell.category_id],
                    "category_id": cell.category_id,
                    "category": index[cell.category_id].label,
                    "status": cell.status.value,
                    "strength": cell.strength,
                    "supporting_passages": cell.passage_count,
                    "best_score": round(cell.best_score, 4),
                    "top_evidence_pages": "; ".join(dict.fromkeys(e.page for e in cell.evidence)),
                    "top_passage_id": top.passage_id if top else "",
                    "top_section": top.section if top else "",
                    "top_quote": top.quote[:300] if top else "",
                    "gap_flags": ";".join(cell.gap_flags),
                    "rules": "; ".join(top.rules) if top else "",
                }
            )
        return pd.DataFrame(rows)

    def milestones_frame(self) -> pd.DataFrame:
        names = {d.id: d.name for d in self.documents}
        return pd.DataFrame(
            [
                {
                    "document": names[m.doc_id],
                    "doc_id": m.doc_id,
                    "milestone_id": m.milestone_id,
                    "category_id": m.category_id,
                    "year": m.year,
                    "expected_strength": m.expected,
                    "observed_strength": m.observed,
                    "verdict": m.verdict,
                    "provenance": m.provenance,
                    "evidence": "; ".join(f"{e.passage_id} (p. {e.page}, {e.section})" for e in m.evidence),
                }
                for m in self.milestones
            ]
        )

    def gaps_frame(self) -> pd.DataFrame:
        frame = self.coverage_frame()
        rows = []
        for record in frame.to_dict("records"):
            flags = [f for f in record["gap_flags"].split(";") if f]
            if record["status"] == "absent":
                flags = ["absent"]
            for flag in flags:
                rows.append(
                    {
                        "document": record["document"],
                        "category_id": record["category_id"],
                        "gap": flag,
                        "status": record["status"],
                        "strength": record["strength"],
                        "evidence_passage_id": record["top_passage_id"],
                        "evidence_pages": record["top_evidence_pages"],
                        "evidence_section": record["top_section"],
                    }
                )
        return pd.DataFrame(rows, columns=["document", "category_id", "gap", "status", "strength",
                                           "evidence_passage_id", "evidence_pages", "evidence_section"])


def expand_inputs(paths: Iterable[str | Path]) -> tuple[list[Path], list[Failure]]:
    """Files named directly, plus supported files found in folders (recursively)."""
    files: list[Path] = []
    failures: list[Failure] = []
    wanted = {"." + e for e in supported_extensions()}
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in wanted)
            if not found:
                failures.append(Failure(str(path), "folder holds no supported files"))
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            failures.append(Failure(str(path), "file not found"))
    return list(dict.fromkeys(files)), failures


def analyze(
    paths: Sequence[str | Path],
    taxonomy: Taxonomy | str | Path | None = None,
    classifier: str | PassageClassifier = "hybrid",
    kind: DocumentKind | str | None = None,
    progress: Callable[[str], None] | None = None,
) -> AnalysisResult:
    """Analyse files and folders; the public entry point for notebooks and the CLI."""
    if not isinstance(taxonomy, Taxonomy):
        taxonomy = load_taxonomy(taxonomy)
    if isinstance(classifier, str):
        classifier = make_classifier(classifier, taxonomy)
    result = AnalysisResult(taxonomy=taxonomy, classifier=classifier.name)
    files, result.failures = expand_inputs(paths)
    started = time.perf_counter()
    for file in files:
        try:
            document = read_document(file)
        except InputError as error:
            result.failures.append(Failure(error.path, error.reason))
            if progress:
                progress(f"failed {error}")
            continue
        if kind:
            document = _with_kind(document, DocumentKind(kind))
        if any(d.id == document.id for d in result.documents):
            continue  # the same bytes under two names: analyse once
        result.documents.append(document)
        passages = segment_document(document)
        result.passages.extend(passages)
        if progress:
            progress(f"read {file} ({document.page_count} pages, {len(passages)} passages)")
    result.timings["ingest_segment"] = time.perf_counter() - started

    started = time.perf_counter()
    for passage, row in zip(result.passages, classifier.classify(result.passages)):
        result.scores[passage.id] = row
    result.timings["classify"] = time.perf_counter() - started

    started = time.perf_counter()
    for passage, assessment in zip(result.passages, assess_passages(result.passages)):
        result.assessments[passage.id] = assessment
    result.timings["assess"] = time.perf_counter() - started

    result.coverage = coverage_matrix(result.documents, result.passages, result.scores, result.assessments, taxonomy)
    result.milestones = milestone_matrix(result.coverage, taxonomy)
    return result


def _with_kind(document: Document, kind: DocumentKind) -> Document:
    from dataclasses import replace

    return replace(document, kind=kind)
