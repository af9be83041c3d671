"""Native API: translation jobs. Submit articles or files, follow a job (polling or Server-Sent
Events), download its result, cancel or retry it, list them.

A job is run by the server's runner (SQLite) or by workers (PostgreSQL): see
``translator.jobs.runner``. Once API keys are in use, a key sees and steers its own jobs only.
"""

import asyncio
from collections.abc import AsyncIterator
from typing import Annotated, Any, Literal

import sqlalchemy as sa
from fastapi import APIRouter, Path, Query, Request, Response, status
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel, Field
from sqlmodel import Session
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException

from api import submitting
from api.body import body_fields
from api.deps import RunnerDep, SessionDep, SettingsDep, SubmitterDep, ViewerDep
from api.errors import GUARDED, STORED, ApiError, ErrorBody, responses
from api.routes.files import safe_name
from translator.batch.formats import AUTO, names
from translator.errors import Conflict, InvalidRequest, NotFound, TranslatorError
from translator.glossary.library import DEFAULT_GLOSSARY
from translator.jobs import submit
from translator.jobs.codec import FilesPlan
from translator.jobs.models import FINISHED, JobKind, JobPublic, JobStatus
from translator.jobs.submit import Queue, Upload
from translator.jobs.views import MAX_LIST, cancel_job, files_result, get_job, list_jobs, retry_job
from translator.jobs.waiting import finished
from translator.settings import Settings
from translator.store.articles import plan_create
from translator.store.db import get_engine
from translator.store.models import MAX_INT, ArticleCreate, GlossaryName, LangCode

router = APIRouter(prefix="/v1/jobs", tags=["jobs"])

EVENT_SECONDS = 0.5  # how often an event stream reads its job
JobId = Annotated[int, Path(ge=1, le=MAX_INT)]
READ = responses(403, 404, 422, *STORED)
WRITE = responses(404, 409, 422, *GUARDED, *STORED)
SUBMITTED = "Submitted: the job, or one per article for a list of articles"
LOCATION = {
    "Location": {"description": "`/v1/jobs/{id}` (a files job)", "schema": {"type": "string"}}
}
RESULT: dict[int | str, dict[str, Any]] = {
    200: {
        "content": {"application/zip": {}, "application/json": {}},
        "description": "A files job's zip (each output as `<target>/<name>`, and `report.csv`); "
        "an article job's article (as `POST` or `PUT /v1/articles` answer)",
    },
    409: {
        "model": ErrorBody,
        "description": "The job has not finished, or an article job failed or was cancelled",
    },
}
FILES_FORM = {
    "type": "object",
    "required": ["file", "targets"],
    "properties": {
        "file": {"type": "array", "items": {"type": "string", "format": "binary"}},
        "targets": {"type": "string", "description": "Comma-separated, or the field repeated."},
        "source": {"type": "string", "default": AUTO},
        "glossary": {
            "type": "string",
            "default": DEFAULT_GLOSSARY,
            "description": "A glossary name, `default` (the pair's own), or empty for none.",
        },
        "names": {"type": "boolean", "default": True},
        "format": {"type": "string", "default": AUTO, "enum": names()},
    },
}


class ArticlesJob(BaseModel):
    """Articles to create, each by a job of its own."""

    articles: list[ArticleCreate] = Field(min_length=1)


def _schema(model: type[BaseModel]) -> dict[str, Any]:
    """``model``'s JSON schema, referring to the components the other routes declare."""
    schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
    schema.pop("$defs", None)
    return schema


class FilesForm(BaseModel):
    """A files job's form fields, besides the files."""

    targets: list[LangCode] = Field(min_length=1)
    source: Literal["auto"] | LangCode = AUTO
    glossary: GlossaryName | None = DEFAULT_GLOSSARY
    names: bool = True
    format: str = AUTO


