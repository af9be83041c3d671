"""Bad input that once reached a 500, or was taken as mojibake: now a clear 4xx JSON error.

Over real HTTP, on SQLite and PostgreSQL. Bodies are sent as raw bytes where the point is what
the server makes of them (``"\\ud800"`` is a JSON escape for a lone surrogate).
"""

from collections.abc import Iterator

import httpx
import pytest

from api.app import create_app
from tests.conftest import Invoke, serving
from tests.test_api_edge_cases import create, error
from translator.settings import Settings

JSON = {"content-type": "application/json"}
FORM = {"content-type": "application/x-www-form-urlencoded"}
UK = "Депутати Верховної Ради ухвалили закон."
EN = "Депутати Verkhovna Rada ухвалили закон."  # the copy model; the glossary translates
NOT_TEXT = "(control characters other than tab and line breaks, surrogates, U+FFFE, U+FFFF)"
LONE = "Invalid request: malformed JSON (U+D800 is a lone surrogate, not text)"
TOO_DEEP = "Invalid request: malformed JSON (nested too deep)"
NOT_UTF8 = "Invalid request: malformed form: a field is not UTF-8"
# A lone surrogate as a JSON escape, and as the bytes UTF-8 would give it (json.loads lets
# both through: it decodes bytes with "surrogatepass")
SURROGATES = pytest.mark.parametrize(
    "lone", [b"\\ud800", "\ud800".encode(errors="surrogatepass")], ids=["escape", "bytes"]
)


def send(method: str, url: str, raw: str, lone: bytes = b"") -> httpx.Response:
    """``raw`` (JSON text) as UTF-8 bytes, with ``lone`` put where ``raw`` says ``LONE``."""
    content = raw.encode().replace(b"LONE", lone)
    return httpx.request(method, url, content=content, headers=JSON)


# Point 8: lone surrogates


@SURROGATES
@pytest.mark.parametrize("field", ["q", "source", "target", "glossary", "api_key"])
def test_lone_surrogate_on_translate_is_400(api_url: str, lone: bytes, field: str) -> None:
    fields = {"q": "Рада", "source": "uk", "target": "en", "glossary": "ukraine-news"}
    fields[field] = "xLONE"
    raw = "{" + ", ".join(f'"{name}": "{value}"' for name, value in fields.items()) + "}"
    assert error(send("POST", f"{api_url}/translate", raw, lone), 400) == LONE


@SURROGATES
def test_lone_surrogate_in_a_batch_and_on_detect_is_400(api_url: str, lone: bytes) -> None:
    batch = '{"q": ["Рада", "xLONE"], "source": "uk", "target": "en"}'
    assert error(send("POST", f"{api_url}/translate", batch, lone), 400) == LONE
    assert error(send("POST", f"{api_url}/detect", '{"q": "xLONE"}', lone), 400) == LONE


def test_surrogate_pair_escape_is_text(api_url: str) -> None:
    raw = '{"q": "Рада \\ud83d\\ude00", "source": "uk", "target": "en"}'
    reply = send("POST", f"{api_url}/translate", raw)
    assert reply.status_code == 200, reply.text
    assert reply.json() == {"translatedText": "Рада 😀"}


@SURROGATES
def test_lone_surrogate_in_an_article_is_422(api_url: str, lone: bytes) -> None:
    """A ``title`` was refused already (by pydantic: it has a ``min_length``); a ``body``, a
    new ``title`` or a reviewed ``text`` reached the database: a 500."""
    message = f"Invalid request: body: Value error, U+D800 at 14 is not allowed {NOT_TEXT}"
    raw = '{"title": "Рада", "body": "Рада ухвалила.LONE", "targets": ["en"], "source_lang": "uk"}'
    assert error(send("POST", f"{api_url}/v1/articles", raw, lone), 422) == message
    slug = create(api_url)["slug"]
    url = f"{api_url}/v1/articles/{slug}"
    edit = send("PUT", url, '{"body": "Рада ухвалила.LONE"}', lone)
    assert error(edit, 422) == message
    edit = send("PUT", url, '{"title": "Рада ухвалила.LONE"}', lone)
    assert error(edit, 422) == message.replace("body", "title")
    review = send(
        "PATCH", f"{url}/segments/0/en", '{"text": "Rada approved.LONE", "row_version": 1}', lone
    )
    assert error(review, 422) == message.replace("body", "text")
    assert httpx.get(f"{api_url}/v1/articles").json()["total"] == 1
    assert httpx.get(f"{url}/versions/en").json()["status"] == "machine"


