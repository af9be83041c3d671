"""Import ``argostranslate.package`` without letting it write outside ``TRANSLATOR_HOME``.

``argostranslate.settings`` reads ``XDG_*``/``ARGOS_*`` and creates folders the first time it is
imported. We point all of them into ``TRANSLATOR_HOME/argos`` for that import only, then put the
environment back. We never import ``argostranslate.translate`` (it pulls in stanza and torch).
"""

import os
import sys
from types import ModuleType

from translator import home


def package_module() -> ModuleType:
    """Return ``argostranslate.package``, importing it safely on first use."""
    if "argostranslate.settings" not in sys.modules:
        _import_settings_into_home()
    import argostranslate.package

    return argostranslate.package


def _import_settings_into_home() -> None:
    scratch = home.argos_dir()
    overrides = {
        "XDG_DATA_HOME": str(scratch / "data"),
        "XDG_CONFIG_HOME": str(scratch / "config"),
        "XDG_CACHE_HOME": str(scratch / "cache"),
        "ARGOS_PACKAGES_DIR": str(home.packages_dir()),
    }
    saved = {key: os.environ.get(key) for key in overrides}
    os.environ.update(overrides)
    try:
        import argostranslate.settings  # noqa: F401
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
