"""What every report writer shares: the registry, the output folder, atomic files and the colours.

A writer is a function `(result, out_dir, context) -> list[Path]` registered
under a format name, so the CLI can offer `--format html,csv` without an
if-chain. A format that can be written document by document (passages.jsonl)
also registers a stream, so a corpus run never holds its passages at once.

A run is written into a fresh staging folder beside the output folder and
moved into place only when every file is complete (`staged_output`), so an
interrupted or failed run never leaves a half-written or mixed folder and
never destroys an earlier one; the folder is checked before any work is done
(`check_output_folder`). Every file is also written to a temporary name and
renamed, so a reader never sees half a file.
"""

from __future__ import annotations

import errno
import glob
import json
import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from nlp_pipeline.errors import OutputError, OutputExistsError

if TYPE_CHECKING:
    from nlp_pipeline.pipeline import AnalysisResult
    from nlp_pipeline.records import DocumentAnalysis

# The marker of a finished run: its presence means the folder holds a user's
# earlier results, which are never replaced without being asked to.
MANIFEST_NAME = "run.json"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReportContext:
    """Facts about the run that the result itself does not carry."""

    started_at: datetime | None = None
    taxonomy_path: Path | None = None
    # Filled in by write_reports as writers finish, so the manifest can list
    # (and hash) every file the run produced.
    written: list[Path] = field(default_factory=list)


Writer = Callable[["AnalysisResult", Path, ReportContext], list[Path]]


class FormatStream(Protocol):
    """A format written as the documents come: `add` each analysis whole, then `finish`."""

    def add(self, analysis: DocumentAnalysis) -> None: ...

    def finish(self) -> list[Path]: ...


StreamFactory = Callable[[Path], FormatStream]


@dataclass(frozen=True)
class ReportFormat:
    name: str
    files: tuple[str, ...]  # the file names this format produces
    write: Writer
    description: str = ""
    stream: StreamFactory | None = None


_REGISTRY: dict[str, ReportFormat] = {}


def register_format(name: str, files: tuple[str, ...], description: str = "",
                    stream: StreamFactory | None = None) -> Callable[[Writer], Writer]:
    def decorate(write: Writer) -> Writer:
        _REGISTRY[name] = ReportFormat(name, files, write, description, stream)
        return write

    return decorate


def registry() -> dict[str, ReportFormat]:
    return dict(_REGISTRY)


def check_output_folder(out_dir: Path, planned: list[str] | tuple[str, ...], overwrite: bool) -> None:
    """Refuse, before any work is done, a folder the run could not write or must not replace.

    Refused: a path that is a file; a parent folder that is missing or cannot
    be written; a folder holding an earlier run (run.json or any planned file)
    unless `overwrite`, and with it too if the folder also holds files that
    are not the run's (replacing the run folder whole would take them along).
    Other files in a folder without a run are left as they are. The
    unfinished output of an interrupted run (a SIGKILL, a power cut) is
    removed here, with a warning, unless its process still runs.
    """
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(f"{out_dir}: exists and is not a folder; choose a folder for the reports")
    parent = out_dir.absolute().parent
    if not parent.is_dir():
        raise OutputError(f"{out_dir}: the folder it would go in ({parent}) does not exist; create it first")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise OutputError(f"{out_dir}: cannot write in {parent} (read-only or no permission)")
    _clear_interrupted_runs(out_dir)
    if not out_dir.is_dir():
        return
    entries = sorted(entry.name for entry in out_dir.iterdir())
    if not entries:
        return
    if not os.access(out_dir, os.W_OK | os.X_OK):
        raise OutputError(f"{out_dir}: cannot replace its files (read-only or no permission)")
    ours = set(planned) | {MANIFEST_NAME} | _listed_outputs(out_dir)
    found = sorted(name for name in entries if name in ours)
    found.sort(key=lambda name: name != MANIFEST_NAME)  # the manifest first: the clearest sign of an earlier run
    if found and not overwrite:
        raise OutputExistsError(out_dir, found)
    foreign = [name for name in entries if name not in ours and not _is_scratch(name)]
    if found and foreign:
        listed = ", ".join(foreign[:5]) + (f" and {len(foreign) - 5} more" if len(foreign) > 5 else "")
        raise OutputError(f"{out_dir}: besides an earlier run it holds other files ({listed}); --overwrite "
                          "replaces the run folder whole, so move them out or choose another folder")


