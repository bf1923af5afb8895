"""report stage: the output folder of an analysis.

`write_reports(result, out_dir)` writes passages.jsonl, coverage.csv,
milestones.csv, gaps.csv, results.json, report.html, report.xlsx,
heatmap.png/.svg and run.json for a finished result; `write_streamed(outcomes,
out_dir, ...)` does the same while the analyses arrive, keeping only each
document's summary (its cells and metadata) in memory and streaming its
passages to disk, so a corpus of any size fits. Either way the folder is
checked before any work and written into a staging folder that is moved into
place only when complete. Formats are registered by name (see
`report_formats()`), so callers pick a subset without knowing the writers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from nlp_pipeline.report import heatmap, html, jsonl, results_json, run_manifest, tables, xlsx  # noqa: F401  (registers)
from nlp_pipeline.report.base import (
    OutputExistsError,
    ReportContext,
    ReportFormat,
    registry,
    staged_output,
)
from nlp_pipeline.spool import PassageSpool

if TYPE_CHECKING:
    from nlp_pipeline.pipeline import AnalysisResult
    from nlp_pipeline.records import DocumentAnalysis, Failure

__all__ = ["OutputExistsError", "report_formats", "write_reports", "write_streamed"]

# The manifest lists and hashes the other files, so it always comes last and
# is always written: without it a folder is not recognisably a finished run.
_ALWAYS = "run"
_PREFERRED_ORDER = ("jsonl", "csv", "json", "html", "xlsx", "heatmap")
_SPOOL_FILE = ".passages.spool"


def report_formats() -> dict[str, ReportFormat]:
    """Format name -> what it writes, in writing order (for --format help)."""
    formats = registry()
    rank = {name: n for n, name in enumerate(_PREFERRED_ORDER)}
    names = sorted((n for n in formats if n != _ALWAYS), key=lambda n: rank.get(n, len(rank)))
    return {name: formats[name] for name in [*names, _ALWAYS]}


def _selected(formats: Iterable[str] | str | None) -> list[ReportFormat]:
    available = report_formats()
    if formats is None:
        return list(available.values())
    names = [f.strip() for f in formats.split(",")] if isinstance(formats, str) else [f.strip() for f in formats]
    names = [n for n in names if n]
    unknown = [n for n in names if n not in available]
    if unknown:
        raise ValueError(f"unknown report format(s) {', '.join(unknown)} (available: {', '.join(available)})")
    wanted = set(names) | {_ALWAYS}
    return [fmt for name, fmt in available.items() if name in wanted]


def planned_files(formats: Iterable[str] | str | None = None) -> list[str]:
    """The file names a run with these formats writes."""
    return [name for fmt in _selected(formats) for name in fmt.files]


def write_reports(
    result: AnalysisResult,
    out_dir: str | Path,
    formats: Iterable[str] | str | None = None,
    *,
    overwrite: bool = False,
    started_at: datetime | None = None,
    taxonomy_path: str | Path | None = None,
) -> list[Path]:
    """Write the chosen formats (all by default, run.json always) into out_dir, all or nothing.

    Refuses, with OutputExistsError, a folder that already holds a run.json or
    any file this call would write, unless overwrite=True.
    """
    out_dir = Path(out_dir)
    chosen = _selected(formats)
    with staged_output(out_dir, [name for fmt in chosen for name in fmt.files], overwrite) as folder:
        context = ReportContext(started_at=started_at, taxonomy_path=Path(taxonomy_path) if taxonomy_path else None)
        _write_formats(chosen, result, folder, context)
    return [out_dir / path.name for path in context.written]


@dataclass
class StreamedRun:
    """What `write_streamed` leaves: the result (document summaries, failures) and the files written."""

    result: AnalysisResult
    written: list[Path]


def write_streamed(
    result: AnalysisResult,
    outcomes: Iterable[DocumentAnalysis | Failure],
    out_dir: str | Path,
    formats: Iterable[str] | str | None = None,
    *,
    overwrite: bool = False,
    started_at: datetime | None = None,
    taxonomy_path: str | Path | None = None,
    on_outcome: Callable[[DocumentAnalysis | Failure], None] | None = None,
) -> StreamedRun:
    """Consume `outcomes` into `result` and out_dir as they arrive; the other formats are written at the end.

    `result` starts with what is known before the analysis (taxonomy,
    classifier, the failures and skipped files of discovery); each analysis
    is streamed to the formats that can take it, its passages are kept on
    disk for the others, and only its summary stays in `result`. The folder
    is checked before the first outcome is asked for.
    """
    from nlp_pipeline.records import Failure

    out_dir = Path(out_dir)
    chosen = _selected(formats)
    with staged_output(out_dir, [name for fmt in chosen for name in fmt.files], overwrite) as folder:
        spool = PassageSpool(folder / _SPOOL_FILE)
        try:
            result.passage_source = spool
            streams = {fmt.name: fmt.stream(folder) for fmt in chosen if fmt.stream is not None}
            for outcome in outcomes:
                if isinstance(outcome, Failure):
                    result.failures.append(outcome)
                else:
                    for stream in streams.values():
                        stream.add(outcome)
                    spool.add(outcome.doc_id, outcome.passages)
                    result.analyses.append(outcome.summary())
                if on_outcome:
                    on_outcome(outcome)
            context = ReportContext(started_at=started_at,
                                    taxonomy_path=Path(taxonomy_path) if taxonomy_path else None)
            for stream in streams.values():
                context.written.extend(stream.finish())
            _write_formats([fmt for fmt in chosen if fmt.name not in streams], result, folder, context)
        finally:
            spool.close()
            result.passage_source = None
    return StreamedRun(result, [out_dir / path.name for path in context.written])


def _write_formats(chosen: list[ReportFormat], result: AnalysisResult, folder: Path, context: ReportContext) -> None:
    for fmt in chosen:
        context.written.extend(fmt.write(result, folder, context))
