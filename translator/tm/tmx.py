"""TMX 1.4b for the translation memory: read translation units from a file, write them out.

Reading: the header's ``srclang`` names the source (``*all*``, or none: each unit's first
variant is its source); every other variant of a unit is a translation of it into its
language. Languages are taken by their primary subtag (``en-GB`` is ``en``). A segment's text
is its character data with the native codes of ``<bpt>``, ``<ept>``, ``<it>`` and ``<ph>`` left
out (``<hi>``'s text is kept). The parser resolves no entities and fetches nothing.

Writing: one ``<tu>`` per unit, its approval time as ``changedate``, then the source's and the
translation's ``<tuv xml:lang>``.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from translator import __version__
from translator.errors import InputError
from translator.exports.tmx import XML_LANG
from translator.store.models import LANG_PATTERN
from translator.text_constants import primary_subtag
from translator.tm.memory import Unit

if TYPE_CHECKING:
    from lxml import etree

ALL = "*all*"
DATE_FORMAT = "%Y%m%dT%H%M%SZ"  # TMX's changedate / creationdate
_CODES = {"bpt", "ept", "it", "ph"}  # inline elements that hold native code, not text


@dataclass(frozen=True)
class _Variant:
    lang: str
    text: str


def read_tmx(data: bytes, name: str) -> list[Unit]:
    """The translation units of TMX document ``data`` (from file ``name``, for messages)."""
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{name} is not well-formed XML: {exc}") from None
    if root.tag != "tmx" or root.find("body") is None:
        raise InputError(f"{name} is not a TMX document (no <tmx> with a <body>)")
    header = root.find("header")
    srclang = header.get("srclang", ALL) if header is not None else ALL
    source = None if srclang == ALL else primary_subtag(srclang)
    now = datetime.now(UTC)
    found = []
    for number, unit in enumerate(root.iterfind("body/tu"), 1):
        variants = list(_variants(unit, name, number))
        when = _date(unit.get("changedate") or unit.get("creationdate"), now)
        original = next((v for v in variants if v.lang == source), None) if source else None
        original = original or (variants[0] if variants and source is None else None)
        if original is None or not original.text.strip():
            continue
        found += [
            Unit(original.lang, v.lang, original.text, v.text, when)
            for v in variants
            if v.lang != original.lang and v.text.strip()
        ]
    return found


def write_tmx(units: list[Unit], source_lang: str | None = None) -> bytes:
    """``units`` as a TMX 1.4b document (UTF-8); the header's ``srclang`` is ``source_lang``,
    or the units' one source language, or ``*all*``."""
    from lxml import etree

    sources = {unit.source_lang for unit in units}
    srclang = source_lang or (sources.pop() if len(sources) == 1 else ALL)
    root = etree.Element("tmx", version="1.4")
    etree.SubElement(
        root,
        "header",
        {
            "creationtool": "translator",
            "creationtoolversion": __version__,
            "segtype": "sentence",
            "o-tmf": "translator",
            "adminlang": "en",
            "srclang": srclang,
            "datatype": "plaintext",
        },
    )
    body = etree.SubElement(root, "body")
    for unit in units:
        tu = etree.SubElement(body, "tu", changedate=unit.approved_at.strftime(DATE_FORMAT))
        for code, text in ((unit.source_lang, unit.source), (unit.target_lang, unit.target)):
            variant = etree.SubElement(tu, "tuv", {XML_LANG: code})
            etree.SubElement(variant, "seg").text = text
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _variants(unit: "etree._Element", name: str, number: int) -> Iterator[_Variant]:
    for variant in unit.iterfind("tuv"):
        lang = variant.get(XML_LANG) or variant.get("lang")  # TMX 1.1 used a plain lang
        seg = variant.find("seg")
        if not lang or seg is None:
            raise InputError(f"{name}: translation unit {number} has a <tuv> without lang or <seg>")
        code = primary_subtag(lang)
        if not re.fullmatch(LANG_PATTERN, code):
            raise InputError(f"{name}: translation unit {number} has an unknown language {lang!r}")
        yield _Variant(code, _text(seg))


def _text(seg: "etree._Element") -> str:
    """A ``<seg>``'s text without the native codes of its inline elements, comments or
    unresolved entities."""
    parts = [seg.text or ""]
    for child in seg:
        if isinstance(child.tag, str) and child.tag not in _CODES:  # not a comment or entity
            parts.append(_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _date(value: str | None, default: datetime) -> datetime:
    if not value:
        return default
    try:
        return datetime.strptime(value, DATE_FORMAT).replace(tzinfo=UTC)
    except ValueError:
        return default
