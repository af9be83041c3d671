"""HTML fragments: translate the text between tags, keep every tag and attribute as it is."""

from collections.abc import Callable
from typing import Any

from translator.errors import InputError

SKIPPED = {"script", "style", "code", "pre"}

Translate = Callable[[list[str]], list[str]]


def translate_html(fragment: str, translate: Translate) -> str:
    """Translate each text node of ``fragment`` (in one batch) and return the same markup.

    Kept as they are: comments, and the whole subtree of a ``script``, ``style``, ``code`` or
    ``pre`` element, or of one marked ``translate="no"`` or ``class="notranslate"``. The text
    after such an element or a comment (its tail) belongs to the parent and is translated.
    """
    root = _parse(fragment)
    slots = _slots(root)
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


def _slots(root: Any) -> list[tuple[Any, str]]:
    """``(node, "text" | "tail")`` for each text of ``root`` to translate."""
    kept: set[Any] = set()  # elements whose whole subtree stays as it is
    slots: list[tuple[Any, str]] = []
    for node in root.iter():
        parent = node.getparent()
        if isinstance(node.tag, str):  # not a comment (nor a processing instruction)
            if parent in kept or _kept(node):
                kept.add(node)
            elif node.text and node.text.strip():
                slots.append((node, "text"))
        if node is not root and parent not in kept and node.tail and node.tail.strip():
            slots.append((node, "tail"))
    return slots


def _kept(element: Any) -> bool:
    return (
        element.tag in SKIPPED
        or element.get("translate", "").strip().lower() == "no"
        or "notranslate" in element.get("class", "").split()
    )


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
