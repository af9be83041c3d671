"""Benchmark (not a test): GET throughput of a stored article vs a bare FastAPI JSON route.

One run, side by side, on this machine and over loopback only:

* stored: ``translator serve`` (uvicorn, 1 worker) in a subprocess with a temporary
  ``TRANSLATOR_HOME`` (SQLite there, or a new database on the PostgreSQL server given with
  ``--database-url``, dropped afterwards) and the uk->en copy model from ``tests/fixtures``.
  One article is created with ``POST /v1/articles`` (``examples/parliament.uk.txt``: first
  line the title, the rest the body, targets ``["en"]``); then the load goes to
  ``GET /v1/articles/{slug}/versions/en`` and to ``GET /v1/articles/{slug}`` with
  ``Accept-Language: en``.
* bare: :data:`bare_app`, a FastAPI app with one sync route, ``GET /bare/{name}``, that returns
  the very JSON dict the stored route returned (same keys, same body size), served by
  ``uvicorn.run`` with the same settings as ``translator serve`` (1 worker, default logging).

The load generator is ``wrk`` if installed (``apt-get install wrk``), else ``hey``, else a
Python asyncio + httpx client: ``--connections`` concurrent connections for ``--seconds`` per
target, after a short warm-up. Every response must be a 200. It prints a markdown table of
requests/s and p50/p99 latency per target, with the stored/bare ratio of requests/s, and each
server's CPU time per request (Linux: ``/proc/PID/stat``) with the bare/stored ratio of it:
on a machine that other work shares, the generator gets less CPU and requests/s drop on both
sides alike, while a server's CPU time per request barely moves, so the second ratio is the
steadier one.

Run from the repository root, in the project's venv::

    python bench/api.py [--seconds 10] [--rounds 1] [--connections 16] [--threads 1]
                        [--tool auto|wrk|hey|python] [--database-url URL]

``--rounds N`` loads each stored target and its bare twin in turn N times and keeps the best
round of each, for a machine that other work shares.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from fastapi import FastAPI

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
MODEL = REPO / "tests" / "fixtures" / "uk_en_copy.argosmodel"
ARTICLE = REPO / "examples" / "parliament.uk.txt"
PAYLOADS_ENV = "BENCH_API_PAYLOADS"  # the JSON file of {name: dict} that bare_app serves
HOST = "127.0.0.1"
WARM_UP_SECONDS = 2.0


# --- the bare app --------------------------------------------------------------------------


def _load_payloads() -> dict[str, Any]:
    path = os.environ.get(PAYLOADS_ENV)
    return json.loads(Path(path).read_text(encoding="utf-8")) if path else {}


bare_app = FastAPI(title="bare")
_PAYLOADS = _load_payloads()


@bare_app.get("/bare/{name}")
def bare(name: str) -> dict[str, Any]:
    """The recorded JSON dict ``name`` (sync, like the stored routes: run in the threadpool)."""
    payload: dict[str, Any] = _PAYLOADS[name]
    return payload


def serve_bare(port: int) -> None:
    """Serve :data:`bare_app` as ``translator serve`` serves the API (``uvicorn.run``)."""
    import uvicorn

    sys.path.insert(0, str(REPO))  # "bench.api" from anywhere, as `uvicorn --app-dir` would
    uvicorn.run("bench.api:bare_app", host=HOST, port=port, workers=1)


# --- servers -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """One URL to load, with its headers, and the name of its payload."""

    name: str
    label: str
    url: str
    headers: dict[str, str]


@dataclass(frozen=True)
class Result:
    """What one load run measured."""

    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    cpu_ms: float | None = None  # the server's CPU time per request (None: not on Linux)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
    return port


def wait_until_up(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    """Poll ``url`` until it answers 200 (at most 60 s); fail with the server's log."""
    import httpx

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"the server for {url} did not start:\n{log.read_text()[-3000:]}")