@router.post(
    "",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=None,
    responses={
        202: {"model": JobPublic | list[JobPublic], "description": SUBMITTED, "headers": LOCATION}
    }
    | responses(400, 413, 422, *GUARDED, *STORED),
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": _schema(ArticlesJob)},
                "multipart/form-data": {"schema": FILES_FORM},
            },
        }
    },
)
async def submit_jobs(
    request: Request,
    session: SessionDep,
    limits: SettingsDep,
    runner: RunnerDep,
    submitted_by: SubmitterDep,
) -> Response:
    """Articles (JSON `{"articles": [...]}`, as `POST /v1/articles` takes each): a job per
    article, answered with the list. Files (a form with one or more `file` fields, in the
    batch formats): one job translating each file into each target, with its `Location`."""
    media = request.headers.get("content-type", "").partition(";")[0].strip().lower()
    if media == "multipart/form-data":
        uploads, form = await _read_files(request)
        return await run_in_threadpool(
            _submit_files, session, uploads, form, runner, submitted_by, limits
        )
    data = ArticlesJob.model_validate(await body_fields(request))
    jobs = await run_in_threadpool(_submit_articles, session, data, runner, submitted_by, limits)
    return JSONResponse([job.model_dump(mode="json") for job in jobs], status_code=202)


@router.get("", response_model=list[JobPublic], responses=responses(403, 422, *STORED))
def list_all(
    session: SessionDep,
    viewer: ViewerDep,
    status: JobStatus | None = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIST)] = 20,
) -> list[JobPublic]:
    """Jobs, newest first, of one status if given (with keys in use: the key's own)."""
    return list_jobs(session, status, viewer, limit)


@router.get("/{job_id}", response_model=JobPublic, responses=READ)
def read(job_id: JobId, session: SessionDep, viewer: ViewerDep) -> JobPublic:
    """The job: its status, progress by items and sentences, an estimate of the seconds
    remaining, and each item with its error if it failed."""
    return _visible(session, job_id, viewer)


@router.get(
    "/{job_id}/events",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/event-stream": {}}}} | READ,
)
async def events(job_id: JobId, session: SessionDep, viewer: ViewerDep) -> StreamingResponse:
    """Server-Sent Events: `progress` with the job (as `GET /v1/jobs/{id}`) whenever it
    changes, then one `done`, `failed` or `cancelled` event with the job as it ended."""
    job = await run_in_threadpool(_visible, session, job_id, viewer)
    return StreamingResponse(
        _stream(job),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )


@router.get(
    "/{job_id}/result",
    response_class=Response,
    responses=RESULT | READ,
)
def result(job_id: JobId, session: SessionDep, viewer: ViewerDep) -> Response:
    """What the job made, once it has finished."""
    job = _visible(session, job_id, viewer)
    if job.kind == JobKind.files:
        return Response(
            files_result(session, job_id),
            media_type="application/zip",
            headers={"Content-Disposition": f'attachment; filename="job-{job_id}.zip"'},
        )
    row = finished(job_id)
    if row is None or row.result is None:
        detail = f": {row.error}" if row is not None and row.error else ""
        raise Conflict(f"job {job_id} is {row.status if row else job.status}{detail}; no result")
    return Response(row.result, media_type="application/json")


@router.delete("/{job_id}", response_model=JobPublic, responses=WRITE)
def cancel(job_id: JobId, session: SessionDep, submitted_by: SubmitterDep) -> JobPublic:
    """Cancel the job: its queued items are dropped, its running ones stop at their next
    batch of sentences (the job is `cancelled` then). A finished job is left as it is."""
    _visible(session, job_id, submitted_by)
    return cancel_job(session, job_id)


@router.post("/{job_id}/retry", response_model=JobPublic, responses=WRITE)
def retry(
    job_id: JobId, session: SessionDep, runner: RunnerDep, submitted_by: SubmitterDep
) -> JobPublic:
    """Run a failed or cancelled job's unfinished items again (a `409` for another job)."""
    _visible(session, job_id, submitted_by)
    return retry_job(session, job_id, runner)


