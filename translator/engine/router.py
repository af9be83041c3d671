"""Choose the packages that take text from one language to another: direct, or via English."""

from translator.errors import ModelError, UnsupportedPair
from translator.models.installed import InstalledModel, installed_models

PIVOT = "en"
INSTALL_HINT = (
    "install one: translator models install uk en (from the Argos index) "
    "or translator models install FILE.argosmodel"
)


def route(from_code: str, to_code: str) -> list[InstalledModel]:
    """Packages to chain for ``from_code``→``to_code``: [] (same language), one, or two."""
    if from_code == to_code:
        return []
    models = installed_models()
    if not models:
        raise ModelError(f"no translation model is installed; {INSTALL_HINT}")
    by_pair = {(m.from_code, m.to_code): m for m in models}
    if (from_code, to_code) in by_pair:
        return [by_pair[from_code, to_code]]
    first, second = by_pair.get((from_code, PIVOT)), by_pair.get((PIVOT, to_code))
    if first and second:
        return [first, second]
    pairs = ", ".join(m.pair for m in models)
    raise UnsupportedPair(
        f"cannot translate {from_code}→{to_code} (not even via {PIVOT}); installed: {pairs}"
    )
