"""Find glossary terms in Ukrainian text, in any case and number.

Glossary sources are written in the nominative (``Верховна Рада``); news text inflects them
(``у Верховній Раді``, ``Верховною Радою``). A term matches a run of consecutive words of the
text when each word is a form of the term's word at that place and the inflected words agree:

* **Words.** Text and terms are split alike (:func:`tokenize`): letters and digits, joined by
  inner apostrophes and hyphens (``Прем'єр-міністр``, ``Івано-Франківськ``), and every other
  non-space character on its own, so punctuation in a term (``«Рада»``) must be there too. The
  apostrophes ' ’ ʼ ‘ ` are one character, and so are all quotation marks and all dashes standing
  alone. A hyphenated compound is one word (``Києво-Печерська`` is no ``Київ``, ``НАТО-вський``
  no ``НАТО``) unless it joins capitalised words one of which is an acronym (``Україна-НАТО``).
* **Inflection.** A term word may appear as written, or as any form of one of its nominative
  readings: same lemma (pymorphy3 readings, all of them, not just the likeliest) and part of
  speech, any case; the same gender when singular; plural only if the term word is plural or a
  singular that is not a person's name (``народних депутатів`` matches ``народний депутат``,
  ``Зеленських`` does not match ``Зеленський``, ``Зеленська`` is another lemma). A capitalised
  term word that can be read as a name keeps only its name readings. Words without a
  nominative reading (``Збройні сили України``, ``Коаліція охочих``) must appear as written.
* **Agreement.** All inflected words of one match share one case and number (``Верховної
  Ради``, not ``Верховна Ради``); words in their glossary form are exempt (the complement
  ``Міністрів`` in ``Кабінету Міністрів``, apposition ``у місті Київ``) except adjectives of the
  head, which must agree.
* **Capitalisation.** A lowercase term word matches any capitalisation. A term whose first word
  is capitalised names something: that word must be capitalised in the text (``рада`` is not
  ``Рада``) unless the term is a role, headed by a common animate noun, which Ukrainian writes in
  lowercase (``прем'єр-міністрові`` matches ``Прем'єр-міністр``). Other capitalised words of the
  term match any capitalisation (``Офіс президента``, ``Кабінет міністрів``). Text in capitals
  (``ВЕРХОВНА РАДА``) counts as capitalised.
* **Acronyms.** A term word of two or more letters all in capitals (``НАТО``, ``ЗСУ``, ``ЄС``)
  is indeclinable and matches only itself, letter for letter (not ``Нато``, not ``нато``).
* **Names the dictionary lacks.** A capitalised noun also matches its stem plus a common case
  ending when the dictionary finds no inflection (``Кіра Стармера``, ``Андрія Сибіги``).
* **Adjectives.** A match ending in an inflected noun is dropped when that text word can be an
  adjective agreeing with the next word (``Донецька область`` is not ``Донецьк``).
* **Overlaps.** The match covering most words wins, then the one covering most characters, then
  the leftmost, then the earlier glossary entry; matches never overlap.

An index is built once per glossary; it is a trie over term words whose edges are keyed by the
words' lemmas and written forms, so each text word costs a few dictionary look-ups.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import NamedTuple, TypeVar

from translator.glossary.index_cache import cached_build
from translator.glossary.model import Entry, Glossary
from translator.glossary.morphology import Analysis, analyses, unify
from translator.text_constants import APOSTROPHES, CYRILLIC_CLASS

_LETTER = r"(?:[^\W_]|[\u0300\u0301])"
_TOKEN = re.compile(rf"{_LETTER}+(?:[-\u2010\u2011{APOSTROPHES}]{_LETTER}+)*|\S")
_HYPHENATED_PART = re.compile(r"[^-\u2010\u2011]+|.")
_HYPHENS = frozenset("-\u2010\u2011")
_CYRILLIC = re.compile(f"[{CYRILLIC_CLASS}]")
_QUOTES = frozenset("\"'«»“”„‟‹›‘’ʼ`")
_DASHES = frozenset("-‐‑‒–—―")
_INFLECTING = frozenset({"NOUN", "ADJF", "PRTF", "NUMR"})
_ADJECTIVAL = frozenset({"ADJF", "PRTF"})
_NOMINAL = frozenset({"NOUN", "ADJF", "PRTF"})
_CONSONANTS = frozenset("бвгґджзклмнпрстфхцчшщ")
# Case endings of names the dictionary lacks (Сибіга, Кір Стармер), by their nominative ending;
# consonant stems just add theirs. Rare endings that double as adjective endings are left out.
_NAME_ENDINGS = {
    "а": ("и", "і", "у", "ою", "о", "ею"),
    "я": ("і", "ї", "ю", "ею", "єю", "є"),
    "о": ("а", "ові", "у", "ом"),
    "ь": ("я", "ю", "еві", "ем"),
    "й": ("я", "ю", "єві", "єм"),
}
_CONSONANT_ENDINGS = ("а", "у", "ові", "ом", "я", "ю", "еві", "ем")
_BEFORE_I = {"г": "з", "к": "ц", "х": "с"}  # Сибіга → Сибізі

_Reading = tuple[str, str]  # (case, number) of an inflected word
_AS_WRITTEN: frozenset[_Reading] = frozenset()


@dataclass(frozen=True)
class Match:
    """A glossary term found in a text: ``text[start:end] == surface``."""

    start: int
    end: int
    surface: str
    entry: Entry


class Token(NamedTuple):
    """A word or punctuation mark: its span in the original text and its unified spelling."""

    start: int
    end: int
    form: str  # apostrophes, hyphens, quotes and dashes unified; letter case kept
    folded: str
    capitalised: bool
    cyrillic: bool

    @classmethod
    def of(cls, raw: str, start: int) -> Token:
        """The token spelled ``raw`` at ``start``."""
        if len(raw) == 1 and raw in _QUOTES:
            form = '"'
        elif len(raw) == 1 and raw in _DASHES:
            form = "-"
        else:
            form = unify(raw)
        cyrillic = _CYRILLIC.search(form) is not None
        return cls(start, start + len(raw), form, form.lower(), form[:1].isupper(), cyrillic)

    @property
    def acronym(self) -> bool:
        """Two or more letters, all capitals: ``НАТО``, ``ЄС``, ``EU``."""
        return _is_acronym(self.form)


def _is_acronym(form: str) -> bool:
    """Whether ``form`` has two or more letters, all capitals."""
    return form.isupper() and sum(char.isalpha() for char in form) >= 2


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into word and punctuation tokens with exact spans."""
    tokens = []
    for found in _TOKEN.finditer(text):
        raw = found.group()
        if len(raw) > 1 and not _HYPHENS.isdisjoint(raw):
            tokens.extend(_split_compound(raw, found.start()))
        else:
            tokens.append(Token.of(raw, found.start()))
    return tokens


