"""`POST /translate_file` and `GET /download_file/{name}` over real HTTP, on SQLite and
PostgreSQL, with the uk→en copy model (the translation is the input, with the default
glossary's "Верховна Рада" → "Verkhovna Rada")."""

import os
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import Invoke, serving
from tests.test_api_libretranslate_clients import error, new_key
from tests.test_batch import write
from translator.settings import Settings

NEWS = "Верховна Рада ухвалила закон.\n\nДепутати голосували вночі.\n"
NEWS_EN = "Verkhovna Rada ухвалила закон.\n\nДепутати голосували вночі.\n"
SRT = """\
1
00:00:01,000 --> 00:00:03,000
Засідання Верховної Ради

2
00:00:04,000 --> 00:00:06,000
Депутати голосували.
"""


def upload(url: str, name: str, data: bytes, **fields: str) -> httpx.Response:
    return httpx.post(
        f"{url}/translate_file", files={"file": (name, data)}, data=fields, timeout=60
    )


def download(reply: httpx.Response, url: str) -> httpx.Response:
    assert reply.status_code == 200, reply.text
    address = reply.json()["translatedFileUrl"]
    assert address.startswith(f"{url}/download_file/")
    return httpx.get(address)


def stored(reply: httpx.Response) -> Path:
    name = reply.json()["translatedFileUrl"].rpartition("/")[2]
    return Path(os.environ["TRANSLATOR_HOME"]) / "files" / name


def test_a_text_file_is_translated_and_downloaded(api_url: str) -> None:
    reply = upload(api_url, "news.txt", NEWS.encode(), source="auto", target="en")
    assert list(reply.json()) == ["translatedFileUrl"]
    got = download(reply, api_url)
    assert got.status_code == 200
    assert got.content.decode("utf-8") == NEWS_EN
    assert got.headers["content-disposition"] == 'attachment; filename="news.en.txt"'
    odd = upload(api_url, "../Новини дня.uk.TXT", NEWS.encode(), source="uk", target="en")
    assert download(odd, api_url).content.decode("utf-8") == NEWS_EN
    assert stored(odd).name.endswith(".Новини_дня.en.TXT")


def test_subtitles_come_back_as_the_batch_writes_them(
    api_url: str, cli: Invoke, tmp_path: Path
) -> None:
    reply = upload(api_url, "Cues.SRT", SRT.encode(), source="uk", target="en")
    got = download(reply, api_url)
    assert got.content.decode("utf-8") == SRT.replace("Верховної Ради", "Verkhovna Rada") + "\n"
    batch = cli("batch", str(write(tmp_path / "Cues.SRT", SRT)), "--to", "en", "--from", "uk")
    assert batch.exit_code == 0, batch.output
    assert got.content == (tmp_path / "Cues.en.SRT").read_bytes()


def test_bad_requests_are_400_in_libretranslates_words(api_url: str) -> None:
    assert error(upload(api_url, "news.exe", b"x", target="en"), 400) == (
        "Invalid request: file format not supported"
    )
    assert error(upload(api_url, "news", b"x", target="en"), 400) == (
        "Invalid request: file format not supported"
    )
    no_file = httpx.post(f"{api_url}/translate_file", data={"target": "en"})
    assert error(no_file, 400) == "Invalid request: missing file parameter"
    other = httpx.post(
        f"{api_url}/translate_file", files={"other": ("a.txt", b"x")}, data={"target": "en"}
    )
    assert error(other, 400) == "Invalid request: missing file parameter"
    assert error(upload(api_url, "news.txt", NEWS.encode()), 400) == (
        "Invalid request: missing target parameter"
    )
    assert error(upload(api_url, "news.txt", NEWS.encode(), target="../x"), 400) == (
        "../x is not supported"
    )


def test_a_broken_file_is_a_400_with_the_reason(api_url: str) -> None:
    latin = "Верховна Рада".encode() + b"\xff\n"
    assert error(upload(api_url, "news.txt", latin, target="en"), 400) == (
        "news.txt: not UTF-8 text (invalid byte at offset 25); convert it to UTF-8"
    )
    catalogue = b'msgid "a"\nmsgstr'
    assert error(upload(api_url, "site.po", catalogue, target="en"), 400) == (
        "site.po: not a valid PO file: syntax error (line 2)"
    )
    missing_pair = upload(api_url, "news.txt", NEWS.encode(), source="uk", target="de")
    assert error(missing_pair, 400) == "de is not supported"
    unknown = upload(api_url, "ok.txt", b"ok\n", target="en")
    assert error(unknown, 400) == (
        "cannot tell the source language of this text; give it as source"
    )


def test_downloads_expire_after_an_hour(api_url: str) -> None:
    first = upload(api_url, "news.txt", NEWS.encode(), target="en")
    path = stored(first)
    assert path.is_file()
    hour_ago = time.time() - 3601
    os.utime(path, (hour_ago, hour_ago))
    assert error(httpx.get(first.json()["translatedFileUrl"]), 404).startswith("no such file")
    second = upload(api_url, "news.txt", NEWS.encode(), target="en")
    assert not path.exists()
    assert stored(second).is_file()
    assert error(httpx.get(f"{api_url}/download_file/..%2Fx"), 404)
    assert error(httpx.get(f"{api_url}/download_file/.hidden"), 400) == "Invalid filename"


def test_frontend_settings_offer_the_batch_formats(api_url: str) -> None:
    settings = httpx.get(f"{api_url}/frontend/settings").json()
    assert settings["filesTranslation"] is True
    assert {".txt", ".srt", ".vtt", ".po", ".xliff"} <= set(settings["supportedFilesFormat"])


def test_api_keys_apply_as_on_translate(api_url: str, cli: Invoke) -> None:
    secret = new_key(cli)
    refused = upload(api_url, "news.txt", NEWS.encode(), target="en")
    assert error(refused, 403) == "Please provide an API key"
    wrong = upload(api_url, "news.txt", NEWS.encode(), target="en", api_key="nope")
    assert error(wrong, 403) == "Invalid API key"
    keyed = upload(api_url, "news.txt", NEWS.encode(), target="en", api_key=secret)
    assert download(keyed, api_url).content.decode("utf-8") == NEWS_EN
    bearer = httpx.post(
        f"{api_url}/translate_file",
        files={"file": ("news.txt", NEWS.encode())},
        data={"target": "en"},
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert download(bearer, api_url).status_code == 200


@pytest.fixture
def limited_url(database: str, uk_en: None) -> Iterator[str]:
    from api.app import create_app

    with serving(create_app(Settings(char_limit=40, max_body_bytes=1000))) as url:
        yield url


def test_limits_are_those_of_translate(limited_url: str) -> None:
    chars = len(NEWS + NEWS)
    assert error(upload(limited_url, "news.txt", (NEWS + NEWS).encode(), target="en"), 400) == (
        f"Invalid request: request ({chars}) exceeds text limit (40)"
    )
    too_big = upload(limited_url, "news.txt", b"a" * 2000, target="en")
    assert error(too_big, 413) == "request body too large: the limit is 1000 bytes"
    fits = upload(limited_url, "news.txt", "Верховна Рада ухвалила закон.".encode(), target="en")
    assert download(fits, limited_url).content.decode("utf-8") == "Verkhovna Rada ухвалила закон.\n"
