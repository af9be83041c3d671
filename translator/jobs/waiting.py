"""Whether a job has finished, for whoever waits on it: one short read of its row.

The runner that finishes a job may be a thread of this process or a worker on another
machine, so a waiter asks the job table, the source of truth in both run modes.
"""

from sqlmodel import Session

from translator.jobs.models import FINISHED, Job
from translator.jobs.views import get_row
from translator.store.db import get_engine


def finished(job_id: int) -> Job | None:
    """The job's row once it is done, failed or cancelled (detached: its fields stay readable
    with no transaction open); None while it waits or runs; :class:`NotFound` if there is none.
    """
    with Session(get_engine()) as session:
        job = get_row(session, job_id)
    return job if job.status in FINISHED else None
