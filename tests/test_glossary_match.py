"""Lemma-aware glossary matching: real pymorphy3, no mocks."""

import subprocess
import sys
from pathlib import Path

import pytest

from translator.glossary.match import GlossaryIndex, Match, index_for
from translator.glossary.model import Entry, Glossary
from translator.glossary.morphology import analyses

DATA = Path(__file__).parent / "data"

CORE_TERMS = (
    "Верховна Рада",
    "Рада",
    "Кабінет Міністрів",
    "Збройні сили України",
    "Марк Рютте",
    "Володимир Зеленський",
    "Зеленський",
    "Коаліція охочих",
    "Будапештський меморандум",
    "народний депутат",
    "Генеральний штаб",
    "Київ",
    "Офіс Президента",
    "Прем'єр-міністр",
    "НАТО",
    "Генеральний секретар НАТО",
    "Генеральний секретар",
    "ЗСУ",
    "СБУ",
    "ЄС",
    "ППО",
    "телеканал «Рада»",
    "Івано-Франківськ",
    "Донецьк",
)

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct", "voct")

# Every case form of the core terms, written out by hand: (term, inflecting word positions,
# number, forms in the order of CASES). Words at other positions keep their glossary form.
PARADIGMS = (
    (
        "Верховна Рада",
        (0, 1),
        "sing",
        (
            "Верховна Рада",
            "Верховної Ради",
            "Верховній Раді",
            "Верховну Раду",
            "Верховною Радою",
            "Верховній Раді",
            "Верховна Радо",
        ),
    ),
    (
        "Кабінет Міністрів",
        (0,),
        "sing",
        (
            "Кабінет Міністрів",
            "Кабінету Міністрів",
            "Кабінетові Міністрів",
            "Кабінет Міністрів",
            "Кабінетом Міністрів",
            "Кабінеті Міністрів",
            "Кабінете Міністрів",
        ),
    ),
    (
        "Збройні сили України",
        (0, 1),
        "plur",
        (
            "Збройні сили України",
            "Збройних сил України",
            "Збройним силам України",
            "Збройні сили України",
            "Збройними силами України",
            "Збройних силах України",
            "Збройні сили України",
        ),
    ),
    (
        "Марк Рютте",
        (0, 1),
        "sing",
        (
            "Марк Рютте",
            "Марка Рютте",
            "Маркові Рютте",
            "Марка Рютте",
            "Марком Рютте",
            "Маркові Рютте",
            "Марку Рютте",
        ),
    ),
    (
        "Володимир Зеленський",
        (0, 1),
        "sing",
        (
            "Володимир Зеленський",
            "Володимира Зеленського",
            "Володимирові Зеленському",
            "Володимира Зеленського",
            "Володимиром Зеленським",
            "Володимирові Зеленському",
            "Володимире Зеленський",
        ),
    ),
    (
        "Зеленський",
        (0,),
        "sing",
        (
            "Зеленський",
            "Зеленського",
            "Зеленському",
            "Зеленського",
            "Зеленським",
            "Зеленському",
            "Зеленський",
        ),
    ),
    (
        "Коаліція охочих",
        (0,),
        "sing",
        (
            "Коаліція охочих",
            "Коаліції охочих",
            "Коаліції охочих",
            "Коаліцію охочих",
            "Коаліцією охочих",
            "Коаліції охочих",
            "Коаліціє охочих",
        ),
    ),
    (
        "Будапештський меморандум",
        (0, 1),
        "sing",
        (
            "Будапештський меморандум",
            "Будапештського меморандуму",
            "Будапештському меморандуму",
            "Будапештський меморандум",
            "Будапештським меморандумом",
            "Будапештському меморандумі",
            "Будапештський меморандуме",
        ),
    ),
    (
        "народний депутат",
        (0, 1),
        "sing",
        (
            "народний депутат",
            "народного депутата",
            "народному депутатові",
            "народного депутата",
            "народним депутатом",
            "народному депутатові",
            "народний депутате",
        ),
    ),
    (
        "народний депутат",
        (0, 1),
        "plur",
        (
            "народні депутати",
            "народних депутатів",
            "народним депутатам",
            "народних депутатів",
            "народними депутатами",
            "народних депутатах",
            "народні депутати",
        ),
    ),
    (
        "Генеральний штаб",
        (0, 1),
        "sing",
        (
            "Генеральний штаб",
            "Генерального штабу",
            "Генеральному штабу",
            "Генеральний штаб",
            "Генеральним штабом",
            "Генеральному штабі",
            "Генеральний штабе",
        ),
    ),
    (
        "Генеральний штаб",
        (0, 1),
        "plur",
        (
            "Генеральні штаби",
            "Генеральних штабів",
            "Генеральним штабам",
            "Генеральні штаби",
            "Генеральними штабами",
            "Генеральних штабах",
            "Генеральні штаби",
        ),
    ),
    ("Київ", (0,), "sing", ("Київ", "Києва", "Києву", "Київ", "Києвом", "Києві", "Києве")),
    (
        "Офіс Президента",
        (0,),
        "sing",
        (
            "Офіс Президента",
            "Офісу Президента",
            "Офісові Президента",
            "Офіс Президента",
            "Офісом Президента",
            "Офісі Президента",
            "Офісе Президента",
        ),
    ),
    (
        "Прем'єр-міністр",
        (0,),
        "sing",
        (
            "Прем'єр-міністр",
            "прем'єр-міністра",
            "прем'єр-міністрові",
            "прем'єр-міністра",
            "прем'єр-міністром",
            "прем'єр-міністрові",
            "прем'єр-міністре",
        ),
    ),
    (
        "Прем'єр-міністр",
        (0,),
        "plur",
        (
            "прем'єр-міністри",
            "прем'єр-міністрів",
            "прем'єр-міністрам",
            "прем'єр-міністрів",
            "прем'єр-міністрами",
            "прем'єр-міністрах",
            "прем'єр-міністри",
        ),
    ),
)

