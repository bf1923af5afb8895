"""passages.jsonl: every passage with where it is, what it is about and why.

One JSON object per line so researchers can stream a corpus run into pandas,
DuckDB or jq without loading it whole; each line is enough to find the
passage again in the source (document, page, section, character offsets).
A corpus run writes it document by document as the analyses arrive.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nlp_pipeline.report.base import ReportContext, atomic_path, register_format

if TYPE_CHECKING:
    from nlp_pipeline.pipeline import AnalysisResult
    from nlp_pipeline.records import AnalysedPassage, DocumentAnalysis

PASSAGES_FILE = "passages.jsonl"


def read_passages(path: str | Path) -> list[dict[str, Any]]:
    """The records of a passages.jsonl, for notebooks and tests."""
    with open(path, encoding="utf-8") as stream:
        return [json.loads(line) for line in stream if line.strip()]


def passage_line(passage: AnalysedPassage, document_name: str) -> str:
    # ensure_ascii=False keeps quotes readable; json escapes \n and \r inside
    # strings, so each record stays one physical line.
    return json.dumps(passage.to_record(document_name), ensure_ascii=False, allow_nan=False) + "\n"


class PassagesStream:
    """passages.jsonl written as documents arrive, under a temporary name until `finish`."""

    def __init__(self, out_dir: Path):
        self.target = Path(out_dir) / PASSAGES_FILE
        self._atomic = atomic_path(self.target)
        self._temp = self._atomic.__enter__()
        self._stream = open(self._temp, "w", encoding="utf-8", newline="")  # noqa: SIM115 - closed by finish()

    def add(self, analysis: DocumentAnalysis) -> None:
        self.add_passages(analysis.document.name, analysis.passages)

    def add_passages(self, document_name: str, passages: tuple[AnalysedPassage, ...]) -> None:
        self._stream.writelines(passage_line(p, document_name) for p in passages)

    def finish(self) -> list[Path]:
        try:
            self._stream.flush()
            os.fsync(self._stream.fileno())
            self._stream.close()
        except BaseException as error:
            self._stream.close()
            self._atomic.__exit__(type(error), error, error.__traceback__)
            raise
        self._atomic.__exit__(None, None, None)
        return [self.target]


@register_format("jsonl", (PASSAGES_FILE,), "one JSON line per passage with categories, strength and rules",
                 stream=PassagesStream)
def write_passages(result: AnalysisResult, out_dir: Path, context: ReportContext) -> list[Path]:
    stream = PassagesStream(out_dir)
    for analysis in result.analyses:
        stream.add_passages(analysis.document.name, result.passages_of(analysis))
    return stream.finish()
