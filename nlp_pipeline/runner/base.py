"""What every runner shares: the limits it enforces, what it yields, and the engine registry."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from nlp_pipeline.errors import UsageError
from nlp_pipeline.records import Failure, Stage


@dataclass(frozen=True)
class RunLimits:
    """What one document may cost a worker: wall-clock seconds and memory (MB) above the worker's own.

    None switches a limit off. The memory limit counts what the document adds
    to a worker that has its model loaded.
    """

    max_seconds: float | None = 600.0
    max_memory: int | None = 4096

    def __post_init__(self) -> None:
        for name in ("max_seconds", "max_memory"):
            value = getattr(self, name)
            if value is not None and value <= 0:
                raise ValueError(f"RunLimits.{name} must be positive, not {value!r}")


class Task(Protocol):
    path: str
    doc_id: str


Worker = Callable[..., tuple[Any, dict[str, float]]]


@dataclass(frozen=True)
class Done:
    """One finished task: its outcome (an analysis or a Failure), seconds per stage, and the worker's peak memory."""

    task: Any
    outcome: Any
    seconds: dict[str, float] = field(default_factory=dict)
    peak_memory_mb: float = 0.0
    worker: str = ""


class Runner(Protocol):
    name: str

    def run(self, worker: Worker, tasks: Iterable[Task], ordered: bool = False) -> Iterator[Done]:
        """One Done per task; in the order given if `ordered`, else as they finish."""


class ResultOrder:
    """Hands results on in task order when asked to (holding those that finish early), else as they finish."""

    def __init__(self, ordered: bool) -> None:
        self.ordered = ordered
        self._held: dict[int, Done] = {}
        self._next = 0

    def __len__(self) -> int:
        return len(self._held)

    def release(self, index: int, done: Done) -> list[Done]:
        """What may be yielded now that task `index` is done."""
        if not self.ordered:
            return [done]
        self._held[index] = done
        ready = []
        while self._next in self._held:
            ready.append(self._held.pop(self._next))
            self._next += 1
        return ready


def time_limit_failure(task: Task, seconds: float, stage: str) -> Failure:
    return Failure(
        task.path,
        f"stopped after {seconds:g} s while in {stage} (limit {seconds:g} seconds per document; "
        "raise it with --max-seconds)",
        Stage.LIMIT, "TimeLimitExceeded", doc_id=task.doc_id,
    )


def memory_limit_failure(task: Task, megabytes: int, stage: str) -> Failure:
    return Failure(
        task.path,
        f"ran out of memory while in {stage} (limit {megabytes} MB per document; raise it with --max-memory)",
        Stage.LIMIT, "MemoryLimitExceeded", doc_id=task.doc_id,
    )


def worker_died_failure(task: Task, exitcode: int | None, stage: str, max_memory: int | None = None) -> Failure:
    how = f"signal {-exitcode}" if exitcode is not None and exitcode < 0 else f"exit code {exitcode}"
    # A C library that cannot allocate aborts rather than raising: the likely
    # cause under a memory limit, and the one a user can act on.
    cause = (f"most likely over the memory limit ({max_memory} MB per document; raise it with --max-memory), "
             "or a crash in a PDF library") if max_memory else "a crash in a PDF library, or the system ran out of memory"
    return Failure(task.path, f"the worker analysing it stopped ({how}) while in {stage}: {cause}",
                   Stage.WORKER, "WorkerDied", doc_id=task.doc_id)


RunnerFactory = Callable[..., Runner]
_ENGINES: dict[str, RunnerFactory] = {}
_ENGINE_MODULES: list[str] = []


def declare_engine_modules(*modules: str) -> None:
    _ENGINE_MODULES.extend(m for m in modules if m not in _ENGINE_MODULES)


def register_engine(name: str) -> Callable[[RunnerFactory], RunnerFactory]:
    def decorate(factory: RunnerFactory) -> RunnerFactory:
        _ENGINES[name] = factory
        return factory

    return decorate


def engine_names() -> list[str]:
    _load()
    return sorted(_ENGINES)


def make_runner(engine: str = "serial", *, workers: int = 1, limits: RunLimits | None = None,
                scheduler: str | None = None) -> Runner:
    """A runner by engine name: serial, local (worker processes) or dask (a cluster)."""
    _load()
    if engine not in _ENGINES:
        raise UsageError(f"--engine {engine!r} is unknown (choose {', '.join(sorted(_ENGINES))})")
    if workers < 1 and engine != "serial":
        raise UsageError(f"--workers must be 1 or more for the {engine} engine, not {workers}")
    return _ENGINES[engine](workers=workers, limits=limits or RunLimits(), scheduler=scheduler)


def _load() -> None:
    for module in _ENGINE_MODULES:
        importlib.import_module(module)
