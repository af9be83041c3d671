"""XLIFF 1.2 and 2.x (2.0, 2.1, 2.2) with lxml: each source without a target gets one.

The version is the root's: the 1.2 namespace (or no namespace with ``version="1.2"``), or the
2.0 namespace with ``version`` 2.0, 2.1 or 2.2; anything else is an ``InputError``.

The units:

- **1.2**: each ``<trans-unit>`` (not ``translate="no"``, itself or a ``<group>`` around it)
  whose ``<target>`` is missing or empty (one with content is kept unless ``--force``): its
  ``<source>``, or, when it has a ``<seg-source>``, each ``<mrk mtype="seg">`` of that, in which
  case the target is the ``<seg-source>`` with each segment's content translated. The target
  goes after the source with ``state="needs-review-translation"``, and each ``<file>`` without a
  ``target-language`` gets the batch's target language.
- **2.x**: each ``<segment>`` of each ``<unit>`` (not ``translate="no"``, itself or a ``<group>``
  or ``<file>`` around it) whose ``<target>`` is missing or empty: its ``<source>``; the segment
  gets ``state="translated"`` and the root a ``trgLang`` when it has none.

Inline codes stay with the words they mark (:mod:`translator.inline`): the paired codes (1.2
``<g>`` and ``<mrk>``, 2.x ``<pc>`` and ``<mrk>``) are spans around their content, kept on a
fallback; every other element (1.2 ``<x/>``, ``<bx/>``, ``<ex/>``, ``<ph>``, ``<bpt>``, ``<ept>``,
``<it>``; 2.x ``<ph/>``, ``<sc/>``, ``<ec/>``, ``<sm/>``, ``<em/>``, ``<cp/>``; a comment) is an
anchor written back as a verbatim copy. A target's codes are its source's, placed by alignment.

The file is parsed safely (no entity expansion, no DTD or network access, no huge trees); a
document declaring entities is refused. It is written back by lxml as it was read (XML
declaration, encoding, namespaces, DOCTYPE, comments), with only the targets, their state and
the target language added; lxml writes a start tag's namespace declarations before its other
attributes, and a line break between the nodes around the root element.
"""

import codecs
import copy
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from lxml import etree

from translator.batch.formats import Document, ReadOptions, Rendered
from translator.errors import InputError
from translator.inline import Element, Marked, Span, place, tree
from translator.pipeline import TranslatedDocument

NS_12 = "urn:oasis:names:tc:xliff:document:1.2"
NS_2 = "urn:oasis:names:tc:xliff:document:2.0"
VERSIONS_2 = ("2.0", "2.1", "2.2")
STATE_12 = "needs-review-translation"
STATE_2 = "translated"
PAIRED_12 = frozenset({"g", "mrk"})
PAIRED_2 = frozenset({"pc", "mrk"})
_DECLARATION = re.compile(r"^\ufeff?<\?xml[^>]*\?>\s*")
_LXML_POSITION = re.compile(r", line \d+, column \d+$")


@dataclass(frozen=True)
class Code:
    """An inline code to write back: a copy of ``template`` (a paired code: its content is the
    span's placed text)."""

    template: etree._Element
    paired: bool


@dataclass(frozen=True)
class _Slot:
    """A unit: its source text with codes, the element its translation fills, and the element
    that gets the ``state``."""

    marked: Marked[Code]
    destination: etree._Element
    stamped: etree._Element


class XliffDocument(Document):
    """An XLIFF tree, prepared at read time (targets made, target language set), whose targets
    :meth:`render` fills."""

    def __init__(self, document: etree._ElementTree, data: bytes, state: str) -> None:
        self.tree = document
        self.data = data
        self.state = state
        self._slots: list[_Slot] = []
        self.units: list[str] = []

    def add(
        self,
        source: etree._Element,
        destination: etree._Element,
        stamped: etree._Element,
        paired: frozenset[str],
    ) -> None:
        marked = _marked(source, paired)
        self._slots.append(_Slot(marked, destination, stamped))
        self.units.append(marked.text)
        self.aligned = self.aligned or bool(marked.spans)

    def render(self, translations: Sequence[TranslatedDocument]) -> Rendered:
        fallbacks = 0
        for slot, translation in zip(self._slots, translations, strict=True):
            placed = place(slot.marked, translation)
            fallbacks += placed.fallbacks
            _clear(slot.destination)
            _fill(slot.destination, tree(placed))
            slot.stamped.set("state", self.state)
        return Rendered(_serialised(self.tree, self.data), fallbacks)


