"""What a reader is served: the best version of an article for their languages."""

from datetime import datetime

from sqlmodel import Session, SQLModel

from translator.errors import NotFound
from translator.negotiate import negotiate
from translator.store.articles import get_article

SOURCE_STATUS = "source"


class ArticleView(SQLModel):
    """One language of an article, as published to readers."""

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


def article_view(
    session: Session, id_or_slug: int | str, accept_language: str | None, lang: str | None
) -> ArticleView:
    """``lang`` if given (404 if the article has no such version), else the negotiated best."""
    article = get_article(session, id_or_slug)
    versions = {v.lang: v for v in article.versions}
    languages = [article.source_lang, *sorted(versions)]
    if lang is None:
        lang = negotiate(sorted(versions), accept_language, article.source_lang)
    elif lang not in languages:
        raise NotFound(
            f"article {article.slug} has no {lang} version; it has {', '.join(languages)}"
        )
    common = {
        "id": article.id,
        "slug": article.slug,
        "lang": lang,
        "source_lang": article.source_lang,
        "revision": article.revision,
        "languages": languages,
    }
    if lang == article.source_lang:
        return ArticleView(
            **common,
            title=article.title,
            body=article.body,
            status=SOURCE_STATUS,
            updated_at=article.updated_at,
        )
    version = versions[lang]
    return ArticleView(
        **common,
        title=version.title,
        body=version.body,
        status=version.status,
        updated_at=version.translated_at,
    )
