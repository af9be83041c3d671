"""`translator batch`: many files in one run, mirrored, resumable, with a report per file.

Runs the real CLI (in-process and as a subprocess) on the uk→en copy model, and the library's
run with an engine wrapper that fails on purpose.
"""

import csv
import gc
import hashlib
import io
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, Invoke
from translator.batch import atomic
from translator.batch.atomic import write_atomic
from translator.batch.formats import Document, names
from translator.batch.manifest import NAME as MANIFEST
from translator.batch.paths import Planned, output_name, plan
from translator.batch.run import BatchOptions, run_batch
from translator.engine.ctranslate import Hypothesis, pair_engine
from translator.engine.options import EngineOptions
from translator.engine.protocol import Engine
from translator.models.installed import InstalledModel
from translator.pipeline import TranslatedDocument

CLI = [sys.executable, "-m", "translator.cli"]
ARTICLE = (EXAMPLES / "parliament.uk.txt").read_text(encoding="utf-8")
LAYOUT = "\ufeff\n  \nВерховна Рада ухвалила закон.  Друге речення!\r\n\r\n\n12.03.2026\nКінець."


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def rows(stdout: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in stdout.splitlines()]


def statuses(stdout: str) -> dict[str, object]:
    return {str(row["input"]): row["status"] for row in rows(stdout)}


def translated(cli: Invoke, path: Path, *options: str) -> str:
    """What `translator translate` writes for ``path`` (line ends as they are)."""
    result = cli("translate", str(path), "--to", "en", *options)
    assert result.exit_code == 0, result.output
    return result.stdout_bytes.decode("utf-8")


