"""Articles and their translations: create, list, read, edit, publish, delete.

Plain functions over a :class:`~sqlmodel.Session`. Each one that writes commits its own
transaction, or rolls all of it back when anything fails (a pair without a model, a taken
slug, ...). Machine translation runs with no database connection held: what it needs is read
first, then translated, then written in one short transaction that starts by locking the
article row (SQLite: ``BEGIN IMMEDIATE``), so concurrent writers of one article go one at a
time and everything a writer reads under the lock is current. A source edit whose article
changed while it was translating starts over. Articles are named by id (all digits) or slug
(always has a letter). Errors: :class:`NotFound`, :class:`Conflict`, :class:`InvalidRequest`,
and the translation errors (``UnsupportedPair``, ``ModelError``, ``GlossaryError``).
"""

import re
from collections import defaultdict, deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy import func, or_
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload
from sqlmodel import Session, col, exists, select, update

from translator.detect import detect
from translator.errors import Conflict, InvalidRequest, NotFound
from translator.glossary.enforce import TermReport
from translator.pipeline import UNDETERMINED, TranslatedSegment
from translator.segment import Segment as Span
from translator.segment import reassemble, segment
from translator.store import idempotency, machine
from translator.store.db import reading, writing
from translator.store.idempotency import IdempotencyKey
from translator.store.models import (
    MAX_INT,
    SLUG_PATTERN,
    Article,
    ArticleCreate,
    ArticleSummary,
    ArticleUpdate,
    ArticleWithVersions,
    Page,
    Segment,
    SegmentPair,
    SegmentStatus,
    SegmentTranslation,
    SourceUpdate,
    Version,
    VersionPublic,
    VersionStatus,
    utcnow,
)
from translator.store.slugs import slugify

MAX_PAGE = 100
MAX_OFFSET = 2**63 - 1  # SQL OFFSET takes a 64-bit integer
EDITABLE = (SegmentStatus.edited, SegmentStatus.approved)
ATTEMPTS = 3  # of a write that lost a race (a slug taken meanwhile, a source edited meanwhile)
SCOPE_CREATE = "POST /v1/articles"
TRIGRAM = 3  # SQLite's trigram index serves searches of at least this many characters


def create_article(
    session: Session, data: ArticleCreate, key: IdempotencyKey | None = None
) -> ArticleWithVersions:
    """Store a new article with its segments and a machine translation into every target.

    The source language is detected when not given; each target gets one MT call with the
    title and body. The slug is the given one (``Conflict`` if taken) or one made from the
    title, with ``-2``, ``-3``, ... added. With an idempotency ``key`` seen before, the
    article it created is returned and nothing is translated or stored.
    """
    if key is not None and (done := _replay(session, key)) is not None:
        return done
    source_lang = data.source_lang or _detect(f"{data.title}\n{data.body}")
    targets = list(dict.fromkeys(data.targets))
    if source_lang in targets:
        raise InvalidRequest(f"the article is in {source_lang} already; drop it from targets")
    spans = segment(data.body, source_lang)
    translations = {
        lang: machine.translate([data.title, data.body], source_lang, lang, data.glossary)
        for lang in targets
    }
    for _ in range(ATTEMPTS):
        try:
            return _insert(session, data, source_lang, spans, translations, key)
        except IntegrityError:
            if key is not None and (done := _replay(session, key)) is not None:
                return done
            if data.slug is not None:
                raise Conflict(f"the slug {data.slug!r} is taken") from None
    raise Conflict("an article with this slug was stored meanwhile; try again")


