"""Names on the review page: which glossary an article's names can be added to, and adding one.

A name the pipeline found (a ``kind="name"`` hit: a person or place no glossary entry covers)
comes out romanised. "Add to glossary" writes ``lemma → English form`` into the glossary the
article is translated with for that pair (``Article.glossary``: a name, ``"default"`` for the
pair's own, or None for none) through :func:`translator.glossary.library.add_entry`, which
writes the glossary's imported copy. The article is not translated again: translations made
from then on use the entry.
"""

from dataclasses import dataclass

from sqlmodel import Session

from translator.errors import GlossaryError, InvalidRequest, NotFound
from translator.glossary import library
from translator.glossary.model import Entry, Glossary
from translator.store import articles, rows
from translator.store.models import ArticleWithVersions

USED_FROM_NOW = "New translations will use it; this article is not translated again."
NO_GLOSSARY = (
    "This article is translated without a glossary, so names cannot be added to one from here."
)


@dataclass(frozen=True)
class GlossaryTarget:
    """The glossary an article's names go to for one pair, and the page's note on it: what
    adding a name does, or why names cannot be added."""

    glossary: Glossary | None
    note: str

    @property
    def name(self) -> str:
        return self.glossary.name if self.glossary else ""


def glossary_target(session: Session, article: str, lang: str) -> GlossaryTarget:
    """Where "add to glossary" writes for this article's ``lang`` version."""
    return _target(articles.get_article(session, article), lang)


def add(session: Session, article: str, lang: str, position: int, lemma: str, english: str) -> None:
    """Add ``lemma → english`` to the article's glossary for the pair; ``lemma`` must be a name
    found in sentence ``position``. A refusal (the source is in the glossary already, an empty
    English form, no glossary to add to) is a ``GlossaryError``."""
    found = articles.get_article(session, article)
    if lang not in {version.lang for version in found.versions}:
        raise rows.no_version(found.slug, lang)
    pairs = articles.parallel(session, article, lang)
    pair = next((p for p in pairs if p.position == position), None)
    if pair is None:
        raise NotFound(f"{found.slug} has no sentence {position + 1}")
    if lemma not in {hit.source for hit in pair.term_report.found if hit.kind == "name"}:
        raise InvalidRequest(f"«{lemma}» is not a name found in sentence {position + 1}")
    target = _target(found, lang)
    if target.glossary is None:
        raise GlossaryError(target.note.removesuffix("."))
    library.add_entry(target.glossary.name, found.source_lang, lang, Entry(lemma, english))


def _target(found: ArticleWithVersions, lang: str) -> GlossaryTarget:
    if found.glossary is None:
        return GlossaryTarget(None, NO_GLOSSARY)
    pair = f"{found.source_lang} → {lang}"
    try:
        if found.glossary == library.DEFAULT_GLOSSARY:
            glossary = library.default_for(found.source_lang, lang)
        else:
            glossary = library.by_name(found.glossary, found.source_lang, lang)
    except GlossaryError as exc:
        return GlossaryTarget(None, f"Names cannot be added to a glossary from here: {exc}.")
    if glossary is None:
        return GlossaryTarget(
            None, f"There is no default glossary for {pair}, so names cannot be added to one."
        )
    note = f"“Add to glossary” puts a name in the {glossary.name} glossary. {USED_FROM_NOW}"
    return GlossaryTarget(glossary, note)