def _split_compound(raw: str, start: int) -> list[Token]:
    """``raw`` as one token, or in parts if it joins names to an acronym (``Україна-ЄС``)."""
    parts = [(part.group(), start + part.start()) for part in _HYPHENATED_PART.finditer(raw)]
    words = [unify(part) for part, _ in parts[::2]]
    if all(word[:1].isupper() for word in words) and any(map(_is_acronym, words)):
        return [Token.of(part, offset) for part, offset in parts]
    return [Token.of(raw, start)]


@dataclass(frozen=True, slots=True)
class _TermWord:
    """One word of a glossary term and what the text may show in its place."""

    folded: str
    exact: str | None  # acronyms: the only spelling that matches
    capital: bool  # the text word must start with a capital letter
    may_stay: bool  # may stay as written while the other words inflect
    forms: tuple[Analysis, ...]  # nominative readings the text may inflect
    person: bool  # a person's name: singular only
    name_forms: frozenset[str]  # a capitalised noun: likely case forms of it as a name

    def index_keys(self) -> set[str]:
        """Index keys: the written form, the lemmas of its readings, its name forms."""
        return {self.folded, *(form.lemma for form in self.forms), *self.name_forms}

    def fit(self, token: Token) -> frozenset[_Reading] | None:
        """How ``token`` can stand for this word.

        ``None`` if it cannot; :data:`_AS_WRITTEN` (empty) if it is the word as written, which
        constrains nothing; otherwise the (case, number) readings under which it is a form of
        the word, which the other inflected words of the match must share.
        """
        if self.exact is not None:
            return _AS_WRITTEN if token.form == self.exact else None
        if self.capital and not token.capitalised:
            return None
        if self.may_stay and token.folded == self.folded:
            return _AS_WRITTEN
        if not token.cyrillic:
            return None
        if self.forms:
            readings = frozenset(
                (reading.case, reading.number)
                for reading in analyses(token.form)
                if any(self._inflects_to(form, reading) for form in self.forms)
            )
            if readings:
                return readings
        return _AS_WRITTEN if token.folded in self.name_forms else None

    def _inflects_to(self, form: Analysis, reading: Analysis) -> bool:
        """Whether ``reading`` is an inflection of the nominative ``form`` this word allows."""
        if (reading.lemma, reading.pos) != (form.lemma, form.pos) or reading.case is None:
            return False
        if form.number == "plur":
            return reading.number == "plur"
        if reading.number == "plur":
            return not self.person
        return None in (form.gender, reading.gender) or form.gender == reading.gender