FORMS = [
    pytest.param(term, positions, number, case, form, id=f"{term}-{number}-{case}")
    for term, positions, number, forms in PARADIGMS
    for case, form in zip(CASES, forms, strict=True)
]


def glossary_of(*sources: str, name: str = "test") -> Glossary:
    """A glossary whose targets are the sources in capitals."""
    entries = tuple(Entry(source, source.upper(), line=i + 1) for i, source in enumerate(sources))
    return Glossary(name, "uk", "en", entries)


@pytest.fixture(scope="module")
def core() -> GlossaryIndex:
    """The index of the core terms."""
    return GlossaryIndex.build(glossary_of(*CORE_TERMS))


def found(index: GlossaryIndex, text: str) -> list[tuple[str, str]]:
    """``(surface, source)`` of every match, after checking its span."""
    matches = index.find(text)
    for match in matches:
        assert text[match.start : match.end] == match.surface
    return [(match.surface, match.entry.source) for match in matches]


@pytest.mark.parametrize(("term", "positions", "number", "case", "form"), FORMS)
def test_every_case_form_is_a_real_form(
    term: str, positions: tuple[int, ...], number: str, case: str, form: str
) -> None:
    for position in positions:
        lemmas = {a.lemma for a in analyses(term.split()[position]) if a.case == "nomn"}
        readings = analyses(form.split()[position])
        assert any(a.lemma in lemmas and a.case == case and a.number == number for a in readings), (
            form,
            readings,
        )


@pytest.mark.parametrize(("term", "positions", "number", "case", "form"), FORMS)
def test_every_case_form_matches(
    core: GlossaryIndex, term: str, positions: tuple[int, ...], number: str, case: str, form: str
) -> None:
    text = f"Учора згадали: {form}."
    start = text.index(form)
    [match] = core.find(text)
    assert match == Match(start, start + len(form), form, match.entry)
    assert match.entry.source == term


@pytest.mark.parametrize(
    "text",
    [
        "Зеленська відвідала Харків.",  # a feminine surname is another person
        "Інтерв'ю із Зеленською вийшло вчора.",
        "Подружжя Зеленських зустрілося з королем.",  # several people, not the entry's person
        "Зелений коридор працює.",
        "Я рада, що ми зустрілися.",  # "glad"
        "Вона дуже рада цій новині.",
        "Він радий, що все скінчилося.",
        "Батьківська рада школи зібралася ввечері.",  # a lowercase "council"
        "Указ підписали за поданням верховного радника.",
        "Автор написав «Нато» з малої літери.",  # acronyms match in capitals only
        "Натовські стандарти впроваджують поступово.",
        "НАТО-вські літаки та НАТОвські кораблі.",  # an acronym inside a word
        "Донатори зібрали кошти.",
        "Поштова марка стала популярною.",
        "Дипломат Марко Рютте не має стосунку до генсека.",  # another first name
        "Києво-Печерська лавра і прощання з Києвом-Печерським.",  # compounds are one word
        "Мешканці Київської області та абоненти Київстар.",
        "Донецька область і Донецька вугільна промисловість.",  # adjectives, not the town
        "Сбу, зсу та Ппо пишуть лише великими літерами.",
        "Справу передали до ЄСПЛ.",
        "офіс президента",  # a proper name must be capitalised
        "Міністр відкрив новий кабінет у будівлі міністерства.",
    ],
)
def test_near_misses_do_not_match(core: GlossaryIndex, text: str) -> None:
    assert found(core, text) == []