@contextmanager
def running(
    command: list[str], env: dict[str, str], log: Path
) -> Iterator[subprocess.Popen[bytes]]:
    """Run ``command`` (a server) for the duration of the block, its output in ``log``."""
    with log.open("wb") as out:
        process = subprocess.Popen(command, env=env, cwd=REPO, stdout=out, stderr=out)
        try:
            yield process
        finally:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def server_env(home: Path, database_url: str | None) -> dict[str, str]:
    """The environment for both servers: our home, no limits, the chosen database."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRANSLATOR_")}
    env["TRANSLATOR_HOME"] = str(home)
    if database_url:
        env["TRANSLATOR_DATABASE_URL"] = database_url
    return env


@contextmanager
def scratch_database(server_url: str | None) -> Iterator[str | None]:
    """A new database on the PostgreSQL server at ``server_url``, dropped afterwards."""
    if not server_url:
        yield None
        return
    from translator.store.db import scratch_postgres

    with scratch_postgres(server_url, "bench_api") as url:
        yield url


def create_article(base: str) -> str:
    """Store the example article through the API; its slug."""
    import httpx

    title, body = ARTICLE.read_text(encoding="utf-8").split("\n", 1)
    data = {"title": title.strip(), "body": body.strip(), "targets": ["en"]}
    reply = httpx.post(f"{base}/v1/articles", json=data, timeout=120)
    if reply.status_code != 201:
        raise SystemExit(f"creating the article failed: {reply.status_code} {reply.text}")
    slug: str = reply.json()["slug"]
    return slug


def record(target: Target) -> dict[str, Any]:
    """One GET of ``target``: its JSON body (the payload the bare route will return)."""
    import httpx

    reply = httpx.get(target.url, headers=target.headers, timeout=30)
    if reply.status_code != 200:
        raise SystemExit(f"GET {target.url}: {reply.status_code} {reply.text[:200]}")
    body: dict[str, Any] = reply.json()
    return body


# --- load generators -----------------------------------------------------------------------


def pick_tool(wanted: str) -> str:
    if wanted != "auto":
        return wanted
    return next((tool for tool in ("wrk", "hey") if shutil.which(tool)), "python")


def load(
    tool: str, target: Target, seconds: float, connections: int, threads: int, pid: int
) -> Result:
    """Load ``target`` (served by process ``pid``) for ``seconds`` with ``connections``
    connections, using ``tool``."""
    before = cpu_seconds(pid)
    if tool == "wrk":
        result = run_wrk(target, seconds, connections, threads)
    elif tool == "hey":
        result = run_hey(target, seconds, connections)
    else:
        result = asyncio.run(run_python(target, seconds, connections))
    after = cpu_seconds(pid)
    if before is None or after is None:
        return result
    return replace(result, cpu_ms=(after - before) * 1000 / max(result.requests, 1))


def cpu_seconds(pid: int) -> float | None:
    """The CPU time (user + system) process ``pid`` has used so far; None if unknown."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_wrk(target: Target, seconds: float, connections: int, threads: int) -> Result:
    headers = [arg for k, v in target.headers.items() for arg in ("-H", f"{k}: {v}")]
    command = ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds:g}s"]
    output = _run([*command, "--latency", *headers, target.url])
    if match := re.search(r"Non-2xx or 3xx responses: (\d+)", output):
        raise SystemExit(f"{target.url}: {match.group(1)} responses were not 2xx:\n{output}")
    if "Socket errors" in output:
        raise SystemExit(f"{target.url}: socket errors:\n{output}")
    latency = {  # wrk: "    50%    1.23ms"; wrk2 (also named wrk): " 50.000%    1.23ms"
        m.group(1): _ms(float(m.group(2)), m.group(3))
        for m in re.finditer(r"^\s+(50|99)(?:\.0+)?%\s+([\d.]+)(us|ms|s)\b", output, re.M)
    }
    total = re.search(r"^\s*(\d+) requests in", output, re.M)
    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    if not (total and rps and {"50", "99"} <= latency.keys()):
        raise SystemExit(f"cannot read wrk's output:\n{output}")
    return Result(float(rps.group(1)), latency["50"], latency["99"], int(total.group(1)))


