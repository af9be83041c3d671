"""The store under retries, races and large tables, on SQLite and on PostgreSQL: idempotent
creation, row versions that never repeat, full-text search, slugs in one query, the 0002
migration over data written by 0001."""

from collections.abc import Iterator
from datetime import timedelta

import httpx
import pytest
import sqlalchemy as sa
from alembic import command
from sqlmodel import Session, select

from tests.test_store import BODY, S0, S1, S2, TITLE, count, create
from translator.errors import Conflict, InvalidRequest
from translator.segment import segment
from translator.store import articles, db, revisions
from translator.store.idempotency import IdempotencyKey
from translator.store.models import (
    Article,
    ArticleCreate,
    ArticleUpdate,
    IdempotencyRecord,
    SegmentTranslation,
    utcnow,
)


@pytest.fixture
def session(database: str, uk_en: None) -> Iterator[Session]:
    db.ensure_schema()
    with Session(db.get_engine()) as session:
        yield session


def new(title: str = TITLE, body: str = BODY) -> ArticleCreate:
    return ArticleCreate(title=title, body=body, targets=["en"], glossary=None)


# --- idempotency (point 4) -----------------------------------------------------------------


def test_the_same_key_and_request_returns_the_first_article(session: Session) -> None:
    data = new()
    key = IdempotencyKey.of(articles.SCOPE_CREATE, "retry-1", data)
    first = articles.create_article(session, data, key)
    again = articles.create_article(
        session, new(), IdempotencyKey.of("POST /v1/articles", "retry-1", new())
    )
    assert again == first
    assert count(session, Article) == 1

    other = new(title="Інший заголовок")
    with pytest.raises(Conflict, match="'retry-1' was used with another request"):
        articles.create_article(
            session, other, IdempotencyKey.of(articles.SCOPE_CREATE, "retry-1", other)
        )
    assert count(session, Article) == 1
    fresh = articles.create_article(
        session, data, IdempotencyKey.of(articles.SCOPE_CREATE, "retry-2", data)
    )
    assert (fresh.id, fresh.slug) != (first.id, first.slug)
    assert count(session, Article) == 2


def test_a_key_expires_after_24_hours(session: Session) -> None:
    data = new()
    key = IdempotencyKey.of(articles.SCOPE_CREATE, "old", data)
    first = articles.create_article(session, data, key)
    record = session.exec(select(IdempotencyRecord)).one()
    record.created_at = utcnow() - timedelta(hours=24, minutes=1)
    session.commit()
    second = articles.create_article(session, data, key)
    assert second.id != first.id
    assert session.exec(select(IdempotencyRecord.key)).all() == ["old"]  # the old one is gone


def test_a_key_is_visible_ascii() -> None:
    for bad in ("", "a b", "ключ", "x" * 256, "tab\t"):
        with pytest.raises(InvalidRequest, match="1 to 255 visible ASCII characters"):
            IdempotencyKey.of(articles.SCOPE_CREATE, bad, new())


# --- row versions (point 2) ----------------------------------------------------------------


def test_a_sentence_put_in_front_does_not_take_an_edit_meant_for_another(session: Session) -> None:
    article = create(session)
    seen = articles.parallel(session, article.slug, "en")[0]
    revisions.update_source(session, article.slug, ArticleUpdate(body=f"Новина дня. {BODY}"))
    with pytest.raises(Conflict) as conflict:
        articles.edit_segment(
            session, article.slug, 0, "en", text="Mine.", row_version=seen.row_version
        )
    current = conflict.value.current
    assert (current.source, current.status, current.target) == (
        "Новина дня.",
        "machine",
        "Новина дня.",
    )
    pairs = articles.parallel(session, article.slug, "en")
    assert [(p.source, p.status) for p in pairs] == [
        ("Новина дня.", "machine"),
        (S0, "machine"),
        (S1, "machine"),
        (S2, "machine"),
    ]
    versions = [p.row_version for p in pairs]
    assert len(set(versions)) == len(versions)


def test_a_source_edit_names_the_revision_it_was_made_on(session: Session) -> None:
    article = create(session)
    revisions.update_source(session, article.slug, ArticleUpdate(body=f"{S0}\n", revision=1))
    with pytest.raises(Conflict, match="at revision 2, not 1"):
        revisions.update_source(session, article.slug, ArticleUpdate(body=BODY, revision=1))
    assert articles.get_article(session, article.slug).body == f"{S0}\n"


# --- search (point 6) ----------------------------------------------------------------------


def test_search_finds_substrings_in_any_case_and_follows_edits(session: Session) -> None:
    budget = create(session, title="Бюджет УКРАЇНИ на 2027 рік", body="Уряд схвалив проєкт.\n")
    roads = create(session, title="Дороги", body="Ремонт доріг у 50% громад_ триває.\n")
    found = lambda q: [a.slug for a in articles.list_articles(session, q=q).items]  # noqa: E731
    assert found("бюджет україни") == [budget.slug]
    assert found("ЄКТ") == [budget.slug]  # "проєкт", three letters
    assert found("50% громад_") == [roads.slug]
    assert found("50") == [roads.slug]  # shorter than a trigram
    assert found('"') == [] and found('Уряд" OR "Ремонт') == []
    revisions.update_source(
        session, budget.slug, ArticleUpdate(body="Парламент відклав розгляд.\n")
    )
    assert found("схвалив") == [] and found("відклав") == [budget.slug]
    articles.delete_article(session, roads.slug)
    assert found("Ремонт") == []