def prepare_output_folder(out_dir: Path, planned: list[str] | tuple[str, ...], overwrite: bool) -> None:
    check_output_folder(out_dir, planned, overwrite)
    Path(out_dir).mkdir(parents=True, exist_ok=True)


_PARTIAL = ".partial-"
_REPLACED = ".replaced-"


@contextmanager
def staged_output(out_dir: str | Path, planned: list[str] | tuple[str, ...], overwrite: bool) -> Iterator[Path]:
    """A fresh folder beside `out_dir` to write a run into, moved into place only when the block completes.

    A run that fails, is interrupted (Ctrl-C) or fills the disk leaves
    `out_dir` as it was, an earlier run included; one killed outright leaves
    its staging folder, which the next run's check removes. A write error
    (disk full, read-only) becomes a one-line OutputError.
    """
    out_dir = Path(out_dir)
    check_output_folder(out_dir, planned, overwrite)
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}{_PARTIAL}{os.getpid()}-", dir=out_dir.absolute().parent))
        os.chmod(staging, 0o777 & ~_umask())
    except OSError as error:
        raise output_error(error, out_dir) from error
    try:
        yield staging
        _move_into_place(staging, out_dir)
    except OSError as error:
        raise output_error(error, out_dir) from error
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def output_error(error: OSError, out_dir: Path) -> OutputError:
    """An OSError met while writing a run, as the one line a user can act on."""
    where = Path(error.filename).name if error.filename else "the reports"
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        why = "no space left on the device"
    elif error.errno == errno.EROFS:
        why = "the file system is read-only"
    elif error.errno in (errno.EACCES, errno.EPERM):
        why = "permission denied"
    else:
        why = error.strerror or str(error)
    return OutputError(f"{out_dir}: cannot write {where}: {why}; nothing was changed in {out_dir}")


def _move_into_place(staging: Path, out_dir: Path) -> None:
    if not out_dir.exists() or not any(out_dir.iterdir()):
        os.replace(staging, out_dir)
        return
    if not (out_dir / MANIFEST_NAME).exists() and not any((out_dir / p.name).exists() for p in staging.iterdir()):
        # A folder of the user's own files, without a run: the run's files
        # join them one rename each, the manifest last.
        for path in sorted(staging.iterdir(), key=lambda p: p.name == MANIFEST_NAME):
            os.replace(path, out_dir / path.name)
        return
    # An earlier run, which check_output_folder allowed to be replaced: set
    # it aside, move the new one in, then delete the old. A crash in between
    # leaves the earlier run under the aside name; the next check puts it back.
    aside = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}{_REPLACED}{os.getpid()}-", dir=out_dir.absolute().parent))
    os.rmdir(aside)
    os.rename(out_dir, aside)
    os.rename(staging, out_dir)
    shutil.rmtree(aside, ignore_errors=True)


def _clear_interrupted_runs(out_dir: Path) -> None:
    parent = out_dir.absolute().parent
    for leftover in sorted(parent.glob(f".{glob.escape(out_dir.name)}{_PARTIAL}*")):
        pid = _pid_of(leftover.name.rsplit(_PARTIAL, 1)[1])
        if pid and pid != os.getpid() and _alive(pid):
            raise OutputError(f"{out_dir}: another run (process {pid}) is writing it; wait for it to finish, "
                              f"or if none is running delete {leftover}")
        shutil.rmtree(leftover, ignore_errors=True)
        log.warning("removed the unfinished output of an interrupted run: %s", leftover)
    for aside in sorted(parent.glob(f".{glob.escape(out_dir.name)}{_REPLACED}*")):
        if out_dir.exists():
            shutil.rmtree(aside, ignore_errors=True)
        else:
            os.rename(aside, out_dir)
            log.warning("put back the earlier run that an interrupted --overwrite had set aside: %s", out_dir)


def _listed_outputs(out_dir: Path) -> set[str]:
    """The files an earlier run's manifest says it wrote."""
    try:
        manifest = json.loads((out_dir / MANIFEST_NAME).read_text(encoding="utf-8"))
        return {entry["file"] for entry in manifest.get("outputs", []) if isinstance(entry, dict) and "file" in entry}
    except (OSError, ValueError, TypeError, AttributeError):
        return set()


def _is_scratch(name: str) -> bool:
    # Temporary files of a write that an earlier version of the tool did in place.
    return name.startswith(".") and name.endswith(".tmp")


def _pid_of(suffix: str) -> int:
    head = suffix.split("-", 1)[0]
    return int(head) if head.isdigit() else 0


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


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
        os.chmod(temp, 0o666 & ~_umask())
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
