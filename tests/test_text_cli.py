"""`translator detect` and `translator segment` through the real CLI."""

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import EXAMPLES, Invoke


def test_detect_text_json(cli: Invoke) -> None:
    result = cli("detect", "Верховна Рада ухвалила закон про державний бюджет.", "--json")
    assert result.exit_code == 0
    payload = json.loads(result.stdout)
    assert payload["language"] == "uk"
    assert 0.9 <= payload["confidence"] <= 1.0


def test_detect_stdin_plain(cli: Invoke) -> None:
    result = cli("detect", input="The parliament passed the budget law on Tuesday.")
    assert result.stdout.startswith("en\t")


def test_detect_each_line_one_object_per_line(cli: Invoke, tmp_path: Path) -> None:
    lines = [
        "Верховна Рада ухвалила закон.",
        "Государственная дума приняла закон.",
        "",
        "Der Bundestag hat das Gesetz verabschiedet.",
        "12345",
    ]
    path = tmp_path / "lines.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for args, stdin in (((str(path),), None), (("-",), path.read_text(encoding="utf-8"))):
        result = cli("detect", "--each-line", *args, "--json", input=stdin)
        rows = [json.loads(line) for line in result.stdout.splitlines()]
        assert [r["language"] for r in rows] == ["uk", "ru", "und", "de", "und"]


def test_detect_non_utf8_each_line(cli: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Grüße".encode("latin-1"))
    result = cli("detect", "--each-line", str(path))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {path}: not UTF-8 text")


def test_segment_prints_sentences_and_paragraph_breaks(cli: Invoke) -> None:
    text = (
        "Президент В. Зеленський прибув у м. Київ 03.02.2026 р. Там т. зв. «коаліція» зустрілася.\n"
        "\n"
        "Друге речення! А це третє?\n"
    )
    result = cli("segment", "-", input=text)
    assert result.stdout == (
        "Президент В. Зеленський прибув у м. Київ 03.02.2026 р.\n"
        "Там т. зв. «коаліція» зустрілася.\n"
        "\n"
        "Друге речення!\n"
        "А це третє?\n"
    )


def test_segment_json_spans(cli: Invoke) -> None:
    text = "Перше речення. Друге речення."
    rows = json.loads(cli("segment", "-", "--json", input=text).stdout)
    assert rows == [
        {"paragraph": 0, "index": 0, "start": 0, "end": 14, "text": "Перше речення."},
        {"paragraph": 0, "index": 1, "start": 15, "end": 29, "text": "Друге речення."},
    ]


def test_segment_example_as_a_subprocess() -> None:
    article = EXAMPLES / "parliament.uk.txt"
    out = subprocess.run(
        [sys.executable, "-m", "translator.cli", "segment", str(article)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    sentences = [line for line in out.splitlines() if line]
    assert len(sentences) >= 12
    assert all(s in article.read_text(encoding="utf-8") for s in sentences)


def test_empty_input(cli: Invoke) -> None:
    assert cli("segment", "-", input="").stdout == ""
    assert cli("detect", "--each-line", "-", input="").stdout == ""
