"""Plural targets for plural source forms, and nothing else."""

import pytest

from translator.glossary.inflect import target_for
from translator.glossary.model import Entry, Glossary
from translator.pipeline import translate_documents


@pytest.mark.parametrize(
    ("source", "target", "surface", "expected"),
    [
        ("народний депутат", "MP", "народних депутатів", "MPs"),
        ("народний депутат", "MP", "народні депутати", "MPs"),
        ("народний депутат", "MP", "народного депутата", "MP"),
        ("безпілотник", "drone", "безпілотників", "drones"),
        ("санкція", "sanction", "санкцій", "sanctions"),
        ("батарея", "battery", "батареї", "battery"),  # singular genitive or plural: unsure
        ("Верховна Рада", "Verkhovna Rada", "Верховної Ради", "Verkhovna Rada"),
        (
            "Збройні сили України",
            "Armed Forces of Ukraine",
            "Збройних сил України",
            "Armed Forces of Ukraine",
        ),
        ("міністр оборони", "Minister of Defence", "міністрів оборони", "Minister of Defence"),
        ("ППО", "air defence", "ППО", "air defence"),
    ],
)
def test_target_for(source: str, target: str, surface: str, expected: str) -> None:
    assert target_for(Entry(source, target), surface) == expected


def test_plural_reaches_the_translation_and_the_report(uk_en: None) -> None:
    glossary = Glossary("t", "uk", "en", (Entry("народний депутат", "MP"),))
    text = "За закон проголосували 287 народних депутатів."
    (doc,) = translate_documents([text], "en", glossary=glossary)
    assert doc.text == "За закон проголосували 287 MPs."
    (segment,) = doc.segments
    assert [(s.target, s.start, s.end) for s in segment.terms.realised] == [("MPs", 27, 30)]
    assert segment.terms.missing == []
