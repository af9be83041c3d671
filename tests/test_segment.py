"""Paragraph and sentence segmentation: exact sentences, exact spans, lossless reassembly."""

import random
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from translator.segment import Segment, reassemble, segment, split_paragraphs

ROOT = Path(__file__).parent.parent
DATA = Path(__file__).parent / "data"
ARTICLES = sorted((ROOT / "examples").glob("*.uk.txt"))
GOLD = sorted(p for p in DATA.glob("segment_gold_*.txt") if not p.name.endswith(".expected.txt"))


def sentences(text: str, lang: str = "uk") -> list[str]:
    return [s.text for s in segment(text, lang)]


# --- Ukrainian ------------------------------------------------------------------------------

UK_CASES = [
    # initials, at the end and at the start of a sentence
    (
        "Указ підписав В. Зеленський. Р. Стефанчук заявив, що закон ухвалено.",
        ["Указ підписав В. Зеленський.", "Р. Стефанчук заявив, що закон ухвалено."],
    ),
    (
        "Указ підписав В.Зеленський. Він набуде чинності.",
        ["Указ підписав В.Зеленський.", "Він набуде чинності."],
    ),
    # dates with "р.": at the end of a sentence, and opening one
    (
        "Засідання відбулося 03.02.2026 р. Наступне — у березні.",
        ["Засідання відбулося 03.02.2026 р.", "Наступне — у березні."],
    ),
    (
        "03.02.2026 р. Верховна Рада ухвалила закон. Його підписав Президент.",
        ["03.02.2026 р. Верховна Рада ухвалила закон.", "Його підписав Президент."],
    ),
    (
        "Зустріч відбулася 12 березня 2026 р. Сторони підписали меморандум.",
        ["Зустріч відбулася 12 березня 2026 р.", "Сторони підписали меморандум."],
    ),
    (
        "24 лютого 2022 р. Росія розпочала вторгнення.",
        ["24 лютого 2022 р. Росія розпочала вторгнення."],
    ),
    (
        "Уночі проти 12 березня 2026 р. Росія атакувала Київ. Загинули троє людей.",
        ["Уночі проти 12 березня 2026 р. Росія атакувала Київ.", "Загинули троє людей."],
    ),
    (
        "У 2022–2024 рр. Україна отримала допомогу. Вона була значною.",
        ["У 2022–2024 рр. Україна отримала допомогу.", "Вона була значною."],
    ),
    # money, amounts and units
    (
        "Кошторис — 500 тис. грн. Решту покриють гранти.",
        ["Кошторис — 500 тис. грн.", "Решту покриють гранти."],
    ),
    ("Ціна зросла до 45 грн. 50 коп. за літр.", ["Ціна зросла до 45 грн. 50 коп. за літр."]),
    (
        "Пакет оцінюють у 300 тис. Ще 200 тис. дасть уряд.",
        ["Пакет оцінюють у 300 тис.", "Ще 200 тис. дасть уряд."],
    ),
    ("Інфляція — 2,5 %. Це менше, ніж торік.", ["Інфляція — 2,5 %.", "Це менше, ніж торік."]),
    # quotes
    (
        "«Ми не відступимо», — сказав він. Зала аплодувала.",
        ["«Ми не відступимо», — сказав він.", "Зала аплодувала."],
    ),
    (
        "Він наголосив: «Ми не відступимо!» Після цього засідання закрили.",
        ["Він наголосив: «Ми не відступимо!»", "Після цього засідання закрили."],
    ),
    ("«Слава Україні!» — вигукнули військові.", ["«Слава Україні!» — вигукнули військові."]),
    (
        "«Ми готові. Але не ціною територій», — заявив він.",
        ["«Ми готові.", "Але не ціною територій», — заявив він."],
    ),
    # questions, exclamations, ellipses, dialogue
    ("Невже це кінець?.. Ні, це початок.", ["Невже це кінець?..", "Ні, це початок."]),
    ("Що далі?! Ніхто не знає.", ["Що далі?!", "Ніхто не знає."]),
    ("Він замовк… Потім продовжив.", ["Він замовк…", "Потім продовжив."]),
    ("Ми чекали… і дочекалися.", ["Ми чекали… і дочекалися."]),
    (
        "— Коли голосування? — запитала журналістка. — Завтра, — відповів спікер.",
        ["— Коли голосування? — запитала журналістка.", "— Завтра, — відповів спікер."],
    ),
    # abbreviations
    (
        "Згідно зі ст. 5 та п. 3 рішення чинне. Інші норми не діють.",
        ["Згідно зі ст. 5 та п. 3 рішення чинне.", "Інші норми не діють."],
    ),
    (
        "Були посли, експерти та ін. Журналістів не пустили.",
        ["Були посли, експерти та ін.", "Журналістів не пустили."],
    ),
    (
        "Обговорили бюджет, оборону і т. д. Рішення ухвалили.",
        ["Обговорили бюджет, оборону і т. д.", "Рішення ухвалили."],
    ),
    (
        "Видатки, у т. ч. на дрони, зростуть. Так вирішив уряд.",
        ["Видатки, у т. ч. на дрони, зростуть.", "Так вирішив уряд."],
    ),
    (
        "Т. зв. «коаліція охочих» зібралася. Вона об'єднує 30 країн.",
        ["Т. зв. «коаліція охочих» зібралася.", "Вона об'єднує 30 країн."],
    ),
    (
        "Посадовця затримали у м. Києві. Слідство веде СБУ.",
        ["Посадовця затримали у м. Києві.", "Слідство веде СБУ."],
    ),
    (
        "Сирени лунали в Київській обл. Відбій дали о 05:00.",
        ["Сирени лунали в Київській обл.", "Відбій дали о 05:00."],
    ),
    (
        "Парад приймав ген. Залужний. Це була остання церемонія.",
        ["Парад приймав ген. Залужний.", "Це була остання церемонія."],
    ),
    (
        "Доповідав к. т. н. Петренко. Він говорив про дрони.",
        ["Доповідав к. т. н. Петренко.", "Він говорив про дрони."],
    ),
    (
        "Вибух стався на пров. Тихому. Постраждалих немає.",
        ["Вибух стався на пров. Тихому.", "Постраждалих немає."],
    ),
    # numbered lists and headings
    ("1. Ухвалити бюджет до 1 грудня.", ["1. Ухвалити бюджет до 1 грудня."]),
    ("IV. Прикінцеві положення", ["IV. Прикінцеві положення"]),
    # numbers, laws, URLs, e-mails
    (
        "Закон № 1234-IX набув чинності. Його підписано.",
        ["Закон № 1234-IX набув чинності.", "Його підписано."],
    ),
    (
        "Деталі на https://mod.gov.ua/news. Пишіть на press@mod.gov.ua. Дякуємо!",
        ["Деталі на https://mod.gov.ua/news.", "Пишіть на press@mod.gov.ua.", "Дякуємо!"],
    ),
]


