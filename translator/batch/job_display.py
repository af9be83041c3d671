"""How ``translator batch --submit`` shows a job the server runs: a Rich bar of the sentences
done on a terminal, plain lines otherwise, nothing with ``--quiet``; then the batch summary.

The server measures a job in sentences (counted when the files were submitted), so the bar
does too; the estimate of the time left is the server's.
"""

import sys
import time
from collections.abc import Sequence
from types import TracebackType
from typing import TYPE_CHECKING, TextIO

from translator.batch.paths import Planned
from translator.batch.progress import PLAIN_EVERY_SECONDS, Clock, Display
from translator.batch.report import Row
from translator.jobs.models import JobPublic

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress


class JobDisplay:
    """Shows each reading of a job, then the summary of its rows; a context manager around
    the following. ``console``: draw with Rich on it (default: on standard error when that is a
    terminal); otherwise plain lines go to ``stream`` (default: standard error) when the
    status changes, and at most every :data:`PLAIN_EVERY_SECONDS` while it runs."""

    def __init__(
        self,
        planned: Sequence[Planned],
        quiet: bool = False,
        console: "Console | None" = None,
        stream: TextIO | None = None,
        clock: Clock = time.monotonic,
    ) -> None:
        self.planned = planned
        self.quiet = quiet
        self.clock = clock
        self.started = clock()
        self.stream = stream or sys.stderr
        if console is None and not quiet and stream is None and sys.stderr.isatty():
            from rich.console import Console

            console = Console(stderr=True)
        self.console = None if quiet else console
        self._bar: Progress | None = None
        self._task = 0
        self._last: tuple[str, float] | None = None  # the status and time of the last line

    def __enter__(self) -> "JobDisplay":
        if self.console is not None:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            self._bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("sentences{task.fields[left]}"),
                console=self.console,
                transient=True,
            )
            self._bar.start()
            self._task = self._bar.add_task("job", total=None, left="")
        return self

    def __call__(self, job: JobPublic) -> None:
        if self._bar is not None:
            self._bar.update(
                self._task,
                description=f"job {job.id} {job.status}",
                completed=job.sentences_done,
                total=max(1, job.sentences_total),
                left=_left(job),
                refresh=True,  # each reading drawn, the last one too
            )
            return
        now = self.clock()
        if self.quiet or (
            self._last is not None
            and self._last[0] == job.status
            and now - self._last[1] < PLAIN_EVERY_SECONDS
        ):
            return
        self._last = (job.status, now)
        self.stream.write(line(job) + "\n")

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._bar is not None:
            self._bar.stop()

    def finish(self, rows: Sequence[Row]) -> None:
        """The summary of the rows, as a local batch shows it (its time: since the start)."""
        summary = Display(self.planned, self.quiet, self.console, self.stream, self.clock)
        summary.tally.started = self.started
        for row in rows:
            summary.tally.add(row, summary.sizes.get(row.input, 0))
        summary.finish(stopped=False)


def line(job: JobPublic) -> str:
    """A job's progress in one line: status, files and sentences done, the time left."""
    failed = f", {job.items_failed} failed" if job.items_failed else ""
    return (
        f"job {job.id} {job.status}: {job.items_done}/{job.items_total} files{failed}, "
        f"{job.sentences_done}/{job.sentences_total} sentences{_left(job)}"
    )


def _left(job: JobPublic) -> str:
    return "" if job.seconds_remaining is None else f", about {job.seconds_remaining:.0f} s left"
