"""gettext PO catalogues with polib: each untranslated message in, its ``msgstr`` filled.

The units are, entry by entry, the ``msgid`` and, for a plural entry, the ``msgid_plural``.
``msgstr[0]`` gets the translation of ``msgid`` and every other ``msgstr[n]`` that of
``msgid_plural``, for n below the ``nplurals`` of the header's ``Plural-Forms`` (else the forms
the entry has, at least two). Only empty ``msgstr`` are filled, so existing translations (fuzzy
or not) are kept exactly; with ``--force`` every live entry is translated again. The header and
obsolete (``#~``) entries are not translated. An entry filled by the machine is flagged
``fuzzy`` so that a translator reviews it; everything else (msgctxt, comments, references,
flags, previous msgids, order, line wrapping) is written back as read, by polib. The header's
``Language`` becomes the target and its ``Content-Type`` ``text/plain; charset=UTF-8``, as the
file is read as UTF-8 and written as UTF-8.

Placeholders are taken out of the text the model sees and put back where the word alignment
puts them (:mod:`translator.inline` anchors, which are never dropped), so a ``msgstr`` has
exactly its source's placeholders: printf directives (``%s``, ``%d``, ``%(name)s``, ``%1$s``,
``%%``) in an entry flagged ``c-format`` or ``python-format``, braces (``{name}``, ``{0}``,
``{{``) in one flagged ``python-brace-format``, and both (printf without the space flag, so
"50% of" stays text) in an entry with no format flag; a ``no-…-format`` flag turns its kind
off. One the alignment cannot place goes to the end of its sentence, a fallback. HTML inside a
message is translated as plain text. A translation's leading and trailing line breaks are made
those of its source, as ``msgfmt`` requires.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass

import polib

from translator.batch.formats import Document, ReadOptions, Rendered
from translator.engine.alignment import words
from translator.errors import InputError
from translator.inline import Marked, Span, place
from translator.pipeline import TranslatedDocument
from translator.textio import decode_text

FUZZY = "fuzzy"
CONTENT_TYPE = "text/plain; charset=UTF-8"
_NPLURALS = re.compile(r"nplurals\s*=\s*(\d+)")
_PRINTF = (
    r"%(?:\(\w+\)|\d+\$)?[-+{flags}#0']*(?:\d+|\*)?(?:\.(?:\d+|\*))?"
    r"(?:hh|h|ll|l|L|q|j|z|t)?[diouxXeEfFgGcrsaAp%]"
)
_BRACE = r"\{\{|\}\}|\{[^{}\s]*\}"
PRINTF = re.compile(_PRINTF.format(flags=" "))
LOOSE = re.compile(f"{_PRINTF.format(flags='')}|{_BRACE}")
BRACE = re.compile(_BRACE)


@dataclass(frozen=True)
class _Hole:
    """A placeholder taken out of a message, and whether a space was before and after it."""

    text: str
    space_before: bool
    space_after: bool


def placeholders(flags: Sequence[str]) -> re.Pattern[str] | None:
    """The placeholders of an entry with ``flags`` (None: it has none to protect)."""
    printf = {"c-format", "python-format"} & set(flags)
    brace = "python-brace-format" in flags
    if printf and brace:
        return re.compile(f"{PRINTF.pattern}|{BRACE.pattern}")
    if printf or brace:
        return PRINTF if printf else BRACE
    if any(flag.startswith("no-") and flag.endswith("-format") for flag in flags):
        return None
    return LOOSE


def marked(source: str, pattern: re.Pattern[str] | None) -> Marked[_Hole]:
    """``source`` without its placeholders, each an anchor where it was (a space next to it
    taken out with it when that would leave two, or one at an end of the text; one inside a
    word, as in ``(%s)``, anchored after that word)."""
    if pattern is None:
        return Marked(source)
    text = ""
    holes: list[tuple[int, _Hole]] = []
    cursor = 0
    for group in _groups(pattern, source):
        start, end = group
        text += source[cursor:start]
        before = text.endswith(" ")
        after = source[end : end + 1] == " "
        cursor = end
        if after and (before or not text):
            cursor += 1
        elif before and cursor == len(source):
            text = text.rstrip(" ")
        holes.append((len(text), _Hole(source[start:end], before, after)))
    text += source[cursor:]
    inside = {n: end for start, end in words(text) for n in range(start + 1, end)}
    return Marked(
        text,
        tuple(Span(inside.get(at, at), inside.get(at, at), hole, True) for at, hole in holes),
    )


def _groups(pattern: re.Pattern[str], source: str) -> list[tuple[int, int]]:
    """The ranges of ``pattern``'s matches in ``source``, those next to each other (``%d%%``)
    as one."""
    groups: list[tuple[int, int]] = []
    for match in pattern.finditer(source):
        if groups and groups[-1][1] == match.start():
            groups[-1] = (groups[-1][0], match.end())
        else:
            groups.append(match.span())
    return groups


def filled(source: Marked[_Hole], translation: TranslatedDocument) -> tuple[str, int]:
    """The translation with ``source``'s placeholders put back, and how many fell back."""
    placed = place(source, translation)
    order = placed.order or tuple(range(len(placed.spans)))
    text = placed.text
    for span, _ in sorted(
        zip(placed.spans, order, strict=True), key=lambda p: (-p[0].start, -p[1])
    ):
        hole, at = span.tag, span.start
        spaced = hole.space_before or (hole.space_after and at == len(placed.text))
        lead = " " if spaced and at > 0 and not text[at - 1].isspace() else ""
        trail = " " if hole.space_after and at < len(text) and not text[at].isspace() else ""
        text = text[:at] + lead + hole.text + trail + text[at:]
    return text, placed.fallbacks


