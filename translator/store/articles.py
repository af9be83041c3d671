"""Articles and their translations: create, list, read, review edits, publish, delete.

Plain functions over a :class:`~sqlmodel.Session`. Each one that writes commits its own
transaction, or rolls all of it back when anything fails (a pair without a model, a taken
slug, ...). Machine translation runs with no database connection held: what it needs is read
first, then translated, then written in one short transaction that starts by locking the
article row (SQLite: ``BEGIN IMMEDIATE``), so concurrent writers of one article go one at a
time and everything a writer reads under the lock is current. Source edits are in
:mod:`translator.store.revisions`. Articles are named by id (all digits) or slug (always has a
letter). Errors: :class:`NotFound`, :class:`Conflict`, :class:`InvalidRequest`, and the
translation errors (``UnsupportedPair``, ``ModelError``, ``GlossaryError``).
"""

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy import func, or_
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload
from sqlmodel import Session, col, exists, select, update

from translator.detect import detect
from translator.errors import Conflict, InvalidRequest, NotFound
from translator.pipeline import UNDETERMINED, TranslatedDocument
from translator.segment import Segment as Span
from translator.segment import segment
from translator.store import idempotency, machine, publishing, rows
from translator.store.db import reading, writing
from translator.store.idempotency import IdempotencyKey
from translator.store.models import (
    Article,
    ArticleCreate,
    ArticleSummary,
    ArticleWithVersions,
    Page,
    Segment,
    SegmentPair,
    SegmentStatus,
    SegmentTranslation,
    Version,
    VersionPublic,
    VersionStatus,
    utcnow,
)
from translator.store.slugs import slugify
from translator.tm import memory

MAX_PAGE = 100
MAX_OFFSET = 2**63 - 1  # SQL OFFSET takes a 64-bit integer
EDITABLE = (SegmentStatus.edited, SegmentStatus.approved)
SCOPE_CREATE = "POST /v1/articles"
TRIGRAM = 3  # SQLite's trigram index serves searches of at least this many characters


@dataclass(frozen=True)
class CreatePlan:
    """A new article ready to translate: the request, its source language, its sentences and
    its idempotency key. Made once (:func:`plan_create`); each target is translated from it
    (:meth:`translate`, in any process), then all are stored at once (:func:`store_created`)."""

    data: ArticleCreate
    source_lang: str
    spans: list[Span]
    key: IdempotencyKey | None

    @property
    def targets(self) -> list[str]:
        return list(dict.fromkeys(self.data.targets))

    def translate(self, lang: str) -> list[TranslatedDocument]:
        """The title's and the body's translations into ``lang`` (one MT call)."""
        data = self.data
        return machine.translate(
            [data.title, data.body],
            self.source_lang,
            lang,
            data.glossary,
            spans=[None, self.spans],
            names=data.names,
        )


def create_article(
    session: Session, data: ArticleCreate, key: IdempotencyKey | None = None
) -> ArticleWithVersions:
    """Store a new article with its segments and a machine translation into every target.

    The source language is detected when not given; each target gets one MT call with the
    title and body. The slug is the given one (``Conflict`` if taken) or one made from the
    title, with ``-2``, ``-3``, ... added. With an idempotency ``key`` seen before, the
    article it created is returned and nothing is translated or stored.
    """
    if key is not None and (done := replay_created(session, key)) is not None:
        return done
    plan = plan_create(data, key)
    return store_created(session, plan, {lang: plan.translate(lang) for lang in plan.targets})


def replay_created(session: Session, key: IdempotencyKey) -> ArticleWithVersions | None:
    """The article stored for ``key`` within its time to live, if any (the key with another
    request: :class:`Conflict`)."""
    with reading(session):
        return idempotency.replay(session, key, ArticleWithVersions)


def plan_create(data: ArticleCreate, key: IdempotencyKey | None = None) -> CreatePlan:
    """Detect the source language (when not given) and segment the body."""
    source_lang = data.source_lang or _detect(f"{data.title}\n{data.body}")
    if source_lang in data.targets:
        raise InvalidRequest(f"the article is in {source_lang} already; drop it from targets")
    return CreatePlan(data, source_lang, segment(data.body, source_lang), key)


