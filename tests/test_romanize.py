"""Romanisation by the 2010 national table (Cabinet of Ministers resolution No. 55)."""

import pytest

from translator.names.romanize import romanize

STANDARD_EXAMPLES = (
    ("Алушта", "Alushta"),
    ("Андрій", "Andrii"),
    ("Борщагівка", "Borshchahivka"),
    ("Борисенко", "Borysenko"),
    ("Вінниця", "Vinnytsia"),
    ("Володимир", "Volodymyr"),
    ("Гадяч", "Hadiach"),
    ("Богдан", "Bohdan"),
    ("Згурський", "Zghurskyi"),
    ("Ґалаґан", "Galagan"),
    ("Ґорґани", "Gorgany"),
    ("Донецьк", "Donetsk"),
    ("Дмитро", "Dmytro"),
    ("Рівне", "Rivne"),
    ("Олег", "Oleh"),
    ("Есмань", "Esman"),
    ("Єнакієве", "Yenakiieve"),
    ("Гаєвич", "Haievych"),
    ("Короп'є", "Koropie"),
    ("Житомир", "Zhytomyr"),
    ("Жанна", "Zhanna"),
    ("Жежелів", "Zhezheliv"),
    ("Закарпаття", "Zakarpattia"),
    ("Казимирчук", "Kazymyrchuk"),
    ("Медвин", "Medvyn"),
    ("Михайленко", "Mykhailenko"),
    ("Іванків", "Ivankiv"),
    ("Іващенко", "Ivashchenko"),
    ("Їжакевич", "Yizhakevych"),
    ("Кадиївка", "Kadyivka"),
    ("Мар'їне", "Marine"),
    ("Йосипівка", "Yosypivka"),
    ("Стрий", "Stryi"),
    ("Олексій", "Oleksii"),
    ("Київ", "Kyiv"),
    ("Коваленко", "Kovalenko"),
    ("Лебедин", "Lebedyn"),
    ("Леонід", "Leonid"),
    ("Мелітополь", "Melitopol"),
    ("Миколаїв", "Mykolaiv"),
    ("Ніжин", "Nizhyn"),
    ("Наталія", "Nataliia"),
    ("Одеса", "Odesa"),
    ("Онищенко", "Onyshchenko"),
    ("Полтава", "Poltava"),
    ("Петро", "Petro"),
    ("Решетилівка", "Reshetylivka"),
    ("Рибчинський", "Rybchynskyi"),
    ("Суми", "Sumy"),
    ("Соломія", "Solomiia"),
    ("Тернопіль", "Ternopil"),
    ("Троць", "Trots"),
    ("Ужгород", "Uzhhorod"),
    ("Уляна", "Uliana"),
    ("Фастів", "Fastiv"),
    ("Філіпчук", "Filipchuk"),
    ("Харків", "Kharkiv"),
    ("Христина", "Khrystyna"),
    ("Біла Церква", "Bila Tserkva"),
    ("Стеценко", "Stetsenko"),
    ("Чернівці", "Chernivtsi"),
    ("Шевченко", "Shevchenko"),
    ("Шостка", "Shostka"),
    ("Кишеньки", "Kyshenky"),
    ("Щербухи", "Shcherbukhy"),
    ("Гоща", "Hoshcha"),
    ("Гаращенко", "Harashchenko"),
    ("Юрій", "Yurii"),
    ("Корюківка", "Koriukivka"),
    ("Яготин", "Yahotyn"),
    ("Ярошенко", "Yaroshenko"),
    ("Костянтин", "Kostiantyn"),
    ("Знам'янка", "Znamianka"),
    ("Феодосія", "Feodosiia"),
    ("Згорани", "Zghorany"),
    ("Розгон", "Rozghon"),
    ("Ічня", "Ichnia"),
)


@pytest.mark.parametrize(("ukrainian", "latin"), STANDARD_EXAMPLES)
def test_the_standards_own_examples(ukrainian: str, latin: str) -> None:
    assert romanize(ukrainian) == latin


@pytest.mark.parametrize(
    ("ukrainian", "latin"),
    [
        ("Євген", "Yevhen"),
        ("Пиєв", "Pyiev"),
        ("Їжак", "Yizhak"),
        ("Гаїв", "Haiv"),
        ("Йосип", "Yosyp"),
        ("Гайок", "Haiok"),
        ("Юлія", "Yuliia"),
        ("Рюмін", "Riumin"),
        ("Ялта", "Yalta"),
        ("Гаяна", "Haiana"),
        ("є", "ye"),
        ("ї", "yi"),
        ("й", "y"),
        ("ю", "yu"),
        ("я", "ya"),
    ],
)
def test_word_initial_iotated_letters_differ_from_inside(ukrainian: str, latin: str) -> None:
    assert romanize(ukrainian) == latin


