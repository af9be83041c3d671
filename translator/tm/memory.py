"""The translation memory in the article store: look up, record, forget, search, list.

The memory holds approved translations only: approving a segment records its text (the
latest approval of a sentence wins); un-approving it, or editing it without approving,
removes its entry, and another approved segment with the same source, if there is one, takes
its place. :class:`StoreMemory` is the :data:`~translator.pipeline.Memory` the pipeline asks
before MT: one short read per language pair, no connection held while translating.
"""

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, func, select

from translator.store.db import current_revision, database_url, ensure_schema, get_engine, reading
from translator.store.models import (
    Article,
    MemoryEntry,
    Segment,
    SegmentStatus,
    SegmentTranslation,
    Version,
    utcnow,
)
from translator.tm.normalise import normalise

FUZZY_MIN = 75.0  # the lowest similarity (rapidfuzz ratio, 0-100) a fuzzy match has
CHUNK = 500  # sentences per lookup query (bound parameters stay far below every backend's cap)


@dataclass(frozen=True)
class Unit:
    """A translation unit: a sentence, its approved translation, where and when approved."""

    source_lang: str
    target_lang: str
    source: str
    target: str
    approved_at: datetime
    article_id: int | None = None


@dataclass(frozen=True)
class Match:
    """A memory entry similar to a searched sentence: ``score`` 100 is an exact match."""

    unit: Unit
    score: float


def key(sentence: str) -> str:
    """The SHA-256 (hex) of a sentence's normalised form: the memory's key for it."""
    return hashlib.sha256(normalise(sentence).encode()).hexdigest()


def lookup(
    session: Session, source_lang: str, target_lang: str, sentences: Iterable[str]
) -> dict[str, str]:
    """The approved translation of each of ``sentences`` the memory knows, by sentence."""
    by_key: dict[str, list[str]] = {}
    for sentence in sentences:
        by_key.setdefault(key(sentence), []).append(sentence)
    keys = list(by_key)
    found: dict[str, str] = {}
    for start in range(0, len(keys), CHUNK):
        rows = session.exec(
            select(MemoryEntry.source_hash, MemoryEntry.target).where(
                MemoryEntry.source_lang == source_lang,
                MemoryEntry.target_lang == target_lang,
                col(MemoryEntry.source_hash).in_(keys[start : start + CHUNK]),
            )
        ).all()
        for source_hash, target in rows:
            found.update(dict.fromkeys(by_key[source_hash], target))
    return found


def record(session: Session, unit: Unit, segment_id: int | None = None) -> None:
    """Store ``unit`` (inside the caller's write transaction), replacing any entry of its
    sentence in its language pair."""
    values = {
        "source_lang": unit.source_lang,
        "target_lang": unit.target_lang,
        "source_hash": key(unit.source),
        "normalised": normalise(unit.source),
        "source": unit.source,
        "target": unit.target,
        "article_id": unit.article_id,
        "segment_id": segment_id,
        "approved_at": unit.approved_at,
    }
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    insert = dialect.insert(MemoryEntry).values(**values)
    replaced = {name: insert.excluded[name] for name in values if name != "source_hash"}
    session.exec(
        insert.on_conflict_do_update(
            index_elements=["source_lang", "target_lang", "source_hash"], set_=replaced
        )
    )


def sync(session: Session, row: SegmentTranslation, article: Article, lang: str) -> None:
    """Make the memory agree with segment translation ``row`` of ``article`` in ``lang`` as it
    is now (inside the caller's write transaction, ``row`` written already)."""
    source = row.segment.source
    if row.status == SegmentStatus.approved:
        unit = Unit(article.source_lang, lang, source, row.current_text, utcnow(), article.id)
        record(session, unit, row.segment_id)
        return
    entry = session.exec(
        select(MemoryEntry).where(
            MemoryEntry.segment_id == row.segment_id, MemoryEntry.target_lang == lang
        )
    ).first()
    if entry is None:
        return
    session.delete(entry)
    session.flush()
    other = session.exec(
        select(SegmentTranslation, Segment.article_id)
        .join(Segment)
        .join(Version)
        .join(Article, col(Article.id) == col(Segment.article_id))
        .where(
            col(Segment.source) == source,
            col(Segment.id) != row.segment_id,
            col(Version.lang) == lang,
            col(Article.source_lang) == article.source_lang,
            col(SegmentTranslation.status) == SegmentStatus.approved,
        )
        .order_by(col(SegmentTranslation.updated_at).desc(), col(SegmentTranslation.id).desc())
    ).first()
    if other is not None:
        approved, article_id = other
        unit = Unit(
            article.source_lang,
            lang,
            source,
            approved.current_text,
            approved.updated_at,
            article_id,
        )
        record(session, unit, approved.segment_id)


