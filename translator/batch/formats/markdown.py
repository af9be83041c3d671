"""Markdown (``.md``, ``.markdown``, parsed with ``markdown-it-py``): only the prose changes.

The output is the input with each unit's source range replaced by its translation; everything
else is copied byte for byte: list markers, heading marks, indentation, container prefixes,
line ends, blank lines, tables' pipes, reference definitions, code blocks, HTML blocks, front
matter. With the copy model (identity, diagonal alignment) the output is the input, but for
entities and the odd escape (see below).

- **Units.** One per block of inline text: a paragraph (at any depth, in lists and block
  quotes), a heading, a table cell. Its plain text goes to the engine whole; its inline markup
  is a :class:`translator.inline.Marked` span list placed on the translation by alignment. A
  block whose source does not match the parser's view of it (a tab inside a container prefix,
  an escaped ``\\|`` in a table cell) is left untranslated and counted as a fallback.
- **Inline markup.** Emphasis, strong emphasis and strikethrough are formatting spans (dropped
  on fallback). A link is a span never dropped (on fallback it wraps its whole sentence); its
  destination and title, or its reference label, are written back as they were: titles are
  not translated. Inline code, images (alt text untranslated), inline HTML tags (each tag on its
  own: an opening and a closing tag are not a pair) and autolinks are anchors: not sent to the
  engine, written back verbatim after the word they followed, with the spaces they had. A link
  or emphasis without words (a badge: a link around an image) is one such anchor. Spans land on
  whole words: ``**Ecma**'s`` comes back as ``**Ecma's**``.
- **Line breaks.** A paragraph's lines are one sentence stream: each soft or hard break is an
  anchor after the translation of the word before it, written back as it was (with the next
  line's container prefix), so the paragraph keeps its number of lines. A break that would
  leave an empty line becomes a space, and so does one that would open a block (a line starting
  ``-``, ``#``, ``1.``, ``>``, ...) when keeping it changes how the paragraph parses.
- **Escaping.** A unit is written in the first of these forms that parses to the same inline
  structure as the last: escaping the characters its source escaped (so a source comes back as
  it was), then every character that can open inline markup; each keeping every line break,
  then dropping those that would open a block. A table cell's ``|`` is always escaped. Entities
  come back as the characters they stand for. A unit that does not parse back as one block
  even so is left untranslated and counted as a fallback.
- **Front matter** (YAML): the single-line string values of the keys in ``ReadOptions.md_keys``
  are units; the new value replaces the old on its line, in the same quoting style when it
  can, so the rest of the front matter is unchanged. Front matter that is not a YAML mapping is
  copied as it is.
"""

import bisect
import functools
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from translator.batch.formats import Document, ReadOptions, Rendered
from translator.inline import Element, Marked, Span, place, tree
from translator.pipeline import TranslatedDocument
from translator.textio import decode_text

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

_BREAK = re.compile(r"(?: *|\\)\n[ \t]*")
_BLOCK_START = (
    r"\s*(?:[-+*](?:\s|$)|#{1,6}(?:\s|$)|>|\d{1,9}[.)](?:\s|$)|```|~~~|<[!?]"
    r"|=+\s*$|-+\s*$|[-*_](?:\s*[-*_]){2,}\s*$|</?(?:script|pre|style|textarea|{names})(?:[\s/>]|$))"
)
_ALL_ESCAPES = "\\`*_[]<~|&"  # what can start inline markup
_SPACES = re.compile(r"[^\S\n]*")  # spaces within a line
_LINE_END = re.compile(r"\r\n|\r|\n")
_EMPHASIS = {"em", "strong", "s"}


@functools.cache
def _block_start() -> re.Pattern[str]:
    """Text that opens a block (a list item, heading, quote, fence, HTML block, rule) or ends a
    setext heading when it starts a line of a paragraph."""
    from markdown_it.common.html_blocks import block_names

    return re.compile(_BLOCK_START.replace("{names}", "|".join(block_names)), re.IGNORECASE)


