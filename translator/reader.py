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
from translator.store.models import VersionStatus
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
class _Text:
    """One readable language of an article."""

    title: str
    body: str
    status: str
    updated_at: datetime
    stale: bool
    published_at: datetime | None


def article_view(
    session: Session,
    id_or_slug: int | str,
    accept_language: str | None,
    lang: str | None,
    *,
    drafts: bool,
) -> ArticleView:
    """``lang`` if given (404 if the article has no such version the caller may read), else
    the negotiated best. ``drafts``: the caller may read unpublished versions."""
    found = published_article(session, id_or_slug)
    article = found.article
    texts = {
        article.source_lang: _Text(
            article.title, article.body, SOURCE_STATUS, article.updated_at, False, None
        )
    }
    if drafts:
        for version in article.versions:
            texts[version.lang] = _Text(
                version.title,
                version.body,
                version.status,
                version.translated_at,
                version.status == VersionStatus.stale,
                version.published_at,
            )
    else:
        for code, text in found.texts.items():
            texts[code] = _Text(
                text.title,
                text.body,
                VersionStatus.published,
                text.published_at,
                text.stale(article.revision),
                text.published_at,
            )
    translated = sorted(code for code in texts if code != article.source_lang)
    languages = [article.source_lang, *translated]
    if lang is None:
        lang = negotiate(translated, accept_language, article.source_lang)
    elif lang not in texts:
        raise NotFound(
            f"article {article.slug} has no {lang} version; it has {', '.join(languages)}"
        )
    text = texts[lang]
    return ArticleView(
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
