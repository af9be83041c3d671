"""Rows of the article store as the writing modules share them: finding and locking an
article, the write transaction, new machine rows, version bodies, public views of rows."""

import re
from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload
from sqlmodel import Session, col, select

from translator.errors import Conflict, NotFound
from translator.pipeline import Provenance, TranslatedSegment
from translator.segment import Segment as Span
from translator.segment import reassemble
from translator.store.db import writing
from translator.store.models import (
    MAX_INT,
    SLUG_PATTERN,
    Article,
    ArticleWithVersions,
    Segment,
    SegmentPair,
    SegmentTranslation,
    Version,
    utcnow,
)

ATTEMPTS = 3  # of a write that lost a race (a slug taken meanwhile, a source edited meanwhile)


@contextmanager
def write(session: Session, conflict: str) -> Iterator[None]:
    """A write transaction (see :func:`~translator.store.db.writing`); a constraint violation
    is a ``Conflict`` saying ``conflict``."""
    try:
        with writing(session):
            yield
    except IntegrityError as exc:
        raise Conflict(conflict) from exc


def find_article(session: Session, id_or_slug: int | str, lock: bool = False) -> Article:
    """The article by id or slug (:func:`named`); a ref that is neither names none.

    ``lock``: take the article's row lock (``FOR UPDATE``; SQLite's write transaction holds
    the whole database) and read it afresh, for a write.
    """
    query = select(Article).where(named(id_or_slug))
    if lock:
        query = query.with_for_update().execution_options(populate_existing=True)
    article = session.exec(query).first()
    if article is None:
        raise no_article(id_or_slug)
    return article


def no_article(id_or_slug: int | str) -> NotFound:
    return NotFound(f"no article {str(id_or_slug)!r}")


def no_version(slug: str, lang: str) -> NotFound:
    return NotFound(f"{slug} has no {lang} version")


def named(id_or_slug: int | str) -> sa.ColumnElement[bool]:
    """The condition on ``Article`` for the article an id (all digits) or a slug names; a ref
    that is neither, or an id too big for the column (any number of digits), names none."""
    ref = str(id_or_slug)
    if ref.isascii() and ref.isdigit():
        small = len(ref.lstrip("0")) <= len(str(MAX_INT)) and int(ref) <= MAX_INT
        return col(Article.id) == int(ref) if small else sa.false()
    return col(Article.slug) == ref if re.fullmatch(SLUG_PATTERN, ref) else sa.false()


def find_version(article: Article, lang: str) -> Version:
    for version in article.versions:
        if version.lang == lang:
            return version
    raise no_version(article.slug, lang)


def with_versions(article: Article) -> ArticleWithVersions:
    return ArticleWithVersions.model_validate(article)


def segment_row(span: Span, previous_source: str | None = None) -> Segment:
    """A new segment row for ``span``; ``previous_source``: the sentence it replaces, if any."""
    return Segment(
        paragraph=span.paragraph,
        position=span.index,
        source=span.text,
        start=span.start,
        end=span.end,
        previous_source=previous_source,
    )


def add_machine_row(version: Version, row: Segment, done: TranslatedSegment) -> None:
    """Give ``version`` the machine translation ``done`` of segment ``row``, with its term
    report, QA flags and the version's next row version."""
    version.row_version += 1
    version.translations.append(
        SegmentTranslation(
            segment=row,
            machine_text=done.target,
            current_text=done.target,
            qa_flags=done.qa,
            term_report=done.terms,
            row_version=version.row_version,
            origin=done.origin,
        )
    )


def stamp(version: Version, provenance: Provenance) -> None:
    """Record on ``version`` what made its machine translation, and when."""
    version.engine = provenance.engine
    version.model_package = provenance.model_package
    version.model_version = provenance.model_version
    version.glossary_name = provenance.glossary_name
    version.glossary_hash = provenance.glossary_hash
    version.translated_at = utcnow()


def rebuild_body(article: Article, version: Version) -> str:
    """The version's body: the source body with every sentence replaced by its translation."""
    texts: dict[int | None, str] = {t.segment_id: t.current_text for t in version.translations}
    rows = sorted(article.segments, key=lambda r: r.position)
    spans = [Span(r.paragraph, r.position, r.start, r.end, r.source) for r in rows]
    return reassemble(article.body, spans, [texts[r.id] for r in rows])


def ordered_rows(session: Session, version: Version) -> list[SegmentTranslation]:
    """A version's segment translations, in segment order."""
    return list(
        session.exec(
            select(SegmentTranslation)
            .join(Segment)
            .where(SegmentTranslation.version_id == version.id)
            .options(selectinload(SegmentTranslation.segment))  # type: ignore[arg-type]
            .order_by(col(Segment.position))
        ).all()
    )


def pair(row: SegmentTranslation) -> SegmentPair:
    return SegmentPair(
        position=row.segment.position,
        paragraph=row.segment.paragraph,
        source=row.segment.source,
        target=row.current_text,
        machine=row.machine_text,
        status=row.status,
        qa_flags=row.qa_flags,
        term_report=row.term_report,
        row_version=row.row_version,
        previous_source=row.segment.previous_source,
    )
