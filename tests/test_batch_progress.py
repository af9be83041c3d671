"""The progress and the summary of `translator batch`: plain lines when standard error is not a
terminal, a Rich bar and table when it is, nothing with --quiet.

The time is a clock the test moves; the work is the input bytes of real planned files.
"""

import io
import re
from pathlib import Path

from rich.console import Console

from translator.batch.paths import Planned
from translator.batch.progress import Display
from translator.batch.report import Row, Status


class Clock:
    """A clock that shows what the test sets."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def planned(folder: Path, sizes: list[int]) -> list[Planned]:
    """Files of these sizes in ``folder``, planned into ``folder/out``."""
    items = []
    for n, size in enumerate(sizes):
        path = folder / f"f{n}.txt"
        path.write_bytes(b"x" * size)
        out = folder / "out"
        items.append(Planned(path, out / f"f{n}.en.txt", out, f"f{n}.en.txt"))
    return items


def done(item: Planned, sentences: int, characters: int, **counts: int) -> Row:
    return Row(
        str(item.input), str(item.output), Status.DONE, "uk", sentences, characters, **counts
    )


def skipped(item: Planned) -> Row:
    return Row(str(item.input), str(item.output), Status.SKIPPED, "uk")


def failed(item: Planned) -> Row:
    return Row(str(item.input), str(item.output), Status.FAILED, error="bad")


SUMMARY = """\
files translated             2
files up to date             2
files failed                 1
sentences                   30
characters                2500
seconds                   12.0
QA flags                     3
glossary terms missing       1
inline spans by fallback     4
"""


def test_plain_lines_every_five_seconds_then_the_summary(tmp_path: Path) -> None:
    items = planned(tmp_path, [500, 1000, 1000, 2000, 500, 500])
    clock, stream = Clock(), io.StringIO()
    with Display(items, stream=stream, clock=clock) as display:
        clock.now = 101.0
        display(skipped(items[0]))  # takes its bytes off the work left, adds no speed
        clock.now = 102.0
        display(done(items[1], 10, 1000, qa_flags=2))
        clock.now = 106.0
        display(failed(items[2]))
        clock.now = 110.0
        display(done(items[3], 20, 1500, qa_flags=1, terms_missing=1, fallbacks=4))
        clock.now = 111.0
        display(skipped(items[4]))
        assert stream.getvalue() == (
            # 1000 bytes translated in 6 s; 3000 bytes left
            "3/6 files, 10 sentences, 167 chars/s, ETA 0:00:18\n"
            # 3000 bytes translated in 11 s; 500 bytes left
            "5/6 files, 30 sentences, 227 chars/s, ETA 0:00:02\n"
        )
        clock.now = 112.0
    display.finish(stopped=True)
    assert stream.getvalue().splitlines()[2:] == [
        "interrupted after 5 of 6 files; run the same command again to finish",
        *SUMMARY.splitlines(),
    ]


def test_the_summary_alone_when_no_line_was_due(tmp_path: Path) -> None:
    items = planned(tmp_path, [10])
    clock, stream = Clock(), io.StringIO()
    with Display(items, stream=stream, clock=clock) as display:
        clock.now = 104.9
        display(done(items[0], 1, 10))
    display.finish(stopped=False)
    assert stream.getvalue() == (
        "files translated            1\n"
        "files up to date            0\n"
        "files failed                0\n"
        "sentences                   1\n"
        "characters                 10\n"
        "seconds                   4.9\n"
        "QA flags                    0\n"
        "glossary terms missing      0\n"
        "inline spans by fallback    0\n"
    )


def test_before_anything_is_translated_the_eta_is_unknown(tmp_path: Path) -> None:
    items = planned(tmp_path, [10, 10])
    clock, stream = Clock(), io.StringIO()
    with Display(items, stream=stream, clock=clock) as display:
        clock.now = 106.0
        display(skipped(items[0]))
    assert stream.getvalue() == "1/2 files, 0 sentences, 0 chars/s, ETA -:--:--\n"


def test_quiet_shows_nothing(tmp_path: Path) -> None:
    items = planned(tmp_path, [10])
    clock, stream = Clock(), io.StringIO()
    screen = io.StringIO()
    console = Console(force_terminal=True, file=screen)
    with Display(items, quiet=True, console=console, stream=stream, clock=clock) as display:
        clock.now = 200.0
        display(done(items[0], 1, 10))
    display.finish(stopped=True)
    assert (stream.getvalue(), screen.getvalue()) == ("", "")


def plain(screen: str) -> list[str]:
    """The lines drawn, without the terminal's control sequences, each as it was last drawn."""
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", screen)
    return [line.split("\r")[-1].rstrip() for line in text.split("\n")]


def test_a_rich_bar_and_table_on_a_terminal(tmp_path: Path) -> None:
    items = planned(tmp_path, [1000, 3000])
    clock, screen = Clock(), io.StringIO()
    console = Console(force_terminal=True, file=screen, width=90)
    with Display(items, console=console, clock=clock) as display:
        clock.now = 102.0
        display(done(items[0], 5, 900))
        clock.now = 104.0  # the bar is drawn once more as it stops: 1000 bytes in 4 s
    drawn = screen.getvalue()
    assert "\x1b[" in drawn
    bar = "━" * 10 + "╺" + "━" * 29
    assert plain(drawn)[0].endswith(
        f"1/2 files {bar} 5 sentences 225 chars/s ETA 0:00:12"
    )  # 3000 bytes left at 250 bytes/s
    clock.now = 105.0
    display.finish(stopped=False)
    assert plain(screen.getvalue())[1:] == [
        "          batch summary",
        "┌──────────────────────────┬─────┐",
        "│ files translated         │   1 │",
        "│ files up to date         │   0 │",
        "│ files failed             │   0 │",
        "│ sentences                │   5 │",
        "│ characters               │ 900 │",
        "│ seconds                  │ 5.0 │",
        "│ QA flags                 │   0 │",
        "│ glossary terms missing   │   0 │",
        "│ inline spans by fallback │   0 │",
        "└──────────────────────────┴─────┘",
        "",
    ]
