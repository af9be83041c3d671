"""Reliability probes against a live ``translator serve`` (run it through scripts/reliability.sh).

For each database (SQLite, then PostgreSQL) a server is started on a free loopback port, over a
new empty database and a temporary TRANSLATOR_HOME with the uk->en copy model, and probed:

* same-segment: rounds of 20 overlapping PATCHes of one segment with the same row_version:
  exactly one 200, the rest 409, the stored text and the served body the winner's;
* other-segments: rounds of 10 overlapping PATCHes of 10 segments: all 200, and the served
  body is the reassembly of the rows, with all 10 texts;
* stale-edit: a PATCH of segment 0 with the row_version read before a sentence was inserted at
  the top of the source: 409, the new first sentence untouched;
* crash: threads loop over POST (each with an Idempotency-Key) and PUT; the server is killed
  with SIGKILL mid-way and restarted, and every POST left unanswered is retried with its key.
  Then the whole database is checked: every acknowledged article is there with the acknowledged
  revision (and body) or a later one, every article's segment rows equal ``segment(body)``,
  every version's body is the reassembly of its segment translations, and no article is
  stored twice;
* burst: N overlapping POST /translate and a GET /languages sent mid-burst: every answer 200
  (or 503 JSON with Retry-After), the probe answered within a second.

Prints one line per probe, PASS or FAIL with its figures; exits 1 if any probe failed. Every
request has a timeout and the whole run a deadline (--seconds); a probe the deadline cuts
short fails. Options: --db sqlite|postgresql|both, --seconds, --postgres (the server URL;
default TRANSLATOR_TEST_POSTGRES_URL), --work (a folder for the home, logs and pid file),
--rounds (of each PATCH probe), --kills (of the crash probe), --burst (its size).
"""

import argparse
import asyncio
import contextlib
import math
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import sqlalchemy as sa

from translator.segment import Segment, reassemble, segment
from translator.store.db import scratch_postgres

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "tests" / "fixtures" / "uk_en_copy.argosmodel"
HOST = "127.0.0.1"
TIMEOUT = 15.0  # seconds for any one request
PROBE_LIMIT = 1.0  # seconds GET /languages may take in a burst
PROBE_AFTER = 0.3  # the probe goes at the first answer of a burst, or this many seconds in
START_LIMIT = 60.0  # seconds a server may take to start
SAME_SEGMENT_EDITS = 20
OTHER_SEGMENT_EDITS = 10
CRASH_WORKERS = 4
SETTLE_SECONDS = 60  # how long the final check waits for resumed jobs to end
BODY = (
    "Верховна Рада зібралася на засідання. Депутати розглянули бюджет. Уряд подав зміни.\n"
    "\n"
    "Міністр фінансів виступив з доповіддю. Опозиція висловила заперечення."
    " Голосування відбулося ввечері.\n"
    "\n"
    "Рішення підтримали 256 депутатів. Президент підпише закон."
    " Документ набуде чинності в січні.\n"
    "\n"
    "Експерти оцінили наслідки. Банки чекають на роз'яснення."
    " Наступне засідання призначено на вівторок.\n"
)


class OutOfTime(Exception):
    """The run's deadline passed."""


@dataclass(frozen=True)
class Outcome:
    """One probe's verdict and its figures, for the summary line."""

    probe: str
    passed: bool
    figures: str


@dataclass(frozen=True)
class Clock:
    """The run's deadline."""

    deadline: float

    def left(self) -> float:
        return self.deadline - time.monotonic()

    def check(self) -> None:
        if self.left() <= 0:
            raise OutOfTime


# --- the server ------------------------------------------------------------------------------


