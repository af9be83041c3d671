"""DeepL's glossary TSV: ``source<TAB>target``, one entry a line, plus an optional note column.

Also accepted: a header line (``source<TAB>target``, ``uk<TAB>en``…), ``#`` comment lines,
blank lines, a UTF-8 BOM and CRLF line ends. Written with a ``source<TAB>target<TAB>note``
header, which :func:`read` recognises, so a written file reads back exactly.
"""

from translator.errors import GlossaryError
from translator.glossary.formats.rows import LangPair, Row, Sheet, decode, header_pair, trim
from translator.glossary.model import Glossary

HEADER = "source\ttarget\tnote"


def read(data: bytes, where: str, wanted: LangPair) -> Sheet:
    """Parse TSV bytes; the pair comes from a ``uk<TAB>en`` header if there is one.

    ``wanted`` is unused: a TSV file has one fixed direction.
    """
    rows: list[Row] = []
    pair = None
    header_checked = False
    for number, raw in enumerate(decode(data, where).split("\n"), start=1):
        line = raw.removesuffix("\r")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = trim(line.split("\t"))
        if not header_checked:
            header_checked = True
            is_header, pair = header_pair(fields)
            if is_header:
                continue
        if len(fields) == 1:
            raise GlossaryError(f"{where}:{number}: expected source<TAB>target, got one column")
        if len(fields) > 3:
            raise GlossaryError(
                f"{where}:{number}: expected source<TAB>target<TAB>note, got {len(fields)} columns"
            )
        source, target, note = (*fields, "")[:3]
        rows.append(Row(source, target, note, number))
    return Sheet(tuple(rows), pair)


def write(glossary: Glossary) -> str:
    """The glossary as TSV with a header line; the note column only where there is a note."""
    lines = [HEADER]
    for entry in glossary.entries:
        fields = [entry.source, entry.target] + ([entry.note] if entry.note else [])
        lines.append("\t".join(fields))
    return "\n".join(lines) + "\n"
