"""The article store's service layer, on SQLite and on PostgreSQL, with the copy models.

The uk→en test model copies its input, so with ``glossary=None`` every translation equals its
source; the default glossary injects its terms ("Верховна Рада" -> "Verkhovna Rada").
"""

from collections.abc import Iterator
from datetime import UTC

import pytest
from pydantic import ValidationError
from sqlalchemy import func, text
from sqlmodel import Session, SQLModel, col, select

from tests.conftest import EN_DE, Invoke
from translator.errors import Conflict, InvalidRequest, NotFound, UnsupportedPair
from translator.glossary import library
from translator.models.installed import find_model
from translator.segment import reassemble, segment
from translator.store import articles, revisions
from translator.store.db import ensure_schema, get_engine
from translator.store.models import (
    Article,
    ArticleCreate,
    ArticleUpdate,
    ArticleWithVersions,
    Segment,
    SegmentTranslation,
    Version,
)

TITLE = "Верховна Рада ухвалила закон"
S0 = "Верховна Рада ухвалила закон про громади."
S1 = "Президент підписав його."
S2 = "Це важливо для громад."
BODY = f"{S0} {S1}\n\n{S2}\n"


@pytest.fixture
def session(database: str, uk_en: None) -> Iterator[Session]:
    """A session on a migrated, empty database, with the uk→en copy model installed."""
    ensure_schema()
    with Session(get_engine()) as session:
        yield session


def create(session: Session, **fields: object) -> ArticleWithVersions:
    values: dict[str, object] = {
        "title": TITLE,
        "body": BODY,
        "targets": ["en"],
        "glossary": None,
        **fields,
    }
    return articles.create_article(session, ArticleCreate.model_validate(values))


def count(session: Session, table: type[SQLModel]) -> int:
    return session.exec(select(func.count()).select_from(table)).one()


# --- create --------------------------------------------------------------------------------


def test_create_detects_segments_and_translates(session: Session) -> None:
    article = create(session)
    assert (article.source_lang, article.slug, article.revision) == (
        "uk",
        "verkhovna-rada-ukhvalyla-zakon",
        1,
    )
    assert article.created_at.tzinfo == UTC and article.updated_at.tzinfo == UTC
    (version,) = article.versions
    model = find_model("uk", "en")
    assert model is not None
    assert (version.lang, version.title, version.body, version.status) == (
        "en",
        TITLE,
        BODY,
        "machine",
    )
    assert (version.engine, version.model_package, version.model_version) == (
        "ctranslate2",
        "translate-uk_en",
        model.package_version,
    )
    assert (version.glossary_name, version.glossary_hash, version.published_at) == (
        None,
        None,
        None,
    )
    assert version.translated_at.tzinfo == UTC

    pairs = articles.parallel(session, article.slug, "en")
    assert [(p.position, p.paragraph, p.source) for p in pairs] == [
        (0, 0, S0),
        (0 + 1, 0, S1),
        (2, 1, S2),
    ]
    for pair in pairs:
        assert pair.target == pair.machine == pair.source
        assert pair.status == "machine"
        assert "same" in pair.qa_flags  # QA ran: the copy model leaves the text unchanged
    assert [pair.row_version for pair in pairs] == [1, 2, 3]  # unique within the version
    assert articles.get_version(session, article.slug, "en").row_version == 3
    rows = session.exec(select(Segment).order_by(col(Segment.position))).all()
    assert [BODY[r.start : r.end] for r in rows] == [S0, S1, S2]


def test_create_with_the_default_glossary_records_it(session: Session) -> None:
    article = create(session, glossary="default", source_lang="uk")
    (version,) = article.versions
    glossary = library.default_for("uk", "en")
    assert glossary is not None
    assert (version.glossary_name, version.glossary_hash) == (glossary.name, glossary.content_hash)
    assert version.title == "Verkhovna Rada ухвалила закон"
    first = articles.parallel(session, article.id, "en")[0]
    assert first.target.startswith("Verkhovna Rada ухвалила")
    assert [hit.target for hit in first.term_report.found] == ["Verkhovna Rada"]
    assert first.term_report.missing == []