class Server:
    """``translator serve`` in its own process group; its pid is kept in ``pid_file`` while it
    runs, so that scripts/reliability.sh can stop it if this script is killed."""

    def __init__(self, env: dict[str, str], log: Path, pid_file: Path) -> None:
        self.env, self.log, self.pid_file = env, log, pid_file
        self.port = free_port()
        self.url = f"http://{HOST}:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, clock: Clock) -> None:
        command = [sys.executable, "-m", "translator.cli", "serve"]
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [*command, "--host", HOST, "--port", str(self.port)],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.pid_file.write_text(f"{self.process.pid}\n")
        until = time.monotonic() + min(START_LIMIT, max(clock.left(), 1.0))
        while not self.answers(timeout=2.0):
            if self.process.poll() is not None or time.monotonic() > until:
                raise RuntimeError(f"the server did not start; see {self.log}")
            time.sleep(0.2)

    def answers(self, timeout: float) -> bool:
        try:
            return httpx.get(f"{self.url}/languages", timeout=timeout).status_code == 200
        except httpx.HTTPError:
            return False

    def kill(self) -> None:
        """SIGKILL, as a crash would."""
        self._signal(signal.SIGKILL)

    def stop(self) -> None:
        self._signal(signal.SIGTERM)

    def restart_if_stalled(self, clock: Clock) -> bool:
        """Restart the server if it does not answer within 2 s; whether it had to."""
        if self.answers(timeout=2.0):
            return False
        self.kill()
        self.start(clock)
        return True

    def _signal(self, signum: int) -> None:
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signum)
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(10)
        self.process = None
        self.pid_file.unlink(missing_ok=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


# --- requests --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Call:
    """One request of a burst."""

    method: str
    path: str
    json: Any = None
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Burst:
    """The answers of a burst in the order of its calls (an exception: no answer)."""

    replies: list[httpx.Response | Exception]
    seconds: float
    probe_seconds: float = math.nan  # inf: no answer
    probe_overlapped: bool = False  # a call was still unanswered when the probe was answered

    def counts(self, *statuses: int) -> str:
        """``a/b/.../other/no answer`` counts for ``statuses``."""
        found = Counter(
            r.status_code if isinstance(r, httpx.Response) else None for r in self.replies
        )
        other = sum(n for s, n in found.items() if s is not None and s not in statuses)
        return "/".join(str(n) for n in [*(found[s] for s in statuses), other, found[None]])

    def answered(self) -> list[httpx.Response]:
        return [r for r in self.replies if isinstance(r, httpx.Response)]


def together(url: str, calls: list[Call], probe: bool = False) -> Burst:
    """Send ``calls`` at once, each on its own connection; with ``probe``, time a
    ``GET /languages`` sent at the first answer."""
    return asyncio.run(_together(url, calls, probe))


async def _together(url: str, calls: list[Call], probe: bool) -> Burst:
    gate, first_answer = asyncio.Event(), asyncio.Event()
    answered = 0
    limits = httpx.Limits(max_connections=len(calls) + 1)
    async with httpx.AsyncClient(base_url=url, timeout=TIMEOUT, limits=limits) as client:

        async def send(call: Call) -> httpx.Response:
            nonlocal answered
            await gate.wait()
            try:
                return await client.request(
                    call.method, call.path, json=call.json, headers=call.headers
                )
            finally:
                answered += 1
                first_answer.set()

        async def languages() -> tuple[float, bool]:
            await gate.wait()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(first_answer.wait(), PROBE_AFTER)
            start = time.monotonic()
            try:
                reply = await client.get("/languages", timeout=PROBE_LIMIT * 5)
            except httpx.HTTPError:
                return math.inf, True
            seconds = time.monotonic() - start if reply.status_code == 200 else math.inf
            return seconds, answered < len(calls)

        sending = [asyncio.create_task(send(call)) for call in calls]
        probing = asyncio.create_task(languages()) if probe else None
        await asyncio.sleep(0)  # every task is now waiting at the gate
        start = time.monotonic()
        gate.set()
        replies = await asyncio.gather(*sending, return_exceptions=True)
        seconds = time.monotonic() - start
        probe_seconds, overlapped = await probing if probing else (math.nan, False)
    kept = [r if isinstance(r, httpx.Response | Exception) else Exception(r) for r in replies]
    return Burst(kept, seconds, probe_seconds, overlapped)


def call_json(client: httpx.Client, method: str, path: str, **kwargs: Any) -> Any:
    """The JSON of a 2xx answer; anything else raises ``RuntimeError`` naming it."""
    reply = client.request(method, path, **kwargs)
    if not reply.is_success:
        raise RuntimeError(f"{method} {path}: {reply.status_code} {reply.text[:200]}")
    return reply.json()


def new_article(client: httpx.Client, title: str, body: str = BODY) -> dict[str, Any]:
    payload = {"title": title, "body": body, "source_lang": "uk", "targets": ["en"]}
    article: dict[str, Any] = call_json(client, "POST", "/v1/articles", json=payload)
    return article


def rows(client: httpx.Client, slug: str) -> list[dict[str, Any]]:
    pairs: list[dict[str, Any]] = call_json(client, "GET", f"/v1/articles/{slug}/parallel/en")
    return pairs


def served(client: httpx.Client, slug: str) -> tuple[str, str]:
    """The en body as ``/versions/en`` and as ``?lang=en`` serve it."""
    version = call_json(client, "GET", f"/v1/articles/{slug}/versions/en")
    view = call_json(client, "GET", f"/v1/articles/{slug}", params={"lang": "en"})
    return str(version["body"]), str(view["body"])


def edit(slug: str, position: int, text: str, row_version: int) -> Call:
    path = f"/v1/articles/{slug}/segments/{position}/en"
    return Call("PATCH", path, {"text": text, "row_version": row_version})


# --- the probes ------------------------------------------------------------------------------

SPANS = segment(BODY, "uk")


def same_segment(url: str, clock: Clock, rounds: int) -> Outcome:
    """Rounds of overlapping edits of segment 0 with the same row_version."""
    figures, good = [], 0
    with httpx.Client(base_url=url, timeout=TIMEOUT) as client:
        slug = new_article(client, "Одне речення")["slug"]
        row_version = rows(client, slug)[0]["row_version"]
        for round_ in range(rounds):
            clock.check()
            texts = [f"Round {round_}, editor {n}." for n in range(SAME_SEGMENT_EDITS)]
            burst = together(url, [edit(slug, 0, text, row_version) for text in texts])
            figures.append(burst.counts(200, 409))
            if not burst.answered():
                break  # a stalled server: more rounds measure nothing more
            stored = rows(client, slug)
            winners = [
                texts[n]
                for n, r in enumerate(burst.replies)
                if isinstance(r, httpx.Response) and r.status_code == 200
            ]
            body = reassemble(BODY, SPANS, [p["target"] for p in stored])
            good += winners == [stored[0]["target"]] and served(client, slug) == (body, body)
            row_version = stored[0]["row_version"]
    expected = f"1/{SAME_SEGMENT_EDITS - 1}/0/0"
    passed = len(figures) == rounds and good == rounds and set(figures) == {expected}
    return Outcome(
        "same-segment",
        passed,
        f"{len(figures)} rounds of {SAME_SEGMENT_EDITS}; 200/409/other/no answer per round: "
        f"{' '.join(figures)}; one winner, stored and served, in {good}/{rounds}",
    )


def other_segments(url: str, clock: Clock, rounds: int) -> Outcome:
    """Rounds of overlapping edits of different segments, each with its own row_version."""
    figures, done = [], 0
    with httpx.Client(base_url=url, timeout=TIMEOUT) as client:
        slug = new_article(client, "Різні речення")["slug"]
        for round_ in range(rounds):
            clock.check()
            pairs = rows(client, slug)[:OTHER_SEGMENT_EDITS]
            texts = [f"Round {round_}: sentence {p['position']} reviewed." for p in pairs]
            calls = [
                edit(slug, p["position"], t, p["row_version"])
                for p, t in zip(pairs, texts, strict=True)
            ]
            burst = together(url, calls)
            ok = sum(isinstance(r, httpx.Response) and r.status_code == 200 for r in burst.replies)
            if not burst.answered():
                figures.append(f"{ok}/{len(calls)} no answer")
                break
            version, view = served(client, slug)
            expected = reassemble(BODY, SPANS, [p["target"] for p in rows(client, slug)])
            kept = sum(text in version for text in texts)
            figures.append(f"{ok}/{len(calls)} body {kept}/{len(calls)}")
            done += ok == kept == len(calls) and version == view == expected
    return Outcome(
        "other-segments",
        done == rounds,
        f"{len(figures)} rounds; 200s and edits in the served body per round: "
        f"{', '.join(figures)}; body = rows in {done}/{rounds}",
    )


def stale_edit(url: str) -> Outcome:
    """An edit made on the view from before a sentence was inserted at the top."""
    inserted = "Спікер відкрив сесію."
    with httpx.Client(base_url=url, timeout=TIMEOUT) as client:
        slug = new_article(client, "Застаріла правка")["slug"]
        seen = rows(client, slug)[0]
        call_json(client, "PUT", f"/v1/articles/{slug}", json={"body": f"{inserted} {BODY}"})
        stale = {"text": "The Rada met.", "status": "approved", "row_version": seen["row_version"]}
        reply = client.patch(f"/v1/articles/{slug}/segments/0/en", json=stale)
        first = rows(client, slug)[0]
    untouched = (first["source"], first["status"], first["target"]) == (
        inserted,
        "machine",
        first["machine"],
    )
    current = reply.json().get("current", {}) if reply.status_code == 409 else {}
    passed = reply.status_code == 409 and current.get("source") == inserted and untouched
    state = "untouched" if untouched else f"now {first['status']} {first['target']!r}"
    return Outcome(
        "stale-edit",
        passed,
        f"PATCH segment 0 with the row_version from before an insert at the top: "
        f"{reply.status_code}; the new first sentence {state}",
    )


@dataclass
class Ledger:
    """What the crash probe's clients were told, and what they must retry."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    posted: dict[str, int] = field(default_factory=dict)  # title -> id, acknowledged
    revisions: dict[int, tuple[int, str]] = field(default_factory=dict)  # id -> revision, body
    # title -> (Idempotency-Key, body) of a POST that got no answer, to retry
    unanswered: dict[str, tuple[str, dict[str, Any]]] = field(default_factory=dict)
    statuses: Counter[tuple[str, int | None]] = field(default_factory=Counter)  # None: no answer
    retried: int = 0

    def acknowledge(self, article: dict[str, Any]) -> None:
        with self.lock:
            self.posted[article["title"]] = article["id"]
            known = self.revisions.get(article["id"], (0, ""))
            if article["revision"] >= known[0]:
                self.revisions[article["id"]] = (article["revision"], article["body"])


def crash(server: Server, clock: Clock, kills: int, database_url: str) -> Outcome:
    """POST and PUT loops, SIGKILL mid-way, restart, retry; then check the whole database."""
    ledger = Ledger()
    chance = random.Random(7)
    run = uuid.uuid4().hex[:8]
    done = 0
    for cycle in range(kills):
        clock.check()
        stop = threading.Event()
        workers = [
            threading.Thread(
                target=_write_loop, args=(server.url, ledger, stop, f"{run}-{cycle}-{w}")
            )
            for w in range(CRASH_WORKERS)
        ]
        for worker in workers:
            worker.start()
        time.sleep(chance.uniform(1.5, 3.5))
        server.kill()
        stop.set()
        for worker in workers:
            worker.join(TIMEOUT + 5)
        server.start(clock)
        done += 1
        _retry(server.url, ledger)
    problems = check_database(database_url, ledger)
    errors = sum(n for (_, s), n in ledger.statuses.items() if s and s >= 500 and s != 503)
    unanswered = len(ledger.unanswered)
    passed = done == kills and not problems and not errors and not unanswered
    statuses = ", ".join(
        f"{method} {status or 'no answer'} ×{n}"
        for (method, status), n in sorted(ledger.statuses.items(), key=str)
    )
    found = "; ".join(problems[:3]) + (f" (+{len(problems) - 3} more)" if problems[3:] else "")
    return Outcome(
        "crash",
        passed,
        f"{done} kills; answers {statuses}; {len(ledger.posted)} articles acknowledged, "
        f"{ledger.retried} POSTs retried after a kill ({unanswered} still unanswered); "
        f"database: {found or 'consistent, nothing lost, nothing stored twice'}",
    )


def _write_loop(url: str, ledger: Ledger, stop: threading.Event, name: str) -> None:
    """POST an article, PUT a new body on one of ours, again, until ``stop`` or until the
    server does not answer (the kill): a POST left unanswered is kept for a retry."""
    chance = random.Random(name)
    mine: list[int] = []
    with httpx.Client(base_url=url, timeout=TIMEOUT) as client:
        for n in range(10_000):
            if stop.is_set():
                return
            title = f"Crash {name} {n}"
            payload = {"title": title, "body": BODY, "source_lang": "uk", "targets": ["en"]}
            key = f"crash-{name}-{n}"
            reply = _send(client, ledger, "POST", "/v1/articles", payload, key)
            if reply is None or reply.status_code == 503:
                with ledger.lock:
                    ledger.unanswered[title] = (key, payload)
                if reply is None:
                    return
            elif reply.status_code == 201:
                ledger.acknowledge(reply.json())
                mine.append(reply.json()["id"])
            if mine:
                article = chance.choice(mine)
                body = f"{BODY}Доповнення {chance.randrange(10**6)}.\n"
                reply = _send(client, ledger, "PUT", f"/v1/articles/{article}", {"body": body})
                if reply is None:
                    return
                if reply.status_code == 200:
                    ledger.acknowledge(reply.json()["article"])


def _send(
    client: httpx.Client,
    ledger: Ledger,
    method: str,
    path: str,
    payload: dict[str, Any],
    key: str | None = None,
) -> httpx.Response | None:
    headers = {"Idempotency-Key": key} if key else {}
    try:
        reply = client.request(method, path, json=payload, headers=headers)
    except httpx.HTTPError:
        with ledger.lock:
            ledger.statuses[method, None] += 1
        return None
    with ledger.lock:
        ledger.statuses[method, reply.status_code] += 1
    return reply


def _retry(url: str, ledger: Ledger) -> None:
    """Send every unanswered POST again, with its key, as a client would after a crash."""
    with ledger.lock:
        pending = dict(ledger.unanswered)
    with httpx.Client(base_url=url, timeout=TIMEOUT) as client:
        for title, (key, payload) in pending.items():
            reply = _send(client, ledger, "POST", "/v1/articles", payload, key)
            ledger.retried += 1
            if reply is not None and reply.status_code == 201:
                ledger.acknowledge(reply.json())
                with ledger.lock:
                    del ledger.unanswered[title]


def check_database(url: str, ledger: Ledger) -> list[str]:
    """What is wrong in the database at ``url``, given what the clients were told.

    Writes are jobs, and a restarted server resumes the ones it was running: first wait (up to
    :data:`SETTLE_SECONDS`) until no job is queued or running, then read everything in one
    snapshot, so no write lands between two of the reads."""
    engine = sa.create_engine(url)
    try:
        unsettled = _wait_for_jobs(engine)
        with engine.connect() as connection:
            if engine.dialect.name == "sqlite":
                connection.exec_driver_sql("BEGIN")  # pysqlite does not begin before a read
            else:
                connection = connection.execution_options(isolation_level="REPEATABLE READ")
            problems = _inconsistencies(connection, ledger)
        return ([f"{unsettled} jobs still queued or running"] if unsettled else []) + problems
    finally:
        engine.dispose()


def _wait_for_jobs(engine: sa.Engine) -> int:
    """Wait until no job is queued or running; how many still are at the deadline."""
    deadline = time.monotonic() + SETTLE_SECONDS
    while True:
        with engine.connect() as connection:
            left = connection.execute(
                sa.text("SELECT count(*) FROM job WHERE status IN ('queued', 'running')")
            ).scalar_one()
        if not left or time.monotonic() > deadline:
            return int(left)
        time.sleep(0.2)


def _inconsistencies(connection: sa.Connection, ledger: Ledger) -> list[str]:
    def query(sql: str) -> list[sa.Row[Any]]:
        return list(connection.execute(sa.text(sql)))

    articles = {
        r.id: r for r in query("SELECT id, title, body, source_lang, revision FROM article")
    }
    segments: dict[int, list[sa.Row[Any]]] = {}
    for r in query(
        'SELECT id, article_id, paragraph, position, source, start, "end" FROM segment'
        " ORDER BY position"
    ):
        segments.setdefault(r.article_id, []).append(r)
    texts = {
        (r.version_id, r.segment_id): r.current_text
        for r in query("SELECT version_id, segment_id, current_text FROM segment_translation")
    }
    problems = []
    for title, n in Counter(a.title for a in articles.values()).items():
        if n > 1:
            problems.append(f"{title!r} stored {n} times")
    for title, article_id in ledger.posted.items():
        if article_id not in articles:
            problems.append(f"acknowledged article {article_id} ({title!r}) is missing")
    for article_id, (revision, body) in ledger.revisions.items():
        stored = articles.get(article_id)
        if stored is not None and (
            stored.revision < revision or (stored.revision == revision and stored.body != body)
        ):
            problems.append(f"article {article_id} lost its acknowledged revision {revision}")
    for article in articles.values():
        spans = segment(article.body, article.source_lang)
        have = [
            (r.position, r.paragraph, r.source, r.start, r.end)
            for r in segments.get(article.id, [])
        ]
        if have != [(s.index, s.paragraph, s.text, s.start, s.end) for s in spans]:
            problems.append(f"article {article.id}: segment rows differ from segment(body)")
            continue
        problems += _version_problems(
            connection, article, spans, segments.get(article.id, []), texts
        )
    return problems


def _version_problems(
    connection: sa.Connection,
    article: sa.Row[Any],
    spans: list[Segment],
    segment_rows: list[sa.Row[Any]],
    texts: dict[tuple[int, int], str],
) -> list[str]:
    problems = []
    versions = connection.execute(
        sa.text("SELECT id, lang, body FROM version WHERE article_id = :id"), {"id": article.id}
    )
    for version in versions:
        translated = [texts.get((version.id, r.id)) for r in segment_rows]
        if None in translated:
            problems.append(f"article {article.id} {version.lang}: a segment has no translation")
        elif version.body != reassemble(article.body, spans, [str(t) for t in translated]):
            problems.append(f"article {article.id} {version.lang}: body differs from its segments")
    return problems


def burst(url: str, size: int) -> Outcome:
    """``size`` overlapping POST /translate, and GET /languages sent mid-burst; one request
    first loads the model, so that the probe measures the burst alone."""
    httpx.post(
        f"{url}/translate", json={"q": "Так.", "source": "uk", "target": "en"}, timeout=TIMEOUT
    )
    calls = [
        Call(
            "POST",
            "/translate",
            {"q": f"Речення {n} про засідання.", "source": "uk", "target": "en"},
        )
        for n in range(size)
    ]
    result = together(url, calls, probe=True)
    bad = [r for r in result.replies if not _answered_or_retry(r)]
    probe_ok = result.probe_seconds < PROBE_LIMIT and result.probe_overlapped
    probe = (
        "no answer" if math.isinf(result.probe_seconds) else f"{result.probe_seconds:.2f} s"
    ) + ("" if result.probe_overlapped else " (after the burst: nothing measured)")
    return Outcome(
        "burst",
        not bad and probe_ok,
        f"{size} × /translate: 200/503/other/no answer {result.counts(200, 503)}, "
        f"{len(bad)} not 200 nor a 503 JSON with Retry-After; burst over in "
        f"{result.seconds:.1f} s; GET /languages mid-burst {probe}",
    )


def _answered_or_retry(reply: httpx.Response | Exception) -> bool:
    if not isinstance(reply, httpx.Response):
        return False
    if not reply.headers.get("content-type", "").startswith("application/json"):
        return False
    if reply.status_code == 503:
        return reply.headers.get("retry-after", "").isdigit()
    return reply.status_code == 200


# --- a run -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Options:
    databases: list[str]
    seconds: float
    postgres: str | None
    work: Path | None
    rounds: int
    kills: int
    burst: int


def main() -> int:
    options = parse()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    clock = Clock(time.monotonic() + options.seconds)
    with workspace(options.work) as work:
        home = work / "home"
        env = {k: v for k, v in os.environ.items() if not k.startswith("TRANSLATOR_")}
        env |= {"TRANSLATOR_HOME": str(home), "PYTHONPATH": str(ROOT)}
        install = [sys.executable, "-m", "translator.cli", "models", "install", str(MODEL)]
        done = subprocess.run(install, cwd=ROOT, env=env, capture_output=True, text=True)
        if done.returncode:
            sys.exit(f"installing {MODEL.name} failed: {done.stderr.strip()}")
        outcomes = []
        for kind in options.databases:
            share = clock.left() / (len(options.databases) - options.databases.index(kind))
            until = Clock(time.monotonic() + share)
            outcomes += run_database(kind, options, env, home, work, until)
    return 0 if all(o.passed for o in outcomes) else 1


def parse() -> Options:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--seconds", type=float, default=300, help="total time bound")
    parser.add_argument("--postgres", default=os.environ.get("TRANSLATOR_TEST_POSTGRES_URL"))
    parser.add_argument("--work", type=Path, help="a folder for the home, logs and pid file")
    parser.add_argument("--rounds", type=int, default=5, help="rounds of each PATCH probe")
    parser.add_argument("--kills", type=int, default=2, help="kills of the crash probe")
    parser.add_argument("--burst", type=int, default=40, help="requests of the burst probe")
    args = parser.parse_args()
    databases = ["sqlite", "postgresql"] if args.db == "both" else [args.db]
    if "postgresql" in databases and not args.postgres:
        parser.error("PostgreSQL needs --postgres URL or TRANSLATOR_TEST_POSTGRES_URL")
    return Options(
        databases, args.seconds, args.postgres, args.work, args.rounds, args.kills, args.burst
    )


@contextlib.contextmanager
def workspace(work: Path | None) -> Iterator[Path]:
    if work is not None:
        work.mkdir(parents=True, exist_ok=True)
        yield work
        return
    with tempfile.TemporaryDirectory(prefix="reliability-") as folder:
        yield Path(folder)


def run_database(
    kind: str, options: Options, env: dict[str, str], home: Path, work: Path, clock: Clock
) -> list[Outcome]:
    """Every probe against a server over a new database of ``kind``."""
    with database(kind, options.postgres, home) as url:
        server_env = env | ({"TRANSLATOR_DATABASE_URL": url} if kind == "postgresql" else {})
        server = Server(server_env, work / f"server-{kind}.log", work / "server.pid")
        probes = [
            ("same-segment", lambda: same_segment(server.url, clock, options.rounds)),
            ("other-segments", lambda: other_segments(server.url, clock, options.rounds)),
            ("stale-edit", lambda: stale_edit(server.url)),
            ("crash", lambda: crash(server, clock, options.kills, url)),
            ("burst", lambda: burst(server.url, options.burst)),
        ]
        outcomes = []
        try:
            server.start(clock)
            for name, probe in probes:
                outcome = _run(name, probe, server, clock)
                verdict = "PASS" if outcome.passed else "FAIL"
                print(f"{verdict} {kind:<10} {name:<14} {outcome.figures}", flush=True)
                outcomes.append(outcome)
        finally:
            server.stop()
    return outcomes


def _run(name: str, probe: Callable[[], Outcome], server: Server, clock: Clock) -> Outcome:
    """One probe on a server that answers (restarted first if it stalled)."""
    try:
        clock.check()
        restarted = server.restart_if_stalled(clock)
        outcome = probe()
    except OutOfTime:
        return Outcome(name, False, "not finished: the --seconds deadline passed")
    except Exception as exc:  # a probe that breaks (an odd answer, no server) has failed
        return Outcome(name, False, f"stopped: {type(exc).__name__}: {exc}")
    if restarted:
        return Outcome(name, outcome.passed, f"{outcome.figures} (server restarted: it stalled)")
    return outcome


@contextlib.contextmanager
def database(kind: str, server: str | None, home: Path) -> Iterator[str]:
    """The URL of a new, empty database of ``kind``; a PostgreSQL one is dropped afterwards."""
    if kind == "sqlite":
        path = home / "translator.db"
        for leftover in home.glob("translator.db*"):
            leftover.unlink()
        yield f"sqlite:///{path}"
        return
    assert server is not None
    with scratch_postgres(server, "reliability") as url:
        yield url


if __name__ == "__main__":
    sys.exit(main())
