"""The document formats of a batch, one module each behind one small interface.

A :class:`Format` reads a file's bytes into a :class:`Document`: the units of text to translate,
in order, and what it needs to write them back. The run translates the units (a blank unit is
copied, not translated) and asks the document to :meth:`Document.render` the translated units
as the file's new bytes. A document with inline markup keeps each unit's spans
(:class:`translator.inline.Marked`), sets ``aligned`` so the run asks for word alignment, and
places its spans on the translation with :func:`translator.inline.place`. A new format is a
module with a ``FORMAT`` registered in :func:`_formats`.
"""

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from translator.errors import InputError
from translator.pipeline import TranslatedDocument

AUTO = "auto"


@dataclass(frozen=True)
class Rendered:
    """A written-back document: its bytes, and how many inline spans a fallback rule placed."""

    data: bytes
    fallbacks: int = 0


class Document(ABC):
    """A file read by a format: its units of text, and how to write their translations back."""

    units: Sequence[str]
    aligned: bool = False  # its units carry inline markup: translate them with word alignment

    @abstractmethod
    def render(self, translations: Sequence[TranslatedDocument]) -> Rendered:
        """The document with ``translations[i]`` (a blank unit: copied) in place of ``units[i]``."""


MD_KEYS = ("title", "description")


@dataclass(frozen=True)
class ReadOptions:
    """What a format may need to know besides the bytes: the target language (``<html lang>``,
    a PO header), whether existing translations are redone (``--force``), and the Markdown front
    matter keys to translate (``--md-keys``)."""

    target: str
    force: bool = False
    md_keys: tuple[str, ...] = MD_KEYS


class Format(Protocol):
    """A file format: its name, the suffixes it claims, and its reader."""

    name: str
    suffixes: tuple[str, ...]

    def read(self, data: bytes, name: str, options: ReadOptions) -> Document:
        """The document in ``data`` (the bytes of the file ``name``); bad input: ``InputError``."""
        ...


# The format modules, each with ``FORMATS``: imported on first use (they import their parsers).
MODULES = (
    "txt",
    "markdown",
    "html",
    "docx",
    "subtitles",
    "po",
    "xliff",
)


def _formats() -> dict[str, Format]:
    import importlib

    return {
        fmt.name: fmt
        for module in MODULES
        for fmt in importlib.import_module(f"translator.batch.formats.{module}").FORMATS
    }


def names() -> list[str]:
    """The ``--format`` choices: ``auto`` then every format's name."""
    return [AUTO, *_formats()]


def format_for(path: Path, name: str = AUTO) -> Format:
    """The format called ``name``; ``auto``: the one claiming ``path``'s suffix."""
    formats = _formats()
    if name != AUTO:
        return formats[name]
    suffix = path.suffix.lower()
    for fmt in formats.values():
        if suffix in fmt.suffixes:
            return fmt
    raise InputError(f"{path}: unknown format {suffix or '(no suffix)'}; give it with --format")
