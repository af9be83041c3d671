"""Tables and request/response models of the article store (FastAPI full-stack template style).

``XBase`` holds the fields a table shares with its public model, ``X(table=True)`` is the table,
``XCreate``/``XUpdate`` are request bodies and ``XPublic`` what the API returns.

* ``article``: the source text. ``revision`` goes up by one on every edit of the source.
* ``version``: one per article and target language, with the MT provenance.
* ``segment``: the source sentences of the article body (``position`` = sentence index).
* ``segment_translation``: one per segment and version. Its ``row_version`` is the version's
  ``row_version`` at the segment's last change: the version's goes up by one on every change of
  the version or of any of its segments, so a row version never repeats within a version, not
  even for a row that replaced another at the same position after a source edit. An editor's
  write names the row version it saw, and any other is a conflict.
* ``idempotency_key``: the response a creating POST gave for an ``Idempotency-Key``, for 24 h.
* ``api_key``: the SHA-256 of each API key's secret, never the secret.

Statuses are stored as short strings (no database enum types, so both SQLite and PostgreSQL
migrate the same way). Every timestamp is a timezone-aware UTC ``datetime``.
"""

import re
from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated

import sqlalchemy as sa
from pydantic import AfterValidator, StringConstraints, TypeAdapter
from pydantic import Field as PydanticField
from sqlalchemy.engine import Dialect
from sqlmodel import Field, Relationship, SQLModel

from translator.glossary.enforce import TermReport

# Deterministic constraint names on every backend, so later migrations can refer to them.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

LANG_PATTERN = r"^[a-z]{2,3}$"
SLUG_PATTERN = r"^(?:[0-9]+-)*[0-9]*[a-z][a-z0-9]*(?:-[a-z0-9]+)*$"  # has a letter
SLUG_MAX = 80
GLOSSARY_PATTERN = r"^\w[\w-]*$"  # a glossary name, never a path
# Text the store takes: no control characters but tab and line breaks, no U+FFFE or U+FFFF,
# no lone surrogate (JSON's "\ud800" decodes to one; UTF-8 cannot encode it). PostgreSQL cannot
# store NUL, and TMX/XLIFF (XML) cannot hold any of these; every backend refuses them alike.
_CONTROL = r"\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff"
_NOT_TEXT = rf"[{_CONTROL}\ud800-\udfff]"
# The documented pattern leaves out the surrogates: a JSON Schema regex cannot use them (and
# schemathesis drops a pattern that has them), and JSON text that decodes to one is refused anyway.
TEXT_PATTERN = f"^[^{_CONTROL}]*$"
MAX_INT = 2**31 - 1  # the largest value of an INTEGER column (PostgreSQL int4)
SOURCE_KEY_MAX = 1000  # characters of an imported article's key (its input's relative path)

LangCode = Annotated[
    str, StringConstraints(strip_whitespace=True, to_lower=True, pattern=LANG_PATTERN)
]
Slug = Annotated[str, StringConstraints(max_length=SLUG_MAX, pattern=SLUG_PATTERN)]
GlossaryName = Annotated[str, StringConstraints(max_length=100, pattern=GLOSSARY_PATTERN)]


def _text(value: str) -> str:
    """``value`` if it matches ``TEXT_PATTERN``; the error names the first bad character."""
    if found := re.search(_NOT_TEXT, value):
        raise ValueError(
            f"U+{ord(found.group()):04X} at {found.start()} is not allowed"
            " (control characters other than tab and line breaks, surrogates, U+FFFE, U+FFFF)"
        )
    return value


Text = Annotated[
    str, AfterValidator(_text), PydanticField(json_schema_extra={"pattern": TEXT_PATTERN})
]


class UTCDateTime(sa.TypeDecorator[datetime]):
    """A timezone-aware UTC timestamp; SQLite, which keeps no zone, stores it naive in UTC."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("timestamps must be timezone-aware")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class TermReportJSON(sa.TypeDecorator[TermReport]):
    """A segment's :class:`~translator.glossary.enforce.TermReport`, stored as JSON."""

    impl = sa.JSON
    cache_ok = True
    _adapter = TypeAdapter(TermReport)

    def process_bind_param(self, value: TermReport | None, dialect: Dialect) -> object:
        return None if value is None else self._adapter.dump_python(value, mode="json")

    def process_result_value(self, value: object, dialect: Dialect) -> TermReport | None:
        return None if value is None else self._adapter.validate_python(value)


def utcnow() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return datetime.now(UTC)


class VersionStatus(StrEnum):
    """Where a translated version is in the newsroom's workflow."""

    machine = "machine"  # straight from MT, untouched
    in_review = "in_review"  # an editor has started on it
    approved = "approved"  # every segment approved
    published = "published"
    stale = "stale"  # the source changed under it: see ``changed_segments``


