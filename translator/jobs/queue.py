"""The job queue on PostgreSQL: procrastinate, on the article database itself.

Each job item is one procrastinate job of the task :func:`translate_item` on the queue
:data:`QUEUE`, with the queueing lock ``item-<id>`` (an item deferred again while it waits is
not queued twice). Our tables stay the source of truth: the task only runs
:func:`~translator.jobs.work.run_item`, whose claim token makes a second delivery harmless and
whose attempts counter fails an item after :data:`~translator.jobs.work.MAX_ATTEMPTS` claims.

Workers (``translator worker``, or one embedded in the server by :class:`ProcrastinateRunner`)
run sync tasks in threads of their own process, so the models load once per process and
nothing forks after they load. Beside the procrastinate worker, every worker runs a reaper:

* **stalled jobs**: procrastinate leaves the job of a killed worker ``doing`` forever. Workers
  beat every :data:`HEARTBEAT_SECONDS`; a ``doing`` job whose worker is silent for
  :data:`STALL_SECONDS` is put back to ``todo`` (one try each: a newer job may hold its
  queueing lock, and then that one runs the item).
* **orphans**: an item committed but never deferred (the process died in between), or whose
  procrastinate job gave up (the database was gone), has no ``todo``/``doing`` job. An item
  seen so in two sweeps :data:`SWEEP_SECONDS` apart is deferred again; one worker sweeps at a
  time (an advisory lock), so two workers never defer it twice. The sweep also finishes the
  jobs whose items all ended but that were not stored
  (:func:`~translator.jobs.work.finish_stranded`).

procrastinate is imported only when a queue is used.
"""

import asyncio
import logging
import threading
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from dataclasses import dataclass
from typing import TYPE_CHECKING

import sqlalchemy as sa

from translator.jobs.models import FINISHED, JobStatus
from translator.jobs.work import MAX_ATTEMPTS, finish_stranded, run_item
from translator.store.db import get_engine, normalise_url

if TYPE_CHECKING:
    import procrastinate

QUEUE = "translate"
TASK = "translate_item"
HEARTBEAT_SECONDS = 2.0
STALL_SECONDS = 6.0  # three missed heartbeats: measured safe during CPU-bound translation
REAP_SECONDS = 3.0
SWEEP_SECONDS = 30.0
SWEEP_LOCK = 0x7472616E  # the advisory lock of the orphan sweep ("tran")
LOCK_PREFIX = "item-"
logger = logging.getLogger(__name__)

# job items to run (queued, or running under a worker that may be gone) of jobs still going,
# that no procrastinate job will run
ORPHANS = sa.text(
    """
    SELECT item.id FROM job_item AS item JOIN job ON job.id = item.job_id
    WHERE item.status IN (:queued, :running) AND job.status NOT IN :finished
      AND NOT EXISTS (
        SELECT 1 FROM procrastinate_jobs AS queued
        WHERE queued.queueing_lock = :prefix || item.id::text
          AND queued.status IN ('todo', 'doing')
      )
    ORDER BY item.id
    """
).bindparams(
    sa.bindparam("finished", expanding=True),
    queued=JobStatus.queued.value,
    running=JobStatus.running.value,
    finished=sorted(status.value for status in FINISHED),
    prefix=LOCK_PREFIX,
)


@dataclass(frozen=True)
class WorkerConfig:
    """How a worker runs: items at once, the queues it takes, and whether it stops on
    SIGINT/SIGTERM itself (a process of its own) or when cancelled (embedded)."""

    concurrency: int = 1
    queues: tuple[str, ...] = (QUEUE,)
    signals: bool = False


def conninfo(url: str) -> str:
    """The libpq connection string of the SQLAlchemy ``url`` (no ``+psycopg`` driver)."""
    parsed = sa.make_url(normalise_url(url)).set(drivername="postgresql")
    return parsed.render_as_string(hide_password=False)


