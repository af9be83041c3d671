"""CORS by path: the LibreTranslate endpoints answer browsers from ``Settings.cors_origins``
(any origin by default, as LibreTranslate), /v1 only from ``Settings.cors_v1_origins`` (none
by default: its writes need an explicit choice). Starlette's ``CORSMiddleware`` does the work,
one per side; a side with no origins is left without CORS headers.
"""

from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

LIBRE_METHODS = ["GET", "POST"]
LIBRE_HEADERS = ["Authorization", "Content-Type"]
V1_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"]
V1_HEADERS = [
    "Authorization",
    "Content-Type",
    "Accept-Language",
    "Idempotency-Key",
    "If-None-Match",
]
V1_EXPOSED = ["Content-Language", "ETag", "Link", "Retry-After"]
MAX_AGE = 20 * 24 * 3600  # seconds a browser may keep a preflight answer (LibreTranslate's)


class PathCors:
    """ASGI middleware: /v1 and the rest each get their own CORS rules."""

    def __init__(self, app: ASGIApp, libre_origins: list[str], v1_origins: list[str]) -> None:
        self.app = app
        self.libre = _cors(app, libre_origins, LIBRE_METHODS, LIBRE_HEADERS, [])
        self.v1 = _cors(app, v1_origins, V1_METHODS, V1_HEADERS, V1_EXPOSED)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        native = path == "/v1" or path.startswith("/v1/")
        await (self.v1 if native else self.libre)(scope, receive, send)


def _cors(
    app: ASGIApp, origins: list[str], methods: list[str], headers: list[str], exposed: list[str]
) -> ASGIApp:
    if not origins:
        return app
    return CORSMiddleware(
        app,
        allow_origins=origins,
        allow_methods=methods,
        allow_headers=headers,
        expose_headers=exposed,
        max_age=MAX_AGE,
    )
