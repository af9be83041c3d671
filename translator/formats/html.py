"""HTML pages and fragments: the text to translate as units with inline markup, written back
into the original source.

Shared by the API's ``format=html`` (:mod:`translator.texts`) and ``translator batch``
(:mod:`translator.batch.formats.html`). The source is tokenised with the standard library's
:class:`html.parser.HTMLParser` and never re-serialised: the output is the source with each
unit's range replaced by its translation, so the doctype, comments, entities, attribute order
and quoting, and everything else not translated stay byte for byte.

The units, in document order:

- **Text.** A run of inline content (text, inline elements, anchors) between two block
  boundaries (any other tag: ``p``, ``li``, ``td``, ``div``, ``title``, ``button``,
  ``option``...) is one unit, translated whole. Its inline elements are
  :class:`translator.inline.Span` s placed on the translated words: ``a``, ``abbr``, ``time``,
  ``data``, ``label``, ``bdo`` and a ``span`` with attributes carry content (``keep``: never
  dropped); the formatting elements (``b``, ``strong``, ``i``, ``em``, ``u``, ``s``, a bare
  ``span``...) are dropped when they cannot be placed. Zero-width anchors, written back as they
  are: ``br``, ``img``, ``wbr``, ``input``, comments, and the whole subtree of inline code
  (``code``, ``kbd``, ``samp``, ``var``), of ``script``/``style``, or of an inline element marked
  ``translate="no"`` or ``class="notranslate"``. Whitespace and anchors at either end of a
  run, and elements wrapping all of its text (``<li><a href="/">Головна</a></li>``), stay
  outside the unit, where they are.
- **Attributes.** The value of each ``alt``, ``title`` and ``placeholder``: a unit of its own.

Untouched: the subtree of ``script``, ``style``, ``pre``, inline code, and of an element marked
``translate="no"`` or ``class="notranslate"`` (with its own attributes). A page's ``<html>``
element gets ``lang`` set to the target language.

Characters: references are decoded for translation (``&nbsp;`` → U+00A0, ``&amp;`` → ``&``);
on output a character the unit's source wrote only as a reference is written with that same
reference again, ``&`` and ``<`` are escaped unless the source had them bare (and they stay
unambiguous), and an attribute's quote is escaped. A line break with the whitespace around it
inside a text unit is one space to the translation (a sentence never crosses a line break), so a
unit wrapped over lines comes back on one line; a ``<br>`` ends a sentence. Span edges are word
edges: whitespace just inside an inline element comes back just outside it.

Broken markup is tolerated: an inline element that does not nest within its run (unclosed,
closed out of order, closed in another block) is no span: each of its tags is an anchor. A
character reference in translated text that is no character (``&#1;``, ``&#xD800;``) is an
``InputError``.
"""

import html
import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from typing import Literal

from translator.errors import InputError
from translator.inline import Element, Marked, Placed, Span, place, tree
from translator.pipeline import TranslatedDocument

Range = tuple[int, int]
Edit = tuple[int, int, str]  # replace source[start:end] with the text

FORMATTING = frozenset(
    [
        "b",
        "strong",
        "i",
        "em",
        "u",
        "s",
        "strike",
        "small",
        "big",
        "mark",
        "sub",
        "sup",
        "tt",
        "font",
        "del",
        "ins",
        "q",
        "cite",
        "dfn",
        "bdi",
        "nobr",
    ]
)
CARRYING = frozenset(["a", "abbr", "time", "data", "label", "bdo"])  # never dropped
INLINE = FORMATTING | CARRYING | {"span"}
VOID_INLINE = frozenset(["br", "img", "wbr", "input"])
VOID = VOID_INLINE | frozenset(
    ["area", "base", "col", "embed", "hr", "keygen", "link", "meta", "param", "source", "track"]
)
CODE = frozenset(
    ["code", "kbd", "samp", "var", "script", "style"]
)  # kept; an anchor inside a sentence
KEPT = CODE | {"pre"}
ATTRIBUTES = frozenset({"alt", "title", "placeholder"})
SPACE = " \t\n\r\f"
BREAK = "\n"  # what a <br> is to the translation; dropped on output

