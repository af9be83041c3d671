"""Benchmark (not a test): our engine vs argostranslate vs raw CTranslate2, side by side.

What it measures, all in one run and reported as ratios:

* MT throughput (segments/s) on the same >= 200 unique Ukrainian sentences (the articles in
  ``examples/*.uk.txt`` repeated, every repetition made unique by a number inserted before
  each sentence's final punctuation, so our sentence dedupe gains nothing), at the same beam
  size (4, argostranslate's default), threads, compute type and model:
    - ours: ``translator.pipeline.translate_documents`` (``--from uk``, and ``auto``);
    - argostranslate: ``argostranslate.translate.translate`` on each document whole, with its
      default token batch (``ARGOS_BATCH_SIZE`` 32 tokens); its MiniSBD sentence splitter would
      download a model, so it is replaced by one that calls ``translator.segment.segment``;
    - raw CTranslate2: ``Translator.translate_batch`` on pre-tokenized sentences (tokenization
      not timed), ``max_batch_size`` 32 as ours.
  One warm-up per contender, then ``--repeat`` timed runs interleaved across contenders; the
  best time counts.
* CLI cold start to first output: fresh processes, median of 5, on a one-sentence file:
  ``translator translate FILE --to en --from uk`` (and ``auto``) vs ``argos-translate``, the
  latter through a ``python -c`` wrapper that patches the splitter and calls
  ``argostranslate.cli.main()``.

The model is a realistic-size uk->en "copy" package (6+6 layers, d_model 512, 8 heads, FFN 2048,
vocabulary 8000) built by ``tests/fixtures/build_test_model.py``: real compute, output equal to
the input, so every contender's output is checked against its input. Nothing is written to ~:
``TRANSLATOR_HOME``, ``ARGOS_PACKAGES_DIR`` and ``XDG_*`` point into a temporary folder, and any
network attempt (socket/urllib audit events) aborts the run.

Run from the repository root, in the project's venv::

    python bench/engine.py [--repeat 3] [--sentences 200] [--threads 2] [--keep]

``--keep`` keeps the built model in ``bench/.cache`` for the next run (an existing cached model is
always reused and left in place).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CACHE_DIR = REPO / "bench" / ".cache"
EXAMPLES = sorted((REPO / "examples").glob("*.uk.txt"))

BEAM_SIZE = 4  # argostranslate's default ARGOS_BEAM_SIZE
BATCH_SIZE = 32  # ours (examples) and argostranslate's default (tokens)
CLI_RUNS = 5
CLI_SENTENCE = "Це вже його третя поїздка в Україну на цій посаді."
MODEL_SHAPE: dict[str, int] = {
    "encoder_layers": 6,
    "decoder_layers": 6,
    "d_model": 512,
    "num_heads": 8,
    "ffn_dim": 2048,
    "vocab_size": 8000,
}
# Audit events of network use; urllib.Request counts only for a remote URL (not file://).
NETWORK_EVENTS = {"socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "urllib.Request"}
REMOTE_URL = ("http:", "https:", "ftp:")

# The argostranslate CLI, with its MiniSBD splitter (which downloads a model) replaced by ours.
ARGOS_CLI_WRAPPER = """\
import sys
from argostranslate import cli, translate
from translator.segment import segment

class SegmentSentencizer:
    def __init__(self, pkg):
        self.pkg = pkg

    def split_sentences(self, text):
        return [s.text for s in segment(text, self.pkg.from_code)]

translate.MiniSBDSentencizer = SegmentSentencizer
sys.argv[0] = "argos-translate"
cli.main()
"""

# Prepended to a CLI run: abort at its first network attempt and say what it was.
NETWORK_GUARD = f"""\
import os, sys
def _guard(event, args):
    if event in {sorted(NETWORK_EVENTS)!r} and (
        event != "urllib.Request" or str(args[0]).startswith({REMOTE_URL!r})
    ):
        sys.stderr.write(f"NETWORK ATTEMPT {{event}} {{args[:2]!r}}\\n")
        sys.stderr.flush()
        os._exit(99)
