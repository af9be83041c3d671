"""gettext PO catalogues with polib: each untranslated message in, its ``msgstr`` filled.

The units are, entry by entry, the ``msgid`` and, for a plural entry, the ``msgid_plural``.
``msgstr[0]`` gets the translation of ``msgid`` and every other ``msgstr[n]`` that of
``msgid_plural``, for n below the ``nplurals`` of the header's ``Plural-Forms`` (else the forms
the entry has, at least two). Only empty ``msgstr`` are filled, so existing translations (fuzzy
or not) are kept; ``--force`` redoes the file but does not retranslate them (that is out of
scope here). The header and obsolete (``#~``) entries are not translated. An entry filled by
the machine is flagged ``fuzzy`` so that a translator reviews it; everything else (msgctxt,
comments, references, flags, previous msgids, order) is written back as read, by polib. The
header is kept as it is: a format is not told the target language, so ``Language`` is not set.
A translation's leading and trailing line breaks are made those of its source, as ``msgfmt``
requires. The file is read as UTF-8 and written as UTF-8.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass

import polib

from translator.batch.formats import Document, ReadOptions, Rendered
from translator.errors import InputError
from translator.pipeline import TranslatedDocument
from translator.textio import decode_text

FUZZY = "fuzzy"
_NPLURALS = re.compile(r"nplurals\s*=\s*(\d+)")


@dataclass(frozen=True)
class _Unit:
    """A unit's source text and where its translation goes: ``msgstr`` (index None) or
    ``msgstr[n]`` of an entry."""

    source: str
    entry: polib.POEntry
    indexes: tuple[int | None, ...]


class PoDocument(Document):
    """A PO catalogue and the empty ``msgstr`` its units fill."""

    def __init__(self, catalogue: polib.POFile) -> None:
        self.catalogue = catalogue
        self._targets = list(_targets(catalogue))
        self.units = [target.source for target in self._targets]

    def render(self, translations: Sequence[TranslatedDocument]) -> Rendered:
        for target, translation in zip(self._targets, translations, strict=True):
            text = _same_ends(target.source, translation.text)
            for index in target.indexes:
                if index is None:
                    target.entry.msgstr = text
                else:
                    target.entry.msgstr_plural[index] = text
            if FUZZY not in target.entry.flags:
                target.entry.flags.append(FUZZY)
        return Rendered(str(self.catalogue).encode("utf-8"))


@dataclass(frozen=True)
class PoFormat:
    """The ``po`` format."""

    name: str = "po"
    suffixes: tuple[str, ...] = (".po",)

    def read(self, data: bytes, name: str, options: ReadOptions) -> PoDocument:
        text = decode_text(data, name)
        # polib takes a path or the content; content ending with a line break is never a path.
        if not text.endswith("\n"):
            text += "\n"
        try:
            catalogue = polib.pofile(text)
        except (OSError, ValueError) as exc:
            reason = str(exc).replace("Syntax error in po file ", "syntax error ")
            raise InputError(f"{name}: not a valid PO file: {reason}") from exc
        return PoDocument(catalogue)


def _targets(catalogue: polib.POFile) -> list[_Unit]:
    """The empty ``msgstr`` of each live entry, grouped by the source text that fills them."""
    found = _NPLURALS.search(catalogue.metadata.get("Plural-Forms", ""))
    targets: list[_Unit] = []
    for entry in catalogue:
        if entry.obsolete:
            continue
        if not entry.msgid_plural:
            if not entry.msgstr:
                targets.append(_Unit(entry.msgid, entry, (None,)))
            continue
        forms = int(found.group(1)) if found else max(2, len(entry.msgstr_plural))
        for n in range(forms):
            entry.msgstr_plural.setdefault(n, "")
        empty = [n for n in range(forms) if not entry.msgstr_plural[n]]
        if 0 in empty:
            targets.append(_Unit(entry.msgid, entry, (0,)))
        if plural := tuple(n for n in empty if n):
            targets.append(_Unit(entry.msgid_plural, entry, plural))
    return targets


def _same_ends(source: str, text: str) -> str:
    """``text`` starting and ending with as many line breaks as ``source``."""
    lead = len(source) - len(source.lstrip("\n"))
    trail = len(source) - len(source.rstrip("\n"))
    return "\n" * lead + text.strip("\n") + "\n" * trail


FORMAT = PoFormat()
FORMATS = (FORMAT,)
