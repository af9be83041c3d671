"""Word alignment from the model's own attention.

CTranslate2 returns, per hypothesis, one attention row per target token over the source tokens
(``return_attention=True``). Each target piece is linked to the source piece it attends to most,
and both are mapped to *words*: the runs of non-space characters of the source text and of the
translation. With SentencePiece a word starts at every piece that begins with ``▁`` (a piece that
is ``▁`` alone opens the word its next piece continues), which is exactly how the decoded text
splits on spaces. A link is ``(source word, target word)``; the words of a text are
:func:`words` of it, so any layer can turn links back into character spans.
"""

import re
from collections.abc import Sequence
from typing import NamedTuple

Links = tuple[tuple[int, int], ...]

WORD = re.compile(r"\S+")
SPACE = "\u2581"  # SentencePiece's word-boundary mark


class Correspondence(NamedTuple):
    """A part of an original text and the part of a rewritten text that stands for it: copied
    through (same characters), or replaced (such as an injected glossary term)."""

    original_start: int
    original_end: int
    text_start: int
    text_end: int
    copied: bool


def words(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` character span of every word (run of non-space) of ``text``."""
    return [match.span() for match in WORD.finditer(text)]


def piece_words(pieces: Sequence[str]) -> list[int]:
    """The word index of every SentencePiece piece; a piece that is ``▁`` alone belongs to the
    word after it (the last word when none follows; -1 when the pieces hold no word)."""
    result: list[int | None] = []
    word = -1
    opening = True  # the next piece with content starts a word
    for piece in pieces:
        if piece.startswith(SPACE):
            opening = True
        if piece.lstrip(SPACE):
            if opening:
                word += 1
                opening = False
            result.append(word)
        else:
            result.append(None)
    following = word
    for n in range(len(result) - 1, -1, -1):
        current = result[n]
        if current is None:
            result[n] = following
        else:
            following = current
    return [-1 if w is None else w for w in result]


def links_from_attention(
    source: Sequence[str], target: Sequence[str], attention: Sequence[Sequence[float]]
) -> Links:
    """Links between the words of the source and target pieces, from attention rows (one per
    target piece, columns over the source pieces; extra columns such as ``</s>`` are ignored)."""
    source_words = piece_words(source)
    target_words = piece_words(target)
    links: set[tuple[int, int]] = set()
    for row, target_word in zip(attention, target_words, strict=False):
        if target_word < 0 or not source:
            continue
        weights = row[: len(source)]
        best = max(range(len(weights)), key=weights.__getitem__)
        if source_words[best] >= 0:
            links.add((source_words[best], target_word))
    return tuple(sorted(links))


def compose(first: Links, second: Links) -> Links:
    """Links source→target from source→pivot and pivot→target."""
    onward: dict[int, list[int]] = {}
    for pivot, target in second:
        onward.setdefault(pivot, []).append(target)
    return tuple(
        sorted({(source, target) for source, pivot in first for target in onward.get(pivot, [])})
    )


def remap_source(links: Links, text: str, original: str, pieces: Sequence[Correspondence]) -> Links:
    """Links on the words of ``text`` made into links on the words of ``original``.

    ``pieces`` cover both strings, in order. A word of ``text`` maps to every word of
    ``original`` its pieces overlap (a copied word to itself, an injected term to the whole
    source term).
    """
    original_words = words(original)
    mapped: dict[int, list[int]] = {}
    for number, (start, end) in enumerate(words(text)):
        spans = [
            _shifted(piece, start, end)
            for piece in pieces
            if piece.text_start < end and start < piece.text_end
        ]
        mapped[number] = [
            index
            for index, (word_start, word_end) in enumerate(original_words)
            if any(word_start < end_ and start_ < word_end for start_, end_ in spans)
        ]
    return tuple(
        sorted({(source, target) for word, target in links for source in mapped.get(word, [])})
    )


def _shifted(piece: Correspondence, start: int, end: int) -> tuple[int, int]:
    """The part of the original a span ``start:end`` of the text covers within one piece."""
    if not piece.copied:
        return piece.original_start, piece.original_end
    shift = piece.original_start - piece.text_start
    return max(start, piece.text_start) + shift, min(end, piece.text_end) + shift
