"""Organisations: quoted names (``«Агросвіт»``) after a word like ``компанія`` or made of words
the dictionary does not know, kept as written or, for one word, in the nominative."""

from __future__ import annotations

from collections.abc import Sequence

from translator.glossary.match import Token
from translator.names.declension import guesses
from translator.names.model import Name
from translator.names.readings import readings
from translator.names.romanize import romanize
from translator.names.words import capitalised

_ORGANISATION_WORDS = frozenset(
    {
        "компанія", "тов", "пат", "прат", "ат", "фонд", "фірма", "концерн", "холдинг",
        "агрохолдинг", "банк", "завод", "корпорація", "організація", "підприємство", "гурт",
        "клуб", "команда", "видання", "газета", "телеканал", "оператор", "мережа", "фк",
        "ансамбль", "театр", "кооператив", "група", "бренд", "платформа", "ініціатива",
        "бригада", "партія", "фракція", "готель", "батальйон", "полк", "рух", "спілка",
        "асоціація", "об'єднання", "агенція", "студія", "центр", "ресторан", "магазин",
    }
)  # fmt: skip


def organisations(
    sentence: str, tokens: list[Token], taken: Sequence[tuple[int, int]], quoted: frozenset[str]
) -> list[Name]:
    """Names in quotes: one to four capitalised words, after an organisation word or unknown
    to the dictionary."""
    found = []
    for index, token in enumerate(tokens):
        if token.form != '"' or index + 2 >= len(tokens):
            continue
        close = next(
            (i for i in range(index + 1, min(index + 6, len(tokens))) if tokens[i].form == '"'),
            None,
        )
        if close is None or close == index + 1:
            continue
        inside = tokens[index + 1 : close]
        if not all(word.cyrillic and word.capitalised for word in inside):
            continue
        start, end = inside[0].start, inside[-1].end
        if any(s < end and start < e for s, e in taken):
            continue
        before = tokens[index - 1].folded if index else ""
        named = (
            before in _ORGANISATION_WORDS
            or any(reading.nominative in _ORGANISATION_WORDS for reading in readings(before))
            if before
            else False
        )
        unknown = all(
            word.acronym or not any(reading.known for reading in readings(word.form))
            for word in inside
        )
        if named or unknown:
            surface = sentence[start:end]
            lemma = _organisation_lemma(inside, quoted) if len(inside) == 1 else surface
            found.append(Name(start, end, surface, lemma, romanize(lemma), "organisation"))
    return found


def _organisation_lemma(inside: list[Token], quoted: frozenset[str]) -> str:
    """A one-word quoted name in the nominative: ``«Агросвіту»`` is Агросвіт when the document
    writes «Агросвіт» somewhere, ``«Хартії»`` is Хартія (a noun the dictionary knows)."""
    (word,) = inside
    nouns = [
        reading.nominative
        for reading in readings(word.form)
        if reading.known and reading.part == "noun" and reading.number == "sing"
    ]
    candidates = [*nouns, *(guess.nominative for guess in guesses(word.folded))]
    chosen = next((c for c in candidates if c != word.folded and c in quoted), None)
    if chosen is None and nouns and word.folded not in nouns:
        chosen = nouns[0]
    return word.form if chosen is None else capitalised(chosen)


def quoted_words(tokens: list[list[Token]]) -> frozenset[str]:
    """The words standing alone in quotes anywhere in the document (lower case)."""
    return frozenset(
        sentence[i].folded
        for sentence in tokens
        for i in range(1, len(sentence) - 1)
        if sentence[i - 1].form == '"' and sentence[i + 1].form == '"'
    )