sys.addaudithook(_guard)
"""

NOISY_SPREAD = 0.15  # runs of one measure varying more than this: the machine was busy
TAIL_PUNCTUATION = re.compile(r"[.!?…»\"”)\]]*$")


# --- setup ---------------------------------------------------------------------------------


@dataclass
class Workspace:
    """Temporary folders standing in for ~ (removed at the end) and the model archive."""

    root: Path
    archive: Path

    @property
    def translator_home(self) -> Path:
        return self.root / "translator-home"

    @property
    def argos_packages(self) -> Path:
        return self.root / "argos-packages"

    def xdg(self, kind: str) -> Path:
        return self.root / "xdg" / kind


def log(message: str) -> None:
    """Progress on stderr; stdout carries only the table."""
    print(message, file=sys.stderr, flush=True)


def model_name() -> str:
    s = MODEL_SHAPE
    return (
        f"bench-e{s['encoder_layers']}d{s['decoder_layers']}-m{s['d_model']}h{s['num_heads']}"
        f"f{s['ffn_dim']}v{s['vocab_size']}-int8"
    )


def build_model(dest_dir: Path) -> Path:
    """The copy package of ``MODEL_SHAPE``: from ``bench/.cache`` if there, else built."""
    cached = CACHE_DIR / f"uk_en_{model_name()}.argosmodel"
    if cached.is_file():
        log(f"reusing {cached}")
        return cached
    sys.path.insert(0, str(REPO))
    from tests.fixtures.build_test_model import build_copy_package

    started = time.perf_counter()
    # int8 on disk, as the real Argos packages ship (CTranslate2 then loads it as it is).
    archive = build_copy_package(
        dest_dir, "uk", "en", name=model_name(), seed=0, quantization="int8", **MODEL_SHAPE
    )
    log(f"built {archive} in {time.perf_counter() - started:.1f} s")
    return archive


def point_environment(ws: Workspace, threads: int) -> None:
    """Send every state directory into the workspace and pin the engines' settings.

    Must run before ``translator`` or ``argostranslate`` read their settings.
    """
    for name in list(os.environ):
        if name.startswith(("ARGOS_", "TRANSLATOR_")):
            del os.environ[name]
    os.environ["TRANSLATOR_HOME"] = str(ws.translator_home)
    os.environ["ARGOS_PACKAGES_DIR"] = str(ws.argos_packages)
    os.environ["ARGOS_INTRA_THREADS"] = str(threads)
    os.environ["ARGOS_INTER_THREADS"] = "1"
    for kind in ("data", "config", "cache"):
        os.environ[f"XDG_{kind.upper()}_HOME"] = str(ws.xdg(kind))


def install_packages(ws: Workspace) -> Any:
    """Install the package for ours (``install_file``) and unpack it for argostranslate."""
    import argostranslate.settings as argos_settings  # reads the environment set above

    from translator.models.install import install_file

    assert argos_settings.beam_size == BEAM_SIZE and argos_settings.batch_size == BATCH_SIZE
    model = install_file(ws.archive)
    with zipfile.ZipFile(ws.archive) as zf:
        zf.extractall(ws.argos_packages)
    return model


class NetworkGuard:
    """Audit hook that records and refuses any network attempt in this process."""

    def __init__(self) -> None:
        self.attempts: list[str] = []

    def __call__(self, event: str, args: tuple[Any, ...]) -> None:
        if event not in NETWORK_EVENTS:
            return
        if event != "urllib.Request" or str(args[0]).startswith(REMOTE_URL):
            self.attempts.append(f"{event} {args[:2]!r}")
            raise RuntimeError(f"benchmark must stay offline: {event} {args[:2]!r}")


# --- text ----------------------------------------------------------------------------------


@dataclass
class Corpus:
    documents: list[str]
    sentences: list[str]
    warm_up: str
    warm_up_sentences: list[str]


def mark_document(text: str, mark: int | None) -> tuple[str, list[str]]:
    """``text`` with `` {mark}`` before every sentence's final punctuation, and its sentences.

    Checks that segmenting the marked text gives exactly the marked sentences.
    """
    from translator.segment import segment

    segments = segment(text, "uk")
    if mark is None:
        return text, [s.text for s in segments]
    parts: list[str] = []
    expected: list[str] = []
    cursor = 0
    for seg in segments:
        cut = TAIL_PUNCTUATION.search(seg.text).start()  # type: ignore[union-attr]
        marked = f"{seg.text[:cut]} {mark}{seg.text[cut:]}"
        parts += [text[cursor : seg.start], marked]
        expected.append(marked)
        cursor = seg.end
    parts.append(text[cursor:])
    marked_text = "".join(parts)
    got = [s.text for s in segment(marked_text, "uk")]
    if got != expected:
        raise SystemExit(f"marking with {mark} changed the segmentation; pick another mark")
    return marked_text, expected


def build_corpus(min_sentences: int) -> Corpus:
    """The example articles, repeated (each repetition marked) to reach ``min_sentences``."""
    articles = [p.read_text(encoding="utf-8") for p in EXAMPLES]
    documents: list[str] = []
    sentences: list[str] = []
    repetition = 0
    while len(sentences) < min_sentences:
        for article in articles:
            text, sents = mark_document(article, repetition or None)
            documents.append(text)
            sentences += sents
        repetition += 1
    if len(set(sentences)) != len(sentences):
        raise SystemExit("the corpus repeats a sentence; the dedupe would skew the comparison")
    warm_up, warm_up_sentences = mark_document(articles[0], repetition)
    return Corpus(documents, sentences, warm_up, warm_up_sentences)


# --- contenders ----------------------------------------------------------------------------


@dataclass
class Contender:
    """One way of translating the corpus, timed on the same sentences as the others."""

    name: str
    run: Callable[[], Any]
    warm_up: Callable[[], Any]
    check: Callable[[Any], str]  # "" when the output is right, else what is wrong
    reset: Callable[[], None] = lambda: None
    repeat: int = 3
    times: list[float] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    failed: str = ""

    @property
    def best(self) -> float:
        return min(self.times)


def ours(corpus: Corpus, from_code: str, threads: int, glossary: bool) -> Contender | None:
    """``translate_documents``; without a glossary it does the same work as the others.

    With the default glossary, terms are injected into the MT input, so the copy model's
    output differs from the input exactly there. None if the pipeline has no glossary switch.
    """
    import inspect

    from translator.engine.options import EngineOptions
    from translator.pipeline import translate_documents

    has_glossary = "glossary" in inspect.signature(translate_documents).parameters
    if glossary and not has_glossary:
        return None
    options = EngineOptions(
        beam_size=BEAM_SIZE, intra_threads=threads, inter_threads=1, max_batch_size=BATCH_SIZE
    )
    extra: dict[str, Any] = {} if glossary or not has_glossary else {"glossary": None}

    def translate(documents: list[str]) -> list[Any]:
        return translate_documents(documents, "en", from_code, options=options, **extra)

    def check(out: list[Any]) -> str:
        count = sum(len(d.segments) for d in out)
        if count != len(corpus.sentences):
            return f"{count} segments, expected {len(corpus.sentences)}"
        if [d.source_language for d in out] != ["uk"] * len(out):
            return f"languages {sorted({d.source_language for d in out})}"
        if glossary:
            return ""
        return "" if [d.text for d in out] == corpus.documents else "output differs from input"

    return Contender(
        f"ours --from {from_code}{' + default glossary' if glossary else ''}",
        run=lambda: translate(corpus.documents),
        warm_up=lambda: translate([corpus.warm_up]),
        check=check,
    )


class SegmentSentencizer:
    """argostranslate sentencizer that splits with ``translator.segment`` (no model download)."""

    calls: ClassVar[list[int]] = []  # sentences returned per call, to compare counts

    def __init__(self, pkg: Any) -> None:
        self.pkg = pkg

    def split_sentences(self, text: str) -> list[str]:
        from translator.segment import segment

        sentences = [s.text for s in segment(text, self.pkg.from_code)]
        SegmentSentencizer.calls.append(len(sentences))
        return sentences


def argos(corpus: Corpus) -> Contender:
    import argostranslate.translate as argos_translate

    argos_translate.MiniSBDSentencizer = SegmentSentencizer  # type: ignore[misc,assignment]

    def run() -> list[str]:
        return [argos_translate.translate(doc, "uk", "en") for doc in corpus.documents]

    def reset() -> None:
        # CachedTranslation keeps the last call's paragraphs; start every run cold.
        for installed in argos_translate.installed_translates:
            installed.cached_translation.cache = {}
        SegmentSentencizer.calls.clear()

    def check(out: list[str]) -> str:
        count = sum(SegmentSentencizer.calls)
        if count != len(corpus.sentences):
            return f"{count} sentences, expected {len(corpus.sentences)}"
        if out == corpus.documents:
            return ""
        same_words = [o.split() for o in out] == [d.split() for d in corpus.documents]
        return "output differs in whitespace only" if same_words else "output differs from input"

    return Contender(
        "argostranslate",
        run=run,
        warm_up=lambda: argos_translate.translate(corpus.warm_up, "uk", "en"),
        check=check,
        reset=reset,
    )


def raw(corpus: Corpus, model: Any, threads: int) -> tuple[Contender, int, str]:
    """Raw CTranslate2 on pre-tokenized sentences; also the token count and compute type."""
    import ctranslate2
    import sentencepiece

    processor = sentencepiece.SentencePieceProcessor(
        model_file=str(model.path / "sentencepiece.model")
    )
    tokens = processor.encode(corpus.sentences, out_type=str)
    warm_up_tokens = processor.encode(corpus.warm_up_sentences, out_type=str)
    translator = ctranslate2.Translator(
        str(model.model_dir),
        device="cpu",
        compute_type="auto",
        intra_threads=threads,
        inter_threads=1,
    )

    def translate(batch: list[list[str]]) -> list[Any]:
        return translator.translate_batch(
            batch,
            beam_size=BEAM_SIZE,
            max_batch_size=BATCH_SIZE,
            length_penalty=0.2,
            return_scores=True,
        )

    def check(out: list[Any]) -> str:
        same = [r.hypotheses[0] for r in out] == tokens
        return "" if same else "output tokens differ from input tokens"

    contender = Contender(
        "raw ctranslate2",
        run=lambda: translate(tokens),
        warm_up=lambda: translate(warm_up_tokens),
        check=check,
    )
    return contender, sum(len(t) for t in tokens), translator.compute_type


def measure(contenders: list[Contender]) -> None:
    """Warm every contender up, then time rounds, interleaved, each its ``repeat`` times."""
    for contender in contenders:
        started = time.perf_counter()
        try:
            contender.warm_up()
        except Exception as exc:  # e.g. detection being edited elsewhere: report, go on
            contender.failed = f"{type(exc).__name__}: {exc}"
        log(f"warm-up {contender.name}: {time.perf_counter() - started:.1f} s {contender.failed}")
    for round_number in range(max(c.repeat for c in contenders)):
        for contender in contenders:
            if contender.failed or round_number >= contender.repeat:
                continue
            contender.reset()
            started = time.perf_counter()
            try:
                out = contender.run()
            except Exception as exc:  # e.g. detection being edited elsewhere: report, go on
                contender.failed = f"{type(exc).__name__}: {exc}"
                contender.times.clear()
                continue
            elapsed = time.perf_counter() - started
            contender.times.append(elapsed)
            problem = contender.check(out)
            if problem:
                contender.problems.append(problem)
            log(f"round {round_number + 1} {contender.name}: {elapsed:.2f} s {problem}")


# --- CLI cold start ------------------------------------------------------------------------


@dataclass
class ColdStart:
    name: str
    command: list[str]
    env: dict[str, str]
    times: list[float] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.times)


def cli_environment(ws: Workspace) -> dict[str, str]:
    """The process environment with every state folder in the workspace, settings at defaults."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ARGOS_", "TRANSLATOR_"))}
    env["TRANSLATOR_HOME"] = str(ws.translator_home)
    env["ARGOS_PACKAGES_DIR"] = str(ws.argos_packages)
    return env


