"""Subtitles: SubRip (``.srt``, with the ``srt`` library) and WebVTT (``.vtt``, with ``webvtt-py``).

Cue numbers and identifiers, timings, cue settings and the blocks around the cues (WebVTT header,
``STYLE``, ``NOTE``) are written back as the library reads them; only the cues' text changes.
A broken file (a cue whose timing line does not parse, text that is not a subtitle) is an
``InputError``.

The rules for a cue's text:

- **Sentences.** A cue's lines are one plain text (joined with spaces, its tags taken out). A
  text that runs on into the next cue (it does not end in ``.``, ``!``, ``?``, ``…`` or ``:``,
  before closing quotes or brackets, and the next cue's text starts with a lowercase letter,
  after any ``...``/``…``) is joined with it, over as many cues as run on. Each such run is one
  unit, translated whole, and split back over the same cues in proportion to the source's
  length: the boundary after a cue goes to the word boundary of the translation nearest the same
  fraction of its length.
- **Lines.** A cue's share of the translation is re-wrapped to the cue's number of lines (fewer
  only when it has fewer words), at word boundaries, so that its longest line is as short as
  possible: at most 42 characters whenever that many lines allow it. Tags do not count.
- **Tags.** Every tag is a span of the cue's plain text (:mod:`translator.inline`). A tag around
  the whole cue (``<i>…</i>`` on every line counts as one) stays around the whole cue, and tags
  without words before the cue's text (``{\\an8}`` and other SSA overrides, a timestamp) stay at
  its start (after its text: at its end). Any other tag is placed on the translated words
  aligned with the words it wraps: formatting (``<i>``, ``<b>``, ``<u>``, ``<font>``, WebVTT
  ``<c.class>`` and ``<lang>``; dropped when the alignment is not credible, one fallback each)
  and tags carrying content (a voice ``<v Name>``, ``<ruby>``: widened to the sentence instead).
  Timestamps (``<00:00:01.000>``), SSA overrides and ruby text (``<rt>…</rt>``, kept as it is)
  inside the text are anchors placed after the word aligned with the word before them. A tag
  crossing a line break (or a cue boundary) is closed at the end of the line and reopened on the
  next, as players expect; a tag the source never closes (a voice ``<v Name>`` often) is opened
  once and left open. A closing tag without its opening tag is dropped.
"""

import functools
import io
import itertools
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from translator.batch.formats import Document, ReadOptions, Rendered
from translator.engine.alignment import words
from translator.errors import InputError
from translator.inline import Marked, Placed, Span, place
from translator.pipeline import TranslatedDocument
from translator.textio import decode_text

if TYPE_CHECKING:
    import srt
    import webvtt

LINE_LENGTH = 42
_TOKEN = re.compile(r"<rt\b[^<>]*>.*?</rt\s*>|<[^<>]*>|\{\\[^{}]*\}", re.IGNORECASE)
_TIMESTAMP = re.compile(r"<(\d+:)?\d\d:\d\d\.\d{3}>")
_KEPT = frozenset({"v", "ruby"})  # tags whose markup carries content: never dropped
_VTT_TIMING = re.compile(r"\s*(\d+:)?\d\d:\d\d\.\d{3}\s+-->\s+(\d+:)?\d\d:\d\d\.\d{3}(\s|$)")
_SENTENCE_END = re.compile(r"[.!?…:][\"'»”’)\]]*$")


@dataclass(frozen=True)
class _Tag:
    """A tag as written: its opening markup and closing markup (empty for an anchor, or for a
    tag the source leaves open), its rank in the file (an outer tag opens first) and, for an
    anchor, the ranks of the tags around it in the source."""

    open: str
    close: str
    rank: int
    within: frozenset[int] = frozenset()


@dataclass(frozen=True)
class _Piece:
    """A tag's part on one line; ``first``: the line holds the tag's start."""

    tag: _Tag
    first: bool


