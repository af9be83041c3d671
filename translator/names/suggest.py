"""Suggest glossary entries from documents: the names and capitalised terms no glossary covers.

A newsroom's glossary grows from its own copy. Over a set of Ukrainian documents this finds

* **names** of people, places and organisations (:func:`translator.names.find.find_names`),
  proposed with their romanisation as the English form; and
* **terms**: a capitalised word away from the start of a sentence followed by lowercase words
  that belong to it (``Міністерства закордонних справ``, ``Державної прикордонної служби``),
  proposed with an empty English form for an editor to fill in.

Words a glossary term covers are skipped, so only what no glossary holds is suggested.

The term rule, kept simple: the first word is capitalised, not an acronym, and a noun or an
adjective. An adjective takes the lowercase adjectives agreeing with it (case, number, gender)
and then the noun agreeing with it, which it needs. After that noun (or a noun first word) come
the lowercase words in the genitive, ending with a noun (``закордонних справ``). A term has two
to five words. Its lemma puts the agreeing words in the nominative (``Державна прикордонна
служба``) and keeps the genitive words as written. A term at the start of a sentence or a
quotation (``Міністерство оборони заявило…``) counts only when the same lemma is also found away
from a sentence start somewhere in the documents: a capitalised first word proves nothing.

Occurrences are grouped by lemma: how many, the distinct written forms and the documents they
are in, most frequent first, then by lemma.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, Protocol

from translator.errors import InputError
from translator.glossary import library
from translator.glossary.formats.validate import term_key
from translator.glossary.library import DEFAULT_GLOSSARY, GlossaryChoice
from translator.glossary.match import Token, index_for, tokenize
from translator.glossary.model import Glossary
from translator.names.find import find_names
from translator.names.model import Name
from translator.names.readings import Part, Reading, readings
from translator.names.words import OPENING
from translator.segment import segment

SuggestionKind = Literal["person", "place", "organisation", "term"]
SOURCE_LANG, TARGET_LANG = "uk", "en"
TSV_HEADER = f"{SOURCE_LANG}\t{TARGET_LANG}\tnote"  # names the pair, so any file name imports
TSV_COMMENT = (
    "# Suggested glossary entries: source (nominative), proposed English, note (kind · "
    "occurrences · forms as written). Terms are commented out: write their English, then "
    "remove the leading '# '."
)
_MAX_TERM_WORDS = 5


@dataclass(frozen=True)
class SourceDocument:
    """One document to look through: its name (a file path, an article slug) and its units of
    text (paragraphs, cells, subtitles…), each split into sentences here."""

    name: str
    units: Sequence[str]


class StoredArticle(Protocol):
    """What :func:`for_article` needs of a stored article."""

    slug: str
    title: str
    body: str
    source_lang: str
    glossary: str | None  # a glossary name, "default" for the pair's own, None for none


@dataclass(frozen=True)
class Suggestion:
    """A proposed glossary entry: ``source`` (the lemma) → ``target`` (the romanisation of a
    name; empty for a term), how often it occurs, its written ``forms`` in order of first
    appearance and the ``files`` (documents) it occurs in."""

    source: str
    target: str
    kind: SuggestionKind
    count: int
    forms: list[str]
    files: list[str]


@dataclass(frozen=True)
class _Occurrence:
    """One place a name or term is written; ``initial``: a term at a sentence start."""

    lemma: str
    english: str
    kind: SuggestionKind
    surface: str
    initial: bool = False


@dataclass
class _Group:
    """Every occurrence of one lemma; ``english``: the first romanisation given for it."""

    english: str = ""
    kinds: Counter[SuggestionKind] = field(default_factory=Counter)
    count: int = 0
    forms: dict[str, None] = field(default_factory=dict)
    files: dict[str, None] = field(default_factory=dict)
    placed: bool = False  # some occurrence is not a term at a sentence start

    def add(self, occurrence: _Occurrence, document: str) -> None:
        self.english = self.english or occurrence.english
        self.kinds[occurrence.kind] += 1
        self.count += 1
        self.forms.setdefault(occurrence.surface)
        self.files.setdefault(document)
        self.placed = self.placed or not occurrence.initial


def read_document(path: Path, format_name: str = "auto") -> SourceDocument:
    """A file of any batch format (``auto``: by its suffix) as a document; unreadable or of an
    unknown format: an ``InputError`` naming it."""
    from translator.batch.formats import ReadOptions, format_for

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from exc
    document = format_for(path, format_name).read(data, str(path), ReadOptions(TARGET_LANG))
    return SourceDocument(str(path), document.units)


def glossary_for(choice: GlossaryChoice) -> Glossary | None:
    """The glossary a choice names (``"default"``: the uk→en default, if there is one)."""
    if choice == DEFAULT_GLOSSARY:
        return library.default_for(SOURCE_LANG, TARGET_LANG)
    return choice if isinstance(choice, Glossary) else None


def for_article(article: StoredArticle, min_count: int = 1) -> list[Suggestion]:
    """The suggestions for a stored article's source (title and body), with the glossary it is
    translated with excluded; none for a source that is not Ukrainian."""
    if article.source_lang != SOURCE_LANG:
        return []
    choice = library.choose(article.glossary, SOURCE_LANG, TARGET_LANG)
    document = SourceDocument(article.slug, (article.title, article.body))
    return suggest([document], glossary_for(choice), min_count)


def suggest(
    documents: Iterable[SourceDocument], glossary: Glossary | None, min_count: int = 1
) -> list[Suggestion]:
    """The names and terms of ``documents`` that ``glossary`` does not cover, grouped by lemma,
    occurring at least ``min_count`` times; most frequent first, then by lemma."""
    known = {term_key(entry.source).lower() for entry in glossary.entries} if glossary else set()
    groups: dict[str, _Group] = {}
    for document in documents:
        for occurrence in _occurrences(document, glossary):
            groups.setdefault(occurrence.lemma, _Group()).add(occurrence, document.name)
    rows = [
        Suggestion(
            lemma,
            group.english,
            group.kinds.most_common(1)[0][0],
            group.count,
            list(group.forms),
            list(group.files),
        )
        for lemma, group in groups.items()
        if group.placed and group.count >= min_count and term_key(lemma).lower() not in known
    ]
    return sorted(rows, key=lambda row: (-row.count, row.source))


def to_tsv(suggestions: Sequence[Suggestion]) -> str:
    """The suggestions as a glossary TSV that ``translator glossary import`` reads: a comment,
    the ``uk<TAB>en<TAB>note`` header, then ``source<TAB>target<TAB>note`` rows. A term (no
    English yet) is commented out, as the importer refuses an empty target."""
    lines = [TSV_COMMENT, TSV_HEADER]
    for row in suggestions:
        line = f"{row.source}\t{row.target}\t{note(row)}"
        lines.append(line if row.target else f"# {line}")
    return "\n".join(lines) + "\n"


def note(row: Suggestion) -> str:
    """``name (place) · 3× · Фастові, Фастова, Фастів``; ``term · 2× · …``."""
    kind = "term" if row.kind == "term" else f"name ({row.kind})"
    return f"{kind} · {row.count}× · {', '.join(row.forms)}"


def _occurrences(document: SourceDocument, glossary: Glossary | None) -> Iterator[_Occurrence]:
    """The names and terms of one document, sentence by sentence."""
    sentences = [piece.text for unit in document.units for piece in segment(unit, SOURCE_LANG)]
    index = index_for(glossary) if glossary is not None else None
    taken = [
        [(match.start, match.end) for match in index.find(sentence)] if index else []
        for sentence in sentences
    ]
    for sentence, spans, names in zip(sentences, taken, find_names(sentences, taken), strict=True):
        yield from (_named(name) for name in names)
        blocked = [*spans, *((name.start, name.end) for name in names)]
        yield from _terms(sentence, blocked)


def _named(name: Name) -> _Occurrence:
    return _Occurrence(name.lemma, name.english, name.kind, name.surface)


def _terms(sentence: str, blocked: Sequence[tuple[int, int]]) -> Iterator[_Occurrence]:
    """The capitalised multiword terms of a sentence outside ``blocked`` spans."""
    tokens = tokenize(sentence)
    first_word = next((i for i, token in enumerate(tokens) if token.form[:1].isalpha()), None)
    position = 0
    while position < len(tokens):
        token = tokens[position]
        if not (_free(token, blocked) and token.capitalised and not token.acronym):
            position += 1
            continue
        following = []
        for later in tokens[position + 1 : position + _MAX_TERM_WORDS]:
            if not _free(later, blocked) or later.capitalised:
                break
            following.append(later)
        found = _term(token, following)
        if found is None:
            position += 1
            continue
        lemma, size = found
        last = tokens[position + size - 1]
        before = tokens[position - 1].form if position else ""
        initial = position == first_word or before in OPENING
        yield _Occurrence(lemma, "", "term", sentence[token.start : last.end], initial)
        position += size


def _free(token: Token, blocked: Sequence[tuple[int, int]]) -> bool:
    """A Cyrillic word outside every blocked span."""
    return (
        token.cyrillic
        and token.form[:1].isalpha()
        and not any(start < token.end and token.start < end for start, end in blocked)
    )


def _term(first: Token, following: Sequence[Token]) -> tuple[str, int] | None:
    """The term starting with ``first``: its lemma and how many words it has; the longest of
    the first word's readings, None if none makes two words."""
    rest = [_declined(token) for token in following]
    best: tuple[list[str], int] | None = None
    for reading in _declined(first):
        phrase = _phrase(reading, rest)
        if phrase is not None and (best is None or _size(phrase) > _size(best)):
            best = phrase
    if best is None or _size(best) < 2:
        return None
    agreeing, complements = best
    written = [token.form for token in following[len(agreeing) - 1 :][:complements]]
    head = agreeing[0]
    return " ".join([head[:1].upper() + head[1:], *agreeing[1:], *written]), _size(best)