def cold_starts(ws: Workspace) -> list[ColdStart]:
    source = ws.root / "one-sentence.uk.txt"
    source.write_text(CLI_SENTENCE + "\n", encoding="utf-8")
    env = cli_environment(ws)
    ours_cmd = [str(BIN / "translator"), "translate", str(source), "--to", "en"]
    argos_args = ["--from-lang", "uk", "--to-lang", "en", CLI_SENTENCE]
    help_text = subprocess.run(
        [*ours_cmd[:2], "--help"], env=env, capture_output=True, text=True, check=False
    ).stdout
    no_glossary = [
        ColdStart("ours --from uk --no-glossary", [*ours_cmd, "--from", "uk", "--no-glossary"], env)
    ]
    return [
        ColdStart("ours --from uk", [*ours_cmd, "--from", "uk"], env),
        *(no_glossary if "--no-glossary" in help_text else []),
        ColdStart("ours --from auto", ours_cmd, env),
        ColdStart("argostranslate", [sys.executable, "-c", ARGOS_CLI_WRAPPER, *argos_args], env),
    ]


def run_cold(start: ColdStart) -> None:
    started = time.perf_counter()
    done = subprocess.run(start.command, env=start.env, capture_output=True, text=True, timeout=300)
    start.times.append(time.perf_counter() - started)
    if done.returncode != 0 or done.stdout.strip() != CLI_SENTENCE:
        start.problems.append(f"exit {done.returncode}: {(done.stdout + done.stderr).strip()!r}")


