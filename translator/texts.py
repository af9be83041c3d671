"""Translate a batch of short texts (plain or HTML), as the LibreTranslate-style API needs."""

from dataclasses import dataclass, field

from translator.detect import detect
from translator.engine.ctranslate import pair_engine
from translator.engine.protocol import EngineProvider
from translator.formats.html import read_html
from translator.pipeline import (
    AUTO,
    DEFAULT_GLOSSARY,
    GlossaryChoice,
    Memory,
    translate_documents,
)


@dataclass(frozen=True)
class TextResult:
    """A translated text with its source language, detection confidence and alternatives."""

    text: str
    language: str
    confidence: float
    alternatives: list[str] = field(default_factory=list)


def translate_texts(
    texts: list[str],
    target: str,
    source: str = AUTO,
    alternatives: int = 0,
    glossary: GlossaryChoice = DEFAULT_GLOSSARY,
    html: bool = False,
    memory: Memory | None = None,
    names: bool = True,
    engines: EngineProvider = pair_engine,
) -> list[TextResult]:
    """Plain texts go to the pipeline in one batch. HTML fragments are cut into units
    (:mod:`translator.formats.html`), each fragment detected whole; the units of all fragments
    of a language go to the pipeline in one batch, with word alignment for the inline markup.
    ``memory``: the translation memory consulted before MT (None: none); ``names``: romanise
    names the glossary lacks; ``engines``: where the engines come from (a server's batcher)."""
    if not html:
        docs = translate_documents(
            texts,
            target,
            source,
            alternatives,
            glossary=glossary,
            engines=engines,
            memory=memory,
            names=names,
        )
        return [TextResult(d.text, d.source_language, d.confidence, d.alternatives) for d in docs]
    pages = [read_html(fragment) for fragment in texts]
    found = [(source, 1.0) if source != AUTO else _detected(page.readable) for page in pages]
    rendered: dict[int, str] = {}
    for language in dict.fromkeys(language for language, _ in found):
        group = [n for n, (lang, _) in enumerate(found) if lang == language]
        units = [text for n in group for text in pages[n].texts]
        docs = iter(
            translate_documents(
                units,
                target,
                language,
                glossary=glossary,
                engines=engines,
                align=True,
                memory=memory,
                names=names,
            )
            if units
            else []
        )
        for n in group:
            translations = [next(docs) for _ in pages[n].units]
            rendered[n] = pages[n].render(translations)[0]
    return [
        TextResult(rendered[n], language, confidence)
        for n, (language, confidence) in enumerate(found)
    ]


def _detected(text: str) -> tuple[str, float]:
    found = detect(text)
    return found.language, found.confidence