@dataclass(frozen=True)
class _Cue:
    """A cue's plain text, its number of lines and its tags: ``spans`` placed by alignment,
    ``whole`` around the whole cue (outermost first), ``lead``/``trail`` anchors written before
    and after its text."""

    text: str
    lines: int
    spans: tuple[Span[_Tag], ...] = ()
    whole: tuple[_Tag, ...] = ()
    lead: str = ""
    trail: str = ""


def _tag_name(tag: str) -> str:
    return re.split(r"[\s>./]", tag.lstrip("</"), maxsplit=1)[0].lower()


class _Reader:
    """Reads a cue's lines into plain text (whitespace runs as one space) and spans."""

    def __init__(self, ranks: Iterator[int]) -> None:
        self.ranks = ranks
        self.out: list[str] = []
        self.spans: list[Span[_Tag]] = []
        self.opened: list[tuple[str, int, str, int]] = []  # name, start, markup, rank

    def text(self, chunk: str) -> None:
        for char in chunk:
            if not char.isspace():
                self.out.append(char)
            elif self.out and self.out[-1] != " ":
                self.out.append(" ")

    def tag(self, token: str) -> None:
        at = len(self.out)
        if token.startswith("{") or _TIMESTAMP.fullmatch(token) or _tag_name(token) == "rt":
            self.spans.append(Span(at, at, _Tag(token, "", next(self.ranks)), True))
        elif token.startswith("</"):
            names = [name for name, *_ in self.opened]
            name = _tag_name(token)
            if name in names:
                first = len(names) - 1 - names[::-1].index(name)
                for inner, start, markup, rank in reversed(self.opened[first + 1 :]):
                    self._close(inner, start, markup, rank, at, f"</{inner}>")
                self._close(*self.opened[first], at, token)
                del self.opened[first:]
        else:
            self.opened.append((_tag_name(token), at, token, next(self.ranks)))

    def _close(self, name: str, start: int, markup: str, rank: int, end: int, close: str) -> None:
        self.spans.append(Span(start, end, _Tag(markup, close, rank), name in _KEPT))

    def cue(self, lines: int) -> _Cue:
        for name, start, markup, rank in self.opened:
            self._close(name, start, markup, rank, len(self.out), "")
        if self.out and self.out[-1] == " ":
            self.out.pop()
        text = "".join(self.out)
        end = len(text)
        clamped = [Span(min(s.start, end), min(s.end, end), s.tag, s.keep) for s in self.spans]
        spans = _merged(
            text, sorted((_with_context(s, clamped) for s in clamped), key=lambda s: s.tag.rank)
        )
        lead = [s for s in spans if s.start == s.end == 0]
        trail = [s for s in spans if s.start == s.end == end and end]
        whole = [s for s in spans if (s.start, s.end) == (0, end) and end]
        rest = tuple(s for s in spans if s not in lead and s not in trail and s not in whole)
        return _Cue(
            text,
            lines,
            rest,
            tuple(s.tag for s in whole),
            "".join(s.tag.open + s.tag.close for s in lead),
            "".join(s.tag.open + s.tag.close for s in trail),
        )


def _with_context(span: Span[_Tag], spans: Sequence[Span[_Tag]]) -> Span[_Tag]:
    """``span``, if an anchor, knowing the ranks of the tags opened before it and around it."""
    if span.start != span.end:
        return span
    around = frozenset(
        other.tag.rank
        for other in spans
        if other.tag.rank < span.tag.rank
        and other.start <= span.start <= other.end
        and other.start < other.end
    )
    tag = _Tag(span.tag.open, span.tag.close, span.tag.rank, around)
    return Span(span.start, span.end, tag, span.keep)


def _merged(text: str, spans: list[Span[_Tag]]) -> list[Span[_Tag]]:
    """``spans`` with a tag closed and opened again with the same markup across whitespace only
    (``<i>one</i>`` then ``<i>two</i>`` on the next line) made one span."""
    merged = list(spans)
    joined = True
    while joined:
        joined = False
        for a, b in itertools.permutations(merged, 2):
            if (
                (a.tag.open, a.tag.close, a.keep) == (b.tag.open, b.tag.close, b.keep)
                and a.start < a.end <= b.start < b.end
                and not text[a.end : b.start].strip()
                and all(_nests((a.start, b.end), s) for s in merged if s not in (a, b))
            ):
                merged[merged.index(a)] = Span(a.start, b.end, a.tag, a.keep)
                merged.remove(b)
                joined = True
                break
    return merged


