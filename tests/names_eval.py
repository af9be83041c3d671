"""The project's own evaluation set for finding names in Ukrainian news text, and its loader.

The set (``tests/data/names/eval.txt``) is a list of documents; the name finder reads a whole
document at once, because the same name seen in the nominative elsewhere in the article decides
the lemma of its inflected forms. Format, UTF-8, one line at a time:

* ``# …`` is a comment and a blank line is ignored;
* ``## <id>`` starts a document;
* any other line is one sentence of the current document, with each name written inline as
  ``[surface|lemma]`` or ``[surface|lemma|kind]``: ``surface`` is the text as it stands in the
  sentence, ``lemma`` the whole name in the nominative, ``kind`` one of :data:`KINDS`
  (``person`` when left out). A group of words naming one thing is one annotation.

Anything malformed raises :class:`ValueError` naming the line, so a typo in the data fails the
tests instead of silently changing the gold standard.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DEFAULT = Path(__file__).parent / "data" / "names" / "eval.txt"
KINDS = ("person", "place", "organisation")
_SPECIAL = "[]|"


@dataclass(frozen=True)
class Gold:
    """One annotated name: ``text[start:end] == surface`` in its sentence's plain text."""

    start: int
    end: int
    surface: str
    lemma: str
    kind: str


@dataclass(frozen=True)
class EvalSentence:
    """A sentence with its annotations removed, and the names annotated in it."""

    text: str
    names: list[Gold]


@dataclass(frozen=True)
class EvalDocument:
    """One news article: its id and its sentences in order."""

    id: str
    sentences: list[EvalSentence]


def load(path: Path = DEFAULT) -> list[EvalDocument]:
    """Every document of the evaluation file at ``path``."""
    return parse(path.read_text(encoding="utf-8"))


def parse(text: str) -> list[EvalDocument]:
    """The documents written in ``text`` (the file format above)."""
    documents: list[EvalDocument] = []
    seen: set[str] = set()
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or (line.startswith("#") and not line.startswith("##")):
            continue
        if line.startswith("##"):
            ident = line[2:].strip()
            if not ident:
                raise ValueError(f"line {number}: document without an id")
            if ident in seen:
                raise ValueError(f"line {number}: document {ident!r} appears twice")
            seen.add(ident)
            documents.append(EvalDocument(ident, []))
            continue
        if not documents:
            raise ValueError(f"line {number}: sentence before the first '## <id>' line")
        documents[-1].sentences.append(_sentence(line, number))
    for document in documents:
        if not document.sentences:
            raise ValueError(f"document {document.id!r} has no sentences")
    return documents


def _sentence(line: str, number: int) -> EvalSentence:
    """The plain text and gold names of one annotated line."""
    parts: list[str] = []
    names: list[Gold] = []
    length = 0
    position = 0
    while position < len(line):
        opening = line.find("[", position)
        plain = line[position:] if opening < 0 else line[position:opening]
        stray = next((char for char in plain if char in _SPECIAL), None)
        if stray is not None:
            raise ValueError(f"line {number}: stray {stray!r} outside an annotation")
        parts.append(plain)
        length += len(plain)
        if opening < 0:
            break
        closing = line.find("]", opening)
        if closing < 0:
            raise ValueError(f"line {number}: '[' without a closing ']'")
        gold = _gold(line[opening + 1 : closing], length, number)
        names.append(gold)
        parts.append(gold.surface)
        length += len(gold.surface)
        position = closing + 1
    return EvalSentence("".join(parts), names)


def _gold(inside: str, start: int, number: int) -> Gold:
    """The name written as ``surface|lemma[|kind]`` starting at ``start`` of the plain text."""
    if "[" in inside:
        raise ValueError(f"line {number}: annotation inside an annotation")
    fields = inside.split("|")
    if len(fields) not in (2, 3):
        raise ValueError(f"line {number}: annotation [{inside}] is not [surface|lemma|kind?]")
    surface, lemma = fields[0], fields[1]
    kind = fields[2] if len(fields) == 3 else "person"
    for label, value in (("surface", surface), ("lemma", lemma)):
        if not value or value != value.strip():
            raise ValueError(f"line {number}: annotation [{inside}] has a bad {label}")
    if kind not in KINDS:
        raise ValueError(f"line {number}: unknown kind {kind!r} (one of {', '.join(KINDS)})")
    return Gold(start, start + len(surface), surface, lemma, kind)
