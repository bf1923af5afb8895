"""A corpus on disk: the files a run will analyse, the ones it will not (and why), and their metadata.

`plan_corpus(paths)` walks files and folders once, before any analysis:
every supported file gets its content hash (the document id, so byte-identical
copies are analysed once and listed as duplicates), and every file that is
left out is named with the reason: an unsupported format, a duplicate, a
broken link, a symbolic-link loop. A folder may hold a metadata manifest
(`metadata.csv`) giving each file's kind, issuer, year, language or title
where the text does not say them.
"""

from __future__ import annotations

import csv
import errno
import hashlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from nlp_pipeline.errors import UsageError
from nlp_pipeline.ingest.corpus_notes import is_corpus_note
from nlp_pipeline.ingest import supported_extensions
from nlp_pipeline.records import DocumentKind, Failure, Skipped, Stage

MANIFEST_FILE = "metadata.csv"
MANIFEST_COLUMNS = ("kind", "issuer", "year", "language", "title")
_HASH_CHUNK = 1 << 20


@dataclass(frozen=True)
class DocumentMetadata:
    """What a corpus manifest says about one file; empty fields are left to detection."""

    kind: DocumentKind | None = None
    issuer: str = ""
    year: int | None = None
    language: str = ""
    title: str = ""

    def overrides(self) -> dict[str, object]:
        """The Document fields this metadata sets."""
        found = {"kind": self.kind, "issuer": self.issuer, "year": self.year, "language": self.language,
                 "title": self.title}
        return {name: value for name, value in found.items() if value not in (None, "")}


@dataclass(frozen=True)
class CorpusFile:
    """One file to analyse: where it is, its content hash, and what the manifest says of it."""

    path: str
    doc_id: str
    size: int
    metadata: DocumentMetadata = DocumentMetadata()


@dataclass
class CorpusPlan:
    files: list[CorpusFile] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)


def plan_corpus(paths: Iterable[str | Path], manifest: str | Path | None = None) -> CorpusPlan:
    """The files of a run, in the order given (folders sorted), with what is left out and why.

    Raises UsageError when nothing at all can be analysed (every path is
    missing, unsupported or an empty folder), so a typo never produces an
    empty run.
    """
    plan = CorpusPlan()
    wanted = {"." + e for e in supported_extensions()}
    explicit_manifest = read_manifest(manifest) if manifest else {}
    first_of: dict[str, str] = {}
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            folder_manifest = read_manifest(path / MANIFEST_FILE) if (path / MANIFEST_FILE).is_file() else {}
            found = 0
            for candidate in _walk(path, plan.skipped):
                if candidate.name == MANIFEST_FILE:
                    continue
                if is_corpus_note(candidate, path):
                    plan.skipped.append(Skipped(str(candidate), "a note beside the corpus (README, MANIFEST, "
                                                                "LICENSE ...), a hidden or a lock file"))
                    continue
                if candidate.suffix.lower() not in wanted:
                    plan.skipped.append(Skipped(str(candidate), _unsupported(candidate, listing=False)))
                    continue
                found += 1
                _add(plan, candidate, first_of, _metadata_for(candidate, explicit_manifest, folder_manifest, path))
            if not found:
                plan.failures.append(Failure(str(path), "folder holds no supported files", Stage.DISCOVER))
        elif path.is_symlink() and not path.exists():
            plan.failures.append(Failure(str(path), f"broken link (points to {os.readlink(path)})", Stage.DISCOVER))
        elif path.exists():
            if path.suffix.lower() not in wanted:
                plan.failures.append(Failure(str(path), _unsupported(path), Stage.DISCOVER, "UnsupportedFormat"))
                continue
            _add(plan, path, first_of, _metadata_for(path, explicit_manifest, {}, path.parent))
        else:
            plan.failures.append(Failure(str(path), "file not found", Stage.DISCOVER))
    if not plan.files:
        reasons = [str(f) for f in plan.failures] or ["no input given"]
        raise UsageError("nothing to analyse: " + "; ".join(reasons[:5]) + (" ..." if len(reasons) > 5 else ""))
    return plan


