"""Tests for translator.detect: each rule, then accuracy on tests/data/detect_eval.tsv."""

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from translator.detect import UNDETERMINED, Detection, detect
from translator.detect.detector import PROFILES, _latin_word, _lexicon_class
from translator.detect.word_lists import SCRIPTS, word_lists

ROOT = Path(__file__).resolve().parents[1]
EVAL_SET = Path(__file__).parent / "data" / "detect_eval.tsv"
EVAL_LANGUAGES = ("uk", "ru", "be", "bg", "pl", "de", "en")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # Ukrainian letters і ї є ґ and the apostrophe, even in a single word
        ("Київ", "uk"),
        ("їжак", "uk"),
        ("ґанок", "uk"),
        ("Це наш ґанок", "uk"),
        ("У м’ясній крамниці", "uk"),
        ("Він пішов додому", "uk"),
        ("Добрий день", "uk"),
        ("Що ти робиш завтра?", "uk"),
        ("ОГОЛОШЕННЯ: ЗАВТРА НЕ БУДЕ СВІТЛА", "uk"),
        ("Киïв i Львiв", "uk"),  # Latin look-alikes typed inside Cyrillic words
        # Russian: ы э ё ъ, и, no і
        ("Это хорошо", "ru"),
        ("Мы были дома", "ru"),
        ("Где ты был вчера?", "ru"),
        ("Компания объявила о слиянии", "ru"),
        # Belarusian: ў, і with ы/э, no и/щ
        ("ўсё", "be"),
        ("Мы былі ў Мінску", "be"),
        ("Гэта вельмі цікава", "be"),
        ("Дзякуй за дапамогу", "be"),
        # Bulgarian: ъ as a vowel, no ы/э/ё/і
        ("съм", "bg"),
        ("Аз съм от София", "bg"),
        ("Къде е гарата?", "bg"),
        ("Това е добре", "bg"),
        # Serbian and Macedonian letters
        ("Ђаковица је град на Косову", "sr"),
        ("Ово је веома лепо", "sr"),
        ("Ќе дојдам утре", "mk"),
        # Latin script: langdetect with letter and word evidence
        ("Dzień dobry, jak się masz?", "pl"),
        ("Guten Morgen, wie geht es dir?", "de"),
        ("The weather is nice today.", "en"),
        ("Dziękuję", "pl"),
        ("Straße", "de"),
        # Other scripts
        ("Καλημέρα σας φίλοι", "el"),
    ],
)
def test_detects_language(text: str, language: str) -> None:
    assert detect(text).language == language


@pytest.mark.parametrize(
    "text",
    [
        "Генеральний секретар NATO Марк Рютте (Mark Rutte) прибув до Києва",
        "Компанія Microsoft випустила Windows 11 та Office 365",
        "Apple презентувала новий iPhone, а Google — Pixel",
        "Дивіться https://example.com/news?id=5 і пишіть на info@example.com #новини @redakcia",
        "Київ, 24 лютого 2022 року",
    ],
)
def test_ukrainian_with_latin_names_links_and_numbers(text: str) -> None:
    assert detect(text).language == "uk"


@pytest.mark.parametrize(
    ("word", "known_to"),
    [
        ("ухвалила", "uk"),
        ("переможемо", "uk"),
        ("м'ясо", "uk"),  # the apostrophe is Ukrainian only
        ("объявила", "ru"),
        ("пришел", "ru"),  # е for ё
        ("закон", "both"),
        ("прыйшоў", "neither"),
        ("правителството", "neither"),
        ("переможемоо", "neither"),  # pymorphy3's guesses for unknown words do not count
    ],
)
def test_lexicon_class(word: str, known_to: str) -> None:
    assert _lexicon_class(word) == known_to


