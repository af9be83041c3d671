"""Where the tool keeps its state: everything lives under ``TRANSLATOR_HOME``.

Default: ``$XDG_DATA_HOME/translator`` (``~/.local/share/translator``). Functions here only
compute paths; directories are created by the code that writes into them, never at import.
"""

import os
from pathlib import Path

from translator.settings import load_settings


def home() -> Path:
    """The state directory (not created)."""
    explicit = load_settings().home
    if explicit:
        return explicit.expanduser().resolve()
    xdg = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(xdg).expanduser().resolve() / "translator"


def packages_dir() -> Path:
    """Installed Argos packages, one folder each."""
    return home() / "packages"


def glossaries_dir() -> Path:
    """Glossaries the user imported, one TSV file each (``<name>.<src>-<tgt>.tsv``)."""
    return home() / "glossaries"


def argos_dir() -> Path:
    """Scratch area that argostranslate's settings module may write into."""
    return home() / "argos"


def cache_dir() -> Path:
    """Downloads and other disposable files."""
    return home() / "cache"


def index_file() -> Path:
    """Local copy of the Argos package index."""
    return cache_dir() / "argos-index.json"


def database_file() -> Path:
    """The default article store: an SQLite file (used unless a database URL is set)."""
    return home() / "translator.db"


def ensure(path: Path) -> Path:
    """Create ``path`` (a directory) if needed and return it."""
    path.mkdir(parents=True, exist_ok=True)
    return path
