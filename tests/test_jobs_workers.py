"""Jobs on PostgreSQL with procrastinate: real ``translator worker`` processes share the queue,
a worker killed mid-item is replaced by another, and the reaper and the orphan sweep put
lost work back. PostgreSQL only (the ``database`` fixture's "postgresql" server)."""

import asyncio
import io
import os
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlmodel import Session, select

from tests.conftest import Invoke
from translator.jobs.codec import FilesPlan
from translator.jobs.models import JobItem, JobStatus
from translator.jobs.queue import (
    QUEUE,
    SWEEP_LOCK,
    TASK,
    Deferrer,
    ProcrastinateRunner,
    lock_of,
    procrastinate_app,
    reap,
    sweep,
)
from translator.jobs.submit import Upload, submit_create, submit_files
from translator.jobs.views import files_result, get_job
from translator.store import articles
from translator.store.db import ensure_schema, get_engine
from translator.store.models import ArticleCreate

on_postgresql = pytest.mark.parametrize("database", ["postgresql"], indirect=True)

BODY = "Учора у Фастові відкрили школу. Про це повідомив Михайло Згуровський."
STARTED = "Starting job translate_item"


class Recording:
    """A queue that defers nothing (as if the process died between its commit and the defer)."""

    def enqueue(self, item_ids: Sequence[int]) -> None:
        pass


