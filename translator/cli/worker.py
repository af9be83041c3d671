"""``translator worker``: run translation job items from the PostgreSQL queue, on any machine.

Start as many as there are machines (or cores: for CPU work, one ``--concurrency 1`` process
per core scales better than threads). Each process loads its models once, on its first item,
and never forks. SIGINT/SIGTERM stop it after the items it runs; a worker killed outright is
noticed by the others' reaper and its items run again elsewhere.
"""

import logging
import os
from typing import Annotated

import typer

from translator.cli.common import fail, guarded
from translator.settings import env_name, load_settings

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
SQLITE_MESSAGE = (
    "translator worker needs PostgreSQL (TRANSLATOR_DATABASE_URL); "
    "on SQLite `translator serve` runs the jobs itself"
)


@guarded
def worker_command(
    concurrency: Annotated[
        int,
        typer.Option("--concurrency", min=1, help="Job items this process runs at once."),
    ] = 1,
    queues: Annotated[
        str, typer.Option("--queues", help="Queues to take items from, comma-separated.")
    ] = "translate",
) -> None:
    """Run translation jobs from the PostgreSQL queue until SIGINT/SIGTERM; the database
    is created or migrated on start."""
    import asyncio

    import sqlalchemy as sa

    from translator.jobs.queue import Deferrer, WorkerConfig, serve
    from translator.store.db import database_url, display_url, ensure_schema

    url = database_url()
    if sa.make_url(url).get_backend_name() != "postgresql":
        raise fail(SQLITE_MESSAGE, 2)
    names = tuple(name.strip() for name in queues.split(",") if name.strip())
    if not names:
        raise fail("--queues names no queue", 2)
    ensure_schema(url)
    threads = share_cores(concurrency)
    logging.basicConfig(level=logging.INFO, format=LOG_FORMAT)
    logging.getLogger(__name__).info(
        "worker on %s: %d at once, %d engine threads each, queues %s",
        display_url(url), concurrency, threads, ",".join(names),
    )  # fmt: skip
    deferrer = Deferrer(url)
    try:
        asyncio.run(serve(url, WorkerConfig(concurrency, names, signals=True), deferrer))
    finally:
        deferrer.close()


def share_cores(concurrency: int) -> int:
    """CTranslate2's intra-op threads per item: the cores shared among the items run at once,
    unless ``TRANSLATOR_THREADS`` says otherwise (then that)."""
    chosen = load_settings().threads
    if chosen:
        return chosen
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    threads = max(1, (cores or 1) // concurrency)
    os.environ[env_name("threads")] = str(threads)
    return threads