def translate_item(item_id: int) -> None:
    """The task: run the job item ``item_id`` (see :func:`~translator.jobs.work.run_item`)."""
    run_item(item_id)


def procrastinate_app(url: str, pool_size: int = 2) -> "procrastinate.App":
    """A procrastinate app on the database at ``url`` with the task :func:`translate_item`.

    An exception out of the task (the database gone, a bug, a worker's graceful stop) runs it
    again later, with a growing wait; the item's own attempts counter stops an item that fails
    every time, so procrastinate's limit is only a backstop (the sweep takes over after it).
    """
    import procrastinate

    connector = procrastinate.PsycopgConnector(
        conninfo=conninfo(url), min_size=1, max_size=pool_size
    )
    app = procrastinate.App(connector=connector)
    retry = procrastinate.RetryStrategy(max_attempts=MAX_ATTEMPTS + 5, exponential_wait=2)
    app.task(name=TASK, queue=QUEUE, retry=retry)(translate_item)
    return app


def lock_of(item_id: int) -> str:
    """The queueing lock of the item's procrastinate job."""
    return f"{LOCK_PREFIX}{item_id}"


class Deferrer:
    """Defers items as procrastinate jobs from plain (sync) code in any thread, through a
    small connection pool of its own, opened on first use."""

    def __init__(self, url: str) -> None:
        self._url = url
        self._app: procrastinate.App | None = None
        self._lock = threading.Lock()

    def defer(self, item_ids: Iterable[int]) -> list[int]:
        """Queue a procrastinate job per item, unless one waits already; the items queued.

        A database error is logged, not raised: the item is committed already, and the
        orphan sweep defers it later."""
        from procrastinate import exceptions

        app = self._opened()
        deferred = []
        for item_id in item_ids:
            task = app.configure_task(TASK, queue=QUEUE, queueing_lock=lock_of(item_id))
            try:
                task.defer(item_id=item_id)
            except exceptions.AlreadyEnqueued:
                continue
            except exceptions.ConnectorException:
                logger.warning("job item %s not queued (the sweep will)", item_id, exc_info=True)
                continue
            deferred.append(item_id)
        return deferred

    def close(self) -> None:
        with self._lock:
            if self._app is not None:
                self._app.close()
                self._app = None

    def _opened(self) -> "procrastinate.App":
        with self._lock:
            if self._app is None:
                app = procrastinate_app(self._url)
                app.open()
                self._app = app
            return self._app


async def serve(url: str, config: WorkerConfig, deferrer: Deferrer) -> None:
    """Run a procrastinate worker and the reaper until stopped: by SIGINT/SIGTERM with
    ``config.signals``, else by cancelling this coroutine. Either way the items running are
    finished first (a sync task cannot be interrupted)."""
    loop = asyncio.get_running_loop()
    loop.set_default_executor(
        ThreadPoolExecutor(config.concurrency + 2, thread_name_prefix="translate")
    )
    app = procrastinate_app(url, pool_size=config.concurrency + 3)
    async with app.open_async():
        reaper = asyncio.create_task(keep_reaping(app, url, deferrer), name="reaper")
        try:
            await app.run_worker_async(
                queues=list(config.queues),
                concurrency=config.concurrency,
                name="translator",
                install_signal_handlers=config.signals,
                update_heartbeat_interval=HEARTBEAT_SECONDS,
                stalled_worker_timeout=STALL_SECONDS,
                delete_jobs="successful",
            )
        finally:
            reaper.cancel()
            with suppress(asyncio.CancelledError):
                await reaper


async def keep_reaping(app: "procrastinate.App", url: str, deferrer: Deferrer) -> None:
    """Every :data:`REAP_SECONDS` retry stalled jobs; every :data:`SWEEP_SECONDS` sweep
    orphans. A failure is logged and tried again next time."""
    seen: frozenset[int] = frozenset()
    loop = asyncio.get_running_loop()
    swept = loop.time()
    while True:
        await asyncio.sleep(REAP_SECONDS)
        try:
            await reap(app)
            if loop.time() - swept >= SWEEP_SECONDS:
                seen = await asyncio.to_thread(sweep, url, deferrer, seen)
                swept = loop.time()
        except Exception:
            logger.exception("the job reaper failed; trying again")