def search(
    session: Session,
    text: str,
    source_lang: str,
    target_lang: str,
    limit: int = 10,
) -> list[Match]:
    """Entries whose normalised source is at least :data:`FUZZY_MIN` % like ``text``'s, best
    first (an exact match scores 100 and comes first; equal scores: latest approval first)."""
    return search_many(session, [text], source_lang, target_lang, limit)[0]


def search_many(
    session: Session,
    texts: list[str],
    source_lang: str,
    target_lang: str,
    limit: int | None = 10,
) -> list[list[Match]]:
    """:func:`search` for each of ``texts``, with one query: only sources of a length such a
    score allows are read (a ratio of 75 % needs the shorter string to be at least 60 % of the
    longer)."""
    from rapidfuzz import fuzz, process

    wanted = [normalise(text) for text in texts]
    lengths = [len(text) for text in wanted if text]
    if not lengths:
        return [[] for _ in texts]
    shortest, longest = min(lengths) * 3 // 5, -(-max(lengths) * 5 // 3)
    with reading(session):
        entries = session.exec(
            select(MemoryEntry).where(
                MemoryEntry.source_lang == source_lang,
                MemoryEntry.target_lang == target_lang,
                func.length(MemoryEntry.normalised).between(shortest, longest),
            )
        ).all()
    choices = [entry.normalised for entry in entries]
    found: list[list[Match]] = []
    for text in wanted:
        scored = (
            process.extract(text, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN, limit=None)
            if text and choices
            else []
        )
        ranked = sorted(scored, key=lambda hit: (-hit[1], -entries[hit[2]].approved_at.timestamp()))
        found.append(
            [Match(_unit(entries[index]), round(score, 1)) for _, score, index in ranked[:limit]]
        )
    return found


def units(
    session: Session, source_lang: str | None = None, target_lang: str | None = None
) -> list[Unit]:
    """Every entry (of the given languages), in the order they were first stored."""
    conditions = [
        *([MemoryEntry.source_lang == source_lang] if source_lang else []),
        *([MemoryEntry.target_lang == target_lang] if target_lang else []),
    ]
    with reading(session):
        entries = session.exec(
            select(MemoryEntry).where(*conditions).order_by(col(MemoryEntry.id))
        ).all()
        return [_unit(entry) for entry in entries]


def _unit(entry: MemoryEntry) -> Unit:
    return Unit(
        entry.source_lang,
        entry.target_lang,
        entry.source,
        entry.target,
        entry.approved_at,
        entry.article_id,
    )


@dataclass(frozen=True)
class StoreMemory:
    """The memory of the database at ``url`` (None: the configured one), as the pipeline asks
    it: a short read of its own per question, so no connection is held while translating."""

    url: str | None = None

    def __call__(
        self, source_lang: str, target_lang: str, sentences: list[str]
    ) -> Mapping[str, str]:
        with Session(get_engine(self.url)) as session, reading(session):
            return lookup(session, source_lang, target_lang, sentences)


def configured() -> StoreMemory | None:
    """The memory of the configured store for the command line, None when there is no store
    yet (an SQLite file not created, an empty database): nothing is created to translate."""
    url = database_url()
    parsed = sa.make_url(url)
    if parsed.get_backend_name() == "sqlite" and not Path(str(parsed.database)).is_file():
        return None
    if current_revision() is None:
        return None
    ensure_schema()
    return StoreMemory()
