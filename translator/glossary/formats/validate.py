"""The checks every glossary passes, whatever its format, before it is used at all."""

from translator.errors import GlossaryError, GlossaryPairUnknown
from translator.glossary.formats.rows import LangPair, Row, clean
from translator.glossary.model import Entry
from translator.text_constants import APOSTROPHE, APOSTROPHE_VARIANTS

_APOSTROPHES = str.maketrans(dict.fromkeys(APOSTROPHE_VARIANTS, APOSTROPHE))


def term_key(source: str) -> str:
    """What makes two source terms "the same": NFC, one apostrophe, single spaces; case kept."""
    return clean(source).translate(_APOSTROPHES)


def to_entries(rows: tuple[Row, ...], where: str) -> tuple[Entry, ...]:
    """Entries in file order; exact duplicates merged (first kept), anything else refused.

    Raises ``GlossaryError`` for an empty source or target (naming the line) and for one source
    given two different targets (naming both lines).
    """
    first_seen: dict[str, Row] = {}
    entries: list[Entry] = []
    for row in rows:
        if not row.source:
            raise GlossaryError(f"{where}:{row.line}: empty source term")
        if not row.target:
            raise GlossaryError(f"{where}:{row.line}: empty target for «{row.source}»")
        key = term_key(row.source)
        earlier = first_seen.get(key)
        if earlier is None:
            first_seen[key] = row
            entries.append(Entry(row.source, row.target, row.note, row.line))
        elif earlier.target != row.target:
            raise GlossaryError(
                f"{where}: line {earlier.line} and line {row.line} give «{earlier.source}» two"
                f" targets: {earlier.target!r} / {row.target!r}"
            )
    return tuple(entries)


def settle_pair(
    where: str,
    declared: tuple[str, str] | None,
    named: tuple[str, str] | None,
    wanted: LangPair,
) -> tuple[str, str]:
    """The glossary's pair, from its contents, its file name, or what the caller asks for.

    ``declared`` (the contents) and ``named`` (the file name) must agree; the caller's
    ``wanted`` languages must agree with both. With neither, the caller must give both.
    """
    if declared and named and declared != named:
        raise GlossaryError(
            f"{where}: the file name says {arrow(named)} but the file says {arrow(declared)}"
        )
    known = declared or named
    if known is None:
        source, target = wanted
        if source and target:
            return source, target
        raise GlossaryPairUnknown(
            f"{where}: unknown language pair; name the file <name>.<src>-<tgt>.<ext>"
            " (e.g. news.uk-en.tsv) or give the source and target languages (--from/--to)"
        )
    asked = (wanted[0] or known[0], wanted[1] or known[1])
    if asked != known:
        raise GlossaryError(f"{where}: glossary is for {arrow(known)}, not {arrow(asked)}")
    return known


def arrow(pair: tuple[str | None, str | None]) -> str:
    """``uk→en`` (``?`` for an unknown side)."""
    return f"{pair[0] or '?'}→{pair[1] or '?'}"
