"""Where glossaries live, and how a name or a path becomes a loaded :class:`Glossary`.

Two folders hold ``<name>.<src>-<tgt>.<ext>`` files: the *shipped* glossaries in the
repository's top-level ``glossaries/`` folder (inside the package once installed), and the ones
the user *imported* into ``TRANSLATOR_HOME/glossaries`` (always written as TSV). An imported
glossary with the same name and pair as a shipped one takes its place: that is how a newsroom
edits a shipped glossary.

Default glossary for a pair (:func:`default_for`): the shipped glossary for that pair if
exactly one is shipped (``ukraine-news`` for uk→en), or the imported file replacing it.
Imported glossaries never become a default on their own; they are used when named.

Parsed glossaries are cached in-process per file path and modification time.
"""

import fcntl
import os
import re
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

import translator
from translator import home
from translator.errors import GlossaryError, GlossaryPairUnknown, GlossaryTooLarge, NotFound
from translator.glossary.formats import FORMATS, dump_glossary, load_glossary, split_name
from translator.glossary.formats.rows import clean
from translator.glossary.formats.validate import arrow, term_key
from translator.glossary.model import Entry, Glossary
from translator.text_constants import primary_subtag

Origin = Literal["shipped", "imported"]

_NAME = re.compile(r"\w[\w-]*")
DEFAULT_GLOSSARY = "default"  # wherever a glossary is chosen: the pair's own, so never a name
GlossaryChoice = Glossary | None | Literal["default"]  # see choose()
_cache: dict[tuple[Path, str | None, str | None], tuple[int, int, Glossary]] = {}


@dataclass(frozen=True)
class GlossaryInfo:
    """What ``glossary list`` shows about one glossary file."""

    name: str
    source_lang: str
    target_lang: str
    entries: int
    path: Path
    origin: Origin

    def as_dict(self) -> dict[str, str | int]:
        return {
            "name": self.name,
            "source_lang": self.source_lang,
            "target_lang": self.target_lang,
            "entries": self.entries,
            "path": str(self.path),
            "origin": self.origin,
        }


def shipped_dir() -> Path:
    """The glossaries that come with the tool: the repository's top-level ``glossaries/`` folder.

    An installed package carries that folder as ``translator/glossaries_data`` (see setup.py);
    a source checkout (or an editable install of one) has it next to ``translator/``.
    """
    package = Path(translator.__file__).resolve().parent
    installed = package / "glossaries_data"
    return installed if installed.is_dir() else package.parent / "glossaries"


def list_glossaries() -> list[GlossaryInfo]:
    """Every glossary file, by name and pair; an imported one before the shipped one it replaces.

    A broken file is a ``GlossaryError`` naming it (and the line).
    """
    infos = [_info(path, origin) for path, origin in _files()]
    return sorted(infos, key=lambda i: (i.name, i.source_lang, i.target_lang, i.origin))


def resolve(
    name_or_path: str,
    source_lang: str | None = None,
    target_lang: str | None = None,
    *,
    fallback_pair: tuple[str, str] | None = None,
) -> Glossary:
    """The glossary at a path (anything with ``/`` or a glossary extension), or by name.

    ``source_lang``/``target_lang`` pick among same-named glossaries for several pairs and must
    match the glossary's pair; ``fallback_pair`` is taken for a file that states no pair. An
    unknown name is a ``GlossaryError`` listing the available ones.
    """
    path = Path(name_or_path).expanduser()
    suffix = path.suffix.lower().removeprefix(".")
    if path.exists() or "/" in name_or_path or os.sep in name_or_path or suffix in FORMATS:
        try:
            return _load(path, source_lang, target_lang)
        except GlossaryPairUnknown:
            if fallback_pair is None:
                raise
            return _load(path, *fallback_pair)
    return by_name(name_or_path, source_lang, target_lang)


def choose(
    spec: str | None,
    source_lang: str | None = None,
    target_lang: str | None = None,
    *,
    files: bool = False,
    fallback_pair: tuple[str, str] | None = None,
) -> GlossaryChoice:
    """The glossary choice a front end was given, as every front end gives it: None for no
    glossary, ``"default"`` for the pair's own, else a glossary name (or, with ``files``, as
    the CLI allows, a glossary file: see :func:`resolve`)."""
    if spec is None or spec == DEFAULT_GLOSSARY:
        return spec
    if files:
        return resolve(spec, source_lang, target_lang, fallback_pair=fallback_pair)
    return by_name(spec, source_lang, target_lang)