def list_articles(
    session: Session,
    lang: str | None = None,
    status: str | None = None,
    q: str | None = None,
    offset: int = 0,
    limit: int = 20,
) -> Page:
    """Articles, newest first, and how many match in all.

    ``lang``: written in it or translated into it; ``status``: with a version in that status
    (in ``lang`` if given); ``q``: a case-insensitive substring of a title or body, source or
    translation (found through the full-text indexes).
    """
    if not 0 <= offset <= MAX_OFFSET or not 1 <= limit <= MAX_PAGE:
        raise InvalidRequest(f"offset must be 0 to {MAX_OFFSET} and limit 1 to {MAX_PAGE}")
    if status is not None and status not in {s.value for s in VersionStatus}:
        raise InvalidRequest(f"unknown status {status!r}; one of: {', '.join(VersionStatus)}")
    conditions = []
    if lang or status:
        has_version = exists().where(
            col(Version.article_id) == col(Article.id),
            *([col(Version.lang) == lang] if lang else []),
            *([col(Version.status) == status] if status else []),
        )
        conditions.append(
            or_(col(Article.source_lang) == lang, has_version) if not status else has_version
        )
    with reading(session):
        if q:
            conditions.append(_search(session, q))
        total = session.exec(select(func.count()).select_from(Article).where(*conditions)).one()
        articles = session.exec(
            select(Article)
            .where(*conditions)
            .options(selectinload(Article.versions))  # type: ignore[arg-type]
            .order_by(col(Article.created_at).desc(), col(Article.id).desc())
            .offset(offset)
            .limit(limit)
        ).all()
        return Page(items=[ArticleSummary.model_validate(a) for a in articles], total=total)


def get_article(session: Session, id_or_slug: int | str) -> ArticleWithVersions:
    """An article with all of its versions."""
    with reading(session):
        return _with_versions(_article(session, id_or_slug))


def get_version(session: Session, id_or_slug: int | str, lang: str) -> VersionPublic:
    """One version of an article."""
    with reading(session):
        return VersionPublic.model_validate(_version(_article(session, id_or_slug), lang))


def parallel(session: Session, id_or_slug: int | str, lang: str) -> list[SegmentPair]:
    """A version's segments aligned with the source's, in order."""
    with reading(session):
        version = _version(_article(session, id_or_slug), lang)
        return [_pair(row) for row in _rows(session, version)]


def update_source(session: Session, id_or_slug: int | str, data: ArticleUpdate) -> SourceUpdate:
    """Replace the title and/or body; re-translate only what changed, in every version.

    Sentences still in the body (matched by text, in order, wherever they moved) keep their
    translations, statuses, QA flags and row versions; new or changed ones are machine
    translated, one batch per version, and get new row versions. A version with re-translated
    sentences (or title) becomes ``stale`` and lists them in ``changed_segments``; every
    version's body is rebuilt. ``data.revision``, if given, must be the article's revision.
    """
    for _ in range(ATTEMPTS):
        with reading(session):
            seen = _Source.of(_article(session, id_or_slug))
        if data.revision is not None and data.revision != seen.revision:
            raise Conflict(
                f"the article is at revision {seen.revision}, not {data.revision}; reload it"
            )
        title = seen.title if data.title is None else data.title
        body = seen.body if data.body is None else data.body
        if (title, body) == (seen.title, seen.body):
            return SourceUpdate(
                article=get_article(session, seen.id), changed={lang: [] for lang in seen.langs}
            )
        spans = segment(body, seen.source_lang)
        fresh = [
            span
            for span, old in zip(spans, _match(seen.sources, spans), strict=True)
            if old is None
        ]
        retitled = title != seen.title
        texts = ([title] if retitled else []) + [span.text for span in fresh]
        translations = {
            lang: machine.translate(texts, seen.source_lang, lang, seen.glossary)
            for lang in seen.langs
            if texts
        }
        done = _apply_source(session, seen, title, body, spans, fresh, retitled, translations)
        if done is not None:
            return done
    raise Conflict("the article changed meanwhile; reload it and try again")