class Workers:
    """``translator worker --concurrency 1`` processes, by name, each logging to a file."""

    def __init__(self, database: str, home: Path, logs: Path) -> None:
        self._environment = {
            **os.environ, "TRANSLATOR_HOME": str(home), "TRANSLATOR_DATABASE_URL": database,
        }  # fmt: skip
        self._logs = logs
        self.processes: dict[str, subprocess.Popen[bytes]] = {}

    def start(self, name: str) -> Path:
        """Start the worker ``name``; its log file."""
        log = self._logs / f"worker-{name}.log"
        with log.open("wb") as output:
            self.processes[name] = subprocess.Popen(
                [sys.executable, "-m", "translator.cli", "worker", "--concurrency", "1"],
                env=self._environment,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        return log

    def kill(self, name: str) -> None:
        """``kill -9`` the worker ``name``."""
        process = self.processes[name]
        os.kill(process.pid, signal.SIGKILL)
        process.wait(10)

    def stop(self) -> None:
        """Stop every worker still running: SIGTERM, then SIGKILL after 20 s."""
        running = [process for process in self.processes.values() if process.poll() is None]
        for process in running:
            process.terminate()
        for process in running:
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(5)


@pytest.fixture
def session(database: str, uk_en: None) -> Iterator[Session]:
    ensure_schema()
    with Session(get_engine()) as session:
        yield session


@pytest.fixture
def workers(database: str, home: Path, tmp_path: Path) -> Iterator[Workers]:
    started = Workers(database, home, tmp_path)
    try:
        yield started
    finally:
        started.stop()


def wait_until(ready: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not ready():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {seconds} s waiting for {what}")
        time.sleep(0.1)


def count(session: Session, query: str) -> int:
    """``SELECT count(*) …`` in a fresh snapshot (other processes write meanwhile)."""
    session.rollback()
    return int(session.execute(sa.text(query)).scalar_one())


def queue_jobs(session: Session) -> list[tuple[str, str, int]]:
    """procrastinate's jobs: (queueing lock, status, attempts), by id."""
    session.rollback()
    rows = session.execute(
        sa.text("SELECT queueing_lock, status, attempts FROM procrastinate_jobs ORDER BY id")
    )
    return [(lock, status, attempts) for lock, status, attempts in rows]


def plan(title: str) -> articles.CreatePlan:
    return articles.plan_create(ArticleCreate(title=title, body=BODY, targets=["en"]))


@on_postgresql
def test_two_workers_share_20_jobs_each_item_once(
    session: Session, database: str, workers: Workers
) -> None:
    logs = [workers.start("a"), workers.start("b")]
    registered = "SELECT count(*) FROM procrastinate_workers"
    wait_until(lambda: count(session, registered) == 2, 60, "two workers")
    runner = ProcrastinateRunner(database, workers=0)
    try:
        job_ids = [submit_create(session, plan(f"Школа {n}"), runner) for n in range(20)]
    finally:
        runner.stop()
    unfinished = "SELECT count(*) FROM job_item WHERE status != 'done'"
    idle = "SELECT count(*) FROM procrastinate_jobs"  # succeeded jobs are deleted
    wait_until(lambda: count(session, unfinished) + count(session, idle) == 0, 120, "20 jobs")
    assert {get_job(session, job_id).status for job_id in job_ids} == {JobStatus.done}
    assert sorted(session.exec(select(JobItem.attempts)).all()) == [1] * 20
    assert count(session, "SELECT count(*) FROM article") == 20
    runs = [log.read_text().count(STARTED) for log in logs]
    assert sum(runs) == 20, runs  # every item delivered once, to one worker
    assert min(runs) > 0, runs  # both took a share


@on_postgresql
def test_a_worker_killed_mid_item_is_replaced(
    session: Session, database: str, workers: Workers
) -> None:
    text = "".join(f"Учора відкрили школу номер {n}. Про це сказали.\n" for n in range(6000))
    runner = ProcrastinateRunner(database, workers=0)
    try:
        upload = Upload("big.txt", text.encode())
        options = FilesPlan(source="uk", glossary=None, names=False)
        job_id = submit_files(session, [upload], ["en"], options, runner)
    finally:
        runner.stop()
    workers.start("a")
    running = "SELECT count(*) FROM job_item WHERE status = 'running'"
    wait_until(lambda: count(session, running) == 1, 60, "the item running on worker a")
    workers.kill("a")
    log = workers.start("b")
    idle = "SELECT count(*) FROM procrastinate_jobs"  # succeeded jobs are deleted
    finished = {JobStatus.done, JobStatus.failed}
    wait_until(
        lambda: get_job(session, job_id).status in finished and count(session, idle) == 0,
        120,
        "the job finished",
    )
    job = get_job(session, job_id)
    assert (job.status, job.items_done, job.items[0].attempts) == (JobStatus.done, 1, 2)
    with zipfile.ZipFile(io.BytesIO(files_result(session, job_id))) as archive:
        assert archive.read("en/big.en.txt").decode() == text  # the copy model: identical
    assert log.read_text().count(STARTED) == 1
    assert "of a stalled worker retried" in log.read_text()  # b's reaper put a's job back


@on_postgresql
def test_the_server_runs_items_in_an_embedded_worker(session: Session, database: str) -> None:
    runner = ProcrastinateRunner(database, workers=1)
    runner.start()
    try:
        job_id = submit_create(session, plan("Школа"), runner)
        wait_until(lambda: get_job(session, job_id).status == JobStatus.done, 60, "the job done")
    finally:
        runner.stop()
    assert get_job(session, job_id).items[0].attempts == 1
    assert count(session, "SELECT count(*) FROM article") == 1
    assert count(session, "SELECT count(*) FROM procrastinate_workers") == 0  # unregistered


@on_postgresql
def test_the_reaper_retries_the_jobs_of_a_silent_worker(session: Session, database: str) -> None:
    async def scenario() -> tuple[list[int], list[int]]:
        app = procrastinate_app(database)
        async with app.open_async():
            manager = app.job_manager
            for item_id in (1, 2):
                await app.configure_task(TASK, queueing_lock=lock_of(item_id)).defer_async(
                    item_id=item_id
                )
            worker = await manager.register_worker()
            for _ in range(2):
                assert await manager.fetch_job(queues=[QUEUE], worker_id=worker) is not None
            # item 2 deferred again while its first job runs
            await app.configure_task(TASK, queueing_lock=lock_of(2)).defer_async(item_id=2)
            alive = await reap(app)
            await app.connector.execute_query_async(
                "UPDATE procrastinate_workers SET last_heartbeat = now() - interval '1 minute'"
            )
            return alive, await reap(app)

    alive, silent = asyncio.run(scenario())
    assert (alive, silent) == ([], [1])
    assert queue_jobs(session) == [
        ("item-1", "todo", 1),  # retried
        ("item-2", "failed", 1),  # a newer job holds its queueing lock: that one runs the item
        ("item-2", "todo", 0),
    ]


@on_postgresql
def test_the_sweep_defers_an_item_that_was_never_queued(session: Session, database: str) -> None:
    submit_create(session, plan("Школа"), Recording())  # item 1: committed, never deferred
    runner = ProcrastinateRunner(database, workers=0)
    deferrer = Deferrer(database)
    try:
        submit_create(session, plan("Інша"), runner)  # item 2: deferred
        seen = sweep(database, deferrer, frozenset())
        assert seen == {1}  # an orphan once: its defer may be on its way
        assert queue_jobs(session) == [("item-2", "todo", 0)]
        with get_engine().connect() as other, other.begin():  # another worker sweeps now
            other.execute(sa.select(sa.func.pg_advisory_xact_lock(SWEEP_LOCK)))
            assert sweep(database, deferrer, seen) == seen
            assert len(queue_jobs(session)) == 1
        assert sweep(database, deferrer, seen) == frozenset()  # an orphan twice: deferred
        assert queue_jobs(session) == [("item-2", "todo", 0), ("item-1", "todo", 0)]
        assert sweep(database, deferrer, frozenset({1, 2})) == frozenset()  # both queued
        assert len(queue_jobs(session)) == 2
    finally:
        deferrer.close()
        runner.stop()


def test_a_worker_needs_postgresql(cli: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TRANSLATOR_DATABASE_URL", raising=False)
    result = cli("worker")
    assert result.exit_code == 2
    assert result.output == (
        "error: translator worker needs PostgreSQL (TRANSLATOR_DATABASE_URL); "
        "on SQLite `translator serve` runs the jobs itself\n"
    )