@SURROGATES
def test_lone_surrogate_in_a_glossary_upload_is_422(api_url: str, lone: bytes) -> None:
    raw = '{"name": "desk", "source_lang": "uk", "target_lang": "en", "content": "радаLONE\\tx"}'
    reply = send("POST", f"{api_url}/v1/glossaries", raw, lone)
    expected = f"Value error, U+D800 at 4 is not allowed {NOT_TEXT}"
    assert error(reply, 422) == f"Invalid request: content: {expected}"
    names = [g["name"] for g in httpx.get(f"{api_url}/v1/glossaries").json()]
    assert names == ["ukraine-news"]


def test_lone_surrogate_api_key_is_refused_once_keys_exist(api_url: str, cli: Invoke) -> None:
    """The key check read the raw ``api_key`` and hashed it: UnicodeEncodeError, a 500."""
    assert cli("keys", "create", "desk").exit_code == 0
    raw = '{"q": "Рада", "source": "uk", "target": "en", "api_key": "tr_\\ud800"}'
    assert error(send("POST", f"{api_url}/translate", raw), 403) == "Please provide an API key"


# Point 9: JSON nested too deep


DEEP = [
    '{"q": ' + "[" * 1000 + "]" * 1000 + "}",
    '{"q": "Рада", "x": ' + '{"a": ' * 1000 + "1" + "}" * 1000 + "}",
    "[" * 100_000 + "]" * 100_000,
]


@pytest.mark.parametrize("raw", DEEP, ids=["list-1000", "object-1000", "list-100000"])
@pytest.mark.parametrize("path", ["/translate", "/detect"])
def test_deeply_nested_json_is_400(api_url: str, path: str, raw: str) -> None:
    assert error(send("POST", f"{api_url}{path}", raw), 400) == TOO_DEEP


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "/v1/articles"),
        ("PUT", "/v1/articles/{slug}"),
        ("PATCH", "/v1/articles/{slug}/segments/0/en"),
        ("POST", "/v1/glossaries"),
    ],
)
def test_deeply_nested_json_on_v1_is_a_json_4xx(api_url: str, method: str, path: str) -> None:
    """FastAPI parses these bodies itself; its answer to a RecursionError is a plain 400."""
    slug = create(api_url)["slug"]
    reply = send(method, f"{api_url}{path.format(slug=slug)}", DEEP[0])
    assert error(reply, 400) == "There was an error parsing the body"


# Point 10: NUL and malformed forms


def test_nul_in_translate_and_detect_is_400(api_url: str) -> None:
    message = f"U+0000 at 4 is not allowed {NOT_TEXT}"
    body = {"q": "Рада\x00", "source": "uk", "target": "en"}
    reply = httpx.post(f"{api_url}/translate", json=body)
    assert error(reply, 400) == f"Invalid request: q.text: Value error, {message}"
    reply = httpx.post(f"{api_url}/translate", json={**body, "q": ["Так.", "Рада\x00"]})
    assert error(reply, 400) == f"Invalid request: q.texts.1: Value error, {message}"
    reply = httpx.post(f"{api_url}/detect", json={"q": "Рада\x00"})
    assert error(reply, 400) == f"Invalid request: q: Value error, {message}"
    reply = httpx.post(f"{api_url}/translate", content=b"q=a%00b&source=uk&target=en", headers=FORM)
    assert error(reply, 400).startswith("Invalid request: q.text: Value error, U+0000 at 1 ")


@pytest.mark.parametrize("bad", ["\x01", "\x18", "\ufffe"])
@pytest.mark.parametrize("format", ["text", "html"])
def test_other_control_characters_in_q_are_400(api_url: str, bad: str, format: str) -> None:
    """``q`` takes the text the store takes, in either format (XML cannot hold these)."""
    body = {"q": f"<p>Рада{bad}</p>", "source": "uk", "target": "en", "format": format}
    expected = f"Value error, U+{ord(bad):04X} at 7 is not allowed {NOT_TEXT}"
    reply = httpx.post(f"{api_url}/translate", json=body)
    assert error(reply, 400) == f"Invalid request: q.text: {expected}"


