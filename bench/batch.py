"""Benchmark (not a test): ``translator batch`` on many files, against the engine and Argos.

What it measures, all in one run, side by side (ratios are what count on a shared machine):

1. Peak memory against the number of files: ``translator batch DIR --to en --from uk
   --no-glossary --out OUT --quiet --json`` on ``--files`` (1000) small ``.txt`` files and on
   ``--small`` (100) files of the same kind: two Ukrainian sentences each, taken in turn from
   ``examples/*.uk.txt``, every file made unique by its number inserted before each sentence's
   final punctuation (so the batch's sentence dedupe gains nothing). Each run is a fresh process
   (``python -c`` running the ``translator.cli`` module under a network guard) started by a fresh
   wrapper process that reports ``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss`` after it ends:
   the peak RSS of the batch process alone. ``--repeat`` runs per size, interleaved; the median
   counts. Goal: RSS(files) / RSS(small) <= 1.2.
2. Throughput, sentences/s: the ``--files`` batch run (wall time of its process, start-up and
   model load included; sentences: the sum of the ``sentences`` column of its ``--json`` rows)
   against ``translator.pipeline.translate_documents`` on the same texts (each file's content one
   document) in one call in this process, after a warm-up (sentences: its segments). Best of
   ``--repeat``. Goal: batch >= 0.9x the engine. A diagnostic beside it: the engine called once
   per window of files (``translator.batch.run.WINDOW_FILES`` texts a call), as the batch hands
   them over, which tells the cost of the window size from the cost of the rest of the batch.
3. Office files against argos-translate-files (``argostranslatefiles.translate_file``, the Argos
   project's file translator, version 1.4.4): ``--office`` DOCX files (python-docx) and as many
   HTML files, each a title and four paragraphs of two sentences with one bold word (and, in
   HTML, one link). Ours: one ``translator batch`` process over the folder; theirs: one Python
   process (in its own venv, ``bench/.cache/atf-venv``, made on first use) looping
   ``translate_file`` over the files, its MiniSBD splitter replaced by ``translator.segment`` as
   in ``bench/engine.py``. Wall time of each process, start-up included for both; best of
   ``--repeat``, interleaved. Goal: ours >= 3x faster. Also measured, not asserted: whether each
   tool's outputs are translated (the copy model's output text equals the input text) and whether
   the inline formatting survives (bold runs / ``<b>`` and ``<a href>`` elements, in and out).

Everything uses the realistic-size uk->en copy model of ``bench/engine.py``, beam 4 and
``--threads`` CTranslate2 threads (``TRANSLATOR_THREADS`` / ``ARGOS_INTRA_THREADS``), no glossary
(the copy model's output equals its input only without one, and Argos has none). Nothing is
written to ~: ``TRANSLATOR_HOME``, ``ARGOS_PACKAGES_DIR`` and ``XDG_*`` point into a temporary
folder, and any network attempt aborts the run (this process: audit hook; the subprocesses: the
same guard prepended to their code).

Run from the repository root, in the project's venv::

    python bench/batch.py [--files 1000] [--small 100] [--office 20] [--threads 2] [--keep]
                          [--repeat 1]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.engine import (  # noqa: E402
    BATCH_SIZE,
    BEAM_SIZE,
    CACHE_DIR,
    EXAMPLES,
    NETWORK_GUARD,
    NetworkGuard,
    Workspace,
    cpu_model,
    install_packages,
    load,
    log,
    make_workspace,
    mark_document,
    point_environment,
    verdict,
)

if TYPE_CHECKING:
    from translator.batch.report import Row

SENTENCES_PER_FILE = 2
OFFICE_PARAGRAPHS = 4
OFFICE_SENTENCES = 2  # per paragraph
OFFICE_MARKS = 100_000  # office files are numbered from here, apart from the .txt files
ARGOS_FILES_VERSION = "1.4.4"
ARGOS_VENV = CACHE_DIR / "atf-venv"
# torch first, pinned to the CPU build this machine's pip finds on disk (else pip would pull a
# CUDA build of several GB), then argos-translate-files and the argostranslate it translates with;
# tokenize_uk (the project's version) for translator.segment, its patched sentence splitter.
ARGOS_VENV_INSTALLS = (
    ["torch==2.13.0"],
    [f"argos-translate-files=={ARGOS_FILES_VERSION}", "argostranslate"],
)
ARGOS_VENV_CHECK = "import argostranslatefiles, tokenize_uk"
FINAL_PUNCTUATION = re.compile(r"[.!?…][»\"”)\]]*$")

# Runs the command in argv[2:] and writes its wall time, exit code, CPU time (user + sys, all its
# threads) and peak RSS (KiB on Linux: the largest of the waited-for children, here the command
# alone) as JSON to argv[1].
RSS_WRAPPER = """\
import json, resource, subprocess, sys, time
started = time.perf_counter()
code = subprocess.call(sys.argv[2:])
seconds = time.perf_counter() - started
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(sys.argv[1], "w") as out:
    json.dump({"returncode": code, "seconds": seconds, "max_rss_kib": usage.ru_maxrss,
               "cpu_seconds": usage.ru_utime + usage.ru_stime}, out)
