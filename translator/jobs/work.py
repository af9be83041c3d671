"""Running one job item: claim it, translate with no connection held, record what it made.

The same code runs under every runner (the in-process one on SQLite, procrastinate workers on
PostgreSQL), and delivery may be at least once, so every step is idempotent:

* **claim**: in one short transaction holding the job's row lock, an item still to do
  (queued, or running under a worker thought dead) gets a new claim token and one more
  attempt; an item of a finished or cancelled job, or one done already, is left alone; an item
  on its fourth attempt (a job that kills its worker each time) fails instead of running again.
* **translate**: an article item translates the planned texts into its language; a file item
  runs the batch code on its bytes, asking between windows whether the job was cancelled.
* **record**: the result is written only under the claim token that made it, so an item run
  twice is stored once. The item that completes a job finishes it: a files job is done; an
  article job stores the article (or the source edit) with every language's translations and
  marks itself done in that same transaction, so it is stored once or not at all.
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from sqlmodel import Session, col, func, select

from translator import errors
from translator.batch.report import Row, Status
from translator.batch.run import BatchOptions
from translator.batch.single import translate_single
from translator.engine.options import EngineOptions
from translator.errors import Conflict, InputError, TranslatorError
from translator.glossary import library
from translator.jobs.codec import FilesPlan, Translations, dump, load
from translator.jobs.models import FINISHED, Job, JobItem, JobKind, JobStatus
from translator.store.articles import CreatePlan, store_created
from translator.store.db import get_engine, reading, writing
from translator.store.models import ArticleWithVersions, SourceUpdate, utcnow
from translator.store.revisions import MOVED_ON, UpdatePlan, store_update
from translator.tm.memory import StoreMemory

MAX_ATTEMPTS = 3


class Cancelled(Exception):
    """The job was cancelled while this item ran."""


@dataclass(frozen=True)
class Claimed:
    """An item a worker holds: what it needs to run, and the token that lets it record."""

    item_id: int
    job_id: int
    kind: JobKind
    plan: str
    target: str
    name: str
    data: bytes | None
    claim: str


@dataclass(frozen=True)
class Made:
    """What an item made: its result (JSON), a translated file, the sentences it held."""

    result: str
    output: bytes | None
    sentences: int


def run_item(item_id: int, fresh_only: bool = False) -> None:
    """Run the item ``item_id`` if it still needs running (see the module docstring);
    ``fresh_only``: only if it is queued (a runner that requeued its own running items)."""
    claimed = claim(item_id, fresh_only)
    if claimed is None:
        return
    try:
        made = _make(claimed)
    except Cancelled:
        record(claimed, JobStatus.cancelled, None, None)
    except TranslatorError as exc:
        record(claimed, JobStatus.failed, None, exc)
    else:
        record(claimed, JobStatus.done, made, None)


def claim(item_id: int, fresh_only: bool = False) -> Claimed | None:
    """Take the item for this worker, or None if it is not to be run (see the module doc)."""
    wanted = (JobStatus.queued,) if fresh_only else (JobStatus.queued, JobStatus.running)
    with Session(get_engine()) as session, writing(session):
        item = session.get(JobItem, item_id)
        if item is None:
            return None
        job = _locked_job(session, item.job_id)
        item = _locked_item(session, item_id)
        if job.status in FINISHED or item.status not in wanted:
            return None
        if job.cancel_requested:
            item.status, item.finished_at = JobStatus.cancelled, utcnow()
            _settle(session, job)
            return None
        if item.attempts >= MAX_ATTEMPTS:
            item.status, item.finished_at = JobStatus.failed, utcnow()
            item.error = f"gave up after {MAX_ATTEMPTS} attempts: the worker stopped each time"
            _item_failed(session, job, item.error, "TranslatorError")
            return None
        item.attempts += 1
        item.status, item.claim, item.started_at = JobStatus.running, uuid.uuid4().hex, utcnow()
        if job.status == JobStatus.queued:
            job.status, job.started_at = JobStatus.running, utcnow()
        assert item.id is not None and job.id is not None and item.claim is not None
        return Claimed(
            item.id, job.id, JobKind(job.kind), job.plan, item.target, item.name, item.data,
            item.claim,
        )  # fmt: skip


def cancelled(job_id: int) -> bool:
    """Whether the job was asked to stop (read in a short transaction of its own)."""
    with Session(get_engine()) as session, reading(session):
        job = session.get(Job, job_id)
        return job is None or job.cancel_requested


def _make(claimed: Claimed) -> Made:
    """Translate the item (no database connection held, but a file's cancellation checks)."""
    if claimed.kind == JobKind.files:
        return _make_file(claimed)
    plan: CreatePlan | UpdatePlan = load(
        claimed.plan, CreatePlan if claimed.kind == JobKind.create else UpdatePlan
    )
    documents = plan.translate(claimed.target)
    return Made(dump(documents, Translations), None, len(plan.spans))


def _make_file(claimed: Claimed) -> Made:
    plan: FilesPlan = load(claimed.plan, FilesPlan)
    options = BatchOptions(
        claimed.target,
        plan.source,
        library.choose(plan.glossary),
        plan.format,
        engine=EngineOptions.from_env(),
        source_hint="give it as source",
        memory=StoreMemory(),
        names=plan.names,
    )
    stop: Callable[[], bool] = lambda: cancelled(claimed.job_id)  # noqa: E731
    done = translate_single(claimed.name, claimed.data or b"", options, stop)
    if stop() and done.output is None:
        raise Cancelled
    if done.row.status == Status.FAILED:
        raise InputError(done.row.error or "cannot translate the file")
    return Made(dump(done.row, Row), done.output, done.row.sentences)


def record(
    claimed: Claimed, status: JobStatus, made: Made | None, error: TranslatorError | None
) -> None:
    """Record how the item ended, only under its current claim (a stale claim's record is
    dropped); finish the job if it was the last."""
    with Session(get_engine()) as session:
        with writing(session):
            job = _locked_job(session, claimed.job_id)
            item = _locked_item(session, claimed.item_id)
            if item.claim != claimed.claim or item.status != JobStatus.running:
                return  # another worker holds it now: its record wins
            item.status, item.finished_at = status, utcnow()
            if made is not None:
                item.result, item.output, item.sentences = made.result, made.output, made.sentences
            if error is not None:
                item.error = error.message
                _item_failed(session, job, error.message, type(error).__name__)
            finishing = _settle(session, job)
        if finishing:
            finish_article(session, claimed.job_id)


def _item_failed(session: Session, job: Job, message: str, kind: str) -> None:
    """An item failed: an article job fails whole (nothing is stored); a files job goes on."""
    if job.kind == JobKind.files:
        return
    _fail_job(job, message, kind)
    for other in _items(session, job, JobStatus.queued):
        other.status, other.finished_at = JobStatus.cancelled, utcnow()


def _fail_job(job: Job, message: str, kind: str) -> None:
    """End the job as failed with ``message``, the error of class ``kind``."""
    job.status, job.error, job.error_kind = JobStatus.failed, message, kind
    job.finished_at = utcnow()


def _settle(session: Session, job: Job) -> bool:
    """End the job if no item is left to run; True when an article job is to be stored now."""
    if job.status in FINISHED:
        return False
    left = session.exec(
        select(func.count())
        .select_from(JobItem)
        .where(
            JobItem.job_id == job.id,
            col(JobItem.status).in_([JobStatus.queued, JobStatus.running]),
        )
    ).one()
    if left:
        return False
    if job.cancel_requested:
        job.status, job.finished_at = JobStatus.cancelled, utcnow()
        return False
    if job.kind == JobKind.files:
        done = _items(session, job, JobStatus.done)
        job.status = JobStatus.done if done else JobStatus.failed
        job.error = None if done else "no file could be translated"
        job.finished_at = utcnow()
        return False
    return True


def finish_stranded() -> int:
    """Finish the jobs whose items all ended but that were not finished themselves (the process
    recording the last item stopped before storing the article); how many there were.

    Runners call it at start and now and then: nothing else would finish such a job."""
    with Session(get_engine()) as session:
        with reading(session):
            open_items = select(JobItem.job_id).where(
                col(JobItem.status).in_([JobStatus.queued, JobStatus.running])
            )
            stranded = list(
                session.exec(
                    select(Job.id).where(
                        col(Job.status).in_([JobStatus.queued, JobStatus.running]),
                        col(Job.id).not_in(open_items),
                        Job.items_total > 0,
                    )
                )
            )
        for job_id in stranded:
            assert job_id is not None
            with writing(session):
                finishing = _settle(session, _locked_job(session, job_id))
            if finishing:
                finish_article(session, job_id)
        return len(stranded)


def finish_article(session: Session, job_id: int) -> None:
    """Store an article job's article (or source edit) with its translations, and mark the
    job done in the same transaction; a store error fails the job. Runs again harmlessly."""
    with reading(session):
        job = session.get(Job, job_id)
        if job is None or job.status in FINISHED:
            return
        items = _items(session, job, JobStatus.done)
        translations = {item.target: load(item.result or "[]", Translations) for item in items}
        kind, plan_text = JobKind(job.kind), job.plan
    try:
        if kind == JobKind.create:
            plan: CreatePlan = load(plan_text, CreatePlan)
            created = store_created(session, plan, translations, then=_done_with(job_id))
            _mark_done(session, job_id, created)  # when the key replayed an earlier article
        else:
            edit: UpdatePlan = load(plan_text, UpdatePlan)
            if store_update(session, edit, translations, then=_done_with(job_id)) is None:
                raise Conflict(MOVED_ON)
    except TranslatorError as exc:
        with writing(session):
            job = _locked_job(session, job_id)
            if job.status not in FINISHED:
                _fail_job(job, exc.message, type(exc).__name__)


def _done_with(job_id: int) -> Callable[[Session, ArticleWithVersions | SourceUpdate], None]:
    """A hook marking the job done with ``result``, inside the transaction that stores it."""

    def mark(session: Session, result: ArticleWithVersions | SourceUpdate) -> None:
        job = _locked_job(session, job_id)
        job.status, job.result, job.finished_at = (
            JobStatus.done, result.model_dump_json(), utcnow(),
        )  # fmt: skip

    return mark


def _mark_done(session: Session, job_id: int, result: ArticleWithVersions) -> None:
    with writing(session):
        job = _locked_job(session, job_id)
        if job.status not in FINISHED:
            job.status, job.result, job.finished_at = (
                JobStatus.done, result.model_dump_json(), utcnow(),
            )  # fmt: skip


def error_of(job: Job) -> TranslatorError:
    """A failed job's error as the exception that made it (its class, by name)."""
    kind = getattr(errors, job.error_kind or "", TranslatorError)
    if not (isinstance(kind, type) and issubclass(kind, TranslatorError)):
        kind = TranslatorError
    return kind(job.error or "the job failed")


def _locked_job(session: Session, job_id: int) -> Job:
    return session.exec(select(Job).where(Job.id == job_id).with_for_update()).one()


def _locked_item(session: Session, item_id: int) -> JobItem:
    return session.exec(select(JobItem).where(JobItem.id == item_id).with_for_update()).one()


def _items(session: Session, job: Job, status: JobStatus) -> list[JobItem]:
    return list(
        session.exec(
            select(JobItem)
            .where(JobItem.job_id == job.id, JobItem.status == status)
            .order_by(col(JobItem.position))
        )
    )