@pytest.mark.parametrize(("text", "expected"), UK_CASES)
def test_ukrainian_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_spans_are_exact_document_offsets() -> None:
    text = "  Перше речення. Друге!\r\n\r\n\tВ. Зеленський прибув.\u00a0Третє?  "
    assert split_paragraphs(text) == [(2, 23), (28, 56)]
    assert segment(text) == [
        Segment(paragraph=0, index=0, start=2, end=16, text="Перше речення."),
        Segment(paragraph=0, index=1, start=17, end=23, text="Друге!"),
        Segment(paragraph=1, index=2, start=28, end=49, text="В. Зеленський прибув."),
        Segment(paragraph=1, index=3, start=50, end=56, text="Третє?"),
    ]


def test_every_line_break_ends_a_paragraph() -> None:
    text = "Один.\nДва.\rТри.\r\nЧотири.\u2028П'ять.\u2029Шість."
    assert [(s.paragraph, s.text) for s in segment(text)] == [
        (0, "Один."),
        (1, "Два."),
        (2, "Три."),
        (3, "Чотири."),
        (4, "П'ять."),
        (5, "Шість."),
    ]


def test_blank_lines_are_not_paragraphs() -> None:
    assert split_paragraphs("\n \n\tА\n\n\u00a0\nБ \n") == [(4, 5), (9, 10)]


@pytest.mark.parametrize("text", ["", " ", "\n\n", " \t\r\n\u00a0\u2028 ", "\ufeff\n"])
def test_empty_text_has_no_segments(text: str) -> None:
    assert segment(text) == []
    assert segment(text, "en") == []
    assert reassemble(text, [], []) == text


def test_language_code_variants() -> None:
    text = "Указ підписав В. Зеленський. Він чинний."
    assert sentences(text, "uk-UA") == sentences(text, "UK") == sentences(text)


# --- Other languages ------------------------------------------------------------------------

