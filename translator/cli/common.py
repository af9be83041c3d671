"""What every command shares: one-line errors with the right exit code, and JSON output."""

import functools
import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec, TypeVar

import typer

from translator import home
from translator.errors import TranslatorError
from translator.settings import load_settings

if TYPE_CHECKING:
    from translator.pipeline import Memory

P = ParamSpec("P")
R = TypeVar("R")


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print ``error: message`` on stderr and return the exit to raise."""
    sys.stderr.write(f"error: {message}\n")
    return typer.Exit(code)


def guarded(command: Callable[P, R]) -> Callable[P, R]:
    """Turn a ``TranslatorError`` raised by a command into one line on stderr and its exit code."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except TranslatorError as exc:
            raise fail(exc.message, exc.exit_code) from None

    return wrapper


def print_json(value: Any) -> None:
    """One JSON document (UTF-8, not ASCII-escaped) on stdout."""
    sys.stdout.write(json.dumps(value, ensure_ascii=False) + "\n")


GlossaryOption = Annotated[
    str | None,
    typer.Option("--glossary", "-g", help="Glossary name or file (default: the pair's own)."),
]
NoGlossaryOption = Annotated[
    bool, typer.Option("--no-glossary", help="Translate without any glossary.")
]
NoNamesOption = Annotated[
    bool,
    typer.Option(
        "--no-names",
        help="Leave names the glossary lacks to the model (default: romanised, in the nominative).",
    ),
]
NoTmOption = Annotated[
    bool,
    typer.Option(
        "--no-tm", help="Do not reuse approved translations from the store's translation memory."
    ),
]


def memory_for(no_tm: bool) -> "Memory | None":
    """The translation memory a translating command uses: the configured store's, if it has
    one, unless ``--no-tm``."""
    if no_tm:
        return None
    if not (load_settings().database_url or "").strip() and not home.database_file().is_file():
        return None  # no store: the database libraries need not even be imported
    from translator.tm.memory import configured

    return configured()
