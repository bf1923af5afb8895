"""Which backend reads which file format.

One backend per format (docling's layout): a backend is a function taking the
path and its bytes and returning a Document. Backends register themselves by
extension, so adding a format never touches an if-chain here. The package
declares which modules hold backends (see `nlp_pipeline/ingest/__init__.py`);
they are imported on first use, so importing the package does not pull in
the PDF libraries, and this module never imports its own plug-ins.
"""

from __future__ import annotations

import hashlib
import importlib
from collections.abc import Callable
from pathlib import Path

from nlp_pipeline.errors import InputError
from nlp_pipeline.ingest.limits import DEFAULT_LIMITS, IngestLimits, LimitExceeded
from nlp_pipeline.records import Document

Backend = Callable[[Path, bytes, str], Document]
"""(path, raw bytes, document id) -> Document. Raises InputError for bad input."""

_BACKENDS: dict[str, Backend] = {}
_BACKEND_MODULES: list[str] = []


def declare_backend_modules(*modules: str) -> None:
    """Modules whose import registers backends; imported when a backend is first needed."""
    _BACKEND_MODULES.extend(m for m in modules if m not in _BACKEND_MODULES)


def register_backend(*extensions: str) -> Callable[[Backend], Backend]:
    def decorate(backend: Backend) -> Backend:
        for ext in extensions:
            _BACKENDS[ext.lower().lstrip(".")] = backend
        return backend

    return decorate


def supported_extensions() -> list[str]:
    _load_builtin_backends()
    return sorted(_BACKENDS)


def document_id(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_document(path: str | Path, limits: IngestLimits | None = None) -> Document:
    """Read one file into a Document, or raise InputError naming the reason.

    `limits` (default: IngestLimits()) bounds what the document may cost; a
    document over a limit raises LimitExceeded, an InputError.
    """
    limits = limits or DEFAULT_LIMITS
    _load_builtin_backends()
    path = Path(path)
    if not path.exists():
        raise InputError(path, "file not found")
    if path.is_dir():
        raise InputError(path, "is a folder, not a file")
    ext = path.suffix.lower().lstrip(".")
    backend = _BACKENDS.get(ext)
    if backend is None:
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
    document = backend(path, data, document_id(data))
    if document.page_count > limits.max_pages:
        raise LimitExceeded(
            path, "max_pages", f"{document.page_count:,} pages", f"{limits.max_pages:,}", "pages per document"
        )
    if not any(block.text.strip() for block in document.blocks):
        raise InputError(path, "no text could be extracted")
    return document


def _load_builtin_backends() -> None:
    for module in _BACKEND_MODULES:
        importlib.import_module(module)