def run_hey(target: Target, seconds: float, connections: int) -> Result:
    headers = [arg for k, v in target.headers.items() for arg in ("-H", f"{k}: {v}")]
    command = ["hey", "-z", f"{seconds:g}s", "-c", str(connections), *headers, target.url]
    output = _run(command)
    codes = dict(re.findall(r"\[(\d{3})\]\s+(\d+) responses", output))
    if set(codes) != {"200"}:
        raise SystemExit(f"{target.url}: not every response was a 200:\n{output}")
    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    latency = dict(re.findall(r"(50|99)% in ([\d.]+) secs", output))
    if not (rps and {"50", "99"} <= latency.keys()):
        raise SystemExit(f"cannot read hey's output:\n{output}")
    return Result(
        float(rps.group(1)),
        float(latency["50"]) * 1000,
        float(latency["99"]) * 1000,
        int(codes["200"]),
    )


async def run_python(target: Target, seconds: float, connections: int) -> Result:
    """``connections`` asyncio workers, each with its own keep-alive connection."""
    import httpx

    latencies: list[float] = []
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    async with httpx.AsyncClient(limits=limits, headers=target.headers, timeout=30) as client:
        start = time.perf_counter()
        deadline = start + seconds

        async def worker() -> None:
            while time.perf_counter() < deadline:
                began = time.perf_counter()
                reply = await client.get(target.url)
                if reply.status_code != 200:
                    raise SystemExit(f"{target.url}: {reply.status_code}")
                latencies.append(time.perf_counter() - began)

        await asyncio.gather(*(worker() for _ in range(connections)))
        elapsed = time.perf_counter() - start
    cuts = statistics.quantiles(latencies, n=100)
    return Result(len(latencies) / elapsed, cuts[49] * 1000, cuts[98] * 1000, len(latencies))


def _run(command: list[str]) -> str:
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stdout}{done.stderr}")
    return done.stdout


def _ms(value: float, unit: str) -> float:
    return value * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


# --- the run -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """A stored target, the size of its body, and what it and its bare twin measured."""

    target: Target
    size: int
    stored: Result
    bare: Result