def _nests(outer: tuple[int, int], span: Span[_Tag]) -> bool:
    start, end = outer
    return (
        end <= span.start
        or span.end <= start
        or (start <= span.start and span.end <= end)
        or (span.start <= start and end <= span.end)
    )


def parse_cue(raw_lines: Sequence[str], ranks: Iterator[int]) -> _Cue:
    """A cue's plain text and tags; ``ranks`` numbers the tags in file order."""
    reader = _Reader(ranks)
    for n, raw in enumerate(raw_lines):
        if n:
            reader.text(" ")
        cursor = 0
        for match in _TOKEN.finditer(raw):
            reader.text(raw[cursor : match.start()])
            reader.tag(match.group())
            cursor = match.end()
        reader.text(raw[cursor:])
    return reader.cue(max(1, len(raw_lines)))


def _line_ends(lengths: Sequence[int], count: int) -> list[int]:
    """For words of ``lengths``, the end (word index) of each of at most ``count`` lines (fewer
    only if there are fewer words), so that the longest line, words joined by single spaces, is
    as short as possible."""
    count = min(count, len(lengths))
    if count <= 1:
        return [len(lengths)] if lengths else []
    starts = list(itertools.accumulate(lengths, lambda total, n: total + n + 1, initial=-1))
    best: dict[tuple[int, int], tuple[int, list[int]]] = {}

    def width(start: int, end: int) -> int:
        return starts[end] - starts[start] - 1

    def solve(start: int, left: int) -> tuple[int, list[int]]:
        """The least longest line for words[start:] in ``left`` lines, and the line ends."""
        if left == 1:
            return width(start, len(lengths)), [len(lengths)]
        if (start, left) not in best:
            options = []
            for end in range(start + 1, len(lengths) - left + 2):
                rest, ends = solve(end, left - 1)
                options.append((max(width(start, end), rest), [end, *ends]))
            best[start, left] = min(options, key=lambda option: option[0])
        return best[start, left]

    return solve(0, count)[1]


def wrap(text: str, count: int) -> list[str]:
    """``text`` in at most ``count`` lines (fewer only if it has fewer words), broken at spaces
    so that the longest line is as short as possible."""
    found = text.split()
    ends = _line_ends([len(word) for word in found], count)
    return [" ".join(found[a:b]) for a, b in itertools.pairwise([0, *ends])]


def _runs_on(text: str, following: str) -> bool:
    start = following.lstrip(".… ")
    return bool(text) and not _SENTENCE_END.search(text) and start[:1].islower()


def _cuts(lengths: Sequence[int], sources: Sequence[str]) -> list[int]:
    """Word indices splitting words of ``lengths`` over ``sources`` in proportion to their
    lengths (each part gets a word while there are words left): first 0, last the word count."""
    ends = list(itertools.accumulate(length + 1 for length in lengths))
    scale = (ends[-1] if ends else 0) / (len(" ".join(sources)) + 1)
    cuts, taken = [], 0
    for k in range(1, len(sources)):
        goal = (len(" ".join(sources[:k])) + 1) * scale
        lowest = min(taken + 1, len(lengths))
        highest = max(lowest, len(lengths) - (len(sources) - k))
        distance = {n: abs((ends[n - 1] if n else 0) - goal) for n in range(lowest, highest + 1)}
        taken = min(distance, key=distance.__getitem__)
        cuts.append(taken)
    return [0, *cuts, len(lengths)]


