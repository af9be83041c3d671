"""Find the names of people, places and organisations in a Ukrainian document.

A name is a capitalised word, or a run of them, that no glossary term covers:

* **People**: a run of capitalised words whose readings make a full name — first name and
  surname, with a patronymic, in either order, or initials and a surname — all in one case
  and number and of one gender (``Ярославу Жуковську`` is Ярослава Жуковська: ``Ярославу``
  alone could be Ярослав). A lone first name, patronymic or surname counts too, away from the
  start of a sentence. Readings come from the dictionary (``Name``/``Surn``/``Patr``) or, for
  words it lacks, from declension patterns (:mod:`translator.names.declension`).
* **Places**: a capitalised noun away from the start of a sentence (the dictionary has no tag
  for places). After ``у``/``в``/``на`` or ``село``/``місто`` a place is preferred to a
  surname (``у Фастові`` is the town Фастів, not the dative of a surname Фаст). A capitalised
  adjective that agrees with the next word (``Покровську громаду``) is not a name.
* **Organisations**: one to four capitalised words in quotes, after a word like ``компанія``
  or ``фонд``, or made of words the dictionary does not know (``«Агросвіт»``); they keep
  their written form (quoted names do not decline).

The whole document decides a lemma: a candidate nominative that is written somewhere in the
document (``Фастів`` in another sentence), or that explains most of the name's forms, wins.
A capitalised word at the start of a sentence (or of a quotation) is a name only when it is
part of a full name or the same name is found elsewhere in the document: ``Уряд``,
``Сьогодні``, ``Надія на мир`` stay with the model.

Only names that look Ukrainian are kept, so the national romanisation suits them: people
with a patronymic or a surname in a Ukrainian ending (-енко, -ук, -ський, -ич, -ів …) or a
lone first name the dictionary knows; places in a Ukrainian ending (-ів, -ївка, -ськ, -ове,
-поль, plural -и …). Foreign people and places (``Стармера``, ``у Парижі``) and countries
(``Франції``) are left to the model, which knows their English forms; the glossary holds the
ones that matter.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from translator.glossary.match import Token, tokenize
from translator.names.declension import guesses
from translator.names.readings import Reading, readings
from translator.names.romanize import romanize

NameKind = Literal["person", "place", "organisation"]
_Role = Literal["first", "patronymic", "surname", "initial", "place"]


@dataclass(frozen=True)
class Name:
    """A name found in a sentence: ``sentence[start:end] == surface``.

    ``lemma``: the name in the nominative (Ukrainian); ``english``: its romanisation.
    """

    start: int
    end: int
    surface: str
    lemma: str
    english: str
    kind: NameKind


_CASE_AFTER: dict[str, frozenset[str]] = {
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
_RESIDENTS = frozenset(
    f"{stem}{ending}" for stem in ("жител", "мешканц") for ending in ("і", "ів", "ям", "ями", "ях")
)
_WHERE = frozenset({"у", "в", "на", "біля", "поблизу", "неподалік", "під"})  # before places
_SETTLEMENT_WORDS = frozenset(
    {"село", "селище", "місто", "містечко", "смт", "хутір", "с", "м", "селищ", "сел"}
)
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
_SURNAME_ENDINGS = (
    "енко", "ко", "ук", "юк", "ак", "як", "ик", "ич", "ець", "ський", "цький", "зький",
    "ська", "цька", "зька", "ий", "ій", "на", "ов", "ова", "ев", "ева", "єв", "єва", "ін",
    "іна", "ин", "ина", "ів", "їв", "ун", "ар", "яр", "ба", "га", "да", "ла", "ра", "ша",
    "ча", "ло", "ьо",
)  # fmt: skip
_ADJECTIVAL_SURNAMES = ("ський", "цький", "зький", "ська", "цька", "зька")
_TELLING_SURNAMES = (*_ADJECTIVAL_SURNAMES, "енко", "ук", "юк", "ич")
_TELLING_PLACES = (
    "івка",
    "ївка",
    "ськ",
    "цьк",
    "зьк",
    "поль",
    "піль",
    "город",
    "ове",
    "еве",
    "ичі",
)
_PLACE_ENDINGS = (
    "ів", "їв", "івка", "ївка", "вка", "нка", "тка", "лка", "рка", "дка", "шка", "чка",
    "ськ", "цьк", "зьк", "не", "ове", "еве", "єве", "ине", "їне", "ське", "цьке", "ий",
    "ань", "інь",
    "поль", "піль", "город", "горід", "град", "ин", "иця", "ець", "ля", "ня", "ча", "уч",
)  # fmt: skip
_PLURAL_PLACE_ENDINGS = (
    "ичі", "ці", "ки", "ни", "ри", "ли", "ти", "ди", "ги", "хи", "би", "ви", "чі", "си", "ми",
)  # fmt: skip
_PERSON_PATTERNS: frozenset[tuple[_Role, ...]] = frozenset(
    {
        ("first", "surname"),
        ("first", "patronymic", "surname"),
        ("surname", "first"),
        ("surname", "first", "patronymic"),
        ("first", "patronymic"),
        ("initial", "surname"),
        ("initial", "initial", "surname"),
        ("surname", "initial"),
        ("surname", "initial", "initial"),
    }
)
_NOT_NAMES = frozenset({"бог", "бога", "богу", "богом", "господь", "господа", "господу"})
_OPENING = frozenset('"(:')
_CYRILLIC_TARGETS = frozenset({"uk", "ru", "be", "bg", "sr", "mk", "kk", "ky", "mn", "tg"})
_MAX_GROUP = 3


@dataclass(frozen=True, slots=True)
class _Option:
    """One way to read a word of a name: its nominative, role, grammar and how sure."""

    lemma: str
    role: _Role
    gender: str | None
    number: str | None
    case: str | None  # None: the word as written, which does not decline (Ткачук, for a woman)
    prior: int  # 2: the dictionary's name reading; 1: a dictionary noun; 0: a pattern guess


@dataclass
class _Word:
    """A capitalised word of a sentence that may be (part of) a name."""

    sentence: int
    index: int  # in the sentence's tokens
    token: Token
    initial: bool  # starts the sentence or a quotation
    options: tuple[_Option, ...]
    after: str  # the word before it, lower case ("" if none)
    modifies_next: bool  # an adjective agreeing with the next word (Покровську громаду)

    @property
    def letter(self) -> bool:
        """An initial: ``В.``."""
        return any(option.role == "initial" for option in self.options)


@dataclass
class _Evidence:
    """What the whole document says: written forms of its candidates, forms per lemma."""

    seen: Counter[str]
    support: Counter[str]

    def score(self, option: _Option, word: _Word | None = None) -> tuple[int, int]:
        """Whether the lemma is written elsewhere in the document (not just as this word), and
        how many words it explains."""
        own = int(word is not None and word.token.folded == option.lemma)
        return int(self.seen[option.lemma] > own), self.support[option.lemma]


def names_apply(source: str, target: str) -> bool:
    """Whether names are found for a pair: Ukrainian sources into a language in Latin letters
    (a Cyrillic target keeps them as written)."""
    return source == "uk" and target not in _CYRILLIC_TARGETS


def find_names(
    sentences: Sequence[str], taken: Sequence[Sequence[tuple[int, int]]] | None = None
) -> list[list[Name]]:
    """The names in each sentence of one document (``taken``: spans already glossary terms,
    per sentence), sorted by start."""
    spans = list(taken) if taken is not None else [()] * len(sentences)
    tokens = [tokenize(sentence) for sentence in sentences]
    words = [
        _candidates(number, sentence_tokens, spans[number])
        for number, sentence_tokens in enumerate(tokens)
    ]
    evidence = _evidence(word for sentence_words in words for word in sentence_words)
    quoted = _quoted_words(tokens)
    found: list[list[Name]] = [[] for _ in sentences]
    chosen: set[str] = set()
    held: list[tuple[_Word, _Option]] = []
    for number, sentence_words in enumerate(words):
        for run in _runs(sentence_words):
            for name, lemmas in _names_in(sentences[number], run, evidence, held):
                found[number].append(name)
                chosen.update(lemmas)
        found[number] += _organisations(sentences[number], tokens[number], spans[number], quoted)
    for word, option in held:
        if option.lemma in chosen:
            found[word.sentence].append(_single(sentences[word.sentence], word, option))
    return [sorted(names, key=lambda name: name.start) for names in found]


def _candidates(number: int, tokens: list[Token], taken: Sequence[tuple[int, int]]) -> list[_Word]:
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
        initial = index == first_word or before in _OPENING
        words.append(
            _Word(
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


def _options(tokens: list[Token], index: int) -> tuple[_Option, ...]:
    """How the word at ``index`` can be read as part of a name."""
    token = tokens[index]
    if _is_initial(tokens, index):
        return (_Option(token.form + ".", "initial", None, None, None, 2),)
    found = readings(token.form)
    known = [reading for reading in found if reading.known]
    options = [option for reading in known if (option := _from_reading(reading)) is not None]
    options += _guessed(token.folded, -1 if known else 0)
    return tuple(dict.fromkeys(options))


def _from_reading(reading: Reading) -> _Option | None:
    """A dictionary reading as a name option (None for verbs, adverbs and the like)."""
    if reading.part in ("first", "patronymic", "surname"):
        role: _Role = reading.part
        if role == "first" and reading.nominative.endswith(_ADJECTIVAL_SURNAMES):
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
    return _Option(reading.nominative, role, reading.gender, reading.number, reading.case, prior)


def _guessed(form: str, prior: int) -> list[_Option]:
    """Pattern guesses, each as a surname and as a place. For a word the dictionary knows
    (``prior`` -1) they serve only inside a full name (``Ірина Коваль``, ``Галину Кузьміну``)."""
    options = []
    for guess in guesses(form):
        case = None if guess.nominative == form and guess.number == "sing" else guess.case
        gender = "femn" if guess.nominative.endswith(("а", "я")) else None
        roles: tuple[_Role, ...] = (
            ("surname", "place") if guess.kind == "any" else
            ("place",) if guess.kind == "place" else ("surname",)
        )  # fmt: skip
        options += [
            _Option(guess.nominative, role, gender if role == "surname" else None,
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


def _evidence(words: Iterator[_Word]) -> _Evidence:
    """The written forms of all candidate words and, per lemma, how many words it explains."""
    seen: Counter[str] = Counter()
    support: Counter[str] = Counter()
    for word in words:
        if word.after not in _CASE_AFTER and not word.initial and _may_be_nominative(word):
            seen[word.token.folded] += 1  # not after a preposition, nor a sentence's first word
        support.update({option.lemma for option in word.options})
    return _Evidence(seen, support)


def _may_be_nominative(word: _Word) -> bool:
    """Whether the word as written can be a nominative: the dictionary says so, or it does not
    know the word."""
    known = [reading for reading in readings(word.token.form) if reading.known]
    return not known or any(
        reading.case == "nomn" and reading.nominative == word.token.folded for reading in known
    )


def _runs(words: list[_Word]) -> Iterator[list[_Word]]:
    """Consecutive candidate words of a sentence (initials with their full stops)."""
    run: list[_Word] = []
    for word in words:
        if run and word.index - run[-1].index != (2 if run[-1].letter else 1):
            yield run
            run = []
        run.append(word)
    if run:
        yield run


def _names_in(
    sentence: str, run: list[_Word], evidence: _Evidence, held: list[tuple[_Word, _Option]]
) -> Iterator[tuple[Name, list[str]]]:
    """The names in a run of capitalised words: full names first, then single words.

    A full name starting one word later wins when it reads better (``Історик Сергій Бутко``).
    Words of a foreign full name (``Роберт Фіцо``) are left alone. Single words at the start
    of a sentence go to ``held``, kept only if the same lemma is found elsewhere."""
    position = 0
    while position < len(run):
        if (
            _institution(run, position)
            and _compound_place(sentence, run, position, evidence) is None
        ):
            position += 2  # Верховна Рада, Національна гвардія: an institution, not a person
            continue
        here = _group_at(run, position, evidence)
        later = _group_at(run, position + 1, evidence)
        if here is not None and not (later is not None and later[0] > here[0]):
            _, options, foreign = here
            size = len(options)
            if not foreign:
                yield (
                    _group_name(sentence, run[position : position + size], options),
                    [option.lemma for option in options],
                )
            position += size
            continue
        place = _compound_place(sentence, run, position, evidence)
        if place is not None:
            yield place
            position += 2
            continue
        word = run[position]
        option = _best_single(word, evidence)
        if option is not None:
            if word.initial and not _only_names(word):
                held.append((word, option))
            else:
                yield _single(sentence, word, option), [option.lemma]
        position += 1


def _compound_place(
    sentence: str, run: list[_Word], position: int, evidence: _Evidence
) -> tuple[Name, list[str]] | None:
    """An adjective and a place agreeing with it: ``Великих Сорочинцях`` (Великі Сорочинці),
    ``Нові Санжари``."""
    if position + 1 >= len(run) or run[position].letter:
        return None
    head = run[position + 1]
    place = _best_single(head, evidence)
    if place is None or place.role != "place":
        return None
    for reading in readings(run[position].token.form):
        if reading.part != "adjective" or reading.case is None:
            continue
        if place.case not in (None, reading.case) or reading.number != place.number:
            continue
        if place.number != "plur" and place.gender not in (None, reading.gender):
            continue
        first, last = run[position].token, head.token
        lemma = f"{_capitalised(reading.nominative)} {_capitalised(place.lemma)}"
        name = Name(first.start, last.end, sentence[first.start : last.end], lemma,
                    romanize(lemma), "place")  # fmt: skip
        return name, [place.lemma]
    return None


def _institution(run: list[_Word], position: int) -> bool:
    """Whether the word is an adjective agreeing with the next capitalised word of the run,
    a common noun for a thing (``Верховна Рада``)."""
    if position + 1 >= len(run) or not _no_name_readings(run[position]):
        return False
    known = readings(run[position + 1].token.form)
    if not any(r.known and r.part == "noun" and not r.animate for r in known):
        return False
    following = [r for r in readings(run[position + 1].token.form) if r.case]
    return any(
        _agree_pair(adjective, noun)
        for adjective in readings(run[position].token.form)
        if adjective.part == "adjective" and adjective.case
        for noun in following
        if noun.part != "adjective"
    )


def _no_name_readings(word: _Word) -> bool:
    """Whether no reading of the word is a first name, patronymic or surname."""
    parts = {reading.part for reading in readings(word.token.form)}
    return parts.isdisjoint({"first", "patronymic", "surname"})


def _agree_pair(adjective: Reading, noun: Reading) -> bool:
    """An adjective and a noun reading in one case and number (and gender, if singular)."""
    if (adjective.case, adjective.number) != (noun.case, noun.number):
        return False
    return (
        adjective.number == "plur"
        or None in (adjective.gender, noun.gender)
        or (adjective.gender == noun.gender)
    )


_Group = tuple[tuple[int, ...], tuple[_Option, ...], bool]  # rank, readings, foreign


def _group_at(run: list[_Word], position: int, evidence: _Evidence) -> _Group | None:
    """The longest full name starting at ``position`` of the run, if any."""
    for size in range(min(_MAX_GROUP, len(run) - position), 1, -1):
        group = _person(run[position : position + size], evidence)
        if group is not None:
            return group
    return None


def _person(words: list[_Word], evidence: _Evidence) -> _Group | None:
    """The best reading of ``words`` as one person's full name, or None; a reading that
    fits only with a foreign surname is marked foreign."""
    last = len(words) - 1
    choices = [
        [
            option
            for option in word.options
            if option.role != "place" and (option.prior >= 0 or _may_guess(option, word, i == last))
        ]
        for i, word in enumerate(words)
    ]
    best: _Group | None = None
    for combination in itertools.product(*choices):
        if tuple(option.role for option in combination) not in _PERSON_PATTERNS:
            continue
        if not _agree(combination) or _doubtful(combination, words):
            continue
        foreign = not _looks_ukrainian_person(combination)
        vocatives = sum(option.case == "voct" for option in combination)  # rare in news
        rank = (int(not foreign), -vocatives, *_group_rank(combination, words, evidence))
        if best is None or rank > best[0]:
            best = (rank, combination, foreign)
    return best


def _doubtful(options: Sequence[_Option], words: Sequence[_Word]) -> bool:
    """A name-like reading of a word the dictionary knows only as a thing (``Ради Україна``:
    Україна is no surname). Words for people (``Коваль``, ``Володимир``) and adjectives
    (``Лісовій``) may be names."""
    return any(
        option.prior < 0 and _only_things(word) for option, word in zip(options, words, strict=True)
    )


def _only_things(word: _Word) -> bool:
    """Whether the dictionary knows the word only as inanimate nouns."""
    known = [reading for reading in readings(word.token.form) if reading.known]
    return bool(known) and all(r.part == "noun" and not r.animate for r in known)


def _may_guess(option: _Option, word: _Word, last: bool) -> bool:
    """Whether a reading of a dictionary word that is not a name may serve in a full name: as
    its surname (``Ірина Коваль``) or first name (``Володимир``), not at a sentence start."""
    return not word.initial and (option.role == "first" or (last and option.role == "surname"))


def _agree(options: Sequence[_Option]) -> bool:
    """One case and number, one gender; a word as written (case None) only for a woman."""
    named = [option for option in options if option.role != "initial"]
    genders = {option.gender for option in named} - {None}
    if len(genders) > 1:
        return False
    if any(option.number == "plur" for option in named):
        return False
    cases = {option.case for option in named} - {None}
    if len(cases) > 1:
        return False
    if any(option.case is None for option in named):
        return genders == {"femn"} or cases <= {"nomn"}
    return True


def _looks_ukrainian_person(options: Sequence[_Option]) -> bool:
    """A patronymic, or a surname with a Ukrainian ending."""
    roles = {option.role: option for option in options}
    if "patronymic" in roles:
        return True
    surname = roles.get("surname")
    return surname is not None and surname.lemma.endswith(_SURNAME_ENDINGS)


def _group_rank(
    options: Sequence[_Option], words: Sequence[_Word], evidence: _Evidence
) -> tuple[int, ...]:
    """Document evidence first, then dictionary readings, then readings that decline."""
    scores = [evidence.score(option, word) for option, word in zip(options, words, strict=True)]
    seen = sum(score[0] for score in scores)
    support = sum(score[1] for score in scores)
    prior = sum(option.prior for option in options)
    declined = sum(option.case is not None for option in options)
    written = sum(
        option.lemma == word.token.folded and option.case in ("nomn", None)
        for option, word in zip(options, words, strict=True)
    )
    return seen, written, prior, support, declined


def _common_not_name(option: _Option, word: _Word, evidence: _Evidence) -> bool:
    """A first name in an oblique case that is also a common noun, with no nominative of it
    elsewhere in the document."""
    oblique = option.case not in ("nomn", "voct")
    return option.role == "first" and oblique and _common(word) and not evidence.score(option)[0]


def _common(word: _Word) -> bool:
    """Whether the dictionary also knows the word as a common noun (Рада, Надія, Віра)."""
    return any(r.known and r.part == "noun" for r in readings(word.token.form))


def _only_names(word: _Word) -> bool:
    """Whether the dictionary knows the word only as a first name, surname or patronymic."""
    known = [reading for reading in readings(word.token.form) if reading.known]
    return bool(known) and all(r.part in ("first", "patronymic", "surname") for r in known)


def _best_single(word: _Word, evidence: _Evidence) -> _Option | None:
    """The likeliest reading of a lone capitalised word as a name that looks Ukrainian."""
    if word.modifies_next or word.letter:
        return None
    governed = _CASE_AFTER.get(word.after)
    settlement = word.after in _SETTLEMENT_WORDS

    def rank(option: _Option) -> tuple[int, ...]:
        seen, support = evidence.score(option, word)
        place = option.role == "place"
        fits = governed is None or option.case is None or option.case in governed
        context = int(place and word.after in _WHERE)
        if settlement:
            context += 2 if place else -2
        shape = _shape(option)
        return fits, seen, context, shape, support, option.prior, option.case is not None

    placed = settlement or word.after in _CASE_AFTER or word.after in _RESIDENTS
    for option in sorted(word.options, key=rank, reverse=True):
        if option.prior < 0 or (option.number == "plur" and option.role != "place"):
            continue
        if _common_not_name(option, word, evidence):
            continue  # засідання Ради: a capitalised common noun, not the name Рада
        if option.role == "place" and not placed and _needs_place_context(option):
            continue  # a guess, or a plural (Нідерланди): a place only where one is expected
        if _shape(option):
            return option
    return None


def _needs_place_context(option: _Option) -> bool:
    """A guessed place, or a plural one in the nominative, needs a place's context."""
    return option.prior == 0 or (
        option.number == "plur" and option.case in ("nomn", "accs", "voct")
    )


