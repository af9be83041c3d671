"""Which languages the installed models offer, and where each can go (directly or via English)."""

from dataclasses import dataclass

from translator.engine.router import PIVOT
from translator.models.installed import installed_models


@dataclass(frozen=True)
class Language:
    """A source language with its name and every reachable target."""

    code: str
    name: str
    targets: list[str]


def available_languages() -> list[Language]:
    """Every language some model reads or writes, with the targets reachable from it."""
    models = installed_models()
    names: dict[str, str] = {}
    direct: dict[str, set[str]] = {}
    for m in models:
        names.setdefault(m.from_code, m.from_name)
        names.setdefault(m.to_code, m.to_name)
        direct.setdefault(m.from_code, set()).add(m.to_code)
    from_pivot = direct.get(PIVOT, set())
    languages = []
    for code in sorted(names):
        targets = set(direct.get(code, set()))
        if PIVOT in targets:
            targets |= from_pivot - {code}
        languages.append(Language(code, names[code], sorted(targets)))
    return languages