class SegmentStatus(StrEnum):
    """The state of one segment's translation."""

    machine = "machine"
    edited = "edited"
    approved = "approved"


# --- article -------------------------------------------------------------------------------


class ArticleBase(SQLModel):
    title: str = Field(min_length=1, sa_type=sa.Text)
    body: str = Field(sa_type=sa.Text)


class Article(ArticleBase, table=True):
    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=SLUG_MAX, unique=True)
    source_lang: str = Field(max_length=16)
    glossary: str | None = Field(default=None, max_length=100)
    # names the glossary lacks romanised (translator.names); kept for the re-translations
    names: bool = Field(default=True, sa_column_kwargs={"server_default": sa.true()})
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    revision: int = 1
    # the input's relative path of an article a batch imported (``batch --store``), else None
    source_key: str | None = Field(default=None, max_length=SOURCE_KEY_MAX, unique=True, index=True)

    versions: list["Version"] = Relationship(
        back_populates="article",
        cascade_delete=True,
        passive_deletes=True,
        sa_relationship_kwargs={"order_by": "Version.lang"},
    )
    segments: list["Segment"] = Relationship(
        back_populates="article",
        cascade_delete=True,
        passive_deletes=True,
        sa_relationship_kwargs={"order_by": "Segment.position"},
    )


class ArticleCreate(ArticleBase):
    """A new article: ``source_lang`` None detects it; ``slug`` None derives it from the title.

    ``glossary``: a glossary name, "default" for each pair's default glossary, None for none.
    ``names``: keep names the glossary lacks in the national romanisation (Ukrainian sources).
    """

    title: Text = Field(min_length=1)
    body: Text
    source_lang: LangCode | None = None
    targets: list[LangCode] = Field(min_length=1)
    glossary: GlossaryName | None = "default"
    names: bool = True
    slug: Slug | None = None


class ArticleUpdate(SQLModel):
    """A new title and/or body for an article's source; ``revision``, if given, is the one the
    edit was made on (another is a conflict)."""

    title: Text | None = Field(default=None, min_length=1)
    body: Text | None = None
    revision: int | None = Field(default=None, ge=1, le=MAX_INT)


class ArticlePublic(ArticleBase):
    id: int
    slug: str
    source_lang: str
    glossary: str | None
    names: bool
    created_at: datetime
    updated_at: datetime
    revision: int


# --- version -------------------------------------------------------------------------------


class VersionBase(SQLModel):
    lang: str = Field(max_length=16)
    title: str = Field(sa_type=sa.Text)
    body: str = Field(sa_type=sa.Text)
    status: VersionStatus = Field(default=VersionStatus.machine, sa_type=sa.String(16))
    engine: str = Field(default="ctranslate2", max_length=32)
    model_package: str = Field(max_length=200)  # package folders, " + "-joined for a pivot
    model_version: str = Field(max_length=100)
    glossary_name: str | None = Field(default=None, max_length=100)
    glossary_hash: str | None = Field(default=None, max_length=64)
    translated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    published_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    changed_segments: list[int] = Field(default_factory=list, sa_type=sa.JSON)
    row_version: int = 0


class Version(VersionBase, table=True):
    __table_args__ = (sa.UniqueConstraint("article_id", "lang"),)

    id: int | None = Field(default=None, primary_key=True)
    article_id: int | None = Field(
        default=None, foreign_key="article.id", ondelete="CASCADE", nullable=False
    )

    article: Article = Relationship(back_populates="versions")
    translations: list["SegmentTranslation"] = Relationship(
        back_populates="version", cascade_delete=True, passive_deletes=True
    )


class VersionPublic(VersionBase):
    pass


class VersionSummary(SQLModel):
    lang: str
    title: str
    status: VersionStatus
    translated_at: datetime
    published_at: datetime | None


class ArticleWithVersions(ArticlePublic):
    versions: list[VersionPublic] = []


class ArticleSummary(SQLModel):
    """An article in a list: no bodies."""

    id: int
    slug: str
    source_lang: str
    title: str
    created_at: datetime
    updated_at: datetime
    revision: int
    versions: list[VersionSummary] = []


class Page(SQLModel):
    """One page of a list, and how many items the whole list has."""

    items: list[ArticleSummary]
    total: int


class SourceUpdate(SQLModel):
    """The article after a source edit, and per version the positions that were re-translated."""

    article: ArticleWithVersions
    changed: dict[str, list[int]]


# --- segments ------------------------------------------------------------------------------