def store_created(
    session: Session,
    plan: CreatePlan,
    translations: dict[str, list[TranslatedDocument]],
    then: Callable[[Session, ArticleWithVersions], None] | None = None,
) -> ArticleWithVersions:
    """Store a planned article with its translations (one per target); ``then`` runs in the
    same transaction, after the article is written (a job marks itself done there). With a
    key stored already, the article stored for it is returned and ``then`` does not run."""
    return _store_new(
        session, plan.data, plan.source_lang, plan.spans, translations, plan.key, then=then
    )


def import_article(
    session: Session,
    data: ArticleCreate,
    source_lang: str,
    translations: dict[str, list[TranslatedDocument]],
    source_key: str,
) -> ArticleWithVersions:
    """Store a new article translated already (by a batch run), named by ``source_key``.

    ``translations``: per target, the title's and the body's documents, as
    :func:`create_article` makes them; the body's segments are the article's sentences (see
    :func:`given_spans`), so nothing is segmented or translated again. ``data.targets`` is
    not used. ``Conflict`` if an article with ``source_key`` exists (stored meanwhile).
    """
    if source_lang in translations:
        raise InvalidRequest(f"the article is in {source_lang} already; nothing to translate")
    spans = given_spans(data.body, translations)
    return _store_new(session, data, source_lang, spans, translations, None, source_key)


def find_imported(session: Session, source_key: str) -> int | None:
    """The id of the article imported from ``source_key``, None if there is none."""
    with reading(session):
        return session.exec(select(Article.id).where(Article.source_key == source_key)).first()


def given_spans(body: str, translations: dict[str, list[TranslatedDocument]]) -> list[Span]:
    """The sentences of ``body`` as the translations (title, body per language) segmented
    it; ``InvalidRequest`` unless every language has the same ones, each at its place."""
    found = {
        tuple(Span(s.paragraph, s.index, s.start, s.end, s.source) for s in documents[1].segments)
        for documents in translations.values()
    }
    if len(found) != 1:
        raise InvalidRequest("the translations do not segment the body alike")
    spans = list(found.pop())
    for number, span in enumerate(spans):
        if span.index != number or body[span.start : span.end] != span.text:
            raise InvalidRequest(f"sentence {number} of the translations is not in the body")
    return spans


def new_version(
    lang: str, segments: list[Segment], title: TranslatedDocument, body: TranslatedDocument
) -> Version:
    """A machine-translated version: ``body``'s segments translate ``segments``, in order."""
    version = Version(lang=lang, title=title.text, body=body.text)
    rows.stamp(version, body.provenance)
    for row, done in zip(segments, body.segments, strict=True):
        rows.add_machine_row(version, row, done)
    return version


def list_articles(
    session: Session,
    lang: str | None = None,
    status: str | None = None,
    q: str | None = None,
    offset: int = 0,
    limit: int = 20,
    *,
    readers: bool = False,
) -> Page:
    """Articles, newest first, and how many match in all.

    ``lang``: written in it or translated into it; ``status``: with a version in that status
    (in ``lang`` if given); ``q``: a case-insensitive substring of a title or body, source or
    translation (found through the full-text indexes).

    ``readers``: as readers without a key see the list (see :mod:`.publishing`): every
    article (its source is public) with only its published versions, under their published
    titles; ``lang``, ``status`` (only ``published`` finds any) and ``q`` look at these alone.
    """
    if not 0 <= offset <= MAX_OFFSET or not 1 <= limit <= MAX_PAGE:
        raise InvalidRequest(f"offset must be 0 to {MAX_OFFSET} and limit 1 to {MAX_PAGE}")
    if status is not None and status not in {s.value for s in VersionStatus}:
        raise InvalidRequest(f"unknown status {status!r}; one of: {', '.join(VersionStatus)}")
    conditions = []
    if readers and status not in (None, VersionStatus.published):
        conditions.append(sa.false())
    if lang or status:
        has_version = exists().where(
            col(Version.article_id) == col(Article.id),
            *([col(Version.lang) == lang] if lang else []),
            *([publishing.is_published()] if readers else []),
            *([col(Version.status) == status] if status and not readers else []),
        )
        conditions.append(
            or_(col(Article.source_lang) == lang, has_version) if not status else has_version
        )
    with reading(session):
        if q:
            conditions.append(_search(session, q, readers))
        total = session.exec(select(func.count()).select_from(Article).where(*conditions)).one()
        articles = session.exec(
            select(Article)
            .where(*conditions)
            .options(selectinload(Article.versions))  # type: ignore[arg-type]
            .order_by(col(Article.created_at).desc(), col(Article.id).desc())
            .offset(offset)
            .limit(limit)
        ).all()
        if readers:
            return Page(items=publishing.reader_summaries(session, list(articles)), total=total)
        return Page(items=[ArticleSummary.model_validate(a) for a in articles], total=total)


