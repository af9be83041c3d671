"""Read-only queries for the review pages: per-version segment counts and a version's rows.

The list page filters and pages articles exactly as ``GET /v1/articles`` does
(:func:`~translator.store.articles.list_articles`), then counts, in one query over the listed
versions, the segments still to approve, those with QA flags and those a source edit changed.
The review page reads one version with its rows in paragraph order, together with the
version's stale positions, in one read transaction so the counts and rows agree. A signed-in
reviewer's session is checked against the hash of the API key it was opened with. Segments not
approved yet get the translation memory's fuzzy matches as suggestions.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from translator.store import articles, rows
from translator.store.db import reading
from translator.store.models import (
    ApiKey,
    Segment,
    SegmentPair,
    SegmentStatus,
    SegmentTranslation,
    Version,
    VersionStatus,
)
from translator.tm import memory


@dataclass(frozen=True)
class VersionCounts:
    """One translated version in the list, with how many of its segments need attention."""

    lang: str
    status: VersionStatus
    segments: int
    unreviewed: int  # not approved yet
    flagged: int  # with at least one QA flag
    stale: int  # re-translated after a source edit


@dataclass(frozen=True)
class ArticleCounts:
    """One article in the list."""

    id: int
    slug: str
    title: str
    source_lang: str
    updated_at: datetime
    versions: list[VersionCounts]


@dataclass(frozen=True)
class ReviewList:
    """One page of the list, and how many articles match in all."""

    articles: list[ArticleCounts]
    total: int


@dataclass(frozen=True)
class VersionRows:
    """A version to review: its article, status, rows in order and stale positions."""

    article_id: int
    slug: str
    title: str
    source_lang: str
    lang: str
    status: VersionStatus
    published_at: datetime | None
    pairs: list[SegmentPair]
    stale: frozenset[int]


def review_list(
    session: Session,
    lang: str | None = None,
    status: str | None = None,
    q: str | None = None,
    offset: int = 0,
    limit: int = 20,
) -> ReviewList:
    """Articles as :func:`~translator.store.articles.list_articles` finds them, each version
    with its segment counts (only the ``lang`` version when a language is given)."""
    page = articles.list_articles(session, lang, status, q, offset, limit)
    ids = [item.id for item in page.items]
    counts = _counts(session, ids)
    listed = []
    for item in page.items:
        versions = [
            counts[(item.id, v.lang)]
            for v in item.versions
            if (item.id, v.lang) in counts and (lang is None or v.lang == lang)
        ]
        summary = (item.id, item.slug, item.title, item.source_lang, item.updated_at)
        listed.append(ArticleCounts(*summary, versions))
    return ReviewList(listed, page.total)


def version_rows(session: Session, id_or_slug: int | str, lang: str) -> VersionRows:
    """One version with its segments in order (``NotFound`` if the article or version is not)."""
    with reading(session):
        article = rows.find_article(session, id_or_slug)
        version = rows.find_version(article, lang)
        assert article.id is not None
        return VersionRows(
            article_id=article.id,
            slug=article.slug,
            title=article.title,
            source_lang=article.source_lang,
            lang=version.lang,
            status=VersionStatus(version.status),
            published_at=version.published_at,
            pairs=[rows.pair(row) for row in rows.ordered_rows(session, version)],
            stale=frozenset(version.changed_segments),
        )


def suggestions(
    session: Session, found: VersionRows, limit: int = 3
) -> dict[int, list[memory.Match]]:
    """Per position of a segment not approved yet: the translation memory's fuzzy matches
    (:func:`translator.tm.memory.search_many`, one query for the page) whose translation is not
    the segment's current text, best first."""
    waiting = [pair for pair in found.pairs if pair.status != SegmentStatus.approved]
    matches = memory.search_many(
        session, [pair.source for pair in waiting], found.source_lang, found.lang, None
    )
    shown = {}
    for pair, candidates in zip(waiting, matches, strict=True):
        useful = [match for match in candidates if match.unit.target != pair.target][:limit]
        if useful:
            shown[pair.position] = useful
    return shown


def _counts(session: Session, ids: list[int]) -> dict[tuple[int, str], VersionCounts]:
    """Per (article id, language): the version's counts, from one query over its rows."""
    if not ids:
        return {}
    with reading(session):
        found = session.exec(
            select(
                Version.article_id,
                Version.lang,
                Version.status,
                Version.changed_segments,
                SegmentTranslation.status,
                SegmentTranslation.qa_flags,
                Segment.position,
            )
            .outerjoin(SegmentTranslation, col(SegmentTranslation.version_id) == col(Version.id))
            .outerjoin(Segment, col(Segment.id) == col(SegmentTranslation.segment_id))
            .where(col(Version.article_id).in_(ids))
        ).all()
    tally: dict[tuple[int, str], list[int]] = {}
    states: dict[tuple[int, str], VersionStatus] = {}
    for article_id, lang, status, changed, row_status, flags, position in found:
        key = (article_id, lang)
        states[key] = VersionStatus(status)
        numbers = tally.setdefault(key, [0, 0, 0, 0])
        if row_status is None:  # a version of an empty body has no rows
            continue
        numbers[0] += 1
        numbers[1] += row_status != SegmentStatus.approved
        numbers[2] += bool(flags)
        numbers[3] += position in (changed or [])
    return {key: VersionCounts(key[1], states[key], *numbers) for key, numbers in tally.items()}


def active_key_hash(session: Session, key_id: int) -> str | None:
    """The stored hash of API key ``key_id`` if it is not revoked (it signs page sessions)."""
    with reading(session):
        return session.exec(
            select(ApiKey.key_hash).where(ApiKey.id == key_id, col(ApiKey.revoked_at).is_(None))
        ).first()
