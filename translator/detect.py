"""Language detection: langdetect's n-gram model combined with letter and word evidence.

``detect(text)`` returns a :class:`Detection`: an ISO 639-1 code (or ``"und"``) and a
confidence in 0..1. URLs, e-mail addresses, @mentions, #hashtags and digits are dropped first;
then the script most of the words are written in (capitalised words, mostly names, count half)
picks the route, and only the words in that script are looked at:

* Cyrillic: a naive-Bayes model of Cyrillic spelling (tell letters such as і ї є ґ ў ы э ё ъ
  щ и ј, letter pairs, word endings and function words) and of the words themselves (whether
  pymorphy3's Ukrainian and Russian dictionaries list each one) ranks uk/ru/be/bg, and mk/sr
  when the text has a letter only they use (ј, љ, њ, ђ, ћ, џ, ѓ, ќ, ѕ; Macedonian without one
  reads as Bulgarian). langdetect (seeded, restricted to its Cyrillic profiles) is asked only
  when the model is torn between two languages, and its vote is bounded.
* Latin: langdetect decides. Short text (under 40 letters) chooses among the languages a
  Ukrainian newsroom meets most; longer text, or a letter only a rarer language has, opens
  the choice to all the Latin-script languages langdetect knows bar a few noisy ones.
* Any other script: langdetect over the remaining profiles decides.

Too little evidence gives ``Detection("und", 0.0)``: fewer than three letters, or a single
word without a decisive letter ("Київ" is uk, "Привет" could be ru/uk/bg). langdetect and
pymorphy3 are imported lazily: langdetect's profiles are read once per route into factories
private to this module, the two dictionaries once per process on the first Cyrillic text of
two words or more; importing this module imports nothing heavy and reads no files.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
import threading
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from langdetect.detector_factory import DetectorFactory
    from pymorphy3 import MorphAnalyzer

UNDETERMINED = "und"
MIN_LETTERS = 3  # fewer letters than this (in the chosen script) is too short to tell


@dataclass(frozen=True)
class Detection:
    """A detected language and how sure the detector is about it."""

    language: str  # ISO 639-1 code ("uk", "ru", "be", "bg", "pl", "de", "en", ...) or "und"
    confidence: float  # 0.0-1.0, rounded to 2 decimals


_UNKNOWN = Detection(UNDETERMINED, 0.0)

# --- words ---------------------------------------------------------------------------------

_NOISE_RE = re.compile(
    r"""(?:https?|ftp)://\S+          # URLs with a scheme
      | www\.\S+                      # URLs without one
      | [\w.+-]+@[\w-]+(?:\.[\w-]+)+  # e-mail addresses
      | [@#]\w+                       # @mentions and #hashtags
      | (?<![\w.])(?:[a-z0-9-]+\.)+[a-z]{2,24}\b(?:/\S*)?  # bare lower-case domains
      | \d+                           # digits
    """,
    re.VERBOSE,
)
_APOSTROPHES = str.maketrans(dict.fromkeys("’ʼ`ʻ′", "'"))
_STRESS_MARKS = str.maketrans(dict.fromkeys("\u0301\u0300"))  # left over after NFC
_WORD_RE = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")
# Latin look-alikes typed inside Cyrillic words (a Latin "i" in "Київ" is a common slip).
_HOMOGLYPHS = str.maketrans("aceiïopxyk", "асеіїорхук")
_SCRIPTS = ("cyrillic", "latin", "other")  # in order of preference on a tied vote


@dataclass(frozen=True)
class _Word:
    original: str  # as written
    lower: str  # lower-cased; in Cyrillic words, Latin look-alikes made Cyrillic
    script: str  # "cyrillic", "latin" or "other"
    letters: int


def _script(char: str) -> str:
    if "\u0400" <= char <= "\u052f":
        return "cyrillic"
    if char < "\u0250" or "\u1e00" <= char <= "\u1eff":
        return "latin"
    return "other"


def _words(text: str) -> list[_Word]:
    """The words of ``text`` with their script, noise (URLs, digits, ...) removed."""
    text = unicodedata.normalize("NFC", text).translate(_APOSTROPHES)
    text = _NOISE_RE.sub(" ", text).translate(_STRESS_MARKS)
    words = []
    for match in _WORD_RE.finditer(text):
        token = match.group()
        scripts = Counter(_script(char) for char in token if char != "'")
        script = max(_SCRIPTS, key=lambda name: scripts[name])
        lower = token.lower()
        if script == "cyrillic" and scripts["latin"]:
            lower = lower.translate(_HOMOGLYPHS)
        words.append(_Word(token, lower, script, sum(scripts.values())))
    return words


def _dominant_script(words: list[_Word]) -> str:
    votes: Counter[str] = Counter()
    for word in words:
        votes[word.script] += word.letters / 2 if word.original[0].isupper() else word.letters
    return max(_SCRIPTS, key=lambda name: votes[name])


def _confidence(probability: float, letters: int) -> float:
    """Round a probability, shrinking it for short texts (under 20 letters)."""
    return round(probability * min(1.0, 0.7 + 0.3 * letters / 20), 2)


def _softmax(scores: dict[str, float]) -> dict[str, float]:
    top = max(scores.values())
    weights = {language: math.exp(score - top) for language, score in scores.items()}
    total = sum(weights.values())
    return {language: weight / total for language, weight in weights.items()}


# --- Cyrillic model ------------------------------------------------------------------------
#
# Naive Bayes over four kinds of evidence, scored in natural-log units (nats):
#
# 1. Tell letters: the share of each among all letters (uk/ru/bg/mk figures come from
#    langdetect's Wikipedia profiles, be/sr are estimates). а, о, ц, т, в are there only for
#    Belarusian, which writes "малако" for "молоко", ц for soft т and often ў for в. A tell
#    missing from a language's table is (almost) impossible in it: log(_ABSENT) ~ -13.8 nats.
#    Other letters share the remaining mass. Two letters are split by context: "ъ+" is ъ
#    before е/ё/ю/я (Russian "объявить"; the Bulgarian ъ is a vowel: "път", "съм"), "+э" is
#    э after a consonant (Belarusian "трэба", "гэта"; Russian puts э first: "это"). "'" is an
#    apostrophe between letters (uk "м'ясо", be "сям'я"; ru writes ъ there).
# 2. Letter pairs, as per-letter rates: Belarusian дз/шч/цц/ць (its ць stands for ть, which
#    it never has), ая (ru/be), шь and сч (ru), "Vе", е after a vowel, which Ukrainian
#    spells є ("знає" for "знает"), and "Hь", р/ч/ш/ж before a softening letter (е, і, я,
#    ь, ...: "рік", "чекати", "наше"), which Belarusian never writes (its р/ч/ш/ж are
#    always hard: "рэч", "чытаць", "нашы").
# 3. Word endings (of words of four letters or more that 4. does not list; the longest
#    listed ending counts), as the share of words with each; a word with an unlisted ending
#    tells nothing. Bulgarian lost the case endings ru/uk/be keep (-ого, -ом, -ами, -ую) and
#    has articles (-ата, -ото, -ите), past tenses in -ха, verbal nouns in -ане, plurals in
#    -ове and adjectives in -ен ("неправилен"); Ukrainian -ий, -ти, -ав, -ів,
#    -их, -ою, -ння stand against Russian -ть, -ал, -ов, -ое, -его, -ает, -ию and Belarusian
#    -ага, -аму, -ай, -нне.
# 4. Frequent function words (and a few everyday words, for short phrases) used by only
#    some of the languages: each such word costs the languages that do not use it
#    _WORD_COST nats.
# 5. The lexicon: each word of two letters or more that 4. does not list is looked up in
#    pymorphy3's Ukrainian and Russian dictionaries, which puts it in one of four classes
#    (see _LEXICON). This is what tells Ukrainian written without і ї є ("Уряд ухвалив
#    закон") from Russian written without ы э ё ("Он пришел домой"). A single word is left
#    to the letters: "Привет" is Russian to the dictionaries, but also Bulgarian.
_NOT_BELARUSIAN = {"а": 0.090, "о": 0.090, "ц": 0.010, "т": 0.055, "в": 0.045}
_SYMBOLS: dict[str, dict[str, float]] = {
    "uk": {
        **_NOT_BELARUSIAN, "и": 0.055, "і": 0.065, "ї": 0.008, "є": 0.005, "ґ": 0.0004,
        "щ": 0.003, "й": 0.011, "ь": 0.019, "я": 0.019, "ю": 0.008, "'": 0.0015,
    },
    "ru": {
        **_NOT_BELARUSIAN, "и": 0.080, "ы": 0.016, "э": 0.0027, "+э": 0.0002, "ё": 0.002,
        "ъ+": 0.0003, "щ": 0.0034, "й": 0.015, "ь": 0.014, "я": 0.021, "ю": 0.006,
    },
    "be": {
        "а": 0.140, "о": 0.045, "ц": 0.030, "т": 0.035, "в": 0.030, "і": 0.050, "ы": 0.040,
        "ў": 0.020, "э": 0.002, "+э": 0.010, "ё": 0.007, "й": 0.010, "ь": 0.013, "я": 0.030,
        "ю": 0.006, "'": 0.0015,
    },
    "bg": {
        **_NOT_BELARUSIAN, "и": 0.090, "ъ": 0.016, "ъ+": 0.0003, "щ": 0.006, "й": 0.006,
        "ь": 0.0007, "я": 0.016, "ю": 0.0025, "ѝ": 0.0001,
    },
    "mk": {
        **_NOT_BELARUSIAN, "и": 0.095, "ј": 0.021, "љ": 0.001, "њ": 0.0025, "ѓ": 0.0019,
        "ќ": 0.0011, "ѕ": 0.0002, "џ": 0.0006, "ѝ": 0.0001,
    },
    "sr": {
        **_NOT_BELARUSIAN, "и": 0.095, "ј": 0.045, "љ": 0.004, "њ": 0.005, "ђ": 0.002,
        "ћ": 0.008, "џ": 0.001,
    },
}  # fmt: skip
_ABSENT = 1e-6
# Common letters cluster (a word with three а's, a sentence of -ання words), so their
# evidence counts half.
_COMMON = frozenset(_NOT_BELARUSIAN) | {"я"}
_COMMON_WEIGHT = 0.5
_TELLS = frozenset(symbol for table in _SYMBOLS.values() for symbol in table)
_IOTATED = frozenset("еёюя")
_VOWELS = frozenset("аеёиіїоуўыэюяєѝ")
_HARD_IN_BELARUSIAN = frozenset("рчшж")
_SOFTENING = frozenset("еєиіїёюяь")

_PAIRS: dict[str, dict[str, float]] = {
    "uk": {"дз": 0.00015, "шч": 0.00002, "цц": 0.00002, "ць": 0.001, "ть": 0.006, "ая": 0.0003,
           "шь": 0.00002, "сч": 0.00005, "Vе": 0.0006, "Hь": 0.033},
    "ru": {"дз": 0.00005, "шч": 0.00003, "цц": 0.00005, "ць": 0.00003, "ть": 0.007, "ая": 0.004,
           "шь": 0.0008, "сч": 0.0008, "Vе": 0.012, "Hь": 0.033},
    "be": {"дз": 0.008, "шч": 0.0015, "цц": 0.003, "ць": 0.006, "ть": 0.00001, "ая": 0.004,
           "шь": 0.00002, "сч": 0.00005, "Vе": 0.010, "Hь": 0.0002},
    "bg": {"дз": 0.00005, "шч": 0.00002, "цц": 0.00002, "ць": 0.00002, "ть": 0.0002, "ая": 0.0003,
           "шь": 0.00002, "сч": 0.0003, "Vе": 0.008, "Hь": 0.033},
    "mk": {"дз": 0.00005, "шч": 0.00002, "цц": 0.00002, "ць": 0.00001, "ть": 0.00001, "ая": 0.0001,
           "шь": 0.00001, "сч": 0.0003, "Vе": 0.005, "Hь": 0.03},
    "sr": {"дз": 0.00005, "шч": 0.00002, "цц": 0.00002, "ць": 0.00001, "ть": 0.00001, "ая": 0.0001,
           "шь": 0.00001, "сч": 0.0003, "Vе": 0.005, "Hь": 0.03},
}  # fmt: skip

_ENDINGS: dict[str, dict[str, float]] = {
    "ий": {"uk": 0.030, "ru": 0.016, "be": 0.0003, "bg": 0.0025},
    "ний": {"uk": 0.030, "ru": 0.004, "be": 0.0003, "bg": 0.0005},
    "ое": {"uk": 0.001, "ru": 0.012, "be": 0.004, "bg": 0.001},
    "ого": {"uk": 0.020, "ru": 0.025, "be": 0.003, "bg": 0.002},
    "ому": {"uk": 0.012, "ru": 0.008, "be": 0.003, "bg": 0.0005},
    "ом": {"uk": 0.020, "ru": 0.020, "be": 0.010, "bg": 0.003},
    "ами": {"uk": 0.010, "ru": 0.010, "be": 0.0003, "bg": 0.0005},
    "ть": {"uk": 0.025, "ru": 0.040, "be": 0.0003, "bg": 0.001},
    "ся": {"uk": 0.020, "ru": 0.015, "be": 0.010, "bg": 0.0005},
    "ает": {"uk": 0.0003, "ru": 0.008, "be": 0.0003, "bg": 0.0003},
    "ата": {"uk": 0.006, "ru": 0.006, "be": 0.004, "bg": 0.030},
    "ята": {"uk": 0.002, "ru": 0.001, "be": 0.001, "bg": 0.008},
    "ото": {"uk": 0.001, "ru": 0.002, "be": 0.0005, "bg": 0.015},
    "ето": {"uk": 0.0005, "ru": 0.002, "be": 0.0005, "bg": 0.010},
    "ите": {"uk": 0.0005, "ru": 0.006, "be": 0.0003, "bg": 0.020},
    "ят": {"uk": 0.0005, "ru": 0.005, "be": 0.0005, "bg": 0.008},
    "ти": {"uk": 0.030, "ru": 0.008, "be": 0.001, "bg": 0.004},
    "ою": {"uk": 0.010, "ru": 0.001, "be": 0.004, "bg": 0.0003},
    "ння": {"uk": 0.015, "ru": 0.0003, "be": 0.004, "bg": 0.0003},
    "ую": {"uk": 0.003, "ru": 0.010, "be": 0.010, "bg": 0.0003},
    "ию": {"uk": 0.0005, "ru": 0.005, "be": 0.0003, "bg": 0.0003},
    "ее": {"uk": 0.0003, "ru": 0.004, "be": 0.0003, "bg": 0.0003},
    "иш": {"uk": 0.004, "ru": 0.0003, "be": 0.0003, "bg": 0.006},
    "еш": {"uk": 0.004, "ru": 0.0003, "be": 0.002, "bg": 0.006},
    "ов": {"uk": 0.008, "ru": 0.020, "be": 0.0003, "bg": 0.010},
    "ів": {"uk": 0.015, "ru": 0.0003, "be": 0.0003, "bg": 0.0003},
    "нне": {"uk": 0.0003, "ru": 0.0003, "be": 0.010, "bg": 0.0003},
    "ага": {"uk": 0.002, "ru": 0.002, "be": 0.020, "bg": 0.002},
    "аму": {"uk": 0.0005, "ru": 0.0005, "be": 0.006, "bg": 0.0003},
    "ай": {"uk": 0.002, "ru": 0.002, "be": 0.015, "bg": 0.002},
    "сти": {"uk": 0.004, "ru": 0.012, "be": 0.0003, "bg": 0.006},
    "его": {"uk": 0.0003, "ru": 0.012, "be": 0.0003, "bg": 0.0003},
    "ует": {"uk": 0.0003, "ru": 0.006, "be": 0.0003, "bg": 0.0003},
    "ет": {"uk": 0.003, "ru": 0.015, "be": 0.002, "bg": 0.005},
    "ии": {"uk": 0.0003, "ru": 0.020, "be": 0.0003, "bg": 0.008},
    "ия": {"uk": 0.0003, "ru": 0.015, "be": 0.0003, "bg": 0.020},
    "ие": {"uk": 0.0003, "ru": 0.012, "be": 0.0003, "bg": 0.008},
    "их": {"uk": 0.018, "ru": 0.006, "be": 0.0003, "bg": 0.0005},
    "них": {"uk": 0.012, "ru": 0.002, "be": 0.0003, "bg": 0.0003},
    "ими": {"uk": 0.008, "ru": 0.003, "be": 0.0003, "bg": 0.0005},
    "ой": {"uk": 0.002, "ru": 0.030, "be": 0.006, "bg": 0.008},
    "+и": {"uk": 0.080, "ru": 0.025, "be": 0.0003, "bg": 0.090},
    "ли": {"uk": 0.015, "ru": 0.015, "be": 0.0003, "bg": 0.005},
    "ла": {"uk": 0.012, "ru": 0.012, "be": 0.012, "bg": 0.005},
    "ха": {"uk": 0.001, "ru": 0.001, "be": 0.001, "bg": 0.012},
    "ал": {"uk": 0.0005, "ru": 0.020, "be": 0.0005, "bg": 0.008},
    "ав": {"uk": 0.020, "ru": 0.001, "be": 0.0003, "bg": 0.001},
    "ил": {"uk": 0.0005, "ru": 0.010, "be": 0.0005, "bg": 0.006},
    "ив": {"uk": 0.012, "ru": 0.002, "be": 0.001, "bg": 0.002},
    "ен": {"uk": 0.002, "ru": 0.006, "be": 0.003, "bg": 0.030},
    "ане": {"uk": 0.0015, "ru": 0.002, "be": 0.002, "bg": 0.060},
    "ове": {"uk": 0.002, "ru": 0.0005, "be": 0.0003, "bg": 0.010},
}
_ENDING_DEFAULT = 0.001  # mk/sr, which the table leaves out
_ENDING_MIN_LENGTH = 4
_ENDING_SIZES = sorted({len(ending) for ending in _ENDINGS if "+" not in ending}, reverse=True)
_HARD_CONSONANTS = frozenset("бвдзлмнпрстфц")


def _word_table(*groups: tuple[str, str]) -> dict[str, frozenset[str]]:
    table: dict[str, frozenset[str]] = {}
    for languages, words in groups:
        for word in words.split():
            table[word] = frozenset(languages.split())
    return table


_WORDS = _word_table(
    ("uk", "що це цей ця цього цієї цих цьому цю або чи від із зі дуже він вона воно вони "
           "мені тобі тобою його її їх їм якщо щоб коли де також теж вже треба сьогодні вчора "
           "після під між біля понад щодо проти поки чому навіть лише тільки немає нема більше "
           "всі усі був була було були буде бути є який яка яке якої якого котра котрий скільки"),
    ("uk be", "з ці можна зараз бо учора хто як але і"),
    ("uk ru", "тому уже завтра все о же"),
    ("uk ru be", "для"),
    ("uk ru bg", "та"),
    ("uk bg", "ще мене може"),
    ("uk bg mk sr", "ми ви ти"),
    ("ru be", "мы вы ты мне была было были бы"),
    ("ru", "что это этот эта эти этого его её ее он она оно меня тебя себя был будет быть "
           "очень сейчас когда тоже кто только нужно можно ещё еще если потому чтобы всё "
           "к об сколько нет вне может"),
    ("ru mk sr", "они"),
    ("ru bg", "как от из с"),
    ("ru mk", "со во"),
    ("ru bg mk", "ли много"),
    ("ru bg mk sr", "и или им"),
    ("be", "гэта гэты гэтая гэтым гэтую ён яна яны яно ад пра таксама вельмі толькі ужо трэба "
           "сёння быў будзе калі дзе таму каб нават усё яшчэ ёсць мяне табе яго яе іх па колькі"),
    ("be mk sr", "што"),
    ("be bg", "няма"),
    ("be bg ru mk sr", "да"),
    ("bg", "това тази този тези че съм във със към какво кога защо къде които който която "
           "което бъде трябва след още вече нещо тук той тя аз като ако чрез също сега бил "
           "била било"),
    ("bg mk", "е беше ние вие"),
    ("bg mk sr", "се си има само го му ме"),
    ("bg sr", "са"),
    ("ru sr", "где"),
    ("sr", "је су веома али још када био јер ово"),
    ("mk", "многу сум кога каде ова тоа кој"),
    ("uk", "дякую привіт ранок ранку вечір справи можу рік року років тиждень добраніч"),
    ("uk ru", "будь доброго"),
    ("uk be", "ласка"),
    ("uk bg", "добре година години"),
    ("ru", "спасибо пожалуйста привет здравствуйте доброе хорошо плохо конечно здесь надо "
           "сегодня год года"),
    ("ru bg", "утро вчера благодаря"),
    ("bg", "моля здравей здравейте добър днес винаги хубаво искам"),
    ("bg mk", "утре знам"),
    ("be", "дзякуй прывітанне раніца раніцы вечар"),
)  # fmt: skip
_WORD_COST = 2.5  # nats; a word 5. looks up can move the scores by up to ~3.7

# The share of words (of those 5. looks up) in each lexicon class, by language and for short
# (2-4 letters) and long words: "uk" and "ru" for a word only that dictionary lists, "both"
# and "neither". Measured on real translated messages and news sentences, then rounded,
# floored and made symmetric between uk and ru. Ukrainian and Russian text is almost all words
# of its own dictionary. Belarusian has mostly long words neither lists, sharing a few with
# one or the other ("назва"; "радка"); Bulgarian many ("трябва", "опцията") and shares more
# with Russian ("грешка", "неуспешно") than with Ukrainian ("файлове", "като"). Short words
# are mostly in both. No class is impossible: dictionaries miss words (neologisms, jargon,
# rare names) and list odd ones (Russian "уряд", "верховна"). mk and sr take Bulgarian's
# figures. One long word so moves the score by at most log(0.78 / 0.02) ~ 3.7 nats.
_LEXICON: dict[str, tuple[dict[str, float], dict[str, float]]] = {
    "uk": ({"uk": 0.22, "ru": 0.02, "both": 0.73, "neither": 0.03},
           {"uk": 0.78, "ru": 0.02, "both": 0.16, "neither": 0.04}),
    "ru": ({"uk": 0.02, "ru": 0.22, "both": 0.73, "neither": 0.03},
           {"uk": 0.02, "ru": 0.78, "both": 0.16, "neither": 0.04}),
    "be": ({"uk": 0.06, "ru": 0.08, "both": 0.61, "neither": 0.25},
           {"uk": 0.05, "ru": 0.10, "both": 0.10, "neither": 0.75}),
    "bg": ({"uk": 0.03, "ru": 0.06, "both": 0.81, "neither": 0.10},
           {"uk": 0.06, "ru": 0.17, "both": 0.10, "neither": 0.67}),
}  # fmt: skip
_LEXICON_CLASSES = {
    (True, False): "uk",
    (False, True): "ru",
    (True, True): "both",
    (False, False): "neither",
}
_LEXICON_MIN_LETTERS = 2
_LEXICON_LONG = 5  # letters
# A capitalised word after the first (unless the whole text is in capitals) is most likely a
# name, which the dictionaries list haphazardly: its class counts this much.
_NAME_WEIGHT = 0.5

# Macedonian and Serbian are candidates only when the text has a letter only they use;
# without one, short Bulgarian or Russian text would too often look Macedonian to langdetect.
_SOUTH_SLAVIC = frozenset("јљњђћџѓќѕ")
_EAST_SLAVIC_AND_BULGARIAN = ("uk", "ru", "be", "bg")
_CYRILLIC_ALPHABET = frozenset("абвгдежзийклмнопрстуфхцчшщъыьэюяёђѓєѕіїјљњћќўџґѝ'")
_MAX_FOREIGN_SHARE = 0.1  # more letters beyond those (Kazakh ә, Tajik ҷ, ...): not modelled
_DECISIVE = 0.95  # posterior that lets a single word be called

# langdetect breaks near-ties only: when the best two languages are under _LD_TIE nats apart,
# each language gains _LD_WEIGHT * log(p + _LD_FLOOR) for langdetect's probability p (a vote
# worth at most ~2.4 nats; alone on short text langdetect is right only ~90 % of the time).
_LD_TIE = 0.5
_LD_WEIGHT = 1.0
_LD_FLOOR = 0.1
# be and sr have no profile (langdetect calls them uk, ru or mk): they get a neutral vote.
_LD_UNPROFILED = 0.5


def _symbols(word: str) -> list[str]:
    """The letters of a Cyrillic word, with ъ and э refined by their context."""
    symbols = []
    for i, char in enumerate(word):
        if char == "ъ" and word[i + 1 : i + 2] in _IOTATED:
            char = "ъ+"
        elif char == "э" and i > 0 and word[i - 1] not in _VOWELS and word[i - 1] != "'":
            char = "+э"
        symbols.append(char)
    return symbols


def _pairs(words: list[str]) -> Counter[str]:
    """Letter pairs of the words; "Vе" counts е after a vowel, "Hь" р/ч/ш/ж softened."""
    pairs: Counter[str] = Counter()
    for word in words:
        for first, second in itertools.pairwise(word):
            pairs[first + second] += 1
            if second == "е" and first in _VOWELS:
                pairs["Vе"] += 1
            elif first in _HARD_IN_BELARUSIAN and second in _SOFTENING:
                pairs["Hь"] += 1
    return pairs


def _ending(word: str) -> str | None:
    """The longest listed ending of a word of four letters or more.

    "+и" stands for и after a hard consonant ("назви", "програми"), where Russian mostly
    writes ы ("программы").
    """
    if len(word) < _ENDING_MIN_LENGTH:
        return None
    for size in _ENDING_SIZES:
        if word[-size:] in _ENDINGS:
            return word[-size:]
    if word[-1] == "и" and word[-2] in _HARD_CONSONANTS:
        return "+и"
    return None


_dictionaries: dict[str, MorphAnalyzer] = {}
_dictionaries_lock = threading.Lock()


def _dictionary(language: str) -> MorphAnalyzer:
    """pymorphy3's analyzer for ``language`` ("uk" or "ru"), loaded on first use."""
    with _dictionaries_lock:
        analyzer = _dictionaries.get(language)
        if analyzer is None:
            import pymorphy3

            analyzer = pymorphy3.MorphAnalyzer(lang=language)
            _dictionaries[language] = analyzer
        return analyzer


@functools.lru_cache(maxsize=1 << 16)
def _lexicon_class(word: str) -> str:
    """Which of the dictionaries list ``word`` (lower case) as a form: see _LEXICON.

    ``word_is_known`` looks at the dictionary only, never at pymorphy3's guesses for unknown
    words; it lets г stand for ґ (uk) and е for ё (ru), as writers often type them.
    """
    known = (_dictionary("uk").word_is_known(word), _dictionary("ru").word_is_known(word))
    return _LEXICON_CLASSES[known]


def _lexicon(words: list[_Word], texts: list[str]) -> Counter[tuple[str, bool]]:
    """The weighted count of words by lexicon class and length (names count _NAME_WEIGHT).

    Nothing for a single word (see 5.).
    """
    classes: Counter[tuple[str, bool]] = Counter()
    if len(words) < 2:
        return classes
    shouting = all(word.original.isupper() for word in words)
    for position, (word, text) in enumerate(zip(words, texts, strict=True)):
        letters = sum(char != "'" for char in text)
        if text in _WORDS or letters < _LEXICON_MIN_LETTERS:
            continue
        name = position > 0 and not shouting and not word.original.islower()
        classes[_lexicon_class(text), letters >= _LEXICON_LONG] += _NAME_WEIGHT if name else 1.0
    return classes


def _cyrillic_scores(
    words: list[str], symbols: Counter[str], letters: int, lexicon: Counter[tuple[str, bool]]
) -> dict[str, float]:
    """Log-score (letters + pairs + endings + words + lexicon) of each language."""
    pairs = _pairs(words)
    endings = Counter(filter(None, (_ending(word) for word in words if word not in _WORDS)))
    south = bool(_SOUTH_SLAVIC.intersection(symbols))
    scores = {}
    for language in _SYMBOLS if south else _EAST_SLAVIC_AND_BULGARIAN:
        table = _SYMBOLS[language]
        other = math.log(1.0 - sum(table.values()))
        score = 0.0
        for symbol, count in symbols.items():
            if symbol not in _TELLS:
                score += count * other
            else:
                weight = _COMMON_WEIGHT if symbol in _COMMON else 1.0
                score += weight * count * math.log(table.get(symbol, _ABSENT))
        for pair, rate in _PAIRS[language].items():
            found = pairs[pair]
            score += found * math.log(rate) + (letters - found) * math.log1p(-rate)
        for ending, count in endings.items():
            score += count * math.log(_ENDINGS[ending].get(language, _ENDING_DEFAULT))
        score -= _WORD_COST * sum(language not in _WORDS.get(w, (language,)) for w in words)
        shares = _LEXICON.get(language, _LEXICON["bg"])
        score += sum(n * math.log(shares[long][name]) for (name, long), n in lexicon.items())
        scores[language] = score
    return scores


def _detect_cyrillic(words: list[_Word]) -> Detection:
    texts = ["".join(c for c in w.lower if _script(c) == "cyrillic" or c == "'") for w in words]
    symbols = Counter(symbol for text in texts for symbol in _symbols(text))
    letters = sum(count for symbol, count in symbols.items() if symbol != "'")
    if letters < MIN_LETTERS:
        return _UNKNOWN
    foreign = sum(char not in _CYRILLIC_ALPHABET for text in texts for char in text)
    if foreign > _MAX_FOREIGN_SHARE * letters:
        return _UNKNOWN
    scores = _cyrillic_scores(texts, symbols, letters, _lexicon(words, texts))
    if len(words) > 1:
        best, second = sorted(scores.values(), reverse=True)[:2]
        if best - second < _LD_TIE:
            group = "cyrillic-south" if "mk" in scores else "cyrillic"
            probabilities = _langdetect(group, " ".join(texts))
            for language in scores:
                if language in _PROFILES[group]:
                    probability = probabilities.get(language, 0.0)
                else:
                    probability = _LD_UNPROFILED
                scores[language] += _LD_WEIGHT * math.log(probability + _LD_FLOOR)
    language, posterior = max(_softmax(scores).items(), key=lambda item: item[1])
    if len(words) == 1 and posterior < _DECISIVE:
        return _UNKNOWN
    return Detection(language, _confidence(posterior, letters))


# --- Latin and other scripts: langdetect ---------------------------------------------------

_LATIN_SHORT = 40  # letters; shorter Latin text only chooses among the core languages
# Letters that only some Latin-script languages use. A lone word is called only when
# langdetect's answer uses one of its letters; a letter no core language uses opens short
# text to all the Latin-script languages.
_LATIN_TELLS: dict[str, frozenset[str]] = {
    **dict.fromkeys("łśźżń", frozenset({"pl"})),
    **dict.fromkeys("ąę", frozenset({"pl", "lt"})),
    "ß": frozenset({"de"}),
    **dict.fromkeys("äöü", frozenset({"de", "fi", "sv", "et", "hu", "tr", "sk"})),
    **dict.fromkeys("őű", frozenset({"hu"})),
    **dict.fromkeys("řůě", frozenset({"cs"})),
    **dict.fromkeys("ľĺŕ", frozenset({"sk"})),
    "ñ": frozenset({"es"}),
    **dict.fromkeys("ğı", frozenset({"tr"})),
    **dict.fromkeys("șțş", frozenset({"ro", "tr"})),
    "ã": frozenset({"pt"}),
    **dict.fromkeys("øæ", frozenset({"da", "no"})),
    "å": frozenset({"sv", "da", "no"}),
    **dict.fromkeys("ėų", frozenset({"lt"})),
    **dict.fromkeys("āēīķļņģ", frozenset({"lv"})),
}

_PROFILES: dict[str, tuple[str, ...]] = {
    "cyrillic": ("uk", "ru", "bg"),
    "cyrillic-south": ("uk", "ru", "bg", "mk"),
    # The languages a Ukrainian newsroom meets most, for short Latin text: on a few words
    # langdetect readily mistakes English or German for Danish, Polish for Croatian.
    "latin-core": ("en", "de", "pl", "fr", "es", "it", "pt", "nl", "ro", "hu", "cs", "sk", "tr"),
    # All Latin-script profiles but af, so, sw, tl, cy and id, which soak up short English
    # and German far more often than they are the answer.
    "latin": (
        "en", "de", "pl", "fr", "es", "it", "pt", "nl", "ro", "hu", "cs", "sk", "tr",
        "sl", "hr", "lt", "lv", "et", "fi", "sv", "da", "no", "sq", "ca", "vi",
    ),
    "other": (
        "ar", "fa", "ur", "he", "el", "hi", "mr", "ne", "bn", "gu", "pa", "ta", "te", "kn",
        "ml", "th", "ja", "ko", "zh-cn", "zh-tw",
    ),
}  # fmt: skip
_LATIN_CORE = frozenset(_PROFILES["latin-core"])
_ISO_CODES = {"zh-cn": "zh", "zh-tw": "zh"}

_factories: dict[str, DetectorFactory] = {}
_factories_lock = threading.Lock()


def _factory(group: str) -> DetectorFactory:
    """The langdetect factory for a profile group, built on first use and seeded."""
    with _factories_lock:
        factory = _factories.get(group)
        if factory is None:
            from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

            factory = DetectorFactory()
            factory.set_seed(0)
            factory.load_json_profile(
                [Path(PROFILES_DIRECTORY, code).read_text("utf-8") for code in _PROFILES[group]]
            )
            _factories[group] = factory
        return factory


def _langdetect(group: str, text: str) -> dict[str, float]:
    """langdetect's probabilities (those above its 0.1 reporting floor) for ``text``."""
    from langdetect.lang_detect_exception import LangDetectException

    detector = _factory(group).create()
    detector.append(text)
    try:
        return {_ISO_CODES.get(p.lang, p.lang): p.prob for p in detector.get_probabilities()}
    except LangDetectException:  # no usable n-grams
        return {}


def _fits_latin_core(words: list[_Word]) -> bool:
    """Whether every letter of the words is used by some core Latin-script language."""
    return all(_LATIN_CORE & _LATIN_TELLS.get(c, _LATIN_CORE) for w in words for c in w.lower)


def _detect_langdetect(script: str, words: list[_Word]) -> Detection:
    letters = sum(word.letters for word in words)
    if letters < MIN_LETTERS:
        return _UNKNOWN
    # langdetect skips all-capital words (acronyms), so text in capitals is lower-cased.
    shouting = all(word.original.isupper() for word in words)
    text = " ".join(word.lower if shouting else word.original for word in words)
    group = script
    if script == "latin" and letters < _LATIN_SHORT and _fits_latin_core(words):
        group = "latin-core"
    probabilities = _langdetect(group, text)
    if not probabilities:
        return _UNKNOWN
    language, probability = max(probabilities.items(), key=lambda item: item[1])
    if len(words) == 1 and script == "latin":
        told = {lang for c in words[0].lower for lang in _LATIN_TELLS.get(c, ())}
        if language not in told:
            return _UNKNOWN
    return Detection(language, _confidence(probability, letters))


def detect(text: str) -> Detection:
    """Detect the language of ``text``; ``Detection("und", 0.0)`` when it cannot tell."""
    words = _words(text)
    if not words:
        return _UNKNOWN
    script = _dominant_script(words)
    chosen = [word for word in words if word.script == script]
    if script == "cyrillic":
        return _detect_cyrillic(chosen)
    return _detect_langdetect(script, chosen)
