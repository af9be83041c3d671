"""Reading and steering jobs: a job with its progress, the list, cancel, retry, file results."""

import io
import zipfile
from pathlib import Path

from sqlmodel import Session, col, select

from translator.batch.paths import output_name
from translator.batch.report import Row, Status, render_report
from translator.errors import Conflict, NotFound
from translator.jobs.codec import FilesPlan, load
from translator.jobs.models import (
    FINISHED,
    Job,
    JobItem,
    JobItemPublic,
    JobKind,
    JobPublic,
    JobStatus,
)
from translator.jobs.submit import Queue
from translator.store.db import reading, writing
from translator.store.models import utcnow

MAX_LIST = 100
REPORT = "report.csv"  # in a files job's result, beside the outputs


def get_job(session: Session, job_id: int) -> JobPublic:
    """The job with its items and progress; :class:`NotFound` if there is none."""
    with reading(session):
        job, items = _job(session, job_id)
        return _public(job, items)


def get_row(session: Session, job_id: int) -> Job:
    """The job's row itself (its plan, result and error), detached from the session: reading
    its fields opens no transaction."""
    with reading(session):
        job = _job(session, job_id)[0]
        session.expunge(job)
        return job


def list_jobs(
    session: Session, status: JobStatus | None = None, submitted_by: str | None = None,
    limit: int = 20,
) -> list[JobPublic]:  # fmt: skip
    """The newest jobs first, of one status and/or submitter if given."""
    with reading(session):
        query = select(Job).order_by(col(Job.id).desc()).limit(min(limit, MAX_LIST))
        if status is not None:
            query = query.where(Job.status == status)
        if submitted_by is not None:
            query = query.where(Job.submitted_by == submitted_by)
        jobs = list(session.exec(query))
        return [_public(job, _items(session, job)) for job in jobs]


def cancel_job(session: Session, job_id: int) -> JobPublic:
    """Cancel a job: queued items are dropped now, running ones stop at their next batch."""
    with writing(session):
        job = _locked(session, job_id)
        if job.status not in FINISHED:
            job.cancel_requested = True
            running = False
            for item in _items(session, job):
                if item.status == JobStatus.queued:
                    item.status, item.finished_at = JobStatus.cancelled, utcnow()
                running = running or item.status == JobStatus.running
            if not running:
                job.status, job.finished_at = JobStatus.cancelled, utcnow()
    return get_job(session, job_id)


def retry_job(session: Session, job_id: int, queue: Queue) -> JobPublic:
    """Run a failed or cancelled job's unfinished items again (a done job: :class:`Conflict`)."""
    with writing(session):
        job = _locked(session, job_id)
        if job.status not in (JobStatus.failed, JobStatus.cancelled):
            raise Conflict(f"job {job_id} is {job.status}; only a failed or cancelled job retries")
        again = [item for item in _items(session, job) if item.status != JobStatus.done]
        for item in again:
            item.status, item.attempts, item.error, item.claim = JobStatus.queued, 0, None, None
            item.started_at = item.finished_at = None
        job.status, job.error, job.error_kind = JobStatus.queued, None, None
        job.cancel_requested, job.finished_at = False, None
        item_ids = [item.id for item in again if item.id is not None]
    queue.enqueue(item_ids)
    return get_job(session, job_id)


def files_result(session: Session, job_id: int) -> bytes:
    """A files job's outputs as a zip, with ``report.csv`` (one row per item)."""
    with reading(session):
        job, items = _job(session, job_id)
        if job.kind != JobKind.files:
            raise NotFound(f"job {job_id} translates an article: its result is the article")
        if job.status not in FINISHED:
            raise Conflict(f"job {job_id} is {job.status}; its result comes when it is done")
        plan: FilesPlan = load(job.plan, FilesPlan)
        buffer = io.BytesIO()
        rows: list[Row] = []
        taken: set[str] = set()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for item in items:
                row = _row(item, plan.source)
                if row.output in taken:  # two inputs with one output name: keep both
                    folder, _, name = row.output.rpartition("/")
                    row.output = f"{folder}/{item.position}-{name}"
                taken.add(row.output)
                if item.output is not None:
                    archive.writestr(row.output, item.output)
                rows.append(row)
            archive.writestr(REPORT, render_report(rows, Path(REPORT)))
        return buffer.getvalue()


def _row(item: JobItem, source: str) -> Row:
    """An item's report row; its output is named in the zip ``<target>/<name>``, the name
    made from the input's by the language it was found in (``rada.uk.txt`` → ``en/rada.en.txt``).
    """
    row: Row = (
        load(item.result, Row)
        if item.result is not None
        else Row(item.name, "", Status.FAILED, error=item.error or "")
    )
    language = row.language or source
    sources = frozenset({language} - {"auto"})
    row.output = f"{item.target}/{output_name(item.name, item.target, sources)}"
    return row


def _public(job: Job, items: list[JobItem]) -> JobPublic:
    assert job.id is not None
    done = [item for item in items if item.status == JobStatus.done]
    sentences_done = sum(item.sentences for item in done)
    return JobPublic(
        id=job.id,
        kind=JobKind(job.kind),
        status=JobStatus(job.status),
        submitted_by=job.submitted_by,
        error=job.error,
        items_total=job.items_total,
        items_done=len(done),
        items_failed=sum(item.status == JobStatus.failed for item in items),
        sentences_total=job.sentences_total,
        sentences_done=sentences_done,
        seconds_remaining=_remaining(job, sentences_done),
        created_at=job.created_at,
        started_at=job.started_at,
        finished_at=job.finished_at,
        items=[
            JobItemPublic(
                position=item.position,
                target=item.target,
                name=item.name,
                status=JobStatus(item.status),
                attempts=item.attempts,
                sentences=item.sentences,
                error=item.error,
                started_at=item.started_at,
                finished_at=item.finished_at,
            )
            for item in items
        ],
    )


def _remaining(job: Job, sentences_done: int) -> float | None:
    """Seconds left at the pace so far (None until a sentence is done, or once finished)."""
    if job.status != JobStatus.running or job.started_at is None or not sentences_done:
        return None
    elapsed = (utcnow() - job.started_at).total_seconds()
    left = max(job.sentences_total - sentences_done, 0)
    return round(elapsed / sentences_done * left, 1)


def _job(session: Session, job_id: int) -> tuple[Job, list[JobItem]]:
    job = session.get(Job, job_id)
    if job is None:
        raise NotFound(f"no job {job_id}")
    return job, _items(session, job)


def _locked(session: Session, job_id: int) -> Job:
    job = session.exec(select(Job).where(Job.id == job_id).with_for_update()).first()
    if job is None:
        raise NotFound(f"no job {job_id}")
    return job


def _items(session: Session, job: Job) -> list[JobItem]:
    return list(
        session.exec(
            select(JobItem).where(JobItem.job_id == job.id).order_by(col(JobItem.position))
        )
    )
