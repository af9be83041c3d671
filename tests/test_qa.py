"""QA checks on translated segments: every check fails and passes on real news sentences."""

import subprocess
import sys

import pytest

from translator.qa import CHECKS, Check, QAUnit, describe, run_checks

BY_ID = {check.id: check for check in CHECKS}

RADA_UK = "Верховна Рада виділила 1 500 000 грн 03.02.2026 р."
RADA_EN = "The Verkhovna Rada allocated UAH 1,500,000 on 3 February 2026."


def fails(
    check_id: str, source: str, target: str, *, langs: str = "uk-en", **extra: tuple[str, ...]
) -> bool:
    """Run one check on one unit; ``langs`` is ``"<source>-<target>"``."""
    source_lang, target_lang = langs.split("-")
    unit = QAUnit(source, target, source_lang, target_lang, **extra)
    return BY_ID[check_id].check(unit)


# --- registry -----------------------------------------------------------------------------


def test_registry_order_and_unique_ids() -> None:
    ids = [check.id for check in CHECKS]
    assert ids == [
        "same",
        "empty",
        "numbers",
        "end_punctuation",
        "quotes",
        "length_ratio",
        "terms",
        "placeholder_debris",
        "double_space",
        "script",
    ]
    assert len(set(ids)) == len(ids)
    assert all(isinstance(check, Check) for check in CHECKS)


def test_describe_lists_every_check_in_order() -> None:
    listing = describe()
    assert [entry["id"] for entry in listing] == [check.id for check in CHECKS]
    assert listing[2] == {
        "id": "numbers",
        "name": "Mismatched numbers",
        "description": BY_ID["numbers"].description,
    }
    assert all(set(entry) == {"id", "name", "description"} for entry in listing)
    assert all(entry["name"] and entry["description"] for entry in listing)


def test_check_is_abstract() -> None:
    with pytest.raises(TypeError):
        Check()  # type: ignore[abstract]


def test_run_checks_clean_unit() -> None:
    assert run_checks(QAUnit(RADA_UK, RADA_EN, "uk", "en")) == []


def test_run_checks_reports_failures_in_registry_order() -> None:
    untranslated = QAUnit(RADA_UK, RADA_UK, "uk", "en")
    assert run_checks(untranslated) == ["same", "script"]
    broken = QAUnit(
        RADA_UK,
        "⟦0⟧ allocated  UAH 1,600,000 on 3 February 2026",
        "uk",
        "en",
        missing_terms=("Verkhovna Rada",),
    )
    assert run_checks(broken) == [
        "numbers",
        "end_punctuation",
        "terms",
        "placeholder_debris",
        "double_space",
    ]


def test_importing_qa_stays_light() -> None:
    heavy = "{'argostranslate', 'ctranslate2', 'pymorphy3', 'sentencepiece'}"
    code = f"import sys, translator.qa; print(sorted({heavy} & set(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


# --- same ---------------------------------------------------------------------------------


def test_same_flags_an_untranslated_sentence() -> None:
    assert fails("same", "Слава Україні!", "Слава Україні!") is True
    assert fails("same", "Обстріли тривали всю ніч.", " Обстріли тривали всю ніч. ") is True


@pytest.mark.parametrize(
    ("source", "target", "langs"),
    [
        ("Обстріли тривали всю ніч.", "The shelling lasted all night.", "uk-en"),
        ("НАТО", "НАТО", "uk-en"),  # one word: names and acronyms stay as they are
        ("24 лютого", "24 лютого", "uk-en"),  # one word of letters
        ("Обстріли тривали всю ніч.", "Обстріли тривали всю ніч.", "uk-uk"),
        ("Обстріли тривали всю ніч.", "Обстріли тривали всю ніч.", "uk_UA-uk"),
    ],
)
def test_same_passes(source: str, target: str, langs: str) -> None:
    assert fails("same", source, target, langs=langs) is False


# --- empty --------------------------------------------------------------------------------


def test_empty_flags_a_blank_translation() -> None:
    assert fails("empty", "Обстріли тривали всю ніч.", "") is True
    assert fails("empty", "Обстріли тривали всю ніч.", " \u00a0\n") is True


def test_empty_passes() -> None:
    assert fails("empty", "Обстріли тривали всю ніч.", "The shelling lasted all night.") is False
    assert fails("empty", "  ", "") is False