class Segment(SQLModel, table=True):
    """A source sentence: ``body[start:end] == source``."""

    __table_args__ = (sa.UniqueConstraint("article_id", "position"),)

    id: int | None = Field(default=None, primary_key=True)
    article_id: int | None = Field(
        default=None, foreign_key="article.id", ondelete="CASCADE", nullable=False
    )
    paragraph: int
    position: int
    source: str = Field(sa_type=sa.Text)
    start: int
    end: int
    # the sentence this row replaced when a source edit made it (see revisions._replaced), else None
    previous_source: str | None = Field(default=None, sa_type=sa.Text)

    article: Article = Relationship(back_populates="segments")
    translations: list["SegmentTranslation"] = Relationship(
        back_populates="segment", cascade_delete=True, passive_deletes=True
    )


class SegmentTranslation(SQLModel, table=True):
    """A segment's translation in one version: MT output, the current text, QA and terms."""

    __tablename__ = "segment_translation"
    __table_args__ = (sa.UniqueConstraint("segment_id", "version_id"),)

    id: int | None = Field(default=None, primary_key=True)
    segment_id: int | None = Field(
        default=None, foreign_key="segment.id", ondelete="CASCADE", nullable=False
    )
    version_id: int | None = Field(
        default=None, foreign_key="version.id", ondelete="CASCADE", nullable=False, index=True
    )
    machine_text: str = Field(sa_type=sa.Text)
    current_text: str = Field(sa_type=sa.Text)
    status: SegmentStatus = Field(default=SegmentStatus.machine, sa_type=sa.String(16))
    qa_flags: list[str] = Field(default_factory=list, sa_type=sa.JSON)
    term_report: TermReport = Field(default_factory=TermReport, sa_type=TermReportJSON)
    row_version: int = 1
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    # where machine_text came from: "mt" (the engine) or "tm" (the translation memory)
    origin: str = Field(default="mt", max_length=8)

    segment: Segment = Relationship(back_populates="translations")
    version: Version = Relationship(back_populates="translations")


class SegmentPair(SQLModel):
    """One aligned source/target pair of a version, as editors see and edit it."""

    position: int
    paragraph: int
    source: str
    target: str
    machine: str
    status: SegmentStatus
    qa_flags: list[str]
    term_report: TermReport
    row_version: int
    # the source sentence this one replaced in the source edit that made it, else None
    previous_source: str | None = None


# --- idempotency ---------------------------------------------------------------------------


class IdempotencyRecord(SQLModel, table=True):
    """What a creating request answered, replayed when it is retried with the same key."""

    __tablename__ = "idempotency_key"
    __table_args__ = (sa.UniqueConstraint("scope", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    scope: str = Field(max_length=100)  # the operation, e.g. "POST /v1/articles"
    key: str = Field(max_length=255)
    fingerprint: str = Field(max_length=64)  # SHA-256 of the validated request
    response: str = Field(sa_type=sa.Text)  # the response body, JSON
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)


# --- API keys ------------------------------------------------------------------------------


class ApiKeyBase(SQLModel):
    label: str = Field(min_length=1, max_length=100)


class ApiKey(ApiKeyBase, table=True):
    __tablename__ = "api_key"

    id: int | None = Field(default=None, primary_key=True)
    prefix: str = Field(max_length=8, index=True)
    key_hash: str = Field(max_length=64, unique=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class ApiKeyPublic(ApiKeyBase):
    id: int
    prefix: str
    created_at: datetime
    revoked_at: datetime | None


# --- translation memory --------------------------------------------------------------------


class MemoryEntry(SQLModel, table=True):
    """An approved translation of a sentence, reused before MT (see :mod:`translator.tm`).

    One per language pair and normalised source (``source_hash``: its SHA-256, which a unique
    index can hold however long the sentence): the latest approval wins. ``article_id`` and
    ``segment_id`` name the segment approved (None once deleted, or for a TMX import).
    """

    __tablename__ = "translation_memory"
    __table_args__ = (sa.UniqueConstraint("source_lang", "target_lang", "source_hash"),)

    id: int | None = Field(default=None, primary_key=True)
    source_lang: str = Field(max_length=16)
    target_lang: str = Field(max_length=16)
    source_hash: str = Field(max_length=64)
    normalised: str = Field(sa_type=sa.Text)
    source: str = Field(sa_type=sa.Text)
    target: str = Field(sa_type=sa.Text)
    article_id: int | None = Field(default=None, foreign_key="article.id", ondelete="SET NULL")
    segment_id: int | None = Field(
        default=None, foreign_key="segment.id", ondelete="SET NULL", index=True
    )
    approved_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


# --- publishing ----------------------------------------------------------------------------


class Publication(SQLModel, table=True):
    """What readers get of a published version: its title and body as they were when it was
    last published. Editing the version afterwards, or the source (which makes it stale),
    leaves this text as it is until the version is published again; ``revision`` is the
    article's revision it translates, so a source edit since then shows as ``stale``."""

    version_id: int = Field(primary_key=True, foreign_key="version.id", ondelete="CASCADE")
    title: str = Field(sa_type=sa.Text)
    body: str = Field(sa_type=sa.Text)
    revision: int
    first_published_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    published_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
