"""Which backend reads which file format.

One backend per format (docling's layout): a backend is a function taking the
path and its bytes and returning a Document. Backends register themselves by
extension, so adding a format never touches an if-chain here. The package
declares which modules hold backends (see `nlp_pipeline/ingest/__init__.py`);
they are imported on first use, so importing the package does not pull in
the PDF libraries, and this module never imports its own plug-ins.

Limits (ingest.limits.IngestLimits) are checked here where they apply to
every format (pages, time); a backend that can do better, checking before it
spends the time or memory (PDF: page count first, decompression bombs before
pdfium parses a page), registers with `takes_limits=True` and is handed them.
"""

from __future__ import annotations

import hashlib
import importlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from nlp_pipeline.errors import InputError
from nlp_pipeline.ingest.limits import DEFAULT_LIMITS, IngestLimits, LimitExceeded
from nlp_pipeline.records import Document

Backend = Callable[..., Document]
"""(path, raw bytes, document id[, limits]) -> Document. Raises InputError for bad input."""

Probe = Callable[[Path, bytes, IngestLimits], None]
"""(path, raw bytes, limits) -> None: raises InputError for a file its backend will refuse, in milliseconds."""

_BACKENDS: dict[str, Backend] = {}
_PROBES: dict[str, Probe] = {}
_TAKES_LIMITS: set[str] = set()
_BACKEND_MODULES: list[str] = []
_DECLARED: dict[str, str] = {}  # extension -> the module that registers its backend


def declare_backend_modules(*modules: str) -> None:
    """Modules whose import registers backends; imported when a backend is first needed."""
    _BACKEND_MODULES.extend(m for m in modules if m not in _BACKEND_MODULES)


def declare_backend_module(module: str, *extensions: str) -> None:
    """A module that registers the backend for `extensions`: reading such a file imports it alone.

    One PDF need not pay for the HTML parser's import, and the reverse.
    """
    declare_backend_modules(module)
    for ext in extensions:
        _DECLARED[ext.lower().lstrip(".")] = module


def register_backend(*extensions: str, takes_limits: bool = False, probe: Probe | None = None
                     ) -> Callable[[Backend], Backend]:
    """`probe`, where given, is the backend's quick refusal of a file it cannot open (see admit_file)."""
    def decorate(backend: Backend) -> Backend:
        for ext in extensions:
            key = ext.lower().lstrip(".")
            _BACKENDS[key] = backend
            if probe is not None:
                _PROBES[key] = probe
            if takes_limits:
                _TAKES_LIMITS.add(key)
            else:
                _TAKES_LIMITS.discard(key)
        return backend

    return decorate


def supported_extensions() -> list[str]:
    _load_builtin_backends()
    return sorted(_BACKENDS)


def document_id(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class AdmittedFile:
    """A file that exists, has a supported format and is not empty: what a backend is handed."""

    path: Path
    ext: str
    data: bytes


def admit_file(path: str | Path, limits: IngestLimits | None = None, probe: bool = False) -> AdmittedFile:
    """The checks every file passes before it is read, or InputError naming the reason.

    With `probe`, the backend's own quick check runs too (a PDF is opened and
    its pages counted), so a corrupt or encrypted file is refused in
    milliseconds, before anything slow starts.
    """
    path = Path(path)
    if not path.exists():
        raise InputError(path, "file not found")
    if path.is_dir():
        raise InputError(path, "is a folder, not a file")
    ext = path.suffix.lower().lstrip(".")
    if _backend_for(ext) is None:
        raise InputError(
            path,
            f"unsupported format '.{ext}' (supported: {', '.join('.' + e for e in supported_extensions())})",
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror or exc})") from exc
    if not data.strip():
        raise InputError(path, "file is empty")
    if probe and ext in _PROBES:
        _PROBES[ext](path, data, limits or DEFAULT_LIMITS)
    return AdmittedFile(path, ext, data)


def read_document(path: str | Path, limits: IngestLimits | None = None) -> Document:
    """Read one file into a Document, or raise InputError naming the reason.

    `limits` (default: IngestLimits()) bounds what the document may cost; a
    document over a limit raises LimitExceeded, an InputError.
    """
    return read_admitted(admit_file(path, limits), limits)


def read_admitted(admitted: AdmittedFile, limits: IngestLimits | None = None) -> Document:
    """An admitted file through its backend, under `limits`."""
    limits = limits or DEFAULT_LIMITS
    path, ext, data = admitted.path, admitted.ext, admitted.data
    backend = _backend_for(ext)
    assert backend is not None  # admit_file refused every other format
    started = time.monotonic()
    try:
        if ext in _TAKES_LIMITS:
            document = backend(path, data, document_id(data), limits)
        else:
            document = backend(path, data, document_id(data))
    except RecursionError:
        # Markup or JSON nested thousands of levels deep: no document is written that way.
        raise InputError(path, "nested too deeply to read (thousands of levels of markup or JSON)") from None
    if document.page_count > limits.max_pages:
        raise LimitExceeded(
            path, "max_pages", f"{document.page_count:,} pages", f"{limits.max_pages:,}", "pages per document"
        )
    elapsed = time.monotonic() - started
    if elapsed > limits.max_seconds:
        raise LimitExceeded(
            path, "max_seconds", f"reading took {elapsed:.0f} s", f"{limits.max_seconds:g}", "seconds per document"
        )
    if not any(block.text.strip() for block in document.blocks):
        raise InputError(path, "no text could be extracted")
    return document


def _backend_for(ext: str) -> Backend | None:
    if ext not in _BACKENDS and ext in _DECLARED:
        importlib.import_module(_DECLARED[ext])
    if ext not in _BACKENDS:
        _load_builtin_backends()
    return _BACKENDS.get(ext)


def _load_builtin_backends() -> None:
    for module in _BACKEND_MODULES:
        importlib.import_module(module)
