"""How a batch shows its progress: a Rich bar on a terminal, plain lines otherwise, or nothing."""

import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from types import TracebackType
from typing import TYPE_CHECKING

from translator.batch.report import Row, Status

if TYPE_CHECKING:
    from rich.progress import Progress

PLAIN_EVERY_SECONDS = 5.0


@dataclass
class Tally:
    """Files per status, sentences and characters so far, and the time since the start."""

    started: float = field(default_factory=time.monotonic)
    statuses: Counter[Status] = field(default_factory=Counter)
    sentences: int = 0
    characters: int = 0

    def add(self, row: Row) -> None:
        self.statuses[row.status] += 1
        self.sentences += row.sentences
        self.characters += row.characters

    @property
    def files(self) -> int:
        return sum(self.statuses.values())

    def summary(self) -> str:
        return (
            f"{self.statuses[Status.DONE]} done, {self.statuses[Status.SKIPPED]} up to date, "
            f"{self.statuses[Status.FAILED]} failed; {self.sentences} sentences, "
            f"{self.characters} characters in {time.monotonic() - self.started:.1f} s"
        )


class Display:
    """Shows each row as it comes; a context manager around the run."""

    def __init__(self, total: int, quiet: bool = False) -> None:
        self.total = total
        self.quiet = quiet
        self.tally = Tally()
        self._bar: Progress | None = None
        self._task = 0
        self._shown = time.monotonic()

    def __enter__(self) -> "Display":
        if not self.quiet and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            self._bar = Progress(
                TextColumn("files"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[sentences]} sentences"),
                console=Console(stderr=True),
                transient=True,
            )
            self._bar.start()
            self._task = self._bar.add_task("files", total=self.total, sentences=0)
        return self

    def __call__(self, row: Row) -> None:
        self.tally.add(row)
        if self._bar is not None:
            self._bar.update(self._task, completed=self.tally.files, sentences=self.tally.sentences)
        elif not self.quiet and time.monotonic() - self._shown >= PLAIN_EVERY_SECONDS:
            self._shown = time.monotonic()
            sys.stderr.write(f"{self.tally.files}/{self.total} files: {self.tally.summary()}\n")

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._bar is not None:
            self._bar.stop()

    def finish(self, stopped: bool) -> None:
        """The summary line (and, when stopped early, how far the run got)."""
        if self.quiet:
            return
        if stopped:
            sys.stderr.write(
                f"interrupted after {self.tally.files} of {self.total} files; "
                "run the same command again to finish\n"
            )
        sys.stderr.write(self.tally.summary() + "\n")