_REF = re.compile(r"&(?:#[xX][0-9a-fA-F]+;?|#[0-9]+;?|[a-zA-Z][a-zA-Z0-9]*;?)")
_NUMBER = re.compile(r"&#([xX]?)([0-9a-fA-F]+)")
_WRAP = re.compile(r"[ \t\f]*[\r\n][ \t\r\n\f]*")
_LEAD = re.compile(r"[^ \t\n\r\f]+\Z")  # the part of a word before a position
_TAIL = re.compile(r"[^ \t\n\r\f]+")
_TAG_START = re.compile(r"[a-zA-Z/!?]")
_TAG_NAME = re.compile(r"<[a-zA-Z][^\t\n\r\f />\x00]*(?:\s|/(?!>))*")
_ATTRIBUTE = re.compile(  # html.parser's attrfind_tolerant
    r"((?<=['\"\s/])[^\s/>][^\s/=>]*)(\s*=+\s*"
    r"('[^']*'|\"[^\"]*\"|(?!['\"])[^>\s]*))?(?:\s|/(?!>))*"
)


@dataclass(frozen=True)
class Markup:
    """An inline element by its source: the ranges of its start and end tag (an anchor: its
    whole source, and an empty end), for an anchor how much whitespace is just before it in
    the source text (so that it lands on the same side of a space), and for an element the part
    of a word just outside its edges (``tail``: the ``,`` of ``<a>Ради</a>,``), which
    :func:`translator.inline.place` puts inside (it places whole words)."""

    open: Range
    close: Range
    before: int = 0
    lead: str = ""
    tail: str = ""

    @property
    def anchor(self) -> bool:
        return self.close[0] == self.close[1]


@dataclass(frozen=True)
class Unit:
    """A unit to translate: the source range its translation replaces, its text and markup,
    and how its characters are written back (``forms``: a character the source wrote only as
    this reference; ``bare``: ``&``/``<`` the source wrote bare). ``quote``: None for text, the
    attribute value's quote character otherwise ("" when unquoted)."""

    start: int
    end: int
    marked: Marked[Markup]
    forms: dict[str, str] = field(default_factory=dict)
    bare: frozenset[str] = frozenset()
    quote: str | None = None


@dataclass(frozen=True)
class Page:
    """An HTML source, its units, and the edits made whatever the translation (``lang``)."""

    source: str
    units: tuple[Unit, ...]
    fixed: tuple[Edit, ...] = ()

    @property
    def texts(self) -> list[str]:
        """The text of every unit, in order: what to translate."""
        return [unit.marked.text for unit in self.units]

    @property
    def readable(self) -> str:
        """The translatable text, one text unit a line (for language detection)."""
        return "\n".join(unit.marked.text for unit in self.units if unit.quote is None)

    def render(self, translations: Sequence[TranslatedDocument]) -> tuple[str, int]:
        """The source with ``translations[i]`` in place of unit ``i``, and how many inline
        spans a fallback placed."""
        inner = list(self.fixed)
        for unit, translated in zip(self.units, translations, strict=True):
            if unit.quote is not None:
                inner.append((unit.start, unit.end, _attribute(translated.text, unit)))
        inner.sort()
        top: list[Edit] = []
        fallbacks = 0
        for unit, translated in zip(self.units, translations, strict=True):
            if unit.quote is None:
                placed = _spaced(place(unit.marked, translated))
                fallbacks += placed.fallbacks
                text = "".join(self._node(node, unit, inner) for node in tree(placed))
                top.append((unit.start, unit.end, text))
        edits: list[Edit] = []
        for edit in sorted([*top, *inner], key=lambda e: (e[0], -e[1])):
            if not edits or edit[0] >= edits[-1][1]:
                edits.append(edit)
        return _splice(self.source, (0, len(self.source)), edits), fallbacks

    def _node(self, node: "str | Element[Markup]", unit: Unit, inner: list[Edit]) -> str:
        if isinstance(node, str):
            return _escape(node, unit)
        children = "".join(self._node(child, unit, inner) for child in node.children)
        return (
            _splice(self.source, node.tag.open, inner)
            + children
            + _splice(self.source, node.tag.close, inner)
        )