def edit_segment(
    session: Session,
    id_or_slug: int | str,
    position: int,
    lang: str,
    *,
    text: str | None = None,
    status: str | None = None,
    row_version: int,
) -> SegmentPair:
    """Change one segment's translation and/or status, if nobody changed it since it was read.

    ``row_version`` is the one the editor saw; if the segment at ``position`` has another
    (it was edited, or a source edit put another sentence there), ``Conflict`` carries it as
    it is now. A new text makes the status ``edited`` unless one is given, and re-runs the
    term check and QA. The version's body is rebuilt; it becomes ``approved`` when every
    segment is, else ``in_review``.
    """
    if text is None and status is None:
        raise InvalidRequest("give a new text, a status, or both")
    if text is not None and not text.strip():
        raise InvalidRequest("the translation is empty")
    if status is not None and status not in EDITABLE:
        raise InvalidRequest(f"a segment's status can be set to edited or approved, not {status!r}")
    with _writing(session, "the segment changed meanwhile; reload it and try again"):
        article = _article(session, id_or_slug, lock=True)
        version = _version(article, lang)
        row = session.exec(
            select(SegmentTranslation)
            .join(Segment)
            .where(SegmentTranslation.version_id == version.id, Segment.position == position)
        ).first()
        if row is None:
            raise NotFound(f"{article.slug} has no segment {position}")
        if row.row_version != row_version:
            raise _changed(row)
        changes: dict[str, object] = {"status": SegmentStatus(status or SegmentStatus.edited)}
        if text is not None:
            terms = machine.recheck(row.term_report, text)
            changes |= {
                "current_text": text,
                "term_report": terms,
                "qa_flags": machine.qa_flags(
                    row.segment.source, text, article.source_lang, lang, terms
                ),
            }
        version.row_version += 1
        written = session.exec(
            update(SegmentTranslation)
            .where(
                col(SegmentTranslation.id) == row.id,
                col(SegmentTranslation.row_version) == row_version,
            )
            .values(**changes, row_version=version.row_version, updated_at=utcnow())
        )
        if written.rowcount != 1:
            raise _changed(row)
        version.body = _rebuild(article, version)
        done = all(t.status == SegmentStatus.approved for t in version.translations)
        version.status = VersionStatus.approved if done else VersionStatus.in_review
        return _pair(row)


def publish(session: Session, id_or_slug: int | str, lang: str) -> VersionPublic:
    """Mark a version published, now."""
    with _writing(session, "the version changed meanwhile; try again"):
        version = _version(_article(session, id_or_slug, lock=True), lang)
        version.status = VersionStatus.published
        version.published_at = utcnow()
        version.row_version += 1
        session.flush()
        return VersionPublic.model_validate(version)


def delete_article(session: Session, id_or_slug: int | str) -> None:
    """Delete an article with its versions, segments and translations."""
    with _writing(session, "the article changed meanwhile; try again"):
        session.delete(_article(session, id_or_slug, lock=True))


# --- helpers -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Source:
    """What a source edit reads before translating: the article as it was at ``revision``."""

    id: int
    revision: int
    title: str
    body: str
    source_lang: str
    glossary: str | None
    sources: list[str]  # the segments' texts, in order
    langs: list[str]  # the versions' languages

    @classmethod
    def of(cls, article: Article) -> "_Source":
        assert article.id is not None
        return cls(
            id=article.id,
            revision=article.revision,
            title=article.title,
            body=article.body,
            source_lang=article.source_lang,
            glossary=article.glossary,
            sources=[row.source for row in article.segments],
            langs=[version.lang for version in article.versions],
        )


@contextmanager
def _writing(session: Session, conflict: str) -> Iterator[None]:
    """A write transaction (see :func:`~translator.store.db.writing`); a constraint violation
    is a ``Conflict`` saying ``conflict``."""
    try:
        with writing(session):
            yield
    except IntegrityError as exc:
        raise Conflict(conflict) from exc


def _replay(session: Session, key: IdempotencyKey) -> ArticleWithVersions | None:
    with reading(session):
        return idempotency.replay(session, key, ArticleWithVersions)


def _insert(
    session: Session,
    data: ArticleCreate,
    source_lang: str,
    spans: list[Span],
    translations: dict[str, machine.MachineTranslation],
    key: IdempotencyKey | None,
) -> ArticleWithVersions:
    """Write a new article and its translations, and the idempotency record, in one go."""
    with writing(session):
        article = Article(
            slug=_new_slug(session, data.slug, data.title),
            source_lang=source_lang,
            title=data.title,
            body=data.body,
            glossary=data.glossary,
        )
        article.segments = [_segment_row(span) for span in spans]
        for lang, output in sorted(translations.items()):  # versions are listed by language
            title, body = output.documents
            version = Version(lang=lang, title=title.text, body=body.text, **output.provenance)
            for row, done in zip(article.segments, _aligned(spans, body.segments), strict=True):
                _add_machine_row(version, row, done.target, done.terms, source_lang)
            article.versions.append(version)
        session.add(article)
        session.flush()
        created = _with_versions(article)
        if key is not None:
            idempotency.remember(session, key, created)
        return created