def files_under(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def summary(lines: list[str]) -> dict[str, str]:
    """The plain summary's numbers by name (its layout: tests/test_batch_progress.py), without
    the time taken."""
    numbers = dict(line.rsplit(None, 1) for line in lines)
    assert float(numbers.pop("seconds")) >= 0
    return numbers


def test_output_names() -> None:
    sources = frozenset({"uk", "ru"})
    assert output_name("rada.uk.txt", "en", sources) == "rada.en.txt"
    assert output_name("rada.txt", "en", sources) == "rada.en.txt"
    assert output_name("rada.ru.txt", "en", sources) == "rada.en.txt"
    assert output_name("v1.2.final.txt", "en", sources) == "v1.2.final.en.txt"
    assert output_name("uk.txt", "en", sources) == "uk.en.txt"
    assert output_name("README", "en", sources) == "README.en"


def test_the_tree_is_mirrored_and_each_output_is_what_translate_writes(
    cli: Invoke, uk_en: None, tmp_path: Path
) -> None:
    source = tmp_path / "in"
    write(source / "rada.uk.txt", ARTICLE)
    write(source / "news" / "deep" / "layout.txt", LAYOUT)
    write(source / "news" / "blank.txt", "\n \n")
    write(source / "numbers.txt", "12.03.2026 — 1 500 000\n" * 3000 + ARTICLE)  # 2 windows
    write(source / ".hidden.txt", "Прихований.")
    write(source / ".git" / "x.txt", "Прихований.")
    out = tmp_path / "out"
    result = cli("batch", str(source), "--to", "en", "--out", str(out), "--quiet")
    assert result.exit_code == 0, result.output
    assert (result.stdout, result.stderr) == ("", "")
    assert files_under(out) == [
        MANIFEST,
        "news/blank.en.txt",
        "news/deep/layout.en.txt",
        "numbers.en.txt",
        "rada.en.txt",
    ]
    numbers = (out / "numbers.en.txt").read_text(encoding="utf-8")
    assert numbers == translated(cli, source / "numbers.txt")
    assert "Verkhovna Rada" in numbers
    assert (out / "rada.en.txt").read_text(encoding="utf-8") == translated(
        cli, source / "rada.uk.txt"
    )
    layout = (out / "news/deep/layout.en.txt").read_bytes().decode("utf-8")
    assert layout == translated(cli, source / "news/deep/layout.txt")
    assert layout == LAYOUT.removeprefix("\ufeff").replace("Верховна Рада", "Verkhovna Rada") + "\n"
    assert (out / "news/blank.en.txt").read_bytes() == b""


def test_without_out_the_outputs_go_beside_the_inputs(
    cli: Invoke, uk_en: None, tmp_path: Path
) -> None:
    folder = tmp_path / "docs"
    write(folder / "a.uk.txt", "Перше речення.")
    write(folder / "sub" / "b.txt", "Друге речення.")
    for _ in range(2):  # the outputs of the first run are not inputs of the second
        result = cli("batch", str(folder), "--no-glossary", "--json", "--quiet")
        assert result.exit_code == 0, result.output
    assert statuses(result.stdout) == {
        str(folder / "a.uk.txt"): "skipped",
        str(folder / "sub" / "b.txt"): "skipped",
    }
    assert files_under(folder) == [
        MANIFEST,
        "a.en.txt",
        "a.uk.txt",
        "sub/.translator-batch.json",
        "sub/b.en.txt",
        "sub/b.txt",
    ]
    assert (folder / "sub" / "b.en.txt").read_text(encoding="utf-8") == "Друге речення.\n"


def test_a_rerun_skips_what_is_current_and_redoes_what_changed(
    cli: Invoke, uk_en: None, tmp_path: Path
) -> None:
    source = tmp_path / "in"
    a = write(source / "a.txt", "Верховна Рада ухвалила закон.")
    b = write(source / "b.txt", "Друге речення.")
    out = tmp_path / "out"

    def run(*options: str) -> dict[str, object]:
        result = cli("batch", str(source), "--out", str(out), "--json", "--quiet", *options)
        assert result.exit_code == 0, result.output
        return statuses(result.stdout)

    assert run() == {str(a): "done", str(b): "done"}
    assert run() == {str(a): "skipped", str(b): "skipped"}
    write(a, "Верховна Рада ухвалила інший закон.")
    assert run() == {str(a): "done", str(b): "skipped"}
    assert (out / "a.en.txt").read_text(
        encoding="utf-8"
    ) == "Verkhovna Rada ухвалила інший закон.\n"
    assert run("--no-glossary") == {str(a): "done", str(b): "done"}
    assert (out / "a.en.txt").read_text(encoding="utf-8") == "Верховна Рада ухвалила інший закон.\n"
    assert run("--no-glossary") == {str(a): "skipped", str(b): "skipped"}
    assert run("--no-glossary", "--from", "uk") == {str(a): "done", str(b): "done"}
    (out / "b.en.txt").unlink()
    assert run("--no-glossary", "--from", "uk") == {str(a): "skipped", str(b): "done"}
    assert run("--no-glossary", "--from", "uk", "--force") == {str(a): "done", str(b): "done"}
    write(b, "Друге речення про Фастів і Жмеринку.")
    assert run("--no-glossary", "--from", "uk") == {str(a): "skipped", str(b): "done"}
    assert (out / "b.en.txt").read_text(encoding="utf-8") == (
        "Друге речення про Fastiv і Zhmerynka.\n"
    )
    assert run("--no-glossary", "--from", "uk", "--no-names") == {str(a): "done", str(b): "done"}
    assert (out / "b.en.txt").read_text(encoding="utf-8") == (
        "Друге речення про Фастів і Жмеринку.\n"
    )


def test_bad_files_are_rows_and_the_exit_is_1(cli: Invoke, uk_en: None, tmp_path: Path) -> None:
    source = tmp_path / "in"
    write(source / "binary.txt", b"\x00\x01\x02")
    write(source / "latin1.txt", "Grüße".encode("latin-1"))
    write(source / "photo.jpg", b"\xff\xd8\xff")
    write(source / "ok.txt", "Верховна Рада ухвалила закон.")
    out = tmp_path / "out"
    report = tmp_path / "report.jsonl"
    result = cli("batch", str(source), "--out", str(out), "--report", str(report), "--json")
    assert result.exit_code == 1, result.output
    got = rows(result.stdout)
    assert [(r["input"], r["status"], r["error"]) for r in got] == [
        (
            f"{source}/binary.txt",
            "failed",
            f"{source}/binary.txt: binary file, expected UTF-8 text",
        ),
        (
            f"{source}/latin1.txt",
            "failed",
            f"{source}/latin1.txt: not UTF-8 text (invalid byte at offset 2); convert it to UTF-8",
        ),
        (f"{source}/ok.txt", "done", ""),
        (
            f"{source}/photo.jpg",
            "failed",
            f"{source}/photo.jpg: unknown format .jpg; give it with --format",
        ),
    ]
    assert rows(report.read_text(encoding="utf-8")) == got
    assert files_under(out) == [MANIFEST, "ok.en.txt"]
    assert summary(result.stderr.splitlines()) == {
        "files translated": "1",
        "files up to date": "0",
        "files failed": "3",
        "sentences": "1",
        "characters": "29",
        "QA flags": "1",
        "glossary terms missing": "0",
        "inline spans by fallback": "0",
    }


@pytest.mark.parametrize(
    ("options", "error"),
    [
        (["nothing-here"], "error: nothing-here: no such file or folder\n"),
        (["nothing*.txt"], "error: nothing*.txt: no file matches\n"),
        (
            ["IN", "--glossary", "x", "--no-glossary"],
            "error: give --glossary or --no-glossary, not both\n",
        ),
        (
            ["IN", "--format", "pdf"],
            "error: unknown --format pdf; one of {formats}\n",  # every format registered
        ),
        (["IN", "--report", "r.xlsx"], "error: r.xlsx: the report is .csv or .jsonl\n"),
    ],
)
def test_usage_errors_exit_2(
    cli: Invoke,
    uk_en: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    options: list[str],
    error: str,
) -> None:
    source = write(tmp_path / "in" / "a.txt", "Речення.").parent
    monkeypatch.chdir(tmp_path)
    args = [str(source) if arg == "IN" else arg for arg in options]
    result = cli("batch", *args, "--out", str(tmp_path / "out"))
    assert (result.exit_code, result.stderr) == (2, error.format(formats=", ".join(names())))
    assert not (tmp_path / "out").exists()


def test_report_csv_and_jsonl(cli: Invoke, uk_en: None, tmp_path: Path) -> None:
    source = tmp_path / "in"
    write(source / "a.uk.txt", "Верховна Рада ухвалила закон. Друге речення.")
    write(source / "b.txt", b"\x00")
    out = tmp_path / "out"
    for name in ("r.csv", "r.jsonl"):
        result = cli("batch", str(source), "--out", str(out), "--report", str(tmp_path / name))
        assert result.exit_code == 1
    table = list(csv.reader(io.StringIO((tmp_path / "r.csv").read_text(encoding="utf-8"))))
    for row in table[1:]:
        row[11] = "S"  # seconds
    assert table == [
        ["input", "output", "status", "language", "sentences", "characters", "glossary_hits",
         "names", "terms_missing", "qa_flags", "fallbacks", "seconds", "error"],
        [f"{source}/a.uk.txt", f"{out}/a.en.txt", "done", "uk", "2", "44", "1", "0", "0",
         "3", "0", "S", ""],
        [f"{source}/b.txt", f"{out}/b.en.txt", "failed", "", "0", "0", "0", "0", "0", "0", "0",
         "S", f"{source}/b.txt: binary file, expected UTF-8 text"],
    ]  # fmt: skip
    lines = rows((tmp_path / "r.jsonl").read_text(encoding="utf-8"))
    for line in lines:
        assert isinstance(line.pop("seconds"), float)
    assert lines == [
        {"input": f"{source}/a.uk.txt", "output": f"{out}/a.en.txt", "status": "skipped",
         "language": "uk", "sentences": 0, "characters": 0, "glossary_hits": 0, "names": 0,
         "terms_missing": 0, "qa_flags": 0, "fallbacks": 0, "error": ""},
        {"input": f"{source}/b.txt", "output": f"{out}/b.en.txt", "status": "failed",
         "language": "", "sentences": 0, "characters": 0, "glossary_hits": 0, "names": 0,
         "terms_missing": 0, "qa_flags": 0, "fallbacks": 0,
         "error": f"{source}/b.txt: binary file, expected UTF-8 text"},
    ]  # fmt: skip


def test_paths_never_escape(cli: Invoke, uk_en: None, tmp_path: Path) -> None:
    secret = write(tmp_path / "elsewhere" / "secret.txt", "Таємниця.")
    source = tmp_path / "in"
    write(source / "a.txt", "Верховна Рада ухвалила закон.")
    write(source / "deep" / "b.txt", "Верховна Рада ухвалила закон.")
    (source / "link.txt").symlink_to(secret)
    (source / "linked").symlink_to(secret.parent, target_is_directory=True)
    out = tmp_path / "out"
    (out).mkdir()
    (out / "deep").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    (out / "a.en.txt").symlink_to(secret)  # replaced, never written through
    result = cli("batch", str(source), "--out", str(out), "--json", "--quiet")
    assert result.exit_code == 1
    outside = f"is a symlink leading outside {source}"
    assert [(r["input"], r["status"], r["error"]) for r in rows(result.stdout)] == [
        (f"{source}/linked", "failed", f"refused: {source}/linked {outside}"),
        (f"{source}/a.txt", "done", ""),
        (f"{source}/link.txt", "failed", f"refused: {source}/link.txt {outside}"),
        (f"{source}/deep/b.txt", "failed", f"refused: {out}/deep/b.en.txt would be outside {out}"),
    ]  # fmt: skip
    assert files_under(tmp_path / "elsewhere") == ["secret.txt"]
    assert secret.read_text(encoding="utf-8") == "Таємниця."
    assert not (out / "a.en.txt").is_symlink()
    assert (out / "a.en.txt").read_text(encoding="utf-8") == "Verkhovna Rada ухвалила закон.\n"


def test_an_out_folder_inside_the_input_is_not_read_back(
    cli: Invoke, uk_en: None, tmp_path: Path
) -> None:
    source = tmp_path / "in"
    write(source / "a.uk.txt", "Верховна Рада ухвалила закон.")
    for _ in range(2):
        result = cli("batch", str(source), "--out", str(source / "en"), "--json", "--quiet")
        assert result.exit_code == 0, result.output
    assert statuses(result.stdout) == {f"{source}/a.uk.txt": "skipped"}
    assert files_under(source) == ["a.uk.txt", f"en/{MANIFEST}", "en/a.en.txt"]


class FailingEngine:
    """The real engine, except that a batch with ``marker`` in a sentence raises."""

    def __init__(self, engine: Engine, marker: str) -> None:
        self.engine = engine
        self.marker = marker

    def translate(
        self, texts: list[str], hypotheses: int = 1, align: bool = False
    ) -> list[list[Hypothesis]]:
        if any(self.marker in text for text in texts):
            raise RuntimeError("engine died")
        return self.engine.translate(texts, hypotheses, align)


def test_a_crash_mid_run_leaves_whole_files_only(uk_en: None, tmp_path: Path) -> None:
    source = tmp_path / "in"
    for n in range(6):
        write(source / f"f{n}.txt", f"Речення номер {n}.")
    out = tmp_path / "out"

    def engines(model: InstalledModel, options: EngineOptions) -> Engine:
        return FailingEngine(pair_engine(model, options), "номер 2")

    planned = plan([str(source)], "en", frozenset({"uk"}), out)
    options = BatchOptions("en", "uk", None, window_files=2)
    with pytest.raises(RuntimeError, match="engine died"):
        run_batch(planned, options, engines=engines)
    assert files_under(out) == [MANIFEST, "f0.en.txt", "f1.en.txt"]
    assert (out / "f1.en.txt").read_text(encoding="utf-8") == "Речення номер 1.\n"
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert sorted(manifest["files"]) == ["f0.en.txt", "f1.en.txt"]


def test_a_failed_write_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = write(tmp_path / "a.txt", "old")

    def broken(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", broken)
    with pytest.raises(OSError):
        write_atomic(target, b"new")
    assert files_under(tmp_path) == ["a.txt"]
    assert target.read_text() == "old"


def test_a_run_killed_with_sigkill_is_finished_by_a_rerun(
    uk_en: None, tmp_path: Path, home: Path
) -> None:
    source = tmp_path / "in"
    texts = {}
    for n in range(30):
        texts[f"f{n:02}"] = f"Файл {n}.\n\n" + ARTICLE * 20
        write(source / f"f{n:02}.uk.txt", texts[f"f{n:02}"])
    out = tmp_path / "out"
    command = [*CLI, "batch", str(source), "--out", str(out), "--from", "uk"]
    command += ["--no-glossary", "--no-names"]  # the copy model's output is then its input
    env = {**os.environ, "TRANSLATOR_HOME": str(home)}
    process = subprocess.Popen(command, env=env, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while not (out / MANIFEST).exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait()
    written = list(out.glob("*.en.txt"))
    assert 0 < len(written) < 30
    rerun = subprocess.run([*command, "--json", "--quiet"], env=env, capture_output=True,
                           text=True, check=True)  # fmt: skip
    done = [r for r in rows(rerun.stdout) if r["status"] == "done"]
    assert 0 < len(done) < 30
    assert files_under(out) == [MANIFEST, *(f"{name}.en.txt" for name in texts)]
    for name, text in texts.items():
        assert (out / f"{name}.en.txt").read_text(encoding="utf-8") == text
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))["files"]
    assert sorted(manifest) == [f"{name}.en.txt" for name in texts]
    for name, text in texts.items():
        entry = manifest[f"{name}.en.txt"]
        assert entry["input"] == str(source / f"{name}.uk.txt")
        assert entry["input_sha256"] == hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_globs_mirror_from_their_base(cli: Invoke, uk_en: None, tmp_path: Path) -> None:
    source = tmp_path / "in"
    write(source / "2026" / "a.uk.txt", "Верховна Рада ухвалила закон.")
    write(source / "2026" / "b.md", "# Заголовок")
    write(source / "2025" / "c.uk.txt", "Верховна Рада ухвалила закон.")
    out = tmp_path / "out"
    result = cli("batch", f"{source}/*/*.txt", "--out", str(out), "--quiet")
    assert result.exit_code == 0, result.output
    assert files_under(out) == [MANIFEST, "2025/c.en.txt", "2026/a.en.txt"]


def test_ctrl_c_stops_after_the_current_window(uk_en: None, tmp_path: Path, home: Path) -> None:
    source = tmp_path / "in"
    for n in range(30):
        write(source / f"f{n:02}.uk.txt", ARTICLE * 20)
    out = tmp_path / "out"
    command = [*CLI, "batch", str(source), "--out", str(out), "--from", "uk"]
    command += ["--no-glossary", "--no-names"]  # the copy model's output is then its input
    env = {**os.environ, "TRANSLATOR_HOME": str(home)}
    process = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    while not list(out.glob("*.en.txt")) and time.monotonic() < deadline:
        time.sleep(0.01)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    count = len(manifest["files"])
    assert 0 < count < 30
    lines = stderr.splitlines()  # any progress lines come before
    stopped = lines.index(
        f"interrupted after {count} of 30 files; run the same command again to finish"
    )
    assert summary(lines[stopped + 1 :])["files translated"] == str(count)
    assert files_under(out) == [MANIFEST, *(f"f{n:02}.en.txt" for n in range(count))]


class RecordingEngine:
    """The real engine, recording every batch it is given."""

    def __init__(self, engine: Engine, batches: list[list[str]]) -> None:
        self.engine = engine
        self.batches = batches

    def translate(
        self, texts: list[str], hypotheses: int = 1, align: bool = False
    ) -> list[list[Hypothesis]]:
        if texts:
            self.batches.append(list(texts))
        return self.engine.translate(texts, hypotheses, align)


def test_files_share_engine_batches_and_each_sentence_is_translated_once(
    uk_en: None, tmp_path: Path
) -> None:
    source = tmp_path / "in"
    for n in range(5):
        write(source / f"f{n}.txt", f"Спільне речення. Окреме речення {n}.\n\nСпільне речення.")
    batches: list[list[str]] = []

    def engines(model: InstalledModel, options: EngineOptions) -> Engine:
        return RecordingEngine(pair_engine(model, options), batches)

    planned = plan([str(source), str(source / "f0.txt")], "en", frozenset({"uk"}), None)
    assert len(planned) == 5  # f0.txt named twice is translated once
    result = run_batch(planned, BatchOptions("en", "uk", None, window_files=3), engines=engines)
    assert [row.status for row in result.rows] == ["done"] * 5
    assert batches == [  # the shared sentence once for the run, not once per window
        ["Окреме речення 0.", "Окреме речення 1.", "Окреме речення 2.", "Спільне речення."],
        ["Окреме речення 3.", "Окреме речення 4."],
    ]
    assert [row.sentences for row in result.rows] == [3] * 5


def test_an_output_that_cannot_be_written_is_a_row(
    cli: Invoke, uk_en: None, tmp_path: Path
) -> None:
    source = tmp_path / "in"
    write(source / "a.txt", "Верховна Рада ухвалила закон.")
    write(source / "b.txt", "Верховна Рада ухвалила закон.")
    out = tmp_path / "out"
    (out / "a.en.txt").mkdir(parents=True)
    result = cli("batch", str(source), "--out", str(out), "--json", "--quiet")
    assert result.exit_code == 1
    assert [(r["status"], r["error"]) for r in rows(result.stdout)] == [
        ("failed", f"cannot write {out}/a.en.txt (Is a directory)"),
        ("done", ""),
    ]
    assert files_under(out) == [MANIFEST, "b.en.txt"]


def test_a_progress_bar_on_a_terminal(uk_en: None, tmp_path: Path, home: Path) -> None:
    import pty

    source = tmp_path / "in"
    for n in range(3):
        write(source / f"f{n}.txt", "Верховна Рада ухвалила закон.")
    leader, follower = pty.openpty()
    command = [*CLI, "batch", str(source), "--out", str(tmp_path / "out")]
    env = {**os.environ, "TRANSLATOR_HOME": str(home)}
    done = subprocess.run(command, env=env, stderr=follower, stdout=subprocess.PIPE, timeout=60)
    os.close(follower)
    chunks = []
    while True:  # a read gives what one write left in the terminal; read to the end
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: nothing more, the other end is closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    shown = b"".join(chunks).decode("utf-8", "replace")
    os.close(leader)
    assert done.returncode == 0
    assert done.stdout == b""
    assert re.search(r"│ files translated +│ +3 │", shown)
    assert re.search(r"│ characters +│ +87 │", shown)
    assert "\x1b[" in shown  # Rich drew (and cleared) its bar


def test_plain_progress_lines_when_not_a_terminal(
    cli: Invoke, uk_en: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from translator.batch import progress

    monkeypatch.setattr(progress, "PLAIN_EVERY_SECONDS", 0.0)
    source = tmp_path / "in"
    write(source / "a.txt", "Верховна Рада ухвалила закон.")
    write(source / "b.txt", b"\x00")
    result = cli("batch", str(source), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert re.fullmatch(r"1/2 files, 1 sentences, \d+ chars/s, ETA \d:\d\d:\d\d", lines[0])
    assert re.fullmatch(r"2/2 files, 1 sentences, \d+ chars/s, ETA 0:00:00", lines[1])
    assert summary(lines[2:])["files failed"] == "1"


def live_documents() -> int:
    return sum(isinstance(thing, Document) for thing in gc.get_objects())


def test_reading_and_writing_overlap_translating_and_memory_stays_bounded(
    uk_en: None, tmp_path: Path
) -> None:
    source = tmp_path / "in"
    for n in range(1000):
        write(source / f"f{n:04}.txt", f"Речення номер {n}.")
    window = 50
    alive: list[int] = []  # documents alive at each batch the engine gets
    second = threading.Event()  # the engine got the second window

    class Watching:
        def __init__(self, engine: Engine) -> None:
            self.engine = engine

        def translate(
            self, texts: list[str], hypotheses: int = 1, align: bool = False
        ) -> list[list[Hypothesis]]:
            if not alive:  # meanwhile the reader reads the next window, and no further
                deadline = time.monotonic() + 10
                while live_documents() < 2 * window and time.monotonic() < deadline:
                    time.sleep(0.01)
                time.sleep(0.2)
            if "Речення номер 50." in texts:
                second.set()
            alive.append(live_documents())
            return self.engine.translate(texts, hypotheses, align)

    def engines(model: InstalledModel, options: EngineOptions) -> Engine:
        return Watching(pair_engine(model, options))

    waited: list[bool] = []

    def sink(
        item: Planned,
        language: str,
        document: Document,
        translations: Sequence[TranslatedDocument],
    ) -> None:
        if item.input.name == "f0000.txt":  # written while the second window is translated
            waited.append(second.wait(10))

    planned = plan([str(source)], "en", frozenset({"uk"}), tmp_path / "out")
    options = BatchOptions("en", "uk", None, window_files=window)
    result = run_batch(planned, options, engines=engines, sink=sink)
    assert [row.status for row in result.rows] == ["done"] * 1000
    assert [Path(row.input).name for row in result.rows] == [f"f{n:04}.txt" for n in range(1000)]
    assert waited == [True]
    assert len(alive) == 20
    assert alive[0] == 2 * window  # the window translated and the next one, read meanwhile
    assert max(alive) <= 3 * window  # and the one before, being written
    assert live_documents() == 0


def test_a_stop_ends_the_run_once_the_window_translated_is_written(
    uk_en: None, tmp_path: Path
) -> None:
    source = tmp_path / "in"
    for n in range(5):
        write(source / f"f{n}.txt", f"Речення номер {n}.")
    planned = plan([str(source)], "en", frozenset({"uk"}), tmp_path / "out")
    options = BatchOptions("en", "uk", None, window_files=2)

    def after(windows: int) -> Callable[[], bool]:
        asked: list[bool] = []

        def stop() -> bool:
            asked.append(True)
            return len(asked) == windows

        return stop

    result = run_batch(planned, options, stop=after(2))
    assert result.stopped
    assert [Path(row.input).name for row in result.rows] == ["f0.txt", "f1.txt", "f2.txt", "f3.txt"]
    assert files_under(tmp_path / "out") == [MANIFEST, *(f"f{n}.en.txt" for n in range(4))]
    manifest = json.loads((tmp_path / "out" / MANIFEST).read_text(encoding="utf-8"))
    assert sorted(manifest["files"]) == [f"f{n}.en.txt" for n in range(4)]
    rerun = run_batch(planned, options, stop=after(3))  # after the last window: not stopped
    assert [row.status for row in rerun.rows] == ["skipped"] * 4 + ["done"]
    assert not rerun.stopped
