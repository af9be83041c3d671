"""The in-process runner: job items run in a thread of the server, on one machine (SQLite).

At start it puts back in the queue the items it was running when the process stopped (only
this process runs items on SQLite, so a ``running`` item at start was interrupted) and
finishes the jobs whose last item was recorded but not stored, then
claims queued items one at a time, oldest first. A submission wakes it; otherwise it looks
every :data:`POLL_SECONDS` (an item queued by another process, such as ``translator jobs
retry``).
"""

import logging
import threading
from collections.abc import Sequence

from sqlmodel import Session, col, select, update

from translator.jobs.models import Job, JobItem, JobStatus
from translator.jobs.work import finish_stranded, run_item
from translator.store.db import get_engine, reading, writing

POLL_SECONDS = 1.0
logger = logging.getLogger(__name__)


class LocalRunner:
    """Runs queued items in ``threads`` threads of this process; also the queue it reads."""

    def __init__(self, threads: int = 1) -> None:
        self._threads = threads
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._workers: list[threading.Thread] = []

    def enqueue(self, item_ids: Sequence[int]) -> None:
        self._wake.set()

    def start(self) -> None:
        """Requeue interrupted items, finish jobs left unfinished, and start the threads."""
        requeue_running()
        finish_stranded()
        for n in range(self._threads):
            worker = threading.Thread(target=self._loop, name=f"jobs-{n}", daemon=True)
            worker.start()
            self._workers.append(worker)

    def stop(self, timeout: float = 30.0) -> None:
        """Stop taking items; wait up to ``timeout`` for the ones running to end."""
        self._stop.set()
        self._wake.set()
        for worker in self._workers:
            worker.join(timeout)

    def _loop(self) -> None:
        while not self._stop.is_set():
            item_id = next_queued()
            if item_id is None:
                self._wake.wait(POLL_SECONDS)
                self._wake.clear()
                continue
            try:
                run_item(item_id, fresh_only=True)
            except Exception:  # a bug or the database gone: the item stays for a restart
                logger.exception("job item %s could not be run", item_id)
                self._stop.wait(POLL_SECONDS)


def next_queued() -> int | None:
    """The oldest queued item of a job not cancelled, if any."""
    with Session(get_engine()) as session, reading(session):
        return session.exec(
            select(JobItem.id)
            .join(Job, col(Job.id) == JobItem.job_id)
            .where(JobItem.status == JobStatus.queued, col(Job.cancel_requested).is_(False))
            .order_by(col(JobItem.id))
            .limit(1)
        ).first()


def requeue_running() -> int:
    """Put every running item back in the queue; how many there were."""
    with Session(get_engine()) as session, writing(session):
        result = session.execute(
            update(JobItem)
            .where(col(JobItem.status) == JobStatus.running)
            .values(status=JobStatus.queued)
        )
        return result.rowcount or 0
