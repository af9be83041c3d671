"""The detector: words and scripts, the Cyrillic and Latin models, langdetect's votes.

See the package's docstring for the method; the numeric tables are in ``tables.py`` and the
word lists in ``data/`` (read by ``word_lists.py`` on first use).
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

from translator.detect.tables import (
    CYRILLIC_ENDINGS,
    CYRILLIC_LETTERS,
    CYRILLIC_PAIRS,
    DICTIONARY_SHARES,
    LATIN_LETTERS,
    NOT_BELARUSIAN,
)
from translator.detect.word_lists import languages_by_word, word_lists
from translator.morph import analyzer
from translator.text_constants import APOSTROPHE, APOSTROPHE_VARIANTS, CYRILLIC

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
# Apostrophes, and two more look-alikes typed for one: ʻ (U+02BB) and the prime ′ (U+2032).
_APOSTROPHES = str.maketrans(dict.fromkeys(APOSTROPHE_VARIANTS + "\u02bb\u2032", APOSTROPHE))
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
    if char in CYRILLIC:
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
#    (see DICTIONARY_SHARES). This is what tells Ukrainian written without і ї є ("Уряд ухвалив
#    закон") from Russian written without ы э ё ("Он пришел домой"). A single word is left
#    to the letters: "Привет" is Russian to the dictionaries, but also Bulgarian.
_ABSENT = 1e-6
# Common letters cluster (a word with three а's, a sentence of -ання words), so their
# evidence counts half.
_COMMON = frozenset(NOT_BELARUSIAN) | {"я"}
_COMMON_WEIGHT = 0.5
_TELLS = frozenset(symbol for table in CYRILLIC_LETTERS.values() for symbol in table)
_IOTATED = frozenset("еёюя")
_VOWELS = frozenset("аеёиіїоуўыэюяєѝ")
_HARD_IN_BELARUSIAN = frozenset("рчшж")
_SOFTENING = frozenset("еєиіїёюяь")


_ENDING_DEFAULT = 0.001  # mk/sr, which the table leaves out
_ENDING_MIN_LENGTH = 4
_ENDING_SIZES = sorted(
    {len(ending) for ending in CYRILLIC_ENDINGS if "+" not in ending}, reverse=True
)
_HARD_CONSONANTS = frozenset("бвдзлмнпрстфц")


@functools.cache
def _cyrillic_words() -> dict[str, frozenset[str]]:
    """The frequent Cyrillic words (4.) with the languages that use them."""
    return languages_by_word(word_lists("cyrillic"))


_WORD_COST = 2.5  # nats; a word 5. looks up can move the scores by up to ~3.7

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
        if word[-size:] in CYRILLIC_ENDINGS:
            return word[-size:]
    if word[-1] == "и" and word[-2] in _HARD_CONSONANTS:
        return "+и"
    return None


@functools.lru_cache(maxsize=1 << 16)
def _lexicon_class(word: str) -> str:
    """Which of the dictionaries list ``word`` (lower case) as a form: see DICTIONARY_SHARES.

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
    listed = _cyrillic_words()
    for position, (word, text) in enumerate(zip(words, texts, strict=True)):
        letters = sum(char != "'" for char in text)
        if text in listed or letters < _LEXICON_MIN_LETTERS:
            continue
        name = position > 0 and not shouting and not word.original.islower()
        classes[_lexicon_class(text), letters >= _LEXICON_LONG] += _NAME_WEIGHT if name else 1.0
    return classes