@dataclass(frozen=True)
class XliffFormat:
    """The ``xliff`` format."""

    name: str = "xliff"
    suffixes: tuple[str, ...] = (".xliff", ".xlf")

    def read(self, data: bytes, name: str, options: ReadOptions) -> XliffDocument:
        document = parse(data, name)
        root = document.getroot()
        namespace = etree.QName(root).namespace
        version = root.get("version") or (namespace or "").rpartition(":")[2]
        if etree.QName(root).localname != "xliff":
            raise InputError(
                f"{name}: not an XLIFF file (root element <{etree.QName(root).localname}>)"
            )
        if namespace in (NS_12, None) and version == "1.2":
            return _read_12(document, data, _Names(namespace), options)
        if namespace == NS_2 and version in VERSIONS_2:
            return _read_2(document, data, _Names(namespace), options)
        raise InputError(
            f"{name}: unsupported XLIFF version {version or '(none)'} (expected 1.2 or 2.0–2.2)"
        )


def parse(data: bytes, name: str) -> etree._ElementTree:
    """The document in ``data``, parsed without expanding entities or reading anything else;
    malformed XML or entity declarations (billion laughs) are an ``InputError``."""
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        document = etree.fromstring(data, parser).getroottree()
    except etree.XMLSyntaxError as exc:
        message = _LXML_POSITION.sub("", exc.msg)
        raise InputError(f"{name}:{exc.lineno}: not well-formed XML ({message})") from exc
    dtd = document.docinfo.internalDTD
    if dtd is not None and next(dtd.iterentities(), None) is not None:
        raise InputError(f"{name}: XML with entity declarations refused (entity expansion)")
    return document


@dataclass(frozen=True)
class _Names:
    """Qualified names in the document's namespace (or none)."""

    namespace: str | None

    def __call__(self, local: str) -> str:
        return f"{{{self.namespace}}}{local}" if self.namespace else local


def _read_12(
    document: etree._ElementTree, data: bytes, q: _Names, options: ReadOptions
) -> XliffDocument:
    result = XliffDocument(document, data, STATE_12)
    root = document.getroot()
    for file in root.iter(q("file")):
        if not file.get("target-language"):
            file.set("target-language", options.target)
    for unit in root.iter(q("trans-unit")):
        source = unit.find(q("source"))
        if source is None or _untranslatable(unit, (q("group"),)):
            continue
        target = unit.find(q("target"))
        if target is not None and _has_content(target) and not options.force:
            continue
        segmented = unit.find(q("seg-source"))
        if target is None:
            target = _target_after(segmented if segmented is not None else source, q("target"))
        if segmented is None:
            result.add(source, target, target, PAIRED_12)
            continue
        _clear(target)
        target.text = segmented.text
        for child in segmented:
            target.append(copy.deepcopy(child))
        for mrk, destination in zip(_segments(segmented, q), _segments(target, q), strict=True):
            result.add(mrk, destination, target, PAIRED_12)
    return result


def _read_2(
    document: etree._ElementTree, data: bytes, q: _Names, options: ReadOptions
) -> XliffDocument:
    result = XliffDocument(document, data, STATE_2)
    root = document.getroot()
    if not root.get("trgLang"):
        root.set("trgLang", options.target)
    for unit in root.iter(q("unit")):
        if _untranslatable(unit, (q("group"), q("file"))):
            continue
        for segment in unit.iterchildren(q("segment")):
            source = segment.find(q("source"))
            if source is None:
                continue
            target = segment.find(q("target"))
            if target is not None and _has_content(target) and not options.force:
                continue
            if target is None:
                target = _target_after(source, q("target"))
            result.add(source, target, segment, PAIRED_2)
    return result


