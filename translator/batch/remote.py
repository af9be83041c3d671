"""A batch run by a server's job queue (``translator batch --submit URL``).

The planned files go up as one files job (``POST /v1/jobs``); the job is read again every
:data:`POLL_SECONDS` until it ends, each reading shown; then its zip (``<target>/<output
name>`` per file and ``report.csv``, in the order uploaded) comes down and each translation is
written whole where a local run writes it (the plan's outputs, so ``--out`` holds). Each file
is read here first, as a local run reads it: one it cannot read (a refusal of the plan, an
unknown format, a binary file) is a failed row here too, and is not uploaded (the server
would refuse the whole job for it).
"""

import csv
import io
import time
import zipfile
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import fields, replace
from pathlib import Path

from translator.batch.atomic import write_atomic
from translator.batch.formats import ReadOptions, format_for
from translator.batch.paths import Planned
from translator.batch.report import Row, Status
from translator.batch.run import BatchResult
from translator.errors import TranslatorError
from translator.jobs.client import JobsClient, ServerError
from translator.jobs.codec import FilesPlan
from translator.jobs.models import FINISHED, JobPublic
from translator.jobs.submit import Upload
from translator.jobs.views import REPORT

POLL_SECONDS = 0.5


def run_remote(
    planned: Sequence[Planned],
    client: JobsClient,
    target: str,
    plan: FilesPlan,
    follow: Callable[[JobPublic], None] = lambda job: None,
) -> BatchResult:
    """Translate the planned files on the server; ``follow`` gets each reading of the job.
    The rows are in the order planned, named by the local input and output."""
    rows: dict[int, Row] = {}
    uploads: list[Upload] = []
    sent: list[int] = []
    for n, item in enumerate(planned):
        upload = _upload(item, target, plan.format)
        if isinstance(upload, Row):
            rows[n] = upload
        else:
            uploads.append(upload)
            sent.append(n)
    if uploads:
        job = client.submit_files(uploads, [target], plan)
        follow(job)
        while job.status not in FINISHED:
            time.sleep(POLL_SECONDS)
            job = client.job(job.id)
            follow(job)
        received = _unpack(client.result(job.id))
        if len(received) != len(sent):
            raise ServerError(
                f"job {job.id}: the server reported {len(received)} of {len(sent)} files"
            )
        for n, (row, data) in zip(sent, received, strict=True):
            rows[n] = _written(planned[n], row, data)
    return BatchResult([rows[n] for n in range(len(planned))])


def _upload(item: Planned, target: str, format_name: str) -> Upload | Row:
    """The file to send, or its failed row when a local run would fail it on reading (the
    server would refuse the whole job for it)."""
    failed = lambda error: Row(str(item.input), str(item.output), Status.FAILED, error=error)  # noqa: E731
    if item.error:
        return failed(item.error)
    try:
        fmt = format_for(item.input, format_name)
        data = item.input.read_bytes()
        fmt.read(data, str(item.input), ReadOptions(target))
        return Upload(item.input.name, data)
    except TranslatorError as exc:
        return failed(exc.message)
    except OSError as exc:
        return failed(f"cannot read ({exc.strerror})")


def _unpack(archive: bytes) -> list[tuple[Row, bytes | None]]:
    """The zip's report rows, in the order uploaded, each with its translation (if done)."""
    try:
        with zipfile.ZipFile(io.BytesIO(archive)) as zipped:
            entries: dict[str, deque[zipfile.ZipInfo]] = {}
            for info in zipped.infolist():  # names may repeat (two inputs named alike): in order
                entries.setdefault(info.filename, deque()).append(info)
            report = zipped.read(entries[REPORT][0]).decode()
            received: list[tuple[Row, bytes | None]] = []
            for row in _rows(report):
                waiting = entries.get(row.output)
                done = row.status == Status.DONE and waiting
                received.append((row, zipped.read(waiting.popleft()) if done else None))
            return received
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ServerError(f"the server's result is not a batch result ({exc})") from None


def _rows(report: str) -> list[Row]:
    """``report.csv`` read back into rows (each column by its field's type)."""
    records = csv.reader(io.StringIO(report))
    columns = fields(Row)
    if [column.name for column in columns] != next(records, None):
        raise ValueError(f"{REPORT} has other columns")
    types = [column.type for column in columns]
    return [
        Row(*(kind(value) for kind, value in zip(types, record, strict=True))) for record in records
    ]


def _written(item: Planned, row: Row, data: bytes | None) -> Row:
    """``row`` named by the local files, once its translation is written to the output."""
    local = replace(row, input=str(item.input), output=str(item.output))
    if row.status != Status.DONE:
        return local
    if data is None:
        return replace(local, status=Status.FAILED, error="the server's result lacks the file")
    try:
        write_atomic(Path(item.output), data)
    except OSError as exc:
        return replace(local, status=Status.FAILED, error=f"cannot write ({exc.strerror})")
    return local
