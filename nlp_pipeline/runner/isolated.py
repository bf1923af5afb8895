"""One worker process that analyses one document at a time, and can be stopped without losing the run.

The parent sends a task down a pipe; the child runs the work unit, reports
each stage it enters (so a stopped document names where it stopped) and sends
back the outcome with its seconds per stage and its peak memory. A document
that overruns its time is stopped by killing the child, which the parent
replaces; the child caps its own address space at what it needed to start
plus the memory limit, so a document that asks for more gets a MemoryError
(recorded, naming the limit) or, if a C library aborts on it, a dead worker
(recorded too). Children ignore Ctrl-C: the parent decides what an interrupt
stops.
"""

from __future__ import annotations

import faulthandler
import multiprocessing
import os
import resource
import signal
import sys
import time
from multiprocessing.connection import Connection

from nlp_pipeline.records import Failure
from nlp_pipeline.runner.base import (
    Done,
    RunLimits,
    Task,
    Worker,
    memory_limit_failure,
    time_limit_failure,
    worker_died_failure,
)


def default_context() -> multiprocessing.context.BaseContext:
    # Forking shares the loaded model with every worker and starts them in
    # milliseconds; where fork is unsafe or missing (macOS, Windows) workers
    # are spawned and load their own.
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


class IsolatedWorker:
    """A child process running `worker` on one task at a time, under RunLimits."""

    def __init__(self, worker: Worker, limits: RunLimits, label: str,
                 context: multiprocessing.context.BaseContext | None = None):
        self.worker = worker
        self.limits = limits
        self.label = label
        self.context = context or default_context()
        self.process: multiprocessing.process.BaseProcess | None = None
        self.connection: Connection | None = None
        self.task: Task | None = None
        self.stage = "ingest"
        self.started_at = 0.0

    # -- lifecycle ---------------------------------------------------------------------

    def ensure_running(self) -> None:
        if self.process is not None and self.process.is_alive():
            return
        self.close()
        parent_end, child_end = self.context.Pipe(duplex=True)
        self.process = self.context.Process(target=_serve, args=(self.worker, child_end, self.limits.max_memory),
                                            name=f"resourcing-{self.label}", daemon=True)
        self.process.start()
        child_end.close()
        self.connection = parent_end

    def close(self) -> None:
        if self.connection is not None:
            try:
                self.connection.send(None)
            except (OSError, ValueError):
                pass
        if self.process is not None:
            self.process.join(timeout=0.5)
            if self.process.is_alive():
                self.process.kill()
                self.process.join()
        if self.connection is not None:
            self.connection.close()
        self.process = None
        self.connection = None

    def kill(self) -> None:
        if self.process is not None and self.process.is_alive():
            self.process.kill()
            self.process.join()
        if self.connection is not None:
            self.connection.close()
        self.process = None
        self.connection = None

    # -- one task ----------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self.task is not None

    def submit(self, task: Task) -> None:
        self.ensure_running()
        assert self.connection is not None
        self.task = task
        self.stage = "ingest"
        self.started_at = time.monotonic()
        self.connection.send(task)

    def seconds_left(self) -> float | None:
        if self.task is None or not self.limits.max_seconds:
            return None
        return self.limits.max_seconds - (time.monotonic() - self.started_at)

    def waitables(self) -> list:
        if self.process is None or self.connection is None:
            return []
        return [self.connection, self.process.sentinel]

    def collect(self) -> Done | None:
        """The finished task, if it finished, was stopped for its time, or lost its worker; else None."""
        task = self.task
        if task is None or self.connection is None or self.process is None:
            return None
        try:
            while self.connection.poll():
                message = self.connection.recv()
                if message[0] == "stage":
                    self.stage = message[1]
                elif message[0] == "done":
                    _, outcome, seconds, peak, exiting = message
                    self.task = None
                    if exiting:
                        self.close()  # it ends itself; the next task starts a fresh one
                    return Done(task, outcome, seconds, peak, self.label)
        except (EOFError, OSError):
            pass
        if not self.process.is_alive():
            self.process.join()
            exitcode = self.process.exitcode
            self.kill()
            self.task = None
            return Done(task, worker_died_failure(task, exitcode, self.stage, self.limits.max_memory), {}, 0.0,
                        self.label)
        left = self.seconds_left()
        if left is not None and left <= 0:
            self.kill()
            self.task = None
            return Done(task, time_limit_failure(task, self.limits.max_seconds or 0, self.stage), {}, 0.0, self.label)
        return None

    def run_one(self, task: Task) -> Done:
        """Submit and wait: for callers that run one task at a time (a Dask task)."""
        from multiprocessing.connection import wait

        self.submit(task)
        while True:
            left = self.seconds_left()
            wait(self.waitables(), timeout=None if left is None else max(0.0, min(left, 1.0)))
            done = self.collect()
            if done is not None:
                return done


def _serve(worker: Worker, connection: Connection, max_memory: int | None) -> None:
    """The child's loop: tasks in, outcomes out, until the parent closes the pipe."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The parent reports a worker that dies, with the document and the stage;
    # a stack dump of the child on the terminal would only hide that line.
    faulthandler.disable()
    if "torch" in sys.modules:
        # Parallelism comes from the processes; a thread pool per worker
        # would oversubscribe the cores.
        sys.modules["torch"].set_num_threads(1)
    prepare = getattr(worker, "prepare", None)
    if prepare is not None:
        prepare()
    _cap_memory(max_memory)
    while True:
        try:
            task = connection.recv()
        except (EOFError, OSError):
            break
        if task is None:
            break
        try:
            outcome, seconds = worker(task, lambda stage: connection.send(("stage", stage)))
        except MemoryError:
            outcome, seconds = Failure(task.path, "", error_type="MemoryError", doc_id=task.doc_id), {}
        out_of_memory = isinstance(outcome, Failure) and outcome.error_type == "MemoryError"
        if out_of_memory and max_memory:
            outcome = memory_limit_failure(task, max_memory, outcome.stage)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
        try:
            connection.send(("done", outcome, seconds, peak, out_of_memory))
        except Exception as error:  # noqa: BLE001 - an outcome that cannot be sent is still reported
            failure = Failure(task.path, f"the result could not be sent back ({type(error).__name__}: {error})",
                              error_type=type(error).__name__, doc_id=task.doc_id)
            connection.send(("done", failure, seconds, peak, out_of_memory))
        if out_of_memory:
            break  # a fresh worker, not one whose heap just ran dry
    connection.close()
    os._exit(0)


def _cap_memory(max_memory: int | None) -> None:
    if not max_memory:
        return
    baseline = _address_space_bytes()
    if baseline is None:
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    wanted = baseline + max_memory * 1024 * 1024
    if hard != resource.RLIM_INFINITY:
        wanted = min(wanted, hard)
    resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))


def _address_space_bytes() -> int | None:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None
