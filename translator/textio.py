"""Read user text from a file or standard input: UTF-8 only, never binary."""

import sys
from pathlib import Path

from translator.errors import InputError

STDIN = "-"


def decode_text(data: bytes, name: str) -> str:
    """Decode UTF-8 (a BOM is dropped); binary or other encodings are an ``InputError``."""
    if b"\x00" in data:
        raise InputError(f"{name}: binary file, expected UTF-8 text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name}: not UTF-8 text (invalid byte at offset {exc.start}); convert it to UTF-8"
        ) from exc


def read_source(source: str | None) -> str:
    """Text from a path, or from standard input when ``source`` is ``-`` or ``None``."""
    if source is None or source == STDIN:
        return decode_text(sys.stdin.buffer.read(), "<stdin>")
    path = Path(source)
    if path.is_dir():
        raise InputError(f"{source}: is a directory, expected a text file")
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise InputError(f"{source}: no such file") from exc
    except OSError as exc:
        raise InputError(f"{source}: cannot read ({exc.strerror})") from exc
    return decode_text(data, source)