class _Mismatch(Exception):
    """The parser's tokens do not match the block's source: the block is left as it is."""


@dataclass(eq=False)
class _Wrap:
    """Markup around words: emphasis, strikethrough, a link (``close`` holds its target)."""

    open: str
    close: str = ""


@dataclass(eq=False)
class _Anchor:
    """Source written back verbatim where it stood: inline code, an image, inline HTML, an
    autolink, a line break; ``before``/``after``: the spaces around it in the source;
    ``within``: the wraps it was inside."""

    source: str
    before: str
    after: str
    within: tuple[_Wrap, ...]
    newline: bool = False
    content: str = ""  # as the parser sees it in its container (no prefixes on its lines)
    glued: bool = False  # the text after it (past any markup) follows with no space


Tag = _Wrap | _Anchor


@dataclass(frozen=True)
class _Unit:
    """A block's inline text: ``start:end`` of the document text, and its marked plain text."""

    start: int
    end: int
    marked: Marked[Tag]
    source: str
    cell: bool  # a table cell: its ``|`` escaped
    line: bool  # a heading or a cell: one line, never a block of its own
    escapes: str  # the characters its source escaped with a backslash


@dataclass(frozen=True)
class _Scalar:
    """A front matter value at ``start:end``, its string, and its quote (``'``, ``"`` or none)."""

    start: int
    end: int
    text: str
    quote: str


def _parser() -> "MarkdownIt":
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    md = MarkdownIt("commonmark").enable(["table", "strikethrough"]).use(front_matter_plugin)
    md.core.ruler.disable("text_join")  # keep escapes and entities apart from plain text
    return md


class _Lines:
    """The document's lines: where each starts, and its text without the line end."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0]
        self.ends = []
        for match in _LINE_END.finditer(text):
            self.ends.append(match.start())
            self.starts.append(match.end())
        self.ends.append(len(text))

    def line(self, number: int) -> str:
        return self.text[self.starts[number] : self.ends[number]]


class _Located:
    """A block's inline content (``content``) mapped to the document: each content line sits at
    ``origins[j]`` of the text, from ``offsets[j]`` of the content."""

    def __init__(self, content: str, offsets: list[int], origins: list[int], text: str) -> None:
        self.content = content
        self.offsets = offsets
        self.origins = origins
        self.text = text

    def position(self, index: int) -> int:
        line = bisect.bisect_right(self.offsets, index) - 1
        return self.origins[line] + index - self.offsets[line]

    def source(self, start: int, end: int) -> str:
        return self.text[self.position(start) : self.position(end)]


def _locate_lines(content: str, first: int, lines: _Lines) -> _Located:
    """A paragraph's content: each line the end of its source line (the last one trimmed)."""
    parts = content.split("\n")
    offsets, origins, offset = [], [], 0
    for j, part in enumerate(parts):
        line = lines.line(first + j) if first + j < len(lines.starts) else ""
        body = line.rstrip() if j == len(parts) - 1 else line
        if not body.endswith(part):
            raise _Mismatch
        offsets.append(offset)
        origins.append(lines.starts[first + j] + len(body) - len(part))
        offset += len(part) + 1
    return _Located(content, offsets, origins, lines.text)


def _locate_in_line(content: str, number: int, after: int, lines: _Lines) -> _Located:
    """Content found whole on line ``number`` from column ``after`` (a heading, a cell)."""
    column = lines.line(number).find(content, after)
    if not content or "\n" in content or column < 0:
        raise _Mismatch
    return _Located(content, [0], [lines.starts[number] + column], lines.text)


@dataclass
class _Pending:
    """A span being built: its end is known when its wrap closes."""

    start: int
    end: int
    tag: Tag
    keep: bool
    origin: int  # where its markup starts in the content


