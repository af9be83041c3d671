"""TMX and XLIFF exports of a stored version, read back with translate-toolkit (test-only)."""

from collections.abc import Iterator

import pytest
from lxml import etree
from sqlmodel import Session
from translate.storage.tmx import tmxfile
from translate.storage.xliff2 import Xliff2File

import translator
from translator.exports.tmx import to_tmx
from translator.exports.xliff import NAMESPACE, to_xliff
from translator.store import articles
from translator.store.db import ensure_schema, get_engine
from translator.store.models import ArticleCreate, ArticleWithVersions, SegmentPair

SLUG = "new-office"
BODY = (
    'Компанія "A&B" <Тест> відкрила офіс у Києві. Там працюватимуть 40 людей.\n\n'
    "Офіс  відкрили 3 лютого.\n"
)
EDITED = '"A&B" <Test> opened an office.'


@pytest.fixture
def session(database: str, uk_en: None) -> Iterator[Session]:
    """A database with one article whose en version has its first segment edited, the second
    approved and the third as the machine left it."""
    ensure_schema()
    with Session(get_engine()) as session:
        article = ArticleCreate(title="Офіс", body=BODY, targets=["en"], glossary=None, slug=SLUG)
        articles.create_article(session, article)
        articles.edit_segment(session, SLUG, 0, "en", text=EDITED, row_version=1)
        articles.edit_segment(session, SLUG, 1, "en", status="approved", row_version=2)
        yield session


def exported(session: Session) -> tuple[ArticleWithVersions, list[SegmentPair]]:
    return articles.get_article(session, SLUG), articles.parallel(session, SLUG, "en")


def test_tmx_units_hold_source_target_and_status(session: Session) -> None:
    article, pairs = exported(session)
    data = to_tmx(article, "en", pairs)
    store = tmxfile.parsestring(data)
    assert store.sourcelanguage == "uk"
    assert [(u.getid(), u.source, u.target) for u in store.units] == [
        (str(p.position), p.source, p.target) for p in pairs
    ]
    assert [u.target for u in store.units] == [
        EDITED,
        "Там працюватимуть 40 людей.",
        "Офіс  відкрили 3 лютого.",
    ]

    root = etree.fromstring(data)
    header = root.find("header")
    assert header is not None
    assert dict(header.attrib) == {
        "creationtool": "translator",
        "creationtoolversion": translator.__version__,
        "segtype": "sentence",
        "o-tmf": "translator",
        "adminlang": "en",
        "srclang": "uk",
        "datatype": "plaintext",
    }
    assert root.get("version") == "1.4"
    assert root.xpath("//tu/prop[@type='x-status']/text()") == ["edited", "approved", "machine"]
    assert root.xpath("//tu[1]/tuv/@xml:lang") == ["uk", "en"]


def test_xliff_units_hold_source_target_and_state(session: Session) -> None:
    article, pairs = exported(session)
    data = to_xliff(article, "en", pairs)
    store = Xliff2File.parsestring(data)
    assert (store.sourcelanguage, store.gettargetlanguage()) == ("uk", "en")
    assert [(u.getid(), u.source, u.target) for u in store.units] == [
        (str(p.position), p.source, p.target) for p in pairs
    ]
    assert store.units[0].target == EDITED
    assert [u.isapproved() for u in store.units] == [False, True, False]

    root = etree.fromstring(data)
    assert (root.tag, root.get("version")) == (f"{{{NAMESPACE}}}xliff", "2.1")
    assert len(root.findall(f"{{{NAMESPACE}}}file")) == 1
    states = root.xpath("//x:segment/@state", namespaces={"x": NAMESPACE})
    assert states == ["translated", "reviewed", "initial"]


def test_xliff_approved_segments_of_a_published_version_are_final(session: Session) -> None:
    articles.publish(session, SLUG, "en")
    article, pairs = exported(session)
    root = etree.fromstring(to_xliff(article, "en", pairs))
    states = root.xpath("//x:segment/@state", namespaces={"x": NAMESPACE})
    assert states == ["translated", "final", "initial"]
