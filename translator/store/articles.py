"""Articles and their translations: create, list, read, edit, publish, delete.

Plain functions over a :class:`~sqlmodel.Session`. Each one that writes commits its own
transaction, or rolls all of it back when anything fails (a pair without a model, a taken
slug, ...), and every machine translation is done before the first write. Articles are named
by id (all digits) or slug (always has a letter). Errors: :class:`NotFound`,
:class:`Conflict`, :class:`InvalidRequest`, and the translation errors (``UnsupportedPair``,
``ModelError``, ``GlossaryError``).
"""

import re
from collections import defaultdict, deque
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import func, or_
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload
from sqlmodel import Session, col, exists, select

from translator.detect import detect
from translator.errors import Conflict, InvalidRequest, NotFound
from translator.glossary.enforce import TermReport
from translator.pipeline import UNDETERMINED, TranslatedSegment
from translator.segment import Segment as Span
from translator.segment import reassemble, segment
from translator.store import machine
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
from translator.store.slugs import slugify, unique_slug

MAX_PAGE = 100
MAX_OFFSET = 2**63 - 1  # SQL OFFSET takes a 64-bit integer
EDITABLE = (SegmentStatus.edited, SegmentStatus.approved)


def create_article(session: Session, data: ArticleCreate) -> ArticleWithVersions:
    """Store a new article with its segments and a machine translation into every target.

    The source language is detected when not given; each target gets one MT call with the
    title and body. The slug is the given one (``Conflict`` if taken) or one made from the
    title, with ``-2``, ``-3``, ... added until it is free.
    """
    with _transaction(session, "an article with this slug was stored meanwhile; try again"):
        source_lang = data.source_lang or _detect(f"{data.title}\n{data.body}")
        targets = list(dict.fromkeys(data.targets))
        if source_lang in targets:
            raise InvalidRequest(f"the article is in {source_lang} already; drop it from targets")
        slug = _new_slug(session, data.slug, data.title)
        spans = segment(data.body, source_lang)
        translations = {
            lang: machine.translate([data.title, data.body], source_lang, lang, data.glossary)
            for lang in targets
        }
        article = Article(
            slug=slug,
            source_lang=source_lang,
            title=data.title,
            body=data.body,
            glossary=data.glossary,
        )
        article.segments = [_segment_row(span) for span in spans]
        for lang, output in translations.items():
            title, body = output.documents
            version = Version(lang=lang, title=title.text, body=body.text, **output.provenance)
            version.translations = [
                _machine_row(row, done.target, done.terms, source_lang, lang)
                for row, done in zip(article.segments, _aligned(spans, body.segments), strict=True)
            ]
            article.versions.append(version)
        session.add(article)
    return _with_versions(article)


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
    translation.
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
    if q:
        pattern = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        matches = [
            col(column).ilike(pattern, escape="\\")
            for column in (Article.title, Article.body, Version.title, Version.body)
        ]
        conditions.append(
            or_(
                *matches[:2],
                exists().where(col(Version.article_id) == col(Article.id), or_(*matches[2:])),
            )
        )
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
    return _with_versions(_article(session, id_or_slug))


def get_version(session: Session, id_or_slug: int | str, lang: str) -> VersionPublic:
    """One version of an article."""
    return VersionPublic.model_validate(_version(_article(session, id_or_slug), lang))


def parallel(session: Session, id_or_slug: int | str, lang: str) -> list[SegmentPair]:
    """A version's segments aligned with the source's, in order."""
    version = _version(_article(session, id_or_slug), lang)
    rows = session.exec(
        select(SegmentTranslation)
        .join(Segment)
        .where(SegmentTranslation.version_id == version.id)
        .options(selectinload(SegmentTranslation.segment))  # type: ignore[arg-type]
        .order_by(col(Segment.position))
    ).all()
    return [_pair(row) for row in rows]