def _cyrillic_scores(
    words: list[str], symbols: Counter[str], letters: int, lexicon: Counter[tuple[str, bool]]
) -> dict[str, float]:
    """Log-score (letters + pairs + endings + words + lexicon) of each language."""
    pairs = _pairs(words)
    listed = _cyrillic_words()
    endings = Counter(filter(None, (_ending(word) for word in words if word not in listed)))
    south = bool(_SOUTH_SLAVIC.intersection(symbols))
    scores = {}
    for language in CYRILLIC_LETTERS if south else _EAST_SLAVIC_AND_BULGARIAN:
        table = CYRILLIC_LETTERS[language]
        other = math.log(1.0 - sum(table.values()))
        score = 0.0
        for symbol, count in symbols.items():
            if symbol not in _TELLS:
                score += count * other
            else:
                weight = _COMMON_WEIGHT if symbol in _COMMON else 1.0
                score += weight * count * math.log(table.get(symbol, _ABSENT))
        for pair, rate in CYRILLIC_PAIRS[language].items():
            found = pairs[pair]
            score += found * math.log(rate) + (letters - found) * math.log1p(-rate)
        for ending, count in endings.items():
            score += count * math.log(CYRILLIC_ENDINGS[ending].get(language, _ENDING_DEFAULT))
        score -= _WORD_COST * sum(language not in listed.get(w, (language,)) for w in words)
        shares = DICTIONARY_SHARES.get(language, DICTIONARY_SHARES["bg"])
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
                if language in PROFILES[group]:
                    probability = probabilities.get(language, 0.0)
                else:
                    probability = _LD_UNPROFILED
                scores[language] += _LD_WEIGHT * math.log(probability + _LD_FLOOR)
    language, posterior = max(_softmax(scores).items(), key=lambda item: item[1])
    if len(words) == 1 and posterior < _DECISIVE:
        return _UNKNOWN
    return Detection(language, _confidence(posterior, letters))


# --- langdetect ----------------------------------------------------------------------------

PROFILES: dict[str, tuple[str, ...]] = {
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
                [Path(PROFILES_DIRECTORY, code).read_text("utf-8") for code in PROFILES[group]]
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
_LATIN_ABSENT = 1e-4
_LATIN_PLAIN_WEIGHT = 0.5
_LATIN_PLAIN = {  # log-share of a-z, weighted
    language: _LATIN_PLAIN_WEIGHT * math.log1p(-sum(table.values()))
    for language, table in LATIN_LETTERS.items()
}
_LATIN_FOLD = str.maketrans(
    {"ș": "ş", "ț": "ţ", **dict.fromkeys(map(chr, range(0x1EA0, 0x1EFA)), "ể")}
)
_LATIN_CORE = frozenset(PROFILES["latin-core"])
# Letters only languages outside the core use (ø, å, ė, đ, ...) open short text to all the
# Latin-script languages.
_LATIN_FOREIGN = frozenset(
    letter
    for language, table in LATIN_LETTERS.items()
    if language not in _LATIN_CORE
    for letter in table
) - {letter for language in _LATIN_CORE for letter in LATIN_LETTERS[language]}
# The languages that write a letter beyond a-z routinely (a share of _LATIN_TELL_SHARE or
# more, not just in names). A lone word is called only when the answer is one of them for one
# of its letters and the model is sure ("Straße" de, "Dziękuję" pl; "Hello", "Café" und).
_LATIN_TELL_SHARE = 0.0004
_LATIN_DECISIVE = 0.75  # posterior
_LATIN_TELLS: dict[str, frozenset[str]] = {
    letter: frozenset(
        language
        for language, table in LATIN_LETTERS.items()
        if table.get(letter, 0.0) >= _LATIN_TELL_SHARE
    )
    for table in LATIN_LETTERS.values()
    for letter in table
}


@functools.cache
def _latin_words() -> dict[str, frozenset[str]]:
    """The frequent Latin-script words (2.), folded, with the languages that use them."""
    return languages_by_word(word_lists("latin"), _LATIN_FOLD)


_LATIN_WORD_COST = 3.5  # nats
_LATIN_LD_WEIGHT = 1.0
_LATIN_LD_FLOOR = 0.1
_LATIN_SHORT = 40  # letters; shorter Latin text only chooses among the core languages


def _latin_word(word: str) -> frozenset[str] | None:
    """The languages that use ``word`` (lower case, folded), None for an unlisted word.

    A word with an apostrophe that is not listed whole counts by its elided head ("l'",
    "qu'") or else its contracted tail ("'t", "'ll").
    """
    listed = _latin_words()
    languages = listed.get(word)
    if languages is None and "'" in word:
        languages = listed.get(word[: word.index("'") + 1])
        if languages is None:
            languages = listed.get(word[word.rindex("'") :])
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
        table = LATIN_LETTERS[language]
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
    scores = _latin_scores(found, listed, PROFILES[group], probabilities)
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