"""

# ``python -m translator.cli`` behind the network guard.
OURS_CLI = NETWORK_GUARD + "import runpy\nrunpy.run_module('translator.cli', run_name='__main__')\n"

# argos-translate-files over argv[2:], outputs into the folder argv[1], splitter patched.
ARGOS_FILES_RUNNER = (
    NETWORK_GUARD
    + f"""\
import os
sys.path.append({str(REPO)!r})
from argostranslate import translate
from argostranslatefiles import argostranslatefiles
from bench.engine import SegmentSentencizer

translate.MiniSBDSentencizer = SegmentSentencizer
translation = translate.get_translation_from_codes("uk", "en")

def output_path(underlying_translation, file_path):
    return os.path.join(sys.argv[1], os.path.basename(file_path))

for path in sys.argv[2:]:
    if not argostranslatefiles.translate_file(translation, path, output_path):
        sys.exit(f"argos-translate-files does not take {{path}}")
"""
)


# --- files ---------------------------------------------------------------------------------


def sentence_pool() -> list[str]:
    """The example articles' sentences that end in punctuation (headlines would merge)."""
    pool = [s for p in EXAMPLES for s in mark_document(p.read_text(encoding="utf-8"), None)[1]]
    return [s for s in pool if FINAL_PUNCTUATION.search(s)]


def marked_paragraph(pool: list[str], start: int, count: int, mark: int) -> str:
    """``count`` pool sentences from ``start`` (in turn), marked with ``mark``."""
    sentences = [pool[(start + n) % len(pool)] for n in range(count)]
    return mark_document(" ".join(sentences), mark)[0]


