"""Word documents (``.docx``), read and written back with python-docx and lxml.

**What is translated.** Every paragraph of the body (tables and nested tables included, cell by
cell), of each header and footer part the sections reference (first-page and even-page variants
too; a header linked to the previous section is one part, translated once), of the footnotes and
endnotes parts (python-docx has no API for them: they are reached through the document part's
relationships), and of text boxes (``w:txbxContent``, also its VML fallback copy). Comments are
not translated.

**A paragraph is one unit.** Its runs' text is concatenated (``w:t``; ``w:tab`` is a tab; every
``w:br`` and ``w:cr`` is a line break, which the pipeline keeps (sentences never cross it), and
the n-th line break of the translation is written back as the n-th break element, so a page or
column break stays one; non-breaking and soft hyphens are their characters), and its markup
becomes :mod:`translator.inline` spans:

- formatting: the run properties (``w:rPr``) covering most of the paragraph's text are its base;
  each stretch of adjacent runs with other properties is a span (``keep=False``: dropped on a
  fallback, its words then get the base formatting);
- containers: a hyperlink (its ``r:id``/``w:anchor`` kept), a tracked insertion or move, a
  smart tag, custom XML and an inline content control wrap their runs in a span (``keep=True``);
- a field with a result (``fldChar`` begin, code, separate, result, end) is a span around its
  result text whose markup is the field code's runs and the end run, written back verbatim; a
  field without a result, or one crossing a paragraph or container, is kept as anchors;
- everything else (images and drawings, text boxes, footnote and comment references, bookmarks,
  comment ranges, tracked deletions, equations, symbols) is an anchor:
  the original XML element, written back as it is (a run-level one inside a run with its run's
  properties).

Proofing marks (``w:proofErr``) and ``w:lastRenderedPageBreak`` refer to the old text and are
left out. Paragraph properties are untouched; a paragraph without text is not rewritten.

**Bad files** are refused before parsing: not a ZIP, an OLE compound file (a legacy ``.doc`` or
an encrypted ``.docx``), a corrupt archive or missing parts, and any XML part declaring a
``DOCTYPE`` or entities.
"""

import copy
import io
import re
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from translator.batch.formats import Document, ReadOptions, Rendered
from translator.errors import InputError
from translator.inline import Element, Marked, Placed, Span, place, tree
from translator.pipeline import TranslatedDocument

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.opc.part import Part
    from lxml.etree import _Element

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_UNPACKED = 1 << 30  # bytes, all members together: more is a ZIP bomb, not a document
_DECLARATION = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_SPECIAL = re.compile("([\t\n\u2011\u00ad])")


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


# Run content read as characters of the text, and written back from them.
_CHARACTERS = {
    _w("tab"): "\t",
    _w("noBreakHyphen"): "\u2011",
    _w("softHyphen"): "\u00ad",
}
_ELEMENTS = {"\t": "w:tab", "\u2011": "w:noBreakHyphen", "\u00ad": "w:softHyphen"}
_CONTAINERS = frozenset(
    _w(name) for name in ("hyperlink", "ins", "moveTo", "smartTag", "customXml", "dir", "bdo")
)
_LEFT_OUT = frozenset({_w("proofErr"), _w("lastRenderedPageBreak")})


@dataclass(frozen=True, eq=False)
class _Format:
    """Run properties (None: none) for the text inside; ``lead`` and ``trail``: the whitespace
    the formatted source text began and ended with (placed spans cover words only)."""

    rpr: "_Element | None"
    lead: str = ""
    trail: str = ""


@dataclass(frozen=True, eq=False)
class _Anchor:
    """Original elements written back as they are; ``in_run``: each goes into a new run with
    ``rpr``."""

    elements: "tuple[_Element, ...]"
    in_run: bool = False
    rpr: "_Element | None" = None


@dataclass(frozen=True, eq=False)
class _Wrap:
    """Markup around text: ``before`` and ``after`` written verbatim, and ``shell`` (None: no
    element) holding the text inside its ``inner`` element."""

    before: "tuple[_Element, ...]" = ()
    shell: "_Element | None" = None
    inner: "_Element | None" = None
    after: "tuple[_Element, ...]" = ()


