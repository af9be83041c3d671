"""The text constants shared across the package, and the modules that read them alike."""

import pytest

from translator.detect import detect
from translator.glossary.formats.validate import term_key
from translator.glossary.morphology import unify
from translator.store.slugs import slugify
from translator.text_constants import APOSTROPHES, CYRILLIC, CYRILLIC_CLASS, primary_subtag


@pytest.mark.parametrize(
    ("code", "primary"),
    [("uk", "uk"), ("EN", "en"), ("en-GB", "en"), ("pt_BR", "pt"), (" de-AT ", "de"), ("", "")],
)
def test_primary_subtag(code: str, primary: str) -> None:
    assert primary_subtag(code) == primary


def test_cyrillic_blocks() -> None:
    assert {"Ѐ", "ӿ", "ԯ", "ᲀ", "ⷠ", "ꙮ"} <= CYRILLIC
    assert CYRILLIC.isdisjoint({"a", "ʼ", "Ω", "\u0530", "\u1c90", "\ua6a0"})
    assert CYRILLIC_CLASS == "\u0400-\u052f\u1c80-\u1c8f\u2de0-\u2dff\ua640-\ua69f"


@pytest.mark.parametrize("apostrophe", list(APOSTROPHES))
def test_every_apostrophe_reads_as_one(apostrophe: str) -> None:
    word = f"м{apostrophe}ясо"
    assert unify(word) == "м'ясо"
    assert term_key(word) == "м'ясо"
    assert slugify(f"{word} і хліб") == "miaso-i-khlib"
    assert detect(f"{word} і хліб").language == "uk"