@pytest.mark.parametrize(
    "raw",
    [b"q=%FF%FE&source=uk&target=en", b"q=\xff\xfe&source=uk&target=en", b"%FF=x&q=a&target=en"],
    ids=["percent-escapes", "raw-bytes", "field-name"],
)
def test_form_that_is_not_utf8_is_400(api_url: str, raw: bytes) -> None:
    """Starlette's form parser made "\\ufffd\\ufffd" (or "ÿþ") of these and translated that."""
    assert error(httpx.post(f"{api_url}/translate", content=raw, headers=FORM), 400) == NOT_UTF8


def test_multipart_that_is_not_utf8_is_400(api_url: str) -> None:
    fields = {"q": (None, b"\xff\xfe"), "source": (None, b"uk"), "target": (None, b"en")}
    assert error(httpx.post(f"{api_url}/translate", files=fields), 400) == NOT_UTF8
    upload = {"q": ("q.txt", UK.encode()), "target": (None, b"en")}
    reply = httpx.post(f"{api_url}/translate", files=upload)
    assert error(reply, 400) == "Invalid request: malformed form ('q' is a file, expected text)"


def test_well_formed_forms_still_translate(api_url: str) -> None:
    fields = {"q": UK, "source": "uk", "target": "en"}
    assert httpx.post(f"{api_url}/translate", data=fields).json() == {"translatedText": EN}
    multipart = {name: (None, value.encode()) for name, value in fields.items()}
    assert httpx.post(f"{api_url}/translate", files=multipart).json() == {"translatedText": EN}
    plus = "q=" + UK.replace(" ", "+") + "&source=uk&target=en&q=%D0%A2%D0%B0%D0%BA."
    reply = httpx.post(
        f"{api_url}/translate",
        content=plus.encode(),
        headers={"content-type": "application/x-www-form-urlencoded; charset=UTF-8"},
    )
    assert reply.json() == {"translatedText": [EN, "Так."]}


# Point 11: glossary upload limits


@pytest.fixture
def small_glossaries_url(database: str, uk_en: None) -> Iterator[str]:
    app = create_app(Settings(glossary_max_bytes=64, glossary_max_entries=3))
    with serving(app) as url:
        yield url


def upload(url: str, content: str) -> httpx.Response:
    body = {"name": "desk", "source_lang": "uk", "target_lang": "en", "content": content}
    return httpx.post(f"{url}/v1/glossaries", json=body)


def test_glossary_upload_over_the_limits_is_413(small_glossaries_url: str) -> None:
    url = small_glossaries_url
    three = "київ\tKyiv\nрада\tcouncil\nуряд\tgov\n"
    assert upload(url, three).json()["entries"] == 3
    four = three + "суд\tcourt\n"  # 57 bytes
    assert error(upload(url, four), 413) == "glossary too large: 4 entries, the limit is 3"
    at_limit = "рада\t" + "x" * 54 + "\n"  # 64 bytes of UTF-8, 60 characters
    assert upload(url, at_limit).status_code == 201
    over = error(upload(url, at_limit + "\n"), 413)
    assert over == "glossary too large: 65 bytes, the limit is 64"
    entries = {g["name"]: g["entries"] for g in httpx.get(f"{url}/v1/glossaries").json()}
    assert entries["desk"] == 1


def test_default_limit_refuses_a_glossary_of_20_mb(api_url: str) -> None:
    """The issue's 20 MB upload was accepted; one /translate with it then took 69 s."""
    limit = Settings().max_body_bytes  # the body is refused before it is parsed
    reply = upload(api_url, "рада\tcouncil\n" + "x\ty\n" * 5_000_000)
    assert error(reply, 413) == f"request body too large: the limit is {limit} bytes"
    schema = httpx.get(f"{api_url}/openapi.json").json()
    assert "413" in schema["paths"]["/v1/glossaries"]["post"]["responses"]


def test_a_chunked_body_over_the_limit_is_cut_off_with_413(api_url: str) -> None:
    """Without a Content-Length the body is counted as it arrives."""
    limit = Settings().max_body_bytes

    def chunks() -> Iterator[bytes]:
        yield b'{"source": "uk", "target": "en", "q": "'
        for _ in range(limit // 65536 + 2):
            yield b"a" * 65536
        yield b'"}'

    for path in ("/translate", "/v1/articles"):
        reply = httpx.post(
            f"{api_url}{path}", content=chunks(), headers={"Content-Type": "application/json"}
        )
        assert error(reply, 413) == f"request body too large: the limit is {limit} bytes"