OTHER_CASES = [
    (
        "en",
        "Mr. Smith met Dr. Jones. J. R. R. Tolkien wrote it. See No. 5, e.g. the first.",
        ["Mr. Smith met Dr. Jones.", "J. R. R. Tolkien wrote it.", "See No. 5, e.g. the first."],
    ),
    (
        "en",
        'He said: "We will win." Then he left. "Will we?" she asked. Prices rose 2.5 percent.',
        [
            'He said: "We will win."',
            "Then he left.",
            '"Will we?" she asked.',
            "Prices rose 2.5 percent.",
        ],
    ),
    ("en", "Apples, pears, etc. The list is long.", ["Apples, pears, etc.", "The list is long."]),
    ("en", "She left at 5 p.m. The meeting began.", ["She left at 5 p.m.", "The meeting began."]),
    ("en", "Wait... What happened?", ["Wait...", "What happened?"]),
    (
        "de",
        "Das Treffen ist am 3. Februar. Er kam z. B. gestern. Siehe Art. 12. Das ist klar.",
        [
            "Das Treffen ist am 3. Februar.",
            "Er kam z. B. gestern.",
            "Siehe Art. 12.",
            "Das ist klar.",
        ],
    ),
    (
        "de",
        "Es kostet ca. 5 Mio. Euro. Er sagte: »Komm!« Sie kam. Er lief 100 m. Dann ruhte er.",
        [
            "Es kostet ca. 5 Mio. Euro.",
            "Er sagte: »Komm!«",
            "Sie kam.",
            "Er lief 100 m.",
            "Dann ruhte er.",
        ],
    ),
    (
        "pl",
        "Spotkanie odbyło się w 2025 r. Rozmawiano m.in. o obronie. Tzw. koalicja, np. Francja, "
        "zebrała się na ul. Wiejskiej.",
        [
            "Spotkanie odbyło się w 2025 r.",
            "Rozmawiano m.in. o obronie.",
            "Tzw. koalicja, np. Francja, zebrała się na ul. Wiejskiej.",
        ],
    ),
    (
        "fr",
        "M. Dupont est arrivé. Il a dit : « C'est fini. » Puis il est parti.",
        ["M. Dupont est arrivé.", "Il a dit : « C'est fini. »", "Puis il est parti."],
    ),
    (
        "es",
        "El Sr. García llegó. ¿Qué pasó? ¡Nadie lo sabe! Los EE. UU. ayudan.",
        ["El Sr. García llegó.", "¿Qué pasó?", "¡Nadie lo sabe!", "Los EE. UU. ayudan."],
    ),
    (
        "ru",
        "Обсудили бюджет и т. д. Решение приняли в г. Москва. Согласно ст. 5 оно действует. "
        "В 1991 г. Украина стала независимой.",
        [
            "Обсудили бюджет и т. д.",
            "Решение приняли в г. Москва.",
            "Согласно ст. 5 оно действует.",
            "В 1991 г. Украина стала независимой.",
        ],
    ),
    (
        "ru",
        "— Вы за? — спросил журналист. — Да, — ответил депутат. Сумма — 500 тыс. руб. Всё.",
        [
            "— Вы за? — спросил журналист.",
            "— Да, — ответил депутат.",
            "Сумма — 500 тыс. руб.",
            "Всё.",
        ],
    ),
    (
        "be",
        "Указ падпісаў А. Лукашэнка. Абмеркавалі бюджэт і г. д. Згодна з арт. 5 ён дзейнічае.",
        [
            "Указ падпісаў А. Лукашэнка.",
            "Абмеркавалі бюджэт і г. д.",
            "Згодна з арт. 5 ён дзейнічае.",
        ],
    ),
    (
        "bg",
        "Той каза: „Няма да се предадем!“ После си тръгна. Обсъдиха бюджета и т.н. "
        "Съгласно чл. 5 решението е в сила в гр. София.",
        [
            "Той каза: „Няма да се предадем!“",
            "После си тръгна.",
            "Обсъдиха бюджета и т.н.",
            "Съгласно чл. 5 решението е в сила в гр. София.",
        ],
    ),
    (
        "xx",
        "Unknown language. Still split! Isn't it?",
        ["Unknown language.", "Still split!", "Isn't it?"],
    ),
]


@pytest.mark.parametrize(("lang", "text", "expected"), OTHER_CASES)
def test_other_languages(lang: str, text: str, expected: list[str]) -> None:
    assert sentences(text, lang) == expected


# --- Reassembly -----------------------------------------------------------------------------


def test_reassemble_replaces_segments_and_keeps_layout() -> None:
    text = "\ufeffПерше речення. Друге речення.\r\n\r\n  Третє.\t"
    segs = segment(text)
    translated = reassemble(text, segs, ["First sentence.", "Second one.", "Third."])
    assert translated == "\ufeffFirst sentence. Second one.\r\n\r\n  Third.\t"


def test_reassemble_rejects_mismatched_input() -> None:
    segs = segment("Один. Два.")
    with pytest.raises(ValueError):
        reassemble("Один. Два.", segs, ["One."])
    with pytest.raises(ValueError):
        reassemble("Один. Два.", segs[::-1], ["Two.", "One."])