def test_slugs_are_generated_unique_or_refused(session: Session) -> None:
    assert create(session).slug == "verkhovna-rada-ukhvalyla-zakon"
    assert create(session).slug == "verkhovna-rada-ukhvalyla-zakon-2"
    assert create(session).slug == "verkhovna-rada-ukhvalyla-zakon-3"
    assert create(session, title="Щастя, Згорани: 2024").slug == "shchastia-zghorany-2024"
    assert create(session, title="2024").slug == "article-2024"
    assert create(session, slug="my-story").slug == "my-story"
    with pytest.raises(Conflict, match="my-story"):
        create(session, slug="my-story")
    for bad in ("My-Story", "a--b", "-a", "2024", "a b"):
        with pytest.raises(ValidationError):
            create(session, slug=bad)
    assert count(session, Article) == 6


def test_pivot_target_through_english(session: Session, cli: Invoke) -> None:
    assert cli("models", "install", str(EN_DE)).exit_code == 0
    article = create(session, targets=["en", "de", "en"])
    assert [(v.lang, v.body) for v in article.versions] == [("de", BODY), ("en", BODY)]
    assert article.versions[0].model_package == "translate-uk_en + translate-en_de"
    assert len(articles.parallel(session, article.slug, "de")) == 3


def test_a_failed_translation_stores_nothing(session: Session) -> None:
    with pytest.raises(UnsupportedPair):
        create(session, targets=["en", "fr"])
    for table in (Article, Version, Segment, SegmentTranslation):
        assert count(session, table) == 0
    with pytest.raises(InvalidRequest, match="already"):
        create(session, targets=["uk"])
    assert create(session).id is not None  # the session is still usable


def test_undetectable_language_asks_for_it(session: Session) -> None:
    with pytest.raises(InvalidRequest, match="source_lang"):
        create(session, title="12345", body="")


# --- read and list -------------------------------------------------------------------------


def test_get_by_id_or_slug(session: Session) -> None:
    article = create(session)
    assert articles.get_article(session, article.id) == articles.get_article(session, article.slug)
    assert articles.get_article(session, str(article.id)).slug == article.slug
    assert articles.get_version(session, article.slug, "en").body == BODY
    with pytest.raises(NotFound):
        articles.get_article(session, "no-such-article")
    with pytest.raises(NotFound):
        articles.get_article(session, 999)
    with pytest.raises(NotFound):
        articles.get_version(session, article.slug, "de")


def test_list_filters_and_pages(session: Session) -> None:
    first = create(session, title="Київ отримав нові автобуси", body="Місто купило автобуси.")
    second = create(session, title="Новини громад", body=BODY, glossary="default")
    third = create(session, title="Харків відновлює школи", body="Школи відкриються у вересні.")
    articles.publish(session, third.slug, "en")

    everything = articles.list_articles(session)
    assert everything.total == 3
    assert [a.slug for a in everything.items] == [third.slug, second.slug, first.slug]
    assert [(v.lang, v.status) for v in everything.items[0].versions] == [("en", "published")]

    page = articles.list_articles(session, limit=2)
    assert (page.total, [a.slug for a in page.items]) == (3, [third.slug, second.slug])
    page = articles.list_articles(session, offset=2, limit=2)
    assert (page.total, [a.slug for a in page.items]) == (3, [first.slug])

    assert articles.list_articles(session, lang="uk").total == 3  # the source language
    assert articles.list_articles(session, lang="en").total == 3
    assert articles.list_articles(session, lang="de").total == 0
    published = articles.list_articles(session, status="published")
    assert [a.slug for a in published.items] == [third.slug]
    assert articles.list_articles(session, lang="en", status="machine").total == 2

    assert [a.slug for a in articles.list_articles(session, q="КИЇВ").items] == [first.slug]
    assert [a.slug for a in articles.list_articles(session, q="вересні").items] == [third.slug]
    verkhovna = articles.list_articles(session, q="VERKHOVNA rada")  # in a translation only
    assert [a.slug for a in verkhovna.items] == [second.slug]
    assert articles.list_articles(session, q="100%_").total == 0

    with pytest.raises(InvalidRequest):
        articles.list_articles(session, limit=0)
    with pytest.raises(InvalidRequest):
        articles.list_articles(session, status="done")


