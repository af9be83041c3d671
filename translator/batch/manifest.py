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


@dataclass(frozen=True)
class Entry:
    """How one output was made."""

    input: str
    input_sha256: str
    settings: Settings


class Manifest:
    """The manifest of one output folder, loaded once and saved after each window."""

    def __init__(self, root: Path) -> None:
        self.path = root / NAME
        self.entries: dict[str, Entry] = {}
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            if raw.get("version") == VERSION:
                self.entries = {key: _entry(value) for key, value in raw["files"].items()}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            self.entries = {}  # none yet, or unreadable: everything is made again

    def save(self) -> None:
        files = {key: asdict(entry) for key, entry in sorted(self.entries.items())}
        payload = {"version": VERSION, "files": files}
        text = json.dumps(payload, ensure_ascii=False, indent=1) + "\n"
        write_atomic(self.path, text.encode("utf-8"))


def _entry(value: dict[str, object]) -> Entry:
    settings = value["settings"]
    if not isinstance(settings, dict):
        raise TypeError("settings")
    return Entry(str(value["input"]), str(value["input_sha256"]), Settings(**settings))
