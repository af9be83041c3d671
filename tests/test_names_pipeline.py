"""Names through the pipeline: injected like glossary terms, checked, reported, switched off."""

import json

import httpx
import pytest

from tests.conftest import Invoke
from tests.engines import damaged
from translator.glossary.enforce import TermHit, TermSpan
from translator.pipeline import translate_documents

SENTENCE = "Учора у Фастові відкрили школу."
NAME = TermHit("Фастів", "Fastiv", 8, 15, "Фастові", "name")


def test_a_name_is_injected_in_the_nominative_and_reported(uk_en: None) -> None:
    (document,) = translate_documents([SENTENCE], "en", "uk")
    assert document.text == "Учора у Fastiv відкрили школу."
    (segment,) = document.segments
    assert segment.terms.found == [NAME]
    assert segment.terms.realised == [TermSpan("Fastiv", 8, 14, "name")]
    assert segment.terms.missing == []


def test_the_glossary_wins_and_both_kinds_are_reported(uk_en: None) -> None:
    (document,) = translate_documents(["У Києві виступив Михайло Згуровський."], "en", "uk")
    assert document.text == "У Kyiv виступив Mykhailo Zghurovskyi."
    kinds = [(hit.surface, hit.source, hit.kind) for hit in document.segments[0].terms.found]
    assert kinds == [
        ("Києві", "Київ", "term"),
        ("Михайло Згуровський", "Михайло Згуровський", "name"),
    ]


def test_names_off_leaves_them_to_the_model(uk_en: None) -> None:
    (document,) = translate_documents([SENTENCE], "en", "uk", names=False)
    assert document.text == SENTENCE
    assert document.segments[0].terms.found == []


def test_names_are_looked_for_in_ukrainian_sources_only(uk_en: None) -> None:
    """A text needing no model (here English into English) has no names to romanise."""
    (document,) = translate_documents(["Fastiv opened a school in Бровари."], "en", "en")
    assert document.text == "Fastiv opened a school in Бровари."
    assert [segment.terms.found for segment in document.segments] == [[]]


def test_a_name_the_model_mangles_falls_back_and_is_flagged(uk_en: None) -> None:
    engines = damaged(lambda text: text.replace("Fastiv", "Fast"))
    (document,) = translate_documents([SENTENCE], "en", "uk", engines=engines)
    (segment,) = document.segments
    assert segment.target == SENTENCE  # translated again, unprotected
    assert segment.terms.fallback
    assert segment.terms.missing == [NAME]
    assert "terms" in segment.qa


def test_cli_no_names(cli: Invoke, uk_en: None) -> None:
    default = cli("translate", "-", "--to", "en", input=SENTENCE)
    off = cli("translate", "-", "--to", "en", "--no-names", input=SENTENCE)
    assert (default.exit_code, default.stdout) == (0, "Учора у Fastiv відкрили школу.\n")
    assert (off.exit_code, off.stdout) == (0, SENTENCE + "\n")
    report = json.loads(cli("translate", "-", "--to", "en", "--json", input=SENTENCE).stdout)
    assert report["segments"][0]["terms"]["found"] == [
        {
            "source": "Фастів",
            "target": "Fastiv",
            "start": 8,
            "end": 15,
            "surface": "Фастові",
            "kind": "name",
        }
    ]


def test_api_translate_names_switch(api_url: str) -> None:
    body = {"q": SENTENCE, "source": "uk", "target": "en"}
    on = httpx.post(f"{api_url}/translate", json=body)
    off = httpx.post(f"{api_url}/translate", json={**body, "names": False})
    assert on.json() == {"translatedText": "Учора у Fastiv відкрили школу."}
    assert off.json() == {"translatedText": SENTENCE}
    bad = httpx.post(f"{api_url}/translate", json={**body, "names": "maybe"})
    assert bad.status_code == 400


@pytest.mark.parametrize("names", [True, False])
def test_an_article_keeps_its_names_choice_through_a_source_edit(api_url: str, names: bool) -> None:
    body = {"title": "Школа", "body": SENTENCE, "targets": ["en"], "names": names}
    created = httpx.post(f"{api_url}/v1/articles", json=body)
    assert created.status_code == 201, created.text
    article = created.json()
    assert article["names"] is names
    slug = article["slug"]
    edited = "Учора у Фастові відкрили школу. Про це повідомив Михайло Згуровський."
    assert httpx.put(f"{api_url}/v1/articles/{slug}", json={"body": edited}).status_code == 200
    version = httpx.get(f"{api_url}/v1/articles/{slug}/versions/en").json()
    expected = (
        "Учора у Fastiv відкрили школу. Про це повідомив Mykhailo Zghurovskyi." if names else edited
    )
    assert version["body"] == expected