Tag = _Format | _Anchor | _Wrap


@dataclass
class _Field:
    """A complex field being read: its runs from ``begin`` on, where it started."""

    runs: "list[_Element]"
    start: int
    order: int
    container: int
    nested: int = 0
    result: bool = False


@dataclass(frozen=True)
class _Text:
    start: int
    end: int
    key: bytes
    rpr: "_Element | None"
    context: int
    order: int


@dataclass
class _ParagraphReader:
    """Reads one paragraph's inline content into a :class:`Marked` unit."""

    parts: list[str] = field(default_factory=list)
    length: int = 0
    order: int = 0
    context: int = 0
    container: int = 0
    containers: int = 0
    texts: list[_Text] = field(default_factory=list)
    spans: list[tuple[int, Span[Tag]]] = field(default_factory=list)
    fields: list[_Field] = field(default_factory=list)
    breaks: "list[_Element]" = field(default_factory=list)  # per "\n" of the text, its element

    def read(self, paragraph: "_Element") -> tuple[Marked[Tag], "_Element | None"]:
        """The paragraph's unit and its base run properties (its breaks: :attr:`breaks`)."""
        self._content(child for child in paragraph if child.tag != _w("pPr"))
        for pending in self.fields:
            self._anchor(tuple(pending.runs), pending.start, pending.order)
        base_key, base = self._base()
        self._format_spans(base_key)
        ordered = sorted(self.spans, key=lambda item: (item[1].start, -item[1].end, item[0]))
        return Marked("".join(self.parts), tuple(span for _, span in ordered)), base

    def _format_spans(self, base_key: bytes) -> None:
        """A span for each stretch of adjacent text with the same properties, other than the
        base, in the same container."""
        stretch: list[_Text] = []
        for text in [*self.texts, None]:
            if stretch and (text is None or not _same(text, stretch[0])):
                first = stretch[0]
                if first.key != base_key:
                    covered = "".join(self.parts)[first.start : stretch[-1].end]
                    lead = covered[: len(covered) - len(covered.lstrip())]
                    trail = covered[len(covered.rstrip()) :] if covered.strip() else ""
                    tag = _Format(first.rpr, lead, trail)
                    span = Span(first.start, stretch[-1].end, tag, False)
                    self.spans.append((first.order, span))
                stretch = []
            if text is not None:
                stretch.append(text)

    def _base(self) -> "tuple[bytes, _Element | None]":
        """The run properties covering most of the text (the first of equals)."""
        counts: Counter[bytes] = Counter()
        first: dict[bytes, _Element | None] = {}
        for text in self.texts:
            counts[text.key] += text.end - text.start
            first.setdefault(text.key, text.rpr)
        if not counts:
            return b"", None
        key = max(counts, key=lambda k: counts[k])
        return key, first[key]

    def _next(self) -> int:
        self.order += 1
        return self.order

    def _in_code(self) -> bool:
        return bool(self.fields) and not self.fields[-1].result

    def _content(self, children: Iterator["_Element"] | list["_Element"]) -> None:
        for child in children:
            if child.tag == _w("r"):
                self._run(child)
            elif self._in_code():
                self.fields[-1].runs.append(child)
            elif child.tag in _LEFT_OUT:
                continue
            elif (content := _content_of(child)) is not None and _has_text(content):
                self._container(child, content)
            else:
                self._anchor((child,), self.length, self._next())

    def _container(self, element: "_Element", content: "_Element") -> None:
        """A hyperlink, tracked change, smart tag or content control: a span around its text,
        whose markup is a copy of it emptied of its content."""
        order, start = self._next(), self.length
        shell = copy.deepcopy(element)
        inner = _content_of(shell)
        assert inner is not None  # a copy has what the original has
        children = [child for child in content if inner is not shell or not _is_properties(child)]
        for child in list(inner):
            if inner is not shell or not _is_properties(child):
                inner.remove(child)
        outer = self.container
        self.containers += 1
        self.container = self.containers
        self.context += 1
        self._content(children)
        self.container = outer
        self.context += 1
        self.spans.append((order, Span(start, self.length, _Wrap(shell=shell, inner=inner), True)))

    def _run(self, run: "_Element") -> None:
        char = run.find(_w("fldChar"))
        kind = char.get(_w("fldCharType")) if char is not None else None
        if self._in_code():
            self._code_run(run, kind)
        elif kind == "begin":
            self.fields.append(_Field([run], self.length, self._next(), self.container))
        elif kind == "end" and self.fields:
            self._end_field(run)
        elif kind is not None or run.find(_w("instrText")) is not None:
            self._anchor((run,), self.length, self._next())
        else:
            self._run_content(run)

    def _code_run(self, run: "_Element", kind: str | None) -> None:
        top = self.fields[-1]
        top.runs.append(run)
        if kind == "begin":
            top.nested += 1
        elif kind == "end" and top.nested:
            top.nested -= 1
        elif kind == "end":
            self.fields.pop()
            self._anchor(tuple(top.runs), top.start, top.order)
        elif kind == "separate" and not top.nested:
            top.result = True
            self.context += 1

    def _end_field(self, run: "_Element") -> None:
        top = self.fields.pop()
        self.context += 1
        if top.container == self.container:
            wrap = _Wrap(before=tuple(top.runs), after=(run,))
            self.spans.append((top.order, Span(top.start, self.length, wrap, True)))
        else:
            self._anchor(tuple(top.runs), top.start, top.order)
            self._anchor((run,), self.length, self._next())

    def _run_content(self, run: "_Element") -> None:
        rpr = run.find(_w("rPr"))
        key = _serialise(rpr) if rpr is not None else b""
        for child in run:
            if child is rpr or child.tag in _LEFT_OUT:
                continue
            if child.tag == _w("t"):
                self._text(child.text or "", key, rpr)
            elif child.tag in _CHARACTERS:
                self._text(_CHARACTERS[child.tag], key, rpr)
            elif child.tag in (_w("br"), _w("cr")):
                self._text("\n", key, rpr)
                self.breaks.append(child)
            else:
                self._anchor((child,), self.length, self._next(), in_run=True, rpr=rpr)

    def _text(self, text: str, key: bytes, rpr: "_Element | None") -> None:
        if text:
            start = self.length
            self.parts.append(text)
            self.length += len(text)
            self.texts.append(_Text(start, self.length, key, rpr, self.context, self._next()))

    def _anchor(
        self,
        elements: "tuple[_Element, ...]",
        position: int,
        order: int,
        in_run: bool = False,
        rpr: "_Element | None" = None,
    ) -> None:
        span = Span(position, position, _Anchor(elements, in_run, rpr), True)
        self.spans.append((order, span))