# --- update the source ---------------------------------------------------------------------


def test_update_source_keeps_the_work_on_unchanged_sentences(session: Session) -> None:
    article = create(session)
    edited = articles.edit_segment(
        session, article.slug, 0, "en", text="The Rada passed the law.", row_version=1
    )
    approved = articles.edit_segment(
        session, article.slug, 2, "en", status="approved", row_version=3
    )
    assert (edited.row_version, approved.row_version) == (4, 5)

    new_s1 = "Президент підписав його вчора."
    new_body = f"Новина дня. {S0} {new_s1}\n\n{S2}\n"  # added, moved, changed, kept
    result = revisions.update_source(session, article.slug, ArticleUpdate(body=new_body))

    assert result.changed == {"en": [0, 2]}
    assert (result.article.revision, result.article.body, result.article.title) == (
        2,
        new_body,
        TITLE,
    )
    (version,) = result.article.versions
    assert (version.status, version.changed_segments) == ("stale", [0, 2])
    assert version.body == new_body.replace(S0, "The Rada passed the law.")
    pairs = articles.parallel(session, article.slug, "en")
    assert [(p.position, p.source, p.target, p.status, p.row_version) for p in pairs] == [
        (0, "Новина дня.", "Новина дня.", "machine", 7),
        (1, S0, "The Rada passed the law.", "edited", 4),
        (2, new_s1, new_s1, "machine", 8),
        (3, S2, S2, "approved", 5),
    ]
    assert pairs[1].qa_flags == edited.qa_flags and pairs[3].qa_flags == approved.qa_flags
    spans = segment(new_body, "uk")
    assert [p.source for p in pairs] == [s.text for s in spans]
    assert version.body == reassemble(new_body, spans, [p.target for p in pairs])
    assert count(session, Segment) == 4 and count(session, SegmentTranslation) == 4


def test_update_source_keeps_the_sentence_a_changed_one_replaced(session: Session) -> None:
    article = create(session)
    new_s1, new_s2 = "Президент підписав його вчора.", "Це дуже важливо для громад."
    # an added sentence first, then S0 kept, S1 and S2 changed, and a sentence added at the end
    new_body = f"Новина дня. {S0} {new_s1}\n\n{new_s2} Кінець.\n"
    result = revisions.update_source(session, article.slug, ArticleUpdate(body=new_body))

    assert result.changed == {"en": [0, 2, 3, 4]}
    pairs = articles.parallel(session, article.slug, "en")
    assert [(p.source, p.previous_source) for p in pairs] == [
        ("Новина дня.", None),
        (S0, None),
        (new_s1, S1),
        (new_s2, S2),
        ("Кінець.", None),
    ]


def test_update_source_title_and_no_op(session: Session) -> None:
    article = create(session)
    unchanged = revisions.update_source(session, article.id, ArticleUpdate(body=BODY))
    assert (unchanged.changed, unchanged.article.revision) == ({"en": []}, 1)

    result = revisions.update_source(session, article.id, ArticleUpdate(title="Новий заголовок"))
    assert result.changed == {"en": []}
    (version,) = result.article.versions
    assert (version.title, version.status, result.article.revision) == (
        "Новий заголовок",
        "stale",
        2,
    )

    removed = revisions.update_source(session, article.id, ArticleUpdate(body=f"{S0}\n\n{S2}\n"))
    (version,) = removed.article.versions
    assert removed.changed == {"en": []}
    assert version.body == f"{S0}\n\n{S2}\n"
    assert [p.position for p in articles.parallel(session, article.id, "en")] == [0, 1]


# --- edit, publish, delete -----------------------------------------------------------------


