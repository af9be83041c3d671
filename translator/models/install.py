"""Install and remove ``.argosmodel`` packages, atomically.

argostranslate's own ``install_from_path`` extracts straight into the package folder (a corrupt
archive leaves half a package behind) and imports ``argostranslate.translate`` (stanza, torch) to
clear a cache. We unpack into a scratch folder on the same disk, check the package loads, then
move it into place with one rename.
"""

import shutil
import tempfile
import zipfile
from pathlib import Path, PurePosixPath

from translator import home
from translator.errors import ModelError
from translator.models.installed import InstalledModel, installed_models, read_package


def install_file(archive: Path) -> InstalledModel:
    """Install the package in ``archive``, replacing any installed package for the same pair."""
    if not archive.is_file():
        raise ModelError(f"{archive}: no such file")
    if not zipfile.is_zipfile(archive):
        raise ModelError(f"{archive}: not an Argos model package (not a zip archive)")
    root = home.ensure(home.packages_dir())
    with tempfile.TemporaryDirectory(prefix=".installing-", dir=root) as scratch:
        top = _extract(archive, Path(scratch))
        model = read_package(top)
        _check_loads(model)
        return _move_into_place(model, root)


def remove(from_code: str, to_code: str) -> InstalledModel:
    """Remove the installed package for this pair."""
    for model in installed_models():
        if (model.from_code, model.to_code) == (from_code, to_code):
            shutil.rmtree(model.path)
            return model
    raise ModelError(f"no installed model for {from_code}→{to_code}")


def _extract(archive: Path, scratch: Path) -> Path:
    try:
        with zipfile.ZipFile(archive) as zf:
            names = [PurePosixPath(n) for n in zf.namelist()]
            tops = {n.parts[0] for n in names if n.parts}
            if len(tops) != 1 or any(n.is_absolute() or ".." in n.parts for n in names):
                raise ModelError(
                    f"{archive}: not an Argos model package (expected one top-level folder)"
                )
            bad = zf.testzip()
            if bad is not None:
                raise ModelError(f"{archive}: corrupt archive (bad entry {bad})")
            zf.extractall(scratch)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise ModelError(f"{archive}: corrupt archive ({exc})") from exc
    top = scratch / tops.pop()
    if not top.is_dir():
        raise ModelError(f"{archive}: not an Argos model package (no package folder)")
    return top


def _check_loads(model: InstalledModel) -> None:
    import ctranslate2

    try:
        ctranslate2.Translator(str(model.model_dir), device="cpu", intra_threads=1)
    except (RuntimeError, ValueError, OSError) as exc:
        raise ModelError(f"{model.path.name}: the CTranslate2 model does not load ({exc})") from exc


def _move_into_place(model: InstalledModel, root: Path) -> InstalledModel:
    previous = [
        m
        for m in installed_models()
        if (m.from_code, m.to_code) == (model.from_code, model.to_code)
    ]
    target = root / f"translate-{model.from_code}_{model.to_code}"
    for old in previous:
        shutil.rmtree(old.path)
    if target.exists():
        shutil.rmtree(target)
    model.path.rename(target)
    return read_package(target)