@pytest.mark.parametrize(
    "text",
    [
        # Ukrainian without і ї є ґ: the dictionaries tell it from Russian and Bulgarian
        "Верховна Рада ухвалила закон.",
        "Верховна Рада ухвалила закон про бюджет.",
        "Депутати проголосували за законопроект.",
        "Уряд затвердив план.",
        "Ми переможемо",
        "Рятувальники загасили пожежу за годину.",
        "Ваша заява прийнята до розгляду.",
        "Мама зварила смачний борщ.",
    ],
)
def test_ukrainian_without_its_letters(text: str) -> None:
    assert detect(text).language == "uk"


def test_ambiguous_short_phrase_is_not_called_belarusian() -> None:
    assert detect("Я рада").language in ("uk", UNDETERMINED)


@pytest.mark.parametrize(
    "text",
    [
        # Russian without ы э ё
        "Москва объявила о переговорах",
        "Он пришел домой",
        "Правительство утвердило план реформ.",
        "Госдума приняла закон о налогах.",
        "Суд арестовал имущество чиновника.",
        "Завод остановил производство из-за нехватки деталей.",
    ],
)
def test_russian_without_its_letters(text: str) -> None:
    assert detect(text).language == "ru"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # words neither dictionary lists, or shared with Russian, leave be and bg alone
        ("Той дойде утре", "bg"),
        ("Правителството прие закона", "bg"),
        ("Това е много добре", "bg"),
        ("Том направи грешка.", "bg"),  # "грешка" is in the Russian dictionary
        ("Ён прыйшоў дадому", "be"),
        ("Урад зацвердзіў план", "be"),
        ("Як справы?", "be"),
    ],
)
def test_lexicon_leaves_belarusian_and_bulgarian(text: str, language: str) -> None:
    assert detect(text).language == language


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # short phrases langdetect alone gets wrong (nl, sk, ...): frequent words decide
        ("Bis morgen", "de"),
        ("Es regnet stark", "de"),
        ("Guten Morgen", "de"),
        ("Vielen Dank", "de"),
        ("Mach's gut!", "de"),
        ("Good evening", "en"),
        ("I love you", "en"),
        ("Thank you very much", "en"),
        ("No problem.", "en"),
        ("It's not what I've seen", "en"),
        ("Dzień dobry", "pl"),
        ("Dziękuję bardzo", "pl"),
        ("Nie wiem, co to jest", "pl"),
        ("Nie moge teraz rozmawiac, zadzwonie pozniej", "pl"),  # Polish typed without ł ę ó
        ("IM voorbewerkings-stijl", "nl"),  # an acronym is not the word "im" (de)
        # German umlauts are not Finnish or Swedish
        ("Die Europäische Zentralbank hat den Leitzins unverändert gelassen.", "de"),
    ],
)
def test_latin_letters_and_words(text: str, language: str) -> None:
    assert detect(text).language == language


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Bonjour tout le monde", "fr"),
        ("C'est la vie, n'est-ce pas ?", "fr"),
        ("Le gouvernement a adopté le budget.", "fr"),
        ("Muchas gracias", "es"),
        ("¿Dónde está la estación?", "es"),
        ("La reunión se celebrará mañana en Madrid.", "es"),
        ("Grazie mille", "it"),
        ("Dove si trova la stazione?", "it"),
        ("Il governo ha approvato la legge di bilancio.", "it"),
        ("Dank je wel", "nl"),
        ("Ik weet het niet", "nl"),
        ("Het kabinet presenteert vandaag de begroting.", "nl"),
        ("Muito obrigado", "pt"),
        ("Guvernul a aprobat bugetul pe anul viitor.", "ro"),
        ("Köszönöm szépen", "hu"),
        ("Vláda schválila rozpočet na příští rok.", "cs"),
        ("Ďakujem pekne", "sk"),
        ("Çok teşekkür ederim", "tr"),
    ],
)
def test_other_latin_languages(text: str, language: str) -> None:
    assert detect(text).language == language


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # letters of names (capitalised words after the first) are left out
        ("Lech Wałęsa visited Berlin on Monday.", "en"),
        ("The Polish prime minister Donald Tusk spoke in Łódź.", "en"),
        ("Robert Lewandowski scored twice against Bayern München.", "en"),
        ("Rafael Nadal beat Novak Đoković in Madrid.", "en"),
        ("Der polnische Präsident Andrzej Duda besuchte Gdańsk.", "de"),
        ("Kanclerz Olaf Scholz przyjechał do Düsseldorfu.", "pl"),
    ],
)
def test_latin_names_do_not_sway_the_language(text: str, language: str) -> None:
    assert detect(text).language == language


