"""results.json: the documents, their cells and the failures in one file.

The records themselves, serialised: every coverage cell with all its evidence
passages (the CSV keeps only the top one), every milestone verdict with its
evidence, the gap rows and the failures, for programs that want the whole
picture.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nlp_pipeline.report.base import ReportContext, register_format, write_text_atomic
from nlp_pipeline.report.tables import gap_rows
from nlp_pipeline.taxonomy import category_index, target_of

if TYPE_CHECKING:
    from nlp_pipeline.pipeline import AnalysisResult

RESULTS_FILE = "results.json"


def results_document(result: AnalysisResult) -> dict[str, Any]:
    index = category_index(result.taxonomy)
    targets = target_of(result.taxonomy)
    coverage, milestones = [], []
    for analysis in result.analyses:
        name = analysis.document.name
        for cell in analysis.coverage:
            category = index[cell.category_id]
            coverage.append({"document": name, "target": targets[cell.category_id], "category": category.label,
                             "roadmap_gap": category.roadmap_gap, **cell.to_dict()})
        milestones.extend({"document": name, **m.to_dict()} for m in analysis.milestones)
    return {
        "taxonomy": {"id": result.taxonomy.meta.id, "version": result.taxonomy.meta.version},
        "classifier": result.classifier.to_dict(),
        "documents": [d.metadata() for d in result.documents],
        "coverage": coverage,
        "milestones": milestones,
        "gaps": gap_rows(result),
        "failures": [f.to_dict() for f in result.failures],
        "skipped": [s.to_dict() for s in result.skipped],
    }


@register_format("json", (RESULTS_FILE,), "matrices, documents and failures as one JSON file")
def write_results(result: AnalysisResult, out_dir: Path, context: ReportContext) -> list[Path]:
    text = json.dumps(results_document(result), ensure_ascii=False, indent=1, allow_nan=False)
    return [write_text_atomic(out_dir / RESULTS_FILE, text + "\n")]
