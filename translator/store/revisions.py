"""Source edits: a new title or body, with only the new or changed sentences re-translated.

Sentences still in the body keep their rows, translations, statuses and row versions wherever
they moved; the others are machine translated (no connection held meanwhile), then the edit is
written under the article's lock if the article is still at the revision it was made on, else
it starts over. A changed sentence's new row keeps the old sentence it replaced
(``previous_source``), for the review page to show both.
"""

import difflib
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, replace

from sqlmodel import Session

from translator.errors import Conflict, InvalidRequest
from translator.pipeline import TranslatedDocument
from translator.segment import Segment as Span
from translator.segment import segment
from translator.store import machine, rows
from translator.store.articles import get_article, given_spans, new_version
from translator.store.db import reading
from translator.store.models import (
    Article,
    ArticleUpdate,
    Segment,
    SourceUpdate,
    Version,
    VersionStatus,
    utcnow,
)

MOVED_ON = "the article changed meanwhile; reload it and try again"


def update_source(session: Session, id_or_slug: int | str, data: ArticleUpdate) -> SourceUpdate:
    """Replace the title and/or body; re-translate only what changed, in every version.

    Sentences still in the body (matched by text, in order, wherever they moved) keep their
    translations, statuses, QA flags and row versions; new or changed ones are machine
    translated, one batch per version, and get new row versions. A version with re-translated
    sentences (or title) becomes ``stale`` and lists them in ``changed_segments``; every
    version's body is rebuilt. ``data.revision``, if given, must be the article's revision.
    """
    for _ in range(rows.ATTEMPTS):
        plan = plan_update(session, id_or_slug, data)
        if isinstance(plan, SourceUpdate):
            return plan
        done = store_update(session, plan, {lang: plan.translate(lang) for lang in plan.langs})
        if done is not None:
            return done
    raise Conflict(MOVED_ON)


@dataclass(frozen=True)
class UpdatePlan:
    """A source edit ready to translate: the article as it was read, the new title and body,
    their sentences and what changed. Made once (:func:`plan_update`); each version's
    language is translated from it (:meth:`translate`, in any process), then all are written
    at once (:func:`store_update`)."""

    seen: "_Source"
    title: str
    body: str
    spans: list[Span]
    edit: "_Edit"

    @property
    def langs(self) -> list[str]:
        """The languages to translate into: every version's, if anything needs translating."""
        return self.seen.langs if self.edit.texts else []

    def translate(self, lang: str) -> list[TranslatedDocument]:
        return self.edit.translate(self.seen, lang)


def plan_update(
    session: Session, id_or_slug: int | str, data: ArticleUpdate
) -> "UpdatePlan | SourceUpdate":
    """Read the article and plan the edit; an edit that changes nothing is answered at once."""
    with reading(session):
        seen = _Source.of(rows.find_article(session, id_or_slug))
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
    return UpdatePlan(seen, title, body, spans, seen.edit(title, body, spans))


def store_update(
    session: Session,
    plan: UpdatePlan,
    translations: dict[str, list[TranslatedDocument]],
    then: Callable[[Session, SourceUpdate], None] | None = None,
) -> SourceUpdate | None:
    """Write a planned edit with its translations; None if the article moved on meanwhile.
    ``then`` runs in the same transaction, after the edit is written."""
    edit = plan.edit
    return _apply_source(
        session,
        plan.seen,
        plan.title,
        plan.body,
        plan.spans,
        edit.fresh,
        edit.retitled,
        translations,
        then=then,
    )


