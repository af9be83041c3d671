"""Benchmark (not a test): translation jobs on PostgreSQL, 1 vs 2 ``translator worker`` processes.

What it measures, each on a new database on the PostgreSQL server given with ``--postgres``
(default ``TRANSLATOR_TEST_POSTGRES_URL``; dropped afterwards), with ``translator worker
--concurrency 1`` processes started as subprocesses:

* throughput: ``--items`` article jobs (one target each; every article ``--sentences``
  unique sentences from ``examples/*.uk.txt``) submitted at once to warm, idle workers (each
  has run an item: its model is loaded); items/s = items / (last item finished − first job
  created). Runs: 1 process, 2 processes (``TRANSLATOR_THREADS=1`` each: one core per
  process), and 1 process with the worker's default (all cores to one process) for reference.
* enqueue-to-start latency over ``--latency-jobs`` one-sentence jobs on 2 warm workers, from
  the job's creation (just before its commit and defer), and from the return of the defer, to
  its item's ``started_at``: one at a time (each job submitted when the one before is done: the
  queue's own pick-up time) and burst (all queued at once: the wait behind the others
  included).

The model is bench/engine.py's realistic-size uk->en copy package (built once, kept in
``bench/.cache``), or the tiny test model with ``--copy``. Everything else lives in a temporary
folder. It prints a markdown table and the command.

Run from the repository root, in the project's venv::

    python bench/workers.py [--items 40] [--sentences 8] [--latency-jobs 100] [--copy]
"""

from __future__ import annotations

import argparse
import functools
import os
import shutil
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.engine import log, make_workspace, point_environment  # noqa: E402

BIN = Path(sys.executable).parent
COPY_MODEL = REPO / "tests" / "fixtures" / "uk_en_copy.argosmodel"
WAIT_SECONDS = 600.0


@dataclass(frozen=True)
class Throughput:
    label: str
    processes: int
    threads: str
    items: int
    seconds: float

    @property
    def per_second(self) -> float:
        return self.items / self.seconds


@dataclass(frozen=True)
class Latency:
    label: str
    jobs: int
    created: tuple[float, float]  # p50, p99 ms from the job's creation (before its commit)
    deferred: tuple[float, float]  # p50, p99 ms from the return of the item's defer


def sentences(count: int, offset: int) -> list[str]:
    """``count`` unique Ukrainian sentences (numbered from ``offset``), from the examples."""
    pool = example_sentences()
    return [
        f"{pool[n % len(pool)][:-1]} {offset + n}{pool[n % len(pool)][-1]}" for n in range(count)
    ]


