"""Inline markup inside a sentence (bold, italic, links, inline code, XLIFF inline codes).

Every format with inline markup (HTML, Markdown, DOCX runs, XLIFF, subtitle tags) hands over a
:class:`Marked` text: the plain text the pipeline translates *whole*, and its spans of markup as
character ranges with an opaque ``tag`` the format knows how to write back. After translation,
:func:`place` puts each span around the target words aligned with its source words (the word
alignment the engine reads off the model's attention, see :mod:`translator.engine.alignment`),
and :func:`tree` nests the placed spans for the format to serialise.

Placement, span by span, outermost first:

1. **Aligned**: the span covers the target words linked to the source words it covers, from
   the first to the last (punctuation it leaves out of a word, as in "«**закон**»", is left out
   of the target word too). This is credible when every sentence it touches has an alignment,
   some target word is linked, and the result nests with the spans placed before it as the
   source spans nest (inside stays inside, disjoint stays disjoint).
2. **Fallback**, counted in :attr:`Placed.fallbacks`: a formatting span (``keep=False``: bold,
   italic, underline, a font) is dropped, its words stay; a span whose markup carries content
   (``keep=True``: a link and its target, inline code, an XLIFF code) wraps the whole translated
   sentence(s) its words are in, widened until it nests with the spans already placed, so a
   link target is never lost.

A span without words (an empty element, an image, a line break, ``<x/>``) is an anchor: it goes
after the target word aligned with the source word before it (or before the one aligned with the
word after it); with no aligned neighbour it goes to the end of its sentence (a fallback).
Text outside the translated sentences (whitespace, untranslated parts) is copied through, and a
span there keeps its place.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from translator.engine.alignment import words
from translator.pipeline import TranslatedDocument

T = TypeVar("T")
Range = tuple[int, int]


@dataclass(frozen=True)
class Span(Generic[T]):
    """Markup around ``text[start:end]``; ``keep``: never dropped (it carries content)."""

    start: int
    end: int
    tag: T
    keep: bool = False


@dataclass(frozen=True)
class Marked(Generic[T]):
    """A unit of text to translate and its inline markup, in document order (a span before the
    spans inside it)."""

    text: str
    spans: tuple[Span[T], ...] = ()


@dataclass(frozen=True)
class Placed(Generic[T]):
    """The translated text and its spans placed on it, and how many a fallback placed."""

    text: str
    spans: tuple[Span[T], ...]
    fallbacks: int = 0
    order: tuple[int, ...] = ()  # per span, its rank in the source (decides ties when nesting)
    sources: tuple[Range, ...] = ()  # per span, where it was in the source


@dataclass
class Element(Generic[T]):
    """A placed span and what it wraps."""

    tag: T
    children: list["str | Element[T]"] = field(default_factory=list)


def place(marked: Marked[T], translated: TranslatedDocument) -> Placed[T]:
    """Put ``marked``'s spans on ``translated`` (the translation of ``marked.text``)."""
    if not marked.spans:
        return Placed(translated.text, ())
    mapping = _WordMap(marked.text, translated)
    ranked = sorted(
        range(len(marked.spans)),
        key=lambda n: (marked.spans[n].start, -marked.spans[n].end, n),
    )
    rank = {n: position for position, n in enumerate(ranked)}
    outermost_first = sorted(
        range(len(marked.spans)),
        key=lambda n: (-(marked.spans[n].end - marked.spans[n].start), rank[n]),
    )
    placed: dict[int, Range] = {}
    fallbacks = 0
    for n in outermost_first:
        span = marked.spans[n]
        covered = mapping.words_in(span.start, span.end)
        if not covered:
            target, credible = mapping.anchor(span.start)
        else:
            target, credible = mapping.aligned(covered)
            target = mapping.trimmed(target, span.start, span.end, covered)
            if credible and not _nests(n, target, placed, marked.spans):
                credible = False
            if not credible:
                if not span.keep:
                    fallbacks += 1
                    continue
                target = _widened(mapping.sentences(covered), placed.values())
        fallbacks += not credible
        placed[n] = target
    kept = sorted(placed)
    return Placed(
        translated.text,
        tuple(
            Span(placed[n][0], placed[n][1], marked.spans[n].tag, marked.spans[n].keep)
            for n in kept
        ),
        fallbacks,
        tuple(rank[n] for n in kept),
        tuple((marked.spans[n].start, marked.spans[n].end) for n in kept),
    )


