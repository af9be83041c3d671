"""Translate a batch of short texts (plain or HTML), as the LibreTranslate-style API needs."""

from dataclasses import dataclass, field

from translator.detect import detect
from translator.formats.html import html_text, translate_html
from translator.pipeline import AUTO, DEFAULT_GLOSSARY, GlossaryChoice, translate_documents


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
) -> list[TextResult]:
    """Plain texts go to the pipeline in one batch; HTML is detected whole, translated by node."""
    if not html:
        docs = translate_documents(texts, target, source, alternatives, glossary=glossary)
        return [TextResult(d.text, d.source_language, d.confidence, d.alternatives) for d in docs]
    results = []
    for fragment in texts:
        if source == AUTO:
            found = detect(html_text(fragment))
            language, confidence = found.language, found.confidence
        else:
            language, confidence = source, 1.0

        def nodes(items: list[str], lang: str = language) -> list[str]:
            docs = translate_documents(items, target, lang, glossary=glossary)
            return [d.text for d in docs]

        results.append(TextResult(translate_html(fragment, nodes), language, confidence))
    return results
