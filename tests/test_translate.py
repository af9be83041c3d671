"""`translator translate` and the pipeline behind it, on the real copy models."""

import json
from pathlib import Path

import pytest

from tests.conftest import EN_DE, EXAMPLES, RU_EN, UK_EN, Invoke
from translator.engine.ctranslate import pair_engine
from translator.engine.options import EngineOptions
from translator.models.installed import find_model
from translator.pipeline import translate_documents

ARTICLES = sorted(EXAMPLES.glob("*.uk.txt"))


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.name)
def test_article_layout_survives_byte_for_byte(cli: Invoke, uk_en: None, article: Path) -> None:
    result = cli("translate", str(article), "--to", "en", "--no-glossary", "--no-names")
    assert result.exit_code == 0, result.output
    assert result.stdout == article.read_text(encoding="utf-8")


def test_json_reports_language_route_and_spans(cli: Invoke, uk_en: None) -> None:
    text = (
        "Верховна Рада ухвалила закон.\n\nВ. Зеленський підписав його 03.02.2026 р. Це важливо!\n"
    )
    payload = json.loads(
        cli(
            "translate", "-", "--to", "en", "--json", "--no-glossary", "--no-names", input=text
        ).stdout
    )
    assert (payload["source_language"], payload["target_language"]) == ("uk", "en")
    assert payload["route"] == ["uk→en"]
    assert payload["confidence"] > 0.9
    assert payload["text"] == text
    assert [(s["paragraph"], s["source"]) for s in payload["segments"]] == [
        (0, "Верховна Рада ухвалила закон."),
        (1, "В. Зеленський підписав його 03.02.2026 р."),
        (1, "Це важливо!"),
    ]
    for seg in payload["segments"]:
        assert text[seg["start"] : seg["end"]] == seg["source"] == seg["target"]


def test_alternatives_are_distinct_n_best(cli: Invoke, uk_en: None) -> None:
    text = "Марк Рютте прибув до Києва.\n"
    payload = json.loads(
        cli(
            "translate",
            "-",
            "--to",
            "en",
            "--alternatives",
            "3",
            "--json",
            "--no-glossary",
            "--no-names",
            input=text,
        ).stdout
    )
    (seg,) = payload["segments"]
    assert seg["target"] == "Марк Рютте прибув до Києва."
    assert len(seg["alternatives"]) == 3
    assert len({seg["target"], *seg["alternatives"]}) == 4


def test_pivot_through_english(cli: Invoke) -> None:
    for package in (RU_EN, EN_DE):
        assert cli("models", "install", str(package)).exit_code == 0
    text = "Москва объявила о переговорах."
    payload = json.loads(
        cli("translate", "-", "--from", "ru", "--to", "de", "--json", input=text).stdout
    )
    assert payload["route"] == ["ru→en", "en→de"]
    assert payload["text"] == text


def test_same_source_and_target_returns_text_unchanged(cli: Invoke) -> None:
    text = "Текст  без\tзмін.\n\n  Другий абзац.  \n"
    result = cli("translate", "-", "--from", "uk", "--to", "uk", input=text)
    assert (result.exit_code, result.stdout) == (0, text)


@pytest.mark.parametrize("text", ["", "   \n\n\t  \n"])
def test_empty_input_gives_empty_output(cli: Invoke, uk_en: None, text: str) -> None:
    result = cli("translate", "-", "--to", "en", input=text)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_unsupported_pair_lists_installed(cli: Invoke, uk_en: None) -> None:
    result = cli("translate", "-", "--from", "uk", "--to", "fr", input="Привіт, світе.")
    assert result.exit_code == 1
    assert result.stderr == "error: cannot translate uk→fr (not even via en); installed: uk→en\n"


def test_no_model_says_how_to_install(cli: Invoke) -> None:
    result = cli("translate", "-", "--to", "en", input="Верховна Рада ухвалила закон.")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: no translation model is installed; install one: ")
    assert "translator models install uk en" in result.stderr


def test_binary_file_is_refused(cli: Invoke, uk_en: None, tmp_path: Path) -> None:
    path = tmp_path / "image.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result = cli("translate", str(path), "--to", "en")
    assert result.exit_code == 2
    assert result.stderr == f"error: {path}: binary file, expected UTF-8 text\n"


def test_non_utf8_file_is_refused(cli: Invoke, uk_en: None, tmp_path: Path) -> None:
    path = tmp_path / "cp1251.txt"
    path.write_bytes("Верховна Рада".encode("cp1251"))
    result = cli("translate", str(path), "--to", "en")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {path}: not UTF-8 text (invalid byte at offset 0)")


def test_missing_file(cli: Invoke, uk_en: None) -> None:
    result = cli("translate", "nope.txt", "--to", "en")
    assert (result.exit_code, result.stderr) == (2, "error: nope.txt: no such file\n")


def test_undetectable_language_asks_for_from(cli: Invoke, uk_en: None) -> None:
    result = cli("translate", "-", "--to", "en", input="ok")
    assert result.exit_code == 1
    assert (
        result.stderr
        == "error: cannot tell the source language of this text; give it with --from\n"
    )


def test_text_without_letters_passes_through(cli: Invoke, uk_en: None) -> None:
    result = cli("translate", "-", "--to", "en", input="12.03.2026 — 1 500 000\n")
    assert (result.exit_code, result.stdout) == (0, "12.03.2026 — 1 500 000\n")


def test_batch_of_documents_in_one_pass(uk_en: None) -> None:
    texts = [p.read_text(encoding="utf-8") for p in ARTICLES] + ["Слава Україні!"]
    docs = translate_documents(texts, "en", glossary=None, names=False)
    assert [d.text for d in docs] == texts
    assert all(d.source_language == "uk" and d.route == ["uk→en"] for d in docs)


def test_model_is_loaded_once_per_process(uk_en: None) -> None:
    model = find_model("uk", "en")
    assert model is not None
    options = EngineOptions(beam_size=2)
    assert pair_engine(model, options) is pair_engine(model, options)
    assert pair_engine(model, options) is not pair_engine(model, EngineOptions(beam_size=3))


def test_threads_and_beam_options(cli: Invoke, uk_en: None) -> None:
    text = "Рада зібралася на засідання.\n"
    result = cli(
        "translate",
        "-",
        "--to",
        "en",
        "--beam",
        "1",
        "--threads",
        "1",
        "--no-glossary",
        "--no-names",
        input=text,
    )
    assert (result.exit_code, result.stdout) == (0, text)


def test_fixture_packages_exist() -> None:
    assert all(p.stat().st_size < 1_000_000 for p in (UK_EN, RU_EN, EN_DE))


def test_long_sentence_is_not_cut_short(cli: Invoke, uk_en: None) -> None:
    clause = "депутати Верховної Ради обговорили бюджет, оборону, енергетику та відбудову"
    text = "У вівторок " + ", а також ".join([clause] * 12) + ".\n"
    result = cli(
        "translate", "-", "--from", "uk", "--to", "en", "--no-glossary", "--no-names", input=text
    )
    assert (result.exit_code, result.stdout) == (0, text)


def test_qa_flags_ride_along(cli: Invoke, uk_en: None) -> None:
    """The copy model leaves Ukrainian untranslated: QA must say so."""
    text = "Рада зібралася на засідання 12 березня.\n"
    payload = json.loads(
        cli(
            "translate", "-", "--to", "en", "--json", "--no-glossary", "--no-names", input=text
        ).stdout
    )
    assert payload["segments"][0]["qa"] == ["same", "script"]