@functools.cache
def example_sentences() -> list[str]:
    from translator.segment import segment

    return [
        sentence.text
        for path in sorted((REPO / "examples").glob("*.uk.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()[1:]
        for sentence in segment(line, "uk")
        if len(sentence.text) > 20 and sentence.text[-1] in ".!?"
    ]


@contextmanager
def fresh_database(server: str) -> Iterator[str]:
    """A new database on ``server``, named in TRANSLATOR_DATABASE_URL; dropped at the end."""
    from translator.store import db

    with db.scratch_postgres(server, "bench_workers") as url:
        os.environ[db.DATABASE_URL_ENV] = url
        try:
            db.ensure_schema(url)
            yield url
        finally:
            db.dispose_engines()


@contextmanager
def running_workers(count: int, threads: int | None, logs: Path) -> Iterator[None]:
    """``count`` worker processes (``TRANSLATOR_THREADS=threads``, or the worker's default),
    registered; stopped with SIGTERM at the end."""
    environment = dict(os.environ)
    if threads is not None:
        environment["TRANSLATOR_THREADS"] = str(threads)
    processes = []
    for n in range(count):
        output = (logs / f"worker-{uuid.uuid4().hex[:6]}-{n}.log").open("wb")
        processes.append(
            subprocess.Popen(
                [str(BIN / "translator"), "worker", "--concurrency", "1"],
                env=environment,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        )
        output.close()
    try:
        wait_for(lambda: count_rows("procrastinate_workers") == count, "the workers to register")
        yield
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(60)
            except subprocess.TimeoutExpired:
                process.kill()


def count_rows(table: str, where: str = "true") -> int:
    from translator.store.db import get_engine

    with get_engine().connect() as connection:
        return int(connection.scalar(sa.text(f"SELECT count(*) FROM {table} WHERE {where}")))


def wait_for(ready: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not ready():
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out waiting for {what}")
        time.sleep(0.05)


class TimedQueue:
    """Defers through procrastinate and notes when each item's defer returned."""

    def __init__(self, url: str) -> None:
        from translator.jobs.queue import ProcrastinateRunner

        self.runner = ProcrastinateRunner(url, workers=0)
        self.deferred: dict[int, datetime] = {}

    def enqueue(self, item_ids: Sequence[int]) -> None:
        self.runner.enqueue(item_ids)
        now = datetime.now(UTC)
        self.deferred.update((item_id, now) for item_id in item_ids)


def submit(bodies: list[str], deferred: dict[int, datetime] | None = None) -> list[int]:
    """An article job per body (target en); their ids. ``deferred``: when each item's defer
    returned, by item id."""
    from sqlmodel import Session

    from translator.jobs.submit import submit_create
    from translator.store.articles import plan_create
    from translator.store.db import database_url, get_engine
    from translator.store.models import ArticleCreate

    queue = TimedQueue(database_url())
    try:
        with Session(get_engine()) as session:
            return [
                submit_create(
                    session,
                    plan_create(ArticleCreate(title=f"Стаття {n}", body=body, targets=["en"])),
                    queue,
                )
                for n, body in enumerate(bodies)
            ]
    finally:
        queue.runner.stop()
        if deferred is not None:
            deferred.update(queue.deferred)


def wait_done(job_ids: list[int]) -> None:
    """Until every job is done (a failed one ends the run)."""
    ids = ",".join(map(str, job_ids))
    wait_for(
        lambda: (
            count_rows("job", f"id IN ({ids}) AND status NOT IN ('done')") == 0
            or count_rows("job", f"id IN ({ids}) AND status IN ('failed', 'cancelled')") > 0
        ),
        f"{len(job_ids)} jobs",
    )
    if count_rows("job", f"id IN ({ids}) AND status != 'done'"):
        raise SystemExit("a job failed: see the worker logs")


def times(job_ids: list[int]) -> list[tuple[int, datetime, datetime, datetime]]:
    """(item id, job created, item started, item finished) per item of the jobs."""
    from translator.store.db import get_engine

    query = sa.text(
        "SELECT item.id, job.created_at, item.started_at, item.finished_at FROM job_item AS item "
        "JOIN job ON job.id = item.job_id WHERE job.id = ANY(:ids) ORDER BY item.id"
    )
    with get_engine().connect() as connection:
        return [tuple(row) for row in connection.execute(query, {"ids": job_ids})]  # type: ignore[misc]


def warm_up(processes: int) -> None:
    """Two small jobs per worker, so that each has loaded its model."""
    wait_done(submit([" ".join(sentences(2, 9000 + n)) for n in range(2 * processes)]))


def throughput(
    label: str, server: str, processes: int, threads: int | None, args: argparse.Namespace
) -> Throughput:
    with fresh_database(server), running_workers(processes, threads, args.logs):
        warm_up(processes)
        bodies = [
            " ".join(sentences(args.sentences, n * args.sentences)) for n in range(args.items)
        ]
        job_ids = submit(bodies)
        wait_done(job_ids)
        rows = times(job_ids)
    seconds = (max(row[3] for row in rows) - min(row[1] for row in rows)).total_seconds()
    log(f"{label}: {len(rows)} items in {seconds:.2f} s")
    return Throughput(label, processes, str(threads or "default"), len(rows), seconds)


def latency(server: str, args: argparse.Namespace) -> list[Latency]:
    results = []
    with fresh_database(server), running_workers(2, 1, args.logs):
        warm_up(2)
        deferred: dict[int, datetime] = {}
        idle = []
        for n in range(args.latency_jobs):
            idle += submit(sentences(1, 20000 + n), deferred)
            wait_done(idle[-1:])
        label = f"{args.latency_jobs} one at a time (workers idle)"
        results.append(summary(label, idle, deferred))
        burst = submit(sentences(args.latency_jobs, 30000), deferred)
        wait_done(burst)
        results.append(summary(f"{args.latency_jobs} queued at once", burst, deferred))
    return results


def summary(label: str, job_ids: list[int], deferred: dict[int, datetime]) -> Latency:
    rows = times(job_ids)
    created = [(started - made).total_seconds() * 1000 for _, made, started, _ in rows]
    after = [(started - deferred[item]).total_seconds() * 1000 for item, _, started, _ in rows]
    result = Latency(label, len(rows), percentiles(created), percentiles(after))
    log(f"{label}: p50/p99 ms from creation {result.created}, from defer {result.deferred}")
    return result


def percentiles(values: list[float]) -> tuple[float, float]:
    """p50 and p99 (nearest rank)."""
    ordered = sorted(values)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, round(0.99 * len(ordered)))]


def render(rates: list[Throughput], waits: list[Latency], model: str, command: str) -> str:
    base = rates[0].per_second
    lines = [
        f"Model: {model}; `translator worker --concurrency 1` processes; {os.cpu_count()} cores.",
        "",
        "| workers | engine threads each | items | seconds | items/s | vs 1 worker |",
        "|---|---|---|---|---|---|",
    ]
    lines += [
        f"| {r.label} | {r.threads} | {r.items} | {r.seconds:.2f} | {r.per_second:.2f} "
        f"| {r.per_second / base:.2f}× |"
        for r in rates
    ]
    lines += [
        "",
        "| enqueue → start, 2 workers | jobs | from creation p50 / p99 ms "
        "| from defer p50 / p99 ms |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| {w.label} | {w.jobs} | {w.created[0]:.1f} / {w.created[1]:.1f} "
        f"| {w.deferred[0]:.1f} / {w.deferred[1]:.1f} |"
        for w in waits
    ]
    lines += ["", f"Command: `{command}`"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", default=os.environ.get("TRANSLATOR_TEST_POSTGRES_URL"))
    parser.add_argument("--items", type=int, default=40)
    parser.add_argument("--sentences", type=int, default=8)
    parser.add_argument("--latency-jobs", type=int, default=100)
    parser.add_argument("--copy", action="store_true", help="the tiny test model")
    args = parser.parse_args(argv)
    if not args.postgres:
        parser.error("give --postgres URL or set TRANSLATOR_TEST_POSTGRES_URL")
    workspace = make_workspace(keep=True)
    try:
        point_environment(workspace, threads=1)
        args.logs = workspace.root
        from translator.models.install import install_file

        model = COPY_MODEL if args.copy else workspace.archive
        install_file(model)
        rates = [
            throughput("1", args.postgres, 1, 1, args),
            throughput("2", args.postgres, 2, 1, args),
            throughput("1 (default threads)", args.postgres, 1, None, args),
        ]
        waits = latency(args.postgres, args)
        command = "python bench/workers.py " + " ".join(argv if argv is not None else sys.argv[1:])
        print(render(rates, waits, model.name, command.strip()))
    finally:
        shutil.rmtree(workspace.root, ignore_errors=True)


if __name__ == "__main__":
    main()