def _same(text: _Text, other: _Text) -> bool:
    return (text.key, text.context) == (other.key, other.context)


def _is_properties(element: "_Element") -> bool:
    return isinstance(element.tag, str) and element.tag.endswith("Pr")


def _content_of(element: "_Element") -> "_Element | None":
    """Where a container's runs are: the element itself (its ``…Pr`` children aside), an
    inline content control's ``w:sdtContent``; None: not a container."""
    if element.tag == _w("sdt"):
        return element.find(_w("sdtContent"))
    return element if element.tag in _CONTAINERS else None


def _has_text(element: "_Element") -> bool:
    return any(t.text for t in element.iter(_w("t")))


def _serialise(element: "_Element") -> bytes:
    from lxml import etree

    return etree.tostring(element)


@dataclass
class _Paragraph:
    element: "_Element"
    marked: Marked[Tag]
    base: "_Element | None"
    breaks: "list[_Element]"


class WordDocument(Document):
    """A Word document's paragraphs as units; ``render`` rebuilds the translated ones."""

    aligned = True

    def __init__(
        self,
        document: "DocxDocument",
        paragraphs: list[_Paragraph],
        raw_parts: "list[tuple[Part, _Element]]",
    ) -> None:
        self.document = document
        self.paragraphs = paragraphs
        self.raw_parts = raw_parts
        self.units = [paragraph.marked.text for paragraph in paragraphs]

    def render(self, translations: Sequence[TranslatedDocument]) -> Rendered:
        from docx.opc.oxml import serialize_part_xml

        fallbacks = 0
        for paragraph, translation in zip(self.paragraphs, translations, strict=True):
            if not paragraph.marked.text.strip():
                continue
            placed = place(paragraph.marked, translation)
            fallbacks += placed.fallbacks
            _rebuild(paragraph, placed)
        for part, root in self.raw_parts:
            part._blob = serialize_part_xml(root)  # a plain Part keeps only its bytes
        out = io.BytesIO()
        self.document.save(out)
        return Rendered(out.getvalue(), fallbacks)


