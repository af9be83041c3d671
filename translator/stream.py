"""Translate a long text window by window: memory stays flat and output starts early.

A window is a run of whole lines (:func:`translator.textio.read_windows`). Each goes through
:func:`translate_documents` as one engine batch and comes out as a :class:`TranslatedDocument`
whose offsets, paragraph and sentence numbers count from the start of the whole text; only one
window's pipeline state is alive at a time. Sentences never cross a line break, so the windows'
translations put end to end are the translation of the whole text, byte for byte (glossary
terms are matched sentence by sentence), except that with ``from_code`` "auto" the language is
detected once, from the first window with a letter in it (its confidence is the document's),
not from the whole text, and that names (:mod:`translator.names`) are decided on the evidence
of their window (64 KiB, a long article), not of the whole text.

The route and the glossary are resolved once. Windows before translation can start (blank
ones; under "auto", ones without a letter) are held back and translated with the first window
after them, as in one piece; a text that never starts is translated in one piece at its end.
Memory follows the largest window: a line or a held-back start longer than a window is one.
"""

import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from translator.engine.ctranslate import pair_engine
from translator.engine.options import EngineOptions
from translator.engine.protocol import EngineProvider
from translator.pipeline import (
    AUTO,
    DEFAULT_GLOSSARY,
    GlossaryChoice,
    Memory,
    TranslatedDocument,
    TranslatedSegment,
    resolve_route,
    translate_documents,
)
from translator.segment import split_paragraphs

# A window is 64 KiB of text, a few hundred sentences. The engine sorts a batch by length into
# sub-batches of 32, so small windows waste work on padding: on a 2 MB text, 16 KiB windows took
# twice as long as 64 KiB ones, and 256 KiB ones or the whole text in one batch were no faster.
# The pipeline and the engine need about 100 bytes of memory per byte of window: 64 KiB adds
# some 6 MB to the ~130 MB of a process with a model loaded, 256 KiB some 25 MB.
WINDOW_BYTES = 64 * 1024


def translate_stream(
    windows: Iterable[str],
    to_code: str,
    from_code: str = AUTO,
    alternatives: int = 0,
    options: EngineOptions | None = None,
    glossary: GlossaryChoice = DEFAULT_GLOSSARY,
    engines: EngineProvider = pair_engine,
    memory: Memory | None = None,
    names: bool = True,
) -> Iterator[TranslatedDocument]:
    """Translate consecutive windows of one text (each but the last ending in a line break).

    Yields one translated piece per window translated (at least one); :func:`join` makes them
    one document. The arguments are those of :func:`translate_documents`.
    """
    options = options or EngineOptions.from_env()
    routes = functools.cache(functools.partial(resolve_route, glossary=glossary, names=names))
    place = _Place()
    first: TranslatedDocument | None = None
    held = ""
    for window in windows:
        if first is None and not _can_start(window, from_code):
            held += window
            continue
        text, held = held + window, ""
        if first is not None and not text.strip():
            yield place.shift(replace(first, text=text, segments=[], alternatives=[]), text)
            continue
        language = first.source_language if first else from_code
        (piece,) = translate_documents(
            [text],
            to_code,
            language,
            alternatives,
            options,
            engines=engines,
            routes=routes,
            memory=memory,
        )
        first = first or piece
        yield place.shift(replace(piece, confidence=first.confidence), text)
    if first is None:
        (piece,) = translate_documents(
            [held],
            to_code,
            from_code,
            alternatives,
            options,
            engines=engines,
            routes=routes,
            memory=memory,
        )
        yield place.shift(piece, held)


def join(pieces: Iterable[TranslatedDocument]) -> TranslatedDocument:
    """The document whose consecutive pieces these are: texts and alternatives end to end."""
    first: TranslatedDocument | None = None
    texts: list[str] = []
    alternatives: list[list[str]] = []
    segments: list[TranslatedSegment] = []
    for piece in pieces:
        first = first or piece
        # A piece with fewer alternatives than another gives its best text in their place.
        alternatives += [list(texts) for _ in range(len(alternatives), len(piece.alternatives))]
        for k, parts in enumerate(alternatives):
            parts.append(piece.alternatives[k] if k < len(piece.alternatives) else piece.text)
        texts.append(piece.text)
        segments += piece.segments
    if first is None:
        raise ValueError("join() needs at least one piece")
    return replace(
        first,
        text="".join(texts),
        segments=segments,
        alternatives=["".join(parts) for parts in alternatives],
    )


def _can_start(window: str, from_code: str) -> bool:
    """Whether translation can start at this window: it has text (under "auto", a letter)."""
    if from_code == AUTO:
        return any(char.isalpha() for char in window)
    return bool(window.strip())


@dataclass
class _Place:
    """How much of the text the pieces so far covered: characters, paragraphs, sentences, and
    characters of the translation."""

    chars: int = 0
    paragraphs: int = 0
    sentences: int = 0
    target_chars: int = 0

    def shift(self, piece: TranslatedDocument, text: str) -> TranslatedDocument:
        """``piece``, the translation of ``text``, numbered from the start of the whole text."""
        segments = [
            replace(
                seg,
                paragraph=seg.paragraph + self.paragraphs,
                index=seg.index + self.sentences,
                start=seg.start + self.chars,
                end=seg.end + self.chars,
                target_start=seg.target_start + self.target_chars,
                target_end=seg.target_end + self.target_chars,
            )
            for seg in piece.segments
        ]
        self.chars += len(text)
        self.target_chars += len(piece.text)
        self.paragraphs += len(split_paragraphs(text))
        self.sentences += len(segments)
        return replace(piece, segments=segments)
