"""Plain UTF-8 text: the paragraph layout kept exactly, as ``translator translate`` keeps it.

The units are the windows of whole lines that ``translate`` reads (about 64 KiB each), so each
is a document of its own to the pipeline and the output is the same, byte for byte: the
translated windows end to end, ending with a line break unless empty.
"""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from translator.batch.formats import Document, ReadOptions, Rendered
from translator.pipeline import TranslatedDocument
from translator.stream import WINDOW_BYTES
from translator.textio import decode_text


class TextDocument(Document):
    """A text as windows of whole lines."""

    def __init__(self, units: list[str]) -> None:
        self.units = units

    def render(self, translations: Sequence[TranslatedDocument]) -> Rendered:
        if not any(unit.strip() for unit in self.units):
            return Rendered(b"")
        text = "".join(translation.text for translation in translations)
        if text and not text.endswith("\n"):
            text += "\n"
        return Rendered(text.encode("utf-8"))


@dataclass(frozen=True)
class TextFormat:
    """The ``txt`` format."""

    name: str = "txt"
    suffixes: tuple[str, ...] = (".txt",)

    def read(self, data: bytes, name: str, options: ReadOptions) -> TextDocument:
        return TextDocument(list(_windows(decode_text(data, name), WINDOW_BYTES)))


def _windows(text: str, size: int) -> Iterator[str]:
    """``text`` in runs of whole lines of ``size`` UTF-8 bytes or more (the last may be less)."""
    lines: list[str] = []
    length = 0
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end + 1
        line = text[start:end]
        start = end
        lines.append(line)
        length += len(line.encode("utf-8"))
        if length >= size:
            yield "".join(lines)
            lines, length = [], 0
    if lines:
        yield "".join(lines)


FORMAT = TextFormat()
FORMATS = (FORMAT,)