def _rebuild(paragraph: _Paragraph, placed: Placed[Tag]) -> None:
    """Replace the paragraph's inline content (not its properties) with ``placed``; its line,
    page and column breaks come back in order (a line break of the translation beyond them is
    a plain ``w:br``)."""
    element = paragraph.element
    for child in list(element):
        if child.tag != _w("pPr"):
            element.remove(child)
    _emit(tree(placed), element, paragraph.base, iter(paragraph.breaks))


def _emit(
    nodes: "list[str | Element[Tag]]",
    parent: "_Element",
    rpr: "_Element | None",
    breaks: "Iterator[_Element]",
) -> None:
    _move_edge_spaces(nodes)
    for node in nodes:
        if isinstance(node, str):
            if node:
                parent.append(_new_run(rpr, _pieces(node, breaks)))
            continue
        tag = node.tag
        if isinstance(tag, _Format):
            _emit(node.children, parent, tag.rpr, breaks)
        elif isinstance(tag, _Anchor):
            for element in tag.elements:
                parent.append(_new_run(tag.rpr, [element]) if tag.in_run else element)
            _emit(node.children, parent, rpr, breaks)  # anchors at the same place
        else:
            parent.extend(tag.before)
            if tag.shell is not None and tag.inner is not None:
                parent.append(tag.shell)
                _emit(node.children, tag.inner, rpr, breaks)
            else:
                _emit(node.children, parent, rpr, breaks)
            parent.extend(tag.after)


def _move_edge_spaces(nodes: "list[str | Element[Tag]]") -> None:
    """Move the whitespace next to a formatting element into it when the source's formatted
    text began or ended with that whitespace."""
    for n, node in enumerate(nodes):
        if isinstance(node, str) or not isinstance(node.tag, _Format):
            continue
        lead, trail = node.tag.lead, node.tag.trail
        before = nodes[n - 1] if n else None
        children = node.children
        if lead and isinstance(before, str) and before.endswith(lead):
            nodes[n - 1] = before[: -len(lead)]
            first = children[0] if children else None
            children[:1] = [lead + first] if isinstance(first, str) else [lead, *children[:1]]
        after = nodes[n + 1] if n + 1 < len(nodes) else None
        if trail and isinstance(after, str) and after.startswith(trail):
            nodes[n + 1] = after[len(trail) :]
            last = children[-1] if children else None
            children[-1:] = [last + trail] if isinstance(last, str) else [*children[-1:], trail]


def _pieces(text: str, breaks: "Iterator[_Element]") -> "list[_Element]":
    """``text`` as run content: ``w:t`` and the elements of tabs, breaks and hyphens."""
    from docx.oxml import OxmlElement

    pieces = []
    for part in _SPECIAL.split(text):
        if not part:
            continue
        if part == "\n":
            original = next(breaks, None)
            pieces.append(OxmlElement("w:br") if original is None else original)
            continue
        if part in _ELEMENTS:
            pieces.append(OxmlElement(_ELEMENTS[part]))
            continue
        t = OxmlElement("w:t")
        t.text = part
        if part != part.strip():
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        pieces.append(t)
    return pieces


def _new_run(rpr: "_Element | None", content: "list[_Element]") -> "_Element":
    from docx.oxml import OxmlElement

    run = OxmlElement("w:r")
    if rpr is not None:
        run.append(copy.deepcopy(rpr))
    run.extend(content)
    return run