def test_acronyms_match_whole_words_in_capitals(core: GlossaryIndex) -> None:
    text = "ЗСУ, СБУ та ППО; саміт Україна-ЄС і вступ до «НАТО»."
    assert found(core, text) == [
        ("ЗСУ", "ЗСУ"),
        ("СБУ", "СБУ"),
        ("ППО", "ППО"),
        ("ЄС", "ЄС"),
        ("НАТО", "НАТО"),
    ]


@pytest.mark.parametrize("apostrophe", ["'", "\u2019", "\u02bc", "`"])
def test_apostrophes_are_one_character(core: GlossaryIndex, apostrophe: str) -> None:
    text = f"Слово надали прем{apostrophe}єр-міністрові."
    assert found(core, text) == [(f"прем{apostrophe}єр-міністрові", "Прем'єр-міністр")]


def test_glossary_apostrophe_matches_any_apostrophe() -> None:
    index = GlossaryIndex.build(glossary_of("перемир\u2019я"))
    assert found(index, "Умови перемир'я та перемирʼю.") == [
        ("перемир'я", "перемир\u2019я"),
        ("перемирʼю", "перемир\u2019я"),
    ]


def test_hyphenated_terms(core: GlossaryIndex) -> None:
    text = "З Івано-Франківська до Івано\u2011Франківську; Прем'єр-міністра."
    assert found(core, text) == [
        ("Івано-Франківська", "Івано-Франківськ"),
        ("Івано\u2011Франківську", "Івано-Франківськ"),
        ("Прем'єр-міністра", "Прем'єр-міністр"),
    ]


def test_punctuation_in_a_term_matches_any_quotes(core: GlossaryIndex) -> None:
    text = 'Телеканалу «Рада», телеканалом "Рада" і телеканал “Рада”.'
    assert found(core, text) == [
        ("Телеканалу «Рада»", "телеканал «Рада»"),
        ('телеканалом "Рада"', "телеканал «Рада»"),
        ("телеканал “Рада”", "телеканал «Рада»"),
    ]


def test_capitalisation(core: GlossaryIndex) -> None:
    text = (
        "ВЕРХОВНА РАДА і Народні депутати; генерального секретаря НАТО; Офіс президента; "
        "Кабінету міністрів."
    )
    assert found(core, text) == [
        ("ВЕРХОВНА РАДА", "Верховна Рада"),  # text in capitals
        ("Народні депутати", "народний депутат"),  # a lowercase term matches any case
        ("генерального секретаря НАТО", "Генеральний секретар НАТО"),  # a role
        ("Офіс президента", "Офіс Президента"),  # later words match any case
        ("Кабінету міністрів", "Кабінет Міністрів"),
    ]


def test_names_missing_from_the_dictionary_still_decline() -> None:
    index = GlossaryIndex.build(glossary_of("Андрій Сибіга", "Кір Стармер", "Донецьк"))
    text = "Андрієві Сибізі, з Андрієм Сибігою, уряд Кіра Стармера; до Донецька, Донецьку."
    assert found(index, text) == [
        ("Андрієві Сибізі", "Андрій Сибіга"),
        ("Андрієм Сибігою", "Андрій Сибіга"),
        ("Кіра Стармера", "Кір Стармер"),
        ("Донецька", "Донецьк"),
        ("Донецьку", "Донецьк"),
    ]


def test_words_of_a_term_must_agree(core: GlossaryIndex) -> None:
    assert found(core, "Будапештський меморандуму, народного депутатів, Генеральних штабу.") == []