def _visible(session: Session, job_id: int, caller: str | None) -> JobPublic:
    """The job, if the caller may see it: anyone while no key is needed, else its submitter
    (another key's job is a 404, as if there were none)."""
    job = get_job(session, job_id)
    if caller is not None and job.submitted_by != caller:
        raise NotFound(f"no job {job_id}")
    return job


async def _stream(job: JobPublic) -> AsyncIterator[str]:
    """The events of ``job`` from the state given until it ends (or the client leaves, which
    cancels this generator). A database error ends the stream with an ``error`` event."""
    try:
        while job.status not in FINISHED:
            yield _event("progress", job.model_dump_json())
            now = job
            while now == job:
                await asyncio.sleep(EVENT_SECONDS)
                now = await run_in_threadpool(_read_job, job.id)
            job = now
        yield _event(job.status, job.model_dump_json())
    except (TranslatorError, sa.exc.SQLAlchemyError) as exc:
        message = exc.message if isinstance(exc, TranslatorError) else "the database failed"
        yield _event("error", ErrorBody(error=message).model_dump_json())


def _event(name: str, data: str) -> str:
    return f"event: {name}\ndata: {data}\n\n"


def _read_job(job_id: int) -> JobPublic:
    """The job, read in a short session of its own (an event stream outlives its request's)."""
    with Session(get_engine()) as session:
        return get_job(session, job_id)


async def _read_files(request: Request) -> tuple[list[Upload], FilesForm]:
    """The form's files and fields (``targets`` comma-separated or repeated)."""
    try:
        async with request.form() as form:
            files = [value for value in form.getlist("file") if isinstance(value, UploadFile)]
            uploads = [Upload(safe_name(file.filename or ""), await file.read()) for file in files]
            fields: dict[str, Any] = {
                name: value
                for name in ("source", "glossary", "names", "format")
                if isinstance(value := form.get(name), str)
            }
            given = [value for value in form.getlist("targets") if isinstance(value, str)]
    except MultiPartException as exc:
        raise ApiError(400, f"Invalid request: malformed form ({exc.message})") from None
    if not uploads:
        raise ApiError(400, "Invalid request: no file given (send each as a `file` field)")
    if not all(upload.name for upload in uploads):
        raise ApiError(400, "Invalid request: a file has no name")
    fields["targets"] = [code for value in given for code in value.split(",") if code.strip()]
    if fields.get("glossary") == "":
        fields["glossary"] = None
    form = FilesForm.model_validate(fields)
    if form.format not in names():
        raise InvalidRequest(f"unknown format {form.format!r}; one of {', '.join(names())}")
    return uploads, form


def _submit_files(
    session: Session,
    uploads: list[Upload],
    form: FilesForm,
    queue: Queue,
    submitted_by: str | None,
    limits: Settings,
) -> JSONResponse:
    submitting.check_quota(session, submitted_by, 1, limits.max_queued_jobs)
    plan = FilesPlan(
        source=form.source, glossary=form.glossary, names=form.names, format=form.format
    )
    targets = list(dict.fromkeys(form.targets))
    job_id = submit.submit_files(
        session, uploads, targets, plan, queue, submitted_by, limits.char_limit
    )
    return submitting.accepted(session, job_id)


def _submit_articles(
    session: Session,
    data: ArticlesJob,
    queue: Queue,
    submitted_by: str | None,
    limits: Settings,
) -> list[JobPublic]:
    """Plan every article first, so that a bad one refuses them all before any is queued."""
    for n, article in enumerate(data.articles):
        chars = len(article.title) + len(article.body)
        if limits.char_limit and chars > limits.char_limit:
            raise ApiError(
                413, f"article {n} too long: {chars} characters, the limit is {limits.char_limit}"
            )
    submitting.check_quota(session, submitted_by, len(data.articles), limits.max_queued_jobs)
    plans = [plan_create(article) for article in data.articles]
    ids = [submit.submit_create(session, plan, queue, submitted_by) for plan in plans]
    return [get_job(session, job_id) for job_id in ids]
