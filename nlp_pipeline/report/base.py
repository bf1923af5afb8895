"""What every report writer shares: the registry, atomic files and the colours.

A writer is a function `(result, out_dir, context) -> list[Path]` registered
under a format name, so the CLI can offer `--format html,csv` without an
if-chain. Every file is written to a temporary name in the same folder and
renamed into place, so a reader (or a crash) never sees half a report.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from nlp_pipeline.errors import OutputError, OutputExistsError

if TYPE_CHECKING:
    from nlp_pipeline.pipeline import AnalysisResult

# The marker of a finished run: its presence means the folder holds a user's
# earlier results, which are never replaced without being asked to.
MANIFEST_NAME = "run.json"


@dataclass(frozen=True)
class ReportContext:
    """Facts about the run that the result itself does not carry."""

    started_at: datetime | None = None
    taxonomy_path: Path | None = None
    # Filled in by write_reports as writers finish, so the manifest can list
    # (and hash) every file the run produced.
    written: list[Path] = field(default_factory=list)


Writer = Callable[["AnalysisResult", Path, ReportContext], list[Path]]


@dataclass(frozen=True)
class ReportFormat:
    name: str
    files: tuple[str, ...]  # the file names this format produces
    write: Writer
    description: str = ""


_REGISTRY: dict[str, ReportFormat] = {}


def register_format(name: str, files: tuple[str, ...], description: str = "") -> Callable[[Writer], Writer]:
    def decorate(write: Writer) -> Writer:
        _REGISTRY[name] = ReportFormat(name, files, write, description)
        return write

    return decorate


def registry() -> dict[str, ReportFormat]:
    return dict(_REGISTRY)



def check_output_folder(out_dir: Path, planned: list[str] | tuple[str, ...], overwrite: bool) -> None:
    """Refuse, before any work is done, a folder that holds an earlier run or any file about to be written."""
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(f"{out_dir}: exists and is not a folder; choose a folder for the reports")
    if out_dir.is_dir() and not overwrite:
        found = sorted(name for name in {MANIFEST_NAME, *planned} if (out_dir / name).exists())
        # The manifest first: it is the clearest sign of an earlier run.
        found.sort(key=lambda name: name != MANIFEST_NAME)
        if found:
            raise OutputExistsError(out_dir, found)


def prepare_output_folder(out_dir: Path, planned: list[str] | tuple[str, ...], overwrite: bool) -> None:
    check_output_folder(out_dir, planned, overwrite)
    Path(out_dir).mkdir(parents=True, exist_ok=True)


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temporary path next to `target` that replaces it only if the block succeeds."""
    target = Path(target)
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(handle)
    temp = Path(name)
    try:
        yield temp
        # mkstemp makes owner-only files; reports are meant to be shared.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temp, 0o666 & ~umask)
        os.replace(temp, target)
    finally:
        if temp.exists():
            temp.unlink()


def write_text_atomic(target: Path, text: str) -> Path:
    with atomic_path(target) as temp:
        with open(temp, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
    return Path(target)


# One palette for the HTML and the heatmap, ordered from nothing to binding:
# a sequential yellow-green-blue scale stays readable for colour-blind readers
# and in greyscale print.
STATUS_ORDER = ("absent", "mentioned", "aspirational", "procedural", "specific", "binding_enforced")
STATUS_COLOURS = {
    "absent": "#eeeeee",
    "mentioned": "#ffffcc",
    "aspirational": "#c7e9b4",
    "procedural": "#7fcdbb",
    "specific": "#2c7fb8",
    "binding_enforced": "#253494",
}
STATUS_TEXT_COLOURS = {s: ("#ffffff" if s in ("specific", "binding_enforced") else "#1a1a1a") for s in STATUS_ORDER}
STATUS_LABELS = {
    "absent": "absent",
    "mentioned": "mentioned (0)",
    "aspirational": "aspirational (1)",
    "procedural": "procedural (2)",
    "specific": "specific (3)",
    "binding_enforced": "binding & enforced (4)",
}
VERDICT_COLOURS = {
    "met": "#a6dba0",
    "partly_met": "#fee08b",
    "not_met": "#f4a582",
    "not_addressed": "#e0e0e0",
}
