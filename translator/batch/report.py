"""One report row per file of a batch, and the report file (CSV or JSON Lines)."""

import csv
import io
import json
from dataclasses import asdict, dataclass, fields
from enum import StrEnum
from pathlib import Path

from translator.errors import InputError


class Status(StrEnum):
    DONE = "done"
    SKIPPED = "skipped"
    FAILED = "failed"


@dataclass
class Row:
    """What happened to one file."""

    input: str
    output: str
    status: Status
    language: str = ""
    sentences: int = 0
    characters: int = 0
    glossary_hits: int = 0
    names: int = 0  # names found beyond the glossary (translator.names)
    terms_missing: int = 0
    qa_flags: int = 0
    fallbacks: int = 0
    seconds: float = 0.0
    error: str = ""

    def as_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)


COLUMNS = [f.name for f in fields(Row)]
REPORT_SUFFIXES = (".csv", ".jsonl")


def check_report_path(path: Path) -> None:
    """A usage error unless ``path`` ends in ``.csv`` or ``.jsonl``."""
    if path.suffix.lower() not in REPORT_SUFFIXES:
        raise InputError(f"{path}: the report is .csv or .jsonl")


def render_report(rows: list[Row], path: Path) -> str:
    """The report of ``rows`` in the format ``path``'s suffix names."""
    if path.suffix.lower() == ".jsonl":
        return "".join(row.as_json() + "\n" for row in rows)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow(asdict(row).values())
    return buffer.getvalue()
