"""Runners: where the per-document work unit runs.

A runner takes a worker, a picklable callable `worker(task, on_stage) ->
(outcome, stage_seconds)` (pipeline.DocumentWorker), and tasks that carry a
`path` and a `doc_id`, and yields one `Done` per task. Engines register by
name:

- `serial`: in this process, one document after another; the time limit
  applies where a signal can interrupt (the main thread), memory is not capped;
- `local`: N worker processes on this machine; a document that goes over its
  time or memory limit is stopped by ending its worker, which is replaced, and
  recorded as a failure naming the limit; a worker that dies is recorded too;
- `dask`: the same isolated workers on the machines of a Dask cluster.

Runners know nothing of documents beyond a task's path and id: the work unit
decides what a result is.
"""

from nlp_pipeline.runner.base import Done, RunLimits, Runner, declare_engine_modules, engine_names, make_runner

declare_engine_modules("nlp_pipeline.runner.serial", "nlp_pipeline.runner.pool", "nlp_pipeline.runner.cluster")

__all__ = ["Done", "RunLimits", "Runner", "engine_names", "make_runner"]
