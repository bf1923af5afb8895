"""Runners: the same outcomes in this process and in worker processes; limits and dead workers become failures."""

from __future__ import annotations

import os
import signal
import time
from dataclasses import dataclass

import pytest

from nlp_pipeline.records import Failure, Stage
from nlp_pipeline.runner import RunLimits, make_runner


@dataclass(frozen=True)
class Job:
    path: str
    action: str = "echo"
    doc_id: str = ""


class Worker:
    """A stand-in work unit: echoes, sleeps, allocates, or dies, as the job says."""

    def __call__(self, job: Job, on_stage=None):
        if on_stage:
            on_stage("segment")
        if job.action == "sleep":
            time.sleep(30)
        elif job.action == "allocate":
            try:
                hoard = bytearray(3 * 1024**3)
                return f"allocated {len(hoard)}", {}
            except MemoryError:
                return Failure(job.path, "", Stage.SEGMENT, "MemoryError"), {}
        elif job.action == "die":
            os.kill(os.getpid(), signal.SIGKILL)
        return f"done {job.path}", {"segment": 0.0}


ENGINES = [("serial", 1), ("local", 1), ("local", 2)]


@pytest.mark.parametrize("engine, workers", ENGINES)
def test_whether_every_engine_yields_one_outcome_per_task_in_the_order_given(engine, workers):
    jobs = [Job(f"file{n}") for n in range(7)]
    runner = make_runner(engine, workers=workers)
    outcomes = [done.outcome for done in runner.run(Worker(), jobs, ordered=True)]
    assert outcomes == [f"done file{n}" for n in range(7)]


def test_whether_a_document_over_its_time_is_stopped_with_the_limit_named_and_the_run_goes_on():
    runner = make_runner("local", workers=1, limits=RunLimits(max_seconds=1.5))
    started = time.monotonic()
    done = list(runner.run(Worker(), [Job("slow.pdf", "sleep"), Job("next.pdf")], ordered=True))
    assert time.monotonic() - started < 20
    failure = done[0].outcome
    assert isinstance(failure, Failure) and failure.stage is Stage.LIMIT
    assert "--max-seconds" in failure.reason and "in segment" in failure.reason
    assert done[1].outcome == "done next.pdf"


def test_whether_the_serial_engine_stops_a_document_over_its_time_too():
    runner = make_runner("serial", limits=RunLimits(max_seconds=1))
    (done,) = runner.run(Worker(), [Job("slow.pdf", "sleep")])
    assert isinstance(done.outcome, Failure) and "--max-seconds" in done.outcome.reason


def test_whether_a_document_over_its_memory_is_refused_with_the_limit_named():
    runner = make_runner("local", workers=1, limits=RunLimits(max_memory=256))
    done = list(runner.run(Worker(), [Job("big.pdf", "allocate"), Job("next.pdf")], ordered=True))
    failure = done[0].outcome
    assert isinstance(failure, Failure) and "--max-memory" in failure.reason and "256 MB" in failure.reason
    assert done[1].outcome == "done next.pdf"


def test_whether_a_worker_that_dies_is_recorded_and_replaced():
    runner = make_runner("local", workers=1)
    done = list(runner.run(Worker(), [Job("crash.pdf", "die"), Job("next.pdf")], ordered=True))
    failure = done[0].outcome
    assert isinstance(failure, Failure) and failure.stage is Stage.WORKER and "signal 9" in failure.reason
    assert done[1].outcome == "done next.pdf"


def test_whether_an_unknown_engine_is_a_usage_error():
    from nlp_pipeline.errors import UsageError

    with pytest.raises(UsageError, match="--engine 'spark'"):
        make_runner("spark")