class _Builder:
    """The plain text and spans of a block, from its inline tokens."""

    def __init__(self, located: _Located) -> None:
        self.located = located
        self.content = located.content
        self.cursor = 0
        self.text = ""
        self.spans: list[_Pending] = []  # in document order
        self.open: list[tuple[_Pending, _Wrap]] = []
        self.gap: _Anchor | None = None  # an anchor just left out of the plain text
        self.floor = 0  # where the last line break ended (its spaces are its own)
        self.escapes = ""  # the characters escaped with a backslash

    def expect(self, markup: str) -> None:
        if not self.content.startswith(markup, self.cursor):
            raise _Mismatch
        self.cursor += len(markup)

    def add_text(self, text: str) -> None:
        if not self.text.strip():
            text = text.lstrip()  # spaces opening the block are the anchors' (or nobody's)
        if self.gap is not None and text:
            self.gap.glued = not text[0].isspace()
            if not self.text or self.text[-1].isspace():
                text = text.lstrip()
            elif self.gap.glued:
                text = " " + text  # glued on both sides: a space keeps the words apart
            self.gap = None
        self.text += text

    def anchor(self, end: int, newline: bool = False) -> None:
        content, start = self.content, self.cursor
        before = start
        while before > self.floor and _SPACES.fullmatch(content[before - 1]):
            before -= 1
        tag = _Anchor(
            self.located.source(start, end),
            content[before:start],
            "" if newline else _SPACES.match(content, end).group(),
            tuple(wrap for _, wrap in self.open),
            newline,
            content[start:end],
        )
        # right after the word before it (the spaces come back from ``before``), in its wrap
        position = len(self.text.rstrip())
        if self.open:
            position = max(position, self.open[-1][0].start)
        self.spans.append(_Pending(position, position, tag, True, start))
        self.cursor = end
        if newline:
            self.floor, self.gap = end, None
            if self.text and not self.text[-1].isspace():
                self.text += " "
        else:
            self.gap = tag

    def open_wrap(self, markup: str, keep: bool) -> None:
        origin = self.cursor
        self.expect(markup)
        wrap = _Wrap(markup)
        span = _Pending(len(self.text), len(self.text), wrap, keep, origin)
        self.spans.append(span)
        self.open.append((span, wrap))

    def close_wrap(self, close: str) -> None:
        """End the innermost wrap at the cursor (past its closing markup); a wrap without
        words (a link around an image or code, emphasis around code) becomes an anchor."""
        if not self.open:
            raise _Mismatch
        span, wrap = self.open.pop()
        if self.text[span.start :].strip():
            wrap.close = close
            span.end = len(self.text.rstrip())
            return
        del self.spans[self.spans.index(span) :]
        self.text = self.text[: span.start]
        end, self.cursor = self.cursor, span.origin
        self.anchor(end)

    def marked(self) -> Marked[Tag]:
        if self.open or self.cursor != len(self.content):
            raise _Mismatch
        return Marked(self.text, tuple(Span(s.start, s.end, s.tag, s.keep) for s in self.spans))