def tree(placed: Placed[T]) -> list["str | Element[T]"]:
    """The placed text as nested nodes: plain strings and elements (empty strings left out).

    An anchor at the edge of a span goes inside it only if it was strictly inside it in the
    source (``<a>x<br></a>`` and ``<a>x</a><br>`` both put the anchor at the link's end)."""
    count = len(placed.spans)
    order = placed.order or tuple(range(count))
    sources = placed.sources or tuple((span.start, span.end) for span in placed.spans)
    spans = sorted(
        zip(placed.spans, order, sources, strict=True),
        key=lambda item: (item[0].start, item[0].end > item[0].start, -item[0].end, item[1]),
    )
    root: list[str | Element[T]] = []
    stack: list[tuple[Span[T], list[str | Element[T]], Range]] = []
    cursor = 0

    def emit(upto: int) -> None:
        nonlocal cursor
        if upto > cursor:
            (stack[-1][1] if stack else root).append(placed.text[cursor:upto])
            cursor = upto

    for span, _, source in spans:
        while stack and not _within(span, source, stack[-1][0], stack[-1][2]):
            emit(stack[-1][0].end)
            stack.pop()
        emit(span.start)
        element: Element[T] = Element(span.tag)
        (stack[-1][1] if stack else root).append(element)
        stack.append((span, element.children, source))
    while stack:
        emit(stack[-1][0].end)
        stack.pop()
    emit(len(placed.text))
    return root


def _within(span: Span[T], source: Range, outer: Span[T], outer_source: Range) -> bool:
    """Whether placed ``span`` nests inside placed ``outer`` (their source ranges decide for an
    anchor at the outer span's edge)."""
    if not (outer.start <= span.start and span.end <= outer.end):
        return False
    if span.start < span.end or outer.start == outer.end:
        return True
    if span.start not in (outer.start, outer.end):
        return True
    return outer_source[0] < source[0] and source[1] < outer_source[1]