def measure_cold_starts(starts: list[ColdStart], runs: int) -> None:
    """One untimed run each (disk cache warm), then ``runs`` timed runs, interleaved."""
    for start in starts:
        run_cold(start)
        start.times.clear()
    for _ in range(runs):
        for start in starts:
            run_cold(start)
    for start in starts:
        log(f"cold start {start.name}: {', '.join(f'{t:.2f}' for t in start.times)} s")


def argos_cli_network(ws: Workspace, patched: bool) -> str:
    """The first network attempt of the argostranslate CLI (stopped there), or "none"."""
    cli = ARGOS_CLI_WRAPPER if patched else "from argostranslate.cli import main\nmain()\n"
    code = NETWORK_GUARD + cli
    command = [sys.executable, "-c", code, "--from-lang", "uk", "--to-lang", "en", CLI_SENTENCE]
    done = subprocess.run(
        command, env=cli_environment(ws), capture_output=True, text=True, timeout=300
    )
    attempt = [line for line in done.stderr.splitlines() if line.startswith("NETWORK ATTEMPT")]
    return attempt[0].removeprefix("NETWORK ATTEMPT ") if attempt else "none"


# --- report --------------------------------------------------------------------------------


def speed(contender: Contender, count: int) -> str:
    if not contender.times:
        return f"failed: {contender.failed}" if contender.failed else "—"
    return (
        f"{count / contender.best:.1f} seg/s "
        f"({contender.best:.2f} s, best of {len(contender.times)})"
    )


