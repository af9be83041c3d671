"""TBX termbases: TBX-Basic (``<martif>``, TBX v2) read and written, TBX v3 (``<tbx>``) read.

Each ``termEntry``/``conceptEntry`` is a concept with terms in several languages. Every term in
the source language becomes an entry whose target is the first (preferred) target-language
term. Notes are ``<note>`` and ``<descrip type="definition">`` elements, at concept level or in
the source language's ``langSet``; several are joined with ``"; "``. Written files put the
source language on ``<martif xml:lang>`` and one ``<note>`` per entry, so they read back exactly.

Parsed without DTDs, network access or entity expansion; entity references are refused.
"""

import re

from lxml import etree

from translator.errors import GlossaryError
from translator.glossary.formats.rows import LangPair, Row, Sheet, clean
from translator.glossary.model import Glossary
from translator.text_constants import primary_subtag

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ROOT_TAGS = frozenset({"martif", "tbx"})
ENTRY_TAGS = frozenset({"termEntry", "conceptEntry"})
LANG_TAGS = frozenset({"langSet", "langSec"})
DOCTYPE = '<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">'

_LXML_POSITION = re.compile(r", line \d+, column \d+$")


def read(data: bytes, where: str, wanted: LangPair) -> Sheet:
    """Parse TBX bytes for the pair ``wanted`` (or the file's own, when it has only two languages).

    The source language is ``wanted``'s if the file has it, else the document's ``xml:lang``,
    else the first language used; the target is ``wanted``'s, else the only other language.
    """
    root = _parse(data, where)
    entries = [el for el in root.iter(etree.Element) if _local(el) in ENTRY_TAGS]
    lang_sets = [ls for entry in entries for ls in _lang_sets(entry)]
    unnamed = next((ls for ls in lang_sets if not _lang(ls)), None)
    if unnamed is not None:
        raise GlossaryError(f"{where}:{unnamed.sourceline}: <{_local(unnamed)}> without xml:lang")
    langs = list(dict.fromkeys(map(_lang, lang_sets)))
    if not langs:
        return Sheet(())
    default = primary_subtag(root.get(XML_LANG, ""))
    source = next(lang for lang in (wanted[0], default, langs[0]) if lang in langs)
    others = [lang for lang in langs if lang != source]
    if wanted[1] in others:
        target = wanted[1]
    elif len(others) == 1:
        target = others[0]
    elif not others:
        raise GlossaryError(f"{where}: all terms are in {source}; a glossary needs two languages")
    else:
        raise GlossaryError(
            f"{where}: terms in {', '.join(langs)}; give the source and target languages"
            " (--from/--to)"
        )
    rows = [row for entry in entries for row in _rows(entry, source, target)]
    return Sheet(tuple(rows), (source, target))


def write(glossary: Glossary) -> str:
    """The glossary as a TBX-Basic document (UTF-8, with XML declaration and DOCTYPE)."""
    root = etree.Element("martif", type="TBX-Basic")
    root.set(XML_LANG, glossary.source_lang)
    header = etree.SubElement(root, "martifHeader")
    file_desc = etree.SubElement(header, "fileDesc")
    title_stmt = etree.SubElement(file_desc, "titleStmt")
    etree.SubElement(title_stmt, "title").text = glossary.name
    source_desc = etree.SubElement(file_desc, "sourceDesc")
    pair = f"{glossary.source_lang}→{glossary.target_lang}"
    etree.SubElement(source_desc, "p").text = f"{pair} glossary exported by translator"
    encoding_desc = etree.SubElement(header, "encodingDesc")
    etree.SubElement(encoding_desc, "p", type="XCSURI").text = "TBXBasicXCSV02.xcs"
    body = etree.SubElement(etree.SubElement(root, "text"), "body")
    for number, entry in enumerate(glossary.entries, start=1):
        term_entry = etree.SubElement(body, "termEntry", id=f"c{number}")
        if entry.note:
            etree.SubElement(term_entry, "note").text = entry.note
        sides = ((glossary.source_lang, entry.source), (glossary.target_lang, entry.target))
        for lang, term in sides:
            lang_set = etree.SubElement(term_entry, "langSet")
            lang_set.set(XML_LANG, lang)
            etree.SubElement(etree.SubElement(lang_set, "tig"), "term").text = term
    xml = etree.tostring(
        root, xml_declaration=True, encoding="UTF-8", doctype=DOCTYPE, pretty_print=True
    )
    return xml.decode("utf-8")


def _parse(data: bytes, where: str) -> etree._Element:
    """The root element, parsed safely; anything but well-formed TBX is a ``GlossaryError``."""
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        message = _LXML_POSITION.sub("", exc.msg)
        raise GlossaryError(f"{where}:{exc.lineno}: not well-formed XML ({message})") from exc
    entity = next(root.iter(etree.Entity), None)
    if entity is not None:
        raise GlossaryError(
            f"{where}:{entity.sourceline}: entity references (&{entity.name};) are not allowed"
        )
    if _local(root) not in ROOT_TAGS:
        raise GlossaryError(
            f"{where}: not a TBX file (root element <{_local(root)}>, expected <martif> or <tbx>)"
        )
    return root


def _rows(entry: etree._Element, source: str, target: str) -> list[Row]:
    """One row per source-language term of a concept (an empty side if a language is missing)."""
    sources: list[tuple[str, int]] = []
    targets: list[str] = []
    notes: list[str] = []
    for child in entry.iterchildren(etree.Element):
        if _local(child) not in LANG_TAGS:
            notes.extend(_notes(child))
        elif _lang(child) == source:
            sources.extend((_text(term), term.sourceline) for term in _terms(child))
            notes.extend(_notes(child))
        elif _lang(child) == target:
            targets.extend(_text(term) for term in _terms(child))
    note = "; ".join(dict.fromkeys(notes))
    target_term = targets[0] if targets else ""
    if not sources:
        return [Row("", target_term, note, entry.sourceline)]
    return [Row(term, target_term, note, line) for term, line in sources]


def _lang_sets(entry: etree._Element) -> list[etree._Element]:
    return [child for child in entry.iterchildren(etree.Element) if _local(child) in LANG_TAGS]


def _terms(lang_set: etree._Element) -> list[etree._Element]:
    return [el for el in lang_set.iter(etree.Element) if _local(el) == "term"]


def _notes(element: etree._Element) -> list[str]:
    """Texts of ``<note>`` and ``<descrip type="definition">`` in and under ``element``."""
    found = (
        el
        for el in element.iter(etree.Element)
        if _local(el) == "note" or (_local(el) == "descrip" and el.get("type") == "definition")
    )
    return [text for text in map(_text, found) if text]


def _lang(element: etree._Element) -> str:
    return primary_subtag(element.get(XML_LANG, ""))


def _text(element: etree._Element) -> str:
    return clean("".join(element.itertext()))


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname
