"""The Argos package index: list what can be downloaded, and install from it.

The index address is argostranslate's (``ARGOS_PACKAGE_INDEX`` honoured), or
``TRANSLATOR_PACKAGE_INDEX`` when set. Packages are parsed with argostranslate's
``AvailablePackage``; downloads stream with progress and land in ``TRANSLATOR_HOME/cache``.
"""

import json
from typing import Any

from translator import home
from translator.errors import IndexUnreachable, ModelError
from translator.models.argos import package_module
from translator.models.download import Progress, fetch
from translator.models.install import install_file
from translator.models.installed import InstalledModel
from translator.settings import load_settings

OFFLINE_HINT = "install from a file instead: translator models install FILE.argosmodel"


def index_url() -> str:
    """Where the package index (``index.json``) lives."""
    base = load_settings().package_index
    if not base:
        package_module()
        from argostranslate import settings

        base = settings.package_index
    return base.rstrip("/") + "/index.json"


def available_packages() -> list[Any]:
    """Download the index and return argostranslate ``AvailablePackage`` objects for it."""
    url = index_url()
    target = home.index_file()
    home.ensure(target.parent)
    try:
        fetch(url, target)
    except IndexUnreachable as exc:
        raise IndexUnreachable(
            f"the Argos package index is unreachable ({exc}); {OFFLINE_HINT}"
        ) from None
    try:
        entries = json.loads(target.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(f"the Argos package index at {url} is not valid JSON ({exc})") from exc
    if not isinstance(entries, list):
        raise ModelError(f"the Argos package index at {url} is not a list of packages")
    available = package_module().AvailablePackage
    return [available(entry) for entry in entries if isinstance(entry, dict)]


def install_from_index(
    from_code: str, to_code: str, progress: Progress | None = None
) -> InstalledModel:
    """Download the ``from_code``→``to_code`` package from the index and install it."""
    packages = [p for p in available_packages() if p.type == "translate"]
    matches = [p for p in packages if (p.from_code, p.to_code) == (from_code, to_code)]
    if not matches:
        pairs = ", ".join(sorted({f"{p.from_code}→{p.to_code}" for p in packages})) or "none"
        raise ModelError(f"the Argos index has no {from_code}→{to_code} package (it has: {pairs})")
    package = max(matches, key=lambda p: _version_key(p.package_version))
    name = package_module().argospm_package_name(package) + ".argosmodel"
    dest = home.ensure(home.cache_dir()) / name
    errors = []
    for link in package.links:
        try:
            fetch(link, dest, progress)
            break
        except IndexUnreachable as exc:
            errors.append(str(exc))
    else:
        detail = "; ".join(errors) or "the index lists no download link"
        raise IndexUnreachable(f"{detail}; {OFFLINE_HINT}")
    try:
        return install_file(dest)
    finally:
        dest.unlink(missing_ok=True)


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split(".") if part.isdigit())