def test_longest_match_wins(core: GlossaryIndex) -> None:
    text = "Генеральний секретар НАТО Марк Рютте і генеральний секретар ООН приїхали до НАТО."
    assert found(core, text) == [
        ("Генеральний секретар НАТО", "Генеральний секретар НАТО"),
        ("Марк Рютте", "Марк Рютте"),
        ("генеральний секретар", "Генеральний секретар"),
        ("НАТО", "НАТО"),
    ]
    assert found(core, "Володимира Зеленського") == [
        ("Володимира Зеленського", "Володимир Зеленський")
    ]


def test_overlaps_prefer_more_characters_then_leftmost_then_glossary_order() -> None:
    index = GlossaryIndex.build(glossary_of("Генеральний секретар", "секретар НАТО"))
    assert found(index, "Генеральний секретар НАТО") == [
        ("Генеральний секретар", "Генеральний секретар")
    ]
    index = GlossaryIndex.build(glossary_of("штаб ЗСУ", "Генеральний штаб"))
    assert found(index, "Генеральний штаб ЗСУ") == [("Генеральний штаб", "Генеральний штаб")]
    index = GlossaryIndex.build(glossary_of("рада громад", "міська рада"))
    assert found(index, "міська рада громад") == [("міська рада", "міська рада")]
    twice = Glossary("t", "uk", "en", (Entry("Київ", "Kyiv"), Entry("Київ", "Kiev")))
    [match] = GlossaryIndex.build(twice).find("у Києві")
    assert match.entry.target == "Kyiv"


def test_spans_point_into_the_original_text(core: GlossaryIndex) -> None:
    text = "  Голова\tВерховної\u00a0Ради  прибув до Києва́.\nЗСУ!"
    matches = core.find(text)
    assert [(m.start, m.end) for m in matches] == [(9, 23), (35, 41), (43, 46)]
    assert [m.surface for m in matches] == ["Верховної\u00a0Ради", "Києва́", "ЗСУ"]


def test_empty_text_and_empty_glossary() -> None:
    assert GlossaryIndex.build(glossary_of("Київ")).find("") == []
    assert GlossaryIndex.build(glossary_of()).find("У Києві") == []
    assert GlossaryIndex.build(glossary_of("  ")).find("У Києві") == []


def test_index_for_caches_by_name_and_content() -> None:
    first = index_for(glossary_of("Київ", name="cities"))
    assert index_for(glossary_of("Київ", name="cities")) is first
    assert index_for(glossary_of("Харків", name="cities")) is not first
    assert index_for(glossary_of("Київ", name="other")) is not first


def read_eval_glossary() -> Glossary:
    """The evaluation glossary: ``source<TAB>target`` lines."""
    lines = (DATA / "eval_glossary.uk-en.tsv").read_text(encoding="utf-8").splitlines()
    entries = tuple(
        Entry(*line.split("\t"), line=number)
        for number, line in enumerate(lines, start=1)
        if line.strip()
    )
    return Glossary("eval", "uk", "en", entries)


def read_eval_set() -> list[tuple[str, set[tuple[int, int, str]]]]:
    """The evaluation sentences with their expected ``(start, end, source)`` matches."""
    cases = []
    for line in (DATA / "glossary_match_eval.tsv").read_text(encoding="utf-8").splitlines():
        sentence, expected = line.split("\t")
        spans = set()
        for item in filter(None, expected.split("|")):
            start, end, source = item.split(":", 2)
            spans.add((int(start), int(end), source))
        cases.append((sentence, spans))
    return cases


def test_evaluation_set_recall_and_precision() -> None:
    glossary = read_eval_glossary()
    sources = {entry.source for entry in glossary.entries}
    cases = read_eval_set()
    assert len(cases) >= 150
    index = GlossaryIndex.build(glossary)
    true_positives = false_positives = false_negatives = 0
    for sentence, expected in cases:
        assert {source for _, _, source in expected} <= sources
        got = {(m.start, m.end, m.entry.source) for m in index.find(sentence)}
        true_positives += len(got & expected)
        false_positives += len(got - expected)
        false_negatives += len(expected - got)
    recall = true_positives / (true_positives + false_negatives)
    precision = true_positives / (true_positives + false_positives)
    assert recall >= 0.98, recall
    assert precision >= 0.97, precision


