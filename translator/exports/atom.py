"""Atom 1.0 (RFC 4287) feed of the articles readers can read in one language.

The feed and each entry have an absolute ``id``: the feed's own URL, and the article's URL (by
id, which never changes) in the feed's language. Each entry links to the article in this
language and, as ``alternate`` links with ``hreflang``, in its source language and every other
published one. Titles and bodies are plain text (``type="text"``): lxml escapes them, so markup
in an article is never markup in the feed.
"""

from datetime import datetime
from urllib.parse import quote

from translator import __version__
from translator.store.models import utcnow
from translator.store.publishing import FeedEntry

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ARTICLE_TYPE = "application/json"  # what /v1/articles/{id} answers


def to_atom(lang: str, entries: list[FeedEntry], base: str) -> bytes:
    """The feed of ``entries`` (newest first) in ``lang``; ``base``: the absolute URL the
    API is served under, without a trailing slash."""
    from lxml import etree

    def child(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> None:
        element = etree.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        element.text = text

    feed_url = f"{base}/v1/feeds/{lang}.atom"
    root = etree.Element(f"{{{ATOM}}}feed", {XML_LANG: lang}, nsmap={None: ATOM})
    child(root, "id", feed_url)
    child(root, "title", f"Articles in {lang}", type="text")
    child(root, "updated", _time(entries[0].updated if entries else utcnow()))
    child(root, "link", rel="self", href=feed_url, type="application/atom+xml")
    author = etree.SubElement(root, f"{{{ATOM}}}author")
    child(author, "name", "translator")
    child(root, "generator", "translator", version=__version__)
    for entry in entries:
        item = etree.SubElement(root, f"{{{ATOM}}}entry")
        child(item, "id", f"{base}/v1/articles/{entry.article_id}?lang={lang}")
        child(item, "title", entry.title, type="text")
        child(item, "updated", _time(entry.updated))
        child(item, "published", _time(entry.published))
        article_url = f"{base}/v1/articles/{quote(entry.slug)}"
        for code in [lang, *(code for code in entry.languages if code != lang)]:
            child(
                item,
                "link",
                rel="alternate",
                href=f"{article_url}?lang={code}",
                hreflang=code,
                type=ARTICLE_TYPE,
            )
        child(item, "content", entry.body, type="text", **{XML_LANG: lang})
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _time(moment: datetime) -> str:
    """An RFC 3339 timestamp, as Atom's date constructs have them."""
    return moment.isoformat(timespec="seconds")
