"""Read user text from a file or standard input: UTF-8 only, never binary.

:func:`read_source` reads a text whole; :func:`read_windows` reads it in windows of whole lines,
so that a text of any length can be handled one window at a time. Either way a NUL byte means
"binary", and invalid UTF-8 is refused with the file offset of the first bad byte; in windows,
that error comes when the window holding the byte is read, after the windows before it.
"""

import codecs
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from translator.errors import InputError

STDIN = "-"
STDIN_NAME = "<stdin>"


def decode_text(data: bytes, name: str, offset: int = 0) -> str:
    """Decode UTF-8 ``data`` found at byte ``offset`` of ``name``; a BOM opening it is dropped.

    Binary data (a NUL byte) or another encoding is an ``InputError``.
    """
    if b"\x00" in data:
        raise InputError(f"{name}: binary file, expected UTF-8 text")
    bom = len(codecs.BOM_UTF8) if offset == 0 and data.startswith(codecs.BOM_UTF8) else 0
    try:
        return str(memoryview(data)[bom:], "utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name}: not UTF-8 text (invalid byte at offset {offset + bom + exc.start}); "
            "convert it to UTF-8"
        ) from exc


def read_source(source: str | None) -> str:
    """Text from a path, or from standard input when ``source`` is ``-`` or ``None``."""
    with _opened(source) as (stream, name):
        try:
            data = stream.read()
        except OSError as exc:
            raise _unreadable(name, exc) from exc
        return decode_text(data, name)


def read_windows(source: str | None, size: int) -> Iterator[str]:
    """The text of ``source`` (as :func:`read_source`) in windows of whole lines.

    A window is the lines read until it holds ``size`` bytes or more; it ends after a ``\\n``
    (the last window may not). A line longer than ``size`` is a window of its own.
    """
    with _opened(source) as (stream, name):
        offset = 0
        lines: list[bytes] = []
        length = 0
        for line in _lines(stream, name):
            lines.append(line)
            length += len(line)
            if length >= size:
                yield decode_text(b"".join(lines), name, offset)
                offset += length
                lines, length = [], 0
        if lines:
            yield decode_text(b"".join(lines), name, offset)


@contextmanager
def _opened(source: str | None) -> Iterator[tuple[BinaryIO, str]]:
    """The byte stream of ``source`` (closed afterwards unless it is stdin), and its name."""
    if source is None or source == STDIN:
        if sys.stdin is None:
            raise InputError("standard input is closed; give a file, or pipe the text in")
        yield sys.stdin.buffer, STDIN_NAME
        return
    path = Path(source)
    if path.is_dir():
        raise InputError(f"{source}: is a directory, expected a text file")
    try:
        stream = path.open("rb")
    except FileNotFoundError as exc:
        raise InputError(f"{source}: no such file") from exc
    except OSError as exc:
        raise _unreadable(source, exc) from exc
    with stream:
        yield stream, source


def _lines(stream: BinaryIO, name: str) -> Iterator[bytes]:
    """The lines of ``stream``, each with its ``\\n``; a failed read is an ``InputError``."""
    try:
        yield from stream
    except OSError as exc:
        raise _unreadable(name, exc) from exc


def _unreadable(name: str, exc: OSError) -> InputError:
    """A failed open or read as a one-line error."""
    return InputError(f"{name}: cannot read ({exc.strerror})")