def _check_archive(data: bytes, name: str) -> None:
    """Refuse what is not a sound DOCX archive, and XML parts with DTDs (entity expansion)."""
    if data.startswith(OLE_MAGIC):
        raise InputError(
            f"{name}: password-protected or legacy .doc file; save it as .docx without a password"
        )
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise InputError(f"{name}: not a DOCX file (not a ZIP archive)")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if sum(member.file_size for member in members) > MAX_UNPACKED:
                raise InputError(f"{name}: not a valid DOCX file (too large when unpacked)")
            names = {member.filename for member in members}
            for needed in ("[Content_Types].xml", "word/document.xml"):
                if needed not in names:
                    raise InputError(f"{name}: not a valid DOCX file (no {needed})")
            for member in members:
                if member.filename.lower().endswith((".xml", ".rels")):
                    _check_xml(archive.read(member), name, member.filename)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
        raise InputError(f"{name}: not a valid DOCX file (corrupt ZIP archive: {exc})") from exc


def _check_xml(blob: bytes, name: str, member: str) -> None:
    if blob.startswith((b"\xff\xfe", b"\xfe\xff")):
        blob = blob.decode("utf-16", errors="replace").encode("utf-8")
    if _DECLARATION.search(blob):
        raise InputError(f"{name}: not a valid DOCX file ({member} declares a DOCTYPE or entities)")


def _open(data: bytes, name: str) -> "DocxDocument":
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml import etree

    _check_archive(data, name)
    try:
        return docx.Document(io.BytesIO(data))
    except KeyError as exc:
        missing = re.findall(r"'([^']+)'", str(exc)) or ["a part"]
        raise InputError(f"{name}: not a valid DOCX file (no {missing[0]})") from exc
    except (ValueError, PackageNotFoundError, etree.XMLSyntaxError) as exc:
        reason = (str(exc).splitlines() or [type(exc).__name__])[0][:200]
        raise InputError(f"{name}: not a valid DOCX file ({reason})") from exc


def _stories(document: "DocxDocument") -> "tuple[list[_Element], list[tuple[Part, _Element]]]":
    """The roots holding paragraphs: the body, each header and footer part once, footnotes and
    endnotes; and those of them in plain parts (kept as bytes, written back from the root)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.part import XmlPart
    from docx.oxml.parser import parse_xml

    part = document.part
    body = document.element.body
    roots: list[_Element] = [body]
    seen: set[str] = set()
    for section in body.iter(_w("sectPr")):
        for reference in section:
            rid = reference.get(R_ID)
            kind = reference.tag in (_w("headerReference"), _w("footerReference"))
            if kind and rid and rid not in seen and rid in part.rels:
                seen.add(rid)
                roots.append(part.related_parts[rid].element)
    raw: list[tuple[Part, _Element]] = []
    for relationship in part.rels.values():
        if relationship.is_external or relationship.reltype not in (RT.FOOTNOTES, RT.ENDNOTES):
            continue
        target = relationship.target_part
        if isinstance(target, XmlPart):
            roots.append(target.element)
        else:
            root = parse_xml(target.blob)
            roots.append(root)
            raw.append((target, root))
    return roots, raw


@dataclass(frozen=True)
class DocxFormat:
    """The ``docx`` format."""

    name: str = "docx"
    suffixes: tuple[str, ...] = (".docx",)

    def read(self, data: bytes, name: str, options: ReadOptions) -> WordDocument:
        from lxml import etree

        document = _open(data, name)
        try:
            roots, raw = _stories(document)
        except (KeyError, ValueError, etree.XMLSyntaxError) as exc:
            reason = (str(exc).splitlines() or [type(exc).__name__])[0][:200]
            raise InputError(f"{name}: not a valid DOCX file ({reason})") from exc
        paragraphs = []
        for root in roots:
            for element in root.iter(_w("p")):
                reader = _ParagraphReader()
                marked, base = reader.read(element)
                paragraphs.append(_Paragraph(element, marked, base, reader.breaks))
        return WordDocument(document, paragraphs, raw)


FORMAT = DocxFormat()
FORMATS = (FORMAT,)
