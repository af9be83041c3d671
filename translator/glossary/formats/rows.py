"""What every reader produces, and the helpers they share: decoding, cleaning, headers.

A reader turns a file into a :class:`Sheet`: raw rows with their line numbers, plus the
language pair the file itself declares (if any). Checking the rows is done once, for all
formats, in :mod:`translator.glossary.formats.validate`.
"""

import re
import unicodedata
from dataclasses import dataclass

from translator.errors import GlossaryError

LangPair = tuple[str | None, str | None]
"""A (source, target) language pair in which either side may still be unknown."""

# ISO 639-1: a header row such as ``uk<TAB>en`` names the pair only if both are real codes.
_ISO_639_1 = """
    aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv
    cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr
    ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw
    ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv
    ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr
    ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi
    yo za zh zu
"""
ISO_639_1 = frozenset(_ISO_639_1.split())
SOURCE_HEADERS = frozenset({"source", "source_term", "source term", "term", "src"})
TARGET_HEADERS = frozenset({"target", "target_term", "target term", "translation", "tgt"})

_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Row:
    """One entry as read, before validation (fields already :func:`clean`)."""

    source: str
    target: str
    note: str
    line: int


@dataclass(frozen=True)
class Sheet:
    """A file's rows in file order, and the pair the file declares (``None``: it doesn't)."""

    rows: tuple[Row, ...]
    pair: tuple[str, str] | None = None


def clean(field: str) -> str:
    """NFC-normalise, collapse whitespace runs to one space, strip the ends."""
    return _WHITESPACE.sub(" ", unicodedata.normalize("NFC", field)).strip()


def decode(data: bytes, where: str) -> str:
    """UTF-8 text (a BOM is dropped); anything else is a ``GlossaryError`` naming the line."""
    if b"\x00" in data:
        raise GlossaryError(f"{where}: binary file, expected UTF-8 text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise GlossaryError(
            f"{where}:{line}: not UTF-8 text (invalid byte 0x{data[exc.start]:02x});"
            " save the glossary as UTF-8"
        ) from exc


def header_pair(fields: list[str]) -> tuple[bool, tuple[str, str] | None]:
    """Whether a first row is a header, and the pair it names (``uk,en`` style headers).

    Recognised, case-insensitively: ``source,target`` (also ``source_term,target_term``,
    ``term,translation``…) and two different ISO 639-1 codes such as ``uk,en``.
    """
    if len(fields) < 2:
        return False, None
    first, second = fields[0].lower(), fields[1].lower()
    if first in SOURCE_HEADERS and second in TARGET_HEADERS:
        return True, None
    if first != second and first in ISO_639_1 and second in ISO_639_1:
        return True, (first, second)
    return False, None


def trim(fields: list[str]) -> list[str]:
    """Clean every field and drop empty trailing ones past the target column."""
    cleaned = [clean(field) for field in fields]
    while len(cleaned) > 2 and not cleaned[-1]:
        cleaned.pop()
    return cleaned
