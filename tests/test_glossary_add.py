"""`library.add_entry`: a name added to a shipped glossary lands in its imported copy (begun
from the shipped entries), an imported glossary grows in place, and a source the glossary
has, an empty side or an unknown glossary is refused with one clear line."""

import threading
from pathlib import Path

import pytest

from translator.errors import GlossaryError
from translator.glossary import library
from translator.glossary.model import Entry

FASTIV = Entry("Фастів", "Fastiv")


def sources(path: Path) -> list[str]:
    return [line.split("\t")[0] for line in path.read_text(encoding="utf-8").splitlines()]


def test_the_default_is_copied_from_the_shipped_glossary_then_grows(home: Path) -> None:
    shipped = library.by_name("ukraine-news", "uk", "en")
    grown = library.add_entry("default", "uk", "en", Entry(" Фастів ", "Fastiv\tcity", "town"))
    copy = home / "glossaries" / "ukraine-news.uk-en.tsv"
    assert grown.name == "ukraine-news"
    kept = [(e.source, e.target, e.note) for e in grown.entries]
    assert kept == [(e.source, e.target, e.note) for e in shipped.entries] + [
        ("Фастів", "Fastiv city", "town")
    ]
    assert copy.read_text(encoding="utf-8").endswith("\nФастів\tFastiv city\ttown\n")
    assert [(i.name, i.origin, i.entries) for i in library.list_glossaries()] == [
        ("ukraine-news", "imported", len(shipped.entries) + 1),
        ("ukraine-news", "shipped", len(shipped.entries)),
    ]
    assert library.default_for("uk", "en") == grown

    again = library.add_entry("ukraine-news", "uk", "en", Entry("Згурівка", "Zghurivka"))
    assert [e.source for e in again.entries[-2:]] == ["Фастів", "Згурівка"]
    assert sources(copy)[-2:] == ["Фастів", "Згурівка"]
    assert not [p.name for p in copy.parent.iterdir() if p.suffix == ".tmp"]


def test_an_imported_glossary_grows(home: Path) -> None:
    desk = "source\ttarget\nКоаліція охочих\tCoalition of the Willing\n"
    library.import_text(desk, "desk", "uk", "en")
    grown = library.add_entry("desk", "uk", "en", FASTIV)
    assert [(e.source, e.target) for e in grown.entries] == [
        ("Коаліція охочих", "Coalition of the Willing"),
        ("Фастів", "Fastiv"),
    ]
    assert (home / "glossaries" / "desk.uk-en.tsv").read_text(encoding="utf-8") == (
        "source\ttarget\tnote\nКоаліція охочих\tCoalition of the Willing\nФастів\tFastiv\n"
    )
    assert library.by_name("desk", "uk", "en") == grown


def test_a_source_the_glossary_has_is_refused(home: Path) -> None:
    library.add_entry("default", "uk", "en", FASTIV)
    with pytest.raises(GlossaryError) as refused:
        library.add_entry("ukraine-news", "uk", "en", Entry("Фастів", "Fastov"))
    assert refused.value.message == "«Фастів» is already in ukraine-news (→ Fastiv)"
    with pytest.raises(GlossaryError) as shipped:
        library.add_entry("default", "uk", "en", Entry("Київ", "Kiev"))
    assert shipped.value.message == "«Київ» is already in ukraine-news (→ Kyiv)"
    assert [e.target for e in library.by_name("ukraine-news").entries if e.source == "Фастів"] == [
        "Fastiv"
    ]


def test_unknown_glossary_no_default_and_empty_sides(home: Path) -> None:
    with pytest.raises(GlossaryError) as unknown:
        library.add_entry("desk", "uk", "en", FASTIV)
    assert unknown.value.message == "unknown glossary 'desk'; available: ukraine-news (uk→en)"
    with pytest.raises(GlossaryError) as no_default:
        library.add_entry("default", "de", "en", FASTIV)
    assert no_default.value.message == "there is no default glossary for de→en"
    with pytest.raises(GlossaryError) as empty:
        library.add_entry("default", "uk", "en", Entry("Фастів", "  "))
    assert empty.value.message == "a glossary entry needs both a source and a target term"
    assert not (home / "glossaries" / "ukraine-news.uk-en.tsv").exists()


def test_concurrent_additions_are_all_kept(home: Path) -> None:
    names = [Entry(f"Село{n}", f"Selo{n}") for n in range(8)]
    threads = [
        threading.Thread(target=library.add_entry, args=("default", "uk", "en", entry))
        for entry in names
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    added = {e.source for e in library.by_name("ukraine-news").entries}
    assert {e.source for e in names} <= added
