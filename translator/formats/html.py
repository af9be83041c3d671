"""HTML fragments: translate the text between tags, keep every tag and attribute as it is."""

from collections.abc import Callable
from typing import Any

from translator.errors import InputError

SKIPPED = {"script", "style", "code", "pre"}

Translate = Callable[[list[str]], list[str]]


def translate_html(fragment: str, translate: Translate) -> str:
    """Translate each text node of ``fragment`` (in one batch) and return the same markup."""
    root = _parse(fragment)
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
    try:
        for (element, attr), text in zip(slots, translations, strict=True):
            setattr(element, attr, text)
    except ValueError as exc:  # a translation XML cannot hold
        raise InputError(f"unusable HTML: {exc}") from None
    import lxml.html

    children = (lxml.html.tostring(child, encoding="unicode") for child in root)
    return (root.text or "") + "".join(children)


def html_text(fragment: str) -> str:
    """The readable text of a fragment (for language detection)."""
    if not fragment.strip():
        return ""
    return str(_parse(fragment).text_content())


def _parse(fragment: str) -> Any:
    """The fragment under a ``div``; text XML cannot hold (U+0001, ``&#x1;``) is an InputError."""
    import lxml.html

    try:
        return lxml.html.fragment_fromstring(fragment, create_parent="div")
    except ValueError as exc:
        raise InputError(f"unusable HTML: {exc}") from None
