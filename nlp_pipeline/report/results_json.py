"""results.json: the matrices, the documents and the failures in one file.

The same rows as the CSV files, plus every evidence passage of a coverage cell
(the CSV keeps only the top one), for programs that want the whole picture.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nlp_pipeline.report.base import ReportContext, register_format, write_text_atomic
from nlp_pipeline.report.tables import coverage_table, gap_table, milestone_table

if TYPE_CHECKING:
    from nlp_pipeline.pipeline import AnalysisResult

RESULTS_FILE = "results.json"


def results_document(result: AnalysisResult) -> dict[str, Any]:
    coverage = _records(coverage_table(result))
    evidence = {(c.doc_id, c.category_id): c.evidence for c in result.coverage}
    for row in coverage:
        row["evidence"] = [e.to_dict() for e in evidence.get((row["doc_id"], row["category_id"]), ())]
    milestone_evidence = {(m.doc_id, m.milestone_id): m.evidence for m in result.milestones}
    milestones = _records(milestone_table(result))
    for row in milestones:
        row["evidence"] = [e.to_dict() for e in milestone_evidence.get((row["doc_id"], row["milestone_id"]), ())]
    return {
        "taxonomy": {"id": result.taxonomy.meta.id, "version": result.taxonomy.meta.version},
        "classifier": result.classifier,
        "documents": [d.metadata() for d in result.documents],
        "coverage": coverage,
        "milestones": milestones,
        "gaps": _records(gap_table(result)),
        "failures": [{"path": f.path, "reason": f.reason} for f in result.failures],
    }


def _records(frame) -> list[dict[str, Any]]:
    return [{k: _plain(v) for k, v in row.items()} for row in frame.to_dict("records")]


def _plain(value: Any) -> Any:
    # pandas hands back numpy scalars and NaN for empty cells; JSON wants
    # native numbers and null.
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


@register_format("json", (RESULTS_FILE,), "matrices, documents and failures as one JSON file")
def write_results(result: AnalysisResult, out_dir: Path, context: ReportContext) -> list[Path]:
    text = json.dumps(results_document(result), ensure_ascii=False, indent=1, allow_nan=False)
    return [write_text_atomic(out_dir / RESULTS_FILE, text + "\n")]
