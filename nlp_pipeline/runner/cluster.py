"""The dask engine: the same isolated work unit on the machines of a Dask cluster (dask.distributed).

`make_runner("dask", scheduler="tcp://host:8786")` connects to a running
scheduler; without one it starts a LocalCluster of `workers` processes (for
trying the set-up on one machine). Each task runs inside the Dask worker in an
IsolatedWorker of its own (one per worker thread, kept between tasks), so the
time and memory limits, and a dead process, are handled exactly as in the
local engine, and the results are the same. The worker object (taxonomy,
classifier name, limits) is sent to every machine once; each process builds
its classifier on first use. Paths must be readable under the same name on
every machine (a shared file system).
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
from collections.abc import Iterable, Iterator

from nlp_pipeline.errors import UsageError
from nlp_pipeline.runner.base import Done, ResultOrder, RunLimits, Task, Worker, register_engine
from nlp_pipeline.runner.isolated import IsolatedWorker

# Tasks submitted ahead of those finished, per worker thread: enough to keep
# the cluster busy, few enough that results do not pile up in memory.
_AHEAD_PER_THREAD = 2
_local = threading.local()
log = logging.getLogger("resourcing")


def run_isolated(worker: Worker, limits: RunLimits, task: Task) -> Done:
    """Runs on a Dask worker: the task in this thread's own worker process."""
    if multiprocessing.current_process().daemon:
        # A daemonic Dask worker may not start processes: the document runs
        # in the worker itself, without the time and memory limits. Start
        # workers with DASK_DISTRIBUTED__WORKER__DAEMON=False to have them.
        if not getattr(_local, "warned", False):
            log.warning("Dask worker is daemonic: documents run without per-document time and memory limits")
            _local.warned = True
        outcome, seconds = worker(task, None)
        return Done(task, outcome, seconds, 0.0, "dask-inline")
    isolated = getattr(_local, "isolated", None)
    if isolated is None or isolated.worker is not worker:
        if isolated is not None:
            isolated.close()
        isolated = _local.isolated = IsolatedWorker(worker, limits, f"dask-{threading.get_ident()}")
    return isolated.run_one(task)


class DaskRunner:
    name = "dask"

    def __init__(self, workers: int = 1, limits: RunLimits | None = None, scheduler: str | None = None):
        self.workers = max(1, workers)
        self.limits = limits or RunLimits()
        self.scheduler = scheduler

    def _client(self):
        try:
            from distributed import Client, LocalCluster
        except ImportError as error:
            raise UsageError("--engine dask needs dask.distributed: pip install 'resourcing-analyzer[dask]'") from error
        # Importing distributed configures its loggers; a batch shows only their errors.
        for name in ("distributed", "tornado", "asyncio"):
            logging.getLogger(name).setLevel(logging.ERROR)
        if self.scheduler:
            try:
                return Client(self.scheduler, timeout="20s"), None
            except (OSError, TimeoutError) as error:
                raise UsageError(f"--scheduler {self.scheduler}: no Dask scheduler answers there ({error})") from error
        import dask

        # Non-daemonic workers may start the isolated process each document runs in.
        with dask.config.set({"distributed.worker.daemon": False}):
            cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None, silence_logs=logging.ERROR)
        return Client(cluster), cluster

    def run(self, worker: Worker, tasks: Iterable[Task], ordered: bool = False) -> Iterator[Done]:
        from distributed import as_completed

        client, cluster = self._client()
        try:
            threads = max(1, sum(client.nthreads().values()))
            shared_worker = client.scatter(worker, broadcast=True)
            pending = iter(tasks)
            submitted = as_completed()
            order: dict[str, int] = {}
            results = ResultOrder(ordered)

            def submit_next(index: int) -> bool:
                task = next(pending, None)
                if task is None:
                    return False
                # pure=False: the same path twice in a run is two tasks, not one cached result.
                future = client.submit(run_isolated, shared_worker, self.limits, task, pure=False)
                order[future.key] = index
                submitted.add(future)
                return True

            count = 0
            while count < _AHEAD_PER_THREAD * threads and submit_next(count):
                count += 1
            for future in submitted:
                done = future.result()
                index = order.pop(future.key)
                future.release()
                if submit_next(count):
                    count += 1
                yield from results.release(index, done)
        finally:
            client.close()
            if cluster is not None:
                cluster.close()


@register_engine("dask")
def dask_runner(workers: int = 1, limits: RunLimits | None = None, scheduler: str | None = None) -> DaskRunner:
    return DaskRunner(workers, limits, scheduler)