@dataclass(frozen=True)
class _Unit:
    """A unit's source text and where its translation goes: ``msgstr`` (index None) or
    ``msgstr[n]`` of an entry."""

    source: str
    entry: polib.POEntry
    indexes: tuple[int | None, ...]
    marked: Marked[_Hole]


class PoDocument(Document):
    """A PO catalogue and the empty ``msgstr`` its units fill."""

    def __init__(self, catalogue: polib.POFile, options: ReadOptions) -> None:
        self.catalogue = catalogue
        self.target = options.target
        self._targets = list(_targets(catalogue, options.force))
        self.units = [target.marked.text for target in self._targets]
        self.aligned = any(target.marked.spans for target in self._targets)

    def render(self, translations: Sequence[TranslatedDocument]) -> Rendered:
        self.catalogue.metadata["Language"] = self.target
        self.catalogue.metadata["Content-Type"] = CONTENT_TYPE
        fallbacks = 0
        for target, translation in zip(self._targets, translations, strict=True):
            text, fell_back = filled(target.marked, translation)
            fallbacks += fell_back
            text = _same_ends(target.source, text)
            for index in target.indexes:
                if index is None:
                    target.entry.msgstr = text
                else:
                    target.entry.msgstr_plural[index] = text
            if FUZZY not in target.entry.flags:
                target.entry.flags.append(FUZZY)
        return Rendered(str(self.catalogue).encode("utf-8"), fallbacks)


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
        return PoDocument(catalogue, options)


def _targets(catalogue: polib.POFile, force: bool) -> list[_Unit]:
    """The ``msgstr`` to fill of each live entry (``force``: all, else the empty ones), grouped
    by the source text that fills them."""
    found = _NPLURALS.search(catalogue.metadata.get("Plural-Forms", ""))
    targets: list[_Unit] = []
    for entry in catalogue:
        if entry.obsolete:
            continue
        pattern = placeholders(entry.flags)
        if not entry.msgid_plural:
            if force or not entry.msgstr:
                targets.append(_Unit(entry.msgid, entry, (None,), marked(entry.msgid, pattern)))
            continue
        forms = int(found.group(1)) if found else max(2, len(entry.msgstr_plural))
        for n in range(forms):
            entry.msgstr_plural.setdefault(n, "")
        empty = [n for n in range(forms) if force or not entry.msgstr_plural[n]]
        if 0 in empty:
            targets.append(_Unit(entry.msgid, entry, (0,), marked(entry.msgid, pattern)))
        if plural := tuple(n for n in empty if n):
            source = entry.msgid_plural
            targets.append(_Unit(source, entry, plural, marked(source, pattern)))
    return targets


def _same_ends(source: str, text: str) -> str:
    """``text`` starting and ending with as many line breaks as ``source``."""
    lead = len(source) - len(source.lstrip("\n"))
    trail = len(source) - len(source.rstrip("\n"))
    return "\n" * lead + text.strip("\n") + "\n" * trail


FORMAT = PoFormat()
FORMATS = (FORMAT,)