class _WordMap:
    """Where each source word of a unit went in its translation."""

    def __init__(self, text: str, translated: TranslatedDocument) -> None:
        self.words = words(text)
        self.targets: list[list[Range]] = [[] for _ in self.words]
        self.aligned_ok = [True] * len(self.words)
        self.sentence: list[Range | None] = [None] * len(self.words)
        self.text = text
        self.target = translated.text
        self.end = len(translated.text)
        cursor_source = cursor_target = 0
        for segment in translated.segments:
            self._copied(cursor_source, segment.start, cursor_target)
            self._segment(segment.start, segment.source, segment.target_start, segment.target)
            if segment.alignment is None:
                for n in self._indices(segment.start, segment.end):
                    self.aligned_ok[n] = False
            else:
                self._link(
                    segment.start,
                    segment.source,
                    segment.target_start,
                    segment.target,
                    segment.alignment,
                )
            cursor_source, cursor_target = segment.end, segment.target_end
        self._copied(cursor_source, len(text), cursor_target)

    def _indices(self, start: int, end: int) -> list[int]:
        return [n for n, (a, b) in enumerate(self.words) if a < end and start < b]

    def _copied(self, start: int, end: int, target: int) -> None:
        """Words of ``start:end`` copied through to ``target`` onward."""
        for n in self._indices(start, end):
            a, b = self.words[n]
            self.targets[n].append((a - start + target, b - start + target))
            self.sentence[n] = (a - start + target, b - start + target)

    def _segment(self, start: int, source: str, target_start: int, target: str) -> None:
        whole = (target_start, target_start + len(target))
        for n in self._indices(start, start + len(source)):
            self.sentence[n] = whole

    def _link(
        self,
        start: int,
        source: str,
        target_start: int,
        target: str,
        links: Iterable[tuple[int, int]],
    ) -> None:
        first = self._indices(start, start + len(source))
        target_words = [(a + target_start, b + target_start) for a, b in words(target)]
        for source_word, target_word in links:
            if source_word < len(first) and target_word < len(target_words):
                self.targets[first[source_word]].append(target_words[target_word])

    def words_in(self, start: int, end: int) -> list[int]:
        return self._indices(start, end) if start < end else []

    def aligned(self, covered: list[int]) -> tuple[Range, bool]:
        ranges = [r for n in covered for r in self.targets[n]]
        if not ranges or not all(self.aligned_ok[n] for n in covered):
            return (0, 0), False
        return (min(a for a, _ in ranges), max(b for _, b in ranges)), True

    def trimmed(self, target: Range, start: int, end: int, covered: list[int]) -> Range:
        """``target`` without the punctuation the span leaves out of its first and last source
        word ("«закон»" with only "закон" marked) when the target word has it too."""
        first, last = self.words[covered[0]], self.words[covered[-1]]
        prefix, suffix = self.text[first[0] : start], self.text[end : last[1]]
        a, b = target
        if _punctuation(prefix) and self.target.startswith(prefix, a) and a + len(prefix) < b:
            a += len(prefix)
        if _punctuation(suffix) and self.target.endswith(suffix, a, b) and b - len(suffix) > a:
            b -= len(suffix)
        return a, b

    def sentences(self, covered: list[int]) -> Range:
        ranges = [r for n in covered if (r := self.sentence[n]) is not None]
        return min(a for a, _ in ranges), max(b for _, b in ranges)

    def anchor(self, position: int) -> tuple[Range, bool]:
        """Where a span without words at ``position`` goes, and whether alignment said so."""
        before = [n for n, (_, b) in enumerate(self.words) if b <= position]
        after = [n for n, (a, _) in enumerate(self.words) if a >= position]
        if before and self.targets[before[-1]] and self.aligned_ok[before[-1]]:
            end = max(b for _, b in self.targets[before[-1]])
            gap = self.text[self.words[before[-1]][1] : position]
            spaces = len(gap) - len(gap.lstrip())  # the anchor stood after this much space
            while spaces and end < self.end and self.target[end].isspace():
                end, spaces = end + 1, spaces - 1
            return (end, end), True
        if after and self.targets[after[0]] and self.aligned_ok[after[0]]:
            start = min(a for a, _ in self.targets[after[0]])
            return (start, start), True
        if not self.words:
            return (min(position, self.end), min(position, self.end)), True
        near = before[-1] if before else after[0]
        sentence = self.sentence[near] or (self.end, self.end)
        return (sentence[1], sentence[1]), False


def _punctuation(text: str) -> bool:
    return bool(text) and not any(char.isalnum() for char in text)


def _nests(n: int, target: Range, placed: dict[int, Range], spans: tuple[Span[T], ...]) -> bool:
    """Whether ``target`` relates to every placed span as span ``n`` does in the source."""
    source = spans[n]
    for m, other in placed.items():
        theirs = spans[m]
        if theirs.start <= source.start and source.end <= theirs.end:  # inside in the source
            if not (other[0] <= target[0] and target[1] <= other[1]):
                return False
        elif source.end <= theirs.start or theirs.end <= source.start:  # disjoint
            if target[0] < other[1] and other[0] < target[1]:
                return False
        elif _crosses(target, other):
            return False
    return True


def _crosses(a: Range, b: Range) -> bool:
    return a[0] < b[0] < a[1] < b[1] or b[0] < a[0] < b[1] < a[1]


def _widened(target: Range, placed: Iterable[Range]) -> Range:
    """``target`` grown until no placed range crosses it."""
    others = list(placed)
    start, end = target
    grown = True
    while grown:
        grown = False
        for a, b in others:
            if _crosses((start, end), (a, b)):
                start, end, grown = min(start, a), max(end, b), True
    return start, end