def write_text_files(folder: Path, pool: list[str], count: int) -> list[str]:
    """``count`` files ``NNNN.uk.txt`` in ``folder`` (file n marked n + 1); their texts."""
    folder.mkdir(parents=True)
    texts = []
    for n in range(count):
        text = marked_paragraph(pool, n * SENTENCES_PER_FILE, SENTENCES_PER_FILE, n + 1) + "\n"
        (folder / f"{n:05d}.uk.txt").write_text(text, encoding="utf-8")
        texts.append(text)
    return texts


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of an office file: its text and the words made bold and linked."""

    text: str
    bold: str
    link: str

    def pieces(self) -> list[tuple[str, str]]:
        """The text as (kind, piece): kind "" plain, "b" bold, "a" link."""
        words = self.text.split(" ")
        kinds = {words.index(self.bold): "b", words.index(self.link): "a"}
        return [(kinds.get(n, ""), (" " if n else "") + word) for n, word in enumerate(words)]


def office_paragraphs(pool: list[str], number: int) -> list[Paragraph]:
    """The paragraphs of office file ``number``: bold the second word, link the fifth letters-only
    word (words with digits or punctuation are skipped so both tools see plain words)."""
    paragraphs = []
    for p in range(OFFICE_PARAGRAPHS):
        start = (number * OFFICE_PARAGRAPHS + p) * OFFICE_SENTENCES
        text = marked_paragraph(pool, start, OFFICE_SENTENCES, OFFICE_MARKS + number)
        words = [w for w in dict.fromkeys(text.split(" ")) if w.isalpha()]
        paragraphs.append(Paragraph(text, words[1], words[4]))
    return paragraphs


def write_docx(path: Path, title: str, paragraphs: list[Paragraph]) -> None:
    import docx

    document = docx.Document()
    document.add_heading(title, level=1)
    for paragraph in paragraphs:
        out = document.add_paragraph()
        for kind, piece in paragraph.pieces():
            run = out.add_run(piece)
            run.bold = kind == "b" or None
    document.save(str(path))


def write_html(path: Path, title: str, paragraphs: list[Paragraph], number: int) -> None:
    from html import escape

    body = []
    for p, paragraph in enumerate(paragraphs):
        parts = []
        for kind, piece in paragraph.pieces():
            space, word = (" ", piece[1:]) if piece.startswith(" ") else ("", piece)
            if kind == "b":
                parts.append(f"{space}<b>{escape(word)}</b>")
            elif kind == "a":
                href = f"https://example.org/{number}/{p}"
                parts.append(f'{space}<a href="{href}">{escape(word)}</a>')
            else:
                parts.append(escape(piece))
        body.append(f"<p>{''.join(parts)}</p>")
    path.write_text(
        '<!DOCTYPE html>\n<html lang="uk">\n<head><meta charset="utf-8">'
        f"<title>{escape(title)}</title></head>\n<body>\n<h1>{escape(title)}</h1>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n",
        encoding="utf-8",
    )


def write_office_files(folder: Path, pool: list[str], count: int) -> list[Path]:
    """``count`` DOCX and ``count`` HTML files in ``folder``, each with its own sentences."""
    folder.mkdir(parents=True)
    paths = []
    for n in range(2 * count):
        paragraphs = office_paragraphs(pool, n)
        title = marked_paragraph(pool, 7 * n, 1, OFFICE_MARKS + n)
        if n < count:
            path = folder / f"doc{n:03d}.docx"
            write_docx(path, title, paragraphs)
        else:
            path = folder / f"page{n:03d}.html"
            write_html(path, title, paragraphs, n)
        paths.append(path)
    return paths


# --- processes -----------------------------------------------------------------------------


@dataclass
class Run:
    """One measured process: wall time, peak RSS, exit code, CPU time, and what it printed."""

    seconds: float
    max_rss_kib: int
    cpu_seconds: float
    returncode: int
    stdout: str
    stderr: str


def run_measured(command: list[str], scratch: Path) -> Run:
    """``command`` in a fresh wrapper process that reports its peak RSS."""
    report = scratch / "measure.json"
    done = subprocess.run(
        [sys.executable, "-c", RSS_WRAPPER, str(report), *command],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    measured = json.loads(report.read_text(encoding="utf-8"))
    report.unlink()
    return Run(
        measured["seconds"],
        measured["max_rss_kib"],
        measured["cpu_seconds"],
        measured["returncode"],
        done.stdout,
        done.stderr,
    )


def ours_batch(source: Path, out: Path) -> list[str]:
    """The ``translator batch`` command: every file of ``source`` into ``out``, JSON rows."""
    shutil.rmtree(out, ignore_errors=True)
    return [
        sys.executable,
        "-c",
        OURS_CLI,
        "batch",
        str(source),
        "--to",
        "en",
        "--from",
        "uk",
        "--no-glossary",
        "--out",
        str(out),
        "--quiet",
        "--json",
    ]


def argos_files(paths: list[Path], out: Path) -> list[str]:
    """The argos-translate-files runner: every path into ``out``."""
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    python = ARGOS_VENV / "bin" / "python"
    return [str(python), "-c", ARGOS_FILES_RUNNER, str(out), *map(str, paths)]


def rows(run: Run) -> list[Row]:
    """The ``--json`` rows of a batch run."""
    from translator.batch.report import Row

    return [Row(**json.loads(line)) for line in run.stdout.splitlines() if line.startswith("{")]


def problem(run: Run, files: int) -> str:
    """What went wrong in a batch run ("" when every file is done)."""
    done = [row for row in rows(run) if row.status == "done"]
    if run.returncode == 0 and len(done) == files:
        return ""
    tail = (run.stderr.strip().splitlines() or [""])[-1]
    failed = {row.error for row in rows(run) if row.status == "failed"}
    return f"exit {run.returncode}, {len(done)}/{files} done {sorted(failed)[:2]} {tail}"


def ensure_argos_venv() -> str:
    """The argos-translate-files venv (made on first use); the argostranslate it imports."""
    from importlib.metadata import version

    python = ARGOS_VENV / "bin" / "python"
    ready = python.exists() and not subprocess.run([python, "-c", ARGOS_VENV_CHECK]).returncode
    if not ready:
        log(f"making {ARGOS_VENV} (torch, argos-translate-files {ARGOS_FILES_VERSION}) ...")
        subprocess.run([sys.executable, "-m", "venv", str(ARGOS_VENV)], check=True)
        tokenizer = [f"tokenize_uk=={version('tokenize_uk')}"]
        for packages in (*ARGOS_VENV_INSTALLS, tokenizer):
            pip = [str(python), "-m", "pip", "install", "-q", *packages]
            subprocess.run(pip, check=True)
    versions = subprocess.run(
        [
            str(python),
            "-c",
            "from importlib.metadata import version as v; "
            "print(v('argos-translate-files'), v('argostranslate'), v('torch'))",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return f"argos-translate-files {versions[0]}, argostranslate {versions[1]}, torch {versions[2]}"


# --- measures ------------------------------------------------------------------------------


@dataclass
class Series:
    """The runs of one contender of one measure."""

    name: str
    files: int = 0
    runs: list[Run] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def best(self) -> float:
        return min(r.seconds for r in self.runs)

    @property
    def best_cpu(self) -> float:
        return min(r.cpu_seconds for r in self.runs)

    @property
    def rss_mib(self) -> float:
        return statistics.median(r.max_rss_kib for r in self.runs) / 1024

    def times(self) -> str:
        return ", ".join(f"{r.seconds:.2f}" for r in self.runs)

    def memory(self) -> str:
        return ", ".join(f"{r.max_rss_kib / 1024:.0f}" for r in self.runs)


def cpu_seconds() -> float:
    """User + system CPU time of this process so far, all threads."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


