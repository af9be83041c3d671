"""Which files a batch translates, and where each translation goes.

PATHs are files, folders (walked recursively, hidden entries skipped) or globs. The input tree
is mirrored under the output folder (folders and globs from their base, a file by its name);
without one, each output goes next to its input. The output of ``rada.uk.txt`` into English is
``rada.en.txt``: a trailing source-language code in the stem is replaced, else the target added.
An output never lands outside the output folder, and an input symlink never leads outside the
folder it was found in: either is a planned file that carries its refusal as an error.
"""

import glob
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from translator.errors import InputError


@dataclass(frozen=True)
class Planned:
    """One input, its output, and where its manifest entry lives (``root``, under ``key``)."""

    input: Path
    output: Path
    root: Path
    key: str
    error: str | None = None


def output_name(name: str, target: str, sources: frozenset[str]) -> str:
    """``rada.uk.txt`` → ``rada.en.txt``; ``rada.txt`` → ``rada.en.txt``."""
    path = Path(name)
    stem, suffix = path.stem, path.suffix
    base, dot, code = stem.rpartition(".")
    if dot and base and code.lower() in sources:
        stem = base
    return f"{stem}.{target}{suffix}"


def plan(paths: list[str], target: str, sources: frozenset[str], out: Path | None) -> list[Planned]:
    """Every input of ``paths`` with its output; a path that names nothing is an ``InputError``."""
    out_root = out.resolve() if out else None
    planned: list[Planned] = []
    taken: dict[Path, Path] = {}
    for arg in paths:
        for source, base, error in _inputs(arg, target, out_root):
            item = _place(source, base, target, sources, out, error)
            owner = taken.setdefault(item.output.absolute(), source)
            if owner == source and any(p.input == source for p in planned):
                continue  # named twice (a folder and a file in it): translated once
            if owner != source:
                item = _refused(item, f"{item.output} is also the output of {owner}")
            elif item.error is None and item.output.absolute() == source.absolute():
                item = _refused(item, "the output would overwrite the input")
            planned.append(item)
    return planned


def _refused(item: Planned, reason: str) -> Planned:
    return Planned(item.input, item.output, item.root, item.key, reason)


def _place(
    source: Path,
    base: Path,
    target: str,
    sources: frozenset[str],
    out: Path | None,
    error: str | None,
) -> Planned:
    relative = source.relative_to(base)
    name = output_name(relative.name, target, sources)
    if out is None:
        output = source.parent / name
        return Planned(source, output, source.parent, name, error)
    output = out / relative.parent / name
    key = (relative.parent / name).as_posix()
    if error is None and not output.parent.resolve().is_relative_to(out.resolve()):
        error = f"refused: {output} would be outside {out}"
    return Planned(source, output, out, key, error)


def _inputs(
    arg: str, target: str, out_root: Path | None
) -> Iterator[tuple[Path, Path, str | None]]:
    """(input, the base it is mirrored from, a refusal or None) for one PATH argument."""
    if glob.has_magic(arg):
        matches = sorted(glob.glob(arg, recursive=True))
        if not matches:
            raise InputError(f"{arg}: no file matches")
        base = Path(_glob_base(arg))
        for match in matches:
            path = Path(match)
            if path.is_dir():
                yield from _walk(path, base, target, out_root)
            elif not _hidden(path.relative_to(base)):
                yield path, base, _escape(path, base)
        return
    path = Path(arg)
    if path.is_dir():
        yield from _walk(path, path, target, out_root)
    elif path.exists() or path.is_symlink():
        yield path, path.parent, None
    else:
        raise InputError(f"{arg}: no such file or folder")


def _walk(
    folder: Path, base: Path, target: str, out_root: Path | None
) -> Iterator[tuple[Path, Path, str | None]]:
    """The files under ``folder``, hidden ones, earlier outputs and the output folder skipped."""
    for top, dirs, files in os.walk(folder):
        here = Path(top)
        dirs[:] = sorted(
            d for d in dirs if not d.startswith(".") and not _inside(here / d, out_root)
        )
        for d in dirs:
            if (here / d).is_symlink() and _escape(here / d, base):
                yield here / d, base, _escape(here / d, base)
        for name in sorted(files):
            if name.startswith(".") or Path(name).stem.endswith(f".{target}"):
                continue
            yield here / name, base, _escape(here / name, base)


def _inside(path: Path, root: Path | None) -> bool:
    return root is not None and path.resolve().is_relative_to(root)


def _escape(path: Path, base: Path) -> str | None:
    """A refusal when ``path`` is a symlink leading outside ``base``."""
    if path.is_symlink() and not path.resolve().is_relative_to(base.resolve()):
        return f"refused: {path} is a symlink leading outside {base}"
    return None


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def _glob_base(pattern: str) -> str:
    """The folder a glob starts from: its leading parts without wildcards."""
    parts: list[str] = []
    for part in Path(pattern).parts[:-1]:
        if glob.has_magic(part):
            break
        parts.append(part)
    return str(Path(*parts)) if parts else "."
