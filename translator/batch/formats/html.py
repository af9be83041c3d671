"""HTML pages (``.html``, ``.htm``): the units of :mod:`translator.formats.html`, translated
with word alignment so that inline markup lands on the translated words.

UTF-8 only (a BOM opening the file is kept); another encoding or a binary file is an
``InputError``. The output is the source with the translated text and attribute values in
place and ``<html lang>`` set to the target language; every other byte is the source's.
"""

import codecs
from collections.abc import Sequence
from dataclasses import dataclass

from translator.batch.formats import Document, ReadOptions, Rendered
from translator.errors import InputError
from translator.formats.html import Page, read_html
from translator.pipeline import TranslatedDocument
from translator.textio import decode_text


class HtmlDocument(Document):
    """A page: its units, and the BOM it opened with."""

    aligned = True

    def __init__(self, page: Page, bom: bytes) -> None:
        self.page = page
        self.bom = bom
        self.units = page.texts

    def render(self, translations: Sequence[TranslatedDocument]) -> Rendered:
        text, fallbacks = self.page.render(translations)
        return Rendered(self.bom + text.encode("utf-8"), fallbacks)


@dataclass(frozen=True)
class HtmlFormat:
    """The ``html`` format."""

    name: str = "html"
    suffixes: tuple[str, ...] = (".html", ".htm")

    def read(self, data: bytes, name: str, options: ReadOptions) -> HtmlDocument:
        bom = codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b""
        text = decode_text(data, name)
        try:
            page = read_html(text, options.target)
        except InputError as exc:
            raise InputError(f"{name}: {exc.message}") from exc
        return HtmlDocument(page, bom)


FORMAT = HtmlFormat()
FORMATS = (FORMAT,)
