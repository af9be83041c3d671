"""The on-disk cache of built glossary indexes."""

from pathlib import Path

from translator.glossary.index_cache import cached_build
from translator.glossary.match import GlossaryIndex
from translator.glossary.model import Entry, Glossary

GLOSSARY = Glossary("t", "uk", "en", (Entry("Верховна Рада", "Verkhovna Rada"),))
TEXT = "Сесія Верховної Ради."


def test_built_once_then_loaded_and_rebuilt_when_corrupt(home: Path) -> None:
    builds: list[Glossary] = []

    def build(glossary: Glossary) -> GlossaryIndex:
        builds.append(glossary)
        return GlossaryIndex.build(glossary)

    first = cached_build(GLOSSARY, build)
    (stored,) = (home / "cache" / "glossary-index").iterdir()
    second = cached_build(GLOSSARY, build)
    assert len(builds) == 1
    assert [(m.start, m.end) for m in second.find(TEXT)] == [(6, 20)]
    assert [(m.start, m.end) for m in first.find(TEXT)] == [(6, 20)]
    stored.write_bytes(b"not a pickle")
    assert [(m.start, m.end) for m in cached_build(GLOSSARY, build).find(TEXT)] == [(6, 20)]
    assert len(builds) == 2


def test_other_content_gets_its_own_file(home: Path) -> None:
    other = Glossary("t", "uk", "en", (Entry("Кабінет Міністрів", "Cabinet of Ministers"),))
    cached_build(GLOSSARY, GlossaryIndex.build)
    cached_build(other, GlossaryIndex.build)
    assert len(list((home / "cache" / "glossary-index").iterdir())) == 2


def test_unwritable_cache_still_builds(home: Path) -> None:
    home.mkdir(parents=True)
    (home / "cache").write_text("a file where the cache folder would be")
    index = cached_build(GLOSSARY, GlossaryIndex.build)
    assert [(m.start, m.end) for m in index.find(TEXT)] == [(6, 20)]
