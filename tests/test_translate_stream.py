"""`translator translate` on long input: windows of whole lines, flat memory, early output.

The library tests cut small texts into tiny windows and compare with the one-shot pipeline; the
CLI tests run the real command as a subprocess on the uk→en copy model, whose translation of a
text without glossary is the text itself.
"""

import json
import os
import selectors
import shutil
import subprocess
import sys
import threading
from dataclasses import asdict
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, Invoke
from translator import home
from translator.pipeline import (
    DEFAULT_GLOSSARY,
    GlossaryChoice,
    TranslatedDocument,
    translate_documents,
)
from translator.stream import WINDOW_BYTES, join, translate_stream
from translator.textio import read_source, read_windows

ROOT = Path(__file__).parent.parent
ARTICLES = "\n".join(p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.uk.txt")))
CLI = [sys.executable, "-m", "translator.cli"]

# Layout that must survive being cut into windows: a BOM, leading blank lines, CRLF, a run of
# blank lines, a letterless paragraph, a line separator inside a line, no final line break.
LAYOUT = (
    "\ufeff\n  \n\t\r\n"
    "Верховна Рада ухвалила закон.  Президент В. Зеленський підписав його 03.02.2026 р.\r\n"
    "\r\n\n \n\n"
    "12.03.2026 — 1 500 000\n"
    "Міноборони отримало нові системи ППО.\u2028Друге речення в тому ж рядку!\n"
    "   Останній абзац без переносу рядка."
)


def write(path: Path, text: str) -> Path:
    path.write_bytes(text.encode("utf-8"))
    return path


def repeated(size: int) -> str:
    """The example articles repeated to ``size`` bytes or a little more."""
    return ARTICLES * -(-size // len(ARTICLES.encode("utf-8")))


def one_shot(
    path: Path, from_code: str, glossary: GlossaryChoice, alternatives: int, names: bool = True
) -> dict[str, object]:
    """The pipeline's translation of the whole file in one call, as a dict."""
    (document,) = translate_documents(
        [read_source(str(path))], "en", from_code, alternatives, glossary=glossary, names=names
    )
    return asdict(document)


def streamed(
    path: Path, size: int, from_code: str, glossary: GlossaryChoice, alternatives: int
) -> TranslatedDocument:
    """The translation of the file in windows of ``size`` bytes, joined."""
    windows = read_windows(str(path), size)
    return join(translate_stream(windows, "en", from_code, alternatives, glossary=glossary))


@pytest.mark.parametrize("size", [1, 200, 1 << 20])
@pytest.mark.parametrize(
    ("name", "text", "glossary", "alternatives"),
    [
        ("articles", ARTICLES, DEFAULT_GLOSSARY, 0),
        ("layout", LAYOUT, None, 2),
        ("blank", " \n\n\t\r\n", None, 0),
        ("empty", "", None, 0),
    ],
)
def test_windows_put_together_are_the_one_shot_translation(
    uk_en: None,
    tmp_path: Path,
    size: int,
    name: str,
    text: str,
    glossary: GlossaryChoice,
    alternatives: int,
) -> None:
    path = write(tmp_path / f"{name}.txt", text)
    expected = one_shot(path, "uk", glossary, alternatives)
    assert asdict(streamed(path, size, "uk", glossary, alternatives)) == expected


def test_auto_decides_the_language_on_the_first_window_with_letters(
    uk_en: None, tmp_path: Path
) -> None:
    path = write(tmp_path / "numbers-first.txt", "12.03.2026\n\n— 1 500 000\n" + ARTICLES)
    # names off: a window's names are found with the evidence of that window only
    pieces = list(translate_stream(read_windows(str(path), 1), "en", glossary=None, names=False))
    # Letterless lines wait for the first line with letters and are translated with it.
    assert pieces[0].text == "12.03.2026\n\n— 1 500 000\n" + ARTICLES.partition("\n")[0] + "\n"
    document = join(pieces)
    assert {piece.source_language for piece in pieces} == {"uk"}
    assert {piece.confidence for piece in pieces} == {pieces[0].confidence}
    expected = one_shot(path, "auto", None, 0, names=False)
    assert asdict(document) | {"confidence": 0} == expected | {"confidence": 0}


def test_the_route_is_resolved_once(uk_en: None, tmp_path: Path) -> None:
    path = write(tmp_path / "articles.txt", ARTICLES)
    expected = one_shot(path, "uk", DEFAULT_GLOSSARY, 0)
    pieces = translate_stream(read_windows(str(path), 1), "en", "uk")
    first = next(pieces)
    shutil.rmtree(home.packages_dir())  # asked again, the route would be "no model installed"
    assert asdict(join([first, *pieces])) == expected


def test_a_letterless_text_passes_through_whole(uk_en: None, tmp_path: Path) -> None:
    path = write(tmp_path / "numbers.txt", "12.03.2026\n\n— 1 500 000\n")
    pieces = list(translate_stream(read_windows(str(path), 1), "en", glossary=None, names=False))
    assert [asdict(piece) for piece in pieces] == [one_shot(path, "auto", None, 0)]


def test_cli_json_of_a_long_text_counts_from_its_start(
    cli: Invoke, uk_en: None, tmp_path: Path
) -> None:
    text = "\ufeff" + repeated(2 * WINDOW_BYTES + 1000).replace("\n", "\r\n")
    path = write(tmp_path / "long.txt", text)
    assert path.stat().st_size > 2 * WINDOW_BYTES
    result = cli("translate", str(path), "--from", "uk", "--to", "en", "--json")
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload == one_shot(path, "uk", DEFAULT_GLOSSARY, 0)


# Runs a command and then prints its peak RSS in KiB on stderr. A child's peak counts the
# memory of the process it was forked from, so the CLI is started from this small interpreter,
# not from pytest (which holds a model after the in-process tests).
PEAK_RSS = (
    "import resource, subprocess, sys; code = subprocess.call(sys.argv[1:]); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); "
    "sys.exit(code)"
)


def test_memory_does_not_grow_with_the_input(uk_en: None, tmp_path: Path) -> None:
    """Peak RSS of a 4 MB text within 1.3x of a 0.5 MB one (HEAD: 131 MB → 208 MB)."""
    peaks = []
    for size in (512 * 1024, 4 * 1024 * 1024):
        text = repeated(size)
        source, target = write(tmp_path / f"in{size}.txt", text), tmp_path / f"out{size}.txt"
        # --beam 1: the same memory behaviour, in half the time
        command = [
            *CLI,
            "translate",
            str(source),
            "--to",
            "en",
            "--no-glossary",
            "--no-names",
            "--beam",
            "1",
        ]
        with target.open("wb") as stdout:
            result = subprocess.run(
                [sys.executable, "-c", PEAK_RSS, *command],
                stdout=stdout,
                stderr=subprocess.PIPE,
                cwd=ROOT,
                check=False,
            )
        assert result.returncode == 0, result.stderr
        assert target.read_text(encoding="utf-8") == text
        peaks.append(int(result.stderr))  # nothing but the peak: the CLI said nothing
    small, large = peaks
    assert large <= 1.3 * small, f"peak RSS {small} KiB for 0.5 MB, {large} KiB for 4 MB"


def test_output_starts_before_the_input_ends(uk_en: None) -> None:
    text = repeated(5 * WINDOW_BYTES)
    cut = text.index("\n", 3 * WINDOW_BYTES // 2) + 1  # 1.5 windows of bytes or more
    process = subprocess.Popen(
        [*CLI, "translate", "-", "--to", "en", "--no-glossary", "--no-names"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    assert process.stdin and process.stdout and process.stderr
    stdin, stdout = process.stdin, process.stdout
    rest_allowed = threading.Event()

    def feed() -> None:
        stdin.write(text[:cut].encode("utf-8"))
        stdin.flush()
        rest_allowed.wait(120)
        stdin.write(text[cut:].encode("utf-8"))
        stdin.close()

    feeder = threading.Thread(target=feed, daemon=True)
    feeder.start()
    try:
        first = read_until_newline(stdout.fileno(), timeout=60)
    finally:
        rest_allowed.set()
    rest = stdout.read()
    stdout.close()
    feeder.join(10)
    assert (process.wait(30), process.stderr.read()) == (0, b"")
    process.stderr.close()
    assert first.partition(b"\n")[0].decode("utf-8") == text.partition("\n")[0]
    assert (first + rest).decode("utf-8") == text


def read_until_newline(fd: int, timeout: float) -> bytes:
    """What ``fd`` gives up to a line break; fails if none comes within ``timeout`` seconds."""
    data = b""
    with selectors.DefaultSelector() as selector:
        selector.register(fd, selectors.EVENT_READ)
        while b"\n" not in data:
            if not selector.select(timeout):
                pytest.fail(f"no line on stdout within {timeout} s while stdin stays open")
            chunk = os.read(fd, 65536)
            if not chunk:
                pytest.fail(f"stdout closed before a line came: {data!r}")
            data += chunk
    return data


def test_a_bad_byte_in_a_later_window_is_one_line_after_what_was_written(
    uk_en: None, tmp_path: Path
) -> None:
    good = repeated(3 * WINDOW_BYTES)
    path = tmp_path / "late-latin1.txt"
    path.write_bytes(b"\xef\xbb\xbf" + good.encode("utf-8") + "Grüße\n".encode("latin-1"))
    offset = 3 + len(good.encode("utf-8")) + 2  # the BOM, the good text, "Gr"
    result = subprocess.run(
        [*CLI, "translate", str(path), "--to", "en", "--no-glossary", "--no-names"],
        capture_output=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.decode() == (
        f"error: {path}: not UTF-8 text (invalid byte at offset {offset}); convert it to UTF-8\n"
    )
    # The windows before the bad byte were translated and written already.
    assert len(result.stdout) >= WINDOW_BYTES
    assert good.encode("utf-8").startswith(result.stdout)


def run_shell(script: str, *args: str) -> subprocess.CompletedProcess[bytes]:
    """Run the CLI through ``sh -c script`` (which ends in ``"$@"``), e.g. to close a stream."""
    return subprocess.run(
        ["sh", "-c", script, "sh", *CLI, *args], capture_output=True, cwd=ROOT, check=False
    )


def test_closed_stdin_is_one_line(uk_en: None) -> None:
    result = run_shell('exec "$@" <&-', "translate", "-", "--to", "en")
    assert (result.returncode, result.stdout) == (2, b"")
    assert result.stderr == b"error: standard input is closed; give a file, or pipe the text in\n"


def test_closed_stdout_is_one_line(uk_en: None, tmp_path: Path) -> None:
    path = write(tmp_path / "article.txt", ARTICLES)
    result = run_shell('exec "$@" >&-', "translate", str(path), "--to", "en")
    assert (result.returncode, result.stdout) == (1, b"")
    assert result.stderr == b"error: standard output is closed; redirect it to a file instead\n"


def test_a_reader_that_goes_away_ends_it_quietly(uk_en: None, tmp_path: Path) -> None:
    path = write(tmp_path / "long.txt", repeated(6 * WINDOW_BYTES))
    process = subprocess.Popen(
        [*CLI, "translate", str(path), "--to", "en", "--no-glossary", "--no-names"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    assert process.stdout and process.stderr
    read_until_newline(process.stdout.fileno(), timeout=60)
    process.stdout.close()  # like `| head -n 1`
    stderr = process.stderr.read()
    process.stderr.close()
    assert (process.wait(30), stderr) == (1, b"")
