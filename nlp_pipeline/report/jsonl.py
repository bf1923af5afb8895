"""passages.jsonl: every passage with where it is, what it is about and why.

One JSON object per line so researchers can stream a corpus run into pandas,
DuckDB or jq without loading it whole; each line is enough to find the
passage again in the source (document, page, section, character offsets).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nlp_pipeline.report.base import ReportContext, register_format, write_text_atomic

if TYPE_CHECKING:
    from nlp_pipeline.pipeline import AnalysisResult

PASSAGES_FILE = "passages.jsonl"


def reason_record(reason: str) -> dict[str, str]:
    """Split the assess stage's "rule_id: span" strings so rules can be counted."""
    rule, sep, span = reason.partition(": ")
    return {"rule": rule.strip(), "span": span if sep else ""}


def passage_records(result: AnalysisResult) -> list[dict[str, Any]]:
    names = {d.id: d.name for d in result.documents}
    records = []
    for passage in result.passages:
        scores = result.scores.get(passage.id, [])
        assessment = result.assessments.get(passage.id)
        records.append(
            {
                "passage_id": passage.id,
                "document": names.get(passage.doc_id, ""),
                "doc_id": passage.doc_id,
                "page": passage.pages,
                "page_start": passage.page_start,
                "page_end": passage.page_end,
                "page_label": passage.page_label,
                "section": list(passage.section),
                "kind": passage.kind.value,
                "role": passage.role,
                "char_start": passage.char_start,
                "char_end": passage.char_end,
                "text": passage.text,
                "categories": [
                    {"category_id": s.category_id, "score": round(float(s.score), 4), "evidence": list(s.evidence)}
                    for s in sorted(scores, key=lambda s: -s.score)
                    if s.present
                ],
                "strength": assessment.strength if assessment else 0,
                "modality": assessment.modality if assessment else "",
                "hedges": [h.to_dict() for h in assessment.hedges] if assessment else [],
                "facts": [f.to_dict() for f in assessment.facts] if assessment else [],
                "reasons": [reason_record(r) for r in assessment.reasons] if assessment else [],
                "gap_flags": list(assessment.gap_flags) if assessment else [],
            }
        )
    return records


def read_passages(path: str | Path) -> list[dict[str, Any]]:
    """The records of a passages.jsonl, for notebooks and tests."""
    with open(path, encoding="utf-8") as stream:
        return [json.loads(line) for line in stream if line.strip()]


@register_format("jsonl", (PASSAGES_FILE,), "one JSON line per passage with categories, strength and rules")
def write_passages(result: AnalysisResult, out_dir: Path, context: ReportContext) -> list[Path]:
    # ensure_ascii=False keeps quotes readable; json escapes \n and \r inside
    # strings, so each record stays one physical line.
    lines = [json.dumps(r, ensure_ascii=False, allow_nan=False) for r in passage_records(result)]
    text = "".join(line + "\n" for line in lines)
    return [write_text_atomic(out_dir / PASSAGES_FILE, text)]