async def reap(app: "procrastinate.App") -> list[int]:
    """Put back in the queue the jobs of workers silent for :data:`STALL_SECONDS`; their ids.

    A job whose queueing lock a newer job holds (the item deferred again meanwhile) is ended
    as failed instead: the newer job runs the item."""
    from procrastinate import exceptions, jobs

    retried = []
    stalled = await app.job_manager.get_stalled_jobs(
        queue=QUEUE, seconds_since_heartbeat=STALL_SECONDS
    )
    for job in stalled:
        assert job.id is not None
        try:
            await app.job_manager.retry_job(job)
        except exceptions.UniqueViolation:
            await app.job_manager.finish_job(job, jobs.Status.FAILED, delete_job=False)
            logger.warning("stalled job %s: its item is queued again already", job.id)
        except Exception:
            logger.warning("stalled job %s could not be retried", job.id, exc_info=True)
        else:
            logger.warning("job %s of a stalled worker retried", job.id)
            retried.append(job.id)
    return retried


def sweep(url: str, deferrer: Deferrer, seen: frozenset[int]) -> frozenset[int]:
    """Defer the orphans (see the module docstring) that were orphans in the sweep before,
    ``seen``; the orphans seen now, for the next sweep. Skipped (``seen`` kept) while
    another worker sweeps."""
    with get_engine(url).connect() as connection, connection.begin():
        if not connection.scalar(sa.select(sa.func.pg_try_advisory_xact_lock(SWEEP_LOCK))):
            return seen
        orphans = frozenset(connection.scalars(ORPHANS))
        again = sorted(orphans & seen)
        if again:
            logger.warning("job items %s had no queue job: queued again", again)
            deferrer.defer(again)
        if stranded := finish_stranded():
            logger.warning("%s jobs whose items had all ended were finished", stranded)
        return orphans - set(again)


class ProcrastinateRunner:
    """The runner on PostgreSQL: items go to procrastinate; ``workers`` above 0 also runs a
    worker (and the reaper) in a thread of this process, with an event loop of its own."""

    def __init__(self, url: str, workers: int) -> None:
        self._url = url
        self._workers = workers
        self._deferrer = Deferrer(url)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._task: asyncio.Task[None] | None = None
        self._thread: threading.Thread | None = None

    def enqueue(self, item_ids: Sequence[int]) -> None:
        self._deferrer.defer(item_ids)

    def start(self) -> None:
        """Start the embedded worker (none with 0 workers: ``translator worker`` runs items)."""
        if self._workers < 1:
            return
        loop = asyncio.new_event_loop()
        config = WorkerConfig(concurrency=self._workers)
        self._task = loop.create_task(serve(self._url, config, self._deferrer))
        self._loop = loop
        self._thread = threading.Thread(
            target=_run, args=(loop, self._task), name="procrastinate-worker", daemon=True
        )
        self._thread.start()

    def stop(self, timeout: float = 30.0) -> None:
        """Stop taking items; wait up to ``timeout`` for the ones running to end."""
        if self._thread is not None and self._loop is not None and self._task is not None:
            if self._thread.is_alive():
                with suppress(RuntimeError):  # the loop ended meanwhile
                    self._loop.call_soon_threadsafe(self._task.cancel)
            self._thread.join(timeout)
        self._deferrer.close()


def _run(loop: asyncio.AbstractEventLoop, main: "asyncio.Task[None]") -> None:
    """Run ``main`` on ``loop`` in this thread until it ends or is cancelled."""
    asyncio.set_event_loop(loop)
    try:
        loop.run_until_complete(main)
    except asyncio.CancelledError:
        pass
    except Exception:
        logger.exception("the embedded job worker stopped")
    finally:
        loop.close()