def import_source(
    session: Session,
    article_id: int,
    title: str,
    body: str,
    source_lang: str,
    translations: dict[str, list[TranslatedDocument]],
) -> SourceUpdate:
    """A source edit translated already (a batch run rerun on a changed file).

    ``translations``: per language, the new title's and body's documents (see
    :func:`translator.store.articles.import_article`). A version in one of these languages
    takes the translations of its new or changed sentences from them, as :func:`update_source`
    would have made them; a language without a version gets one; any other version is machine
    translated as :func:`update_source` does. ``InvalidRequest`` if the article is in another
    language than ``source_lang``.
    """
    spans = given_spans(body, translations)
    for _ in range(rows.ATTEMPTS):
        with reading(session):
            seen = _Source.of(rows.find_article(session, article_id))
        if seen.source_lang != source_lang:
            raise InvalidRequest(f"the stored article is in {seen.source_lang}, not {source_lang}")
        added = {lang: docs for lang, docs in translations.items() if lang not in seen.langs}
        if (title, body) == (seen.title, seen.body) and not added:
            return SourceUpdate(
                article=get_article(session, seen.id), changed={lang: [] for lang in seen.langs}
            )
        edit = seen.edit(title, body, spans)
        wanted = {span.index for span in edit.fresh}
        redone = {
            lang: _fresh_part(translations[lang], edit.retitled, wanted)
            if lang in translations
            else edit.translate(seen, lang)
            for lang in seen.langs
            if edit.texts
        }
        done = _apply_source(
            session, seen, title, body, spans, edit.fresh, edit.retitled, redone, added
        )
        if done is not None:
            return done
    raise Conflict(MOVED_ON)


def _fresh_part(
    documents: list[TranslatedDocument], retitled: bool, wanted: set[int]
) -> list[TranslatedDocument]:
    """Of a whole translation (title, body), what a source edit re-translates: the title if
    ``retitled``, the body with only its ``wanted`` sentences."""
    title, body = documents
    segments = [done for done in body.segments if done.index in wanted]
    return ([title] if retitled else []) + ([replace(body, segments=segments)] if wanted else [])


@dataclass(frozen=True)
class _Edit:
    """A source edit: its new or changed sentences, whether the title changed, and what a
    version translates for it (texts, and the sentences of each to translate)."""

    fresh: list[Span]
    retitled: bool
    texts: list[str]
    given: list[list[Span] | None]

    def translate(self, seen: "_Source", lang: str) -> list[TranslatedDocument]:
        return machine.translate(
            self.texts, seen.source_lang, lang, seen.glossary, spans=self.given, names=seen.names
        )


@dataclass(frozen=True)
class _Source:
    """What a source edit reads before translating: the article as it was at ``revision``."""

    id: int
    revision: int
    title: str
    body: str
    source_lang: str
    glossary: str | None
    names: bool
    sources: list[str]  # the segments' texts, in order
    langs: list[str]  # the versions' languages

    def edit(self, title: str, body: str, spans: list[Span]) -> "_Edit":
        """What changes from this source to ``title`` and ``body`` (segmented as ``spans``)."""
        fresh = [
            span
            for span, old in zip(spans, _match(self.sources, spans), strict=True)
            if old is None
        ]
        retitled = title != self.title
        return _Edit(
            fresh,
            retitled,
            ([title] if retitled else []) + ([body] if fresh else []),
            ([None] if retitled else []) + ([fresh] if fresh else []),
        )

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
            names=article.names,
            sources=[row.source for row in article.segments],
            langs=[version.lang for version in article.versions],
        )


def _apply_source(
    session: Session,
    seen: _Source,
    title: str,
    body: str,
    spans: list[Span],
    fresh: list[Span],
    retitled: bool,
    translations: dict[str, list[TranslatedDocument]],
    added: dict[str, list[TranslatedDocument]] | None = None,
    then: Callable[[Session, SourceUpdate], None] | None = None,
) -> SourceUpdate | None:
    """Write a source edit translated from ``seen``; None if the article moved on meanwhile.

    ``added``: new versions, per language the whole title's and body's translations; with the
    title and body as they were, only these are written (the revision stays)."""
    with rows.write(session, MOVED_ON):
        article = rows.find_article(session, seen.id, lock=True)
        if article.revision != seen.revision:
            return None
        old = list(article.segments)
        sources = [row.source for row in old]
        matched = _match(sources, spans)
        kept = [None if i is None else old[i] for i in matched]
        placed = _resegment(session, article, spans, kept, _replaced(sources, spans, matched))
        changed = [span.index for span in fresh]
        edited = (title, body) != (seen.title, seen.body)  # else versions are only added
        for version in list(article.versions) if edited else []:
            version.row_version += 1
            _refresh_version(version, placed, retitled, translations.get(version.lang))
            version.changed_segments = changed
        for lang, (title_done, body_done) in sorted((added or {}).items()):
            article.versions.append(new_version(lang, placed, title_done, body_done))
        if edited:
            article.title, article.body = title, body
            article.revision += 1
            article.updated_at = utcnow()
        session.flush()
        for version in article.versions:
            version.body = rows.rebuild_body(article, version)
        session.flush()
        done = SourceUpdate(
            article=rows.with_versions(article),
            changed={v.lang: [] if v.lang in (added or {}) else changed for v in article.versions},
        )
        if then is not None:
            then(session, done)
        return done