@pytest.mark.parametrize(
    ("word", "languages"),
    [
        ("die", {"de", "nl"}),
        ("don't", {"en"}),  # by its contracted tail
        ("l'ordre", {"fr", "it", "ca"}),  # by its elided head
        ("o'clock", None),
        ("zentralbank", None),
    ],
)
def test_latin_word(word: str, languages: set[str] | None) -> None:
    found = _latin_word(word)
    assert (set(found) if found is not None else None) == languages


def test_latin_word_lists() -> None:
    assert set(PROFILES["latin-core"]) <= set(word_lists("latin"))
    for language, listed in word_lists("latin").items():
        assert language in PROFILES["latin"]
        assert len(listed) == len(set(listed)), language
        assert all(word == word.lower() for word in listed), language
        if language in PROFILES["latin-core"]:
            assert len(listed) >= 40, language


@pytest.mark.parametrize("script", SCRIPTS)
def test_word_list_files_hold_one_lower_case_word_per_line(script: str) -> None:
    folder = ROOT / "translator" / "detect" / "data" / script
    files = sorted(folder.glob("*.txt"))
    assert [path.stem for path in files] == list(word_lists(script))
    for path in files:
        text = path.read_bytes().decode("utf-8")
        lines = text.split("\n")
        assert lines[-1] == "" and all(lines[:-1]), path.name  # no blank lines, ends in one \n
        words = lines[:-1]
        assert all(word == word.strip().lower() and " " not in word for word in words), path.name
        assert len(words) == len(set(words)), path.name
        assert word_lists(script)[path.stem] == tuple(words)


def test_cyrillic_word_lists_cover_the_cyrillic_languages() -> None:
    assert set(word_lists("cyrillic")) == {"uk", "ru", "be", "bg", "mk", "sr"}


def test_word_lists_of_an_unknown_script_are_an_error() -> None:
    with pytest.raises(ValueError, match="no word lists for script 'greek'"):
        word_lists("greek")


def test_import_reads_no_word_list() -> None:
    code = (
        "import translator.detect.word_lists as w, translator.detect\n"
        "print(w.word_lists.cache_info().currsize)\n"
        "translator.detect.detect('Dzień dobry, jak się masz?')\n"
        "print(w.word_lists.cache_info().currsize)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["0", "1"]


def test_derived_tables_are_current() -> None:
    script = ROOT / "scripts" / "detect_tables.py"
    out = subprocess.run(
        [sys.executable, str(script), "--check"], cwd=ROOT, capture_output=True, text=True
    )
    assert (out.returncode, out.stdout, out.stderr) == (0, "", "")


def test_latin_text_quoting_ukrainian_stays_latin() -> None:
    assert detect("The slogan 'Слава Україні' was chanted by the crowd").language == "en"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "12345",
        "!!!",
        "https://example.com",
        "www.example.com/path",
        "@user #tag",
        "info@example.com",
        "😀🎉",
        "ab",
        "Я",
        "це",
        "ok",
        "3 кг",
        # a single word with no decisive letter
        "Привет",
        "Дякую",
        "Hello",
        "Café",  # é is too common to call a lone word by
        "NATO",
        # Cyrillic in a language the model does not know (Kazakh)
        "Сәлеметсіз бе, қалыңыз қалай?",
    ],
)
def test_undetermined(text: str) -> None:
    assert detect(text) == Detection(UNDETERMINED, 0.0)


