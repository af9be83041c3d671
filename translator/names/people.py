"""People's full names: which consecutive capitalised words read as one person's name (first
name, patronymic, surname or initials, agreeing in case, number and gender), and that name in
the nominative."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from translator.names.model import Name
from translator.names.romanize import romanize
from translator.names.shapes import looks_ukrainian_person
from translator.names.words import Evidence, Option, Role, Word, capitalised, only_things

_PERSON_PATTERNS: frozenset[tuple[Role, ...]] = frozenset(
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
_MAX_GROUP = 3

Group = tuple[tuple[int, ...], tuple[Option, ...], bool]  # rank, readings, foreign


def group_at(run: list[Word], position: int, evidence: Evidence) -> Group | None:
    """The longest full name starting at ``position`` of the run, if any."""
    for size in range(min(_MAX_GROUP, len(run) - position), 1, -1):
        group = _person(run[position : position + size], evidence)
        if group is not None:
            return group
    return None


def _person(words: list[Word], evidence: Evidence) -> Group | None:
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
    best: Group | None = None
    for combination in itertools.product(*choices):
        if tuple(option.role for option in combination) not in _PERSON_PATTERNS:
            continue
        if not _agree(combination) or _doubtful(combination, words):
            continue
        foreign = not looks_ukrainian_person(combination)
        vocatives = sum(option.case == "voct" for option in combination)  # rare in news
        rank = (int(not foreign), -vocatives, *_group_rank(combination, words, evidence))
        if best is None or rank > best[0]:
            best = (rank, combination, foreign)
    return best


def _doubtful(options: Sequence[Option], words: Sequence[Word]) -> bool:
    """A name-like reading of a word the dictionary knows only as a thing (``Ради Україна``:
    Україна is no surname). Words for people (``Коваль``, ``Володимир``) and adjectives
    (``Лісовій``) may be names."""
    return any(
        option.prior < 0 and only_things(word) for option, word in zip(options, words, strict=True)
    )


def _may_guess(option: Option, word: Word, last: bool) -> bool:
    """Whether a reading of a dictionary word that is not a name may serve in a full name: as
    its surname (``Ірина Коваль``) or first name (``Володимир``), not at a sentence start."""
    return not word.initial and (option.role == "first" or (last and option.role == "surname"))


def _agree(options: Sequence[Option]) -> bool:
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


def _group_rank(
    options: Sequence[Option], words: Sequence[Word], evidence: Evidence
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


def group_name(sentence: str, words: list[Word], options: Sequence[Option]) -> Name:
    """A person's full name."""
    start, end = words[0].token.start, words[-1].token.end
    if options[-1].role == "initial":
        end += 1  # the full stop of a trailing initial
    lemma = " ".join(capitalised(option.lemma) for option in options)
    return Name(start, end, sentence[start:end], lemma, romanize(lemma), "person")
