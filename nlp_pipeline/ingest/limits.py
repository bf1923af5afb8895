"""Limits on what one document may cost, and the refusals that name them.

Each limit has a default that every real document in ../shared/corpora passes
with room to spare; a document over a limit is refused with a `LimitExceeded`
(an `InputError`, so a batch records it and goes on) whose one-line message
names the file, the limit and how to raise it. Field names are the option
names: `max_pages` is `--max-pages` on the command line.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

from nlp_pipeline.errors import InputError

MiB = 1024 * 1024


@dataclass(frozen=True)
class IngestLimits:
    """What one document may cost before it is refused (or, for text length, split)."""

    max_pages: int = 5_000  # pages per document
    max_stream_bytes: int = 128 * MiB  # decompressed bytes per PDF content stream
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