def _term_words(source: str) -> tuple[_TermWord, ...]:
    """The words of the glossary source ``source``."""
    tokens = tokenize(source)
    forms = [_nominative_forms(token) for token in tokens]
    lead = next((i for i, token in enumerate(tokens) if token.form[:1].isalpha()), None)
    lead_capital = lead is not None and tokens[lead].capitalised and not _is_role(forms)
    return tuple(
        _TermWord(
            folded=token.folded,
            exact=token.form if token.acronym else None,
            capital=lead_capital and i == lead,
            may_stay=not _is_head_adjective(token, token_forms),
            forms=token_forms,
            person=bool(token_forms) and all(form.person for form in token_forms),
            name_forms=_name_forms(token),
        )
        for i, (token, token_forms) in enumerate(zip(tokens, forms, strict=True))
    )


def _nominative_forms(token: Token) -> tuple[Analysis, ...]:
    """The nominative readings of a term word; only its name readings if it is capitalised."""
    if not token.cyrillic or token.acronym:
        return ()
    found = tuple(
        reading
        for reading in analyses(token.form)
        if reading.case == "nomn" and reading.pos in _INFLECTING
    )
    names = tuple(reading for reading in found if reading.person)
    return names if names and token.capitalised else found


def _name_forms(token: Token) -> frozenset[str]:
    """Case forms of a capitalised noun the dictionary may lack as a name (``Сибіги``, ``Кіта``).

    :meth:`_TermWord.fit` falls back on them when the dictionary finds no inflection. Adjectival
    words (``Зеленська``) get none: the dictionary declines those.
    """
    if not token.capitalised or not token.cyrillic or token.acronym:
        return frozenset()
    if any(reading.pos in _ADJECTIVAL for reading in analyses(token.form)):
        return frozenset()
    word = token.folded
    if word[-1] in _NAME_ENDINGS:
        stem, endings = word[:-1], _NAME_ENDINGS[word[-1]]
    elif word[-1] in _CONSONANTS:
        stem, endings = word, _CONSONANT_ENDINGS
    else:
        return frozenset()
    found = {stem + ending for ending in endings}
    if word[-1] == "а" and stem[-1] in _BEFORE_I:
        found.add(stem[:-1] + _BEFORE_I[stem[-1]] + "і")
    return frozenset(found)


def _is_role(forms: list[tuple[Analysis, ...]]) -> bool:
    """Whether the term's first noun can be a common animate noun (a role, ``секретар``)."""
    for word_forms in forms:
        nouns = [form for form in word_forms if form.pos == "NOUN"]
        if nouns:
            return any(noun.animate and not noun.person for noun in nouns)
    return False


def _is_head_adjective(token: Token, forms: tuple[Analysis, ...]) -> bool:
    """Whether a term word is an adjective in the nominative, which must agree with its noun."""
    return bool(forms) and all(reading.pos in _ADJECTIVAL for reading in analyses(token.form))


@dataclass(eq=False)
class _Node:
    """A trie node: the words that may follow (indexed by key) and the terms ending here."""

    children: dict[_TermWord, _Node] = field(default_factory=dict)
    by_key: dict[str, list[_TermWord]] = field(default_factory=dict)
    entries: list[tuple[int, Entry]] = field(default_factory=list)

    def child(self, word: _TermWord) -> _Node:
        """The node for ``word`` after this one, created if new."""
        node = self.children.get(word)
        if node is None:
            node = self.children[word] = _Node()
            for key in word.index_keys():
                self.by_key.setdefault(key, []).append(word)
        return node

    def candidates(self, keys: frozenset[str]) -> list[_TermWord]:
        """The words that may follow here sharing a key with a text word, each once."""
        by_key = self.by_key
        found = [word for key in keys if key in by_key for word in by_key[key]]
        return list(dict.fromkeys(found)) if len(found) > 1 else found


@dataclass(frozen=True, slots=True)
class _Candidate:
    """A term matching tokens ``first`` .. ``stop - 1``."""

    first: int
    stop: int
    order: int
    entry: Entry


class GlossaryIndex:
    """The terms of one glossary, ready to be found in texts; build with :meth:`build`."""

    def __init__(self, root: _Node) -> None:
        self._root = root

    @classmethod
    def build(cls, glossary: Glossary) -> GlossaryIndex:
        """Index every entry of ``glossary`` by its source words."""
        root = _Node()
        for order, entry in enumerate(glossary.entries):
            words = _term_words(entry.source)
            if not words:
                continue
            node = root
            for word in words:
                node = node.child(word)
            node.entries.append((order, entry))
        return cls(root)

    def find(self, text: str) -> list[Match]:
        """Every term in ``text``, sorted by start, never overlapping (see the module doc)."""
        tokens = tokenize(text)
        keys: list[frozenset[str] | None] = [None] * len(tokens)
        found: list[_Candidate] = []
        for first in range(len(tokens)):
            found.extend(self._matches_from(tokens, keys, first))
        return _resolve(text, tokens, found)

    def _matches_from(
        self, tokens: list[Token], keys: list[frozenset[str] | None], first: int
    ) -> Iterator[_Candidate]:
        """The terms matching the tokens from ``first`` on."""
        pending: list[tuple[_Node, int, frozenset[_Reading] | None]] = [(self._root, first, None)]
        while pending:
            node, position, agreement = pending.pop()
            if position == len(tokens):
                continue
            token = tokens[position]
            for word in node.candidates(_token_keys(tokens, keys, position)):
                fit = word.fit(token)
                if fit is None:
                    continue
                shared = agreement
                if fit:
                    shared = fit if agreement is None else agreement & fit
                    if not shared:
                        continue
                child = node.children[word]
                if child.entries and not _modifies_next(word, tokens, position):
                    for order, entry in child.entries:
                        yield _Candidate(first, position + 1, order, entry)
                pending.append((child, position + 1, shared))