@dataclass
class EngineRuns:
    """The in-process engine on the large set: times, and the segments it translated."""

    name: str
    times: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)  # CPU seconds (user + sys) of each run
    segments: int = 0
    problems: list[str] = field(default_factory=list)

    def run(self, translate: Callable[[list[str]], list[Any]], chunks: list[list[str]]) -> None:
        """Translate each chunk in turn (one call each), timed as a whole, checked."""
        started, cpu = time.perf_counter(), cpu_seconds()
        out = [document for chunk in chunks for document in translate(chunk)]
        self.times.append(time.perf_counter() - started)
        self.cpu.append(cpu_seconds() - cpu)
        self.segments = sum(len(d.segments) for d in out)
        if [d.text for d in out] != [text for chunk in chunks for text in chunk]:
            self.problems.append("output differs from input")
        log(f"{self.name}: {self.times[-1]:.2f} s")

    def speed(self) -> float:
        return self.segments / min(self.times)

    def describe(self) -> str:
        return f"{self.speed():.1f}/s ({min(self.times):.2f} s, best of {len(self.times)})"


@dataclass
class TextRuns:
    """Parts 1 and 2: the batch runs and the engine runs on the text files."""

    one: Series
    small: Series
    large: Series
    engine: EngineRuns  # all texts in one call
    windowed: EngineRuns  # one call per window of files, as the batch reads them
    window: int


