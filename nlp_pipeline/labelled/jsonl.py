"""Reading the project's JSON-lines files (labels, annotations, expert verdicts).

Every reader names a broken line by its place, `file.jsonl:12`, so a user can
open the file at the line; blank lines are allowed between records.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from nlp_pipeline.errors import LabelError


def jsonl_files(path: str | Path) -> list[Path]:
    """The .jsonl files a path names: itself, or those in the folder, sorted."""
    path = Path(path)
    return sorted(path.glob("*.jsonl")) if path.is_dir() else [path]


def numbered_records(path: str | Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """(file:line, record) for every non-blank line; a line that is not a JSON object names its place."""
    path = Path(path)
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path.name}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise LabelError(f"{where}: not valid JSON ({exc.msg})") from exc
        if not isinstance(record, dict):
            raise LabelError(f"{where}: not a JSON object")
        yield where, record


def read_jsonl(path: str | Path) -> list[tuple[str, dict[str, Any]]]:
    """Every (file:line, record) of one file."""
    return list(numbered_records(path))
