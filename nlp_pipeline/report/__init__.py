"""report stage: the output folder of an analysis.

`write_reports(result, out_dir)` writes passages.jsonl, coverage.csv,
milestones.csv, gaps.csv, results.json, report.html, report.xlsx,
heatmap.png/.svg and run.json. Formats are registered by name (see
`report_formats()`), so callers pick a subset without knowing the writers.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from nlp_pipeline.report import heatmap, html, jsonl, results_json, run_manifest, tables, xlsx  # noqa: F401  (registers)
from nlp_pipeline.report.base import (
    OutputExistsError,
    ReportContext,
    ReportFormat,
    prepare_output_folder,
    registry,
)

if TYPE_CHECKING:
    from nlp_pipeline.pipeline import AnalysisResult

__all__ = ["OutputExistsError", "report_formats", "write_reports"]

# The manifest lists and hashes the other files, so it always comes last and
# is always written: without it a folder is not recognisably a finished run.
_ALWAYS = "run"
# Cheap, machine-readable files first, so an interrupted run leaves the data.
_PREFERRED_ORDER = ("jsonl", "csv", "json", "html", "xlsx", "heatmap")


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


def write_reports(
    result: AnalysisResult,
    out_dir: str | Path,
    formats: Iterable[str] | str | None = None,
    *,
    overwrite: bool = False,
    started_at: datetime | None = None,
    taxonomy_path: str | Path | None = None,
) -> list[Path]:
    """Write the chosen formats (all by default, run.json always) into out_dir.

    Refuses, with OutputExistsError, a folder that already holds a run.json or
    any file this call would write, unless overwrite=True.
    """
    out_dir = Path(out_dir)
    chosen = _selected(formats)
    prepare_output_folder(out_dir, [name for fmt in chosen for name in fmt.files], overwrite)
    context = ReportContext(started_at=started_at, taxonomy_path=Path(taxonomy_path) if taxonomy_path else None)
    for fmt in chosen:
        context.written.extend(fmt.write(result, out_dir, context))
    return list(context.written)
