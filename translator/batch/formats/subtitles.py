"""Subtitles: SubRip (``.srt``, with the ``srt`` library) and WebVTT (``.vtt``, with ``webvtt-py``).

Cue numbers and identifiers, timings, cue settings and the blocks around the cues (WebVTT header,
``STYLE``, ``NOTE``) are written back as the library reads them; only the cues' text changes.
A broken file (a cue whose timing line does not parse, text that is not a subtitle) is an
``InputError``.

The rules for a cue's text:

- **Sentences.** A cue's lines are one text (joined with spaces). A text that runs on into the
  next cue (it does not end in ``.``, ``!``, ``?``, ``…`` or ``:``, before closing quotes or
  brackets, and the next cue's text starts with a lowercase letter, after any ``...``/``…``) is
  joined with it, over as many cues as run on. Each such run is one unit, translated whole, and
  split back over the same cues in proportion to the source's length: the boundary after a cue
  goes to the word boundary of the translation nearest the same fraction of its length.
- **Lines.** A cue's share of the translation is re-wrapped to the cue's number of lines (fewer
  only when it has fewer words), at word boundaries, so that its longest line is as short as
  possible: at most 42 characters whenever that many lines allow it.
- **Styling tags.** Tags that open a line and close at its end (``<i>…</i>``, ``<b>…</b>``,
  ``<font …>…</font>``), and SSA overrides opening a line (``{\\an8}``), stay around the same
  line of the re-wrapped cue, and so does a WebVTT voice tag opening a line (``<v Name>``, whose
  end tag may be left out); a tag opening the cue's first line and closed at the end of its last
  line stays around the whole cue. Any other tag (inside a line, or whose end cannot be found)
  cannot be placed on the translated words: it is dropped, and each opening tag or override
  dropped counts as one fallback. Wrappers of lines the re-wrapped cue no longer has (fewer
  words than lines) are dropped and counted the same way.
"""

import io
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from translator.batch.formats import Document, ReadOptions, Rendered
from translator.errors import InputError
from translator.pipeline import TranslatedDocument
from translator.textio import decode_text

if TYPE_CHECKING:
    import srt
    import webvtt

LINE_LENGTH = 42
_TAG = re.compile(r"<[^<>]*>|\{\\[^{}]*\}")
_LEADING_TAG = re.compile(r"\s*(\{\\[^{}]*\}|<[A-Za-z][^<>]*>)")
_TRAILING_CLOSE = re.compile(r"(</[A-Za-z][^<>]*>)\s*$")
_VTT_TIMING = re.compile(r"\s*(\d+:)?\d\d:\d\d\.\d{3}\s+-->\s+(\d+:)?\d\d:\d\d\.\d{3}(\s|$)")
_SENTENCE_END = re.compile(r"[.!?…:][\"'»”’)\]]*$")


def _tag_name(tag: str) -> str:
    return re.split(r"[\s>./]", tag.lstrip("</"), maxsplit=1)[0].lower()


@dataclass
class _Line:
    """A source line: the tags kept around it (line-level or whole-cue), and its inner text."""

    lead: list[tuple[str, bool]] = field(default_factory=list)  # (tag, whole cue?)
    trail: list[tuple[str, bool]] = field(default_factory=list)
    body: str = ""


@dataclass
class _Cue:
    """A cue's text split into lines with their kept tags, its plain text and dropped tags."""

    lines: list[_Line]
    text: str
    dropped: int

    def render(self, text: str) -> tuple[list[str], int]:
        """The cue's lines holding ``text``, and how many tags fell back (were dropped)."""
        wrapped = wrap(text, len(self.lines)) or [""]
        count = len(wrapped)
        out = []
        for n, words in enumerate(wrapped):
            line = self.lines[n]
            lead = [tag for tag, _ in line.lead]
            trail = [tag for tag, cue in line.trail if not cue]
            if n == count - 1:
                trail += [tag for tag, cue in self.lines[-1].trail if cue]
            out.append("".join(lead) + words + "".join(trail))
        lost = sum(
            1
            for line in self.lines[count:]
            for tag, cue in line.lead
            if not cue and not tag.startswith("</")
        )
        return out, self.dropped + lost


def _split_line(raw: str) -> tuple[list[str], str, list[str]]:
    lead: list[str] = []
    rest = raw
    while match := _LEADING_TAG.match(rest):
        lead.append(match.group(1))
        rest = rest[match.end() :]
    trail: list[str] = []
    while match := _TRAILING_CLOSE.search(rest):
        trail.insert(0, match.group(1))
        rest = rest[: match.start()]
    return lead, rest, trail


