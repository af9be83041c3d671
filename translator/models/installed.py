"""Installed model packages: what is under ``TRANSLATOR_HOME/packages``."""

import json
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from translator import home
from translator.errors import ModelError
from translator.models.argos import package_module


@dataclass(frozen=True)
class InstalledModel:
    """One installed Argos translation package."""

    from_code: str
    to_code: str
    from_name: str
    to_name: str
    package_version: str
    path: Path
    target_prefix: str = ""

    @property
    def pair(self) -> str:
        return f"{self.from_code}→{self.to_code}"

    @property
    def model_dir(self) -> Path:
        return self.path / "model"

    def as_dict(self) -> dict[str, str]:
        return {
            "from": self.from_code,
            "to": self.to_code,
            "from_name": self.from_name,
            "to_name": self.to_name,
            "version": self.package_version,
            "path": str(self.path),
        }


def read_package(path: Path) -> InstalledModel:
    """Read an unpacked package folder (argostranslate's metadata rules); check it is whole."""
    try:
        metadata = json.loads((path / "metadata.json").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(f"{path.name}: metadata.json is missing or unreadable ({exc})") from exc
    if not isinstance(metadata, dict):
        raise ModelError(f"{path.name}: metadata.json is not a JSON object")
    if metadata.get("type", "translate") != "translate":
        raise ModelError(f"{path.name}: not a translation package (type {metadata['type']!r})")
    from_code, to_code = metadata.get("from_code"), metadata.get("to_code")
    if not (isinstance(from_code, str) and from_code and isinstance(to_code, str) and to_code):
        raise ModelError(f"{path.name}: metadata.json lacks from_code/to_code")
    if not (path / "model" / "model.bin").is_file():
        raise ModelError(f"{path.name}: no CTranslate2 model (model/model.bin)")
    if not ((path / "sentencepiece.model").is_file() or (path / "bpe.model").is_file()):
        raise ModelError(f"{path.name}: no tokenizer (sentencepiece.model or bpe.model)")
    package = package_module().IPackage()  # parse the metadata already read, not the file again
    package.load_metadata_from_json(metadata)
    return InstalledModel(
        from_code=package.from_code,
        to_code=package.to_code,
        from_name=package.from_name or package.from_code,
        to_name=package.to_name or package.to_code,
        package_version=str(package.package_version),
        path=path,
        target_prefix=package.target_prefix or "",
    )


def installed_models() -> list[InstalledModel]:
    """All valid installed packages, sorted by pair. Unreadable folders are skipped.

    Read once per process and read again only when the packages folder changed (a package
    installed or removed, by this process or another, renames a folder in or out of it): the
    folder's path, modification time and listing are compared, which costs a ``stat`` and a
    ``listdir``, not a read of every package's metadata.
    """
    root = home.packages_dir()
    try:
        state = (str(root), root.stat().st_mtime_ns, tuple(sorted(os.listdir(root))))
    except OSError:  # no packages folder yet
        return []
    with _lock:
        if _seen.get(str(root), (None, []))[0] != state:
            _seen[str(root)] = (state, _read_all(root, state[2]))
        return list(_seen[str(root)][1])


_lock = threading.Lock()
_seen: dict[str, tuple[tuple[str, int, tuple[str, ...]], list[InstalledModel]]] = {}


def _read_all(root: Path, names: tuple[str, ...]) -> list[InstalledModel]:
    models = []
    for name in names:
        path = root / name
        if path.is_dir() and not name.startswith("."):
            try:
                models.append(read_package(path))
            except ModelError:
                continue
    return sorted(models, key=lambda m: (m.from_code, m.to_code))


def find_model(from_code: str, to_code: str) -> InstalledModel | None:
    """The installed package for exactly this pair, if any."""
    for model in installed_models():
        if (model.from_code, model.to_code) == (from_code, to_code):
            return model
    return None