@pytest.mark.parametrize(
    "text", ["Київ", "Мы былі ў Мінску", "Good morning!", "Як справи?", "Котра година?"]
)
def test_confidence_is_a_rounded_probability(text: str) -> None:
    confidence = detect(text).confidence
    assert 0.0 < confidence <= 1.0
    assert confidence == round(confidence, 2)


def test_longer_text_is_more_certain() -> None:
    short = detect("Як справи?").confidence
    long = detect("Сьогодні у Києві пройшла зустріч міністрів закордонних справ.").confidence
    assert long > short


@pytest.mark.parametrize(
    "text",
    [
        "Добро утро!",  # shared letters only: langdetect breaks the tie
        "Як справи?",
        "I like to read before bed.",
        "Nie zapomnij kupić chleba i mleka.",
    ],
)
def test_deterministic(text: str) -> None:
    results = {detect(text) for _ in range(20)}
    assert len(results) == 1


def test_deterministic_across_processes() -> None:
    texts = ["Добро утро!", "Как дела?", "Eat more fruit and vegetables.", "No problem."]
    code = (
        "from translator.detect import detect\n"
        f"for text in {texts!r}:\n"
        "    d = detect(text)\n"
        "    print(d.language, d.confidence)\n"
    )
    runs = [
        subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout
        for _ in range(2)
    ]
    here = "".join(f"{d.language} {d.confidence}\n" for d in map(detect, texts))
    assert runs[0] == runs[1] == here


def test_import_loads_neither_langdetect_nor_pymorphy3() -> None:
    code = (
        "import sys, translator.detect\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('langdetect', 'pymorphy3')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"


def test_detection_is_frozen() -> None:
    detection = detect("Київ")
    with pytest.raises(AttributeError):
        detection.language = "ru"  # type: ignore[misc]


# --- the evaluation set --------------------------------------------------------------------


def _eval_rows() -> list[tuple[str, str]]:
    rows = []
    for line in EVAL_SET.read_text(encoding="utf-8").splitlines():
        language, sentence = line.split("\t")
        rows.append((language, sentence))
    return rows


def test_eval_set_shape() -> None:
    rows = _eval_rows()
    counts = Counter(language for language, _ in rows)
    assert set(counts) == set(EVAL_LANGUAGES)
    assert min(counts.values()) >= 60, counts
    assert len({sentence for _, sentence in rows}) == len(rows), "duplicate sentences"
    lengths = [len(sentence.split()) for _, sentence in rows]
    assert min(lengths) >= 2
    assert max(lengths) <= 40


def _summary(confusion: Counter[tuple[str, str]], rows: list[tuple[str, str]]) -> str:
    lines = ["gold  n   correct  wrong predictions"]
    for language in EVAL_LANGUAGES:
        total = sum(n for (gold, _), n in confusion.items() if gold == language)
        wrong = {p: n for (g, p), n in confusion.items() if g == language and p != language}
        lines.append(f"{language:4}  {total:3} {confusion[language, language]:4}     {wrong}")
    misses = [
        f"  {gold} -> {predicted}: {sentence}"
        for (gold, sentence), predicted in rows
        if gold != predicted
    ]
    return "\n".join([*lines, "misclassified:", *misses])


def test_eval_accuracy() -> None:
    rows = _eval_rows()
    predicted = [((gold, sentence), detect(sentence).language) for gold, sentence in rows]
    confusion = Counter((gold, guess) for (gold, _), guess in predicted)
    accuracy = sum(n for (gold, guess), n in confusion.items() if gold == guess) / len(rows)
    called_uk = sum(n for (_, guess), n in confusion.items() if guess == "uk")
    uk_precision = confusion["uk", "uk"] / called_uk if called_uk else 0.0
    summary = _summary(confusion, predicted)
    assert accuracy >= 0.98, f"accuracy {accuracy:.3f}\n{summary}"
    assert uk_precision >= 0.99, f"uk precision {uk_precision:.3f}\n{summary}"