def parse_cue(raw_lines: Sequence[str]) -> _Cue:
    """A cue's lines with the tags that wrap whole lines (or the whole cue) kept apart."""
    split = [_split_line(raw) for raw in raw_lines] or [([], "", [])]
    lines = [_Line() for _ in split]
    loose_leads: list[list[str]] = []
    loose_trails: list[list[str]] = []
    for line, (lead, _, trail) in zip(lines, split, strict=True):
        closing = [_tag_name(tag) for tag in trail]
        lead_loose, trail_used = [], [False] * len(trail)
        for tag in lead:
            name = _tag_name(tag)
            if name in closing and not trail_used[closing.index(name)]:
                trail_used[closing.index(name)] = True
                line.lead.append((tag, False))
            elif tag.startswith("{") or name == "v":
                line.lead.append((tag, False))
            else:
                lead_loose.append(tag)
        line.trail = [(tag, False) for tag, used in zip(trail, trail_used, strict=True) if used]
        loose_leads.append(lead_loose)
        loose_trails.append([t for t, used in zip(trail, trail_used, strict=True) if not used])
    if len(lines) > 1:
        _match_cue_wrappers(lines, [body for _, body, _ in split], loose_leads, loose_trails)
    dropped = 0
    texts = []
    for line, (_, body, _), lead, trail in zip(
        lines, split, loose_leads, loose_trails, strict=True
    ):
        inner = "".join(lead) + body + "".join(trail)
        dropped += sum(1 for tag in _TAG.findall(inner) if not tag.startswith("</"))
        line.body = _TAG.sub("", inner)
        texts.append(line.body)
    return _Cue(lines, " ".join(" ".join(texts).split()), dropped)


def _match_cue_wrappers(
    lines: list[_Line], bodies: list[str], leads: list[list[str]], trails: list[list[str]]
) -> None:
    """Move the first line's loose opening tags closed by the last line's loose closing tags
    (and opened nowhere between) to whole-cue tags."""
    middle = " ".join([*bodies, *(tag for lead in leads[1:] for tag in lead)]).lower()
    closing = [_tag_name(tag) for tag in trails[-1]]
    kept_lead, kept_trail = [], [False] * len(trails[-1])
    for tag in leads[0]:
        name = _tag_name(tag)
        if name in closing and not kept_trail[closing.index(name)] and f"<{name}" not in middle:
            kept_trail[closing.index(name)] = True
            lines[0].lead.append((tag, True))
        else:
            kept_lead.append(tag)
    lines[-1].trail += [
        (tag, True) for tag, kept in zip(trails[-1], kept_trail, strict=True) if kept
    ]
    leads[0] = kept_lead
    trails[-1] = [tag for tag, kept in zip(trails[-1], kept_trail, strict=True) if not kept]


def wrap(text: str, count: int) -> list[str]:
    """``text`` in at most ``count`` lines (fewer only if it has fewer words), broken at spaces
    so that the longest line is as short as possible."""
    words = text.split()
    count = min(count, len(words))
    if count <= 1:
        return [" ".join(words)] if words else []
    best: dict[tuple[int, int], tuple[int, list[int]]] = {}

    def solve(start: int, left: int) -> tuple[int, list[int]]:
        """The least longest line for words[start:] in ``left`` lines, and the line ends."""
        if left == 1:
            return len(" ".join(words[start:])), [len(words)]
        if (start, left) not in best:
            options = []
            for end in range(start + 1, len(words) - left + 2):
                width, ends = solve(end, left - 1)
                options.append((max(len(" ".join(words[start:end])), width), [end, *ends]))
            best[start, left] = min(options, key=lambda option: option[0])
        return best[start, left]

    _, ends = solve(0, count)
    starts = [0, *ends[:-1]]
    return [" ".join(words[a:b]) for a, b in zip(starts, ends, strict=True)]


def _runs_on(text: str, following: str) -> bool:
    start = following.lstrip(".… ")
    return bool(text) and not _SENTENCE_END.search(text) and start[:1].islower()


def split_back(translation: str, sources: Sequence[str]) -> list[str]:
    """``translation`` of the ``sources`` joined with spaces, split back over them in proportion
    to their lengths, at word boundaries; each part gets a word while there are words left."""
    words = translation.split()
    ends = list(itertools.accumulate(len(word) + 1 for word in words))
    scale = (ends[-1] if ends else 0) / (len(" ".join(sources)) + 1)
    cuts, taken = [], 0
    for k in range(1, len(sources)):
        goal = (len(" ".join(sources[:k])) + 1) * scale
        lowest = min(taken + 1, len(words))
        highest = max(lowest, len(words) - (len(sources) - k))
        distance = {n: abs((ends[n - 1] if n else 0) - goal) for n in range(lowest, highest + 1)}
        taken = min(distance, key=distance.__getitem__)
        cuts.append(taken)
    bounds = [0, *cuts, len(words)]
    return [" ".join(words[a:b]) for a, b in itertools.pairwise(bounds)]


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

    def render(self, translations: Sequence[TranslatedDocument]) -> Rendered:
        lines: list[list[str]] = [[] for _ in self.cues]
        fallbacks = 0
        for run, translation in zip(self.runs, translations, strict=True):
            parts = split_back(translation.text, [self.cues[n].text for n in run])
            for n, part in zip(run, parts, strict=True):
                lines[n], lost = self.cues[n].render(part)
                fallbacks += lost
        return Rendered(self.write(lines).encode("utf-8"), fallbacks)


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
        cues = [parse_cue(subtitle.content.split("\n")) for subtitle in subtitles]
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
        cues = [parse_cue(caption.lines) for caption in vtt.captions]
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
