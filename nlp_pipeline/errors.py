"""Errors that name the file and the reason in one line.

A batch catches InputError per file, reports it and goes on with the rest;
anything else is a bug and is allowed to surface.
"""

from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """A file that cannot be analysed, with the reason a user can act on."""

    def __init__(self, path: str | Path, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class TaxonomyError(Exception):
    """A taxonomy file that does not satisfy the schema; one line per problem."""

    def __init__(self, path: str | Path, problems: list[str]):
        self.path = str(path)
        self.problems = problems
        joined = "; ".join(problems[:5])
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        super().__init__(f"{self.path}: invalid taxonomy: {joined}{more}")
