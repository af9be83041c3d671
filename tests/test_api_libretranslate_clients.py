"""The LibreTranslate API as its clients use it: the client libraries from PyPI and the behaviour
LibreTranslate documents (fields in the query string, ``auto`` on short text, codes in any case,
CORS, its error strings, /health, /frontend/settings, /spec, /suggest), over real HTTP."""

import asyncio
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from deep_translator import LibreTranslator
from deep_translator.exceptions import AuthorizationException
from libretranslate_aio import AsyncLibreTranslate, LibreTranslate
from libretranslate_aio.exceptions import BadRequestError, ForbiddenError
from libretranslate_aio.models import Detection, Language
from libretranslatepy import LibreTranslateAPI
from translatepy.translators.libre import LibreTranslate as TranslatepyLibre
from translatepy.utils.request import Request, Response

from api.app import create_app
from tests.conftest import Invoke, serving
from translator.settings import Settings

UK = "Депутати Верховної Ради ухвалили закон."
UK_EN = "Депутати Verkhovna Rada ухвалили закон."
SHORT = "Так"  # too short to tell: "und" for the native API and the CLI
PREFLIGHT = {
    "Access-Control-Request-Method": "POST",
    "Access-Control-Request-Headers": "content-type",
}


def new_key(cli: Invoke) -> str:
    created = cli("keys", "create", "desk")
    assert created.exit_code == 0, created.output
    return created.stdout.split("\t")[0]


def error(reply: httpx.Response, status: int) -> str:
    assert reply.status_code == status, reply.text
    return str(reply.json()["error"])


# The client libraries


def test_deep_translator_sends_fields_in_the_query_string(api_url: str, cli: Invoke) -> None:
    """Its LibreTranslator posts no body at all, and knows no "uk": "auto" it is."""
    client = LibreTranslator(source="auto", target="en", api_key="unused", custom_url=f"{api_url}/")
    assert client.translate(UK) == UK_EN
    assert client.translate_batch([UK, SHORT]) == [UK_EN, SHORT]
    secret = new_key(cli)
    keyed = LibreTranslator(source="auto", target="en", api_key=secret, custom_url=f"{api_url}/")
    assert keyed.translate(UK) == UK_EN
    with pytest.raises(AuthorizationException):
        client.translate(UK)


def test_libretranslate_aio_sync_and_async(api_url: str) -> None:
    with LibreTranslate(api_url) as client:
        single = client.translate(UK, "uk", "en")
        assert (single.translated_text, single.detected_language) == (UK_EN, None)
        assert client.detect(SHORT) == [Detection(confidence=0.0, language="uk")]
        assert client.health() is True
        with pytest.raises(BadRequestError, match=r"^zz is not supported$"):
            client.translate(UK, "uk", "zz")

    async def calls() -> None:
        async with AsyncLibreTranslate(api_url) as client:
            batch = await client.translate([UK, SHORT], "auto", "en")
            assert batch.translated_text == [UK_EN, SHORT]
            detected = batch.detected_language
            assert isinstance(detected, list)
            assert [(d.language, d.confidence > 50) for d in detected] == [
                ("uk", True),
                ("uk", False),
            ]
            assert detected[1].confidence == 0.0
            assert await client.languages() == [
                Language(code="en", name="English", targets=[]),
                Language(code="uk", name="Ukrainian", targets=["en"]),
            ]
            settings = await client.frontend_settings()
            assert (settings.char_limit, settings.key_required, settings.suggestions) == (
                50_000,
                False,
                False,
            )
            assert (settings.language.source.code, settings.language.target.code) == ("auto", "en")
            with pytest.raises(
                ForbiddenError, match=r"^Suggestions are disabled on this server\.$"
            ):
                await client.suggest(UK, UK_EN, "uk", "en")

    asyncio.run(calls())


