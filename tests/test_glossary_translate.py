"""Glossary terms through MT: protection, checking, fallback, and the term report."""

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Invoke
from tests.engines import damaged
from translator.glossary.model import Entry, Glossary
from translator.pipeline import translate_documents

GLOSSARY = Glossary(
    "test",
    "uk",
    "en",
    (
        Entry("Верховна Рада", "Verkhovna Rada"),
        Entry("Марк Рютте", "Mark Rutte"),
        Entry("НАТО", "NATO"),
    ),
)
TEXT = "Депутати Верховної Ради зустрілися з Марком Рютте.\nНАТО підтримує Україну.\n"


def test_terms_are_injected_and_reported(uk_en: None) -> None:
    (doc,) = translate_documents([TEXT], "en", glossary=GLOSSARY)
    assert doc.text == "Депутати Verkhovna Rada зустрілися з Mark Rutte.\nNATO підтримує Україну.\n"
    assert doc.glossary == "test"
    first, second = doc.segments
    assert [(h.source, h.start, h.end, h.surface) for h in first.terms.found] == [
        ("Верховна Рада", 9, 23, "Верховної Ради"),
        ("Марк Рютте", 37, 49, "Марком Рютте"),
    ]
    assert [(s.target, s.start, s.end) for s in first.terms.realised] == [
        ("Verkhovna Rada", 9, 23),
        ("Mark Rutte", 37, 47),
    ]
    assert (first.terms.missing, first.terms.fallback) == ([], False)
    assert [(s.target, s.start, s.end) for s in second.terms.realised] == [("NATO", 0, 4)]


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda t: re.sub(r"Verkhovna Rada", "", t), id="dropped"),
        pytest.param(lambda t: t.replace("Verkhovna Rada", "Verkhovna Rda"), id="mangled"),
        pytest.param(lambda t: t.replace("Verkhovna Rada", "⟦T0⟧"), id="placeholder-debris"),
    ],
)
def test_lost_term_is_retranslated_unprotected_and_flagged(
    uk_en: None, damage: Callable[[str], str]
) -> None:
    (doc,) = translate_documents([TEXT], "en", glossary=GLOSSARY, engines=damaged(damage))
    first, second = doc.segments
    assert first.target == "Депутати Верховної Ради зустрілися з Марком Рютте."
    assert first.terms.fallback is True
    assert [h.source for h in first.terms.missing] == ["Верховна Рада", "Марк Рютте"]
    assert "Verkhovna" not in doc.text and "⟦" not in doc.text and "Rda" not in doc.text
    assert second.target == "NATO підтримує Україну."
    assert second.terms.fallback is False


def test_no_glossary_leaves_terms_to_the_model(uk_en: None) -> None:
    (doc,) = translate_documents([TEXT], "en", glossary=None)
    assert doc.text == TEXT
    assert doc.glossary is None
    assert len(doc.segments) == 2
    assert all(s.terms.found == [] for s in doc.segments)


def test_default_glossary_applies_unless_disabled(cli: Invoke, uk_en: None) -> None:
    text = "Засідання Верховної Ради відкрив Руслан Стефанчук.\n"
    default = cli("translate", "-", "--to", "en", input=text)
    assert default.exit_code == 0, default.output
    assert "Verkhovna Rada" in default.stdout
    plain = cli("translate", "-", "--to", "en", "--no-glossary", "--no-names", input=text)
    assert plain.stdout == text


def test_json_carries_the_term_report(cli: Invoke, uk_en: None, tmp_path: Path) -> None:
    path = tmp_path / "mine.uk-en.tsv"
    path.write_text("Верховна Рада\tVerkhovna Rada\n", encoding="utf-8")
    result = cli("translate", "-", "--to", "en", "--glossary", str(path), "--json", input=TEXT)
    payload = json.loads(result.stdout)
    assert payload["glossary"] == "mine"
    terms = payload["segments"][0]["terms"]
    assert terms == {
        "found": [
            {
                "source": "Верховна Рада",
                "target": "Verkhovna Rada",
                "start": 9,
                "end": 23,
                "surface": "Верховної Ради",
                "kind": "term",
            }
        ],
        "realised": [{"target": "Verkhovna Rada", "start": 9, "end": 23, "kind": "term"}],
        "missing": [],
        "fallback": False,
    }


def test_glossary_for_another_pair_is_refused(cli: Invoke, uk_en: None, tmp_path: Path) -> None:
    path = tmp_path / "mine.uk-de.tsv"
    path.write_text("Верховна Рада\tWerchowna Rada\n", encoding="utf-8")
    result = cli("translate", "-", "--to", "en", "--glossary", str(path), input=TEXT)
    assert result.exit_code == 2
    assert result.stderr == "error: glossary mine is for uk→de, not uk→en\n"


def test_a_term_tried_across_a_line_break_does_not_hide_the_next_line_s(
    cli: Invoke, uk_en: None
) -> None:
    """ "Верховна\\nРада ЄС" once matched nothing across the line break and lost "Рада ЄС"."""
    result = cli(
        "translate", "-", "--from", "uk", input="Засідання відкрила Верховна\nРада ЄС ухвалила.\n"
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1].startswith("Council of the EU")