def engine_translator(threads: int) -> Callable[[list[str]], list[Any]]:
    from translator.engine.options import EngineOptions
    from translator.pipeline import translate_documents

    options = EngineOptions(
        beam_size=BEAM_SIZE, intra_threads=threads, inter_threads=1, max_batch_size=BATCH_SIZE
    )
    return lambda texts: translate_documents(texts, "en", "uk", options=options, glossary=None)


def measure_text(root: Path, pool: list[str], args: argparse.Namespace) -> TextRuns:
    """Parts 1 and 2: the small and large batch runs and the engine runs, interleaved; first the
    one-file batch run that warms the disk cache (its time: start-up and model load)."""
    from translator.batch.run import WINDOW_FILES  # small files: WINDOW_CHARS is never reached

    large_texts = write_text_files(root / "large", pool, args.files)
    write_text_files(root / "small", pool, args.small)
    (root / "one").mkdir()
    shutil.copy(root / "large" / "00000.uk.txt", root / "one")
    translate = engine_translator(args.threads)
    warm_up = [marked_paragraph(pool, 0, SENTENCES_PER_FILE, args.files + n + 1) for n in range(8)]
    windows = [large_texts[n : n + WINDOW_FILES] for n in range(0, len(large_texts), WINDOW_FILES)]
    runs = TextRuns(
        Series("batch, 1 file", 1),
        Series(f"batch, {args.small} files", args.small),
        Series(f"batch, {args.files} files", args.files),
        EngineRuns("engine, one call"),
        EngineRuns(f"engine, one call per {WINDOW_FILES} files"),
        WINDOW_FILES,
    )
    run = run_measured(ours_batch(root / "one", root / "out-one"), root)
    runs.one.runs.append(run)
    runs.one.problems.append(problem(run, 1))
    started = time.perf_counter()
    translate(warm_up)
    warm = time.perf_counter() - started
    log(f"warm-up: batch of 1 file {run.seconds:.2f} s, engine {warm:.2f} s")

    for round_number in range(args.repeat):
        for series, folder in ((runs.small, "small"), (runs.large, "large")):
            run = run_measured(ours_batch(root / folder, root / f"out-{folder}"), root)
            series.runs.append(run)
            series.problems.append(problem(run, series.files))
            log(
                f"round {round_number + 1} {series.name}: {run.seconds:.2f} s, "
                f"{run.max_rss_kib / 1024:.0f} MiB {series.problems[-1]}"
            )
        runs.engine.run(translate, [large_texts])
        runs.windowed.run(translate, windows)
    outputs = sorted((root / "out-large").rglob("*.txt"))
    if [p.read_text(encoding="utf-8") for p in outputs] != large_texts:
        runs.large.problems.append("batch output differs from input")
    return runs


# --- office files --------------------------------------------------------------------------


@dataclass(frozen=True)
class Facts:
    """What an office file says: its text (paragraphs, one a line), its bold pieces, its links."""

    text: str
    bold: tuple[str, ...]
    links: tuple[tuple[str, str], ...] = ()


def docx_facts(path: Path) -> Facts:
    import docx

    paragraphs = docx.Document(str(path)).paragraphs
    bold = tuple(r.text.strip() for p in paragraphs for r in p.runs if r.bold and r.text.strip())
    return Facts("\n".join(p.text for p in paragraphs), bold)


def html_facts(path: Path) -> Facts:
    import lxml.html

    root = lxml.html.fromstring(path.read_bytes())
    blocks = root.xpath("//title | //h1 | //p")
    bold = tuple(b.text_content().strip() for b in root.iter("b", "strong"))
    links = tuple((a.get("href", ""), a.text_content().strip()) for a in root.iter("a"))
    return Facts("\n".join(b.text_content() for b in blocks), bold, links)


