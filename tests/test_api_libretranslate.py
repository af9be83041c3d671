"""LibreTranslate-compatible endpoints over real HTTP, on SQLite and PostgreSQL."""

import urllib.error

import httpx
import pytest
from libretranslatepy import LibreTranslateAPI

from tests.conftest import Invoke

UK = "Депутати Верховної Ради ухвалили закон."
EN = "The Verkhovna Rada passed the law on Tuesday."


def test_libretranslatepy_client_works_unchanged(api_url: str) -> None:
    client = LibreTranslateAPI(api_url)
    assert client.translate(UK, "uk", "en") == "Депутати Verkhovna Rada ухвалили закон."
    assert client.detect(UK) == [{"confidence": pytest.approx(100, abs=20), "language": "uk"}]
    languages = client.languages()
    assert {"code": "uk", "name": "Ukrainian", "targets": ["en"]} in languages


def test_translate_json_auto_with_alternatives(api_url: str) -> None:
    body = {"q": UK, "source": "auto", "target": "en", "alternatives": 2}
    reply = httpx.post(f"{api_url}/translate", json=body)
    assert reply.status_code == 200
    data = reply.json()
    assert data["translatedText"] == "Депутати Verkhovna Rada ухвалили закон."
    assert data["detectedLanguage"]["language"] == "uk"
    assert 0 <= data["detectedLanguage"]["confidence"] <= 100
    assert len(data["alternatives"]) == 2
    assert data["translatedText"] not in data["alternatives"]


def test_batch_is_detected_item_by_item(api_url: str) -> None:
    body = {"q": [UK, EN], "source": "auto", "target": "en"}
    data = httpx.post(f"{api_url}/translate", json=body).json()
    assert data["translatedText"] == ["Депутати Verkhovna Rada ухвалили закон.", EN]
    assert [d["language"] for d in data["detectedLanguage"]] == ["uk", "en"]


def test_explicit_source_has_no_detection_block(api_url: str) -> None:
    data = httpx.post(f"{api_url}/translate", data={"q": UK, "source": "uk", "target": "en"}).json()
    assert data == {"translatedText": "Депутати Verkhovna Rada ухвалили закон."}


def test_html_keeps_markup(api_url: str) -> None:
    html = '<p>Засідання <b class="x">Верховної Ради</b> почалося.</p>'
    data = httpx.post(
        f"{api_url}/translate",
        json={"q": html, "source": "auto", "target": "en", "format": "html"},
    ).json()
    assert data["translatedText"] == '<p>Засідання <b class="x">Verkhovna Rada</b> почалося.</p>'
    assert data["detectedLanguage"]["language"] == "uk"


def test_glossary_extension(api_url: str) -> None:
    body = {"q": UK, "source": "uk", "target": "en", "glossary": "nope"}
    reply = httpx.post(f"{api_url}/translate", json=body)
    assert reply.status_code == 400
    assert reply.json()["error"].startswith("unknown glossary 'nope'")
    body["glossary"] = "ukraine-news"
    assert httpx.post(f"{api_url}/translate", json=body).status_code == 200


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"source": "uk", "target": "en"}, "Invalid request: missing q parameter"),
        ({"q": "  ", "source": "uk", "target": "en"}, "Invalid request: missing q parameter"),
        ({"q": UK, "source": "uk", "target": "fr"}, "fr is not supported"),
        ({"q": UK, "source": "xx", "target": "en"}, "xx is not supported"),
        ({"q": UK, "source": "uk", "target": "en", "format": "pdf"}, "pdf format is not supported"),
    ],
)
def test_bad_requests_are_400_with_error(api_url: str, body: dict, message: str) -> None:
    reply = httpx.post(f"{api_url}/translate", json=body)
    assert reply.status_code == 400
    assert message in reply.json()["error"]


def test_malformed_json(api_url: str) -> None:
    reply = httpx.post(
        f"{api_url}/translate", content=b"{nope", headers={"content-type": "application/json"}
    )
    assert reply.status_code == 400
    assert reply.json()["error"].startswith("Invalid request: malformed JSON")


def test_detect_missing_q(api_url: str) -> None:
    reply = httpx.post(f"{api_url}/detect", data={})
    assert reply.status_code == 400
    assert reply.json() == {"error": "Invalid request: missing q parameter"}


def test_api_keys_are_required_once_one_exists(api_url: str, cli: Invoke) -> None:
    created = cli("keys", "create", "newsroom")
    assert created.exit_code == 0, created.output
    secret = created.stdout.split("\t")[0]
    body = {"q": UK, "source": "uk", "target": "en"}
    missing = httpx.post(f"{api_url}/translate", json=body)
    assert (missing.status_code, missing.json()) == (403, {"error": "Please provide an API key"})
    wrong = httpx.post(f"{api_url}/translate", json={**body, "api_key": "tr_wrong"})
    assert (wrong.status_code, wrong.json()) == (403, {"error": "Invalid API key"})
    assert httpx.post(f"{api_url}/translate", json={**body, "api_key": secret}).status_code == 200
    bearer = {"Authorization": f"Bearer {secret}"}
    assert httpx.post(f"{api_url}/translate", json=body, headers=bearer).status_code == 200
    assert LibreTranslateAPI(api_url, api_key=secret).translate(UK, "uk", "en")
    with pytest.raises(urllib.error.HTTPError) as refused:
        LibreTranslateAPI(api_url).translate(UK, "uk", "en")
    assert refused.value.code == 403
    assert httpx.get(f"{api_url}/languages").status_code == 200
    assert cli("keys", "revoke", secret[:8]).exit_code == 0
    assert httpx.post(f"{api_url}/translate", json=body).status_code == 403  # never fail-open
