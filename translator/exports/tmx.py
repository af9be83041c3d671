"""TMX 1.4b export of one translated version: a translation unit per sentence.

Each ``<tu>`` (``tuid`` = the segment's position) holds the segment's status as a
``<prop type="x-status">`` (machine, edited or approved), then the source and the current
translation, each a ``<tuv xml:lang>`` with its ``<seg>``.
"""

from lxml import etree

from translator import __version__
from translator.store.models import ArticlePublic, SegmentPair

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def to_tmx(article: ArticlePublic, lang: str, pairs: list[SegmentPair]) -> bytes:
    """The article's ``lang`` version as a TMX 1.4b document (UTF-8)."""
    root = etree.Element("tmx", version="1.4")
    header = etree.SubElement(
        root,
        "header",
        {
            "creationtool": "translator",
            "creationtoolversion": __version__,
            "segtype": "sentence",
            "o-tmf": "translator",
            "adminlang": "en",
            "srclang": article.source_lang,
            "datatype": "plaintext",
        },
    )
    _prop(header, "x-article", article.slug)
    body = etree.SubElement(root, "body")
    for pair in pairs:
        unit = etree.SubElement(body, "tu", tuid=str(pair.position))
        _prop(unit, "x-status", pair.status)
        for code, text in ((article.source_lang, pair.source), (lang, pair.target)):
            variant = etree.SubElement(unit, "tuv", {XML_LANG: code})
            etree.SubElement(variant, "seg").text = text
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _prop(parent: etree._Element, kind: str, value: str) -> None:
    etree.SubElement(parent, "prop", type=kind).text = value