def read_html(source: str, lang: str | None = None) -> Page:
    """The units of ``source``; ``lang``: the value for ``<html lang>`` (None: a fragment)."""
    return _Builder(source, lang).page()


def html_text(fragment: str) -> str:
    """The readable text of a fragment (for language detection)."""
    return read_html(fragment).readable


@dataclass(frozen=True)
class _Token:
    kind: Literal["start", "end", "empty", "text", "comment", "other"]
    start: int
    end: int
    name: str = ""


_OPENED = re.compile(r"<[A-Za-z/!?]")  # a tag, comment, declaration or instruction begins


class _Tokenizer(HTMLParser):
    """The tokens of a source with their exact ranges (each token ends where the next starts;
    text html.parser drops, such as ``</>``, is an ``other`` token)."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.lines = [0, *(m.end() for m in re.finditer("\n", source))]
        self.found: list[tuple[str, int, str, int]] = []  # kind, start, name, length or -1

    def tokens(self) -> list[_Token]:
        self.feed(self.source)
        if opened := _OPENED.search(self.rawdata):  # markup html.parser still waits to end
            at = len(self.source) - len(self.rawdata) + opened.start()
            line = self.source.count("\n", 0, at) + 1
            excerpt = self.source[at : at + 20].split("\n")[0]
            raise InputError(f"broken HTML: unterminated markup at line {line}: {excerpt!r}")
        self.close()
        tokens: list[_Token] = []
        for n, (kind, start, name, length) in enumerate(self.found):
            end = self.found[n + 1][1] if n + 1 < len(self.found) else len(self.source)
            own = start + length if length >= 0 else end
            tokens.append(_Token(kind, start, min(own, end), name))  # type: ignore[arg-type]
            if own < end:
                tokens.append(_Token("other", own, end))
        return tokens

    def _add(self, kind: str, name: str = "", length: int = -1) -> None:
        line, column = self.getpos()
        self.found.append((kind, self.lines[line - 1] + column, name, length))

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self._add("start", tag)

    def handle_startendtag(self, tag: str, attrs: object) -> None:
        self._add("empty", tag)

    def handle_endtag(self, tag: str) -> None:
        self._add("end", tag)

    def handle_data(self, data: str) -> None:
        self._add("text", length=len(data))

    def handle_entityref(self, name: str) -> None:
        self._reference()

    def handle_charref(self, name: str) -> None:
        self._reference()

    def _reference(self) -> None:
        self._add("text")
        match = _REF.match(self.source, self.found[-1][1])
        self.found[-1] = (*self.found[-1][:3], len(match.group()) if match else -1)

    def handle_comment(self, data: str) -> None:
        self._add("comment")

    def handle_decl(self, decl: str) -> None:
        self._add("other")

    def handle_pi(self, data: str) -> None:
        self._add("other")

    def unknown_decl(self, data: str) -> None:
        self._add("other")


@dataclass(frozen=True)
class _Atom:
    """A piece of text: a run of literal characters, or one character reference decoded."""

    start: int
    end: int
    text: str
    reference: str = ""  # the reference as the source wrote it


@dataclass
class _Piece:
    """A piece of a run: text, an inline start or end tag (``pair``: the index of its match),
    or an anchor."""

    kind: Literal["text", "open", "close", "anchor"]
    start: int
    end: int
    name: str = ""
    keep: bool = False
    atoms: list[_Atom] = field(default_factory=list)
    pair: int = -1


@dataclass
class _Kept:
    """A subtree written back as it is: its element, nesting depth and start."""

    name: str
    start: int
    inline: bool
    depth: int = 1
    outer: int = 0  # how many elements were open around it


class _Builder:
    """Walks the tokens, cutting runs of inline content into units."""

    def __init__(self, source: str, lang: str | None) -> None:
        self.source = source
        self.lang = lang
        self.units: list[Unit] = []
        self.fixed: list[Edit] = []
        self.run: list[_Piece] = []
        self.open: list[str] = []
        self.kept: _Kept | None = None

    def page(self) -> Page:
        for token in _Tokenizer(self.source).tokens():
            if self.kept is not None:
                self._in_kept(token)
            else:
                self._token(token)
        if self.kept is not None:
            self._end_kept(len(self.source))
        self._finish()
        units = sorted(self.units, key=lambda unit: unit.start)
        return Page(self.source, tuple(units), tuple(self.fixed))

    def _token(self, token: _Token) -> None:
        if token.kind == "text":
            atoms = _atoms(self.source, token.start, token.end)
            if self.run and self.run[-1].kind == "text":
                self.run[-1].atoms += atoms
                self.run[-1].end = token.end
            else:
                self.run.append(_Piece("text", token.start, token.end, atoms=atoms))
        elif token.kind in ("comment", "other"):
            if token.kind == "comment" or self.run:
                self.run.append(_Piece("anchor", token.start, token.end))
            if token.kind == "other" and not self.run:
                self._finish()
        elif token.kind == "end":
            self._end_tag(token)
        else:
            self._start_tag(token)

    def _start_tag(self, token: _Token) -> None:
        raw = self.source[token.start : token.end]
        attributes = _attributes(raw, token.start)
        name = token.name
        inline = name in INLINE or name in CODE or name in VOID_INLINE
        if name in KEPT or _marked_no(self.source, attributes):
            if token.kind == "empty" or name in VOID:
                self._anchor_or_boundary(inline, token.start, token.end)
            else:
                self.kept = _Kept(name, token.start, inline, outer=len(self.open))
                self.open.append(name)
            return
        self._translate_attributes(attributes)
        if name == "html" and self.lang is not None:
            self._set_lang(token.start, attributes)
        if name in VOID_INLINE or (token.kind == "empty" and name in INLINE):
            self.run.append(_Piece("anchor", token.start, token.end, name))
            return
        if token.kind == "start" and name not in VOID:
            self.open.append(name)
        if name in INLINE:
            keep = name in CARRYING or (name == "span" and bool(attributes))
            self.run.append(_Piece("open", token.start, token.end, name, keep))
        else:
            self._finish()

    def _end_tag(self, token: _Token) -> None:
        name = token.name
        if name in self.open:
            del self.open[len(self.open) - 1 - self.open[::-1].index(name) :]
        if name in INLINE:
            self.run.append(_Piece("close", token.start, token.end, name))
        elif name in VOID_INLINE or name in CODE:
            self.run.append(_Piece("anchor", token.start, token.end, name))
        else:
            self._finish()

    def _in_kept(self, token: _Token) -> None:
        kept = self.kept
        assert kept is not None
        if token.kind == "start" and token.name == kept.name and token.name not in VOID:
            kept.depth += 1
        elif token.kind == "end" and token.name == kept.name:
            kept.depth -= 1
            if kept.depth == 0:
                del self.open[kept.outer :]
                self._end_kept(token.end)
        elif token.kind == "end" and token.name in self.open[: kept.outer]:
            del self.open[kept.outer :]
            self._end_kept(token.start)
            self._token(token)

    def _end_kept(self, end: int) -> None:
        kept = self.kept
        assert kept is not None
        self.kept = None
        self._anchor_or_boundary(kept.inline, kept.start, end)

    def _anchor_or_boundary(self, inline: bool, start: int, end: int) -> None:
        if inline:
            self.run.append(_Piece("anchor", start, end))
        else:
            self._finish()

    def _translate_attributes(self, attributes: dict[str, tuple[Range, str]]) -> None:
        for name in sorted(ATTRIBUTES & attributes.keys()):
            (start, end), quote = attributes[name]
            atoms = _atoms(self.source, start, end)
            text = "".join(atom.text for atom in atoms)
            if text.strip():
                forms, bare = _forms(atoms)
                self.units.append(Unit(start, end, Marked(text), forms, bare, quote))

    def _set_lang(self, start: int, attributes: dict[str, tuple[Range, str]]) -> None:
        """Set (or add) the ``lang`` of the ``<html>`` tag at ``start``."""
        value = self.lang or ""
        if "lang" not in attributes:
            at = start + len("<html")
            self.fixed.append((at, at, f' lang="{html.escape(value)}"'))
            return
        (a, b), quote = attributes["lang"]
        if a == b and not quote and self.source[a - 1 : a] != "=":  # ``lang`` without a value
            self.fixed.append((a, b, f'="{html.escape(value)}"'))
        elif quote or re.fullmatch(r"[A-Za-z0-9-]+", value):
            self.fixed.append((a, b, html.escape(value, quote=quote == '"') if quote else value))
        else:
            self.fixed.append((a, b, f'"{html.escape(value)}"'))

    def _finish(self) -> None:
        """Make the open run a unit, if it has text."""
        pieces, self.run = self.run, []
        _pair(pieces)
        content = [
            n
            for n, piece in enumerate(pieces)
            if piece.kind == "text" and any(not a.text.isspace() for a in piece.atoms)
        ]
        if not content:
            return
        low, high = _bounds(pieces, content[0], content[-1])
        self.units.append(_unit(pieces, low, high))


def _pair(pieces: list[_Piece]) -> None:
    """Match the inline start and end tags of a run that nest; the others stay anchors."""
    stack: list[int] = []
    for n, piece in enumerate(pieces):
        if piece.kind == "open":
            stack.append(n)
        elif piece.kind == "close":
            names = [pieces[m].name for m in stack]
            if piece.name in names:
                while True:
                    m = stack.pop()
                    if pieces[m].name == piece.name:
                        pieces[m].pair, piece.pair = n, m
                        break


def _bounds(pieces: list[_Piece], low: int, high: int) -> Range:
    """The pieces from ``low`` to ``high`` widened until no element crosses their edges (an
    element around all of them stays outside)."""
    changed = True
    while changed:
        changed = False
        for n, piece in enumerate(pieces):
            if piece.kind != "open" or piece.pair < 0:
                continue
            if n < low <= piece.pair < high:
                low, changed = n, True
            elif low < n <= high < piece.pair:
                high, changed = piece.pair, True
    return low, high


def _unit(pieces: list[_Piece], low: int, high: int) -> Unit:
    """The unit of ``pieces[low:high + 1]``: its text, spans and source range (the whitespace
    at its ends left out)."""
    first, last = pieces[low], pieces[high]
    if first.kind == "text":
        first.atoms = _trimmed(first.atoms, leading=True)
        first.start = first.atoms[0].start
    if last.kind == "text":
        last.atoms = _trimmed(last.atoms, leading=False)
        last.end = last.atoms[-1].end
    text = ""
    atoms: list[_Atom] = []
    opened: dict[int, int] = {}
    found: list[tuple[int, int, int, Markup, bool]] = []  # start, end, order, tag, keep
    for n in range(low, high + 1):
        piece = pieces[n]
        if piece.kind == "text":
            atoms += piece.atoms
            text += "".join(_WRAP.sub(" ", atom.text) for atom in piece.atoms)
        elif piece.kind == "open" and piece.pair >= 0:
            opened[n] = len(text)
        elif piece.kind == "close" and piece.pair >= 0:
            opener = pieces[piece.pair]
            tag = Markup((opener.start, opener.end), (piece.start, piece.end))
            found.append((opened[piece.pair], len(text), piece.pair, tag, opener.keep))
        else:
            before = len(text) - len(text.rstrip(SPACE))
            tag = Markup((piece.start, piece.end), (piece.end, piece.end), before)
            found.append((len(text), len(text), n, tag, True))
            if piece.name == "br":
                text += BREAK
    found = [_edged(text, *item) for item in found]
    found.sort(key=lambda item: (item[0], -item[1], item[2]))
    spans = tuple(Span(start, end, tag, keep) for start, end, _, tag, keep in found)
    forms, bare = _forms(atoms)
    return Unit(first.start, last.end, Marked(text, spans), forms, bare)


def _trimmed(atoms: list[_Atom], leading: bool) -> list[_Atom]:
    """``atoms`` without the literal whitespace at their start (or end)."""
    atoms = list(atoms) if leading else list(reversed(atoms))
    while atoms and not atoms[0].reference:
        atom = atoms[0]
        kept = atom.text.lstrip(SPACE) if leading else atom.text.rstrip(SPACE)
        if kept:
            cut = len(atom.text) - len(kept)
            start, end = (atom.start + cut, atom.end) if leading else (atom.start, atom.end - cut)
            atoms[0] = _Atom(start, end, kept)
            break
        atoms.pop(0)
    return atoms if leading else list(reversed(atoms))


def _atoms(source: str, start: int, end: int) -> list[_Atom]:
    """``source[start:end]`` as literal runs and decoded character references."""
    atoms: list[_Atom] = []
    position = start
    for match in _REF.finditer(source, start, end):
        decoded = _decoded(match.group(), match.start())
        if decoded is None:
            continue
        if match.start() > position:
            atoms.append(_Atom(position, match.start(), source[position : match.start()]))
        atoms.append(_Atom(match.start(), match.end(), decoded, match.group()))
        position = match.end()
    if position < end:
        atoms.append(_Atom(position, end, source[position:end]))
    return atoms


def _decoded(reference: str, offset: int) -> str | None:
    """The text of a character reference (None: no reference, such as ``&T``); one to no
    character (``&#1;``) is an ``InputError``."""
    decoded = html.unescape(reference)
    if decoded == reference:
        return None
    number = _NUMBER.match(reference)
    if number:
        code = int(number.group(2), 16 if number.group(1) else 10)
        control = len(decoded) == 1 and ord(decoded) < 32 and decoded not in SPACE
        if (decoded in ("", "\ufffd") and code != 0xFFFD) or control:
            raise InputError(f"unusable HTML: {reference} at offset {offset} is not a character")
    return decoded


def _forms(atoms: list[_Atom]) -> tuple[dict[str, str], frozenset[str]]:
    """The characters written only as references (each with its first reference), and which
    of ``&`` and ``<`` were written bare."""
    literal = {char for atom in atoms if not atom.reference for char in atom.text}
    forms: dict[str, str] = {}
    for atom in atoms:
        if atom.reference and len(atom.text) == 1 and atom.text not in literal:
            forms.setdefault(atom.text, atom.reference)
    return forms, frozenset(literal & {"&", "<"})


def _escape(text: str, unit: Unit) -> str:
    """``text`` written back in the unit's source: see the module docstring."""
    out = []
    for n, char in enumerate(text):
        if char == BREAK and unit.quote is None:
            continue
        if char in unit.forms:
            out.append(unit.forms[char])
        elif char == "&":
            reference = _REF.match(text, n)
            plain = reference is None or html.unescape(reference.group()) == reference.group()
            out.append("&" if "&" in unit.bare and plain else "&amp;")
        elif char == "<":
            plain = not _TAG_START.match(text, n + 1)
            out.append("<" if "<" in unit.bare and plain else "&lt;")
        elif unit.quote and char == unit.quote:
            out.append("&quot;" if char == '"' else "&#39;")
        else:
            out.append(char)
    return "".join(out)


def _attribute(text: str, unit: Unit) -> str:
    """A translated attribute value, escaped and quoted as its source was (an unquoted value
    that needs quotes gets double quotes)."""
    value = _escape(text, unit)
    if unit.quote == "" and (not value or re.search(r"[\s\"'=<>`]", value)):
        return '"' + _escape(text, replace(unit, quote='"')) + '"'
    return value


def _edged(
    text: str, start: int, end: int, order: int, tag: Markup, keep: bool
) -> tuple[int, int, int, Markup, bool]:
    """A span with the parts of words just outside it noted in its tag."""
    lead = _LEAD.search(text, 0, start)
    tail = _TAIL.match(text, end)
    parts = replace(tag, lead=lead.group() if lead else "", tail=tail.group() if tail else "")
    return start, end, order, parts, keep


def _spaced(placed: Placed[Markup]) -> Placed[Markup]:
    """``placed`` with each element's edges moved off the parts of words that were outside it
    in the source, and each anchor moved to where it was in its word (inside one: to the same
    place in the next translated word ending the same way; else within the whitespace around
    it to the side of the space it was on)."""
    spans = []
    text = placed.text
    for span in placed.spans:
        tag = span.tag
        start, end = span.start, span.end
        if not tag.anchor:
            if tag.tail and text[:end].endswith(tag.tail) and end - len(tag.tail) > start:
                end -= len(tag.tail)
            if tag.lead and text[start:end].startswith(tag.lead) and start + len(tag.lead) < end:
                start += len(tag.lead)
        elif tag.lead and tag.tail:
            word = _TAIL.search(text, start)
            if word and word.group().endswith(tag.tail) and len(word.group()) > len(tag.tail):
                start = end = word.end() - len(tag.tail)
        else:
            low = len(text[:start].rstrip(SPACE))
            high = start + len(text[start:]) - len(text[start:].lstrip(SPACE))
            start = end = min(low + tag.before, high)
        spans.append(replace(span, start=start, end=end))
    return replace(placed, spans=tuple(spans))


def _splice(source: str, within: Range, edits: list[Edit]) -> str:
    """``source[within]`` with the (sorted, disjoint) edits inside it applied."""
    start, end = within
    out = []
    n = bisect_left(edits, (start, -1, ""))
    position = start
    while n < len(edits) and edits[n][1] <= end:
        a, b, text = edits[n]
        if a < position:
            n += 1
            continue
        out.append(source[position:a])
        out.append(text)
        position = b
        n += 1
    out.append(source[position:end])
    return "".join(out)


def _attributes(raw: str, offset: int) -> dict[str, tuple[Range, str]]:
    """Each attribute of a start tag (the first of a name): its value's source range and
    quote character ("" when unquoted; an empty range at the name's end when it has none)."""
    found: dict[str, tuple[Range, str]] = {}
    name = _TAG_NAME.match(raw)
    position = name.end() if name else len(raw)
    while position < len(raw):
        match = _ATTRIBUTE.match(raw, position)
        if not match or match.end() == position:
            break
        key = match.group(1).lower()
        if match.group(3) is None:
            span, quote = (match.end(1), match.end(1)), ""
        else:
            a, b = match.span(3)
            quoted = raw[a : a + 1] in ("'", '"')
            span, quote = ((a + 1, b - 1), raw[a]) if quoted else ((a, b), "")
        found.setdefault(key, ((span[0] + offset, span[1] + offset), quote))
        position = match.end()
    return found


def _marked_no(source: str, attributes: dict[str, tuple[Range, str]]) -> bool:
    """Whether a start tag says ``translate="no"`` or ``class="... notranslate ..."``."""

    def value(key: str) -> str:
        (start, end), _ = attributes.get(key, ((0, 0), ""))
        return html.unescape(source[start:end])

    return value("translate").strip().lower() == "no" or "notranslate" in value("class").split()
