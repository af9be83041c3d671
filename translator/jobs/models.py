"""The job tables, the source of truth in both run modes, and what the API shows of them.

A :class:`Job` is one submission: an article to create or edit (its plan, made once at
submission), or a set of files. Its :class:`JobItem` rows are the units of work a worker runs:
an article's translation into one language, or one file. An item holds what it needs
(``data``: a file's bytes) and what it made (``result``: the translated documents as JSON, or a
file's report row; ``output``: a translated file). Whoever claims an item writes a new
``claim`` token; only the holder of the current token may record its result, so an item run
twice (a worker thought dead, a duplicate delivery) is stored once.
"""

from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from pydantic import BaseModel
from sqlmodel import Field, SQLModel

from translator.store.models import UTCDateTime, utcnow


class JobKind(StrEnum):
    create = "create"  # a new article
    update = "update"  # a source edit
    files = "files"  # files of the batch formats


class JobStatus(StrEnum):
    queued = "queued"
    running = "running"
    done = "done"
    failed = "failed"
    cancelled = "cancelled"


FINISHED = frozenset({JobStatus.done, JobStatus.failed, JobStatus.cancelled})


class Job(SQLModel, table=True):
    __tablename__ = "job"

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=16)
    status: str = Field(default=JobStatus.queued, max_length=16, index=True)
    submitted_by: str | None = Field(default=None, max_length=100, index=True)
    plan: str = Field(sa_type=sa.Text)  # JSON: the article plan, or the files' options
    result: str | None = Field(default=None, sa_type=sa.Text)  # JSON: what the article job made
    error: str | None = Field(default=None, sa_type=sa.Text)
    error_kind: str | None = Field(default=None, max_length=40)  # the TranslatorError subclass
    cancel_requested: bool = False
    items_total: int = 0
    sentences_total: int = 0
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
    started_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    finished_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class JobItem(SQLModel, table=True):
    __tablename__ = "job_item"

    id: int | None = Field(default=None, primary_key=True)
    job_id: int = Field(foreign_key="job.id", ondelete="CASCADE", index=True)
    position: int
    target: str = Field(max_length=16)
    name: str = Field(default="", max_length=255)  # a file's name
    status: str = Field(default=JobStatus.queued, max_length=16, index=True)
    attempts: int = 0
    claim: str | None = Field(default=None, max_length=32)
    sentences: int = 0
    data: bytes | None = Field(default=None, sa_type=sa.LargeBinary)
    output: bytes | None = Field(default=None, sa_type=sa.LargeBinary)
    result: str | None = Field(default=None, sa_type=sa.Text)
    error: str | None = Field(default=None, sa_type=sa.Text)
    started_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    finished_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class JobItemPublic(BaseModel):
    """An item as the API shows it."""

    position: int
    target: str
    name: str
    status: JobStatus
    attempts: int
    sentences: int
    error: str | None
    started_at: datetime | None
    finished_at: datetime | None


class JobPublic(BaseModel):
    """A job as the API shows it: status, progress by items and sentences, an estimate of the
    seconds remaining (from the sentences done so far), errors per item."""

    id: int
    kind: JobKind
    status: JobStatus
    submitted_by: str | None
    error: str | None
    items_total: int
    items_done: int
    items_failed: int
    sentences_total: int
    sentences_done: int
    seconds_remaining: float | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    items: list[JobItemPublic]
