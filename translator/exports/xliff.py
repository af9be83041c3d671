"""XLIFF 2.1 export of one translated version: a ``<unit>`` per sentence.

Segment states: machine → ``initial``, edited → ``translated``, approved → ``reviewed``, and
approved in a published version → ``final``. Unit ids are the segments' positions.
"""

from lxml import etree

from translator.store.models import ArticleWithVersions, SegmentPair, SegmentStatus, VersionStatus

NAMESPACE = "urn:oasis:names:tc:xliff:document:2.0"  # XLIFF 2.1 kept 2.0's namespace
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_STATES = {
    SegmentStatus.machine: "initial",
    SegmentStatus.edited: "translated",
    SegmentStatus.approved: "reviewed",
}


def to_xliff(article: ArticleWithVersions, lang: str, pairs: list[SegmentPair]) -> bytes:
    """The article's ``lang`` version as an XLIFF 2.1 document (UTF-8)."""
    published = any(
        v.lang == lang and v.status == VersionStatus.published for v in article.versions
    )
    root = etree.Element(
        _name("xliff"),
        {"version": "2.1", "srcLang": article.source_lang, "trgLang": lang},
        nsmap={None: NAMESPACE},
    )
    file = etree.SubElement(root, _name("file"), {"id": article.slug, XML_SPACE: "preserve"})
    for pair in pairs:
        unit = etree.SubElement(file, _name("unit"), id=str(pair.position))
        final = published and pair.status == SegmentStatus.approved
        segment = etree.SubElement(
            unit, _name("segment"), state="final" if final else _STATES[pair.status]
        )
        etree.SubElement(segment, _name("source")).text = pair.source
        etree.SubElement(segment, _name("target")).text = pair.target
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _name(tag: str) -> str:
    return f"{{{NAMESPACE}}}{tag}"