def default_for(source_lang: str, target_lang: str) -> Glossary | None:
    """The glossary used when none is named: see the module docstring. ``None`` if there is none."""
    pair = (primary_subtag(source_lang), primary_subtag(target_lang))
    shipped = [
        info
        for info in (_info(path, origin) for path, origin in _files() if origin == "shipped")
        if (info.source_lang, info.target_lang) == pair
    ]
    if len(shipped) != 1:
        return None
    return by_name(shipped[0].name, *pair)


def import_file(
    path: Path,
    name: str | None = None,
    *,
    source_lang: str | None = None,
    target_lang: str | None = None,
    max_entries: int | None = None,
) -> GlossaryInfo:
    """Validate a glossary file fully, then store it in ``TRANSLATOR_HOME/glossaries``.

    It is written as ``<name>.<src>-<tgt>.tsv``. ``name`` defaults to the file's own; the
    languages are needed only if the file doesn't state them. An earlier import with the same
    name and pair is replaced. The file is written under a temporary name and renamed, so the
    folder never holds a half-written glossary. More than ``max_entries`` entries is a
    ``GlossaryTooLarge``.
    """
    glossary = load_glossary(
        Path(path), name=name, source_lang=source_lang, target_lang=target_lang
    )
    if max_entries is not None and len(glossary.entries) > max_entries:
        raise GlossaryTooLarge(
            f"glossary too large: {len(glossary.entries)} entries, the limit is {max_entries}"
        )
    _check_name(glossary.name)
    folder = home.ensure(home.glossaries_dir())
    target = folder / f"{glossary.name}.{glossary.source_lang}-{glossary.target_lang}.tsv"
    fd, temp = tempfile.mkstemp(dir=folder, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            out.write(dump_glossary(glossary, "tsv"))
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return GlossaryInfo(
        glossary.name,
        glossary.source_lang,
        glossary.target_lang,
        len(glossary.entries),
        target,
        "imported",
    )


def import_text(
    content: str,
    name: str,
    source_lang: str,
    target_lang: str,
    fmt: str = "tsv",
    *,
    max_bytes: int | None = None,
    max_entries: int | None = None,
) -> GlossaryInfo:
    """Import glossary entries given as text (an upload) under ``name`` for a pair.

    Content of more than ``max_bytes`` bytes (UTF-8) is a ``GlossaryTooLarge`` before it is
    parsed; so are more than ``max_entries`` entries.
    """
    if max_bytes is not None and (size := len(content.encode())) > max_bytes:
        raise GlossaryTooLarge(f"glossary too large: {size} bytes, the limit is {max_bytes}")
    _check_name(name)
    if fmt not in FORMATS:
        raise GlossaryError(f"unknown glossary format {fmt!r}; use {', '.join(FORMATS)}")
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / f"{name}.{source_lang}-{target_lang}.{fmt}"
        path.write_text(content, encoding="utf-8")
        try:
            return import_file(
                path,
                name,
                source_lang=source_lang,
                target_lang=target_lang,
                max_entries=max_entries,
            )
        except GlossaryTooLarge:
            raise
        except GlossaryError as exc:
            raise GlossaryError(exc.message.replace(str(path), "upload")) from None


def remove_imported(
    name: str, source_lang: str | None = None, target_lang: str | None = None
) -> GlossaryInfo:
    """Delete an imported glossary (shipped ones cannot be deleted)."""
    wanted = (source_lang, target_lang)
    for info in list_glossaries():
        if info.name != name or not _fits((info.source_lang, info.target_lang), wanted):
            continue
        if info.origin == "shipped":
            raise GlossaryError(f"glossary {name!r} is shipped with the tool and cannot be deleted")
        info.path.unlink()
        return info
    raise NotFound(f"no imported glossary {name!r}")


def _files() -> list[tuple[Path, Origin]]:
    """Glossary files, imported ones first, each folder in name order."""
    folders: tuple[tuple[Origin, Path], ...] = (
        ("imported", home.glossaries_dir()),
        ("shipped", shipped_dir()),
    )
    return [
        (path, origin)
        for origin, folder in folders
        if folder.is_dir()
        for path in sorted(folder.iterdir())
        if path.is_file()
        and not path.name.startswith(".")
        and path.suffix.lower().removeprefix(".") in FORMATS
    ]


def _check_name(name: str) -> None:
    """Refuse a name that is not a glossary's: a path, or the word that means "the pair's
    default glossary" wherever a glossary is chosen."""
    if not _NAME.fullmatch(name):
        raise GlossaryError(f"{name!r} cannot name a glossary; use letters, digits, '-' and '_'")
    if name == DEFAULT_GLOSSARY:
        raise GlossaryError(
            f"{name!r} cannot name a glossary: it stands for the pair's default glossary"
        )


def by_name(name: str, source_lang: str | None = None, target_lang: str | None = None) -> Glossary:
    """A shipped or imported glossary by name only (never a path: safe for HTTP input)."""
    files = _files()
    candidates = [path for path, _ in files if split_name(path)[0] == name]
    if not candidates:
        available = ", ".join(dict.fromkeys(_label(path) for path, _ in files)) or "none"
        raise GlossaryError(f"unknown glossary {name!r}; available: {available}")
    wanted = (
        primary_subtag(source_lang) if source_lang else None,
        primary_subtag(target_lang) if target_lang else None,
    )
    fitting = [path for path in candidates if _fits(split_name(path)[1], wanted)]
    if not fitting:
        pairs = " and ".join(dict.fromkeys(arrow(split_name(path)[1]) for path in candidates))
        raise GlossaryError(f"glossary {name!r} is for {pairs}, not {arrow(wanted)}")
    glossaries = [_load(path, source_lang, target_lang) for path in fitting]
    pairs = dict.fromkeys(arrow((g.source_lang, g.target_lang)) for g in glossaries)
    if len(pairs) > 1:
        raise GlossaryError(
            f"glossary {name!r} exists for {', '.join(pairs)}; give the source and target languages"
        )
    return glossaries[0]


def _fits(pair: tuple[str, str] | None, wanted: tuple[str | None, str | None]) -> bool:
    """Whether a file named for ``pair`` (``None``: not named) can serve ``wanted``."""
    return pair is None or all(w is None or w == p for w, p in zip(wanted, pair, strict=True))


def _label(path: Path) -> str:
    """``ukraine-news (uk→en)`` for a file name with a pair, else just the name."""
    name, pair = split_name(path)
    return f"{name} ({arrow(pair)})" if pair else name


def _info(path: Path, origin: Origin) -> GlossaryInfo:
    glossary = _load(path, None, None)
    return GlossaryInfo(
        glossary.name,
        glossary.source_lang,
        glossary.target_lang,
        len(glossary.entries),
        path,
        origin,
    )


def _load(path: Path, source_lang: str | None, target_lang: str | None) -> Glossary:
    """:func:`load_glossary`, reusing the parsed glossary while the file is unchanged."""
    try:
        stat = path.stat()
    except OSError:
        return load_glossary(path, source_lang=source_lang, target_lang=target_lang)
    key = (path.resolve(), source_lang, target_lang)
    cached = _cache.get(key)
    if cached and cached[:2] == (stat.st_mtime_ns, stat.st_size):
        return cached[2]
    glossary = load_glossary(path, source_lang=source_lang, target_lang=target_lang)
    _cache[key] = (stat.st_mtime_ns, stat.st_size, glossary)
    return glossary


def add_entry(name: str, source_lang: str, target_lang: str, entry: Entry) -> Glossary:
    """The glossary ``name`` for a pair (``"default"``: the pair's default one) with ``entry``
    added at its end, as a newsroom edits a glossary: its imported copy is written, begun
    from the shipped glossary if there is no copy yet, atomically as :func:`import_text` writes.

    The entry's fields are cleaned as a file's are. A source the glossary already has (as
    :func:`~translator.glossary.formats.validate.term_key` compares them) or an empty side is
    a ``GlossaryError``; so is a pair without a default glossary. Concurrent additions (other
    threads or server workers) take turns, so none is lost.
    """
    added = Entry(clean(entry.source), clean(entry.target), clean(entry.note))
    if not added.source or not added.target:
        raise GlossaryError("a glossary entry needs both a source and a target term")
    folder = home.ensure(home.glossaries_dir())
    with open(folder / ".add-entry.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if name == DEFAULT_GLOSSARY:
            glossary = default_for(source_lang, target_lang)
            if glossary is None:
                pair = (primary_subtag(source_lang), primary_subtag(target_lang))
                raise GlossaryError(f"there is no default glossary for {arrow(pair)}")
        else:
            glossary = by_name(name, source_lang, target_lang)
        key = term_key(added.source)
        for known in glossary.entries:
            if term_key(known.source) == key:
                raise GlossaryError(
                    f"«{known.source}» is already in {glossary.name} (→ {known.target})"
                )
        grown = replace(glossary, entries=(*glossary.entries, added))
        import_text(dump_glossary(grown, "tsv"), grown.name, grown.source_lang, grown.target_lang)
        return by_name(grown.name, grown.source_lang, grown.target_lang)
