"""Reading one document in a forked process while the caller loads the models.

`check` reads one document and loads spaCy and the classifier; one at a
time they take about a second each, and a journalist's machine has a second
core doing nothing meanwhile. So the file is admitted here first (found, a
known format, not empty, and for a PDF opened and its pages counted), which
refuses a bad file in milliseconds and before any model is touched; then a
forked child reads it while the parent loads what analysis needs, and hands
the Document back through a pipe.

Where fork is not the platform's way of starting processes (Windows, macOS),
the document is read in this process when it is asked for: the same result,
one after the other.
"""

from __future__ import annotations

import multiprocessing
import signal
import sys
import time
import traceback
from multiprocessing.connection import Connection
from pathlib import Path

from nlp_pipeline.errors import InputError
from nlp_pipeline.ingest.limits import DEFAULT_LIMITS, IngestLimits
from nlp_pipeline.ingest.registry import AdmittedFile, admit_file, read_admitted
from nlp_pipeline.records import Document


class DocumentReading:
    """A document being read; `result()` gives it, or raises the reason it could not be read."""

    def __init__(self, admitted: AdmittedFile, limits: IngestLimits):
        self.admitted = admitted
        self.limits = limits
        self.seconds = 0.0  # the reading's own time, wherever it ran

    @property
    def path(self) -> Path:
        return self.admitted.path

    def result(self) -> Document:
        started = time.perf_counter()
        try:
            return read_admitted(self.admitted, self.limits)
        finally:
            self.seconds = time.perf_counter() - started

    def cancel(self) -> None:
        """Nothing runs until result() is asked for."""


class ForkedReading(DocumentReading):
    """The document read by a forked child, started at once."""

    def __init__(self, admitted: AdmittedFile, limits: IngestLimits):
        super().__init__(admitted, limits)
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        self._process = context.Process(target=_read_and_send, args=(admitted, limits, send), daemon=True,
                                        name=f"reading {admitted.path.name}")
        self._process.start()
        send.close()

    def result(self) -> Document:
        try:
            message = self._receive.recv()
        except EOFError:
            raise InputError(self.path, "reading stopped: the reading process ended without a result "
                                        "(out of memory?)") from None
        finally:
            self._receive.close()
            self._process.join()
        outcome, payload, self.seconds = message
        if outcome == "read":
            return payload
        if outcome == "refused":
            raise InputError(self.path, payload)
        raise RuntimeError(f"{self.path}: reading failed:\n{payload}")

    def cancel(self) -> None:
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._receive.close()


def read_in_background(path: str | Path, limits: IngestLimits | None = None) -> DocumentReading:
    """Admit the file now (InputError at once for a bad one), and start reading it where a core is free."""
    limits = limits or DEFAULT_LIMITS
    admitted = admit_file(path, limits, probe=True)
    if _can_fork():
        return ForkedReading(admitted, limits)
    return DocumentReading(admitted, limits)


def _can_fork() -> bool:
    # fork is safe on Linux; macOS offers it but its system libraries are not
    # fork-safe once threads exist, and Windows has no fork at all.
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def _read_and_send(admitted: AdmittedFile, limits: IngestLimits, send: Connection) -> None:
    # Ctrl-C reaches the whole process group; the parent handles it (and
    # stops this reader), so the reader must not print a traceback of its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    started = time.perf_counter()
    try:
        document = read_admitted(admitted, limits)
        message: tuple = ("read", document, 0.0)
    except InputError as refusal:
        message = ("refused", refusal.reason, 0.0)
    except Exception:  # a bug in a backend: the parent reports it with this traceback
        message = ("failed", traceback.format_exc(), 0.0)
    send.send((*message[:2], time.perf_counter() - started))
    send.close()