def _marked(located: _Located, children: Sequence["Token"]) -> tuple[Marked[Tag], str]:
    """The plain text and spans of a block, and the characters its source escaped
    (``_Mismatch`` when the tokens do not fit it)."""
    build = _Builder(located)
    content = located.content
    tokens = iter(children)
    for token in tokens:
        kind = token.type
        if kind == "text":
            build.expect(token.content)
            build.add_text(token.content)
        elif kind == "text_special":
            if token.info == "escape" and token.content not in build.escapes:
                build.escapes += token.content
            build.expect(token.markup)
            build.add_text(token.content)
        elif kind in ("softbreak", "hardbreak"):
            match = _BREAK.match(content, build.cursor)
            if match is None:
                raise _Mismatch
            build.anchor(match.end(), newline=True)
        elif kind.endswith("_open") and kind[:-5] in _EMPHASIS:
            build.open_wrap(token.markup, keep=False)
        elif kind.endswith("_close") and kind[:-6] in _EMPHASIS:
            build.expect(token.markup)
            build.close_wrap(token.markup)
        elif kind == "link_open" and token.markup == "autolink":
            end = content.find(">", build.cursor) + 1
            if not content.startswith("<", build.cursor) or end <= 0:
                raise _Mismatch
            for inner in tokens:
                if inner.type == "link_close":
                    break
            build.anchor(end)
        elif kind == "link_open":
            build.open_wrap("[", keep=True)
        elif kind == "link_close":
            start = build.cursor
            build.expect("]")
            end = _link_tail(content, build.cursor)
            build.cursor = end
            build.close_wrap(located.source(start, end))
        elif kind == "image":
            label = f"![{token.content}]"
            if not content.startswith(label, build.cursor):
                raise _Mismatch
            build.anchor(_link_tail(content, build.cursor + len(label)))
        elif kind == "code_inline":
            opening = build.cursor + len(token.markup)
            closing = re.compile(f"(?<!`){token.markup}(?!`)").search(content, opening)
            if not content.startswith(token.markup, build.cursor) or closing is None:
                raise _Mismatch
            build.anchor(closing.end())
        elif kind == "html_inline":
            if not content.startswith(token.content, build.cursor):
                raise _Mismatch
            build.anchor(build.cursor + len(token.content))
        else:
            raise _Mismatch
    return build.marked(), build.escapes


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t\n":
        position += 1
    return position


def _link_tail(text: str, position: int) -> int:
    """Where a link's target ends after its ``]`` at ``position``: ``(destination "title")``,
    ``[label]``, or nothing (a shortcut reference)."""
    from markdown_it.helpers import parseLinkDestination, parseLinkTitle

    if text.startswith("(", position):
        at = _skip_space(text, position + 1)
        if at < len(text) and text[at] != ")":
            destination = parseLinkDestination(text, at, len(text))
            if destination.ok:
                at = _skip_space(text, destination.pos)
                if at > destination.pos and at < len(text) and text[at] != ")":
                    title = parseLinkTitle(text, at, len(text))
                    if title.ok:
                        at = _skip_space(text, title.pos)
        if text.startswith(")", at):
            return at + 1
    if text.startswith("[", position):
        at = position + 1
        while at < len(text) and text[at] != "]":
            at += 2 if text[at] == "\\" else 1
        if at < len(text):
            return at + 1
    return position


def _units(tokens: Sequence["Token"], lines: _Lines) -> tuple[list[_Unit], int]:
    """The inline blocks of the document as units, and how many could not be matched."""
    text = lines.text
    units: list[_Unit] = []
    skipped = 0
    parent: Token | None = None
    row_line, row_column = -1, 0
    for token in tokens:
        if token.type == "tr_open" and token.map:
            row_line, row_column = token.map[0], 0
        if token.type != "inline":
            parent = token
            continue
        if parent is None or token.map is None or not token.content.strip():
            continue
        cell = parent.type in ("th_open", "td_open")
        heading = parent.type == "heading_open" and parent.markup.startswith("#")
        try:
            if cell:
                located = _locate_in_line(token.content, row_line, row_column, lines)
                row_column = located.origins[0] - lines.starts[row_line] + len(token.content)
            elif heading:
                line = token.map[0]
                opening = lines.line(line).find(parent.markup) + len(parent.markup)
                located = _locate_in_line(token.content, line, opening, lines)
            else:
                located = _locate_lines(token.content, token.map[0], lines)
            marked, escapes = _marked(located, token.children or [])
        except _Mismatch:
            skipped += 1
            continue
        start = located.position(0)
        end = located.position(len(token.content))
        units.append(_Unit(start, end, marked, text[start:end], cell, cell or heading, escapes))
    return units, skipped