# --- numbers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "target", "langs"),
    [
        (RADA_UK, RADA_EN, "uk-en"),
        (RADA_UK.replace("1 500 000", "1\u00a0500\u00a0000"), RADA_EN, "uk-en"),
        (
            RADA_UK.replace("1 500 000", "1\u202f500\u202f000"),
            "UAH 1.5 million on 03.02.2026.",
            "uk-en",
        ),
        ("Інфляція сповільнилася до 2,5 %.", "Inflation slowed to 2.5%.", "uk-en"),
        ("Інфляція сповільнилася до 2,5 %.", "Inflation slowed to 2,5 %.", "uk-en"),
        ("Збитки оцінюють у 1,5 млрд доларів.", "Losses are put at $1.5 billion.", "uk-en"),
        ("Евакуювали 5 тис. осіб.", "5,000 people were evacuated.", "uk-en"),
        ("Станом на 24 лютого 2026 року.", "As of February 24, 2026.", "uk-en"),
        ("Станом на 24 лютого 2026 року.", "As of 2026-02-24.", "uk-en"),
        ("Засідання розпочнеться о 14.30.", "The meeting will start at 14:30.", "uk-en"),
        ("Це вже 3-тя атака за тиждень.", "This is the 3rd attack this week.", "uk-en"),
        ("Лише 100 осіб можуть відвідати захід.", "Only 100 may attend the event.", "uk-en"),
        ("Обстріли тривали всю ніч.", "The shelling lasted all night.", "uk-en"),
        ("About 1,500 soldiers took part.", "Rund 1.500 Soldaten nahmen teil.", "en-de"),
    ],
)
def test_numbers_pass(source: str, target: str, langs: str) -> None:
    assert fails("numbers", source, target, langs=langs) is False


@pytest.mark.parametrize(
    ("source", "target", "langs"),
    [
        (RADA_UK, RADA_EN.replace("1,500,000", "1,600,000"), "uk-en"),
        (RADA_UK, RADA_EN.replace("February", "March"), "uk-en"),
        (RADA_UK, "The Verkhovna Rada allocated UAH 1,500,000.", "uk-en"),  # date dropped
        ("Інфляція сповільнилася до 2,5 %.", "Inflation slowed to 25%.", "uk-en"),
        ("Збитки оцінюють у 1,5 млрд доларів.", "Losses are put at $1.5 million.", "uk-en"),
        ("Загинули 3 людини, ще 12 поранені.", "Three people died and 12 were hurt.", "uk-en"),
        ("Обстріли тривали всю ніч.", "The shelling lasted all 2 nights.", "uk-en"),
        ("About 1,500 soldiers took part.", "Rund 1,500 Soldaten nahmen teil.", "en-de"),
    ],
)
def test_numbers_fail(source: str, target: str, langs: str) -> None:
    assert fails("numbers", source, target, langs=langs) is True


# --- end_punctuation ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("Чи буде перемир'я?", "Will there be a ceasefire."),
        ("Обстріли тривали всю ніч.", "The shelling lasted all night"),
        ("Міністр назвав три умови:", "The minister named three conditions."),
        ("Далі буде…", "To be continued."),
        ("Він заявив: «Ми не відступимо!»", 'He said: "We will not retreat."'),
    ],
)
def test_end_punctuation_fails(source: str, target: str) -> None:
    assert fails("end_punctuation", source, target) is True


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("Чи буде перемир'я?", "Will there be a ceasefire?"),
        ("Він заявив: «Ми не відступимо».", 'He said: "We will not retreat."'),
        ("Він заявив: «Ми не відступимо».", "He said: “We will not retreat”."),
        ("Далі буде…", "To be continued..."),
        ("Тривога! Негайно пройдіть в укриття!", "Alert! Go to a shelter now!"),
        ("Хто винен?!", "Who is to blame?!"),
        ("Зеленський зустрівся з Макроном", "Zelensky met Macron."),  # headline: no end mark
    ],
)
def test_end_punctuation_passes(source: str, target: str) -> None:
    assert fails("end_punctuation", source, target) is False


# --- quotes -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("Він назвав це «історичним рішенням».", "He called it “a historic decision."),
        ("Він назвав це «історичним рішенням».", "He called it «a historic decision."),
        ("Марк Рютте (генсек НАТО) прибув до Києва.", "Mark Rutte (NATO chief arrived in Kyiv."),
    ],
)
def test_quotes_fail(source: str, target: str) -> None:
    assert fails("quotes", source, target) is True


