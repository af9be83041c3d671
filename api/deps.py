"""Request dependencies, in one place: the DB session, limits, API keys, rate limiting."""

import threading
import time
from collections import deque
from collections.abc import AsyncIterator, Callable
from typing import Annotated, ParamSpec, TypeVar

from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from sqlmodel import Session

from api.body import body_fields
from api.errors import ApiError
from translator.settings import Settings
from translator.store import keys
from translator.store.db import get_engine

P = ParamSpec("P")
T = TypeVar("T")


async def get_session() -> AsyncIterator[Session]:
    """A session per request. Opening one does no I/O, so this runs on the event loop and
    spares each request two hops through the thread pool; the queries run in the route's."""
    with Session(get_engine()) as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]


async def read_store(call: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """Run a store read. SQLite reads are local and take well under a millisecond, less than
    a hop through the thread pool, so they run on the event loop (measured: twice the GET
    throughput); a networked database's reads go to the thread pool so the loop never waits."""
    if get_engine().dialect.name == "sqlite":
        return call(*args, **kwargs)
    return await run_in_threadpool(call, *args, **kwargs)


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


SettingsDep = Annotated[Settings, Depends(get_settings)]


async def request_api_key(request: Request) -> str | None:
    """The key from ``Authorization: Bearer``, or LibreTranslate's ``api_key`` field."""
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip() or None
    if "api_key" in request.query_params:
        return request.query_params["api_key"]
    return await _body_field(request, "api_key")


async def _body_field(request: Request, name: str) -> str | None:
    try:
        value = (await body_fields(request)).get(name)
    except RequestValidationError:
        return None
    return value if isinstance(value, str) else None


class RateLimiter:
    """At most ``per_minute`` requests per client in any sliding minute (0 = unlimited)."""

    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self._seen: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, client: str) -> bool:
        if self.per_minute <= 0:
            return True
        now = time.monotonic()
        with self._lock:
            stamps = self._seen.setdefault(client, deque())
            while stamps and now - stamps[0] > 60:
                stamps.popleft()
            if len(stamps) >= self.per_minute:
                return False
            stamps.append(now)
            return True


async def guard_write(request: Request, session: SessionDep) -> None:
    """Writes and /translate: need a valid key once any key exists; obey the rate limit."""
    secret = await request_api_key(request)
    if keys.any_active_keys(session) and not (secret and keys.verify_key(session, secret)):
        raise ApiError(403, "Invalid API key" if secret else "Please provide an API key")
    limiter: RateLimiter = request.app.state.rate_limiter
    client = secret or (request.client.host if request.client else "unknown")
    if not limiter.allow(client):
        raise ApiError(429, "Slowdown: too many requests, try again in a minute")


WriteGuard = Depends(guard_write)