def facts(path: Path) -> Facts:
    return docx_facts(path) if path.suffix == ".docx" else html_facts(path)


@dataclass
class Kept:
    """How one tool's outputs of one format compare with their inputs."""

    files: int = 0
    present: int = 0
    text_same: int = 0
    text_same_spacing_aside: int = 0
    bold_in: int = 0
    bold_out: int = 0
    bold_same: int = 0  # files whose bold pieces are exactly the input's
    links_in: int = 0
    links_out: int = 0
    links_same: int = 0

    def add(self, source: Path, output: Path | None) -> None:
        before = facts(source)
        self.files += 1
        self.bold_in += len(before.bold)
        self.links_in += len(before.links)
        try:
            after = facts(output) if output is not None else None
        except Exception:  # a broken output (e.g. a tool stopped midway) is no output
            after = None
        if after is None:
            return
        self.present += 1
        self.text_same += after.text == before.text
        self.text_same_spacing_aside += after.text.split() == before.text.split()
        self.bold_out += len(after.bold)
        self.bold_same += after.bold == before.bold
        self.links_out += len(after.links)
        self.links_same += after.links == before.links

    def translated(self) -> str:
        return (
            f"{self.text_same}/{self.files} (spacing aside {self.text_same_spacing_aside}/"
            f"{self.files}; outputs {self.present}/{self.files})"
        )

    def formatting(self) -> str:
        said = f"bold {self.bold_in} → {self.bold_out} (same in {self.bold_same}/{self.files})"
        if self.links_in:
            said += f", links {self.links_in} → {self.links_out} (same in {self.links_same})"
        return said


def keeps(outputs: dict[Path, Path | None]) -> dict[str, Kept]:
    """Per format (DOCX, HTML): how the outputs (input → output, None: none) kept the inputs."""
    kept = {"DOCX": Kept(), "HTML": Kept()}
    for source, output in outputs.items():
        kept["DOCX" if source.suffix == ".docx" else "HTML"].add(source, output)
    return kept


def our_formats() -> list[str]:
    """Which of DOCX and HTML our batch has registered."""
    from translator.batch.formats import MODULES

    return [name for name in ("docx", "html") if name in MODULES]


@dataclass
class Office:
    """Part 3: both tools on the same office files."""

    paths: list[Path]
    ours: Series | None
    argos: Series
    ours_kept: dict[str, Kept] = field(default_factory=dict)
    argos_kept: dict[str, Kept] = field(default_factory=dict)
    sentences: int = 0


def measure_office(root: Path, pool: list[str], args: argparse.Namespace) -> Office:
    """Both tools over the same DOCX and HTML files, interleaved, ``--repeat`` times each."""
    folder = root / "office"
    paths = write_office_files(folder, pool, args.office)
    ours = Series("ours") if len(our_formats()) == 2 else None
    office = Office(paths, ours, Series("argos-translate-files"))
    ours_out, argos_out = root / "out-office-ours", root / "out-office-argos"
    for round_number in range(args.repeat):
        if ours is not None:
            run = run_measured(ours_batch(folder, ours_out), root)
            ours.runs.append(run)
            ours.problems.append(problem(run, len(paths)))
            log(f"round {round_number + 1} office ours: {run.seconds:.2f} s {ours.problems[-1]}")
        run = run_measured(argos_files(paths, argos_out), root)
        office.argos.runs.append(run)
        tail = (run.stderr.strip().splitlines() or [""])[-1]
        office.argos.problems.append(f"exit {run.returncode}: {tail}" if run.returncode else "")
        log(f"round {round_number + 1} office argos: {run.seconds:.2f} s {tail}")
    if ours is not None:
        done = rows(ours.runs[-1])
        office.sentences = sum(row.sentences for row in done)
        made = {Path(row.input): Path(row.output) for row in done}
        office.ours_kept = keeps({p: made.get(p) for p in paths})
    office.argos_kept = keeps({p: argos_out / p.name for p in paths})
    return office