def _declined(token: Token) -> tuple[Reading, ...]:
    """The readings of a word as a noun or an adjective with a case."""
    return tuple(r for r in readings(token.form) if r.part in ("noun", "adjective") and r.case)


def _size(phrase: tuple[list[str], int]) -> int:
    return len(phrase[0]) + phrase[1]


def _phrase(first: Reading, rest: Sequence[tuple[Reading, ...]]) -> tuple[list[str], int] | None:
    """Starting with ``first``: the nominatives of the agreeing words up to and including the
    noun, and how many genitive words follow them (ending with a noun). None: an adjective
    with no noun agreeing with it."""
    agreeing = [first]
    if first.part == "adjective":
        for options in rest:
            word = _agreeing(first, options, "noun") or _agreeing(first, options, "adjective")
            if word is None:
                return None
            agreeing.append(word)
            if word.part == "noun":
                break
        if agreeing[-1].part != "noun":
            return None
    complements = 0
    for offset, options in enumerate(rest[len(agreeing) - 1 :], start=1):
        if not any(r.case == "gent" for r in options):
            break
        if any(r.case == "gent" and r.part == "noun" for r in options):
            complements = offset
    return [reading.nominative for reading in agreeing], complements


def _agreeing(first: Reading, options: Sequence[Reading], part: Part) -> Reading | None:
    """The reading of a word as ``part`` that agrees with ``first``, if any."""
    return next((r for r in options if r.part == part and _agree(first, r)), None)


def _agree(a: Reading, b: Reading) -> bool:
    """Same case and number, and the same gender in the singular (where both have one)."""
    return (
        a.case == b.case
        and a.number == b.number
        and (a.number == "plur" or None in (a.gender, b.gender) or a.gender == b.gender)
    )
