"""LibreTranslate clients post JSON or forms, or put the fields in the query string (as
deep-translator does): read them into one pydantic model, a body field winning over the same
field in the query string.

A body that is not well-formed text is refused, never guessed at: JSON that does not parse,
nests too deep for the parser or holds a lone surrogate (``"\\ud800"`` is no Unicode text), and
form or query fields whose bytes are not UTF-8.
"""

import json
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import parse_qsl

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ValidationError

if TYPE_CHECKING:
    from python_multipart.multipart import Field, File

M = TypeVar("M", bound=BaseModel)

MAX_FIELDS = 1000  # form fields in one body (as Starlette's own form parser)


async def read_body(request: Request, model: type[M]) -> M:
    """Validate the query string's fields and a JSON object or form body against ``model``.

    A field repeated in the query string counts once, with its last value (as Starlette's
    ``query_params[name]``, which gives the API key): only a body makes a batch."""
    query = dict(_urlencoded(request.scope["query_string"]))
    data = {**query, **await body_fields(request)}
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise RequestValidationError(exc.errors()) from None


async def body_fields(request: Request) -> dict[str, Any]:
    """The fields of a JSON object or form body (Starlette keeps the body: read it freely).

    A body that is not well-formed (see the module docstring), or JSON that is not an object,
    is a ``RequestValidationError``; another media type has no fields.
    """
    content_type = request.headers.get("content-type", "")
    media = content_type.partition(";")[0].strip().lower()
    if media == "application/json":
        return _json_object(await request.body())
    if media == "application/x-www-form-urlencoded":
        return _fields(_urlencoded(await request.body()))
    if media == "multipart/form-data":
        return _fields(_multipart(content_type, await request.body()))
    return {}


def _json_object(body: bytes) -> dict[str, Any]:
    try:
        data = json.loads(body or b"null")
        json.dumps(data, ensure_ascii=False).encode()  # raises on a lone surrogate
    except RecursionError:
        raise _invalid("malformed JSON (nested too deep)") from None
    except UnicodeEncodeError as exc:
        lone = ord(exc.object[exc.start])
        raise _invalid(f"malformed JSON (U+{lone:04X} is a lone surrogate, not text)") from None
    except ValueError as exc:
        raise _invalid(f"malformed JSON ({exc})") from None
    if not isinstance(data, dict):
        raise _invalid("expected a JSON object")
    return data


def _urlencoded(body: bytes) -> list[tuple[str, str]]:
    try:
        return parse_qsl(
            body.decode(),
            keep_blank_values=True,
            encoding="utf-8",
            errors="strict",
            max_num_fields=MAX_FIELDS,
        )
    except UnicodeDecodeError:
        raise _invalid("malformed form: a field is not UTF-8") from None
    except ValueError as exc:
        raise _invalid(f"malformed form ({exc})") from None


def _multipart(content_type: str, body: bytes) -> list[tuple[str, str]]:
    from python_multipart.multipart import FormParser, parse_options_header

    boundary = parse_options_header(content_type)[1].get(b"boundary")
    if not boundary:
        raise _invalid("malformed form (no boundary)")
    parts: list[tuple[bytes, bytes]] = []

    def on_field(field: "Field") -> None:
        parts.append((field.field_name or b"", field.value or b""))

    def on_file(file: "File") -> None:
        name = (file.field_name or b"").decode(errors="replace")
        raise ValueError(f"{name!r} is a file, expected text")

    try:
        parser = FormParser("multipart/form-data", on_field, on_file, boundary=boundary)
        parser.write(body)
        parser.finalize()
        if len(parts) > MAX_FIELDS:
            raise ValueError(f"more than {MAX_FIELDS} fields")
        return [(name.decode(), value.decode()) for name, value in parts]
    except UnicodeDecodeError:
        raise _invalid("malformed form: a field is not UTF-8") from None
    except ValueError as exc:
        raise _invalid(f"malformed form ({exc})") from None


def _fields(pairs: list[tuple[str, str]]) -> dict[str, str | list[str]]:
    """A field given once is a string, one given several times the list of its values."""
    fields: dict[str, list[str]] = {}
    for name, value in pairs:
        fields.setdefault(name, []).append(value)
    return {name: values[0] if len(values) == 1 else values for name, values in fields.items()}


def _invalid(message: str) -> RequestValidationError:
    return RequestValidationError([{"loc": ("body",), "msg": message}])


def openapi_body(model: type[BaseModel]) -> dict[str, Any]:
    """``openapi_extra`` declaring that ``model`` comes as JSON or as a form."""
    schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
    schema.pop("$defs", None)
    content = {
        media: {"schema": schema}
        for media in ("application/json", "application/x-www-form-urlencoded")
    }
    return {"requestBody": {"required": True, "content": content}}
