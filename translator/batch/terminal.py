"""The Rich side of a batch's display (imported only when drawing on a terminal): the progress
bar and the summary table."""

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.console import Console
from rich.progress import BarColumn, Progress, ProgressColumn, Task, TextColumn
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from translator.batch.progress import Clock, Tally


class _Live(ProgressColumn):
    """A column showing what ``show`` says each time the bar is drawn (the speed and the ETA
    move between rows too)."""

    def __init__(self, show: Callable[[], str]) -> None:
        super().__init__()
        self.show = show

    def render(self, task: Task) -> Text:
        return Text(self.show())


def progress_bar(tally: "Tally", clock: "Clock", console: Console) -> Progress:
    """A bar of the bytes finished, with files, sentences, characters per second and ETA."""
    return Progress(
        _Live(lambda: f"{tally.files}/{tally.planned_files} files"),
        BarColumn(),
        _Live(lambda: f"{tally.sentences} sentences"),
        _Live(lambda: f"{tally.rate(clock()):.0f} chars/s"),
        TextColumn("ETA"),
        _Live(lambda: tally.eta(clock())),
        console=console,
        transient=True,
        get_time=clock,
    )


def summary_table(pairs: list[tuple[str, str]]) -> Table:
    """The summary of a run as a table: names left, numbers right."""
    table = Table(title="batch summary", show_header=False)
    table.add_column()
    table.add_column(justify="right")
    for name, value in pairs:
        table.add_row(name, value)
    return table
