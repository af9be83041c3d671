"""What a job carries between processes, as JSON: plans, translations, results, file options.

An article job's plan is the store's own (:class:`~translator.store.articles.CreatePlan`,
:class:`~translator.store.revisions.UpdatePlan`), made once at submission; an item's result is
its translated documents; a files job's plan is :class:`FilesPlan`. Every value goes through a
pydantic ``TypeAdapter``, so what a worker reads back is the typed value that was written.
"""

import functools
from typing import Any

from pydantic import BaseModel, TypeAdapter

from translator.pipeline import TranslatedDocument

Translations = list[TranslatedDocument]  # an article item's result: title and body


class FilesPlan(BaseModel):
    """How a files job translates: source language (or auto), glossary choice (a name,
    "default" or None), names beyond the glossary, format (or auto)."""

    source: str = "auto"
    glossary: str | None = "default"
    names: bool = True
    format: str = "auto"


@functools.cache
def _adapter(kind: Any) -> TypeAdapter[Any]:
    return TypeAdapter(kind)


def dump(value: object, kind: Any) -> str:
    """``value`` (of type ``kind``) as JSON text."""
    return _adapter(kind).dump_json(value).decode()


def load(text: str, kind: Any) -> Any:
    """The value of type ``kind`` that :func:`dump` wrote as ``text``."""
    return _adapter(kind).validate_json(text)