def _apply_source(
    session: Session,
    seen: _Source,
    title: str,
    body: str,
    spans: list[Span],
    fresh: list[Span],
    retitled: bool,
    translations: dict[str, machine.MachineTranslation],
) -> SourceUpdate | None:
    """Write a source edit translated from ``seen``; None if the article moved on meanwhile."""
    with _writing(session, "the article changed meanwhile; reload it and try again"):
        article = _article(session, seen.id, lock=True)
        if article.revision != seen.revision:
            return None
        old = list(article.segments)
        kept = [None if i is None else old[i] for i in _match([r.source for r in old], spans)]
        rows = _resegment(session, article, spans, kept)
        changed = [span.index for span in fresh]
        for version in article.versions:
            version.row_version += 1
            _refresh_version(
                version, article, rows, fresh, retitled, translations.get(version.lang)
            )
            version.changed_segments = changed
        article.title, article.body = title, body
        article.revision += 1
        article.updated_at = utcnow()
        session.flush()
        for version in article.versions:
            version.body = _rebuild(article, version)
        session.flush()
        return SourceUpdate(
            article=_with_versions(article), changed={v.lang: changed for v in article.versions}
        )


def _search(session: Session, q: str) -> sa.ColumnElement[bool]:
    """Articles whose title or body, or a version's, holds ``q`` (any case).

    SQLite: the FTS5 trigram indexes, for ``q`` of three characters or more. PostgreSQL:
    ``ILIKE``, which its pg_trgm indexes serve. Shorter queries on SQLite scan.
    """
    if session.get_bind().dialect.name == "sqlite" and len(q) >= TRIGRAM:
        phrase = '"' + q.replace('"', '""') + '"'
        in_articles = sa.text(
            "SELECT rowid FROM search_article WHERE search_article MATCH :article_phrase"
        ).bindparams(article_phrase=phrase)
        in_versions = sa.text(
            "SELECT rowid FROM search_version WHERE search_version MATCH :version_phrase"
        ).bindparams(version_phrase=phrase)
        return or_(
            col(Article.id).in_(in_articles),
            col(Article.id).in_(select(Version.article_id).where(col(Version.id).in_(in_versions))),
        )
    pattern = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    matches = [
        col(column).ilike(pattern, escape="\\")
        for column in (Article.title, Article.body, Version.title, Version.body)
    ]
    return or_(
        *matches[:2],
        exists().where(col(Version.article_id) == col(Article.id), or_(*matches[2:])),
    )


def _detect(text: str) -> str:
    language = detect(text).language
    if language == UNDETERMINED:
        raise InvalidRequest("cannot tell the language of the article; give source_lang")
    return language


def _new_slug(session: Session, wanted: str | None, title: str) -> str:
    """``wanted`` if free, else the title's slug, numbered past the highest taken (one query)."""
    if wanted is not None:
        if session.exec(select(Article.id).where(Article.slug == wanted)).first() is not None:
            raise Conflict(f"the slug {wanted!r} is taken")
        return wanted
    base = slugify(title)
    number = sa.case(
        (col(Article.slug) == base, 1),
        else_=sa.cast(func.substr(Article.slug, len(base) + 2), sa.Integer),
    )
    numbered = col(Article.slug).startswith(f"{base}-", autoescape=True) & col(
        Article.slug
    ).regexp_match(f"^{re.escape(base)}-[0-9]{{1,9}}$")
    highest = session.exec(
        select(func.max(number)).where(or_(col(Article.slug) == base, numbered))
    ).one()
    return base if highest is None else f"{base}-{highest + 1}"


def _article(session: Session, id_or_slug: int | str, lock: bool = False) -> Article:
    """The article by id or slug; a ref that is neither (too big, not a slug) names none.

    ``lock``: take the article's row lock (``FOR UPDATE``; SQLite's write transaction holds
    the whole database) and read it afresh, for a write.
    """
    ref = str(id_or_slug)
    by_id = ref.isascii() and ref.isdigit()
    by_slug = not by_id and re.fullmatch(SLUG_PATTERN, ref) is not None
    article = None
    if (by_id and int(ref) <= MAX_INT) or by_slug:
        query = select(Article).where(Article.id == int(ref) if by_id else Article.slug == ref)
        if lock:
            query = query.with_for_update().execution_options(populate_existing=True)
        article = session.exec(query).first()
    if article is None:
        raise NotFound(f"no article {ref!r}")
    return article