def assert_well_formed(text: str, segs: list[Segment]) -> None:
    """Spans are exact, stripped, in order, within one line, and reassemble to the text."""
    assert reassemble(text, segs, [s.text for s in segs]) == text
    assert [s.index for s in segs] == list(range(len(segs)))
    cursor = 0
    for s in segs:
        assert text[s.start : s.end] == s.text
        assert s.text and s.text == s.text.strip()
        assert not any(c in s.text for c in "\r\n\u2028\u2029")
        assert s.start >= cursor
        cursor = s.end
    paragraphs = [s.paragraph for s in segs]
    assert paragraphs == sorted(paragraphs)


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_articles_round_trip(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    segs = segment(text)
    assert_well_formed(text, segs)
    per_paragraph = Counter(s.paragraph for s in segs)
    assert 6 <= len(per_paragraph) <= 9  # the headline plus 5-8 paragraphs
    assert 12 <= len(segs) - per_paragraph[0] <= 25


def test_example_articles_exist() -> None:
    assert [p.name for p in ARTICLES] == ["military-aid.uk.txt", "nato.uk.txt", "parliament.uk.txt"]


SEPARATORS = [
    " ",
    "  ",
    "\t",
    "\u00a0",
    " \u202f",
    "\n",
    "\r\n",
    "\r",
    "\n\n",
    " \r\n \r\n\t",
    "\u2028",
    "\u2029",
]
EDGES = ["", " ", "\n", "\r\n", "\t \n\n", "\ufeff"]


ROUND_TRIP_SOURCES = {
    "uk": (ROOT / "examples/parliament.uk.txt").read_text(encoding="utf-8").split("\n", 1)[1],
    "en": 'Mr. Smith arrived. "Why?" he asked. Prices rose 2.5 percent... Nobody knew!',
}


@pytest.mark.parametrize("lang", sorted(ROUND_TRIP_SOURCES))
def test_round_trip_whitespace_variations(lang: str) -> None:
    """Any whitespace between and around the sentences: same sentences, same text back."""
    pieces = [s.text for s in segment(ROUND_TRIP_SOURCES[lang], lang)]
    rng = random.Random(20260203)
    for _ in range(200):
        text = rng.choice(EDGES) + "".join(piece + rng.choice(SEPARATORS) for piece in pieces)
        text = text[: -1 if rng.random() < 0.5 else None] + rng.choice(EDGES)
        segs = segment(text, lang)
        assert_well_formed(text, segs)
        assert [s.text for s in segs] == pieces


def test_round_trip_random_text() -> None:
    alphabet = [
        *"абвгґАБВГЇ .!?…«»\"'’ʼ()—-,:;0129\t\u00a0\r\n\u2028\ufeff",
        "р.",
        "м. ",
        "т. зв. ",
    ]
    rng = random.Random(7)
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80)))
        for lang in ("uk", "de", "ru"):
            assert_well_formed(text, segment(text, lang))


def test_import_does_not_load_tokenize_uk() -> None:
    code = (
        "import sys, translator.segment as s; print('tokenize_uk' in sys.modules);"
        " s.segment('Hello there. Bye.', 'en'); print('tokenize_uk' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout == "False\nFalse\n"


# --- Gold set -------------------------------------------------------------------------------


def boundaries(paragraph: list[str]) -> set[int]:
    """Sentence ends inside a paragraph, counted in non-whitespace characters."""
    ends, position = set(), 0
    for sentence in paragraph[:-1]:
        position += len("".join(sentence.split()))
        ends.add(position)
    return ends


def test_gold_sets_exist() -> None:
    assert [p.name for p in GOLD][:1] == ["segment_gold_uk.txt"]


@pytest.mark.parametrize("source", GOLD, ids=lambda p: p.name)
def test_gold_boundary_errors(source: Path) -> None:
    """At most 3 wrong or missing sentence boundaries per 40 paragraphs.

    ``segment_gold_LANG.txt`` holds one paragraph a line; ``segment_gold_LANG.expected.txt``
    holds its sentences, one a line, with an empty line between paragraphs (the output format
    of ``translator segment``).
    """
    lang = source.stem.removeprefix("segment_gold_")
    expected = [
        block.split("\n")
        for block in source.with_suffix(".expected.txt")
        .read_text(encoding="utf-8")
        .strip()
        .split("\n\n")
    ]
    got: dict[int, list[str]] = {}
    for seg in segment(source.read_text(encoding="utf-8"), lang):
        got.setdefault(seg.paragraph, []).append(seg.text)
    assert len(got) == len(expected) >= 40
    errors = []
    for want, have in zip(expected, got.values(), strict=True):
        assert "".join("".join(want).split()) == "".join("".join(have).split())
        wrong = len(boundaries(want) ^ boundaries(have))
        if wrong:
            errors.append((wrong, want, have))
    count = sum(wrong for wrong, _, _ in errors)
    assert count <= 3 * len(expected) / 40, errors