def _scalars(tokens: Sequence["Token"], lines: _Lines, md_keys: Sequence[str]) -> list[_Scalar]:
    """The front matter's single-line string values of ``md_keys``, where they stand."""
    import yaml

    front = next((t for t in tokens if t.type == "front_matter"), None)
    if front is None or front.map is None:
        return []
    try:
        data = yaml.safe_load(front.content)
    except yaml.YAMLError:
        return []
    if not isinstance(data, dict):
        return []
    first, last = front.map[0] + 1, front.map[1] - 1
    scalars = []
    for key in dict.fromkeys(md_keys):
        value = data.get(key)
        if not isinstance(value, str) or not value.strip() or "\n" in value:
            continue
        for number in range(first, last):
            found = _scalar_on(lines, number, key, value, last)
            if found is not None:
                scalars.append(found)
                break
    return scalars


def _scalar_on(lines: _Lines, number: int, key: str, value: str, last: int) -> _Scalar | None:
    """``key``'s value ``value`` written whole on line ``number``, if it is there."""
    import yaml

    line = lines.line(number)
    match = re.match(rf"{re.escape(key)}[ \t]*:[ \t]*", line)
    if match is None:
        return None
    following = lines.line(number + 1) if number + 1 < last else ""
    if following[:1].isspace() and following.strip():
        return None  # the value goes on over more lines
    rest = line[match.end() :]
    ends = [m.start() for m in re.finditer(r"[ \t]#", rest)] + [len(rest)]
    for end in ends:
        raw = rest[:end].rstrip()
        try:
            if raw and yaml.safe_load(raw) == value:
                start = lines.starts[number] + match.end()
                quote = raw[0] if raw[0] in "'\"" else ""
                return _Scalar(start, start + len(raw), value, quote)
        except yaml.YAMLError:
            continue
    return None


def _yaml_scalar(text: str, quote: str) -> str:
    """``text`` as a YAML value in the ``quote`` style when it reads back as itself."""
    import yaml

    if quote == "'":
        return "'" + text.replace("'", "''") + "'"
    if not quote:
        try:
            if yaml.safe_load(f"key: {text}") == {"key": text}:
                return text
        except yaml.YAMLError:
            pass
    return json.dumps(text, ensure_ascii=False)


Piece = str | _Anchor | tuple[str]  # translated text; an anchor; markup (1-tuple)


def _sunk(nodes: list["str | Element[Tag]"]) -> list["str | Element[Tag]"]:
    """The tree with every anchor next to a wrap it was inside in the source moved into it:
    :func:`translator.inline.tree` keeps an anchor at a span's edge outside unless it was
    strictly inside, and a Markdown anchor opening or closing a link or emphasis is at its edge
    in the plain text."""
    result: list[str | Element[Tag]] = []
    for node in _flat(nodes):
        if isinstance(node, Element) and isinstance(node.tag, _Wrap):
            while result and _belongs(result[-1], node.tag):
                node.children.insert(0, result.pop())
        elif result and isinstance(last := result[-1], Element) and _belongs(node, last.tag):
            last.children.append(node)
            continue
        result.append(node)
    for node in result:
        if isinstance(node, Element) and isinstance(node.tag, _Wrap):
            node.children = _sunk(node.children)
    return result


def _flat(nodes: list["str | Element[Tag]"]) -> list["str | Element[Tag]"]:
    """The nodes with what an anchor holds (another anchor at the same place) after it."""
    result: list[str | Element[Tag]] = []
    for node in nodes:
        result.append(node)
        if isinstance(node, Element) and isinstance(node.tag, _Anchor):
            result += _flat(node.children)
            node.children = []
    return result


def _belongs(node: "str | Element[Tag]", wrap: Tag) -> bool:
    return (
        isinstance(wrap, _Wrap)
        and isinstance(node, Element)
        and isinstance(node.tag, _Anchor)
        and wrap in node.tag.within
    )


