"""LibreTranslate clients post JSON or forms: read either into one pydantic model."""

import json
from typing import Any, TypeVar

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ValidationError

M = TypeVar("M", bound=BaseModel)


async def read_body(request: Request, model: type[M]) -> M:
    """Validate a JSON object or a form (urlencoded or multipart) against ``model``."""
    data = await body_fields(request)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise RequestValidationError(exc.errors()) from None


async def body_fields(request: Request) -> dict[str, Any]:
    """The fields of a JSON object or form body (Starlette keeps the body: read it freely).

    Malformed JSON, or JSON that is not an object, is a ``RequestValidationError``.
    """
    content_type = request.headers.get("content-type", "")
    data: Any
    if content_type.startswith("application/json"):
        try:
            data = json.loads(await request.body() or b"null")
        except (ValueError, UnicodeDecodeError) as exc:
            raise RequestValidationError(
                [{"loc": ("body",), "msg": f"malformed JSON ({exc})"}]
            ) from None
        if not isinstance(data, dict):
            raise RequestValidationError([{"loc": ("body",), "msg": "expected a JSON object"}])
    else:
        form = await request.form()
        data = {key: _one_or_many(form.getlist(key)) for key in form}
    return data


def _one_or_many(values: list[Any]) -> Any:
    return values[0] if len(values) == 1 else values


def openapi_body(model: type[BaseModel]) -> dict[str, Any]:
    """``openapi_extra`` declaring that ``model`` comes as JSON or as a form."""
    schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
    schema.pop("$defs", None)
    content = {
        media: {"schema": schema}
        for media in ("application/json", "application/x-www-form-urlencoded")
    }
    return {"requestBody": {"required": True, "content": content}}
