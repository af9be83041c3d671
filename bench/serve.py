"""Benchmark (not a test): ``POST /translate`` under load, ours vs LibreTranslate, same package.

One run, on this machine, over loopback only, three servers up side by side and loaded in turn
(for each profile and load: ours with batching, ours without, LibreTranslate), all on the same
realistic-size uk->en copy Argos package (``bench/engine.py``'s builder: 6+6 layers, d_model 512,
int8; output equals input, real compute):

* ours, batching on: ``translator serve`` (one uvicorn process) with a temporary
  ``TRANSLATOR_HOME`` where ``translator models install`` put the package, and
  ``TRANSLATOR_BATCHING=true``; ours, batching off: the same with ``TRANSLATOR_BATCHING=false``.
  Both at their defaults otherwise (default glossary on, names on), as users run them, with
  ``TRANSLATOR_BEAM_SIZE`` = LibreTranslate's beam size and ``TRANSLATOR_THREADS=--threads``.
* LibreTranslate 1.9 (PyPI), in its own venv ``bench/.cache/lt-venv`` (``bench/lt_env.py``
  makes it if missing), started by ``bench/lt_launch.py``, which replaces
  ``libretranslate.init.boot`` by a no-op (it fetches the package index otherwise) and refuses
  and logs any non-loopback socket (an audit hook); ``--threads``, ``ARGOS_INTRA_THREADS`` =
  ``--threads``. Its sentence splitter is MiniSBD, whose Ukrainian model cannot be fetched here:
  the package gets a rule-based ``minisbd/uk.onnx`` (``bench/lt_splitter.py``).

Load: a Python asyncio + httpx client in this process (``wrk`` cannot give each request its own
body without a Lua script): ``--loads`` concurrent clients, each with its own connection,
posting one request after the other for ``--seconds``; the requests then in flight finish (each
within 300 s). A warm-up per profile first; after a profile's loads, one client alternates its
requests between ours with and without batching for ``--seconds`` each: a lone request's
latency on both under the same load from other work. Profiles: ``sentence``, one news sentence
per request, and ``paragraph``, five. The sentences come from ``examples/*.uk.txt`` (those that
both servers' splitters keep whole), each marked with a number before its final punctuation
that is unique in the server's run: no request repeats a sentence, nothing can come from a
cache, and every server gets the same texts in the same order. Body: ``{"q": ..., "source":
"uk", "target": "en", "format": "text"}``. Every answer must be a 200 with a non-empty
``translatedText``; non-200 answers and other failures are counted apart.

It prints a markdown table (requests/s and sentences/s from the load's start until its last
answer, p50/p99 latency of every request, error counts, and the server's CPU time per sentence
over the load from ``/proc/PID/stat``, which other work on the machine barely moves while it
stretches every wait) and the goal lines: at 32 clients ours/LibreTranslate sentences/s (goal
>= 3x) and p99 ours <= LibreTranslate; one client alternating, p50 batching on vs off (goal
within 10 %).

Run from the repository root, in the project's venv::

    python bench/serve.py [--seconds 15] [--loads 1,8,32,64] [--profiles sentence,paragraph]
                          [--threads 2] [--keep] [--skip-lt]

``--keep`` keeps what this run built in ``bench/.cache`` (the model, the LibreTranslate venv);
what was already there is always reused and left in place.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench import lt_env  # noqa: E402
from bench.api import (  # noqa: E402
    BIN,
    HOST,
    cpu_seconds,
    free_port,
    running,
    server_env,
    wait_until_up,
)
from bench.engine import (  # noqa: E402
    BEAM_SIZE,
    CACHE_DIR,
    EXAMPLES,
    MODEL_SHAPE,
    TAIL_PUNCTUATION,
    build_model,
    cpu_model,
    log,
)
from bench.engine import load as load_average  # noqa: E402

PROFILES = {"sentence": 1, "paragraph": 5}  # sentences per request
TERMINALS = ".!?…"
WARM_UP = (4, 3.0)  # clients, seconds, per profile
REQUEST_TIMEOUT = 300.0  # a load lasts at most --seconds + this
GOAL_CLIENTS, GOAL_RATIO, SAME_WITHIN = 32, 3.0, 0.10
OURS_ON, OURS_OFF, LT = "ours, batching on", "ours, batching off", "LibreTranslate"
OURS = {OURS_ON: "true", OURS_OFF: "false"}  # TRANSLATOR_BATCHING
FOLDERS = {OURS_ON: "batching-on", OURS_OFF: "batching-off"}  # their homes and logs in the work
LT_LOG = "libretranslate.log"


# --- texts ---------------------------------------------------------------------------------


def marked(sentence: str, mark: int) -> str:
    """``sentence`` with `` {mark}`` before its final punctuation."""
    cut = TAIL_PUNCTUATION.search(sentence).start()  # type: ignore[union-attr]
    return f"{sentence[:cut]} {mark}{sentence[cut:]}"


@dataclass(frozen=True)
class Texts:
    """The sentence pool and the numbering that makes every request's text unique.

    Sentence ``j`` of slot ``s`` (a warm-up or a load) is ``pool[j % len(pool)]`` marked with
    ``(j // len(pool)) * slots + s + 1``: distinct for every (slot, j), the same on every server.
    """

    pool: list[str]
    slots: int

    def sentence(self, slot: int, index: int) -> str:
        cycle, position = divmod(index, len(self.pool))
        return marked(self.pool[position], cycle * self.slots + slot + 1)

    def request(self, profile: str, slot: int, index: int) -> str:
        size = PROFILES[profile]
        return " ".join(self.sentence(slot, index * size + k) for k in range(size))


def example_sentences() -> list[str]:
    """Every sentence of the example articles (our segmenter) that ends a sentence with
    ``. ! ? …``, first appearance only."""
    from translator.segment import segment

    found: dict[str, None] = {}
    for path in EXAMPLES:
        for line in path.read_text(encoding="utf-8").splitlines():
            for seg in segment(line, "uk"):
                if seg.text.rstrip('»")”]')[-1:] in TERMINALS:
                    found[seg.text] = None
    return list(found)


def our_counts(texts: list[str]) -> list[int]:
    from translator.segment import segment

    return [len(segment(text, "uk")) for text in texts]


def build_texts(home: lt_env.Home | None, slots: int) -> tuple[Texts, list[str]]:
    """The pool: example sentences that both splitters keep whole, plain and marked; checked on
    paragraphs of a full cycle. Notes on what was dropped and checked."""
    candidates = example_sentences()
    probes = [text for s in candidates for text in (s, marked(s, 10 * slots + 7))]
    counts = our_counts(probes)
    if home is not None:
        counts = [
            max(a, b) for a, b in zip(counts, lt_env.sentence_counts(home, probes), strict=True)
        ]
    pool = [s for i, s in enumerate(candidates) if counts[2 * i] == counts[2 * i + 1] == 1]
    texts = Texts(pool, slots)
    paragraphs = [texts.request("paragraph", 0, k) for k in range(2 * len(pool) // 5)]
    splitters = {"ours": our_counts(paragraphs)}
    if home is not None:
        splitters[LT] = lt_env.sentence_counts(home, paragraphs)
    for name, found in splitters.items():
        wrong = sum(count != 5 for count in found)
        if wrong:
            raise SystemExit(f"{name}'s splitter does not find 5 sentences in {wrong} paragraphs")
    notes = [
        f"texts: {len(pool)} distinct sentences of {len(candidates)} in examples/*.uk.txt that "
        f"end with {' '.join(TERMINALS)} and are kept whole by {' and '.join(splitters)} "
        f"(mean {statistics.mean(map(len, pool)):.0f} characters), cycled, each marked with a "
        "number unique in the run; paragraphs: 5 of them joined by spaces, "
        f"{len(paragraphs)} checked: {' and '.join(splitters)} split each into 5"
    ]
    return texts, notes


# --- load ----------------------------------------------------------------------------------


@dataclass
class Result:
    """What one load on one server measured."""

    seconds: float
    sentences_per_request: int
    latencies: list[float] = field(default_factory=list)  # of every 200
    non_200: Counter[int] = field(default_factory=Counter)
    failed: Counter[str] = field(default_factory=Counter)  # transport errors, bad bodies
    drained: float = 0.0  # seconds from the start until the last request in flight finished
    cpu: float | None = None  # CPU seconds the server used meanwhile (None: no /proc)

    @property
    def requests_per_second(self) -> float:
        """200s per second until the last one: the server is busy until then (at 64 clients a
        batching server answers in bursts, which a fixed window would cut at random)."""
        return len(self.latencies) / self.drained if self.drained else 0.0

    @property
    def sentences_per_second(self) -> float:
        return self.requests_per_second * self.sentences_per_request

    @property
    def cpu_ms_per_sentence(self) -> float | None:
        sentences = len(self.latencies) * self.sentences_per_request
        return None if self.cpu is None or not sentences else self.cpu * 1000 / sentences

    def quantile_ms(self, q: int) -> float:
        if len(self.latencies) < 2:
            return self.latencies[0] * 1000 if self.latencies else float("nan")
        return statistics.quantiles(self.latencies, n=100)[q - 1] * 1000


def translated(reply: Any) -> bool:
    try:
        text = reply.json().get("translatedText")
    except ValueError:
        return False
    return isinstance(text, str) and bool(text.strip())


async def post(client: Any, url: str, text: str, result: Result) -> None:
    """One request: its latency in ``result`` if it is a 200 with a translation, else counted."""
    import httpx

    body = {"q": text, "source": "uk", "target": "en", "format": "text"}
    began = time.perf_counter()
    try:
        reply = await client.post(url, json=body)
    except httpx.HTTPError as exc:
        result.failed[type(exc).__name__] += 1
        await asyncio.sleep(0.1)  # a server gone: no busy loop until the deadline
        return
    done = time.perf_counter()
    if reply.status_code != 200:
        result.non_200[reply.status_code] += 1
    elif not translated(reply):
        result.failed["200 without translatedText"] += 1
    else:
        result.latencies.append(done - began)


async def drive(url: str, text: Callable[[int], str], clients: int, result: Result) -> None:
    """``clients`` workers, each with its own keep-alive connection, posting request after
    request until ``result.seconds`` have passed; the requests in flight then finish."""
    import httpx

    counter = itertools.count()
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(limits=limits, timeout=REQUEST_TIMEOUT) as client:
        start = time.perf_counter()
        deadline = start + result.seconds

        async def worker() -> None:
            while time.perf_counter() < deadline:
                await post(client, url, text(next(counter)), result)

        await asyncio.gather(*(worker() for _ in range(clients)))
        result.drained = time.perf_counter() - start


async def alternate(urls: list[str], text: Callable[[int], str], results: list[Result]) -> None:
    """One client posting each text to every server in turn, for ``seconds`` per server: a lone
    request's latency on each, under the same load from other work on the machine."""
    import httpx

    async with httpx.AsyncClient(timeout=REQUEST_TIMEOUT) as client:
        start = time.perf_counter()
        deadline = start + sum(result.seconds for result in results)
        index = 0
        while time.perf_counter() < deadline:
            for url, result in zip(urls, results, strict=True):
                await post(client, url, text(index), result)
            index += 1
        for result in results:
            result.drained = (time.perf_counter() - start) / len(results)


def load(
    server: Server, texts: Texts, profile: str, slot: int, clients: int, seconds: float
) -> Result:
    """Load ``server`` with ``clients`` posting ``profile`` texts of ``slot``, and the CPU time it
    used meanwhile: on a machine that other work shares, waits grow but that barely moves."""
    result = Result(seconds, PROFILES[profile])
    text = lambda index: texts.request(profile, slot, index)  # noqa: E731
    before = cpu_seconds(server.pid)
    asyncio.run(drive(f"{server.base}/translate", text, clients, result))
    after = cpu_seconds(server.pid)
    result.cpu = None if before is None or after is None else after - before
    return result


# --- servers -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Server:
    name: str
    base: str
    pid: int


def our_env(home: Path, beam: int, threads: int, batching: str) -> dict[str, str]:
    env = server_env(home, None)
    env["TRANSLATOR_BEAM_SIZE"] = str(beam)
    env["TRANSLATOR_THREADS"] = str(threads)
    env["TRANSLATOR_BATCHING"] = batching
    return env


@contextmanager
def ours(work: Path, name: str, archive: Path, env: dict[str, str]) -> Iterator[Server]:
    """``translator serve`` with ``archive`` installed in its home, for the block."""
    install = [str(BIN / "translator"), "models", "install", str(archive)]
    done = subprocess.run(install, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(install)} failed:\n{done.stdout}{done.stderr}")
    port = free_port()
    serve = [str(BIN / "translator"), "serve", "--host", HOST, "--port", str(port)]
    logfile = work / f"{FOLDERS[name]}.log"
    with running(serve, env, logfile) as process:
        base = f"http://{HOST}:{port}"
        wait_until_up(f"{base}/languages", process, logfile)
        yield Server(name, base, process.pid)


@contextmanager
def libretranslate(home: lt_env.Home, threads: int, logfile: Path) -> Iterator[Server]:
    port = free_port()
    with running(lt_env.command(HOST, port, threads), home.env, logfile) as process:
        base = f"http://{HOST}:{port}"
        wait_until_up(f"{base}/languages", process, logfile)
        yield Server(LT, base, process.pid)


# --- report --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    profile: str
    clients: int
    server: str
    result: Result
    alternating: bool = False  # one client, its requests alternating between ours on and off


def errors(result: Result) -> str:
    def listed(counts: Counter[Any]) -> str:
        return ", ".join(f"{n}× {what}" for what, n in sorted(counts.items(), key=str))

    return f"{sum(result.non_200.values())} {listed(result.non_200)}".strip()


def table(runs: list[Run]) -> list[str]:
    lines = [
        "| profile | clients | server | requests/s | sentences/s | p50 (ms) | p99 (ms) "
        "| 200s | non-200 | other errors | until last (s) | server CPU (ms/sentence) |",
        "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for run in runs:
        r = run.result
        failed = ", ".join(f"{n}× {what}" for what, n in sorted(r.failed.items()))
        lines.append(
            f"| {run.profile} | {run.clients}{' alternating' if run.alternating else ''} "
            f"| {run.server} | {r.requests_per_second:.2f} "
            f"| {r.sentences_per_second:.2f} | {r.quantile_ms(50):,.0f} | {r.quantile_ms(99):,.0f} "
            f"| {len(r.latencies)} | {errors(r)} | {f'{sum(r.failed.values())} {failed}'.strip()} "
            f"| {r.drained:.1f} | {cpu_text(r)} |"
        )
    return lines


def cpu_text(result: Result) -> str:
    cpu = result.cpu_ms_per_sentence
    return "—" if cpu is None else f"{cpu:,.0f}"


def verdict(ok: bool) -> str:
    return "✓" if ok else "✗"


def goals(runs: list[Run]) -> list[str]:
    """The issue's goal lines: ours/LibreTranslate for every profile whose loads include
    :data:`GOAL_CLIENTS`; batching on vs off at one client, from the alternating runs."""
    found = {(r.profile, r.clients, r.server): r.result for r in runs if not r.alternating}
    paired = {(r.profile, r.server): r.result for r in runs if r.alternating}
    lines = []
    for profile in dict.fromkeys(run.profile for run in runs):
        on, lt = found.get((profile, GOAL_CLIENTS, OURS_ON)), found.get((profile, GOAL_CLIENTS, LT))
        if on and lt:
            ratio = on.sentences_per_second / lt.sentences_per_second
            p99_on, p99_lt = on.quantile_ms(99), lt.quantile_ms(99)
            lines.append(
                f"- {profile}, {GOAL_CLIENTS} clients: ours (batching on) / LibreTranslate "
                f"sentences/s = {on.sentences_per_second:.2f} / {lt.sentences_per_second:.2f} = "
                f"{ratio:.2f}× (goal ≥ {GOAL_RATIO:g}×) {verdict(ratio >= GOAL_RATIO)}; "
                f"p99 {p99_on:,.0f} ms vs {p99_lt:,.0f} ms (goal ours ≤ LibreTranslate) "
                f"{verdict(p99_on <= p99_lt)}; server CPU {cpu_text(on)} vs {cpu_text(lt)} "
                "ms/sentence"
            )
        on, off = paired.get((profile, OURS_ON)), paired.get((profile, OURS_OFF))
        if on and off:
            p50_on, p50_off = on.quantile_ms(50), off.quantile_ms(50)
            change = p50_on / p50_off - 1
            lines.append(
                f"- {profile}, 1 client alternating between the two ({len(on.latencies)} + "
                f"{len(off.latencies)} requests): p50 batching on {p50_on:,.0f} ms vs off "
                f"{p50_off:,.0f} ms = {change:+.1%} (goal within ±{SAME_WITHIN:.0%}) "
                f"{verdict(abs(change) <= SAME_WITHIN)}"
            )
    return lines


# --- the run -------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--seconds", type=float, default=15.0, help="load per server and load")
    parser.add_argument("--loads", default="1,8,32,64", help="concurrent clients, comma-separated")
    parser.add_argument("--profiles", default="sentence,paragraph", help=", ".join(PROFILES))
    parser.add_argument(
        "--threads", type=int, default=2, help="CTranslate2 threads (both), LibreTranslate's"
    )
    parser.add_argument("--keep", action="store_true", help="keep the model and venv built")
    parser.add_argument("--skip-lt", action="store_true", help="ours only (no venv needed)")
    args = parser.parse_args(argv)
    args.loads = [int(n) for n in args.loads.split(",")]
    args.profiles = args.profiles.split(",")
    if unknown := set(args.profiles) - PROFILES.keys():
        parser.error(f"unknown profiles: {', '.join(sorted(unknown))}")
    if not 0 < args.seconds <= 60 or not all(0 < n <= 256 for n in args.loads):
        parser.error("bounded run: 0 < --seconds <= 60, 1 to 256 clients per load")
    return args


def measure(args: argparse.Namespace, servers: list[Server], texts: Texts) -> list[Run]:
    """Warm every server up, then each profile and load on each server in turn."""
    for warm_slot, profile in enumerate(args.profiles):
        for server in servers:
            clients, seconds = WARM_UP
            result = load(server, texts, profile, warm_slot, clients, seconds)
            done = len(result.latencies)
            log(f"warm-up {server.name}, {profile}: {done} requests, errors {errors(result)}")
    runs = []
    slots = itertools.count(len(args.profiles))
    for profile in args.profiles:
        for clients in args.loads:
            slot = next(slots)
            for server in servers:
                result = load(server, texts, profile, slot, clients, args.seconds)
                runs.append(Run(profile, clients, server.name, result))
                log(f"{profile} × {clients} {server.name}: {summary(result)}")
        runs += alternating(servers[:2], texts, profile, next(slots), args.seconds)
    return runs


def alternating(
    servers: list[Server], texts: Texts, profile: str, slot: int, seconds: float
) -> list[Run]:
    """One client, each text to every server in turn (ours on and off: same text, same moment)."""
    results = [Result(seconds, PROFILES[profile]) for _ in servers]
    text = lambda index: texts.request(profile, slot, index)  # noqa: E731
    before = [cpu_seconds(server.pid) for server in servers]
    asyncio.run(alternate([f"{server.base}/translate" for server in servers], text, results))
    runs = []
    for server, result, used in zip(servers, results, before, strict=True):
        after = cpu_seconds(server.pid)
        result.cpu = None if used is None or after is None else after - used
        log(f"{profile} × 1 alternating {server.name}: {summary(result)}")
        runs.append(Run(profile, 1, server.name, result, alternating=True))
    return runs


def summary(result: Result) -> str:
    return (
        f"{result.sentences_per_second:.2f} sentences/s, p50 {result.quantile_ms(50):,.0f} ms, "
        f"p99 {result.quantile_ms(99):,.0f} ms, drained at {result.drained:.1f} s"
    )


def refused(logfile: Path) -> list[str]:
    from bench.lt_launch import REFUSED

    text = logfile.read_text(encoding="utf-8", errors="replace") if logfile.exists() else ""
    return [line for line in text.splitlines() if line.startswith(REFUSED)]


def start_servers(
    stack: ExitStack, work: Path, archive: Path, home: lt_env.Home | None, beam: int, threads: int
) -> list[Server]:
    """Ours with batching on and off, and LibreTranslate unless skipped, up until ``stack``
    closes."""
    servers = [
        stack.enter_context(
            ours(work, name, archive, our_env(work / FOLDERS[name], beam, threads, batching))
        )
        for name, batching in OURS.items()
    ]
    if home is not None:
        servers.append(stack.enter_context(libretranslate(home, threads, work / LT_LOG)))
    return servers


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    started, load_before = time.perf_counter(), load_average()
    work = Path(tempfile.mkdtemp(prefix="translator-bench-serve-"))
    created: list[Path] = []
    notes = [f"load average (1, 5, 15 min) before: {load_before}"]
    try:
        archive = build_model(CACHE_DIR if args.keep else work / "model")
        home, beam, beam_source = None, BEAM_SIZE, "argostranslate's default"
        if not args.skip_lt:
            if lt_env.ensure_venv() and not args.keep:
                created.append(lt_env.VENV)
            home = lt_env.prepare(work / "lt", archive, args.threads)
            settings = lt_env.engine_settings(home)
            beam, beam_source = settings.beam_size, "LibreTranslate's"
            notes += lt_notes(settings, args.threads)
        texts, text_notes = build_texts(home, len(args.profiles) * (2 + len(args.loads)))
        with ExitStack() as stack:
            servers = start_servers(stack, work, archive, home, beam, args.threads)
            runs = measure(args, servers, texts)
        attempts = refused(work / LT_LOG)
        notes += [
            *text_notes,
            f"ours: `translator serve` (uvicorn, 1 process), TRANSLATOR_BEAM_SIZE={beam} "
            f"({beam_source}), TRANSLATOR_THREADS={args.threads}, TRANSLATOR_BATCHING=true / "
            "false, everything else at its default: default glossary on, names on (the "
            "requests name no glossary), as users run it",
            (
                f"LibreTranslate network attempts refused: {len(attempts)}"
                + "".join(f"; {line}" for line in attempts[:5])
                if home
                else "LibreTranslate skipped (--skip-lt)"
            ),
            f"load average after: {load_average()}; total {time.perf_counter() - started:.0f} s",
        ]
        print_report(args, runs, notes)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        for path in created:
            shutil.rmtree(path, ignore_errors=True)


def lt_notes(settings: lt_env.EngineSettings, threads: int) -> list[str]:
    from bench.lt_launch import PATCHES

    found = lt_env.versions()
    return [
        "LibreTranslate: " + ", ".join(f"{name} {version}" for name, version in found.items()),
        f"LibreTranslate: `--threads {threads}` (waitress' request threads), "
        f"ARGOS_INTRA_THREADS={settings.intra_threads}, ARGOS_INTER_THREADS="
        f"{settings.inter_threads}; beam size {settings.beam_size} (argos-translate-lt's default "
        f"ARGOS_BEAM_SIZE), batches of {settings.batch_size} tokens, translation cache off "
        "(its default); started by bench/lt_launch.py, which patched: " + "; ".join(PATCHES),
        "LibreTranslate's splitter: MiniSBD with a rule-based minisbd/uk.onnx in the package "
        "(bench/lt_splitter.py; the trained model cannot be fetched here): same per-character "
        "Python decoding, a near-free network, so its splitting costs LibreTranslate a little "
        "less than with the real model",
    ]


def print_report(args: argparse.Namespace, runs: list[Run], notes: list[str]) -> None:
    shape = MODEL_SHAPE
    print(
        f"POST /translate, uk→en copy model {shape['encoder_layers']}+{shape['decoder_layers']} "
        f"layers, d_model {shape['d_model']}, int8; {args.seconds:g} s per load after a "
        f"{WARM_UP[1]:g} s warm-up per profile, requests in flight then finish (timeout "
        f"{REQUEST_TIMEOUT:g} s); client: Python asyncio + httpx in the bench process, to "
        f"{HOST}; machine: {os.cpu_count()} cores ({cpu_model()})\n"
    )
    print("\n".join(table(runs)))
    print()
    print("\n".join(goals(runs)))
    print()
    print("\n".join(f"- {note}" for note in notes))


if __name__ == "__main__":
    main()