def _version(article: Article, lang: str) -> Version:
    for version in article.versions:
        if version.lang == lang:
            return version
    raise NotFound(f"{article.slug} has no {lang} version")


def _with_versions(article: Article) -> ArticleWithVersions:
    return ArticleWithVersions.model_validate(article)


def _segment_row(span: Span) -> Segment:
    return Segment(
        paragraph=span.paragraph,
        position=span.index,
        source=span.text,
        start=span.start,
        end=span.end,
    )


def _add_machine_row(
    version: Version, row: Segment, target: str, terms: TermReport, source_lang: str
) -> None:
    """Give ``version`` a fresh machine translation of segment ``row``, with its term report,
    QA flags and the version's next row version."""
    report = machine.report_json(terms)
    version.row_version += 1
    version.translations.append(
        SegmentTranslation(
            segment=row,
            machine_text=target,
            current_text=target,
            qa_flags=machine.qa_flags(row.source, target, source_lang, version.lang, report),
            term_report=report,
            row_version=version.row_version,
        )
    )


def _aligned(spans: list[Span], done: list[TranslatedSegment]) -> list[TranslatedSegment]:
    """The pipeline's segments of the body, checked to be the store's."""
    if [(s.start, s.end) for s in spans] != [(d.start, d.end) for d in done]:
        raise AssertionError("the pipeline segmented the body differently")
    return done


def _match(old: list[str], spans: list[Span]) -> list[int | None]:
    """For each new sentence, the index of an old one with the same text (repeats in order)."""
    by_text: dict[str, deque[int]] = defaultdict(deque)
    for index, text in enumerate(old):
        by_text[text].append(index)
    return [by_text[span.text].popleft() if by_text[span.text] else None for span in spans]


def _resegment(
    session: Session, article: Article, spans: list[Span], kept: list[Segment | None]
) -> list[Segment]:
    """Make the article's segment rows match ``spans``: keep, move, add and delete rows."""
    keep = {id(row) for row in kept if row is not None}
    for row in article.segments:
        if id(row) in keep:
            row.position = -1 - row.position  # out of the way of the unique (article, position)
        else:
            session.delete(row)
    session.flush()
    rows = []
    for span, old in zip(spans, kept, strict=True):
        if old is None:
            row = _segment_row(span)
            article.segments.append(row)
        else:
            row = old
            row.paragraph, row.position, row.start, row.end = (
                span.paragraph,
                span.index,
                span.start,
                span.end,
            )
        rows.append(row)
    session.flush()
    session.expire(article, ["segments"])  # reload without the deleted rows
    for version in article.versions:
        session.expire(version, ["translations"])
    return rows


def _refresh_version(
    version: Version,
    article: Article,
    rows: list[Segment],
    fresh: list[Span],
    retitled: bool,
    output: machine.MachineTranslation | None,
) -> None:
    """Give ``version`` the new machine translations; stale if anything was re-translated."""
    if output is None:
        return
    documents = list(output.documents)
    if retitled:
        version.title = documents.pop(0).text
    for span, document in zip(fresh, documents, strict=True):
        target, terms = machine.whole(document)
        _add_machine_row(version, rows[span.index], target, terms, article.source_lang)
    version.sqlmodel_update(output.provenance)
    version.status = VersionStatus.stale


def _rebuild(article: Article, version: Version) -> str:
    """The version's body: the source body with every sentence replaced by its translation."""
    texts: dict[int | None, str] = {t.segment_id: t.current_text for t in version.translations}
    rows = sorted(article.segments, key=lambda r: r.position)
    spans = [Span(r.paragraph, r.position, r.start, r.end, r.source) for r in rows]
    return reassemble(article.body, spans, [texts[r.id] for r in rows])


def _rows(session: Session, version: Version) -> list[SegmentTranslation]:
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


def _changed(row: SegmentTranslation) -> Conflict:
    """The conflict of an edit that named another row version than ``row``'s."""
    return Conflict(
        f"segment {row.segment.position} was changed meanwhile (now row_version"
        f" {row.row_version}); reload it and try again",
        current=_pair(row),
    )


def _pair(row: SegmentTranslation) -> SegmentPair:
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
    )
