"""Inputs that once made the API answer 500 (found by schemathesis), now clear 4xx errors.

Over real HTTP, on SQLite and PostgreSQL; each error is a JSON ``{"error": "..."}``.
"""

import httpx
import pytest

TITLE = "Верховна Рада ухвалила бюджет"
BODY = "Депутати Верховної Ради проголосували за бюджет.\n\nУряд подасть зміни до 1 березня.\n"
INT4_PLUS_ONE = 2**31  # past PostgreSQL's INTEGER; an id or position never gets that big
NOT_TEXT = "U+0000 at 1 is not allowed (control characters other than tab and line breaks"


def create(api_url: str, **extra: object) -> dict:
    body = {"title": TITLE, "body": BODY, "targets": ["en"], **extra}
    reply = httpx.post(f"{api_url}/v1/articles", json=body)
    assert reply.status_code == 201, reply.text
    return reply.json()


def error(reply: httpx.Response, status: int) -> str:
    """The error message of ``reply``, checked to have ``status`` and the error shape."""
    assert reply.status_code == status, reply.text
    body = reply.json()
    assert set(body) == {"error"}, body
    return str(body["error"])


def test_huge_list_offset_is_422(api_url: str) -> None:
    """SQLite raised OverflowError, PostgreSQL "bigint out of range"."""
    reply = httpx.get(f"{api_url}/v1/articles", params={"offset": 2**63})
    assert "offset: Input should be less than or equal to" in error(reply, 422)
    last = httpx.get(f"{api_url}/v1/articles", params={"offset": 2**63 - 1})
    assert last.json() == {"items": [], "total": 0}


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", ""),
        ("GET", "/versions/en"),
        ("GET", "/parallel/en"),
        ("GET", "/export?lang=en"),
        ("POST", "/versions/en/publish"),
        ("DELETE", ""),
    ],
)
def test_article_id_beyond_int4_is_404(api_url: str, method: str, path: str) -> None:
    """PostgreSQL said "integer out of range" for ids of 2**31 to 18 digits; Python's int()
    refuses more than 4,300 digits."""
    create(api_url)
    for ref in (str(INT4_PLUS_ONE), "9" * 18, "9" * 40, "9" * 5000):
        reply = httpx.request(method, f"{api_url}/v1/articles/{ref}{path}")
        assert error(reply, 404) == f"no article '{ref}'"


def test_ref_that_cannot_be_a_slug_is_404(api_url: str) -> None:
    """A NUL in a slug made PostgreSQL fail; other odd refs are simply no article."""
    create(api_url, slug="budget")
    for ref, shown in (("bud%00get", "bud\\x00get"), ("Budget", "Budget"), ("бюджет", "бюджет")):
        assert error(httpx.get(f"{api_url}/v1/articles/{ref}"), 404) == f"no article '{shown}'"
    assert httpx.get(f"{api_url}/v1/articles/budget").status_code == 200


@pytest.mark.parametrize("field", ["title", "body"])
@pytest.mark.parametrize("bad", ["\x00", "\x01", "\x1f", "\ufffe"])
def test_control_characters_in_an_article_are_422(api_url: str, field: str, bad: str) -> None:
    """NUL made PostgreSQL fail; NUL and the rest made the TMX/XLIFF export fail on both."""
    values = {"title": TITLE, "body": BODY, field: f"x{bad}y"}
    reply = httpx.post(f"{api_url}/v1/articles", json={**values, "targets": ["en"]})
    message = error(reply, 422)
    assert message.startswith(f"Invalid request: {field}: Value error, U+{ord(bad):04X} at 1 ")
    slug = create(api_url)["slug"]
    edit = httpx.put(f"{api_url}/v1/articles/{slug}", json={field: f"x{bad}y"})
    assert error(edit, 422) == message
    assert httpx.get(f"{api_url}/v1/articles").json()["total"] == 1


def test_tabs_and_line_breaks_still_store_and_export(api_url: str) -> None:
    slug = create(api_url, body="Рада\tухвалила закон.\r\nУряд подасть зміни.\n")["slug"]
    for format in ("tmx", "xliff"):
        reply = httpx.get(
            f"{api_url}/v1/articles/{slug}/export", params={"lang": "en", "format": format}
        )
        assert reply.status_code == 200, reply.text