def split_back(translation: str, sources: Sequence[str]) -> list[str]:
    """``translation`` of the ``sources`` joined with spaces, split back over them in proportion
    to their lengths, at word boundaries; each part gets a word while there are words left."""
    found = translation.split()
    bounds = _cuts([len(word) for word in found], sources)
    return [" ".join(found[a:b]) for a, b in itertools.pairwise(bounds)]


@dataclass(frozen=True)
class _Line:
    """A line of the output: the cue (its place in the run) and its range of the translation."""

    cue: int
    start: int
    end: int


def _lines(cues: Sequence[_Cue], text: str) -> tuple[list[_Line], list[Span[_Tag]], int]:
    """The run's translation ``text`` split over its cues and wrapped: the lines, the spans of
    the tags around whole cues, and how many of those had no words left to wrap."""
    found = words(text)
    bounds = _cuts([end - start for start, end in found], [cue.text for cue in cues])
    lines: list[_Line] = []
    whole: list[Span[_Tag]] = []
    lost = 0
    for k, (cue, (first, last)) in enumerate(zip(cues, itertools.pairwise(bounds), strict=True)):
        part = found[first:last]
        if not part:
            at = found[first - 1][1] if first else 0
            lines.append(_Line(k, at, at))
            lost += len(cue.whole)
            continue
        whole += [Span(part[0][0], part[-1][1], tag, True) for tag in cue.whole]
        ends = _line_ends([end - start for start, end in part], cue.lines)
        lines += [_Line(k, part[a][0], part[b - 1][1]) for a, b in itertools.pairwise([0, *ends])]
    return lines, whole, lost


def _home(lines: Sequence[_Line], at: int) -> int:
    """The line an anchor at ``at`` goes on: the one holding it, else the one before it."""
    for n, line in enumerate(lines):
        if line.start <= at <= line.end:
            return n
    before = [n for n, line in enumerate(lines) if line.end < at]
    return before[-1] if before else 0


def _opens_before(a: Span[_Piece], b: Span[_Piece]) -> int:
    """Which of two tags on a line opens first: the leftmost, then the outer one (an anchor at
    a tag's edge is inside it when it was in the source)."""
    if a.start != b.start:
        return a.start - b.start
    if (a.start == a.end) != (b.start == b.end):
        anchor, other = (a, b) if a.start == a.end else (b, a)
        first = -1 if other.tag.tag.rank in anchor.tag.tag.within else 1
        return first if other is a else -first
    return (b.end - a.end) or (a.tag.tag.rank - b.tag.tag.rank)


def _holds(outer: Span[_Piece], span: Span[_Piece]) -> bool:
    if not (outer.start <= span.start and span.end <= outer.end):
        return False
    edge = span.start == span.end and span.start in (outer.start, outer.end)
    return not edge or outer.tag.tag.rank in span.tag.tag.within


def _write(text: str, spans: Sequence[Span[_Piece]]) -> str:
    """``text`` (its whitespace runs as one space) with ``spans`` written in as tags."""
    out: list[str] = []
    stack: list[Span[_Piece]] = []
    cursor = 0

    def close(upto: int) -> None:
        nonlocal cursor
        out.append(re.sub(r"\s+", " ", text[cursor:upto]))
        cursor = upto

    for span in sorted(spans, key=functools.cmp_to_key(_opens_before)):
        while stack and not _holds(stack[-1], span):
            close(stack[-1].end)
            out.append(stack.pop().tag.tag.close)
        close(span.start)
        tag = span.tag.tag
        out.append(tag.open if span.tag.first or tag.close else "")
        stack.append(span)
    while stack:
        close(stack[-1].end)
        out.append(stack.pop().tag.tag.close)
    close(len(text))
    return "".join(out)


def _render_line(text: str, line: _Line, spans: Sequence[Span[_Tag]], anchors: set[int]) -> str:
    """The line's words of ``text`` with the parts of ``spans`` on it (``anchors``: the indexes
    of the spans without words that go on it)."""
    local: list[Span[_Piece]] = []
    for n, span in enumerate(spans):
        if span.start == span.end:
            if n in anchors:
                at = span.start - line.start
                local.append(Span(at, at, _Piece(span.tag, True), span.keep))
            continue
        start, end = max(span.start, line.start), min(span.end, line.end)
        if start < end:
            piece = _Piece(span.tag, span.start >= line.start)
            local.append(Span(start - line.start, end - line.start, piece, span.keep))
    return _write(text[line.start : line.end], local)