def verdict(value: float, goal: float, higher: bool) -> str:
    ok = value >= goal if higher else value <= goal
    return f"{value:.2f}× {'✓' if ok else '✗'}"


def ratios(ours_run: Contender, argos_run: Contender, raw_run: Contender) -> str:
    if not ours_run.times:
        return "—"
    return (
        f"ours/argos {argos_run.best / ours_run.best:.2f}×, "
        f"ours/raw {raw_run.best / ours_run.best:.2f}×"
    )


def throughput_rows(contenders: dict[str, Contender], count: int) -> list[str]:
    uk, arg, rw = (contenders[n] for n in ("ours --from uk", "argostranslate", "raw ctranslate2"))
    rows = [
        f"| MT throughput `--from uk`, no glossary (same work as the others) | "
        f"{speed(uk, count)} | {speed(arg, count)} | {speed(rw, count)} | "
        f"ours/argos {verdict(arg.best / uk.best, 3.0, True)} | ≥ 3× |",
        f"| ″ | | | | ours/raw {verdict(rw.best / uk.best, 0.9, True)} | ≥ 0.9× |",
    ]
    extra = {
        "ours --from uk + default glossary": "`--from uk` with the default glossary",
        "ours --from auto": "`--from auto` (detection included), no glossary",
    }
    for name, label in extra.items():
        if name in contenders:
            ours_run = contenders[name]
            rows.append(
                f"| MT throughput {label} | {speed(ours_run, count)} | — | — | "
                f"{ratios(ours_run, arg, rw)} | — |"
            )
    return rows


