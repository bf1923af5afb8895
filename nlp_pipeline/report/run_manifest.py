"""run.json: what produced this folder, so a result can be reproduced or challenged.

Records the tool, taxonomy and model versions (with hashes, because a version
string is only a promise), every input with its sha256, the time, the stage
timings, the failures and a hash of every file written. It is written last:
its presence marks a finished run, which later runs refuse to overwrite.
"""

from __future__ import annotations

import hashlib
import json
import platform
from datetime import datetime, timedelta, timezone
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nlp_pipeline.records import ClassifierInfo, Document
from nlp_pipeline.report.base import MANIFEST_NAME, ReportContext, register_format, write_text_atomic
from nlp_pipeline.taxonomy import DEFAULT_TAXONOMY, Taxonomy, load_taxonomy

if TYPE_CHECKING:
    from nlp_pipeline.pipeline import AnalysisResult

DISTRIBUTION = "resourcing-analyzer"
MANIFEST_VERSION = 1


def tool_version() -> str:
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        pass
    # Run from a checkout without installing: the version lives in pyproject.
    pyproject = Path(__file__).resolve().parents[2] / "pyproject.toml"
    try:
        import tomllib

        return str(tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"]) + "+checkout"
    except (ImportError, OSError, KeyError, ValueError):
        return "unknown"


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def taxonomy_record(taxonomy: Taxonomy, path: Path | None) -> dict[str, Any]:
    if path is None and _is_default(taxonomy):
        path = DEFAULT_TAXONOMY
    canonical = json.dumps(taxonomy.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
    record: dict[str, Any] = {
        "id": taxonomy.meta.id,
        "version": taxonomy.meta.version,
        "title": taxonomy.meta.title,
        "file": str(path) if path else None,
        "file_sha256": sha256_file(path) if path and Path(path).is_file() else None,
        # Stable across comments and formatting: says whether two runs used
        # the same categories, cues and milestones even when the file moved.
        "content_sha256": hashlib.sha256(canonical.encode("utf-8")).hexdigest(),
    }
    return record


def _is_default(taxonomy: Taxonomy) -> bool:
    try:
        return taxonomy == load_taxonomy(DEFAULT_TAXONOMY)
    except Exception:  # noqa: BLE001 - a broken default file must not stop the manifest
        return False


def document_input(document: Document, passages: int, role: str = "") -> dict[str, Any]:
    """One input of a run as run.json lists it; `role` says which version it is in a comparison."""
    record: dict[str, Any] = {"role": role} if role else {}
    record.update({
        "path": document.path,
        "name": document.name,
        "doc_id": document.id,
        "sha256": document.id,
        "kind": document.kind.value,
        "pages": document.page_count,
        "passages": passages,
    })
    return record


def run_manifest(
    *,
    command: str,
    taxonomy: Taxonomy,
    taxonomy_path: Path | None,
    classifier: ClassifierInfo,
    inputs: list[dict[str, Any]],
    counts: dict[str, int],
    timings: dict[str, float],
    failures: list[dict[str, str]],
    outputs: list[Path],
    started_at: datetime | None,
    skipped: list[dict[str, str]] | None = None,
    limits: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The manifest of any command's output folder: what produced it, from what, and what it wrote."""
    finished = datetime.now(timezone.utc)
    estimated = started_at is None
    if started_at is None:
        started_at = finished - timedelta(seconds=sum(timings.values()))
    return {
        "manifest_version": MANIFEST_VERSION,
        "command": command,
        "tool": {"name": DISTRIBUTION, "version": tool_version(), "python": platform.python_version()},
        "taxonomy": taxonomy_record(taxonomy, taxonomy_path),
        "classifier": classifier.to_dict(),
        "inputs": inputs,
        "started_at": _iso(started_at),
        "started_at_estimated": estimated,
        "finished_at": _iso(finished),
        "timings_s": {k: round(v, 3) for k, v in timings.items()},
        "counts": counts,
        "failures": failures,
        **({"skipped": skipped} if skipped is not None else {}),
        **({"limits": limits} if limits is not None else {}),
        "outputs": [
            {"file": p.name, "sha256": sha256_file(p), "bytes": p.stat().st_size} for p in outputs if p.is_file()
        ],
    }


def analysis_manifest(result: AnalysisResult, context: ReportContext) -> dict[str, Any]:
    return run_manifest(
        command="analyze",
        taxonomy=result.taxonomy,
        taxonomy_path=context.taxonomy_path,
        classifier=result.classifier,
        inputs=[document_input(a.document, a.passage_count) for a in result.analyses],
        counts={
            "documents": len(result.analyses),
            "passages": result.passage_count,
            "failures": len(result.failures),
            "skipped": len(result.skipped),
        },
        timings=result.timings,
        failures=[f.to_dict() for f in result.failures],
        outputs=context.written,
        started_at=context.started_at,
        skipped=[s.to_dict() for s in result.skipped],
        limits=result.limits or None,
    )


def _iso(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")


@register_format("run", (MANIFEST_NAME,), "run manifest: versions, hashes, time, failures (always written)")
def write_manifest(result: AnalysisResult, out_dir: Path, context: ReportContext) -> list[Path]:
    text = json.dumps(analysis_manifest(result, context), ensure_ascii=False, indent=1, allow_nan=False)
    return [write_text_atomic(out_dir / MANIFEST_NAME, text + "\n")]
