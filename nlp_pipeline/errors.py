"""Errors a user can act on: one line naming the file (or option) and the reason.

Every error the library raises on purpose is a ResourcingError and carries the
exit code the command line turns it into, so the CLI has one place that
prints and exits. A batch catches InputError per file, records it and goes on
with the rest; anything that is not a ResourcingError is a bug.

Exit codes: 1 some inputs failed (they are listed, the rest completed),
2 usage or configuration error (nothing was analysed), 130 interrupted
(Ctrl-C: an output folder is left as it was; a store keeps every document
finished before the interrupt).
"""

from __future__ import annotations

from pathlib import Path

EXIT_INPUT_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


class ResourcingError(Exception):
    """An error with a message meant for the user and the exit code that goes with it."""

    exit_code: int = EXIT_USAGE


class UsageError(ResourcingError):
    """An option or argument the command cannot work with."""


class InputError(ResourcingError):
    """A file that cannot be analysed, with the reason a user can act on."""

    exit_code = EXIT_INPUT_FAILED

    def __init__(self, path: str | Path, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class TaxonomyError(ResourcingError):
    """A taxonomy file that does not satisfy the schema; one line per problem."""

    def __init__(self, path: str | Path, problems: list[str]):
        self.path = str(path)
        self.problems = problems
        joined = "; ".join(problems[:5])
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        super().__init__(f"{self.path}: invalid taxonomy: {joined}{more}")


class LabelError(ResourcingError):
    """A labelled-passage file that cannot be used; names the file and line."""


class PassageFormatError(ResourcingError):
    """A `classify` input that breaks the JSONL format; names the file and line."""


class OutputError(ResourcingError):
    """An output folder or file that cannot be written as asked."""


class OutputExistsError(OutputError):
    """The output folder already holds results that would be overwritten."""

    def __init__(self, out_dir: str | Path, found: list[str]):
        self.out_dir = Path(out_dir)
        self.found = found
        listed = ", ".join(found[:5]) + (f" and {len(found) - 5} more" if len(found) > 5 else "")
        super().__init__(
            f"{out_dir}: holds results of an earlier run ({listed}); "
            "refusing to overwrite them — choose another folder or pass overwrite=True (--overwrite)"
        )


class StoreError(ResourcingError):
    """A result store that cannot be opened, read or written; names the file."""


class RunInterrupted(ResourcingError):
    """The user stopped a run (Ctrl-C); says what was kept."""

    exit_code = EXIT_INTERRUPTED