def cold_start_rows(starts: dict[str, ColdStart]) -> list[str]:
    argos_cli = starts.pop("argostranslate")
    rows = []
    for name, start in starts.items():
        options = name.removeprefix("ours ")
        ratio = start.median / argos_cli.median
        goal = name == "ours --from uk"
        rows.append(
            f"| CLI cold start to first output `translator translate FILE --to en {options}`"
            f"{' (default: glossary on)' if goal else ''}, median of {len(start.times)} | "
            f"{start.median:.2f} s (best {min(start.times):.2f} s) | {argos_cli.median:.2f} s "
            f"(best {min(argos_cli.times):.2f} s; `--from-lang uk`) | — | "
            f"ours/argos {verdict(ratio, 0.25, False) if goal else f'{ratio:.2f}×'} "
            f"(bests {min(start.times) / min(argos_cli.times):.2f}×) | "
            f"{'≤ 0.25×' if goal else '—'} |"
        )
    return rows


def table(contenders: list[Contender], starts: list[ColdStart], count: int) -> list[str]:
    return [
        "| measure | ours | argostranslate | raw ctranslate2 | ratio | goal |",
        "|---|---|---|---|---|---|",
        *throughput_rows({c.name: c for c in contenders}, count),
        *cold_start_rows({s.name: s for s in starts}),
    ]


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown CPU"


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def footer(
    args: argparse.Namespace, corpus: Corpus, tokens: int, compute_type: str, notes: list[str]
) -> list[str]:
    import ctranslate2

    shape = MODEL_SHAPE
    return [
        "",
        f"- machine: nproc {os.cpu_count()} ({cpu_model()}), Python {sys.version.split()[0]}, "
        f"ctranslate2 {ctranslate2.__version__}, compute type auto → {compute_type}; "
        f"in-process intra_threads {args.threads} for all three, CLIs at their defaults",
        f"- model: uk→en copy transformer {shape['encoder_layers']}+{shape['decoder_layers']} "
        f"layers, d_model {shape['d_model']}, {shape['num_heads']} heads, "
        f"FFN {shape['ffn_dim']}, vocabulary {shape['vocab_size']} "
        "(int8 on disk, as Argos packages ship)",
        f"- text: {len(corpus.sentences)} unique sentences in {len(corpus.documents)} documents "
        f"({len(EXAMPLES)} example articles × {len(corpus.documents) // len(EXAMPLES)}), "
        f"{tokens} SentencePiece tokens; beam {BEAM_SIZE}, length_penalty 0.2; batches: ours and "
        f"raw {BATCH_SIZE} sentences, argostranslate {BATCH_SIZE} tokens (its default)",
        f"- command: `python {' '.join(sys.argv)}`",
        *[f"- {note}" for note in notes],
    ]


def spread_note(contenders: list[Contender], starts: list[ColdStart]) -> str:
    """Run-to-run spread (slowest/fastest - 1) of every measure; a warning when it is large."""
    runs = [(c.name, c.times) for c in contenders] + [(f"CLI {s.name}", s.times) for s in starts]
    spreads = {name: max(times) / min(times) - 1 for name, times in runs if len(times) > 1}
    worst = max(spreads.values(), default=0.0)
    listed = ", ".join(f"{name} {spread:.0%}" for name, spread in spreads.items())
    if worst <= NOISY_SPREAD:
        return f"run-to-run spread (slowest/fastest - 1): {listed}"
    return (
        f"WARNING: noisy machine, run-to-run spread up to {worst:.0%} (slowest/fastest - 1: "
        f"{listed}); other processes competed for the CPUs, rerun when it is idle"
    )


