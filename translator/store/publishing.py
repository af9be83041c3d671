"""What readers get: the published text of each version, and what a language's feed lists.

Publishing a version copies its title and body into a :class:`Publication`, with the article's
revision they translate. Readers without a key get that copy, never the working text: a review
edit after publishing reaches them only when the version is published again, and after a source
edit the copy stays (the last approved text) and is ``stale`` until then. The source of an
article is always public.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Session, col, select

from translator.store import rows
from translator.store.db import reading
from translator.store.models import (
    Article,
    ArticleSummary,
    ArticleWithVersions,
    Publication,
    Version,
    VersionStatus,
    VersionSummary,
)


@dataclass(frozen=True)
class Published:
    """A version's text as it was last published."""

    lang: str
    title: str
    body: str
    revision: int  # the article's revision it translates
    first_published_at: datetime
    published_at: datetime
    translated_at: datetime

    def stale(self, revision: int) -> bool:
        """Whether the source changed since this text was published (it is at ``revision``)."""
        return self.revision != revision


@dataclass(frozen=True)
class PublishedArticle:
    """An article (with every version, for callers that may see drafts) and, by language,
    the published texts of its versions."""

    article: ArticleWithVersions
    texts: dict[str, Published]


@dataclass(frozen=True)
class FeedEntry:
    """One article in a language's feed: a published version, or an article written in it."""

    article_id: int
    slug: str
    lang: str
    title: str
    body: str
    published: datetime
    updated: datetime
    languages: list[str]  # every language readers can read it in: the source's first


def record(session: Session, article: Article, version: Version, now: datetime) -> None:
    """Copy ``version``'s title and body for readers, published ``now``, in the caller's
    write transaction."""
    copy = session.get(Publication, version.id) or Publication(
        version_id=version.id, title="", body="", revision=0, first_published_at=now
    )
    copy.title, copy.body, copy.revision = version.title, version.body, article.revision
    copy.published_at = now
    session.add(copy)


def published_article(session: Session, id_or_slug: int | str) -> PublishedArticle:
    """The article and its versions' published texts, read in one transaction."""
    with reading(session):
        article = rows.find_article(session, id_or_slug)
        assert article.id is not None
        return PublishedArticle(
            rows.with_versions(article), _texts(session, [article.id])[article.id]
        )


def reader_summaries(session: Session, articles: list[Article]) -> list[ArticleSummary]:
    """``articles`` as readers list them: only published versions, with their published
    titles; inside the caller's read transaction."""
    texts = _texts(session, [a.id for a in articles if a.id is not None])
    return [
        ArticleSummary.model_validate(article).model_copy(
            update={
                "versions": [
                    VersionSummary(
                        lang=text.lang,
                        title=text.title,
                        status=VersionStatus.published,
                        translated_at=text.translated_at,
                        published_at=text.published_at,
                    )
                    for text in texts[article.id or 0].values()
                ]
            }
        )
        for article in articles
    ]


def is_published() -> sa.ColumnElement[bool]:
    """A condition on ``Version``: it has a published text."""
    return col(Version.id).in_(select(Publication.version_id))


def holding(pattern: str) -> sa.ColumnElement[bool]:
    """A condition on ``Article``: a published text of one of its versions matches the
    ``ILIKE`` ``pattern`` (escape character ``\\``)."""
    return sa.exists().where(
        col(Version.article_id) == col(Article.id),
        col(Version.id) == col(Publication.version_id),
        sa.or_(
            col(Publication.title).ilike(pattern, escape="\\"),
            col(Publication.body).ilike(pattern, escape="\\"),
        ),
    )


def feed(session: Session, lang: str, limit: int) -> list[FeedEntry]:
    """The ``limit`` newest articles readers can read in ``lang``, most recently updated
    first: versions published in it (updated when last published) and articles written in it
    (updated when their source was last edited)."""
    with reading(session):
        copies = session.exec(
            select(Publication, Version.lang, Article)
            .join(Version, col(Version.id) == col(Publication.version_id))
            .join(Article, col(Article.id) == col(Version.article_id))
            .where(Version.lang == lang)
            .order_by(col(Publication.published_at).desc(), col(Article.id).desc())
            .limit(limit)
        ).all()
        sources = session.exec(
            select(Article)
            .where(Article.source_lang == lang)
            .order_by(col(Article.updated_at).desc(), col(Article.id).desc())
            .limit(limit)
        ).all()
        entries = [
            (copy.published_at, copy.first_published_at, article, copy.title, copy.body)
            for copy, _, article in copies
        ] + [
            (article.updated_at, article.created_at, article, article.title, article.body)
            for article in sources
        ]
        entries.sort(key=lambda entry: (entry[0], entry[2].id or 0), reverse=True)
        entries = entries[:limit]
        texts = _texts(session, [entry[2].id for entry in entries if entry[2].id is not None])
        return [
            FeedEntry(
                article_id=article.id or 0,
                slug=article.slug,
                lang=lang,
                title=title,
                body=body,
                published=published,
                updated=updated,
                languages=[article.source_lang, *texts[article.id or 0]],
            )
            for updated, published, article, title, body in entries
        ]


def _texts(session: Session, article_ids: list[int]) -> dict[int, dict[str, Published]]:
    """By article id, then language (in order), the published texts of their versions."""
    found: dict[int, dict[str, Published]] = defaultdict(dict)
    if not article_ids:
        return found
    copies = session.exec(
        select(Publication, Version.lang, Version.article_id, Version.translated_at)
        .join(Version, col(Version.id) == col(Publication.version_id))
        .where(col(Version.article_id).in_(article_ids))
        .order_by(col(Version.lang))
    ).all()
    for copy, lang, article_id, translated_at in copies:
        found[article_id or 0][lang] = Published(
            lang=lang,
            title=copy.title,
            body=copy.body,
            revision=copy.revision,
            first_published_at=copy.first_published_at,
            published_at=copy.published_at,
            translated_at=translated_at,
        )
    return found