def _trimmed(placed: Placed[_Tag], source: str, spans: Sequence[Span[_Tag]]) -> Placed[_Tag]:
    """``placed`` with each span that starts or ends inside a source word (``«<i>так</i>»,``)
    moved off the same characters next to it in the translation, when they are there and the
    spans still nest as before (alignment works on whole words), and each anchor that starts a
    source word moved past the space it follows in the translation."""
    origin = {span.tag: span for span in spans}
    result = list(placed.spans)
    for n, span in enumerate(result):
        start, end = span.start, span.end
        was = origin[span.tag]
        if start == end:
            word_start = 0 < was.start < len(source) and source[was.start - 1] == " "
            if word_start and placed.text[start : start + 1] == " ":
                result[n] = Span(start + 1, start + 1, span.tag, span.keep)
            continue
        before = source[: was.start].split(" ")[-1] if was.start else ""
        after = source[was.end :].split(" ")[0]
        inner = placed.text[start:end]
        if before and inner.startswith(before) and len(before) < len(inner):
            start += len(before)
        if after and inner.endswith(after) and len(after) < end - start:
            end -= len(after)
        moved = Span(start, end, span.tag, span.keep)
        if all(
            _nests((span.start, span.end), other) == _nests((start, end), other)
            and _inside(span, other) == _inside(moved, other)
            and _inside(other, span) == _inside(other, moved)
            for other in result
            if other is not span
        ):
            result[n] = moved
    return Placed(placed.text, tuple(result), placed.fallbacks, placed.order)


def _inside(span: Span[_Tag], other: Span[_Tag]) -> bool:
    return other.start <= span.start and span.end <= other.end


class SubtitleDocument(Document):
    """Cues grouped into runs of sentences; ``write`` puts the new lines of each cue back."""

    def __init__(self, cues: list[_Cue], write: Callable[[list[list[str]]], str]) -> None:
        self.cues = cues
        self.write = write
        self.runs: list[list[int]] = []
        for n, cue in enumerate(cues):
            if self.runs and _runs_on(cues[self.runs[-1][-1]].text, cue.text):
                self.runs[-1].append(n)
            else:
                self.runs.append([n])
        self.units = [" ".join(cues[n].text for n in run) for run in self.runs]
        self.aligned = any(cue.spans for cue in cues)

    def render(self, translations: Sequence[TranslatedDocument]) -> Rendered:
        lines: list[list[str]] = [[] for _ in self.cues]
        fallbacks = 0
        for run, translation in zip(self.runs, translations, strict=True):
            cues = [self.cues[n] for n in run]
            written, lost = self._render_run(cues, translation)
            fallbacks += lost
            for n, cue_lines in zip(run, written, strict=True):
                lines[n] = cue_lines
        return Rendered(self.write(lines).encode("utf-8"), fallbacks)

    @staticmethod
    def _render_run(
        cues: Sequence[_Cue], translation: TranslatedDocument
    ) -> tuple[list[list[str]], int]:
        """Each cue's new lines, and how many tags fell back."""
        spans: list[Span[_Tag]] = []
        offset = 0
        for cue in cues:
            spans += [Span(s.start + offset, s.end + offset, s.tag, s.keep) for s in cue.spans]
            offset += len(cue.text) + 1
        source = " ".join(cue.text for cue in cues)
        placed = _trimmed(place(Marked(source, tuple(spans)), translation), source, spans)
        lines, whole, lost = _lines(cues, placed.text)
        every = [*whole, *placed.spans]
        homes: dict[int, set[int]] = {}
        for n, span in enumerate(every):
            if span.start == span.end:
                homes.setdefault(_home(lines, span.start), set()).add(n)
        out: list[list[str]] = [[] for _ in cues]
        for n, line in enumerate(lines):
            out[line.cue].append(_render_line(placed.text, line, every, homes.get(n, set())))
        for cue, cue_lines in zip(cues, out, strict=True):
            cue_lines[0] = cue.lead + cue_lines[0]
            cue_lines[-1] += cue.trail
        return out, placed.fallbacks + lost