def _match(old: list[str], spans: list[Span]) -> list[int | None]:
    """For each new sentence, the index of an old one with the same text (repeats in order)."""
    by_text: dict[str, deque[int]] = defaultdict(deque)
    for index, text in enumerate(old):
        by_text[text].append(index)
    return [by_text[span.text].popleft() if by_text[span.text] else None for span in spans]


def _replaced(old: list[str], spans: list[Span], matched: list[int | None]) -> list[str | None]:
    """For each new sentence, the old sentence it replaced, or None if it replaced none.

    ``matched`` (see :func:`_match`) says which new sentences keep an old one; of the rest, a
    sentence replaced an old one that no new sentence kept. Which one: the sentence lists are
    diffed (difflib), and in each region where they differ the removed old sentences are paired
    in order with the new unmatched ones; a region's extra new sentences were only added, its
    extra old ones only deleted, and a sentence moved elsewhere is kept, so never replaced.
    """
    kept = {index for index in matched if index is not None}
    texts = [span.text for span in spans]
    replaced: list[str | None] = [None] * len(spans)
    regions = difflib.SequenceMatcher(None, old, texts, autojunk=False).get_opcodes()
    for tag, i1, i2, j1, j2 in regions:
        if tag == "replace":
            removed = [old[i] for i in range(i1, i2) if i not in kept]
            added = [j for j in range(j1, j2) if matched[j] is None]
            for j, text in zip(added, removed, strict=False):
                replaced[j] = text
    return replaced


def _resegment(
    session: Session,
    article: Article,
    spans: list[Span],
    kept: list[Segment | None],
    replaced: list[str | None],
) -> list[Segment]:
    """Make the article's segment rows match ``spans``: keep, move, add and delete rows (a new
    row records the sentence it ``replaced``)."""
    keep = {id(row) for row in kept if row is not None}
    for row in article.segments:
        if id(row) in keep:
            row.position = -1 - row.position  # out of the way of the unique (article, position)
        else:
            session.delete(row)
    session.flush()
    placed = []
    for span, old, previous in zip(spans, kept, replaced, strict=True):
        if old is None:
            row = rows.segment_row(span, previous)
            article.segments.append(row)
        else:
            row = old
            row.paragraph, row.position, row.start, row.end = (
                span.paragraph,
                span.index,
                span.start,
                span.end,
            )
        placed.append(row)
    session.flush()
    session.expire(article, ["segments"])  # reload without the deleted rows
    for version in article.versions:
        session.expire(version, ["translations"])
    return placed


def _refresh_version(
    version: Version,
    placed: list[Segment],
    retitled: bool,
    documents: list[TranslatedDocument] | None,
) -> None:
    """Give ``version`` the new machine translations (the title's, if ``retitled``, then the
    body's fresh sentences); stale if anything was re-translated."""
    if documents is None:
        return
    rest = list(documents)
    if retitled:
        version.title = rest.pop(0).text
    for body in rest:
        for done in body.segments:
            rows.add_machine_row(version, placed[done.index], done)
    rows.stamp(version, documents[-1].provenance)
    version.status = VersionStatus.stale
