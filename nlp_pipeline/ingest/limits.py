"""Limits on what one document may cost, and the refusals that name them.

A user's corpus may hold a 5,000-page scan, a PDF whose streams inflate to
gigabytes (by accident or as a decompression bomb), or a text of one
multi-megabyte line. Each limit below has a default that every real document
in ../shared/corpora passes with room to spare; a document over a limit is
refused with a `LimitExceeded` (an `InputError`, so a batch records it and
goes on) whose one-line message names the file, the limit and how to raise it.

    from nlp_pipeline.ingest import read_document, IngestLimits
    read_document("big.pdf", limits=IngestLimits(max_pages=10_000))

Field names are the option names: `max_pages` is `--max-pages` on a command
line that offers it.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, fields
from pathlib import Path

from nlp_pipeline.errors import InputError

MiB = 1024 * 1024


@dataclass(frozen=True)
class IngestLimits:
    """What one document may cost before it is refused (or, for text length, split)."""

    max_pages: int = 5_000  # pages per document
    max_stream_bytes: int = 128 * MiB  # decompressed bytes per PDF content stream (a page's text and drawing)
    max_passage_chars: int = 4_000  # characters per block and passage; longer text is split at a word boundary
    max_seconds: float = 600.0  # wall-clock seconds to read one document

    def __post_init__(self) -> None:
        for f in fields(self):
            if getattr(self, f.name) <= 0:
                raise ValueError(f"IngestLimits.{f.name} must be positive, not {getattr(self, f.name)!r}")


DEFAULT_LIMITS = IngestLimits()


def option_name(field_name: str) -> str:
    return "--" + field_name.replace("_", "-")


class LimitExceeded(InputError):
    """A document refused because it goes over one of the IngestLimits."""

    def __init__(self, path: str | Path, field_name: str, found: str, limit: object, unit: str):
        self.limit_name = field_name
        reason = (
            f"refused: {found} (limit {limit} {unit}; "
            f"raise it with {option_name(field_name)} or IngestLimits({field_name}=...))"
        )
        super().__init__(path, reason)


# -- decompression bombs ---------------------------------------------------------

_STREAM = re.compile(rb"stream\r?\n")
_OBJ_START = re.compile(rb"\d+\s+\d+\s+obj\b")
_CHUNK = 1 * MiB
_DICT_LOOKBACK = 4096


def check_pdf_streams(path: str | Path, data: bytes, limits: IngestLimits) -> None:
    """Refuse a PDF with a Flate stream that inflates past `limits.max_stream_bytes`.

    pdfium inflates a page's content streams whole when it parses the page, so
    a bomb must be caught before: each Flate stream is inflated here in chunks
    that are counted and thrown away (constant memory), stopping at the limit.
    Pictures are skipped: the text layer never decodes them.
    """
    limit = limits.max_stream_bytes
    position = 0
    while True:
        m = _STREAM.search(data, position)
        if m is None:
            return
        start = m.end()
        position = start
        header = _stream_dictionary(data, m.start())
        if b"/FlateDecode" not in header and b"/Fl " not in header and b"/Fl]" not in header and b"/Fl/" not in header:
            continue
        if b"/Image" in header or b"/DCTDecode" in header:
            continue
        end = data.find(b"endstream", start)
        stop = len(data) if end < 0 else end
        inflated = _inflated_size(data, start, stop, limit)
        if inflated > limit:
            raise LimitExceeded(
                path, "max_stream_bytes", f"a compressed stream inflates past {_size(limit)}",
                _size(limit), "per stream",
            )
        position = stop


def _size(n: int) -> str:
    return f"{n / MiB:g} MiB" if n >= MiB else f"{n:,} bytes"


def _stream_dictionary(data: bytes, stream_at: int) -> bytes:
    """The object header before a `stream` keyword (its dictionary), at most a few KiB of it."""
    lo = max(0, stream_at - _DICT_LOOKBACK)
    window = data[lo:stream_at]
    starts = list(_OBJ_START.finditer(window))
    return window[starts[-1].start():] if starts else window


def _inflated_size(data: bytes, start: int, stop: int, limit: int) -> int:
    """Bytes the stream inflates to, counted up to just past `limit`; broken data counts what came out."""
    inflater = zlib.decompressobj()
    total = 0
    view = memoryview(data)[start:stop]
    offset = 0
    try:
        while offset < len(view) and total <= limit:
            chunk = view[offset : offset + _CHUNK]
            offset += len(chunk)
            out = inflater.decompress(chunk, _CHUNK)
            total += len(out)
            while inflater.unconsumed_tail and total <= limit:
                out = inflater.decompress(inflater.unconsumed_tail, _CHUNK)
                if not out:
                    break  # the rest needs input that the (cut) file does not have
                total += len(out)
            if inflater.eof:
                break
    except zlib.error:
        pass  # a damaged stream: pdfium decides what it can read of it
    return total