def test_edit_segment_checks_row_version(session: Session) -> None:
    article = create(session, glossary="default")
    first = articles.edit_segment(
        session, article.slug, 0, "en", text="The law passed.", row_version=1
    )
    assert (first.target, first.status, first.row_version) == ("The law passed.", "edited", 4)
    assert first.machine.startswith("Verkhovna Rada")
    assert [hit.target for hit in first.term_report.missing] == ["Verkhovna Rada"]
    assert "terms" in first.qa_flags
    assert articles.get_version(session, article.slug, "en").status == "in_review"

    with pytest.raises(Conflict) as conflict:
        articles.edit_segment(session, article.slug, 0, "en", text="Mine.", row_version=1)
    assert conflict.value.current == first
    assert articles.parallel(session, article.slug, "en")[0] == first

    fixed = articles.edit_segment(
        session, article.slug, 0, "en", text="Verkhovna Rada passed the law.", row_version=4
    )
    assert fixed.term_report.missing == [] and "terms" not in fixed.qa_flags
    assert "same" not in fixed.qa_flags


def test_edit_segment_statuses_and_version_status(session: Session) -> None:
    article = create(session)
    for position in (0, 1):
        row_version = position + 1
        articles.edit_segment(
            session, article.id, position, "en", status="approved", row_version=row_version
        )
    assert articles.get_version(session, article.id, "en").status == "in_review"
    last = articles.edit_segment(
        session, article.id, 2, "en", text="It matters.", status="approved", row_version=3
    )
    assert (last.status, last.row_version) == ("approved", 6)
    version = articles.get_version(session, article.id, "en")
    assert version.status == "approved"
    assert version.body == f"{S0} {S1}\n\nIt matters.\n"
    articles.edit_segment(session, article.id, 2, "en", status="edited", row_version=6)
    assert articles.get_version(session, article.id, "en").status == "in_review"

    for kwargs in ({}, {"text": "  "}, {"status": "machine"}):
        with pytest.raises(InvalidRequest):
            articles.edit_segment(session, article.id, 1, "en", row_version=2, **kwargs)
    with pytest.raises(NotFound):
        articles.edit_segment(session, article.id, 9, "en", status="approved", row_version=1)


def test_publish(session: Session) -> None:
    article = create(session)
    version = articles.publish(session, article.slug, "en")
    assert version.status == "published"
    assert version.published_at is not None and version.published_at.tzinfo == UTC
    assert articles.get_version(session, article.slug, "en") == version
    with pytest.raises(NotFound):
        articles.publish(session, article.slug, "de")


def test_delete_cascades(session: Session) -> None:
    kept = create(session)
    gone = create(session)
    articles.delete_article(session, gone.slug)
    with pytest.raises(NotFound):
        articles.get_article(session, gone.slug)
    assert (count(session, Article), count(session, Version)) == (1, 1)
    assert (count(session, Segment), count(session, SegmentTranslation)) == (3, 3)

    session.execute(text("DELETE FROM article"))  # the database's own ON DELETE CASCADE
    session.commit()
    for table in (Version, Segment, SegmentTranslation):
        assert count(session, table) == 0
    with pytest.raises(NotFound):
        articles.delete_article(session, kept.slug)


def test_approve_segments_approves_what_the_editor_saw_in_one_go(session: Session) -> None:
    article = create(session)
    pairs = articles.parallel(session, article.id, "en")
    seen = {pair.position: pair.row_version for pair in pairs}
    edited = articles.edit_segment(
        session, article.id, 1, "en", text="Президент підписав.", row_version=seen[1]
    )
    assert articles.approve_segments(session, article.id, "en", seen) == [0, 2]
    statuses = [
        (p.position, p.status, p.row_version) for p in articles.parallel(session, article.id, "en")
    ]
    version = articles.get_version(session, article.id, "en")
    assert statuses == [
        (0, "approved", edited.row_version + 1),
        (1, "edited", edited.row_version),
        (2, "approved", edited.row_version + 2),
    ]
    assert version.status == "in_review"
    assert version.body == BODY.replace(S1, "Президент підписав.")
    assert articles.approve_segments(session, article.id, "en", {1: edited.row_version}) == [1]
    assert articles.get_version(session, article.id, "en").status == "approved"
    assert articles.approve_segments(session, article.id, "en", {1: edited.row_version}) == []
