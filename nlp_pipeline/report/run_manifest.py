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


def classifier_record(name: str) -> dict[str, Any]:
    record: dict[str, Any] = {"name": name, "model_fingerprint": None, "model_files": []}
    if name != "hybrid":
        return record
    from nlp_pipeline.classify.hybrid import MODEL_DIR, head_fingerprint

    files = [MODEL_DIR / n for n in ("hybrid.npz", "hybrid.json") if (MODEL_DIR / n).is_file()]
    if files:
        record["model_fingerprint"] = head_fingerprint(MODEL_DIR)
        record["model_files"] = [{"file": str(f), "sha256": sha256_file(f)} for f in files]
    else:
        record["note"] = "no trained head found: untrained combination of cues and similarity"
    return record


def manifest(result: AnalysisResult, context: ReportContext) -> dict[str, Any]:
    finished = datetime.now(timezone.utc)
    started = context.started_at or getattr(result, "started_at", None)
    estimated = started is None
    if started is None:
        started = finished - timedelta(seconds=sum(result.timings.values()))
    passages: dict[str, int] = {}
    for p in result.passages:
        passages[p.doc_id] = passages.get(p.doc_id, 0) + 1
    return {
        "manifest_version": MANIFEST_VERSION,
        "tool": {"name": DISTRIBUTION, "version": tool_version(), "python": platform.python_version()},
        "taxonomy": taxonomy_record(result.taxonomy, context.taxonomy_path),
        "classifier": classifier_record(result.classifier),
        "inputs": [
            {
                "path": d.path,
                "name": d.name,
                "doc_id": d.id,
                "sha256": d.id,
                "kind": d.kind.value,
                "pages": d.page_count,
                "passages": passages.get(d.id, 0),
            }
            for d in result.documents
        ],
        "started_at": _iso(started),
        "started_at_estimated": estimated,
        "finished_at": _iso(finished),
        "timings_s": {k: round(v, 3) for k, v in result.timings.items()},
        "counts": {
            "documents": len(result.documents),
            "passages": len(result.passages),
            "failures": len(result.failures),
        },
        "failures": [{"path": f.path, "reason": f.reason} for f in result.failures],
        "outputs": [
            {"file": p.name, "sha256": sha256_file(p), "bytes": p.stat().st_size}
            for p in context.written
            if p.is_file()
        ],
    }


def _iso(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")


@register_format("run", (MANIFEST_NAME,), "run manifest: versions, hashes, time, failures (always written)")
def write_manifest(result: AnalysisResult, out_dir: Path, context: ReportContext) -> list[Path]:
    text = json.dumps(manifest(result, context), ensure_ascii=False, indent=1, allow_nan=False)
    return [write_text_atomic(out_dir / MANIFEST_NAME, text + "\n")]
