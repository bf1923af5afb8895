"""The local engine: documents analysed in N worker processes on this machine, each under the run's limits.

Results come back as they finish, or in the order given (`ordered=True`,
what a report folder wants) with at most a few finished documents held back
waiting for a slower one, so memory stays bounded either way.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from multiprocessing.connection import wait

from nlp_pipeline.runner.base import Done, ResultOrder, RunLimits, Task, Worker, register_engine
from nlp_pipeline.runner.isolated import IsolatedWorker

# The most finished documents held back for an ordered run, per worker.
_HELD_PER_WORKER = 2


class LocalPool:
    name = "local"

    def __init__(self, workers: int = 1, limits: RunLimits | None = None):
        self.size = max(1, workers)
        self.limits = limits or RunLimits()

    def run(self, worker: Worker, tasks: Iterable[Task], ordered: bool = False) -> Iterator[Done]:
        slots = [IsolatedWorker(worker, self.limits, f"worker-{n + 1}") for n in range(self.size)]
        pending = enumerate(tasks)
        exhausted = False
        running: dict[IsolatedWorker, int] = {}
        results = ResultOrder(ordered)
        try:
            while True:
                for slot in slots:
                    if exhausted or slot in running or len(results) >= _HELD_PER_WORKER * self.size:
                        continue
                    item = next(pending, None)
                    if item is None:
                        exhausted = True
                        break
                    slot.submit(item[1])
                    running[slot] = item[0]
                if not running:
                    break
                lefts = [left for slot in running if (left := slot.seconds_left()) is not None]
                timeout = max(0.0, min([1.0, *lefts]))
                wait([w for slot in running for w in slot.waitables()], timeout=timeout)
                for slot in list(running):
                    done = slot.collect()
                    if done is None:
                        continue
                    yield from results.release(running.pop(slot), done)
        finally:
            for slot in slots:
                if slot.busy:
                    slot.kill()
                else:
                    slot.close()


@register_engine("local")
def local_pool(workers: int = 1, limits: RunLimits | None = None, scheduler: str | None = None) -> LocalPool:
    return LocalPool(workers, limits)
