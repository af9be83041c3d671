"""The manifest of a batch: per output, what it was made from, so a rerun skips what is current.

It lives in the output folder as ``.translator-batch.json`` and maps each output (relative to
that folder) to the hash of its input and every setting that changes the result. It is written
whole (see :mod:`translator.batch.atomic`) after each window of files, so it never names an
output that was not written; an output written but not yet recorded is simply made again.
"""

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from translator.batch.atomic import write_atomic

NAME = ".translator-batch.json"
VERSION = 2


@dataclass(frozen=True)
class Settings:
    """Everything besides the input that changes an output."""

    target: str
    source_option: str
    source_language: str
    format: str
    beam_size: int
    model_package: str
    model_version: str
    glossary_name: str | None
    glossary_hash: str | None
    format_options: str  # such as the Markdown front matter keys translated
    stored: bool  # also imported into the store (--store)
    names: bool = False  # names beyond the glossary romanised (absent from older manifests)


@dataclass(frozen=True)
class Entry:
    """How one output was made."""

    input: str
    input_sha256: str
    settings: Settings


class Manifest:
    """The manifest of one output folder, loaded once and saved after each window.

    It is JSON with one line per output; each line is made once, when its entry is recorded,
    so saving after every window of a run of many files stays cheap.
    """

    def __init__(self, root: Path) -> None:
        self.path = root / NAME
        self.entries: dict[str, Entry] = {}
        self._lines: dict[str, str] = {}
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            if raw.get("version") == VERSION:
                self.entries = {key: _entry(value) for key, value in raw["files"].items()}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            self.entries = {}  # none yet, or unreadable: everything is made again

    def record(self, key: str, entry: Entry) -> None:
        """Note that the output ``key`` was made as ``entry`` says (saved by :meth:`save`);
        the one way to change an entry."""
        self.entries[key] = entry
        self._lines[key] = _line(key, entry)

    def save(self) -> None:
        for key, entry in self.entries.items():
            if key not in self._lines:  # loaded from the file: made into a line once
                self._lines[key] = _line(key, entry)
        lines = ",\n".join(self._lines[key] for key in sorted(self._lines))
        text = f'{{"version": {VERSION}, "files": {{\n{lines}\n}}}}\n'
        write_atomic(self.path, text.encode("utf-8"))


def _line(key: str, entry: Entry) -> str:
    """One output's line of the manifest: ``"key": {entry}``."""
    return (
        json.dumps(key, ensure_ascii=False) + ": " + json.dumps(asdict(entry), ensure_ascii=False)
    )


def _entry(value: dict[str, object]) -> Entry:
    settings = value["settings"]
    if not isinstance(settings, dict):
        raise TypeError("settings")
    return Entry(str(value["input"]), str(value["input_sha256"]), Settings(**settings))
