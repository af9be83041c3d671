"""HTML fragments: translate the text between tags, keep every tag and attribute as it is."""

from collections.abc import Callable
from typing import Any

SKIPPED = {"script", "style", "code", "pre"}

Translate = Callable[[list[str]], list[str]]


def translate_html(fragment: str, translate: Translate) -> str:
    """Translate each text node of ``fragment`` (in one batch) and return the same markup."""
    import lxml.html

    root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    slots: list[tuple[Any, str]] = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag not in SKIPPED and element.text and element.text.strip():
            slots.append((element, "text"))
        if element is not root and element.tail and element.tail.strip():
            slots.append((element, "tail"))
    if not slots:
        return fragment
    translations = translate([getattr(element, attr) for element, attr in slots])
    for (element, attr), text in zip(slots, translations, strict=True):
        setattr(element, attr, text)
    children = (lxml.html.tostring(child, encoding="unicode") for child in root)
    return (root.text or "") + "".join(children)


def html_text(fragment: str) -> str:
    """The readable text of a fragment (for language detection)."""
    import lxml.html

    if not fragment.strip():
        return ""
    return str(lxml.html.fragment_fromstring(fragment, create_parent="div").text_content())