# --- report --------------------------------------------------------------------------------


def seconds(series: Series) -> str:
    return f"{series.best:.2f} s (best of {len(series.runs)})"


def text_rows(runs: TextRuns, sentences: int) -> list[str]:
    small, large = runs.small, runs.large
    batch_speed = sentences / large.best
    engine_cpu = runs.engine.segments / min(runs.engine.cpu)
    return [
        f"| peak RSS of `translator batch`, {large.files} vs {small.files} .txt files "
        f"(median of {len(large.runs)}) | {large.rss_mib:.0f} MiB | {small.rss_mib:.0f} MiB | "
        f"{verdict(large.rss_mib / small.rss_mib, 1.2, False)} | ≤ 1.2× |",
        f"| sentences/s, {large.files} .txt files ({sentences} sentences): "
        f"`translator batch` process (start-up included) vs `translate_documents` in-process "
        f"(warm), all texts in one call | {batch_speed:.1f}/s ({seconds(large)}) | "
        f"{runs.engine.describe()} | "
        f"{verdict(batch_speed / runs.engine.speed(), 0.9, True)} | ≥ 0.9× |",
        f"| ″ diagnostic: the engine called once per {runs.window} files, as the batch reads "
        f"them | ″ | {runs.windowed.describe()} | "
        f"{batch_speed / runs.windowed.speed():.2f}× | — |",
        f"| ″ diagnostic: sentences per CPU second (user + sys, all threads; less swayed by "
        f"other work than wall time) | {sentences / large.best_cpu:.1f} "
        f"({large.best_cpu:.0f} s) | {engine_cpu:.1f} ({min(runs.engine.cpu):.0f} s) | "
        f"{sentences / large.best_cpu / engine_cpu:.2f}× | — |",
    ]


def office_rows(office: Office, count: int) -> list[str]:
    label = f"{count} DOCX + {count} HTML"
    argos = office.argos
    if office.ours is None:
        ours_time = ours_rss = "not measured: DOCX/HTML not registered yet"
        ratio = "—"
    else:
        ours_time, ours_rss = seconds(office.ours), f"{office.ours.rss_mib:.0f} MiB"
        ratio = f"argos/ours {verdict(argos.best / office.ours.best, 3.0, True)}"
    lines = [
        f"| wall time, {label} files, one process each (start-up included): `translator batch` "
        f"vs argos-translate-files | {ours_time} | {seconds(argos)} | {ratio} | ≥ 3× |",
        f"| ″ peak RSS (median) | {ours_rss} | {argos.rss_mib:.0f} MiB | — | — |",
    ]
    for kind in ("DOCX", "HTML"):
        ours_kept = office.ours_kept.get(kind)
        lines += [
            f"| {kind} outputs translated (copy model: output text == input text) | "
            f"{ours_kept.translated() if ours_kept else '—'} | "
            f"{office.argos_kept[kind].translated()} | — | measured |",
            f"| {kind} inline formatting kept | "
            f"{ours_kept.formatting() if ours_kept else '—'} | "
            f"{office.argos_kept[kind].formatting()} | — | measured |",
        ]
    return lines


