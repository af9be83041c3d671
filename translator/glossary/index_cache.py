"""Built glossary indexes kept on disk, so a new process loads one instead of rebuilding it.

Building analyses every term word with pymorphy3 (a tenth of a second for the shipped
glossary, seconds for 10,000 entries); loading the pickle takes milliseconds. The file name
holds the glossary's content hash and a fingerprint of the matching code and the dictionary
version, so any change to either builds afresh. A cache that cannot be read or written is
simply not used.
"""

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import TypeVar

from translator import home
from translator.glossary.model import Glossary

T = TypeVar("T")
CODE = ("match.py", "morphology.py")


def cached_build(glossary: Glossary, build: Callable[[Glossary], T]) -> T:
    """``build(glossary)``, or its result from an earlier process."""
    path = home.cache_dir() / "glossary-index" / f"{_key(glossary)}.pickle"
    try:
        with path.open("rb") as stored:
            index: T = pickle.load(stored)
        return index
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        pass
    index = build(glossary)
    _store(path, index)
    return index


def _key(glossary: Glossary) -> str:
    digest = hashlib.sha256(glossary.content_hash.encode())
    here = Path(__file__).parent
    for name in CODE:
        digest.update((here / name).read_bytes())
    digest.update(metadata.version("pymorphy3-dicts-uk").encode())
    return digest.hexdigest()[:32]


def _store(path: Path, index: object) -> None:
    try:
        home.ensure(path.parent)
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
        with os.fdopen(fd, "wb") as out:
            pickle.dump(index, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, path)
    except OSError:
        return