@pytest.mark.parametrize(
    ("source", "target", "langs"),
    [
        ("Він назвав це «історичним рішенням».", "He called it “a historic decision”.", "uk-en"),
        ("Він назвав це «історичним рішенням».", 'He called it "a historic decision".', "uk-en"),
        ("Марк Рютте (генсек НАТО) прибув.", "Mark Rutte (NATO chief) arrived.", "uk-en"),
        ("1) Обмін полоненими", "1) Prisoner exchange", "uk-en"),  # unbalanced in the source
        ("Це рішення України.", "It is Ukraine’s decision.", "uk-en"),  # apostrophe
        ('He called it "historic".', "Er nannte es „historisch“.", "en-de"),
    ],
)
def test_quotes_pass(source: str, target: str, langs: str) -> None:
    assert fails("quotes", source, target, langs=langs) is False


# --- length_ratio -------------------------------------------------------------------------

LONG_UK = "Уряд ухвалив рішення про додаткове фінансування лікарень."  # 57 characters


def test_length_ratio_fails() -> None:
    assert fails("length_ratio", LONG_UK, "Government.") is True
    assert fails("length_ratio", LONG_UK, "The government decided. " * 8) is True


def test_length_ratio_passes() -> None:
    target = "The government approved additional funding for hospitals."
    assert fails("length_ratio", LONG_UK, target) is False
    assert fails("length_ratio", "Так.", "Yes, that is absolutely right, indeed.") is False
    assert fails("length_ratio", "x" * 30, "y" * 10) is False  # exactly a third
    assert fails("length_ratio", "x" * 30, "y" * 90) is False  # exactly three times


# --- terms --------------------------------------------------------------------------------


def test_terms_fails_when_glossary_terms_are_missing() -> None:
    missing = ("Verkhovna Rada",)
    target = "Parliament allocated UAH 1,500,000 on 3 February 2026."
    assert fails("terms", RADA_UK, target, missing_terms=missing) is True


def test_terms_passes_without_missing_terms() -> None:
    assert fails("terms", RADA_UK, RADA_EN) is False


# --- placeholder_debris -------------------------------------------------------------------


@pytest.mark.parametrize(
    "target",
    [
        "⟦0⟧ adopted the law.",
        "The Verkhovna Rada ⟦ adopted the law.",
        "⟨1⟩ adopted the law.",
        "__T0__ adopted the law.",
        'The <x id="1"/>Verkhovna Rada adopted the law.',
        "The <unk> adopted the law.",
        "The {{term}} adopted the law.",
        "The {0} adopted the law.",
        "The %s adopted the law.",
        "The %(name)s adopted the law.",
    ],
)
def test_placeholder_debris_fails(target: str) -> None:
    assert fails("placeholder_debris", "Верховна Рада ухвалила закон.", target) is True


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("Верховна Рада ухвалила закон.", "The Verkhovna Rada adopted the law."),
        ("Ціни зросли на 5 %.", "Prices rose by 5%."),
        ("Знижка 5 % діє до неділі.", "The 5% discount is valid until Sunday."),
        ("Вставте {{name}} у шаблон.", "Insert {{name}} into the template."),
    ],
)
def test_placeholder_debris_passes(source: str, target: str) -> None:
    assert fails("placeholder_debris", source, target) is False


# --- double_space -------------------------------------------------------------------------


def test_double_space_fails() -> None:
    source = "Уряд ухвалив рішення."
    assert fails("double_space", source, "The government  made a decision.") is True
    assert fails("double_space", source, "The government \u00a0made a decision.") is True


def test_double_space_passes() -> None:
    assert fails("double_space", "Уряд ухвалив рішення.", "The government decided.") is False
    assert fails("double_space", "Уряд  ухвалив рішення.", "The government  decided.") is False
    assert fails("double_space", "Уряд ухвалив рішення.", "The government decided.  ") is False


# --- script -------------------------------------------------------------------------------


def test_script_fails_on_untranslated_cyrillic() -> None:
    assert fails("script", "Президент прибув до Києва.", "Президент arrived in Києва.") is True
    assert fails("script", "Президент прибув до Києва.", "Президент прибув до Києва.") is True


@pytest.mark.parametrize(
    ("source", "target", "langs"),
    [
        ("Президент прибув до Києва.", "The President arrived in Kyiv.", "uk-en"),
        ("Слово «воля» означає свободу.", "The Ukrainian word «воля» means freedom.", "uk-en"),
        ("The President arrived in Kyiv.", "Президент прибув до Києва.", "en-uk"),
        ("Президент прибув до Києва.", "2026", "uk-en"),  # no letters at all
    ],
)
def test_script_passes(source: str, target: str, langs: str) -> None:
    assert fails("script", source, target, langs=langs) is False
