"""``batch --store``: import each translated file into the article store.

A file becomes an article: its units, joined by blank lines, are the body, and the first line
of the first unit is the title. The batch's own translations of the units become the
article's version in the target language (segments shifted to their places in the body), so
nothing is segmented or translated twice. The article is keyed by the input's relative path
(:func:`source_key`): a rerun on a changed file edits that article's source, with its new or
changed sentences re-translated, as an edit through the API does; it never adds another.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath

from pydantic import ValidationError
from sqlmodel import Session

from translator.batch.formats import Document
from translator.batch.paths import Planned
from translator.errors import GlossaryError, InputError
from translator.glossary import library
from translator.glossary.library import DEFAULT_GLOSSARY, GlossaryChoice
from translator.pipeline import UNDETERMINED, TranslatedDocument, TranslatedSegment
from translator.segment import Segment, reassemble, split_paragraphs
from translator.store.articles import find_imported, import_article
from translator.store.db import ensure_schema, get_engine
from translator.store.models import SOURCE_KEY_MAX, ArticleCreate
from translator.store.revisions import import_source

UNIT_BREAK = "\n\n"  # between two units of a file in its article's body


@dataclass(frozen=True)
class Imported:
    """A file as an article: title, body, and per target the title's and body's translations."""

    title: str
    body: str
    translations: dict[str, list[TranslatedDocument]]


@dataclass
class StoreSink:
    """The :class:`~translator.batch.run.FileSink` of ``--store``; make it with :meth:`open`."""

    glossary: str | None  # the articles' glossary choice: a name, "default" or None
    names: bool = True  # the articles' names choice (translator.names)
    keys: dict[str, Path] = field(default_factory=dict)  # the inputs stored, by key

    @classmethod
    def open(cls, glossary: GlossaryChoice, names: bool = True) -> "StoreSink":
        """A sink over the configured database, its schema made current now (a database that
        cannot be opened fails the run before any file is translated)."""
        ensure_schema()
        return cls(_glossary_name(glossary), names)

    def __call__(
        self,
        item: Planned,
        language: str,
        document: Document,
        translations: Sequence[TranslatedDocument],
    ) -> None:
        key = source_key(item)
        earlier = self.keys.setdefault(key, item.input)
        if earlier != item.input:
            raise InputError(
                f"cannot store: {earlier} is stored as {key} already; give --out to tell them apart"
            )
        if language == UNDETERMINED:
            raise InputError("cannot store: the language of the file is unknown; give --from")
        imported = imported_article(document.units, translations)
        try:
            data = ArticleCreate(
                title=imported.title,
                body=imported.body,
                source_lang=language,
                targets=list(imported.translations),
                glossary=self.glossary,
                names=self.names,
            )
        except ValidationError as exc:
            error = exc.errors()[0]
            raise InputError(f"cannot store as an article: {error['msg']}") from None
        with Session(get_engine()) as session:
            found = find_imported(session, key)
            if found is None:
                import_article(session, data, language, imported.translations, key)
            else:
                import_source(
                    session, found, data.title, data.body, language, imported.translations
                )


def source_key(item: Planned) -> str:
    """The key of ``item``'s article: its input's path relative to what the batch mirrors
    (``docs/rada.txt`` of ``batch . --out out``), its name without ``--out``."""
    key = (PurePosixPath(item.key).parent / item.input.name).as_posix()
    if len(key) > SOURCE_KEY_MAX:
        raise InputError(f"cannot store: the path is longer than {SOURCE_KEY_MAX} characters")
    return key


def imported_article(units: Sequence[str], translations: Sequence[TranslatedDocument]) -> Imported:
    """The article of a file: ``translations[i]`` is the batch's translation of ``units[i]``.

    Blank units (no line with text) are left out. Each unit's segments move to where the unit
    sits in the body, paragraphs and sentences numbered on across units, as segmenting the body
    would number them.
    """
    kept = [
        (unit, done, lines)
        for unit, done in zip(units, translations, strict=True)
        if (lines := split_paragraphs(unit))
    ]
    if not kept:
        raise InputError("cannot store: the file has no text")
    first_unit, first, first_lines = kept[0]
    body = UNIT_BREAK.join(unit for unit, _, _ in kept)
    target_body = UNIT_BREAK.join(done.text for _, done, _ in kept)
    segments: list[TranslatedSegment] = []
    start = target_start = paragraphs = 0
    for unit, done, lines in kept:
        before = len(segments)
        segments += [
            replace(
                s,
                paragraph=s.paragraph + paragraphs,
                index=before + number,
                start=s.start + start,
                end=s.end + start,
                target_start=s.target_start + target_start,
                target_end=s.target_end + target_start,
            )
            for number, s in enumerate(done.segments)
        ]
        start += len(unit) + len(UNIT_BREAK)
        target_start += len(done.text) + len(UNIT_BREAK)
        paragraphs += len(lines)
    title_start, title_end = first_lines[0]
    title = first_unit[title_start:title_end]
    in_title = [s for s in first.segments if s.paragraph == 0]
    spans = [
        Segment(0, n, s.start - title_start, s.end - title_start, s.source)
        for n, s in enumerate(in_title)
    ]
    title_done = replace(
        first, text=reassemble(title, spans, [s.target for s in in_title]), segments=[]
    )
    body_done = replace(first, text=target_body, segments=segments)
    return Imported(title, body, {first.target_language: [title_done, body_done]})


def _glossary_name(choice: GlossaryChoice) -> str | None:
    """The name the store keeps for the batch's glossary, by which a later edit of an article
    finds it again: a glossary file outside the library has none (edits then use none)."""
    if choice is None or choice == DEFAULT_GLOSSARY:
        return choice
    try:
        found = library.by_name(choice.name, choice.source_lang, choice.target_lang)
    except GlossaryError:
        return None
    return choice.name if found.content_hash == choice.content_hash else None
