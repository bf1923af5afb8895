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


def read_passages(path: str | Path) -> list[dict[str, Any]]:
    """The records of a passages.jsonl, for notebooks and tests."""
    with open(path, encoding="utf-8") as stream:
        return [json.loads(line) for line in stream if line.strip()]


@register_format("jsonl", (PASSAGES_FILE,), "one JSON line per passage with categories, strength and rules")
def write_passages(result: AnalysisResult, out_dir: Path, context: ReportContext) -> list[Path]:
    # ensure_ascii=False keeps quotes readable; json escapes \n and \r inside
    # strings, so each record stays one physical line.
    text = "".join(
        json.dumps(p.to_record(analysis.document.name), ensure_ascii=False, allow_nan=False) + "\n"
        for analysis in result.analyses
        for p in analysis.passages
    )
    return [write_text_atomic(out_dir / PASSAGES_FILE, text)]
