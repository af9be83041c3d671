"""One pymorphy3 dictionary per language per process, shared by detection and glossaries."""

from translator import morph
from translator.detect import detect
from translator.glossary import morphology


def test_detection_and_glossary_share_the_ukrainian_dictionary() -> None:
    assert detect("Депутати проголосували за законопроект.").language == "uk"
    assert morphology.analyses("депутатів")[0].lemma == "депутат"
    assert set(morph._analyzers) == {"uk", "ru"}
    assert morphology._analyzer() is morph.analyzer("uk")