def _pieces(nodes: list["str | Element[Tag]"]) -> list[Piece]:
    pieces: list[Piece] = []
    for node in nodes:
        if isinstance(node, str):
            pieces.append(node)
        elif isinstance(node.tag, _Anchor):
            pieces.append(node.tag)
            pieces += _pieces(node.children)
        else:
            pieces.append((node.tag.open,))
            pieces += _pieces(node.children)
            pieces.append((node.tag.close,))
    return _spaced(pieces)


def _spaced(pieces: list[Piece]) -> list[Piece]:
    """The spaces next to each anchor as they were in the source (none around a break)."""
    out: list[Piece] = []
    for n, piece in enumerate(pieces):
        previous = pieces[n - 1] if n else None
        if isinstance(piece, str) and piece and isinstance(previous, _Anchor):
            piece = previous.after + piece.lstrip()
        elif isinstance(piece, str) and _glued_after(pieces[:n]):
            piece = piece.lstrip()
        if isinstance(piece, _Anchor):
            following = pieces[n + 1] if n + 1 < len(pieces) else None
            left = out[-1] if out else None
            if isinstance(left, str) and left:
                out[-1] = left.rstrip() + piece.before
            elif left is not None and piece.before:
                out.append(piece.before)
            out.append(piece)
            if isinstance(following, tuple) and piece.after:
                out.append(piece.after)
            continue
        out.append(piece)
    return out


def _glued_after(pieces: list[Piece]) -> bool:
    """Whether the pieces end with an anchor the next text was glued to, then markup."""
    for piece in reversed(pieces):
        if not isinstance(piece, tuple):
            return isinstance(piece, _Anchor) and piece.glued
    return False


@dataclass(frozen=True)
class _Written:
    """A unit written back: as it goes into the document, and as the parser sees it inside
    its container (without the container's prefixes on its lines)."""

    text: str
    parsed: str


def _written(pieces: list[Piece], escapes: str, guard: bool, unit: _Unit) -> _Written:
    """The unit with the characters in ``escapes`` escaped (all of them: the first line's
    opening escaped too); a line break dropped (a space) where the line after it would be
    empty or, with ``guard``, open a block."""
    escaped = re.compile(f"([{re.escape(escapes)}])") if escapes else None
    lines: list[list[str]] = [["", ""]]  # each line as written and as parsed
    breaks: list[_Anchor] = []
    for piece in pieces:
        if isinstance(piece, _Anchor) and piece.newline:
            lines.append(["", ""])
            breaks.append(piece)
            continue
        if isinstance(piece, _Anchor):
            written, parsed = piece.source, piece.content
        elif isinstance(piece, tuple):
            written = parsed = piece[0]
        else:
            written = parsed = escaped.sub(r"\\\1", piece) if escaped else piece
        lines[-1][0] += written
        lines[-1][1] += parsed
    kept, joints = [lines[0]], []
    for line, joint in zip(lines[1:], breaks, strict=True):
        last = kept[-1]
        if not line[1].strip() or not last[1].strip() or (guard and _block_start().match(line[1])):
            for n in (0, 1):
                last[n] = " ".join(part for part in (last[n].rstrip(), line[n].lstrip()) if part)
        else:
            kept.append(line)
            joints.append(joint)
    for n in (0, 1):
        kept[0][n], kept[-1][n] = kept[0][n].lstrip(), kept[-1][n].rstrip()
        start = re.match(r"(\d{1,9})([.)])|[-+=#>]", kept[0][n])
        if escapes == _ALL_ESCAPES and not unit.line and start:
            rest = kept[0][n][start.end() :]
            kept[0][n] = f"{start[1]}\\{start[2]}{rest}" if start[1] else "\\" + kept[0][n]
    return _Written(
        kept[0][0] + "".join(b.source + line[0] for b, line in zip(joints, kept[1:], strict=True)),
        kept[0][1] + "".join(b.content + line[1] for b, line in zip(joints, kept[1:], strict=True)),
    )


