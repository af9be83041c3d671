"""Every failure becomes a JSON body ``{"error": "..."}``: a 4xx for a bad request, a 503 with
``Retry-After`` when the database is down, locked or out of connections or the engine's queue
is full, and a 500 (its
traceback logged) for anything unexpected."""

import logging
import re
from typing import Any

import sqlalchemy as sa
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, ValidationError
from starlette.exceptions import HTTPException

from translator.errors import (
    Cancelled,
    Conflict,
    DatabaseError,
    GlossaryTooLarge,
    NotFound,
    Overloaded,
    TranslatorError,
)

logger = logging.getLogger(__name__)

UNAVAILABLE = "the database is unavailable, try again later"
BUSY = "the server is busy: no database connection is free, try again later"


class ApiError(Exception):
    """An HTTP error raised by the API layer itself (auth, limits, rate)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


STATUS = {
    NotFound: 404,
    Conflict: 409,
    GlossaryTooLarge: 413,
    DatabaseError: 503,
    Overloaded: 503,
    Cancelled: 499,  # the client closed the request (nginx's code); no one reads the answer
}


class ErrorBody(BaseModel):
    """The body of every error response (a 409 may add ``current``)."""

    error: str = Field(description="What went wrong, in one line.")


REASONS = {
    400: "Invalid request",
    403: "Missing or invalid API key",
    404: "Not found",
    409: "Conflict with what is stored",
    413: "Too long or too large (an article, a request body or a glossary upload)",
    422: "Invalid request",
    429: "Too many requests",
    503: "The database cannot be reached, or the engine's queue is full",
}


def responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` declaring ``codes`` as errors with an :class:`ErrorBody`."""
    return {code: {"model": ErrorBody, "description": REASONS[code]} for code in codes}


IDEMPOTENCY = (
    "A key of the client's choosing: a retry with the same key and body within 24 h returns "
    "the first response instead of doing the work again; another body is a 409."
)
GUARDED = (403, 429)  # what ``deps.guard_write`` adds to a route
STORED = (503,)  # what a route that opens the database adds


def error_body(message: str, **extra: Any) -> dict[str, Any]:
    return {"error": message, **extra}


def install(app: FastAPI) -> None:
    """Register the handlers that turn every error into ``{"error": ...}``."""

    @app.exception_handler(TranslatorError)
    async def translator_error(request: Request, exc: TranslatorError) -> JSONResponse:
        status = next((code for kind, code in STATUS.items() if isinstance(exc, kind)), 400)
        if status == 503:
            return _unavailable(request, exc.message)
        extra: dict[str, Any] = {}
        if isinstance(exc, Conflict) and exc.current is not None:
            current = exc.current
            extra["current"] = (
                current.model_dump(mode="json") if isinstance(current, BaseModel) else current
            )
        return JSONResponse(error_body(exc.message, **extra), status_code=status)

    @app.exception_handler(sa.exc.TimeoutError)
    async def pool_exhausted(request: Request, exc: sa.exc.TimeoutError) -> JSONResponse:
        logger.warning("503: %s", str(exc).splitlines()[0])
        return _unavailable(request, BUSY)

    @app.exception_handler(sa.exc.OperationalError)
    @app.exception_handler(sa.exc.InterfaceError)
    async def database_down(request: Request, exc: sa.exc.DBAPIError) -> JSONResponse:
        """Refused or lost connections, SQLite locked beyond its busy timeout."""
        logger.warning("503: %s", (str(exc.orig).strip() or str(exc)).splitlines()[0])
        return _unavailable(request, UNAVAILABLE)

    @app.exception_handler(Exception)
    async def internal_error(_: Request, exc: Exception) -> JSONResponse:
        """Anything else: a JSON 500; Starlette then re-raises ``exc`` for uvicorn to log."""
        return JSONResponse(error_body("internal error"), status_code=500)

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
    async def http_error(request: Request, exc: HTTPException) -> JSONResponse:
        headers = _allowed(request) if exc.status_code == 405 else None
        return JSONResponse(
            error_body(str(exc.detail)),
            status_code=exc.status_code,
            headers=headers or exc.headers,
        )


def _unavailable(request: Request, message: str) -> JSONResponse:
    """A 503 asking the client to retry after the configured number of seconds."""
    seconds = request.app.state.settings.retry_after
    return JSONResponse(error_body(message), status_code=503, headers={"Retry-After": str(seconds)})


def _allowed(request: Request) -> dict[str, str] | None:
    """``Allow`` with every method the OpenAPI schema has at this path (Starlette's own
    header names one route's method only, as each method of a path is its own route)."""
    for template, operations in request.app.openapi()["paths"].items():
        pattern = "[^/]+".join(re.escape(part) for part in re.split(r"\{[^}]*\}", template))
        if re.fullmatch(pattern, request.url.path):
            return {"Allow": ", ".join(sorted(method.upper() for method in operations))}
    return None


def _describe(errors: Any) -> str:
    """One line from pydantic's error list: ``Invalid request: body.q: Field required``."""
    parts = []
    for error in list(errors)[:3]:
        loc = tuple(error.get("loc", ()))
        where = ".".join(str(p) for p in (loc[1:] if loc[:1] == ("body",) else loc))
        message = error.get("msg", "invalid value")
        parts.append(f"{where}: {message}" if where else message)
    return "Invalid request: " + "; ".join(parts)
