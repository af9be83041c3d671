"""GET /v1/feeds/{lang}.atom (issue 10, point 3): Atom 1.0 feeds of what readers can read in a
language, read by feedparser and checked against RFC 4287's required elements with lxml. Over
real HTTP, on SQLite and PostgreSQL.
"""

from collections.abc import Iterator

import feedparser
import httpx
import pytest
from lxml import etree

from api.app import create_app
from tests.conftest import serving
from tests.test_api_articles import BODY
from translator.settings import Settings

NS = {"a": "http://www.w3.org/2005/Atom"}
XSS = "<script>alert(1)</script> Рада & <img src=x onerror=alert(2)>"


def publish(url: str, title: str, slug: str) -> dict:
    """A new article, its English version published; returns the published version."""
    body = {"title": title, "body": BODY, "targets": ["en"], "slug": slug, "source_lang": "uk"}
    assert httpx.post(f"{url}/v1/articles", json=body).status_code == 201
    reply = httpx.post(f"{url}/v1/articles/{slug}/versions/en/publish")
    assert reply.status_code == 200, reply.text
    return reply.json()


@pytest.fixture
def public_url(database: str, uk_en: None) -> Iterator[str]:
    with serving(create_app(Settings(public_url="https://news.example/"))) as url:
        yield url


def test_feed_of_published_articles(public_url: str) -> None:
    first = publish(public_url, "Рада ухвалила бюджет", "budget")
    second = publish(public_url, XSS, "xss")
    assert second["title"].startswith("<script>alert(1)</script>")  # the markup is translated
    draft = {"title": "Чернетка", "body": BODY, "targets": ["en"], "slug": "draft"}
    assert httpx.post(f"{public_url}/v1/articles", json=draft).status_code == 201

    reply = httpx.get(f"{public_url}/v1/feeds/en.atom", headers={"Host": "evil.example"})
    assert reply.status_code == 200
    assert reply.headers["content-type"] == "application/atom+xml"
    parsed = feedparser.parse(reply.content)
    assert not parsed.bozo, parsed.bozo_exception
    assert parsed.version == "atom10"
    assert parsed.feed.id == "https://news.example/v1/feeds/en.atom"
    assert [entry.title for entry in parsed.entries] == [second["title"], first["title"]]
    newest = parsed.entries[0]
    assert newest.id == "https://news.example/v1/articles/2?lang=en"
    assert [(link.rel, link.hreflang, link.href) for link in newest.links] == [
        ("alternate", "en", "https://news.example/v1/articles/xss?lang=en"),
        ("alternate", "uk", "https://news.example/v1/articles/xss?lang=uk"),
    ]
    assert newest.content[0].value == second["body"].strip()  # feedparser strips it
    stamp = second["published_at"][:19] + "+00:00"  # to the second
    assert newest.published == newest.updated == parsed.feed.updated == stamp

    root = etree.fromstring(reply.content)
    assert (root.tag, root.get("{http://www.w3.org/XML/1998/namespace}lang")) == (
        "{http://www.w3.org/2005/Atom}feed",
        "en",
    )
    for required in ("a:id", "a:title", "a:updated", "a:author/a:name", "a:link[@rel='self']"):
        assert len(root.xpath(required, namespaces=NS)) == 1, required
    for entry in root.xpath("a:entry", namespaces=NS):
        for required in ("a:id", "a:title", "a:updated", "a:content"):
            assert len(entry.xpath(required, namespaces=NS)) == 1, required
        assert entry.xpath("a:link[@rel='alternate']/@hreflang", namespaces=NS) == ["en", "uk"]
    (title,) = root.xpath("a:entry[1]/a:title", namespaces=NS)
    assert (title.get("type"), title.text, len(title)) == ("text", second["title"], 0)
    assert root.xpath("a:entry[1]/a:content/text()", namespaces=NS) == [second["body"]]
    assert b"<script>" not in reply.content and b"<img" not in reply.content
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in reply.content


def test_feed_of_the_source_language_and_of_none(api_url: str) -> None:
    publish(api_url, "Рада ухвалила бюджет", "budget")
    draft = {"title": "Чернетка", "body": BODY, "targets": ["en"], "slug": "draft"}
    assert httpx.post(f"{api_url}/v1/articles", json=draft).status_code == 201

    ukrainian = feedparser.parse(httpx.get(f"{api_url}/v1/feeds/uk.atom").content)
    assert not ukrainian.bozo
    assert [entry.title for entry in ukrainian.entries] == ["Чернетка", "Рада ухвалила бюджет"]
    assert [link.hreflang for link in ukrainian.entries[1].links] == ["uk", "en"]
    assert ukrainian.feed.id == f"{api_url}/v1/feeds/uk.atom"  # no public_url: the request's

    german = feedparser.parse(httpx.get(f"{api_url}/v1/feeds/de.atom").content)
    assert (german.bozo, german.entries) == (False, [])
    bad = httpx.get(f"{api_url}/v1/feeds/EN.atom")
    assert bad.status_code == 422 and "lang" in bad.json()["error"]
