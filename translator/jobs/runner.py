"""Which runner serves the job tables: chosen from the database URL, nowhere else.

SQLite: the in-process :class:`~translator.jobs.local.LocalRunner` (one machine). PostgreSQL:
procrastinate (:mod:`translator.jobs.queue`): items are deferred as procrastinate jobs, run
by ``translator worker`` processes on any number of machines, and by a worker embedded in the
server when ``TRANSLATOR_JOB_WORKERS`` is above 0.
"""

from typing import Protocol

import sqlalchemy as sa

from translator.jobs.submit import Queue


class Runner(Queue, Protocol):
    """A queue that also runs (or hands on) what is queued, from :meth:`start` to :meth:`stop`."""

    def start(self) -> None: ...

    def stop(self, timeout: float = 30.0) -> None: ...


def runner_for(url: str, workers: int) -> Runner:
    """The runner for the database at ``url``, running ``workers`` items at once here."""
    if sa.make_url(url).get_backend_name() == "sqlite":
        from translator.jobs.local import LocalRunner

        return LocalRunner(workers)
    from translator.jobs.queue import ProcrastinateRunner

    return ProcrastinateRunner(url, workers)
