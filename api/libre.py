"""LibreTranslate's rules over the library, for its endpoints only: its language checks and
error strings, and its answer to text too short to tell (an installed language with confidence
0, where the native API and the CLI say ``und``).

A text whose language cannot be told is given the installed language that is the best guess:
English for Latin script, as LibreTranslate, and a Cyrillic-script language (Ukrainian first)
for Cyrillic. A text without letters is sent back as it is, reported as that guess.
"""

import unicodedata
from collections import defaultdict

from api.errors import ApiError
from translator.detect import Detection, detect
from translator.engine.ctranslate import pair_engine
from translator.engine.protocol import EngineProvider
from translator.formats.html import html_text
from translator.languages import Language, available_languages
from translator.pipeline import AUTO, GlossaryChoice
from translator.texts import TextResult, translate_texts
from translator.tm.memory import StoreMemory

FALLBACK = "en"  # LibreTranslate's own answer when it cannot tell
CYRILLIC_FIRST = "uk"
CYRILLIC_LANGUAGES = frozenset({"be", "bg", "kk", "ky", "mk", "mn", "ru", "sr", "tg", "uk"})

Languages = dict[str, Language]


def installed() -> Languages:
    return {language.code: language for language in available_languages()}


def supported(code: str, languages: Languages) -> str:
    """``code`` if some installed model reads or writes it, else LibreTranslate's 400."""
    if code not in languages:
        raise ApiError(400, f"{code} is not supported")
    return code


def check_pair(source: str, target: str, languages: Languages) -> None:
    if source != target and target not in languages[source].targets:
        src, tgt = languages[source], languages[target]
        raise ApiError(
            400,
            f"{tgt.name} ({tgt.code}) is not available as a target language "
            f"from {src.name} ({src.code})",
        )


def detect_installed(text: str, languages: Languages) -> Detection:
    """The language of ``text`` among the installed ones; the best guess, confidence 0, when
    it cannot be told or is not installed (as LibreTranslate's /detect: never ``und``)."""
    found = detect(text)
    return found if found.language in languages else Detection(guess(text, languages), 0.0)


def guess(text: str, languages: Languages) -> str:
    letters = [char for char in text if char.isalpha()]
    cyrillic = sum("CYRILLIC" in unicodedata.name(char, "") for char in letters)
    in_cyrillic = cyrillic * 2 > len(letters)
    preferred = CYRILLIC_FIRST if in_cyrillic else FALLBACK
    script = sorted(code for code in languages if (code in CYRILLIC_LANGUAGES) == in_cyrillic)
    for code in (preferred, *script, FALLBACK, *languages):
        if code in languages:
            return code
    return FALLBACK


def translate_libre(
    texts: list[str],
    target: str,
    source: str,
    alternatives: int,
    glossary: GlossaryChoice,
    html: bool,
    names: bool = True,
    engines: EngineProvider = pair_engine,
) -> list[TextResult]:
    """``translate_texts`` with LibreTranslate's checks and the store's translation memory;
    ``source`` "auto" detects each text once, here, and translates the texts of each language
    together."""
    languages = installed()
    supported(target, languages)
    memory = StoreMemory()
    if source != AUTO:
        check_pair(supported(source, languages), target, languages)
        return translate_texts(
            texts, target, source, alternatives, glossary, html, memory, names, engines
        )
    found = [_detect_source(html_text(text) if html else text, languages) for text in texts]
    groups: dict[str, list[int]] = defaultdict(list)
    for index, (language, letters) in enumerate(found):
        groups[language.language if letters else AUTO].append(index)
    results: dict[int, TextResult] = {}
    for language, indexes in groups.items():
        if language != AUTO:
            check_pair(language, target, languages)
        batch = [texts[i] for i in indexes]
        done = translate_texts(
            batch, target, language, alternatives, glossary, html, memory, names, engines
        )
        for index, result in zip(indexes, done, strict=True):
            detected = found[index][0]
            results[index] = TextResult(
                result.text, detected.language, detected.confidence, result.alternatives
            )
    return [results[index] for index in range(len(texts))]


def _detect_source(text: str, languages: Languages) -> tuple[Detection, bool]:
    """The text's language (an installed one, or the best guess with confidence 0 when it
    cannot be told; a detected language not installed is a 400) and whether it has letters."""
    found = detect(text)
    if found.language in languages:
        return found, True
    letters = any(char.isalpha() for char in text)
    if found.confidence and letters:
        supported(found.language, languages)
    return Detection(guess(text, languages), 0.0), letters