def test_control_characters_in_a_review_edit_are_422(api_url: str) -> None:
    slug = create(api_url)["slug"]
    url = f"{api_url}/v1/articles/{slug}/segments/0/en"
    reply = httpx.patch(url, json={"text": "x\x00y", "row_version": 1})
    assert NOT_TEXT in error(reply, 422)
    assert httpx.patch(url, json={"text": "Fine.", "row_version": 1}).status_code == 200


def test_control_characters_in_list_filters_are_422(api_url: str) -> None:
    """``?q=`` or ``?lang=`` with a NUL made PostgreSQL fail."""
    for name in ("q", "lang"):
        reply = httpx.get(f"{api_url}/v1/articles", params={name: "x\x00"})
        assert error(reply, 422).startswith(f"Invalid request: query.{name}: Value error, U+0000")


def test_segment_position_beyond_int4_is_422(api_url: str) -> None:
    """SQLite raised OverflowError, PostgreSQL "integer out of range"."""
    slug = create(api_url)["slug"]
    for position in (INT4_PLUS_ONE, 10**30):
        url = f"{api_url}/v1/articles/{slug}/segments/{position}/en"
        reply = httpx.patch(url, json={"text": "x", "row_version": 1})
        assert "position: Input should be less than or equal to 2147483647" in error(reply, 422)


def test_glossary_name_too_long_for_a_file_is_422(api_url: str) -> None:
    """100 letters of 4 UTF-8 bytes each made an OSError (file name too long)."""
    upload = {"source_lang": "uk", "target_lang": "en", "content": "рада\tcouncil\n"}
    reply = httpx.post(f"{api_url}/v1/glossaries", json={**upload, "name": "𝒜" * 100})
    assert "a glossary name has at most 100 bytes in UTF-8" in error(reply, 422)
    reply = httpx.post(f"{api_url}/v1/glossaries", json={**upload, "name": "𝒜" * 25})
    assert reply.status_code == 201, reply.text


def test_glossary_content_with_control_characters_is_422(api_url: str) -> None:
    upload = {"name": "desk", "source_lang": "uk", "target_lang": "en"}
    reply = httpx.post(f"{api_url}/v1/glossaries", json={**upload, "content": "р\x00\tc\n"})
    assert "content: Value error, U+0000 at 1" in error(reply, 422)


def test_html_that_xml_cannot_hold_is_400(api_url: str) -> None:
    """A reference to something that is not a character was a 500 (raw control characters
    are refused as text before: tests/test_api_bad_input.py)."""
    body = {"q": "&#x1;", "source": "uk", "target": "en", "format": "html"}
    reply = httpx.post(f"{api_url}/translate", json=body)
    assert error(reply, 400) == "unusable HTML: &#x1; at offset 0 is not a character"
    plain = httpx.post(f"{api_url}/translate", json={**body, "format": "text"})
    assert plain.status_code == 200, plain.text


def test_405_allows_every_method_of_the_path(api_url: str) -> None:
    """Starlette's ``Allow`` named only the first route's method (GET for /v1/articles)."""
    for path, allowed in (
        ("/v1/articles", "GET, POST"),
        ("/v1/articles/some-slug", "DELETE, GET, PUT"),
        ("/languages", "GET"),
    ):
        reply = httpx.request("PATCH", f"{api_url}{path}")
        assert error(reply, 405) == "Method Not Allowed"
        assert reply.headers["allow"] == allowed


def test_openapi_documents_every_error_as_error_body(api_url: str) -> None:
    schema = httpx.get(f"{api_url}/openapi.json").json()
    assert schema["components"]["schemas"]["ErrorBody"]["required"] == ["error"]
    assert "HTTPValidationError" not in schema["components"]["schemas"]
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            for code, response in operation["responses"].items():
                if code.startswith("4") or code.startswith("5"):
                    ref = response["content"]["application/json"]["schema"]["$ref"]
                    assert ref == "#/components/schemas/ErrorBody", (method, path, code)
    article_read = schema["paths"]["/v1/articles/{article}"]["get"]["responses"]
    assert set(article_read) == {"200", "304", "403", "404", "422", "503"}
