"""``translator jobs``: the translation jobs of the configured database, read and steered there.

The commands work on the store directly, as the server does, so they need no server. A retry
queues the items again through the database's runner: on PostgreSQL they are deferred to the
``translator worker`` processes; on SQLite a running ``translator serve`` finds them on its
next look at the table.
"""

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, ParamSpec, TypeVar

import typer

from translator.cli.common import fail, guarded, print_json
from translator.errors import NotFound

if TYPE_CHECKING:
    from sqlmodel import Session

    from translator.jobs.models import JobPublic

app = typer.Typer(help="Translation jobs (of the server's queue): list, show, cancel, retry.")

P = ParamSpec("P")
R = TypeVar("R")
JobId = Annotated[int, typer.Argument(metavar="ID", help="The job's id.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print the job as the API shows it.")]


def _unknown_is_usage(command: Callable[P, R]) -> Callable[P, R]:
    """An unknown job id is a mistake in the command: one line and exit code 2."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except NotFound as exc:
            raise fail(exc.message, 2) from None

    return wrapper


def _session() -> "Session":
    from sqlmodel import Session

    from translator.store.db import ensure_schema, get_engine

    ensure_schema()
    return Session(get_engine())


@app.command("list")
@guarded
def list_command(
    status: Annotated[
        str | None,
        typer.Option(help="Only jobs of this status: queued, running, done, failed or cancelled."),
    ] = None,
    limit: Annotated[int, typer.Option(min=1, max=100, help="At most this many.")] = 20,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the jobs as the API shows them.")
    ] = False,
) -> None:
    """The newest jobs first: id, kind, status, progress, when submitted and by whom."""
    from translator.jobs.models import JobStatus
    from translator.jobs.views import list_jobs

    if status is not None and status not in {member.value for member in JobStatus}:
        raise fail(f"unknown --status {status}; one of {', '.join(JobStatus)}", 2)
    with _session() as session:
        found = list_jobs(session, JobStatus(status) if status else None, limit=limit)
    if as_json:
        print_json([job.model_dump(mode="json") for job in found])
        return
    _table(found)


@app.command("show")
@guarded
@_unknown_is_usage
def show_command(job_id: JobId, as_json: JsonOption = False) -> None:
    """A job: its status, progress, estimate of the time left, and each item with its error."""
    from translator.jobs.views import get_job

    with _session() as session:
        job = get_job(session, job_id)
    _print(job, as_json)


@app.command("cancel")
@guarded
@_unknown_is_usage
def cancel_command(job_id: JobId, as_json: JsonOption = False) -> None:
    """Cancel a job: queued items are dropped, running ones stop at their next batch."""
    from translator.jobs.views import cancel_job

    with _session() as session:
        job = cancel_job(session, job_id)
    _print(job, as_json)


@app.command("retry")
@guarded
@_unknown_is_usage
def retry_command(job_id: JobId, as_json: JsonOption = False) -> None:
    """Queue a failed or cancelled job's unfinished items again (a done job: exit 1)."""
    from translator.jobs.runner import runner_for
    from translator.jobs.views import retry_job
    from translator.store.db import database_url

    with _session() as session:
        job = retry_job(session, job_id, runner_for(database_url(), 0))
    _print(job, as_json)


def _print(job: "JobPublic", as_json: bool) -> None:
    """The job as JSON, or its summary: status and progress, then each item and its error."""
    if as_json:
        print_json(job.model_dump(mode="json"))
        return
    failed = f", {job.items_failed} failed" if job.items_failed else ""
    left = "" if job.seconds_remaining is None else f", about {job.seconds_remaining:.0f} s left"
    by = f" by {job.submitted_by}" if job.submitted_by else ""
    typer.echo(
        f"job {job.id} ({job.kind}) {job.status}: {job.items_done}/{job.items_total} items"
        f"{failed}, {job.sentences_done}/{job.sentences_total} sentences{left}"
    )
    typer.echo(f"submitted {job.created_at:%Y-%m-%d %H:%M:%S}{by}")
    if job.error:
        typer.echo(f"error: {job.error}")
    for item in job.items:
        name = f" {item.name}" if item.name else ""
        error = f": {item.error}" if item.error else ""
        typer.echo(f"  {item.position + 1}. {item.target}{name} {item.status}{error}")


def _table(jobs: "list[JobPublic]") -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table("id", "kind", "status", "items", "sentences", "submitted", "by")
    for job in jobs:
        table.add_row(
            str(job.id),
            job.kind,
            job.status,
            f"{job.items_done}/{job.items_total}",
            f"{job.sentences_done}/{job.sentences_total}",
            f"{job.created_at:%Y-%m-%d %H:%M}",
            job.submitted_by or "",
        )
    Console().print(table)