def _shape(option: _Option) -> int:
    """How Ukrainian a reading looks: 2 for a telling ending (-енко, -ський, -ївка, -ськ …),
    1 for a first name or patronymic the dictionary knows or a plainer Ukrainian ending, 0 for
    none (a foreign name, a country: left to the model)."""
    lemma = option.lemma
    if option.role in ("first", "patronymic"):
        return int(option.prior == 2)
    if option.role == "initial":
        return 1
    if option.role == "surname":
        return 2 if lemma.endswith(_TELLING_SURNAMES) else int(lemma.endswith(_SURNAME_ENDINGS))
    if option.number == "plur":
        return int(lemma.endswith(_PLURAL_PLACE_ENDINGS))
    if lemma.endswith("ика"):
        return 0
    return 2 if lemma.endswith(_TELLING_PLACES) else int(lemma.endswith(_PLACE_ENDINGS))


def _single(sentence: str, word: _Word, option: _Option) -> Name:
    """A one-word name."""
    token = word.token
    kind: NameKind = "place" if option.role == "place" else "person"
    lemma = _capitalised(option.lemma)
    return Name(
        token.start, token.end, sentence[token.start : token.end], lemma, romanize(lemma), kind
    )


def _group_name(sentence: str, words: list[_Word], options: Sequence[_Option]) -> Name:
    """A person's full name."""
    start, end = words[0].token.start, words[-1].token.end
    if options[-1].role == "initial":
        end += 1  # the full stop of a trailing initial
    lemma = " ".join(_capitalised(option.lemma) for option in options)
    return Name(start, end, sentence[start:end], lemma, romanize(lemma), "person")


def _capitalised(lemma: str) -> str:
    """``івано-франківськ`` → ``Івано-Франківськ``."""
    return "-".join(part[:1].upper() + part[1:] for part in lemma.split("-"))


def _organisations(
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
    return word.form if chosen is None else _capitalised(chosen)


def _quoted_words(tokens: list[list[Token]]) -> frozenset[str]:
    """The words standing alone in quotes anywhere in the document (lower case)."""
    return frozenset(
        sentence[i].folded
        for sentence in tokens
        for i in range(1, len(sentence) - 1)
        if sentence[i - 1].form == '"' and sentence[i + 1].form == '"'
    )