def get_article(session: Session, id_or_slug: int | str) -> ArticleWithVersions:
    """An article with all of its versions."""
    with reading(session):
        return rows.with_versions(rows.find_article(session, id_or_slug))


def get_version(session: Session, id_or_slug: int | str, lang: str) -> VersionPublic:
    """One version of an article (one query)."""
    with reading(session):
        found = session.exec(
            select(Article.slug, Version)
            .outerjoin(Version, (col(Version.article_id) == Article.id) & (Version.lang == lang))
            .where(rows.named(id_or_slug))
        ).first()
        if found is None:
            raise rows.no_article(id_or_slug)
        slug, version = found
        if version is None:
            raise rows.no_version(slug, lang)
        return VersionPublic.model_validate(version)


def article_versions(session: Session, id_or_slug: int | str) -> tuple[Article, list[Version]]:
    """An article and its versions, by language, in one query, in the caller's transaction."""
    found = session.exec(
        select(Article, Version)
        .outerjoin(Version, col(Version.article_id) == Article.id)
        .where(rows.named(id_or_slug))
        .order_by(col(Version.lang))
    ).all()
    if not found:
        raise rows.no_article(id_or_slug)
    return found[0][0], [version for _, version in found if version is not None]


def parallel(session: Session, id_or_slug: int | str, lang: str) -> list[SegmentPair]:
    """A version's segments aligned with the source's, in order."""
    with reading(session):
        version = rows.find_version(rows.find_article(session, id_or_slug), lang)
        return [rows.pair(row) for row in rows.ordered_rows(session, version)]


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
    segment is, else ``in_review``. The translation memory follows: an approved segment's text
    is recorded, any other status removes the segment's entry (:func:`translator.tm.memory.sync`).
    """
    if text is None and status is None:
        raise InvalidRequest("give a new text, a status, or both")
    if text is not None and not text.strip():
        raise InvalidRequest("the translation is empty")
    if status is not None and status not in EDITABLE:
        raise InvalidRequest(f"a segment's status can be set to edited or approved, not {status!r}")
    with rows.write(session, "the segment changed meanwhile; reload it and try again"):
        article = rows.find_article(session, id_or_slug, lock=True)
        version = rows.find_version(article, lang)
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
        memory.sync(session, row, article, lang)
        version.body = rows.rebuild_body(article, version)
        done = all(t.status == SegmentStatus.approved for t in version.translations)
        version.status = VersionStatus.approved if done else VersionStatus.in_review
        return rows.pair(row)


def approve_segments(
    session: Session, id_or_slug: int | str, lang: str, seen: Mapping[int, int]
) -> list[int]:
    """Approve, in one transaction, the segment at each position of ``seen`` that still has
    the row version the editor saw there (one changed meanwhile, or approved already, is left
    as it is); the positions approved. Texts do not change, so the body stays as it is; the
    version becomes ``approved`` when every segment is, and the memory records each one."""
    approved: list[int] = []
    with rows.write(session, "the version changed meanwhile; reload it and try again"):
        article = rows.find_article(session, id_or_slug, lock=True)
        version = rows.find_version(article, lang)
        for row in rows.ordered_rows(session, version):
            position = row.segment.position
            if row.status == SegmentStatus.approved or seen.get(position) != row.row_version:
                continue
            version.row_version += 1
            row.status = SegmentStatus.approved
            row.row_version = version.row_version
            row.updated_at = utcnow()
            session.flush()
            memory.sync(session, row, article, lang)
            approved.append(position)
        done = all(t.status == SegmentStatus.approved for t in version.translations)
        version.status = VersionStatus.approved if done else VersionStatus.in_review
    return approved


def publish(session: Session, id_or_slug: int | str, lang: str) -> VersionPublic:
    """Mark a version published, now, and give readers its title and body as they are
    (:func:`.publishing.record`): they keep getting this text until the next publish."""
    with rows.write(session, "the version changed meanwhile; try again"):
        article = rows.find_article(session, id_or_slug, lock=True)
        version = rows.find_version(article, lang)
        version.status = VersionStatus.published
        version.published_at = now = utcnow()
        version.row_version += 1
        publishing.record(session, article, version, now)
        session.flush()
        return VersionPublic.model_validate(version)


def delete_article(session: Session, id_or_slug: int | str) -> None:
    """Delete an article with its versions, segments and translations."""
    with rows.write(session, "the article changed meanwhile; try again"):
        session.delete(rows.find_article(session, id_or_slug, lock=True))


# --- helpers -------------------------------------------------------------------------------


def _store_new(
    session: Session,
    data: ArticleCreate,
    source_lang: str,
    spans: list[Span],
    translations: dict[str, list[TranslatedDocument]],
    key: IdempotencyKey | None,
    source_key: str | None = None,
    then: Callable[[Session, ArticleWithVersions], None] | None = None,
) -> ArticleWithVersions:
    """Insert the translated article, again with another slug if one was taken meanwhile."""
    for _ in range(rows.ATTEMPTS):
        try:
            return _insert(session, data, source_lang, spans, translations, key, source_key, then)
        except IntegrityError:
            if key is not None and (done := replay_created(session, key)) is not None:
                return done
            if source_key is not None and find_imported(session, source_key) is not None:
                raise Conflict(f"an article from {source_key} was stored meanwhile") from None
            if data.slug is not None:
                raise Conflict(f"the slug {data.slug!r} is taken") from None
    raise Conflict("an article with this slug was stored meanwhile; try again")


def _insert(
    session: Session,
    data: ArticleCreate,
    source_lang: str,
    spans: list[Span],
    translations: dict[str, list[TranslatedDocument]],
    key: IdempotencyKey | None,
    source_key: str | None = None,
    then: Callable[[Session, ArticleWithVersions], None] | None = None,
) -> ArticleWithVersions:
    """Write a new article and its translations, and the idempotency record, in one go."""
    with writing(session):
        article = Article(
            slug=_new_slug(session, data.slug, data.title),
            source_lang=source_lang,
            title=data.title,
            body=data.body,
            glossary=data.glossary,
            names=data.names,
            source_key=source_key,
        )
        article.segments = [rows.segment_row(span) for span in spans]
        for lang, (title, body) in sorted(translations.items()):  # versions listed by language
            article.versions.append(new_version(lang, article.segments, title, body))
        session.add(article)
        session.flush()
        created = rows.with_versions(article)
        if key is not None:
            idempotency.remember(session, key, created)
        if then is not None:
            then(session, created)
        return created


def _search(session: Session, q: str, readers: bool = False) -> sa.ColumnElement[bool]:
    """Articles whose title or body, or a version's, holds ``q`` (any case).

    SQLite: the FTS5 trigram indexes, for ``q`` of three characters or more. PostgreSQL:
    ``ILIKE``, which its pg_trgm indexes serve. Shorter queries on SQLite scan.
    ``readers``: the versions' published texts instead of their working ones (a scan).
    """
    pattern = _like(q)
    if session.get_bind().dialect.name == "sqlite" and len(q) >= TRIGRAM:
        phrase = '"' + q.replace('"', '""') + '"'
        in_articles = sa.text(
            "SELECT rowid FROM search_article WHERE search_article MATCH :article_phrase"
        ).bindparams(article_phrase=phrase)
        in_versions = sa.text(
            "SELECT rowid FROM search_version WHERE search_version MATCH :version_phrase"
        ).bindparams(version_phrase=phrase)
        in_source = col(Article.id).in_(in_articles)
        in_translation = col(Article.id).in_(
            select(Version.article_id).where(col(Version.id).in_(in_versions))
        )
    else:
        matches = [
            col(column).ilike(pattern, escape="\\")
            for column in (Article.title, Article.body, Version.title, Version.body)
        ]
        in_source = or_(*matches[:2])
        in_translation = exists().where(
            col(Version.article_id) == col(Article.id), or_(*matches[2:])
        )
    return or_(in_source, publishing.holding(pattern) if readers else in_translation)


def _like(q: str) -> str:
    """An ``ILIKE`` pattern (escape character ``\\``) for a substring ``q``."""
    return "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


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


def _changed(row: SegmentTranslation) -> Conflict:
    """The conflict of an edit that named another row version than ``row``'s."""
    return Conflict(
        f"segment {row.segment.position} was changed meanwhile (now row_version"
        f" {row.row_version}); reload it and try again",
        current=rows.pair(row),
    )
