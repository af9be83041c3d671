"""Every failure becomes a JSON body ``{"error": "..."}`` with a 4xx status, never a 500."""

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ValidationError
from starlette.exceptions import HTTPException

from translator.errors import (
    Conflict,
    DatabaseError,
    NotFound,
    TranslatorError,
)


class ApiError(Exception):
    """An HTTP error raised by the API layer itself (auth, limits, rate)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


STATUS = {NotFound: 404, Conflict: 409, DatabaseError: 503}


def error_body(message: str, **extra: Any) -> dict[str, Any]:
    return {"error": message, **extra}


def install(app: FastAPI) -> None:
    """Register the handlers that turn every error into ``{"error": ...}``."""

    @app.exception_handler(TranslatorError)
    async def translator_error(_: Request, exc: TranslatorError) -> JSONResponse:
        status = next((code for kind, code in STATUS.items() if isinstance(exc, kind)), 400)
        extra: dict[str, Any] = {}
        if isinstance(exc, Conflict) and exc.current is not None:
            current = exc.current
            extra["current"] = (
                current.model_dump(mode="json") if isinstance(current, BaseModel) else current
            )
        return JSONResponse(error_body(exc.message, **extra), status_code=status)

    @app.exception_handler(ApiError)
    async def api_error(_: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse(error_body(exc.message), status_code=exc.status)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        native = request.url.path.startswith("/v1/")
        return JSONResponse(error_body(_describe(exc.errors())), status_code=422 if native else 400)

    @app.exception_handler(ValidationError)
    async def invalid_data(_: Request, exc: ValidationError) -> JSONResponse:
        return JSONResponse(error_body(_describe(exc.errors())), status_code=422)

    @app.exception_handler(HTTPException)
    async def http_error(_: Request, exc: HTTPException) -> JSONResponse:
        return JSONResponse(error_body(str(exc.detail)), status_code=exc.status_code)


def _describe(errors: Any) -> str:
    """One line from pydantic's error list: ``Invalid request: body.q: Field required``."""
    parts = []
    for error in list(errors)[:3]:
        where = ".".join(str(p) for p in error.get("loc", ()) if p != "body")
        message = error.get("msg", "invalid value")
        parts.append(f"{where}: {message}" if where else message)
    return "Invalid request: " + "; ".join(parts)
