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

from collections.abc import Iterator, Sequence

from translator.glossary.match import tokenize
from translator.names.model import Name, NameKind
from translator.names.organisations import organisations, quoted_words
from translator.names.people import group_at, group_name
from translator.names.readings import Reading, readings
from translator.names.romanize import romanize
from translator.names.shapes import shape
from translator.names.words import (
    CASE_AFTER,
    RESIDENTS,
    SETTLEMENT_WORDS,
    WHERE,
    Evidence,
    Option,
    Word,
    candidates,
    capitalised,
    common_noun,
    document_evidence,
    no_name_readings,
    only_names,
    runs,
)

_CYRILLIC_TARGETS = frozenset({"uk", "ru", "be", "bg", "sr", "mk", "kk", "ky", "mn", "tg"})


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
        candidates(number, sentence_tokens, spans[number])
        for number, sentence_tokens in enumerate(tokens)
    ]
    evidence = document_evidence(word for sentence_words in words for word in sentence_words)
    quoted = quoted_words(tokens)
    found: list[list[Name]] = [[] for _ in sentences]
    chosen: set[str] = set()
    held: list[tuple[Word, Option]] = []
    for number, sentence_words in enumerate(words):
        for run in runs(sentence_words):
            for name, lemmas in _names_in(sentences[number], run, evidence, held):
                found[number].append(name)
                chosen.update(lemmas)
        found[number] += organisations(sentences[number], tokens[number], spans[number], quoted)
    for word, option in held:
        if option.lemma in chosen:
            found[word.sentence].append(_single(sentences[word.sentence], word, option))
    return [sorted(names, key=lambda name: name.start) for names in found]


def _names_in(
    sentence: str, run: list[Word], evidence: Evidence, held: list[tuple[Word, Option]]
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
        here = group_at(run, position, evidence)
        later = group_at(run, position + 1, evidence)
        if here is not None and not (later is not None and later[0] > here[0]):
            _, options, foreign = here
            size = len(options)
            if not foreign:
                yield (
                    group_name(sentence, run[position : position + size], options),
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
            if word.initial and not only_names(word):
                held.append((word, option))
            else:
                yield _single(sentence, word, option), [option.lemma]
        position += 1


def _compound_place(
    sentence: str, run: list[Word], position: int, evidence: Evidence
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
        lemma = f"{capitalised(reading.nominative)} {capitalised(place.lemma)}"
        name = Name(first.start, last.end, sentence[first.start : last.end], lemma,
                    romanize(lemma), "place")  # fmt: skip
        return name, [place.lemma]
    return None


def _institution(run: list[Word], position: int) -> bool:
    """Whether the word is an adjective agreeing with the next capitalised word of the run,
    a common noun for a thing (``Верховна Рада``)."""
    if position + 1 >= len(run) or not no_name_readings(run[position]):
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


def _agree_pair(adjective: Reading, noun: Reading) -> bool:
    """An adjective and a noun reading in one case and number (and gender, if singular)."""
    if (adjective.case, adjective.number) != (noun.case, noun.number):
        return False
    return (
        adjective.number == "plur"
        or None in (adjective.gender, noun.gender)
        or (adjective.gender == noun.gender)
    )


def _common_not_name(option: Option, word: Word, evidence: Evidence) -> bool:
    """A first name in an oblique case that is also a common noun, with no nominative of it
    elsewhere in the document."""
    oblique = option.case not in ("nomn", "voct")
    return (
        option.role == "first" and oblique and common_noun(word) and not evidence.score(option)[0]
    )


def _best_single(word: Word, evidence: Evidence) -> Option | None:
    """The likeliest reading of a lone capitalised word as a name that looks Ukrainian."""
    if word.modifies_next or word.letter:
        return None
    governed = CASE_AFTER.get(word.after)
    settlement = word.after in SETTLEMENT_WORDS

    def rank(option: Option) -> tuple[int, ...]:
        seen, support = evidence.score(option, word)
        place = option.role == "place"
        fits = governed is None or option.case is None or option.case in governed
        context = int(place and word.after in WHERE)
        if settlement:
            context += 2 if place else -2
        ukrainian = shape(option)
        return fits, seen, context, ukrainian, support, option.prior, option.case is not None

    placed = settlement or word.after in CASE_AFTER or word.after in RESIDENTS
    for option in sorted(word.options, key=rank, reverse=True):
        if option.prior < 0 or (option.number == "plur" and option.role != "place"):
            continue
        if _common_not_name(option, word, evidence):
            continue  # засідання Ради: a capitalised common noun, not the name Рада
        if option.role == "place" and not placed and _needs_place_context(option):
            continue  # a guess, or a plural (Нідерланди): a place only where one is expected
        if shape(option):
            return option
    return None


def _needs_place_context(option: Option) -> bool:
    """A guessed place, or a plural one in the nominative, needs a place's context."""
    return option.prior == 0 or (
        option.number == "plur" and option.case in ("nomn", "accs", "voct")
    )


def _single(sentence: str, word: Word, option: Option) -> Name:
    """A one-word name."""
    token = word.token
    kind: NameKind = "place" if option.role == "place" else "person"
    lemma = capitalised(option.lemma)
    return Name(
        token.start, token.end, sentence[token.start : token.end], lemma, romanize(lemma), kind
    )
