"""Writes done by jobs: submitted from a request, then answered at once (``202 Accepted`` with
``Location: /v1/jobs/{id}`` and the job) or, waiting, with the job's result when it is done.

A waiting request holds no thread: it polls the job's row from the event loop, each read in
the thread pool, so a burst of waiting POSTs cannot starve the pool the other routes run in.
Everything that touches the database or the CPU (planning: detection, segmentation) runs in
the thread pool.
"""

import asyncio
import time
from typing import TypeVar

from fastapi import status
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlmodel import Session

from api.errors import ApiError
from translator.errors import Conflict
from translator.jobs import submit
from translator.jobs.models import Job, JobStatus
from translator.jobs.submit import Queue
from translator.jobs.views import get_job
from translator.jobs.waiting import finished
from translator.jobs.work import error_of
from translator.settings import Settings
from translator.store import articles, revisions
from translator.store.idempotency import IdempotencyKey
from translator.store.models import ArticleCreate, ArticleUpdate, ArticleWithVersions, SourceUpdate
from translator.store.rows import ATTEMPTS

FIRST_PAUSE = 0.02  # seconds between the first two reads of a job waited on, then doubling
LONGEST_PAUSE = 0.25  # ... up to this

M = TypeVar("M", bound=BaseModel)


async def create(
    session: Session,
    data: ArticleCreate,
    key: IdempotencyKey | None,
    queue: Queue,
    submitted_by: str | None,
    settings: Settings,
    wait: bool,
) -> ArticleWithVersions | JSONResponse:
    """``POST /v1/articles``: the stored article (waiting), or the job creating it (a 202).
    With an idempotency key seen before, the article it stored, at once and either way."""
    quota = 0 if wait else settings.max_queued_jobs
    job_id = await run_in_threadpool(_submit_create, session, data, key, queue, submitted_by, quota)
    if isinstance(job_id, ArticleWithVersions):
        return job_id
    job = await settled(job_id, settings.job_wait) if wait else None
    if job is None:
        return await run_in_threadpool(accepted, session, job_id)
    return result_of(job, ArticleWithVersions)


async def update(
    session: Session,
    article: str,
    data: ArticleUpdate,
    queue: Queue,
    submitted_by: str | None,
    settings: Settings,
    wait: bool,
) -> SourceUpdate | JSONResponse:
    """``PUT /v1/articles/{id}``: the edit written (waiting), or the job writing it (a 202).
    An edit that changes nothing is answered at once. Waiting, an edit that found the article
    changed meanwhile is planned again, as ``revisions.update_source`` does."""
    quota = 0 if wait else settings.max_queued_jobs
    deadline = time.monotonic() + settings.job_wait
    for _ in range(ATTEMPTS):
        job_id = await run_in_threadpool(
            _submit_update, session, article, data, queue, submitted_by, quota
        )
        if isinstance(job_id, SourceUpdate):
            return job_id
        job = await settled(job_id, deadline - time.monotonic()) if wait else None
        if job is None:
            return await run_in_threadpool(accepted, session, job_id)
        if job.status != JobStatus.failed or job.error != revisions.MOVED_ON:
            return result_of(job, SourceUpdate)
    raise Conflict(revisions.MOVED_ON)


def check_quota(session: Session, submitted_by: str | None, adding: int, limit: int) -> None:
    """A 429 if ``adding`` jobs would give the submitter more than ``limit`` jobs queued or
    running (0: no limit)."""
    if not limit:
        return
    queued = submit.queued_jobs(session, submitted_by)
    if queued + adding > limit:
        raise ApiError(
            429,
            f"too many jobs: {queued} queued or running, {adding} more asked, at most {limit} "
            "per API key; wait for some to finish",
        )


def accepted(session: Session, job_id: int) -> JSONResponse:
    """``202 Accepted``: the job as it is now, with its address in ``Location``."""
    job = get_job(session, job_id)
    return JSONResponse(
        job.model_dump(mode="json"),
        status_code=status.HTTP_202_ACCEPTED,
        headers={"Location": f"/v1/jobs/{job_id}"},
    )


async def settled(job_id: int, timeout: float) -> Job | None:
    """The job once it has finished, or None if it has not within ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    pause = FIRST_PAUSE
    while (job := await run_in_threadpool(finished, job_id)) is None:
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        await asyncio.sleep(min(pause, left))
        pause = min(2 * pause, LONGEST_PAUSE)
    return job


def result_of(job: Job, model: type[M]) -> M:
    """A finished article job's result; its error, raised, if it failed or was cancelled."""
    if job.status == JobStatus.done and job.result is not None:
        return model.model_validate_json(job.result)
    if job.status == JobStatus.cancelled:
        raise Conflict(f"job {job.id} was cancelled")
    raise error_of(job)


def _submit_create(
    session: Session,
    data: ArticleCreate,
    key: IdempotencyKey | None,
    queue: Queue,
    submitted_by: str | None,
    quota: int,
) -> int | ArticleWithVersions:
    if key is not None and (done := articles.replay_created(session, key)) is not None:
        return done
    check_quota(session, submitted_by, 1, quota)
    return submit.submit_create(session, articles.plan_create(data, key), queue, submitted_by)


def _submit_update(
    session: Session,
    article: str,
    data: ArticleUpdate,
    queue: Queue,
    submitted_by: str | None,
    quota: int,
) -> int | SourceUpdate:
    plan = revisions.plan_update(session, article, data)
    if isinstance(plan, SourceUpdate):
        return plan
    check_quota(session, submitted_by, 1, quota)
    return submit.submit_update(session, plan, queue, submitted_by)
