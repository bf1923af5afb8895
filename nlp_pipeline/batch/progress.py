"""How a batch shows its progress: a live line for people, JSON lines for scripts, or nothing.

Each display is an observer `(progress, done)` called once before the work
starts (done=None) and once per finished document.
"""

from __future__ import annotations

import logging
import sys
from typing import TextIO

from nlp_pipeline.batch.run import BatchProgress
from nlp_pipeline.records import Failure
from nlp_pipeline.runner import Done

log = logging.getLogger("resourcing")


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "…"
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes}:{secs:02}"


def status_line(progress: BatchProgress) -> str:
    return (f"{progress.done}/{progress.to_analyse} documents, {progress.pages} pages, {progress.passages} passages, "
            f"{progress.failed} failed; {progress.rate:.2f} docs/s, {_duration(progress.seconds_left)} left")


class RichProgress:
    """A progress bar with the counts, rate and time left, on stderr."""

    def __init__(self, stream: TextIO | None = None):
        from rich.console import Console
        from rich.progress import BarColumn, Progress, TextColumn

        self.console = Console(file=stream or sys.stderr)
        self.bar = Progress(TextColumn("[bold]batch"), BarColumn(), TextColumn("{task.description}"),
                            console=self.console, transient=False)
        self.task = None

    def __call__(self, progress: BatchProgress, done: Done | None) -> None:
        if self.task is None:
            self.console.print(f"{progress.total} files: {progress.unchanged} unchanged, "
                               f"{progress.failed_before} failed before (not retried), "
                               f"{progress.to_analyse} to analyse")
            self.bar.start()
            self.task = self.bar.add_task(status_line(progress), total=max(progress.to_analyse, 1))
        if done is not None and isinstance(done.outcome, Failure):
            self.bar.console.print(f"[red]failed[/red] {done.outcome}", markup=True, highlight=False, soft_wrap=True)
        self.bar.update(self.task, completed=progress.done, description=status_line(progress))

    def close(self) -> None:
        if self.task is not None:
            self.bar.stop()


class JsonProgress:
    """One JSON object per event on stderr (through the JSON log): for scripts and schedulers."""

    def __call__(self, progress: BatchProgress, done: Done | None) -> None:
        event = {"done": progress.done, "to_analyse": progress.to_analyse, **progress.counts()}
        if done is not None:
            outcome = done.outcome
            event["path"] = done.task.path
            event["result"] = "failed" if isinstance(outcome, Failure) else "analysed"
            if isinstance(outcome, Failure):
                event["failure"] = outcome.to_log()
        log.warning("progress", extra={"event": event})

    def close(self) -> None:
        pass


class QuietProgress:
    def __call__(self, progress: BatchProgress, done: Done | None) -> None:
        pass

    def close(self) -> None:
        pass
