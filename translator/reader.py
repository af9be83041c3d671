"""What a reader is served: the best version of an article for their languages.

Readers without a key (once keys exist) choose among the source and the published versions,
and get each version's published text (:mod:`translator.store.publishing`); callers that may
see drafts choose among every version and get its working text.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, SQLModel

from translator.errors import NotFound
from translator.negotiate import negotiate
from translator.store import articles
from translator.store.db import reading
from translator.store.models import Article, ArticlePublic, VersionStatus
from translator.store.publishing import published_article

SOURCE_STATUS = "source"


class ArticleView(SQLModel):
    """One language of an article, as published to readers.

    ``stale``: the text lags the source. A published text is stale when the source was edited
    since it was published (readers keep the last published text until it is published again);
    a working text, when its version's status is ``stale``.
    """

    id: int
    slug: str
    lang: str
    source_lang: str
    title: str
    body: str
    status: str
    revision: int
    updated_at: datetime
    languages: list[str]
    stale: bool = False
    published_at: datetime | None = None


@dataclass(frozen=True)
class Served:
    """A view, and the row version of the working text it shows: a version's, to editors
    (None: the source's or a published text, whose every change shows in the view itself)."""

    view: ArticleView
    row_version: int | None


@dataclass(frozen=True)
class _Text:
    """One readable language of an article."""

    title: str
    body: str
    status: str
    updated_at: datetime
    stale: bool
    published_at: datetime | None
    row_version: int | None = None


@dataclass(frozen=True)
class _Readable:
    """An article and, by language, the texts the caller may read (the source's first)."""

    id: int
    slug: str
    source_lang: str
    revision: int
    texts: dict[str, _Text]


def article_view(
    session: Session,
    id_or_slug: int | str,
    accept_language: str | None,
    lang: str | None,
    *,
    drafts: bool,
) -> Served:
    """``lang`` if given (404 if the article has no such version the caller may read), else
    the negotiated best. ``drafts``: the caller may read unpublished versions."""
    article = _working(session, id_or_slug) if drafts else _published(session, id_or_slug)
    texts = article.texts
    translated = sorted(code for code in texts if code != article.source_lang)
    languages = [article.source_lang, *translated]
    if lang is None:
        lang = negotiate(translated, accept_language, article.source_lang)
    elif lang not in texts:
        raise NotFound(
            f"article {article.slug} has no {lang} version; it has {', '.join(languages)}"
        )
    text = texts[lang]
    view = ArticleView(
        id=article.id,
        slug=article.slug,
        lang=lang,
        source_lang=article.source_lang,
        title=text.title,
        body=text.body,
        status=text.status,
        revision=article.revision,
        updated_at=text.updated_at,
        languages=languages,
        stale=text.stale,
        published_at=text.published_at,
    )
    return Served(view, text.row_version)


def _working(session: Session, id_or_slug: int | str) -> _Readable:
    """The article with every version's working text (for callers that may see drafts)."""
    with reading(session):
        article, versions = articles.article_versions(session, id_or_slug)
        assert article.id is not None
        texts = {article.source_lang: _source(article)}
        for version in versions:
            texts[version.lang] = _Text(
                version.title,
                version.body,
                version.status,
                version.translated_at,
                version.status == VersionStatus.stale,
                version.published_at,
                version.row_version,
            )
        return _Readable(article.id, article.slug, article.source_lang, article.revision, texts)


def _published(session: Session, id_or_slug: int | str) -> _Readable:
    """The article with its versions' published texts only (for readers without a key)."""
    found = published_article(session, id_or_slug)
    article = found.article
    texts = {article.source_lang: _source(article)}
    for code, text in found.texts.items():
        texts[code] = _Text(
            text.title,
            text.body,
            VersionStatus.published,
            text.published_at,
            text.stale(article.revision),
            text.published_at,
        )
    return _Readable(article.id, article.slug, article.source_lang, article.revision, texts)


def _source(article: Article | ArticlePublic) -> _Text:
    return _Text(article.title, article.body, SOURCE_STATUS, article.updated_at, False, None)