def _untranslatable(unit: etree._Element, containers: tuple[str, ...]) -> bool:
    """Whether ``unit`` or a container around it says ``translate="no"``."""
    if unit.get("translate") == "no":
        return True
    return any(
        ancestor.get("translate") == "no"
        for ancestor in unit.iterancestors()
        if ancestor.tag in containers
    )


def _segments(element: etree._Element, q: _Names) -> Iterator[etree._Element]:
    return (mrk for mrk in element.iter(q("mrk")) if mrk.get("mtype") == "seg")


def _has_content(element: etree._Element) -> bool:
    return len(element) > 0 or bool((element.text or "").strip())


def _target_after(previous: etree._Element, tag: str) -> etree._Element:
    """A new empty target after ``previous``, indented as ``previous`` is."""
    target = previous.makeelement(tag, {})
    target.tail = previous.tail
    before, parent = previous.getprevious(), previous.getparent()
    indent = before.tail if before is not None else parent.text if parent is not None else None
    if indent is not None and not indent.strip():
        previous.tail = indent
    previous.addnext(target)
    return target


def _clear(element: etree._Element) -> None:
    """``element`` without its text and children (its attributes and tail kept)."""
    element.text = None
    for child in list(element):
        element.remove(child)


def _copied(element: etree._Element) -> etree._Element:
    copied = copy.deepcopy(element)
    copied.tail = None
    return copied


def _marked(source: etree._Element, paired: frozenset[str]) -> Marked[Code]:
    """The text of ``source`` and its inline codes as spans (each before the spans inside it)."""
    parts: list[str] = []
    spans: list[Span[Code]] = []
    length = 0

    def text(value: str | None) -> None:
        nonlocal length
        if value:
            parts.append(value)
            length += len(value)

    def walk(element: etree._Element) -> None:
        text(element.text)
        for child in element:
            if isinstance(child.tag, str) and etree.QName(child).localname in paired:
                shell = _copied(child)
                _clear(shell)
                code, index, start = Code(shell, True), len(spans), length
                spans.append(Span(start, start, code, True))
                walk(child)
                spans[index] = Span(start, length, code, True)
            else:
                spans.append(Span(length, length, Code(_copied(child), False), True))
            text(child.tail)

    walk(source)
    return Marked("".join(parts), tuple(spans))


def _fill(parent: etree._Element, nodes: list["str | Element[Code]"]) -> None:
    """Append ``nodes`` to ``parent``: text, and a copy of each code (an anchor's children, which
    :func:`translator.inline.tree` may nest in it, go after it)."""
    for node in nodes:
        if isinstance(node, str):
            if len(parent):
                parent[-1].tail = (parent[-1].tail or "") + node
            else:
                parent.text = (parent.text or "") + node
            continue
        element = copy.deepcopy(node.tag.template)
        parent.append(element)
        if node.tag.paired:
            _fill(element, node.children)
        else:
            _fill(parent, node.children)


def _serialised(document: etree._ElementTree, data: bytes) -> bytes:
    """The document's bytes in its encoding, with the XML declaration and the whitespace at its
    end as read, and a line break between the nodes around the root (lxml drops those)."""
    encoding = document.docinfo.encoding or "UTF-8"
    try:
        text = data.decode(codecs.lookup(encoding).name)
    except (LookupError, UnicodeDecodeError):
        return etree.tostring(document, encoding=encoding, xml_declaration=True)
    root = document.getroot()
    nodes = [*reversed(list(root.itersiblings(preceding=True))), root, *root.itersiblings()]
    parts = [etree.tostring(node, encoding="unicode", with_tail=False) for node in nodes]
    whole = etree.tostring(document, encoding="unicode")
    doctype = whole[: len(whole) - len("".join(parts))].rstrip("\n")
    declared = _DECLARATION.match(text)
    lead = declared.group(0) if declared else text[: len(text) - len(text.lstrip("\ufeff"))]
    body = "\n".join([doctype, *parts] if doctype else parts)
    out = lead + body + text[len(text.rstrip()) :]
    return out.encode(codecs.lookup(encoding).name, errors="xmlcharrefreplace")


FORMAT = XliffFormat()
FORMATS = (FORMAT,)