def table(rows: list[Row]) -> str:
    """The markdown table: each stored target, then its bare twin, and the ratio."""
    lines = [
        "| target | body (bytes) | requests/s | p50 (ms) | p99 (ms) | stored/bare req/s "
        "| server CPU (ms/request) | bare/stored CPU |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        ratio = row.stored.requests_per_second / row.bare.requests_per_second
        cpu = _ratio(row.bare.cpu_ms, row.stored.cpu_ms)
        for label, result, shown, shown_cpu in (
            (f"stored: {row.target.label}", row.stored, f"{ratio:.2f}", cpu),
            (f"bare: GET /bare/{row.target.name}", row.bare, "", ""),
        ):
            lines.append(
                f"| {label} | {row.size:,} | {result.requests_per_second:,.0f} "
                f"| {result.p50_ms:.2f} | {result.p99_ms:.2f} | {shown} "
                f"| {_ms_or_dash(result.cpu_ms)} | {shown_cpu} |"
            )
    return "\n".join(lines)


def _ratio(numerator: float | None, denominator: float | None) -> str:
    return f"{numerator / denominator:.2f}" if numerator and denominator else "—"


def _ms_or_dash(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def measure(
    args: argparse.Namespace, tool: str, pair: tuple[Target, Target], pids: tuple[int, int]
) -> list[Result]:
    """Warm both targets up, then load them in turn ``--rounds`` times; the best round of each
    (most requests/s: the one least disturbed by anything else on the machine)."""
    for target, pid in zip(pair, pids, strict=True):
        load(tool, target, WARM_UP_SECONDS, args.connections, args.threads, pid)
    rounds: list[list[Result]] = [[], []]
    for _ in range(args.rounds):
        for results, target, pid in zip(rounds, pair, pids, strict=True):
            results.append(load(tool, target, args.seconds, args.connections, args.threads, pid))
    return [max(results, key=lambda r: r.requests_per_second) for results in rounds]


def stored_targets(base: str, slug: str) -> list[Target]:
    return [
        Target(
            "version",
            "GET /v1/articles/{slug}/versions/en",
            f"{base}/v1/articles/{slug}/versions/en",
            {},
        ),
        Target(
            "view",
            "GET /v1/articles/{slug}, Accept-Language: en",
            f"{base}/v1/articles/{slug}",
            {"Accept-Language": "en"},
        ),
    ]


def body_size(payload: dict[str, Any]) -> int:
    """The size of ``payload`` as FastAPI sends it (compact UTF-8 JSON)."""
    return len(json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode())


def run(args: argparse.Namespace, tool: str, work: Path, database_url: str | None) -> list[Row]:
    """Start both servers, store the article, load every target and its bare twin."""
    env = server_env(work / "home", database_url)
    install = [str(BIN / "translator"), "models", "install", str(MODEL)]
    subprocess.run(install, env=env, check=True, capture_output=True)
    api_port, bare_port = free_port(), free_port()
    api, bare_base = f"http://{HOST}:{api_port}", f"http://{HOST}:{bare_port}"
    serve = [str(BIN / "translator"), "serve", "--host", HOST, "--port", str(api_port)]
    with running(serve, env, work / "api.log") as server:
        wait_until_up(f"{api}/openapi.json", server, work / "api.log")
        targets = stored_targets(api, create_article(api))
        payloads = {target.name: record(target) for target in targets}
        payload_file = work / "payloads.json"
        payload_file.write_text(json.dumps(payloads, ensure_ascii=False), encoding="utf-8")
        bare_env = {**env, PAYLOADS_ENV: str(payload_file)}
        bare_serve = [sys.executable, str(Path(__file__).resolve()), "--bare", str(bare_port)]
        with running(bare_serve, bare_env, work / "bare.log") as bare_server:
            wait_until_up(f"{bare_base}/bare/version", bare_server, work / "bare.log")
            rows = []
            for target in targets:
                twin = Target(target.name, "", f"{bare_base}/bare/{target.name}", {})
                if record(twin) != payloads[target.name]:
                    raise SystemExit(f"the bare twin of {target.label} returns another body")
                print(f"loading {target.label} and its bare twin", file=sys.stderr)
                pids = (server.pid, bare_server.pid)
                stored, bare_result = measure(args, tool, (target, twin), pids)
                rows.append(Row(target, body_size(payloads[target.name]), stored, bare_result))
    return rows


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="load per target")
    parser.add_argument("--rounds", type=int, default=1, help="interleaved; the best counts")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=1, help="wrk threads")
    parser.add_argument("--tool", choices=["auto", "wrk", "hey", "python"], default="auto")
    parser.add_argument(
        "--database-url",
        help="a PostgreSQL server: the run uses a new database there, dropped afterwards",
    )
    parser.add_argument("--bare", type=int, metavar="PORT", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    if args.bare:
        serve_bare(args.bare)
        return
    if args.seconds > 60 or args.rounds > 5 or args.connections > 256:
        raise SystemExit("bounded run: at most 60 s per target, 5 rounds, 256 connections")
    tool = pick_tool(args.tool)
    with tempfile.TemporaryDirectory() as scratch, scratch_database(args.database_url) as url:
        rows = run(args, tool, Path(scratch), url)
    backend = "PostgreSQL" if url else "SQLite"
    print(
        f"{backend}; load: {tool}, {args.connections} connections, {args.seconds:g} s per target"
        f" and round, best of {args.rounds} interleaved round(s) after {WARM_UP_SECONDS:g} s"
        f" warm-up; servers: uvicorn, 1 worker, on {HOST}\n"
    )
    print(table(rows))


if __name__ == "__main__":
    main()