class _Local(Request):  # type: ignore[misc]
    """translatepy's LibreTranslate has libretranslate.com built in: send it here instead."""

    def __init__(self, url: str) -> None:
        super().__init__()
        self.url = url

    def post(self, url: str, **kwargs: Any) -> Response:
        kwargs.pop("headers", None)  # its Host: libretranslate.com
        return super().post(url.replace("https://libretranslate.com", self.url), **kwargs)


def test_translatepy_translates_and_detects(api_url: str) -> None:
    client = TranslatepyLibre(request=_Local(api_url))
    assert client.translate(UK, "English", "Ukrainian").result == UK_EN
    auto = client.translate(SHORT, "English")  # asks /detect first, then /translate
    assert (auto.result, auto.source_language.alpha2) == (SHORT, "uk")
    assert client.language(UK).result.alpha2 == "uk"


def test_libretranslatepy_on_short_text(api_url: str) -> None:
    client = LibreTranslateAPI(api_url)
    assert client.detect("ok") == [{"confidence": 0.0, "language": "en"}]
    assert client.translate(SHORT, "auto", "en") == SHORT


# Fields, auto, case


def test_fields_from_the_query_string_a_body_field_wins(api_url: str) -> None:
    query = {"q": UK, "source": "uk", "target": "en"}
    assert httpx.post(f"{api_url}/translate", params=query).json() == {"translatedText": UK_EN}
    both = httpx.post(f"{api_url}/translate", params=query, data={"q": SHORT})
    assert both.json() == {"translatedText": SHORT}
    assert httpx.post(f"{api_url}/detect", params={"q": UK}).json()[0]["language"] == "uk"


@pytest.mark.parametrize(
    ("text", "language"),
    [(SHORT, "uk"), ("Hello", "en"), ("123", "en"), ("", "en")],
)
def test_auto_on_text_too_short_to_tell_falls_back_with_confidence_0(
    api_url: str, text: str, language: str
) -> None:
    body = {"q": [UK, text], "source": "auto", "target": "en"}
    data = httpx.post(f"{api_url}/translate", json=body).json()
    assert data["translatedText"] == [UK_EN, text]
    assert data["detectedLanguage"][1] == {"confidence": 0.0, "language": language}
    if text:
        detected = httpx.post(f"{api_url}/detect", json={"q": text}).json()
        assert detected == [{"confidence": 0.0, "language": language}]


def test_detect_answers_an_installed_language_only(api_url: str) -> None:
    french = "Bonjour tout le monde, il fait beau aujourd'hui."
    reply = httpx.post(f"{api_url}/detect", json={"q": french})
    assert reply.json() == [{"confidence": 0.0, "language": "en"}]
    body = {"q": french, "source": "auto", "target": "en"}
    assert error(httpx.post(f"{api_url}/translate", json=body), 400) == "fr is not supported"


def test_language_codes_in_any_case(api_url: str) -> None:
    body = {"q": UK, "source": "UK", "target": "En"}
    assert httpx.post(f"{api_url}/translate", json=body).json() == {"translatedText": UK_EN}


# Errors


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"source": "uk", "target": "en"}, "Invalid request: missing q parameter"),
        ({"q": UK, "source": "uk"}, "Invalid request: missing target parameter"),
        ({"q": UK, "target": "zz"}, "zz is not supported"),
        ({"q": UK, "source": "zz", "target": "en"}, "zz is not supported"),
        ({"q": UK, "source": "en", "target": "uk"}, "Ukrainian (uk) is not available as a target "
         "language from English (en)"),
        ({"q": UK, "target": "en", "alternatives": "two"},
         "Invalid request: alternatives parameter is not a number"),
        ({"q": UK, "target": "en", "alternatives": 11},
         "Invalid request: alternatives parameter must be <= 10"),
        ({"q": UK, "target": "en", "format": "xml"}, "xml format is not supported"),
    ],
)  # fmt: skip
def test_libretranslate_error_strings(api_url: str, body: dict[str, Any], message: str) -> None:
    assert error(httpx.post(f"{api_url}/translate", data=body), 400) == message