@pytest.mark.parametrize(
    ("ukrainian", "latin"),
    [
        ("Згорани", "Zghorany"),
        ("Розгон", "Rozghon"),
        ("зграя", "zghraia"),
        ("Жмеринка", "Zhmerynka"),
    ],
)
def test_zg_is_zgh_and_zh_stays_zh(ukrainian: str, latin: str) -> None:
    assert romanize(ukrainian) == latin


@pytest.mark.parametrize("apostrophe", ["'", "\u2019", "\u02bc", "\u2018", "`"])
def test_every_apostrophe_is_dropped_and_does_not_start_a_word(apostrophe: str) -> None:
    assert romanize(f"Знам{apostrophe}янка") == "Znamianka"
    assert romanize(f"Мар{apostrophe}їне") == "Marine"
    assert romanize(f"Короп{apostrophe}є") == "Koropie"


def test_soft_sign_is_dropped() -> None:
    assert romanize("Львів Тернопіль Троць") == "Lviv Ternopil Trots"


def test_stress_marks_are_dropped() -> None:
    assert romanize("Ки\u0301їв доро\u0300га") == "Kyiv doroha"


def test_decomposed_short_i_and_yi_read_as_one_letter() -> None:
    assert romanize("Андріи\u0306 І\u0308жакевич") == "Andrii Yizhakevych"


@pytest.mark.parametrize(
    ("ukrainian", "latin"),
    [
        ("Івано-Франківськ", "Ivano-Frankivsk"),
        ("Ярослав-Юрій", "Yaroslav-Yurii"),
        ("Кам'янець-Подільський", "Kamianets-Podilskyi"),
        ("Петрова-Яковенко", "Petrova-Yakovenko"),
    ],
)
def test_each_part_of_a_hyphenated_name_starts_a_word(ukrainian: str, latin: str) -> None:
    assert romanize(ukrainian) == latin


@pytest.mark.parametrize(
    ("ukrainian", "latin"),
    [
        ("ЩЕРБУХИ", "SHCHERBUKHY"),
        ("КИЇВ", "KYIV"),
        ("ЮРІЙ", "YURII"),
        ("ЗГОРАНИ", "ZGHORANY"),
        ("МАР'ЇНЕ", "MARINE"),
        ("ІВАНО-ФРАНКІВСЬК", "IVANO-FRANKIVSK"),
        ("Щ", "Shch"),
    ],
)
def test_all_caps_words_stay_all_caps(ukrainian: str, latin: str) -> None:
    assert romanize(ukrainian) == latin


@pytest.mark.parametrize(
    ("ukrainian", "latin"),
    [
        ("В.", "V."),
        ("Ю.", "Yu."),
        ("Є.", "Ye."),
        ("Щ.", "Shch."),
        ("Т. Г. Шевченко", "T. H. Shevchenko"),
    ],
)
def test_initials(ukrainian: str, latin: str) -> None:
    assert romanize(ukrainian) == latin


@pytest.mark.parametrize(
    ("ukrainian", "latin"),
    [("Ыйт", "Yit"), ("Эдуард", "Eduard"), ("Ёлкин", "Yolkyn"), ("Семёнов", "Semionov")],
)
def test_russian_letters_in_names(ukrainian: str, latin: str) -> None:
    assert romanize(ukrainian) == latin


def test_hard_sign_is_dropped() -> None:
    assert romanize("Подъячев") == "Podiachev"


def test_a_sentence_keeps_latin_digits_and_punctuation() -> None:
    assert romanize("Михайла Згуровського (КПІ) 2024") == "Mykhaila Zghurovskoho (KPI) 2024"
    assert (
        romanize("NATO і ЄС: «Зеленський», don't — 5%!") == "NATO i YES: «Zelenskyi», don't — 5%!"
    )


def test_cyrillic_after_a_latin_letter_does_not_start_a_word() -> None:
    assert romanize("Кiєв") == "Kiiev"


def test_text_without_cyrillic_is_unchanged() -> None:
    assert romanize("Kyiv, 24 Feb 2022 — ok?") == "Kyiv, 24 Feb 2022 — ok?"


def test_empty_string() -> None:
    assert romanize("") == ""
