"""The serial engine: each document in this process, one after another.

The time limit is enforced with an interval timer whose signal interrupts the
Python code of the stage running (a call inside a C library finishes first);
it applies only on the main thread, where signals are delivered. Memory is
not capped: a document that needs that protection runs in a worker process
(the local engine).
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from nlp_pipeline.runner.base import Done, RunLimits, Task, Worker, register_engine, time_limit_failure


class _OutOfTime(BaseException):
    """Raised by the timer inside the work unit; a BaseException so the unit's own handlers let it through."""


class SerialRunner:
    name = "serial"

    def __init__(self, limits: RunLimits | None = None):
        self.limits = limits or RunLimits()

    def run(self, worker: Worker, tasks: Iterable[Task], ordered: bool = True) -> Iterator[Done]:
        for task in tasks:
            stage = ["ingest"]
            try:
                with _deadline(self.limits.max_seconds):
                    outcome, seconds = worker(task, stage.append)
            except _OutOfTime:
                outcome, seconds = time_limit_failure(task, self.limits.max_seconds or 0, stage[-1]), {}
            yield Done(task, outcome, seconds, worker="main")


@contextmanager
def _deadline(seconds: float | None) -> Iterator[None]:
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise _OutOfTime()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@register_engine("serial")
def serial_runner(workers: int = 1, limits: RunLimits | None = None, scheduler: str | None = None) -> SerialRunner:
    return SerialRunner(limits)
