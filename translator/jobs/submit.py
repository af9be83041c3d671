"""Submitting jobs: the job and its items written in one transaction, then handed to a queue.

What is checked or computed once is done here, before anything is queued: an article's plan
(detected language, sentences, the edit's changes); a file's format, readability and sentence
count. A bad submission is an error to its submitter, never a failed job.
"""

import hashlib
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol

from sqlmodel import Session, col, func, select

from translator.batch.formats import ReadOptions, format_for
from translator.detect import detect
from translator.errors import InputError
from translator.jobs.codec import FilesPlan, dump
from translator.jobs.models import Job, JobItem, JobKind, JobStatus
from translator.jobs.work import finish_article
from translator.segment import segment
from translator.store.articles import CreatePlan
from translator.store.db import reading, writing
from translator.store.idempotency import IdempotencyKey
from translator.store.revisions import UpdatePlan

JOB_KEY_SCOPE = "job"  # the idempotency scope of the key an article job stores its article by


class Queue(Protocol):
    """Where submitted items go to be run: the in-process runner or procrastinate."""

    def enqueue(self, item_ids: Sequence[int]) -> None: ...


@dataclass(frozen=True)
class Upload:
    """A file submitted for translation: its name and bytes."""

    name: str
    data: bytes


def submit_create(
    session: Session, plan: CreatePlan, queue: Queue, submitted_by: str | None = None
) -> int:
    """A job creating the planned article (one item per target); its id.

    The plan gets an idempotency key if it has none, so a job finished twice (a worker lost
    after storing) stores one article."""
    if plan.key is None:
        digest = hashlib.sha256(plan.data.model_dump_json().encode()).hexdigest()
        plan = replace(plan, key=IdempotencyKey(JOB_KEY_SCOPE, uuid.uuid4().hex, digest))
    return _submit(
        session, JobKind.create, dump(plan, CreatePlan), plan.targets, len(plan.spans), queue,
        submitted_by,
    )  # fmt: skip


def submit_update(
    session: Session, plan: UpdatePlan, queue: Queue, submitted_by: str | None = None
) -> int:
    """A job writing the planned source edit (one item per version's language); its id."""
    return _submit(
        session, JobKind.update, dump(plan, UpdatePlan), plan.langs, len(plan.edit.fresh), queue,
        submitted_by,
    )  # fmt: skip


def submit_files(
    session: Session,
    uploads: Sequence[Upload],
    targets: Sequence[str],
    plan: FilesPlan,
    queue: Queue,
    submitted_by: str | None = None,
    char_limit: int = 0,
) -> int:
    """A job translating every file into every target (one item each); its id.

    Each file is read here, once: an unknown format, an unreadable file or one with more than
    ``char_limit`` characters of text (0: no limit) is an :class:`InputError` naming it, and
    nothing is queued."""
    if not uploads:
        raise InputError("no files given")
    items = []
    for position, upload in enumerate(uploads):
        sentences = _sentences(upload, plan, targets[0], char_limit)
        items += [
            JobItem(
                job_id=0,
                position=position * len(targets) + n,
                target=target,
                name=upload.name,
                data=upload.data,
                sentences=sentences,
            )
            for n, target in enumerate(targets)
        ]
    return _write(session, Job(kind=JobKind.files, plan=dump(plan, FilesPlan)), items, queue,
                  submitted_by)  # fmt: skip


def queued_jobs(session: Session, submitted_by: str | None) -> int:
    """How many jobs of this submitter wait or run now (for the per-key limit)."""
    with reading(session):
        return session.exec(
            select(func.count())
            .select_from(Job)
            .where(
                Job.submitted_by == submitted_by,
                col(Job.status).in_([JobStatus.queued, JobStatus.running]),
            )
        ).one()


def _sentences(upload: Upload, plan: FilesPlan, target: str, char_limit: int) -> int:
    """The sentences of a file (reading it checks its format, contents and size)."""
    fmt = format_for(Path(upload.name), plan.format)
    document = fmt.read(upload.data, upload.name, ReadOptions(target))
    units = [unit for unit in document.units if unit.strip()]
    chars = sum(len(unit) for unit in units)
    if char_limit and chars > char_limit:
        raise InputError(f"{upload.name}: {chars} characters, the limit is {char_limit}")
    if not units:
        return 0
    language = plan.source if plan.source != "auto" else detect(" ".join(units)[:2000]).language
    return sum(len(segment(unit, language)) for unit in units)


def _submit(
    session: Session,
    kind: JobKind,
    plan: str,
    targets: Sequence[str],
    sentences: int,
    queue: Queue,
    submitted_by: str | None,
) -> int:
    items = [
        JobItem(job_id=0, position=n, target=target, sentences=sentences)
        for n, target in enumerate(targets)
    ]
    return _write(session, Job(kind=kind, plan=plan), items, queue, submitted_by)


def _write(
    session: Session, job: Job, items: list[JobItem], queue: Queue, submitted_by: str | None
) -> int:
    """Write the job and its items in one transaction, then queue the items."""
    job.submitted_by = submitted_by
    job.items_total = len(items)
    job.sentences_total = sum(item.sentences for item in items)
    with writing(session):
        session.add(job)
        session.flush()
        assert job.id is not None
        for item in items:
            item.job_id = job.id
            session.add(item)
        session.flush()
        job_id = job.id
        item_ids = [item.id for item in items if item.id is not None]
        if not items:
            job.status = JobStatus.running  # nothing to translate: stored right away
    if items:
        queue.enqueue(item_ids)
    else:
        finish_article(session, job_id)
    return job_id
