"""The candidate words of a document: each capitalised word that may be (part of) a name, its
possible readings as one, what the whole document says about those readings, and the context
words around names (prepositions, settlement words)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from translator.glossary.match import Token
from translator.names.declension import guesses
from translator.names.readings import Reading, readings
from translator.names.shapes import ADJECTIVAL_SURNAMES

Role = Literal["first", "patronymic", "surname", "initial", "place"]

CASE_AFTER: dict[str, frozenset[str]] = {
    "у": frozenset({"loct", "accs"}),
    "в": frozenset({"loct", "accs"}),
    "на": frozenset({"loct", "accs"}),
    "біля": frozenset({"gent"}),
    "поблизу": frozenset({"gent"}),
    "неподалік": frozenset({"gent"}),
    "до": frozenset({"gent"}),
    "від": frozenset({"gent"}),
    "із": frozenset({"gent"}),
    "зі": frozenset({"gent"}),
    "з": frozenset({"gent"}),
    "під": frozenset({"ablt"}),
    "через": frozenset({"accs"}),
    "для": frozenset({"gent"}),
    "навколо": frozenset({"gent"}),
    "довкола": frozenset({"gent"}),
    "після": frozenset({"gent"}),
    "без": frozenset({"gent"}),
    "по": frozenset({"loct"}),
    "над": frozenset({"ablt"}),
    "за": frozenset({"ablt", "accs"}),
}
# the words before a place's name in the genitive: жителі Журавлянки, мешканцям Кобилячок
RESIDENTS = frozenset(
    f"{stem}{ending}" for stem in ("жител", "мешканц") for ending in ("і", "ів", "ям", "ями", "ях")
)
WHERE = frozenset({"у", "в", "на", "біля", "поблизу", "неподалік", "під"})  # before places
SETTLEMENT_WORDS = frozenset(
    {"село", "селище", "місто", "містечко", "смт", "хутір", "с", "м", "селищ", "сел"}
)
_NOT_NAMES = frozenset({"бог", "бога", "богу", "богом", "господь", "господа", "господу"})
OPENING = frozenset('"(:')  # a word after one of these starts a quotation


@dataclass(frozen=True, slots=True)
class Option:
    """One way to read a word of a name: its nominative, role, grammar and how sure."""

    lemma: str
    role: Role
    gender: str | None
    number: str | None
    case: str | None  # None: the word as written, which does not decline (Ткачук, for a woman)
    prior: int  # 2: the dictionary's name reading; 1: a dictionary noun; 0: a pattern guess


@dataclass
class Word:
    """A capitalised word of a sentence that may be (part of) a name."""

    sentence: int
    index: int  # in the sentence's tokens
    token: Token
    initial: bool  # starts the sentence or a quotation
    options: tuple[Option, ...]
    after: str  # the word before it, lower case ("" if none)
    modifies_next: bool  # an adjective agreeing with the next word (Покровську громаду)

    @property
    def letter(self) -> bool:
        """An initial: ``В.``."""
        return any(option.role == "initial" for option in self.options)


@dataclass
class Evidence:
    """What the whole document says: written forms of its candidates, forms per lemma."""

    seen: Counter[str]
    support: Counter[str]

    def score(self, option: Option, word: Word | None = None) -> tuple[int, int]:
        """Whether the lemma is written elsewhere in the document (not just as this word), and
        how many words it explains."""
        own = int(word is not None and word.token.folded == option.lemma)
        return int(self.seen[option.lemma] > own), self.support[option.lemma]


def candidates(number: int, tokens: list[Token], taken: Sequence[tuple[int, int]]) -> list[Word]:
    """The capitalised Cyrillic words of a sentence outside glossary terms."""
    words = []
    first_word = next((i for i, token in enumerate(tokens) if token.form[:1].isalpha()), None)
    for index, token in enumerate(tokens):
        if not (token.cyrillic and token.capitalised and token.form[:1].isalpha()):
            continue
        if token.folded in _NOT_NAMES:
            continue
        if any(start < token.end and token.start < end for start, end in taken):
            continue
        if token.acronym and not _is_initial(tokens, index):
            continue
        before = tokens[index - 1].form if index else ""
        initial = index == first_word or before in OPENING
        words.append(
            Word(
                sentence=number,
                index=index,
                token=token,
                initial=initial,
                options=_options(tokens, index),
                after=tokens[index - 1].folded if index else "",
                modifies_next=_modifies_next(tokens, index),
            )
        )
    return words


def _is_initial(tokens: list[Token], index: int) -> bool:
    """A one-letter capital followed by a full stop: ``В.``."""
    return (
        len(tokens[index].form) == 1 and index + 1 < len(tokens) and tokens[index + 1].form == "."
    )


def _options(tokens: list[Token], index: int) -> tuple[Option, ...]:
    """How the word at ``index`` can be read as part of a name."""
    token = tokens[index]
    if _is_initial(tokens, index):
        return (Option(token.form + ".", "initial", None, None, None, 2),)
    found = readings(token.form)
    known = [reading for reading in found if reading.known]
    options = [option for reading in known if (option := _from_reading(reading)) is not None]
    options += _guessed(token.folded, -1 if known else 0)
    return tuple(dict.fromkeys(options))


def _from_reading(reading: Reading) -> Option | None:
    """A dictionary reading as a name option (None for verbs, adverbs and the like)."""
    if reading.part in ("first", "patronymic", "surname"):
        role: Role = reading.part
        if role == "first" and reading.nominative.endswith(ADJECTIVAL_SURNAMES):
            role = "surname"  # the dictionary tags a few surnames as first names (Сирський)
        prior = 2
    elif reading.part == "noun" and reading.animate and reading.number == "sing":
        role, prior = "first", -1  # a first name the dictionary lacks as one (Володимир)
    elif reading.part == "noun" and not reading.animate:
        if reading.number == "plur" and not reading.plural_only:
            return None  # the plural of a common noun (Ради, Сил), not a town like Прилуки
        role, prior = "place", 1
    elif reading.part == "adjective" and reading.gender in ("masc", "neut"):
        role, prior = "place", 0  # Хмельницький, Кам'янське
    else:
        return None
    return Option(reading.nominative, role, reading.gender, reading.number, reading.case, prior)


def _guessed(form: str, prior: int) -> list[Option]:
    """Pattern guesses, each as a surname and as a place. For a word the dictionary knows
    (``prior`` -1) they serve only inside a full name (``Ірина Коваль``, ``Галину Кузьміну``)."""
    options = []
    for guess in guesses(form):
        case = None if guess.nominative == form and guess.number == "sing" else guess.case
        gender = "femn" if guess.nominative.endswith(("а", "я")) else None
        roles: tuple[Role, ...] = (
            ("surname", "place") if guess.kind == "any" else
            ("place",) if guess.kind == "place" else ("surname",)
        )  # fmt: skip
        options += [
            Option(guess.nominative, role, gender if role == "surname" else None,
                   guess.number, case, prior)
            for role in roles
        ]  # fmt: skip
    return options


def _modifies_next(tokens: list[Token], index: int) -> bool:
    """Whether the word is an adjective (and no name) agreeing with the next, lowercase word."""
    if index + 1 == len(tokens) or not tokens[index + 1].cyrillic:
        return False
    following = tokens[index + 1]
    if following.capitalised:
        return False
    own = readings(tokens[index].form)
    adjectives = [reading for reading in own if reading.part == "adjective" and reading.case]
    nouns = [r for r in readings(following.form) if r.part in ("noun", "adjective") and r.case]
    return any(
        (adjective.case, adjective.number) == (noun.case, noun.number)
        and (adjective.number == "plur" or None in (adjective.gender, noun.gender)
             or adjective.gender == noun.gender)
        for adjective in adjectives
        for noun in nouns
    )  # fmt: skip


def document_evidence(words: Iterator[Word]) -> Evidence:
    """The written forms of all candidate words and, per lemma, how many words it explains."""
    seen: Counter[str] = Counter()
    support: Counter[str] = Counter()
    for word in words:
        if word.after not in CASE_AFTER and not word.initial and _may_be_nominative(word):
            seen[word.token.folded] += 1  # not after a preposition, nor a sentence's first word
        support.update({option.lemma for option in word.options})
    return Evidence(seen, support)


def _may_be_nominative(word: Word) -> bool:
    """Whether the word as written can be a nominative: the dictionary says so, or it does not
    know the word."""
    known = [reading for reading in readings(word.token.form) if reading.known]
    return not known or any(
        reading.case == "nomn" and reading.nominative == word.token.folded for reading in known
    )


def runs(words: list[Word]) -> Iterator[list[Word]]:
    """Consecutive candidate words of a sentence (initials with their full stops)."""
    run: list[Word] = []
    for word in words:
        if run and word.index - run[-1].index != (2 if run[-1].letter else 1):
            yield run
            run = []
        run.append(word)
    if run:
        yield run


def no_name_readings(word: Word) -> bool:
    """Whether no reading of the word is a first name, patronymic or surname."""
    parts = {reading.part for reading in readings(word.token.form)}
    return parts.isdisjoint({"first", "patronymic", "surname"})


def only_things(word: Word) -> bool:
    """Whether the dictionary knows the word only as inanimate nouns."""
    known = [reading for reading in readings(word.token.form) if reading.known]
    return bool(known) and all(r.part == "noun" and not r.animate for r in known)


def common_noun(word: Word) -> bool:
    """Whether the dictionary also knows the word as a common noun (Рада, Надія, Віра)."""
    return any(r.known and r.part == "noun" for r in readings(word.token.form))


def only_names(word: Word) -> bool:
    """Whether the dictionary knows the word only as a first name, surname or patronymic."""
    known = [reading for reading in readings(word.token.form) if reading.known]
    return bool(known) and all(r.part in ("first", "patronymic", "surname") for r in known)


def capitalised(lemma: str) -> str:
    """``івано-франківськ`` → ``Івано-Франківськ``."""
    return "-".join(part[:1].upper() + part[1:] for part in lemma.split("-"))