def update_source(session: Session, id_or_slug: int | str, data: ArticleUpdate) -> SourceUpdate:
    """Replace the title and/or body; re-translate only what changed, in every version.

    Sentences still in the body (matched by text, in order, wherever they moved) keep their
    translations, statuses, QA flags and row versions; new or changed ones are machine
    translated, one batch per version. A version with re-translated sentences (or title)
    becomes ``stale`` and lists them in ``changed_segments``; every version's body is rebuilt.
    """
    with _transaction(session, "the article changed meanwhile; reload it and try again"):
        article = _article(session, id_or_slug)
        title = article.title if data.title is None else data.title
        body = article.body if data.body is None else data.body
        if (title, body) == (article.title, article.body):
            return SourceUpdate(
                article=_with_versions(article), changed={v.lang: [] for v in article.versions}
            )
        spans = segment(body, article.source_lang)
        kept = _match(list(article.segments), spans)
        fresh = [span for span, old in zip(spans, kept, strict=True) if old is None]
        retitled = title != article.title
        texts = ([title] if retitled else []) + [span.text for span in fresh]
        translations = {
            version.lang: machine.translate(
                texts, article.source_lang, version.lang, article.glossary
            )
            for version in article.versions
            if texts
        }
        rows = _resegment(session, article, spans, kept)
        changed = [span.index for span in fresh]
        for version in article.versions:
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
    return SourceUpdate(
        article=_with_versions(article), changed={v.lang: changed for v in article.versions}
    )


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

    ``row_version`` is the one the editor saw; if the segment has moved on, ``Conflict`` carries
    it as it is now. A new text makes the status ``edited`` unless one is given, and re-runs the
    term check and QA. The version's body is rebuilt; it becomes ``approved`` when every
    segment is, else ``in_review``.
    """
    if text is None and status is None:
        raise InvalidRequest("give a new text, a status, or both")
    if text is not None and not text.strip():
        raise InvalidRequest("the translation is empty")
    if status is not None and status not in EDITABLE:
        raise InvalidRequest(f"a segment's status can be set to edited or approved, not {status!r}")
    with _transaction(session, "the segment changed meanwhile; reload it and try again"):
        article = _article(session, id_or_slug)
        version = _version(article, lang)
        row = session.exec(
            select(SegmentTranslation)
            .join(Segment)
            .where(SegmentTranslation.version_id == version.id, Segment.position == position)
            .with_for_update(of=SegmentTranslation)
        ).first()
        if row is None:
            raise NotFound(f"{article.slug} has no segment {position}")
        if row.row_version != row_version:
            raise Conflict(
                f"segment {position} was changed meanwhile (now row_version {row.row_version})",
                current=_pair(row),
            )
        if text is not None:
            row.current_text = text
            row.term_report = machine.recheck(row.term_report, text)
            row.qa_flags = machine.qa_flags(
                row.segment.source, text, article.source_lang, lang, row.term_report
            )
        row.status = SegmentStatus(status or SegmentStatus.edited)
        row.row_version += 1
        row.updated_at = utcnow()
        version.body = _rebuild(article, version)
        done = all(t.status == SegmentStatus.approved for t in version.translations)
        version.status = VersionStatus.approved if done else VersionStatus.in_review
        pair = _pair(row)
    return pair


def publish(session: Session, id_or_slug: int | str, lang: str) -> VersionPublic:
    """Mark a version published, now."""
    with _transaction(session, "the version changed meanwhile; try again"):
        version = _version(_article(session, id_or_slug), lang)
        version.status = VersionStatus.published
        version.published_at = utcnow()
    return VersionPublic.model_validate(version)


def delete_article(session: Session, id_or_slug: int | str) -> None:
    """Delete an article with its versions, segments and translations."""
    with _transaction(session, "the article changed meanwhile; try again"):
        session.delete(_article(session, id_or_slug))


# --- helpers -------------------------------------------------------------------------------


@contextmanager
def _transaction(session: Session, conflict: str) -> Iterator[None]:
    """Commit what the block did, or roll all of it back; a constraint violation is a
    ``Conflict`` saying ``conflict``."""
    try:
        yield
        session.commit()
    except IntegrityError as exc:
        session.rollback()
        raise Conflict(conflict) from exc
    except BaseException:
        session.rollback()
        raise


def _detect(text: str) -> str:
    language = detect(text).language
    if language == UNDETERMINED:
        raise InvalidRequest("cannot tell the language of the article; give source_lang")
    return language


def _new_slug(session: Session, wanted: str | None, title: str) -> str:
    if wanted is not None:
        if session.exec(select(Article.id).where(Article.slug == wanted)).first() is not None:
            raise Conflict(f"the slug {wanted!r} is taken")
        return wanted
    base = slugify(title)
    taken = session.exec(select(Article.slug).where(col(Article.slug).startswith(base))).all()
    return unique_slug(base, set(taken))


def _article(session: Session, id_or_slug: int | str) -> Article:
    """The article by id or slug; a ref that is neither (too big, not a slug) names none."""
    ref = str(id_or_slug)
    by_id = ref.isascii() and ref.isdigit()
    by_slug = not by_id and re.fullmatch(SLUG_PATTERN, ref) is not None
    article = None
    if (by_id and int(ref) <= MAX_INT) or by_slug:
        article = session.exec(
            select(Article).where(Article.id == int(ref) if by_id else Article.slug == ref)
        ).first()
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


def _machine_row(
    row: Segment, target: str, terms: TermReport, source_lang: str, target_lang: str
) -> SegmentTranslation:
    """A fresh machine translation of segment ``row``, with its term report and QA flags."""
    report = machine.report_json(terms)
    return SegmentTranslation(
        segment=row,
        machine_text=target,
        current_text=target,
        qa_flags=machine.qa_flags(row.source, target, source_lang, target_lang, report),
        term_report=report,
    )


def _aligned(spans: list[Span], done: list[TranslatedSegment]) -> list[TranslatedSegment]:
    """The pipeline's segments of the body, checked to be the store's."""
    if [(s.start, s.end) for s in spans] != [(d.start, d.end) for d in done]:
        raise AssertionError("the pipeline segmented the body differently")
    return done


def _match(old: list[Segment], spans: list[Span]) -> list[Segment | None]:
    """For each new sentence, the stored segment with the same text (repeats in order)."""
    by_text: dict[str, deque[Segment]] = defaultdict(deque)
    for row in sorted(old, key=lambda r: r.position):
        by_text[row.source].append(row)
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
        version.translations.append(
            _machine_row(rows[span.index], target, terms, article.source_lang, version.lang)
        )
    version.sqlmodel_update(output.provenance)
    version.status = VersionStatus.stale


def _rebuild(article: Article, version: Version) -> str:
    """The version's body: the source body with every sentence replaced by its translation."""
    texts: dict[int | None, str] = {t.segment_id: t.current_text for t in version.translations}
    rows = sorted(article.segments, key=lambda r: r.position)
    spans = [Span(r.paragraph, r.position, r.start, r.end, r.source) for r in rows]
    return reassemble(article.body, spans, [texts[r.id] for r in rows])


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
