"""How a batch shows its progress and its summary: Rich on a terminal, plain lines otherwise,
nothing with ``--quiet``.

The work of a run is measured in input bytes: the sizes of the planned files, taken before the
run starts. The bar and the ETA follow the bytes of the files finished; a file skipped as up to
date or failed takes its bytes off what remains without counting toward the speed, so a rerun
that skips most files does not promise an early end.
"""

import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from types import TracebackType
from typing import TYPE_CHECKING, TextIO

from translator.batch.paths import Planned
from translator.batch.report import Row, Status

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress

PLAIN_EVERY_SECONDS = 5.0
UNKNOWN_ETA = "-:--:--"

Clock = Callable[[], float]


@dataclass
class Tally:
    """What the rows so far add up to, against the work planned."""

    planned_files: int
    planned_bytes: int
    started: float
    statuses: Counter[Status] = field(default_factory=Counter)
    sentences: int = 0
    characters: int = 0
    qa_flags: int = 0
    terms_missing: int = 0
    fallbacks: int = 0
    finished_bytes: int = 0  # input bytes of the files handled, whatever their status
    translated_bytes: int = 0  # input bytes of the files translated

    def add(self, row: Row, size: int) -> None:
        """Count ``row``, the row of a file of ``size`` input bytes."""
        self.statuses[row.status] += 1
        self.sentences += row.sentences
        self.characters += row.characters
        self.qa_flags += row.qa_flags
        self.terms_missing += row.terms_missing
        self.fallbacks += row.fallbacks
        self.finished_bytes += size
        if row.status == Status.DONE:
            self.translated_bytes += size

    @property
    def files(self) -> int:
        return sum(self.statuses.values())

    def rate(self, now: float) -> float:
        """Characters translated per second since the start."""
        elapsed = now - self.started
        return self.characters / elapsed if elapsed > 0 else 0.0

    def eta(self, now: float) -> str:
        """The time left (``h:mm:ss``): the bytes not yet finished at the speed so far."""
        elapsed = now - self.started
        if elapsed <= 0 or self.translated_bytes == 0:
            return UNKNOWN_ETA
        left = max(0, self.planned_bytes - self.finished_bytes)
        return _clock_time(left * elapsed / self.translated_bytes)

    def line(self, now: float) -> str:
        """The periodic progress line: files, sentences, speed and ETA."""
        return (
            f"{self.files}/{self.planned_files} files, {self.sentences} sentences, "
            f"{self.rate(now):.0f} chars/s, ETA {self.eta(now)}"
        )

    def summary(self, now: float) -> list[tuple[str, str]]:
        """The summary of the run: (what, how many) pairs."""
        return [
            ("files translated", str(self.statuses[Status.DONE])),
            ("files up to date", str(self.statuses[Status.SKIPPED])),
            ("files failed", str(self.statuses[Status.FAILED])),
            ("sentences", str(self.sentences)),
            ("characters", str(self.characters)),
            ("seconds", f"{now - self.started:.1f}"),
            ("QA flags", str(self.qa_flags)),
            ("glossary terms missing", str(self.terms_missing)),
            ("inline spans by fallback", str(self.fallbacks)),
        ]


def plain_summary(pairs: list[tuple[str, str]]) -> str:
    """The summary as aligned lines: names left, numbers right."""
    names = max(len(name) for name, _ in pairs)
    values = max(len(value) for _, value in pairs)
    return "".join(f"{name:<{names}}  {value:>{values}}\n" for name, value in pairs)


class Display:
    """Shows the rows of a run as they come, then its summary; a context manager around the run.

    ``console``: draw with Rich on it (default: on standard error when that is a terminal);
    otherwise plain lines go to ``stream`` (default: standard error) every
    :data:`PLAIN_EVERY_SECONDS`. ``clock`` gives the time in seconds.
    """

    def __init__(
        self,
        planned: Sequence[Planned],
        quiet: bool = False,
        console: "Console | None" = None,
        stream: TextIO | None = None,
        clock: Clock = time.monotonic,
    ) -> None:
        self.sizes = {str(item.input): _size(item) for item in planned}
        self.quiet = quiet
        self.clock = clock
        self.tally = Tally(len(planned), sum(self.sizes.values()), clock())
        self.stream = stream or sys.stderr
        if console is None and not quiet and stream is None and sys.stderr.isatty():
            from rich.console import Console

            console = Console(stderr=True)
        self.console = None if quiet else console
        self._bar: Progress | None = None
        self._task = 0
        self._shown = self.tally.started

    def __enter__(self) -> "Display":
        if self.console is not None:
            from translator.batch.terminal import progress_bar

            self._bar = progress_bar(self.tally, self.clock, self.console)
            self._bar.start()
            self._task = self._bar.add_task("batch", total=max(1, self.tally.planned_bytes))
        return self

    def __call__(self, row: Row) -> None:
        self.tally.add(row, self.sizes.get(row.input, 0))
        if self._bar is not None:
            self._bar.update(self._task, completed=self.tally.finished_bytes)
            return
        now = self.clock()
        if not self.quiet and now - self._shown >= PLAIN_EVERY_SECONDS:
            self._shown = now
            self.stream.write(self.tally.line(now) + "\n")

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._bar is not None:
            self._bar.stop()

    def finish(self, stopped: bool) -> None:
        """The summary (after, when stopped early, how far the run got)."""
        if self.quiet:
            return
        pairs = self.tally.summary(self.clock())
        note = (
            f"interrupted after {self.tally.files} of {self.tally.planned_files} files; "
            "run the same command again to finish"
        )
        if self.console is not None:
            from translator.batch.terminal import summary_table

            if stopped:
                self.console.print(note, highlight=False)
            self.console.print(summary_table(pairs))
            return
        if stopped:
            self.stream.write(note + "\n")
        self.stream.write(plain_summary(pairs))


def _clock_time(seconds: float) -> str:
    whole = round(seconds)
    return f"{whole // 3600}:{whole // 60 % 60:02}:{whole % 60:02}"


def _size(item: Planned) -> int:
    """The input's size in bytes (0 when it cannot be read: its row will say why)."""
    try:
        return item.input.stat().st_size
    except OSError:
        return 0