def notes(
    args: argparse.Namespace, runs: TextRuns, office: Office, argos_versions: str
) -> list[str]:
    import ctranslate2

    listed = [
        f"{s.name}: runs {s.times()} s; peak RSS {s.memory()} MiB; "
        f"check (all files done{', output == input' if s is runs.large else ''}): "
        f"{'; '.join(sorted({p for p in s.problems if p})) or 'ok'}"
        for s in (runs.one, runs.small, runs.large)
    ]
    listed += [
        f"{e.name} (translate_documents, {e.segments} segments): runs "
        f"{', '.join(f'{t:.2f}' for t in e.times)} s; check (output == input): "
        f"{'; '.join(sorted(set(e.problems))) or 'ok'}"
        for e in (runs.engine, runs.windowed)
    ]
    for series in (office.ours, office.argos):
        if series is not None:
            listed.append(
                f"office {series.name}: runs {series.times()} s; peak RSS {series.memory()} MiB; "
                f"problems: {'; '.join(sorted({p for p in series.problems if p})) or 'none'}"
            )
    return [
        f"machine: nproc {os.cpu_count()} ({cpu_model()}), Python {sys.version.split()[0]}, "
        f"ctranslate2 {ctranslate2.__version__}; beam {BEAM_SIZE}, {args.threads} CTranslate2 "
        f"threads everywhere, batch {BATCH_SIZE} sentences (ours), no glossary, `--from uk`",
        "model: the uk→en copy transformer of bench/engine.py (6+6 layers, d_model 512, "
        "int8); peak RSS from `resource.getrusage(RUSAGE_CHILDREN).ru_maxrss` in a fresh "
        "wrapper process per run",
        f"text files: {SENTENCES_PER_FILE} sentences each, unique; office files: a title and "
        f"{OFFICE_PARAGRAPHS} paragraphs of {OFFICE_SENTENCES} sentences, one bold word per "
        f"paragraph (HTML: and one link); ours over DOCX+HTML: {office.sentences} sentences",
        f"start-up: a batch of 1 file takes {runs.one.best:.2f} s (process, imports, model load)",
        f"argos venv: {argos_versions}; its MiniSBD splitter replaced by translator.segment",
        *listed,
        f"command: `python {' '.join(sys.argv)}`",
    ]


# --- main ----------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000, help="text files of the large batch")
    parser.add_argument("--small", type=int, default=100, help="text files of the small batch")
    parser.add_argument("--office", type=int, default=20, help="DOCX files (and as many HTML)")
    parser.add_argument("--threads", type=int, default=2, help="CTranslate2 intra_threads")
    parser.add_argument(
        "--repeat", type=int, default=1, help="timed runs per contender (rerun for spread)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the model in bench/.cache")
    return parser.parse_args(argv)


def set_threads(threads: int) -> None:
    """Our CLI's engine settings, as the in-process engine and Argos get them."""
    os.environ["TRANSLATOR_THREADS"] = str(threads)
    os.environ["TRANSLATOR_BEAM_SIZE"] = str(BEAM_SIZE)
    os.environ["TRANSLATOR_BATCH_SIZE"] = str(BATCH_SIZE)


def main(argv: list[str] | None = None) -> None:
    started = time.perf_counter()
    load_before = load()
    args = parse_args(argv)
    argos_versions = ensure_argos_venv()
    ws: Workspace = make_workspace(args.keep)
    try:
        point_environment(ws, args.threads)
        set_threads(args.threads)
        guard = NetworkGuard()
        sys.addaudithook(guard)
        install_packages(ws)
        pool = sentence_pool()
        runs = measure_text(ws.root, pool, args)
        sentences = sum(row.sentences for row in rows(runs.large.runs[-1]))
        if sentences != runs.engine.segments:
            runs.large.problems.append(f"{sentences} sentences, the engine {runs.engine.segments}")
        office = measure_office(ws.root, pool, args)
        lines = [
            "| measure | ours | other | ratio | goal |",
            "|---|---|---|---|---|",
            *text_rows(runs, sentences),
            *office_rows(office, args.office),
            "",
            *(f"- {note}" for note in notes(args, runs, office, argos_versions)),
            f"- network attempts in the benchmark process: {len(guard.attempts)}",
            f"- load average before: {load_before}, after: {load()}; "
            f"total benchmark time: {time.perf_counter() - started:.0f} s",
        ]
        print("\n".join(lines))
    finally:
        shutil.rmtree(ws.root, ignore_errors=True)


if __name__ == "__main__":
    main()