def _signature(
    md: "MarkdownIt", text: str, env: dict[str, object], line: bool
) -> list[object] | None:
    """The inline structure ``text`` parses to: as a paragraph, or (``line``) as a heading's
    text; None when it is not that block alone. Line breaks count as spaces."""
    tokens = md.parse(f"# {text}" if line else text, dict(env))
    block = "heading" if line else "paragraph"
    if [t.type for t in tokens] != [f"{block}_open", "inline", f"{block}_close"]:
        return None
    signature: list[object] = []
    for child in tokens[1].children or []:
        if child.type in ("text", "text_special", "softbreak", "hardbreak"):
            text = " " if child.type.endswith("break") else child.content
            if signature and isinstance(signature[-1], str):
                signature[-1] = " ".join((signature[-1] + text).split(" "))
            else:
                signature.append(text)
        else:
            signature.append((child.type, child.markup, sorted(child.attrs.items())))
    return [" ".join(part.split()) if isinstance(part, str) else part for part in signature]


class MarkdownDocument(Document):
    """A Markdown text and its units: front matter values, then inline blocks, in order."""

    aligned = True

    def __init__(
        self,
        text: str,
        parts: list[_Unit | _Scalar],
        skipped: int,
        md: "MarkdownIt",
        env: dict[str, object],
    ) -> None:
        self.text = text
        self.parts = parts
        self.skipped = skipped
        self.md = md
        self.env = env
        self.units = [
            part.text if isinstance(part, _Scalar) else part.marked.text for part in parts
        ]

    def render(self, translations: Sequence[TranslatedDocument]) -> Rendered:
        out: list[str] = []
        cursor = 0
        fallbacks = self.skipped
        for part, translation in zip(self.parts, translations, strict=True):
            if isinstance(part, _Scalar):
                new = _yaml_scalar(translation.text.strip(), part.quote)
            else:
                new, lost = self._unit(part, translation)
                fallbacks += lost
            out += [self.text[cursor : part.start], new]
            cursor = part.end
        out.append(self.text[cursor:])
        return Rendered("".join(out).encode("utf-8"), fallbacks)

    def _unit(self, unit: _Unit, translation: TranslatedDocument) -> tuple[str, int]:
        """A block's translation with its markup, and how many spans fell back.

        The first of these that reads back as the fully escaped, guarded form is written:
        escaped as the source was (its escaped characters), then fully; keeping every line
        break, then dropping those that would open a block. None: the source, untranslated."""
        placed = place(unit.marked, translation)
        pieces = _pieces(_sunk(tree(placed)))
        cell = "|" if unit.cell else ""
        candidates = [
            _written(pieces, escapes, guard, unit)
            for escapes in (unit.escapes + cell, _ALL_ESCAPES)
            for guard in (False, True)
        ]
        wanted = _signature(self.md, candidates[-1].parsed, self.env, unit.line)
        if wanted is None:
            return unit.source, placed.fallbacks + 1
        for candidate in candidates[:-1]:
            if _signature(self.md, candidate.parsed, self.env, unit.line) == wanted:
                return candidate.text, placed.fallbacks
        return candidates[-1].text, placed.fallbacks


@dataclass(frozen=True)
class MarkdownFormat:
    """The ``md`` format."""

    name: str = "md"
    suffixes: tuple[str, ...] = (".md", ".markdown")

    def read(self, data: bytes, name: str, options: ReadOptions) -> MarkdownDocument:
        text = decode_text(data, name)
        md = _parser()
        env: dict[str, object] = {}
        tokens = md.parse(text, env)
        lines = _Lines(text)
        units, skipped = _units(tokens, lines)
        scalars = sorted(_scalars(tokens, lines, options.md_keys), key=lambda s: s.start)
        parts: list[_Unit | _Scalar] = [*scalars, *units]
        return MarkdownDocument(text, parts, skipped, md, env)


FORMAT = MarkdownFormat()
FORMATS = (FORMAT,)