def test_no_error_mentions_a_cli_flag(api_url: str) -> None:
    bodies: list[dict[str, Any]] = [
        {"q": "Привет", "source": "auto", "target": "en"},
        {"q": "Так", "target": "en", "format": "html"},
        {"q": "ok", "source": "auto", "target": "uk"},
        {"q": "", "target": "en"},
    ]
    for body in bodies:
        reply = httpx.post(f"{api_url}/translate", json=body)
        assert "--" not in reply.text, reply.text


def test_detect_needs_a_key_once_keys_are_in_use(api_url: str, cli: Invoke) -> None:
    secret = new_key(cli)
    assert error(httpx.post(f"{api_url}/detect", data={"q": UK}), 403) == (
        "Please provide an API key"
    )
    keyed = httpx.post(f"{api_url}/detect", data={"q": UK, "api_key": secret})
    assert keyed.json()[0]["language"] == "uk"
    assert httpx.get(f"{api_url}/frontend/settings").json()["keyRequired"] is True


# Service endpoints


def test_health_frontend_settings_spec_suggest(api_url: str) -> None:
    assert httpx.get(f"{api_url}/health").json() == {"status": "ok"}
    assert httpx.get(f"{api_url}/frontend/settings").json() == {
        "charLimit": 50_000,
        "frontendTimeout": 500,
        "apiKeys": True,
        "keyRequired": False,
        "suggestions": False,
        "filesTranslation": True,
        "supportedFilesFormat": [
            ".txt",
            ".md",
            ".markdown",
            ".html",
            ".htm",
            ".docx",
            ".srt",
            ".vtt",
            ".po",
            ".xliff",
            ".xlf",
        ],
        "language": {
            "source": {"code": "auto", "name": "Auto Detect"},
            "target": {"code": "en", "name": "English"},
        },
    }
    assert httpx.get(f"{api_url}/spec").json() == httpx.get(f"{api_url}/openapi.json").json()
    suggest = httpx.post(f"{api_url}/suggest", data={"q": UK, "s": UK_EN})
    assert error(suggest, 403) == "Suggestions are disabled on this server."


# CORS


def test_cors_on_libretranslate_endpoints_by_default_not_on_v1(api_url: str) -> None:
    origin = {"Origin": "https://page.example"}
    reply = httpx.post(f"{api_url}/translate", json={"q": UK, "target": "en"}, headers=origin)
    assert reply.headers["access-control-allow-origin"] == "*"
    preflight = httpx.options(f"{api_url}/translate", headers={**origin, **PREFLIGHT})
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == "*"
    assert preflight.headers["access-control-allow-methods"] == "GET, POST"
    native = httpx.options(f"{api_url}/v1/articles", headers={**origin, **PREFLIGHT})
    assert native.status_code == 405
    assert "access-control-allow-origin" not in native.headers
    listed = httpx.get(f"{api_url}/v1/articles", headers=origin)
    assert "access-control-allow-origin" not in listed.headers


@pytest.fixture
def desk_url(database: str, uk_en: None) -> Iterator[str]:
    settings = Settings(
        cors_origins=["https://desk.example"], cors_v1_origins=["https://desk.example"]
    )
    with serving(create_app(settings)) as url:
        yield url


def test_cors_origins_are_configurable(desk_url: str) -> None:
    desk = {"Origin": "https://desk.example"}
    for path in ("/translate", "/v1/articles"):
        allowed = httpx.options(f"{desk_url}{path}", headers={**desk, **PREFLIGHT})
        assert allowed.status_code == 200, path
        assert allowed.headers["access-control-allow-origin"] == "https://desk.example"
        other = {"Origin": "https://elsewhere.example", **PREFLIGHT}
        refused = httpx.options(f"{desk_url}{path}", headers=other)
        assert refused.status_code == 400
        assert "access-control-allow-origin" not in refused.headers
    native = httpx.options(f"{desk_url}/v1/articles", headers={**desk, **PREFLIGHT})
    assert "PATCH" in native.headers["access-control-allow-methods"]