# Adjectives (masculine nominative) and nouns (noun:gender) of the synthetic glossary.
ADJECTIVE_LIST = """
державний національний міжнародний регіональний обласний міський районний військовий цивільний
оборонний енергетичний фінансовий податковий митний судовий виборчий транспортний аграрний
промисловий торговельний інвестиційний освітній медичний соціальний пенсійний житловий земельний
водний лісовий морський повітряний залізничний космічний ядерний атомний газовий нафтовий
вугільний електричний цифровий інформаційний антикорупційний прикордонний конституційний
адміністративний кримінальний господарський трудовий сімейний бюджетний банківський кредитний
валютний страховий біржовий гуманітарний культурний спортивний туристичний екологічний кліматичний
санітарний ветеринарний продовольчий зерновий експортний імпортний логістичний стратегічний
тактичний оперативний резервний мобілізаційний кадровий спеціальний тимчасовий постійний основний
додатковий окремий спільний єдиний загальний центральний місцевий урядовий парламентський
президентський зовнішній внутрішній європейський громадський приватний комунальний незалежний
апеляційний головний північний південний обов'язковий
"""

NOUN_LIST = """
комітет:m фонд:m суд:m бюджет:m кодекс:m реєстр:m департамент:m центр:m орган:m контроль:m
нагляд:m захист:m ринок:m сектор:m план:m проєкт:m договір:m закон:m указ:m звіт:m аналіз:m
моніторинг:m аудит:m збір:m податок:m кредит:m резерв:m запас:m кордон:m прокурор:m ресурс:m
потенціал:m механізм:m інститут:m реєстратор:m менеджмент:m сервіс:m кластер:m портал:m офіс:m
служба:f агенція:f комісія:f інспекція:f рада:f палата:f програма:f стратегія:f політика:f
система:f реформа:f угода:f норма:f квота:f ліцензія:f допомога:f підтримка:f безпека:f оборона:f
інфраструктура:f мережа:f платформа:f база:f група:f асоціація:f спілка:f організація:f установа:f
виплата:f субсидія:f управління:n міністерство:n агентство:n бюро:n законодавство:n регулювання:n
забезпечення:n фінансування:n страхування:n планування:n виробництво:n господарство:n
партнерство:n співробітництво:n рішення:n положення:n розслідування:n будівництво:n постачання:n
сховище:n питання:n відомство:n представництво:n командування:n об'єднання:n підприємство:n
товариство:n утворення:n правило:n право:n
"""


def agreeing(adjective: str, gender: str) -> str:
    """``adjective`` (masculine nominative) in the nominative of gender ``m``, ``f`` or ``n``."""
    if gender == "m":
        return adjective
    soft = adjective.endswith("ній")
    return adjective[:-2] + {"f": "я" if soft else "а", "n": "є" if soft else "е"}[gender]


def synthetic_glossary() -> Glossary:
    """The core terms and 10,000 adjective–noun terms (``обласна рада``), 10,024 entries."""
    synthetic = [
        Entry(f"{agreeing(adjective, gender)} {noun}", f"{adjective} {noun}")
        for adjective in ADJECTIVE_LIST.split()
        for noun, gender in (item.split(":") for item in NOUN_LIST.split())
    ]
    core = glossary_of(*CORE_TERMS).entries
    return Glossary("synthetic", "uk", "en", (*core, *synthetic))


def test_a_ten_thousand_entry_index_finds_the_right_terms() -> None:
    glossary = synthetic_glossary()
    assert len(glossary.entries) == 10_024
    index = GlossaryIndex.build(glossary)
    text = (
        "Верховна Рада доручила Державному бюро та обласним радам перевірити зовнішню політику. "
        "У Національному банку, Зовнішньому фонді й обов’язковому страхуванні змін немає. "
        "Марк Рютте приїхав до Києва; державна мова й обласний центр."
    )
    assert found(index, text) == [
        ("Верховна Рада", "Верховна Рада"),
        ("Державному бюро", "державне бюро"),
        ("обласним радам", "обласна рада"),
        ("зовнішню політику", "зовнішня політика"),
        ("Зовнішньому фонді", "зовнішній фонд"),
        ("обов’язковому страхуванні", "обов'язкове страхування"),
        ("Марк Рютте", "Марк Рютте"),
        ("Києва", "Київ"),
        ("обласний центр", "обласний центр"),
    ]


def test_importing_the_matcher_loads_no_language_libraries() -> None:
    code = (
        "import sys, translator.glossary.match; "
        "print(sorted({'pymorphy3', 'tokenize_uk'} & set(sys.modules)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
