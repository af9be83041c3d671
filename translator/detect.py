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
* Latin: langdetect (seeded) votes, and letters beyond a-z (ł ś ż, ß, ő ű, ...; none at all
  hints at English) and frequent words ("der", "się", "the", "morgen", "evening") weigh in,
  so that short phrases langdetect is sure about and wrong on ("Es regnet stark" nl, "I love
  you" sk) come out right. Short text (under 40 letters) chooses among the languages a
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

from translator.morph import analyzer

if TYPE_CHECKING:
    from langdetect.detector_factory import DetectorFactory

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


@functools.lru_cache(maxsize=1 << 16)
def _lexicon_class(word: str) -> str:
    """Which of the dictionaries list ``word`` (lower case) as a form: see _LEXICON.

    ``word_is_known`` looks at the dictionary only, never at pymorphy3's guesses for unknown
    words; it lets г stand for ґ (uk) and е for ё (ru), as writers often type them.
    """
    known = (analyzer("uk").word_is_known(word), analyzer("ru").word_is_known(word))
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


# --- langdetect ----------------------------------------------------------------------------

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


def _langdetect_text(words: list[_Word]) -> str:
    """The words joined for langdetect, which skips all-capital words (acronyms): text all
    in capitals is lower-cased."""
    shouting = all(word.original.isupper() for word in words)
    return " ".join(word.lower if shouting else word.original for word in words)


# --- Latin-script model --------------------------------------------------------------------
#
# langdetect (over the group's profiles) votes as on the Cyrillic side, but always: each
# language gains _LATIN_LD_WEIGHT * log(p + _LATIN_LD_FLOOR) for langdetect's probability p,
# a vote worth at most ~2.4 nats. On a few words langdetect is often sure and wrong ("Es
# regnet stark" nl, "I love you" sk), so two kinds of evidence, in nats, are added to it:
#
# 1. Letters beyond a-z: the share of each among all letters, from langdetect's Wikipedia
#    profiles (two significant digits; shares under 0.0001 left out, Slovak ŕ put in). A
#    letter a language's table lacks costs it log(_LATIN_ABSENT) ~ -9.2 nats each time, so
#    ł ś ż tell Polish, ß German, ő ű Hungarian. Letters a-z share the rest of the mass and
#    count _LATIN_PLAIN_WEIGHT each (a word's letters are far from independent), so a text
#    without diacritics is weak evidence for English: 40 such letters cost Polish ~1.1
#    nats, German ~0.3. Cedilla and comma ş/ș and ţ/ț are one letter each, and so are the
#    Vietnamese letters of U+1EA0-U+1EF9, as langdetect folds them. Names are left out (see
#    _latin_letters).
# 2. Frequent words used by only some of the languages: function words, and everyday words
#    that short phrases are made of ("morgen", "dziękuję", "evening"; most for en, de and
#    pl). Each costs the candidates that do not list it _LATIN_WORD_COST nats, so one
#    outweighs langdetect's vote. A word is listed under every language that uses it often
#    ("die" de/nl, "in" de/en/it/nl/sl, "a" most), as checked on the translated messages of
#    the system's gettext catalogs in all 25 languages. A word with an apostrophe that is
#    not listed whole counts by its elided head ("l'", "d'": fr/it/ca) or contracted tail
#    ("'t", "'ll": en; "'s": en/de).
_LATIN_LETTERS: dict[str, dict[str, float]] = {
    "en": {"é": 0.00023},
    "de": {"ü": 0.0047, "ä": 0.0041, "ö": 0.003, "ß": 0.0012, "é": 0.00044, "á": 0.00014,
           "í": 0.0001},
    "pl": {"ł": 0.013, "ó": 0.0088, "ą": 0.0082, "ś": 0.0066, "ę": 0.006, "ż": 0.0058,
           "ń": 0.0028, "ć": 0.0014, "ź": 0.00045, "é": 0.00026, "ü": 0.00012, "á": 0.00012,
           "ö": 0.0001},
    "fr": {"é": 0.027, "à": 0.0042, "è": 0.0033, "ç": 0.0015, "ê": 0.00058, "ô": 0.00046,
           "î": 0.00034, "â": 0.0003, "ï": 0.00021, "û": 0.00018, "œ": 0.00013, "ù": 0.00012},
    "es": {"ó": 0.0077, "í": 0.0042, "á": 0.0036, "é": 0.0033, "ñ": 0.002, "ú": 0.0012,
           "è": 0.00014},
    "it": {"è": 0.0061, "à": 0.0017, "ù": 0.00054, "ò": 0.00049, "é": 0.0004, "ì": 0.00017,
           "ó": 0.00011},
    "pt": {"é": 0.0094, "ã": 0.0064, "ç": 0.0043, "í": 0.0042, "á": 0.004, "ó": 0.0026,
           "ê": 0.0014, "ú": 0.00082, "â": 0.00076, "õ": 0.00068, "à": 0.00053, "ô": 0.00047,
           "ü": 0.00011, "è": 0.0001},
    "nl": {"ë": 0.001, "é": 0.00097, "á": 0.00022, "ö": 0.00022, "ü": 0.00021, "è": 0.00019,
           "ó": 0.00017, "ô": 0.00017, "í": 0.00013, "ï": 0.00013, "ä": 0.00012},
    "ro": {"ă": 0.02, "î": 0.009, "ţ": 0.0086, "ş": 0.0085, "â": 0.004, "é": 0.00021,
           "á": 0.00015, "ü": 0.00011},
    "hu": {"á": 0.034, "é": 0.03, "ó": 0.011, "ö": 0.0098, "ő": 0.0074, "í": 0.0052, "ü": 0.005,
           "ú": 0.0032, "ű": 0.0025},
    "cs": {"í": 0.028, "á": 0.021, "é": 0.013, "ě": 0.012, "ý": 0.011, "ř": 0.0094, "č": 0.0094,
           "ž": 0.0074, "š": 0.0056, "ů": 0.0043, "ú": 0.0012, "ň": 0.00058, "ó": 0.0005,
           "ť": 0.00032, "ď": 0.00023},
    "sk": {"á": 0.019, "ý": 0.012, "í": 0.0095, "č": 0.0087, "é": 0.0086, "ú": 0.0072,
           "š": 0.0061, "ž": 0.006, "ľ": 0.0036, "ť": 0.0026, "ó": 0.0023, "ô": 0.0012,
           "ň": 0.00095, "ä": 0.00086, "ď": 0.00053, "ĺ": 0.00026, "ŕ": 0.0001},
    "tr": {"ı": 0.044, "ü": 0.017, "ş": 0.013, "ç": 0.008, "ğ": 0.0076, "ö": 0.0067, "â": 0.00039,
           "î": 0.00019, "é": 0.00019},
    "sl": {"č": 0.01, "š": 0.0094, "ž": 0.0057, "á": 0.00063, "é": 0.00055, "í": 0.00035,
           "ó": 0.00029, "ć": 0.00018, "ú": 0.00015, "è": 0.0001},
    "hr": {"č": 0.0092, "š": 0.0054, "ž": 0.0048, "ć": 0.0033, "đ": 0.0016, "á": 0.00033,
           "é": 0.00027, "í": 0.00017, "ó": 0.00011},
    "lt": {"ė": 0.015, "ų": 0.014, "š": 0.012, "ž": 0.0075, "ū": 0.0041, "č": 0.004, "į": 0.004,
           "ą": 0.0033, "ę": 0.0015},
    "lv": {"ā": 0.037, "ī": 0.016, "ē": 0.013, "š": 0.0083, "ļ": 0.0039, "ū": 0.0038, "ņ": 0.0035,
           "ž": 0.0023, "ķ": 0.0019, "ģ": 0.0018, "č": 0.00092},
    "et": {"ä": 0.0099, "õ": 0.0095, "ü": 0.0075, "ö": 0.0019, "š": 0.00067, "ž": 0.00027,
           "é": 0.00016, "ā": 0.00016, "á": 0.00014},
    "fi": {"ä": 0.028, "ö": 0.0037, "š": 0.00017, "é": 0.00015},
    "sv": {"ä": 0.018, "ö": 0.014, "å": 0.01, "é": 0.00037, "ü": 0.00012},
    "da": {"ø": 0.0077, "å": 0.0067, "æ": 0.0065, "é": 0.00028, "ü": 0.00016, "ö": 0.00016,
           "ä": 0.00015},
    "no": {"ø": 0.0088, "å": 0.0079, "æ": 0.0013, "ä": 0.00039, "é": 0.00028, "ö": 0.00027,
           "á": 0.00018, "à": 0.00012, "í": 0.00012, "ü": 0.00012, "ó": 0.0001},
    "sq": {"ë": 0.079, "ç": 0.0016},
    "ca": {"é": 0.0073, "ó": 0.0054, "à": 0.0048, "è": 0.0047, "í": 0.0042, "ò": 0.0024,
           "ç": 0.0009, "ú": 0.00087, "ï": 0.00043, "ü": 0.00028, "á": 0.00018},
    "vi": {"ể": 0.11, "à": 0.025, "đ": 0.017, "ư": 0.011, "á": 0.0087, "â": 0.0084, "ô": 0.0073,
           "ó": 0.0057, "ê": 0.0048, "í": 0.0036, "é": 0.0028, "ă": 0.0027, "ì": 0.0024,
           "ù": 0.0022, "ơ": 0.0019, "ã": 0.0014, "ò": 0.00098, "ú": 0.00082, "ĩ": 0.00069,
           "ý": 0.00047, "ũ": 0.00039, "è": 0.00028, "ü": 0.00023, "ö": 0.00017},
}  # fmt: skip
_LATIN_ABSENT = 1e-4
_LATIN_PLAIN_WEIGHT = 0.5
_LATIN_PLAIN = {  # log-share of a-z, weighted
    language: _LATIN_PLAIN_WEIGHT * math.log1p(-sum(table.values()))
    for language, table in _LATIN_LETTERS.items()
}
_LATIN_FOLD = str.maketrans(
    {"ș": "ş", "ț": "ţ", **dict.fromkeys(map(chr, range(0x1EA0, 0x1EFA)), "ể")}
)
_LATIN_CORE = frozenset(_PROFILES["latin-core"])
# Letters only languages outside the core use (ø, å, ė, đ, ...) open short text to all the
# Latin-script languages.
_LATIN_FOREIGN = frozenset(
    letter
    for language, table in _LATIN_LETTERS.items()
    if language not in _LATIN_CORE
    for letter in table
) - {letter for language in _LATIN_CORE for letter in _LATIN_LETTERS[language]}
# The languages that write a letter beyond a-z routinely (a share of _LATIN_TELL_SHARE or
# more, not just in names). A lone word is called only when the answer is one of them for one
# of its letters and the model is sure ("Straße" de, "Dziękuję" pl; "Hello", "Café" und).
_LATIN_TELL_SHARE = 0.0004
_LATIN_DECISIVE = 0.75  # posterior
_LATIN_TELLS: dict[str, frozenset[str]] = {
    letter: frozenset(
        language
        for language, table in _LATIN_LETTERS.items()
        if table.get(letter, 0.0) >= _LATIN_TELL_SHARE
    )
    for table in _LATIN_LETTERS.values()
    for letter in table
}

_LATIN_WORD_LISTS: dict[str, str] = {
    "en": "the a an and or but not no yes is are was were be been am do does did have has had "
          "will would can could should may must of to in on at for with from by about into over "
          "after as if than then so very much many more also just only this that these those it "
          "its i you he she we they me him her us them my your his our their what which who when "
          "where why how all any there here one good morning evening night hello thanks thank "
          "please love today tomorrow come door care man non 't 'll 're 've 'm 's 'd cannot get "
          "make know take see think look want give find tell ask seem feel try leave call new "
          "first last great little own other old right big high small next people thing woman "
          "life child world school family week company question government number home room money "
          "story month book house friend father mother hour city because through between never "
          "always still again well even now down something nothing everything sorry weather rain "
          "news said says time year way day work back problem kind land most met per",
    "de": "der die das und ist nicht ich du es er sie wir ihr ein eine einen einem einer kein "
          "keine mit zu zum zur bis auf für von den dem des in im am an auch noch nur wie was "
          "wenn oder aber dass kann werden wird wurde sind hat haben sein nach bei aus um so als "
          "über vor durch man mir mich dich uns heute gestern morgen danke bitte hallo guten "
          "abend nacht gut sehr stark regnet ja nein sagen machen gehen kommen wissen sehen geben "
          "finden bleiben stehen denken nehmen glauben zeigen sprechen bringen leben fahren "
          "fragen kennen spielen arbeiten brauchen lernen verstehen bekommen schreiben lesen "
          "helfen jahr jahre zeit mensch menschen frau mann kind kinder welt haus land stadt "
          "arbeit frage teil geld schule woche monat neu neue neuen groß große klein alt lang "
          "erste letzte andere viel viele wenig jetzt immer hier dort schon wieder dann nun also "
          "mehr gerade vielleicht ganz bereits natürlich doch sogar etwas nichts alles vielen "
          "dank darf muss soll will gibt geht ob weil unter zwischen gegen ohne seit während 's "
          "problem",
    "pl": "i w z na nie się jest to że do jak co ale czy już tak od po o za przez dla lub jeśli "
          "tylko może być są był była było ten ta te tego jego jej ich mnie więc także też "
          "jeszcze gdzie kiedy dlaczego który która które teraz dziś dzisiaj jutro wczoraj cześć "
          "dzień dobry dobranoc dobrze bardzo dziękuję proszę jestem mam ma ja jako ze a by tutaj "
          "wie je mieć mówić wiedzieć chcieć iść robić widzieć dać wziąć myśleć znać pracować rok "
          "lat roku czas człowiek ludzie kobieta dziecko dzieci świat dom kraj miasto praca "
          "pytanie część pieniądze szkoła tydzień miesiąc nowy nowa nowe duży mały stary długi "
          "pierwszy ostatni inny dużo mało zawsze tu tam znowu potem więcej właśnie chyba całkiem "
          "bez pod nad przed między przy według wszystko nic coś nigdy można trzeba musi "
          "powiedział powiedziała brak problem mi",
    "fr": "le la les de des du un une et est en dans pour pas ne que qui sur avec par au aux ce "
          "cette il elle nous vous ils je tu on son sa ses plus mais ou été être avoir sont a "
          "c'est n'est j'ai se me te si dit va non bonjour merci oui très bien aujourd'hui demain "
          "l' d' n' qu' c' j' s' hier tout tous comme faire fait peut aussi leur sans encore ça "
          "entre",
    "es": "el la los las de del y en que es un una por para con no se su al lo como más pero sus "
          "le ya o este esta está son fue ser hay muy también sí qué cuando donde hola gracias "
          "buenos buenas días noches hoy mañana bien yo tú me te si nos dos dar a ha va sin todo "
          "todos porque sobre entre tiene puede eso esto ahora aquí así nada solo mi",
    "it": "il lo la i gli le di da in con su per tra fra un una uno e è non che chi del della dei "
          "delle nel nella al alla sono ha ho come anche più ma se questo questa quello molto ci "
          "si ciao grazie buongiorno buonasera oggi domani bene sì a o qui lui ai mai va te l' d' "
          "un' dell' all' nell' c' tutto tutti perché essere stato fatto dopo prima ancora sempre "
          "solo cosa ora dove quando mi",
    "pt": "o a os as de do da dos das em no na nos nas um uma e é que não com para por se mais "
          "como mas ao foi ser são está este esta isso isto eu você ele ela muito também já olá "
          "obrigado obrigada bom dia boa noite hoje amanhã sim me te nem dar for ou sem seu todo "
          "todos sobre entre nada porque quando sempre pode tem ainda depois agora aqui onde",
    "nl": "de het een en van in is dat die niet op te voor met zijn er aan als maar om ook nog "
          "bij ik je jij we wij hij zij ze u dit deze kan wordt worden naar uit dan of geen wel "
          "heb heeft hebben zal was tot door over na al hallo dank bedankt goedemorgen "
          "goedenavond morgen vandaag gisteren ja nee alstublieft andere lang hier klein alles "
          "land nu veel nieuwe jaar waar wat hoe zo kunnen moet wil gaan mensen tijd per één meer "
          "'s man",
    "ro": "și în de la cu pe nu este sunt se să din pentru un o care mai ca sau dar ce a al ai "
          "ale lui ei fost fi au am va vor poate acest această acum azi mâine bună ziua mulțumesc "
          "vă rog da foarte te mi ma ne om are e ar tot bine aici unde când despre fără prin după "
          "toate mult ora",
    "hu": "a az és egy hogy nem van is meg de ha csak már még volt lesz ez ezt azt nincs vagy "
          "mint kell lehet el ki be fel le én ő igen köszönöm jó reggelt napot estét szia ma "
          "holnap nagyon e ne más minden után között miatt nagy új most sok itt ott amely ami aki "
          "mert pedig szerint",
    "cs": "a je se na v z do to že jak ale jako pro by bylo byl byla jsem jsou není nebo když tak "
          "také už jen co který která které podle při po od za před mezi o k u dobrý den děkuji "
          "prosím ahoj dnes zítra včera ano velmi ze i ne ve ho dat jej li chyba bez problem nic "
          "ten ta nad pod rok roku jsme může být jeho její kde kdy proč teď mi",
    "sk": "a je sa na v z do to že ako ale pre by bolo bol bola som sú nie alebo keď tak tiež už "
          "len čo ktorý ktorá ktoré podľa pri po od za pred medzi o k dobrý deň ďakujem prosím "
          "ahoj dnes zajtra včera áno veľmi ne so u ho chyba bez problem dom nad pod rok roku ten "
          "ta ja sme môže byť jeho jej kde kedy prečo teraz mi zo",
    "tr": "bir ve bu da de için ile çok o daha gibi var yok değil ben sen biz siz onlar olarak "
          "olan ama en her şey kadar sonra önce merhaba teşekkürler teşekkür ederim günaydın iyi "
          "akşamlar evet hayır bugün yarın lütfen ki ne son ya problem mi çünkü şimdi burada "
          "nasıl neden zaman yıl kendi",
    "sv": "och i att det som en på är av för med till den har de inte om ett han men var jag sig "
          "från vi så kan man när år hon under också efter eller nu sin där vid mot ska skulle "
          "kommer ut hade du kunde finns alla problem",
    "da": "og i at det er en til på som de med den af for ikke har der et var jeg han sig fra vi "
          "men så kan om man når år hun efter eller nu sin skal havde blev også du kunne vil hvis "
          "kun under over op problem",
    "no": "og i det som er en på til å av for med at den har de ikke et var jeg han seg fra vi "
          "men så kan om man når år hun etter eller nå sin skal hadde ble også du kunne vil hvis "
          "bare under ut over kun problem",
    "fi": "ja on ei se että oli hän ovat kun mutta tai myös joka sen ne niin kuin jos vain nyt "
          "voi ole olla mitä minä sinä me te he tämä tämän sekä kanssa",
    "et": "ja on ei see et oli ta nad kui aga või ka mis oma selle seda nii kõik kes ning ole "
          "olla mina sina meie teie tema ma sa pole saa kas number",
    "hr": "i je u na da se za su od ne to a kao o koji što ali iz sa bi će biti ili smo sam nije "
          "bio bila samo kako već li ako nema pri po do bez kraj problem",
    "sl": "in je v na da se za so od z ne to pa kot o ki ali iz bi bo biti smo sem ni bil bila "
          "samo kako že tudi če med ta kadar pri pred po do nad ob problem",
    "lt": "ir yra į kad su iš kaip bet tai jis ji jie buvo bus nuo dėl ar per apie taip ne mes "
          "jūs aš tu nėra arba jei už",
    "lv": "un ir ar uz par no kā bet tas tā viņš viņa viņi bija būs lai vai arī ka kas pie pēc to "
          "es tu mēs jūs nav ja var kad",
    "sq": "të e në dhe është për me një që nga si i u më ka janë do nuk por ky kjo ai ajo së nëse "
          "problem",
    "ca": "el la els les de del i a en que és un una per amb no es al com més però ja li ha va "
          "són o seu seva aquest aquesta també si ser entre sobre dels pel l' d' n' s'",
    "vi": "và của các có là được cho trong một những với không người này đã đến khi từ cũng như "
          "để thì sẽ",
}  # fmt: skip


def _latin_word_table(lists: dict[str, str]) -> dict[str, frozenset[str]]:
    table: dict[str, set[str]] = {}
    for language, words in lists.items():
        for word in words.translate(_LATIN_FOLD).split():
            table.setdefault(word, set()).add(language)
    return {word: frozenset(languages) for word, languages in table.items()}


_LATIN_WORDS = _latin_word_table(_LATIN_WORD_LISTS)
_LATIN_WORD_COST = 3.5  # nats
_LATIN_LD_WEIGHT = 1.0
_LATIN_LD_FLOOR = 0.1
_LATIN_SHORT = 40  # letters; shorter Latin text only chooses among the core languages


def _latin_word(word: str) -> frozenset[str] | None:
    """The languages that use ``word`` (lower case, folded), None for an unlisted word.

    A word with an apostrophe that is not listed whole counts by its elided head ("l'",
    "qu'") or else its contracted tail ("'t", "'ll").
    """
    languages = _LATIN_WORDS.get(word)
    if languages is None and "'" in word:
        languages = _LATIN_WORDS.get(word[: word.index("'") + 1])
        if languages is None:
            languages = _LATIN_WORDS.get(word[word.rindex("'") :])
    return languages


def _latin_evidence(
    words: list[_Word], texts: list[str]
) -> tuple[Counter[str], list[frozenset[str]]]:
    """The letters of the words and the languages of each listed word.

    Names, capitalised words after the first (unless the whole text is in capitals), are
    spelt their own language's way ("Wałęsa", "Erdoğan" in English news): their letters are
    left out. So are acronyms ("IM", "IT") from the words looked up.
    """
    shouting = all(word.original.isupper() for word in words)
    letters: Counter[str] = Counter()
    listed: list[frozenset[str]] = []
    for position, (word, text) in enumerate(zip(words, texts, strict=True)):
        if position == 0 or shouting or word.original.islower():
            letters.update(char for char in text if char.isalpha())
        if shouting or len(text) < 2 or not word.original.isupper():
            languages = _latin_word(text)
            if languages is not None:
                listed.append(languages)
    return letters, listed


def _latin_scores(
    letters: Counter[str],
    listed: list[frozenset[str]],
    candidates: tuple[str, ...],
    probabilities: dict[str, float],
) -> dict[str, float]:
    """Log-score (letters + words + langdetect's vote) of each candidate language."""
    marked = {char: n for char, n in letters.items() if not "a" <= char <= "z"}
    plain = letters.total() - sum(marked.values())
    scores = {}
    for language in candidates:
        table = _LATIN_LETTERS[language]
        score = plain * _LATIN_PLAIN[language]
        score += sum(n * math.log(table.get(char, _LATIN_ABSENT)) for char, n in marked.items())
        score -= _LATIN_WORD_COST * sum(language not in languages for languages in listed)
        vote = probabilities.get(language, 0.0) + _LATIN_LD_FLOOR
        scores[language] = score + _LATIN_LD_WEIGHT * math.log(vote)
    return scores


def _detect_latin(words: list[_Word]) -> Detection:
    letters = sum(word.letters for word in words)
    if letters < MIN_LETTERS:
        return _UNKNOWN
    texts = [word.lower.translate(_LATIN_FOLD) for word in words]
    found, listed = _latin_evidence(words, texts)
    foreign = not _LATIN_FOREIGN.isdisjoint(found)
    group = "latin-core" if letters < _LATIN_SHORT and not foreign else "latin"
    probabilities = _langdetect(group, _langdetect_text(words))
    if not probabilities:
        return _UNKNOWN
    scores = _latin_scores(found, listed, _PROFILES[group], probabilities)
    language, posterior = max(_softmax(scores).items(), key=lambda item: item[1])
    if len(words) == 1 and (
        posterior < _LATIN_DECISIVE
        or not any(language in _LATIN_TELLS.get(char, ()) for char in texts[0])
    ):
        return _UNKNOWN
    return Detection(language, _confidence(posterior, letters))


# --- other scripts -------------------------------------------------------------------------


def _detect_other(words: list[_Word]) -> Detection:
    letters = sum(word.letters for word in words)
    if letters < MIN_LETTERS:
        return _UNKNOWN
    probabilities = _langdetect("other", _langdetect_text(words))
    if not probabilities:
        return _UNKNOWN
    language, probability = max(probabilities.items(), key=lambda item: item[1])
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
    if script == "latin":
        return _detect_latin(chosen)
    return _detect_other(chosen)