def content_hash(path: Path) -> str:
    """sha256 of the file's bytes, read in chunks: the document id ingest gives it."""
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for chunk in iter(lambda: stream.read(_HASH_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _add(plan: CorpusPlan, path: Path, first_of: dict[str, str], metadata: DocumentMetadata) -> None:
    try:
        doc_id = content_hash(path)
        size = path.stat().st_size
    except OSError as error:
        plan.failures.append(Failure(str(path), f"cannot be read ({error.strerror or error})", Stage.DISCOVER,
                                     type(error).__name__))
        return
    if doc_id in first_of:
        plan.skipped.append(Skipped(str(path), f"same content as {first_of[doc_id]}"))
        return
    first_of[doc_id] = str(path)
    plan.files.append(CorpusFile(str(path), doc_id, size, metadata))


def _walk(folder: Path, skipped: list[Skipped]) -> Iterator[Path]:
    """Files under folder in sorted order, following links once; hidden files and folders are left out."""
    seen: set[tuple[int, int]] = set()

    def visit(directory: Path) -> Iterator[Path]:
        try:
            stat = directory.stat()
        except OSError as error:
            skipped.append(Skipped(str(directory), f"cannot be read ({error.strerror or error})"))
            return
        if (stat.st_dev, stat.st_ino) in seen:
            skipped.append(Skipped(str(directory), "symbolic-link loop (this folder was already read)"))
            return
        seen.add((stat.st_dev, stat.st_ino))
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as error:
            skipped.append(Skipped(str(directory), f"cannot be read ({error.strerror or error})"))
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            try:
                is_dir = entry.is_dir()
                is_file = entry.is_file()
            except OSError as error:
                looped = error.errno == errno.ELOOP
                skipped.append(Skipped(str(path), "symbolic-link loop" if looped
                                       else f"cannot be read ({error.strerror or error})"))
                continue
            if entry.is_symlink() and not (is_dir or is_file):
                reason = "symbolic-link loop" if _loops(path) else f"broken link (points to {os.readlink(path)})"
                skipped.append(Skipped(str(path), reason))
            elif is_dir:
                yield from visit(path)
            elif is_file:
                yield path
            else:
                skipped.append(Skipped(str(path), "not a regular file"))

    yield from visit(folder)


def _loops(path: Path) -> bool:
    try:
        path.resolve(strict=True)
    except RuntimeError:
        return True
    except OSError as error:
        return error.errno == errno.ELOOP
    return False


def _unsupported(path: Path, listing: bool = True) -> str:
    shown = path.suffix.lower() or "(no extension)"
    if not listing:
        return f"unsupported format '{shown}'"
    return f"unsupported format '{shown}' (supported: {', '.join('.' + e for e in supported_extensions())})"


# -- the metadata manifest -----------------------------------------------------------


def read_manifest(path: str | Path) -> dict[str, DocumentMetadata]:
    """file name or relative path -> metadata, from a CSV with a `file` column and any of MANIFEST_COLUMNS."""
    path = Path(path)
    try:
        with open(path, encoding="utf-8-sig", newline="") as stream:
            rows = list(csv.DictReader(stream))
            columns = set(rows[0]) if rows else set()
    except FileNotFoundError as error:
        raise UsageError(f"{path}: metadata manifest not found") from error
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise UsageError(f"{path}: metadata manifest cannot be read ({error})") from error
    if rows and "file" not in columns:
        raise UsageError(f"{path}: metadata manifest needs a 'file' column (and any of {', '.join(MANIFEST_COLUMNS)})")
    manifest: dict[str, DocumentMetadata] = {}
    for number, row in enumerate(rows, start=2):
        name = (row.get("file") or "").strip()
        if not name:
            continue
        manifest[name] = _metadata_row(path, number, row)
    return manifest


def _metadata_row(path: Path, line: int, row: dict[str, str | None]) -> DocumentMetadata:
    value = {column: (row.get(column) or "").strip() for column in MANIFEST_COLUMNS}
    kind = None
    if value["kind"]:
        allowed = [k.value for k in DocumentKind if k is not DocumentKind.UNKNOWN]
        if value["kind"] not in allowed:
            raise UsageError(f"{path}:{line}: kind {value['kind']!r} is not one of {', '.join(allowed)}")
        kind = DocumentKind(value["kind"])
    year = None
    if value["year"]:
        if not value["year"].isdigit() or not 1900 <= int(value["year"]) <= 2100:
            raise UsageError(f"{path}:{line}: year {value['year']!r} is not a year")
        year = int(value["year"])
    return DocumentMetadata(kind, value["issuer"], year, value["language"].lower(), value["title"])


def _metadata_for(file: Path, explicit: dict[str, DocumentMetadata], beside: dict[str, DocumentMetadata],
                  folder: Path) -> DocumentMetadata:
    try:
        relative = file.relative_to(folder).as_posix()
    except ValueError:
        relative = file.name
    for manifest in (explicit, beside):
        for key in (relative, file.name, str(file)):
            if key in manifest:
                return manifest[key]
    return DocumentMetadata()