class _SrtWriter:
    """A parsed SubRip file written back with new cue lines."""

    def __init__(self, subtitles: list["srt.Subtitle"]) -> None:
        self.subtitles = subtitles

    def __call__(self, lines: list[list[str]]) -> str:
        import srt

        for subtitle, cue in zip(self.subtitles, lines, strict=True):
            subtitle.content = "\n".join(cue)
        return srt.compose(self.subtitles, reindex=False)


class _VttWriter:
    """A parsed WebVTT file written back with new cue lines."""

    def __init__(self, vtt: "webvtt.WebVTT") -> None:
        self.vtt = vtt

    def __call__(self, lines: list[list[str]]) -> str:
        for caption, cue in zip(self.vtt.captions, lines, strict=True):
            caption.text = "\n".join(cue)
        return self.vtt.content


@dataclass(frozen=True)
class SrtFormat:
    """The ``srt`` format."""

    name: str = "srt"
    suffixes: tuple[str, ...] = (".srt",)

    def read(self, data: bytes, name: str, options: ReadOptions) -> SubtitleDocument:
        import srt

        text = decode_text(data, name)
        try:
            subtitles = list(srt.parse(text))
        except srt.SRTParseError as exc:
            line = text.count("\n", 0, exc.expected_start) + 1
            raise InputError(f"{name}: not a valid SubRip file (bad cue at line {line})") from exc
        except ValueError as exc:
            raise InputError(f"{name}: not a valid SubRip file ({_first_line(exc)})") from exc
        if text.strip() and not subtitles:
            raise InputError(f"{name}: not a valid SubRip file (no cues)")
        ranks = itertools.count()
        cues = [parse_cue(subtitle.content.split("\n"), ranks) for subtitle in subtitles]
        return SubtitleDocument(cues, _SrtWriter(subtitles))


@dataclass(frozen=True)
class VttFormat:
    """The ``vtt`` format."""

    name: str = "vtt"
    suffixes: tuple[str, ...] = (".vtt",)

    def read(self, data: bytes, name: str, options: ReadOptions) -> SubtitleDocument:
        import webvtt
        from webvtt.errors import MalformedCaptionError, MalformedFileError

        text = decode_text(data, name)
        try:
            vtt = webvtt.from_buffer(io.StringIO(text))
        except (MalformedFileError, MalformedCaptionError, ValueError) as exc:
            raise InputError(f"{name}: not a valid WebVTT file ({_first_line(exc)})") from exc
        _check_blocks(text, name)
        ranks = itertools.count()
        cues = [parse_cue(caption.lines, ranks) for caption in vtt.captions]
        return SubtitleDocument(cues, _VttWriter(vtt))


def _check_blocks(text: str, name: str) -> None:
    """Refuse a block after the header that is neither a cue with a valid timing line nor a
    ``NOTE``, ``STYLE`` or ``REGION`` block (``webvtt-py`` would leave it out silently)."""
    lines = text.splitlines()
    starts = [
        n for n, line in enumerate(lines) if line.strip() and (n == 0 or not lines[n - 1].strip())
    ]
    for start in starts[1:]:
        if lines[start].startswith(("NOTE", "STYLE", "REGION")):
            continue
        timing = start if "-->" in lines[start] else start + 1
        if timing >= len(lines) or not _VTT_TIMING.match(lines[timing]):
            raise InputError(f"{name}: not a valid WebVTT file (bad cue at line {start + 1})")


def _first_line(exc: Exception) -> str:
    return (str(exc).splitlines() or [type(exc).__name__])[0][:200]


SRT = SrtFormat()
VTT = VttFormat()
FORMATS = (SRT, VTT)
