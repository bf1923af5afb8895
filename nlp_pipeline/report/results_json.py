"""results.json: the documents, their cells and the failures in one file.

The records themselves, serialised: every coverage cell with all its evidence
passages (the CSV keeps only the top one), every milestone verdict with its
evidence, the gap rows and the failures, for programs that want the whole
picture.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nlp_pipeline.report.base import ReportContext, atomic_path, register_format
from nlp_pipeline.report.tables import gap_rows
from nlp_pipeline.taxonomy import category_index, target_of

if TYPE_CHECKING:
    from nlp_pipeline.pipeline import AnalysisResult

RESULTS_FILE = "results.json"


def _coverage_rows(result: AnalysisResult, analysis) -> Iterator[dict[str, Any]]:
    index = category_index(result.taxonomy)
    targets = target_of(result.taxonomy)
    name = analysis.document.name
    for cell in analysis.coverage:
        category = index[cell.category_id]
        yield {"document": name, "target": targets[cell.category_id], "category": category.label,
               "roadmap_gap": category.roadmap_gap, **cell.to_dict()}


def _milestone_rows(analysis) -> Iterator[dict[str, Any]]:
    name = analysis.document.name
    for m in analysis.milestones:
        yield {"document": name, **m.to_dict()}


def _sections(result: AnalysisResult) -> dict[str, Callable[[], Iterable[Any]]]:
    """The file's top-level keys, each with how to produce its items, document by document."""
    return {
        "documents": lambda: (d.metadata() for d in result.documents),
        "coverage": lambda: (row for a in result.analyses for row in _coverage_rows(result, a)),
        "milestones": lambda: (row for a in result.analyses for row in _milestone_rows(a)),
        "gaps": lambda: gap_rows(result),
        "failures": lambda: (f.to_dict() for f in result.failures),
        "skipped": lambda: (s.to_dict() for s in result.skipped),
    }


def _header(result: AnalysisResult) -> dict[str, Any]:
    return {"taxonomy": {"id": result.taxonomy.meta.id, "version": result.taxonomy.meta.version},
            "classifier": result.classifier.to_dict()}


def results_document(result: AnalysisResult) -> dict[str, Any]:
    """The whole file as one dict (for notebooks and tests; the writer streams the same content)."""
    return {**_header(result), **{key: list(items()) for key, items in _sections(result).items()}}


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


@register_format("json", (RESULTS_FILE,), "matrices, documents and failures as one JSON file")
def write_results(result: AnalysisResult, out_dir: Path, context: ReportContext) -> list[Path]:
    # Written item by item, one line each, so the file's size never sits in memory as one string.
    target = out_dir / RESULTS_FILE
    with atomic_path(target) as temp:
        with open(temp, "w", encoding="utf-8", newline="") as stream:
            stream.write("{\n")
            for key, value in _header(result).items():
                stream.write(f" {_dump(key)}: {_dump(value)},\n")
            sections = list(_sections(result).items())
            for n, (key, items) in enumerate(sections):
                stream.write(f" {_dump(key)}: [")
                for m, item in enumerate(items()):
                    stream.write(("," if m else "") + "\n  " + _dump(item))
                stream.write("\n ]" + ("," if n < len(sections) - 1 else "") + "\n")
            stream.write("}\n")
    return [target]