def _modifies_next(word: _TermWord, tokens: list[Token], position: int) -> bool:
    """Whether the text word ending a match of noun ``word`` reads better as an adjective.

    ``Донецька область``, ``Покровську громаду``, ``Донецька вугільна промисловість``: the word
    agrees, as an adjective, with the noun or adjective after it, so it is not the town
    ``Донецьк`` or ``Покровськ``. Names, and words as written in the glossary (``Коаліції
    охочих країн``), are exempt.
    """
    if word.person or tokens[position].folded == word.folded:
        return False
    if position + 1 == len(tokens) or not tokens[position + 1].cyrillic:
        return False
    if any(form.pos in _ADJECTIVAL for form in word.forms):
        return False
    adjectives = [r for r in analyses(tokens[position].form) if r.pos in _ADJECTIVAL and r.case]
    if not adjectives:
        return False
    following = [r for r in analyses(tokens[position + 1].form) if r.pos in _NOMINAL and r.case]
    return any(_agree(adjective, other) for adjective in adjectives for other in following)


def _agree(adjective: Analysis, other: Analysis) -> bool:
    """Whether an adjective reading agrees with another reading in case, number and gender."""
    if (adjective.case, adjective.number) != (other.case, other.number):
        return False
    if adjective.number == "plur" or None in (adjective.gender, other.gender):
        return True
    return adjective.gender == other.gender


def _token_keys(
    tokens: list[Token], keys: list[frozenset[str] | None], position: int
) -> frozenset[str]:
    """Index keys of a text token (its form and lemmas), computed once per token."""
    found = keys[position]
    if found is None:
        token = tokens[position]
        lemmas = (reading.lemma for reading in analyses(token.form)) if token.cyrillic else ()
        found = keys[position] = frozenset((token.folded, *lemmas))
    return found


def _resolve(text: str, tokens: list[Token], found: list[_Candidate]) -> list[Match]:
    """Keep the best of overlapping candidates (most words, most characters, leftmost, first)."""

    def rank(candidate: _Candidate) -> tuple[int, int, int, int]:
        start, end = tokens[candidate.first].start, tokens[candidate.stop - 1].end
        return (candidate.first - candidate.stop, start - end, start, candidate.order)

    taken = [False] * len(tokens)
    matches = []
    for candidate in sorted(found, key=rank):
        span = range(candidate.first, candidate.stop)
        if any(taken[i] for i in span):
            continue
        for i in span:
            taken[i] = True
        start, end = tokens[candidate.first].start, tokens[candidate.stop - 1].end
        matches.append(Match(start, end, text[start:end], candidate.entry))
    return sorted(matches, key=lambda match: match.start)


_MAX_CACHED = 16
_K = TypeVar("_K")
_V = TypeVar("_V")
_cache: dict[tuple[str, str], GlossaryIndex] = {}
_by_identity: dict[int, tuple[Glossary, GlossaryIndex]] = {}  # skips hashing the same object
_cache_lock = threading.Lock()
_build_lock = threading.Lock()


def index_for(glossary: Glossary) -> GlossaryIndex:
    """The index of ``glossary``, built on first use and cached by name and content hash."""
    with _cache_lock:
        known = _by_identity.get(id(glossary))
    if known is not None and known[0] is glossary:
        return known[1]
    key = (glossary.name, glossary.content_hash)
    with _build_lock:  # concurrent first uses wait for one build instead of each building
        with _cache_lock:
            index = _cache.get(key)
        if index is None:
            index = cached_build(glossary, GlossaryIndex.build)
    with _cache_lock:
        _remember(_cache, key, index)
        _remember(_by_identity, id(glossary), (glossary, index))
    return index


def _remember(cache: dict[_K, _V], key: _K, value: _V) -> None:
    """Store ``value`` in ``cache``, dropping the oldest entry beyond :data:`_MAX_CACHED`."""
    cache.pop(key, None)
    cache[key] = value
    if len(cache) > _MAX_CACHED:
        del cache[next(iter(cache))]
