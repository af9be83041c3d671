"""Glossary files: one module per format (``tsv``, ``csv``, ``tbx``) behind one interface.

Each format module has ``read(data: bytes, where: str, wanted: LangPair) -> Sheet`` and
``write(glossary: Glossary) -> str``. Everything else — the language pair, validation,
duplicates — is decided here and in :mod:`.validate`, identically for every format, and a
glossary is either loaded whole or not at all.

The pair comes from the file name ``<name>.<src>-<tgt>.<ext>`` (``ukraine-news.uk-en.tsv``),
from the contents (a ``uk<TAB>en`` header, DeepL CSV language columns, TBX ``xml:lang``), or
from the caller; whatever is known must agree.
"""

import re
from pathlib import Path
from types import ModuleType

from translator.errors import GlossaryError
from translator.glossary.formats import csv, tbx, tsv
from translator.glossary.formats.validate import settle_pair, to_entries
from translator.glossary.model import Glossary
from translator.text_constants import primary_subtag

FORMATS: dict[str, ModuleType] = {"tsv": tsv, "csv": csv, "tbx": tbx}
"""Format name (also the file extension) → module."""

_NAMED_PAIR = re.compile(r"^(?P<name>.+)\.(?P<src>[A-Za-z]{2,3})-(?P<tgt>[A-Za-z]{2,3})$")


def load_glossary(
    path: Path,
    *,
    name: str | None = None,
    source_lang: str | None = None,
    target_lang: str | None = None,
) -> Glossary:
    """Read and validate a glossary file; its format comes from the extension (``.csv``,
    ``.tbx``; anything else, ``.txt`` or none, is read as tab-separated text).

    ``name`` defaults to the ``<name>`` part of the file name. ``source_lang``/``target_lang``
    are what the caller needs: they fill in a pair the file doesn't state, and must match one
    it does. Any problem is a ``GlossaryError`` naming the file (and line).
    """
    where = str(path)
    module = FORMATS.get(path.suffix.lower().removeprefix("."), tsv)
    file_name, named = split_name(path)
    wanted = (
        primary_subtag(source_lang) if source_lang else None,
        primary_subtag(target_lang) if target_lang else None,
    )
    hint = (wanted[0] or (named and named[0]), wanted[1] or (named and named[1]))
    sheet = module.read(_read_bytes(path), where, hint)
    source, target = settle_pair(where, sheet.pair, named, wanted)
    return Glossary(name or file_name, source, target, to_entries(sheet.rows, where))


def dump_glossary(glossary: Glossary, fmt: str) -> str:
    """The glossary as the text of a ``tsv``, ``csv`` or ``tbx`` file."""
    module = FORMATS.get(fmt.lower())
    if module is None:
        raise GlossaryError(f"unknown glossary format {fmt!r}; use tsv, csv or tbx")
    return module.write(glossary)


def split_name(path: Path) -> tuple[str, tuple[str, str] | None]:
    """Name and pair from a file name.

    ``ukraine-news.uk-en.tsv`` → ``("ukraine-news", ("uk", "en"))``; ``x.tsv`` → ``("x", None)``.
    """
    match = _NAMED_PAIR.match(path.stem)
    if match is None:
        return path.stem, None
    return match["name"], (match["src"].lower(), match["tgt"].lower())


def _read_bytes(path: Path) -> bytes:
    where = str(path)
    if path.is_dir():
        raise GlossaryError(f"{where}: is a directory, expected a glossary file")
    try:
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise GlossaryError(f"{where}: no such file") from exc
    except OSError as exc:
        raise GlossaryError(f"{where}: cannot read ({exc.strerror})") from exc