def test_search_of_many_articles_uses_the_full_text_index(session: Session) -> None:
    engine = db.get_engine()
    rows = [
        {
            "slug": f"a{n}",
            "title": f"Новина {n}",
            "body": f"Текст статті номер {n} про громади.",
            "now": utcnow(),
        }
        for n in range(5000)
    ]
    with engine.begin() as connection:
        connection.execute(
            sa.text(
                "INSERT INTO article (slug, source_lang, title, body, created_at, updated_at,"
                " revision) VALUES (:slug, 'uk', :title, :body, :now, :now, 1)"
            ),
            rows,
        )
    page = articles.list_articles(session, q="номер 4321 ")
    assert (page.total, [a.slug for a in page.items]) == (1, ["a4321"])
    assert articles.list_articles(session, q="ГРОМАДИ", limit=5).total == 5000
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            plan = connection.exec_driver_sql(
                "EXPLAIN QUERY PLAN SELECT rowid FROM search_article WHERE search_article"
                " MATCH '\"номер\"'"
            ).all()
            assert any("VIRTUAL TABLE INDEX" in str(row) for row in plan)
        else:
            connection.exec_driver_sql("ANALYZE article")
            connection.exec_driver_sql("SET enable_seqscan = off")
            plan = connection.exec_driver_sql(
                "EXPLAIN SELECT id FROM article WHERE body ILIKE '%%номер 4321 %%'"
            ).all()
            assert any("search_article_body" in row[0] for row in plan)


# --- slugs (point 17) ----------------------------------------------------------------------


def test_a_common_title_is_numbered_past_the_highest_in_one_query(session: Session) -> None:
    engine = db.get_engine()
    taken = ["zakon", "zakon-2", "zakon-5", "zakon-inshyi", "zakon-7-b", "zakonnist"]
    with engine.begin() as connection:
        connection.execute(
            sa.text(
                "INSERT INTO article (slug, source_lang, title, body, created_at, updated_at,"
                " revision) VALUES (:slug, 'uk', 'x', 'x', :now, :now, 1)"
            ),
            [{"slug": slug, "now": utcnow()} for slug in taken],
        )
    statements: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_: object) -> None:
        if "article.slug" in statement and "max" in statement.lower():
            statements.append(statement)

    sa.event.listen(engine, "before_cursor_execute", record)
    try:
        made = articles.create_article(session, new(title="Закон"))
    finally:
        sa.event.remove(engine, "before_cursor_execute", record)
    assert made.slug == "zakon-6"
    assert len(statements) == 1
    assert create(session, title="Зовсім новий").slug == "zovsim-novyi"


# --- the migration -------------------------------------------------------------------------


def test_0002_renumbers_row_versions_and_indexes_old_articles(database: str, uk_en: None) -> None:
    engine = db.get_engine()
    config = db._alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
    now = utcnow().replace(tzinfo=None)  # as the UTC column type stores it on SQLite
    with engine.begin() as connection:
        run = connection.execute
        run(
            sa.text(
                "INSERT INTO article (id, slug, source_lang, title, body, created_at, updated_at,"
                " revision) VALUES (1, 'old', 'uk', 'Старий бюджет', :body, :now, :now, 1)"
            ),
            {"body": BODY, "now": now},
        )
        run(
            sa.text(
                "INSERT INTO version (id, article_id, lang, title, body, status, engine,"
                " model_package, model_version, translated_at, changed_segments) VALUES"
                " (1, 1, 'en', 'Old budget', :body, 'machine', 'ctranslate2', 'p', '1', :now,"
                " '[]')"
            ),
            {"body": BODY, "now": now},
        )
        spans = segment(BODY, "uk")
        for position, span in enumerate(spans):
            run(
                sa.text(
                    "INSERT INTO segment (id, article_id, paragraph, position, source, start,"
                    ' "end") VALUES (:id, 1, :paragraph, :position, :source, :start, :end)'
                ),
                {
                    "id": 10 + position,
                    "paragraph": span.paragraph,
                    "position": position,
                    "source": span.text,
                    "start": span.start,
                    "end": span.end,
                },
            )
        for position in reversed(range(len(spans))):  # row ids in another order than positions
            run(
                sa.text(
                    "INSERT INTO segment_translation (segment_id, version_id, machine_text,"
                    " current_text, status, qa_flags, term_report, row_version, updated_at)"
                    " VALUES (:segment, 1, :text, :text, 'machine', '[]', '{}', 1, :now)"
                ),
                {"segment": 10 + position, "text": spans[position].text, "now": now},
            )
    db.ensure_schema()
    with Session(engine) as session:
        pairs = articles.parallel(session, "old", "en")
        assert [p.row_version for p in pairs] == [1, 2, 3]
        assert articles.get_version(session, "old", "en").row_version == 3
        assert [a.slug for a in articles.list_articles(session, q="старий").items] == ["old"]
        edited = articles.edit_segment(session, "old", 1, "en", text="Signed.", row_version=2)
        assert edited.row_version == 4
        assert count(session, SegmentTranslation) == 3


def test_a_glossary_upload_retried_with_its_key_is_answered_once(api_url: str) -> None:
    upload = {
        "name": "retry",
        "source_lang": "uk",
        "target_lang": "en",
        "content": "рада\tcouncil\n",
    }
    url = f"{api_url}/v1/glossaries"
    first = httpx.post(url, json=upload, headers={"Idempotency-Key": "g-1"})
    again = httpx.post(url, json=upload, headers={"Idempotency-Key": "g-1"})
    assert (first.status_code, again.status_code) == (201, 201)
    assert (
        first.json()
        == again.json()
        == {
            "name": "retry",
            "source_lang": "uk",
            "target_lang": "en",
            "entries": 1,
            "origin": "imported",
        }
    )
    other = httpx.post(
        url, json={**upload, "content": "рада\tboard\n"}, headers={"Idempotency-Key": "g-1"}
    )
    assert other.status_code == 409
    assert other.json() == {"error": "the Idempotency-Key 'g-1' was used with another request"}
