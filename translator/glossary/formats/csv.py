"""DeepL's glossary CSV: ``source,target`` rows, optionally ``source,target,src_lang,tgt_lang``.

Standard CSV quoting (``"a, b"``, ``""`` for a quote) via the :mod:`csv` module. Also accepted:
an optional header row, blank lines, a third column as a note (as in our TSV), a UTF-8 BOM.
Written in DeepL's four-column form, ready to upload; DeepL's CSV has no notes, so notes are
not written.
"""

import csv
import io
from collections.abc import Iterator

from translator.errors import GlossaryError
from translator.glossary.formats.rows import (
    LangPair,
    Row,
    Sheet,
    decode,
    header_pair,
    trim,
)
from translator.glossary.formats.validate import arrow
from translator.glossary.model import Glossary
from translator.text_constants import primary_subtag


def read(data: bytes, where: str, wanted: LangPair) -> Sheet:
    """Parse CSV bytes; the pair comes from a header row or the language columns, if any.

    ``wanted`` is unused: a CSV file has one fixed direction.
    """
    rows: list[Row] = []
    pair: tuple[str, str] | None = None
    pair_line = 0
    for index, (number, fields) in enumerate(_records(decode(data, where), where)):
        if index == 0:
            is_header, pair = header_pair(fields)
            if is_header:
                pair_line = number
                continue
        if len(fields) == 1:
            raise GlossaryError(f"{where}:{number}: expected source,target, got one column")
        if len(fields) > 4:
            raise GlossaryError(
                f"{where}:{number}: expected source,target[,source_lang,target_lang],"
                f" got {len(fields)} columns"
            )
        if len(fields) == 4:
            row_pair = (primary_subtag(fields[2]), primary_subtag(fields[3]))
            if not all(row_pair):
                raise GlossaryError(f"{where}:{number}: empty language column")
            if pair is None:
                pair, pair_line = row_pair, number
            elif row_pair != pair:
                raise GlossaryError(
                    f"{where}:{number}: languages {arrow(row_pair)} differ from"
                    f" {arrow(pair)} on line {pair_line}"
                )
        note = fields[2] if len(fields) == 3 else ""
        rows.append(Row(fields[0], fields[1], note, number))
    return Sheet(tuple(rows), pair)


def _records(text: str, where: str) -> Iterator[tuple[int, list[str]]]:
    """Non-blank records with the line each starts on (a quoted field may span lines)."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    start = 1
    try:
        for record in reader:
            fields = trim(record)
            if any(fields):
                yield start, fields
            start = reader.line_num + 1
    except csv.Error as exc:
        raise GlossaryError(f"{where}:{reader.line_num}: malformed CSV ({exc})") from exc


def write(glossary: Glossary) -> str:
    """The glossary as DeepL CSV: ``source,target,source_lang,target_lang`` rows, no header."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    for entry in glossary.entries:
        writer.writerow([entry.source, entry.target, glossary.source_lang, glossary.target_lang])
    return out.getvalue()