def run_notes(contenders: list[Contender], starts: list[ColdStart], count: int) -> list[str]:
    notes = []
    for contender in contenders:
        problems = sorted(set(contender.problems))
        if contender.failed:
            problems.append(f"FAILED {contender.failed}")
        wanted = "" if "glossary" in contender.name else ", output == input"
        notes.append(
            f"{contender.name}: runs {', '.join(f'{t:.2f}' for t in contender.times)} s; "
            f"check (same {count} sentences{wanted}): {'; '.join(problems) or 'ok'}"
        )
    for start in starts:
        notes.append(
            f"CLI {start.name}: runs {', '.join(f'{t:.2f}' for t in start.times)} s; "
            f"check (output == input): {'; '.join(sorted(set(start.problems))) or 'ok'}"
        )
    return notes


# --- main ----------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--repeat", type=int, default=3, help="timed runs per contender (after one warm-up)"
    )
    parser.add_argument(
        "--repeat-vs-raw",
        type=int,
        default=5,
        help="timed runs of ours --from uk and raw ctranslate2 (their ratio is close to 1, "
        "so they get more runs; cheap next to argostranslate's)",
    )
    parser.add_argument("--sentences", type=int, default=200, help="minimum sentence count")
    parser.add_argument("--threads", type=int, default=2, help="CTranslate2 intra_threads")
    parser.add_argument("--keep", action="store_true", help="keep the model in bench/.cache")
    return parser.parse_args(argv)


def make_workspace(keep: bool) -> Workspace:
    """A temporary root; the model goes into ``bench/.cache`` with ``keep``, else into the root."""
    root = Path(tempfile.mkdtemp(prefix="translator-bench-"))
    return Workspace(root, build_model(CACHE_DIR if keep else root / "model"))


def contenders_for(
    corpus: Corpus, model: Any, args: argparse.Namespace
) -> tuple[list[Contender], int, str]:
    """All in-process contenders (main comparison first), the token count and compute type."""
    raw_run, tokens, compute_type = raw(corpus, model, args.threads)
    ours_uk = ours(corpus, "uk", args.threads, glossary=False)
    assert ours_uk is not None
    ours_uk.repeat = raw_run.repeat = max(args.repeat_vs_raw, args.repeat)
    extras = [
        ours(corpus, "uk", args.threads, glossary=True),
        ours(corpus, "auto", args.threads, glossary=False),
    ]
    contenders = [ours_uk, argos(corpus), raw_run, *[c for c in extras if c is not None]]
    for contender in contenders[3:] + contenders[1:2]:
        contender.repeat = args.repeat
    return contenders, tokens, compute_type


def main(argv: list[str] | None = None) -> None:
    started = time.perf_counter()
    load_before = load()
    args = parse_args(argv)
    ws = make_workspace(args.keep)
    try:
        point_environment(ws, args.threads)
        guard = NetworkGuard()
        sys.addaudithook(guard)
        model = install_packages(ws)
        corpus = build_corpus(args.sentences)
        log(f"{len(corpus.sentences)} sentences in {len(corpus.documents)} documents")

        contenders, tokens, compute_type = contenders_for(corpus, model, args)
        measure(contenders)
        for contender in contenders[:3]:
            if contender.failed:
                raise SystemExit(f"{contender.name} failed: {contender.failed}")

        unpatched = argos_cli_network(ws, patched=False)
        patched = argos_cli_network(ws, patched=True)
        starts = cold_starts(ws)
        measure_cold_starts(starts, CLI_RUNS)

        notes = [
            "argostranslate CLI run as a `python -c` wrapper: MiniSBDSentencizer → "
            "translator.segment, then argostranslate.cli.main(); stock argos-translate "
            f"offline first tries the network: {unpatched}; patched wrapper: {patched}",
            f"network attempts in the benchmark process: {len(guard.attempts)}",
            *run_notes(contenders, starts, len(corpus.sentences)),
            spread_note(contenders, starts),
            f"load average before: {load_before}, after: {load()}; "
            f"total benchmark time: {time.perf_counter() - started:.0f} s",
        ]
        lines = table(contenders, starts, len(corpus.sentences))
        print("\n".join([*lines, *footer(args, corpus, tokens, compute_type, notes)]))
    finally:
        shutil.rmtree(ws.root, ignore_errors=True)


if __name__ == "__main__":
    main()
