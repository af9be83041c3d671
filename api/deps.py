"""Request dependencies, in one place: the DB session, limits, API keys, rate limiting, the
job runner and who submits or reads jobs."""

import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Iterator
from typing import Annotated

import sqlalchemy as sa
from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from sqlmodel import Session

from api.body import body_fields
from api.errors import ApiError
from translator.jobs.runner import Runner
from translator.settings import Settings
from translator.store import keys
from translator.store.db import get_engine


def get_session() -> Iterator[Session]:
    """A session per request. A plain generator: FastAPI opens and closes it in the thread
    pool, as closing returns its connection to the pool, which may wait on the network."""
    with Session(get_engine()) as session:
        yield session


def app_engine(request: Request) -> sa.Engine:
    """The app's database engine: :func:`get_engine` at the app's first call, then kept on
    the app. Finding it reads the settings from the environment (some 1,000 Python calls, as
    many as a query), too dear for every read; the app's database is fixed when it starts
    (``api.app`` migrates it and starts its job runner on it)."""
    state = request.app.state
    engine: sa.Engine | None = getattr(state, "engine", None)
    if engine is None:
        engine = state.engine = get_engine()
    return engine


SessionDep = Annotated[Session, Depends(get_session)]


async def get_settings(request: Request) -> Settings:
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
    """At most ``per_minute`` requests per client in any sliding minute (0 = unlimited).

    Memory stays bounded: a client idle for a minute is forgotten, and beyond ``max_clients``
    so is the one whose last request is the oldest.
    """

    WINDOW = 60.0

    def __init__(
        self, per_minute: int, max_clients: int, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.per_minute, self.max_clients, self._clock = per_minute, max_clients, clock
        self._seen: OrderedDict[str, deque[float]] = OrderedDict()  # oldest last request first
        self._lock = threading.Lock()

    def __len__(self) -> int:
        """How many clients are remembered."""
        return len(self._seen)

    def allow(self, client: str) -> bool:
        if self.per_minute <= 0:
            return True
        now = self._clock()
        with self._lock:
            while self._seen and now - next(iter(self._seen.values()))[-1] > self.WINDOW:
                self._seen.popitem(last=False)
            stamps = self._seen.get(client, deque())
            while stamps and now - stamps[0] > self.WINDOW:
                stamps.popleft()
            if len(stamps) >= self.per_minute:
                return False
            stamps.append(now)
            self._seen[client] = stamps
            self._seen.move_to_end(client)
            if len(self._seen) > self.max_clients:
                self._seen.popitem(last=False)
            return True


async def guard_write(request: Request, settings: SettingsDep) -> None:
    """Writes and /translate: need a valid key once keys are in use (see ``store.keys``);
    obey the rate limit, per key for a request with a valid one, else per address."""
    await guard_key(request, settings, await request_api_key(request))


async def guard_key(request: Request, settings: Settings, secret: str | None) -> int | None:
    """:func:`guard_write` for a request whose key was read already (a multipart upload's);
    the id of its valid key, None if it has none."""
    key_id = await run_in_threadpool(_check_key, secret, settings.open_access)
    address = request.client.host if request.client else "unknown"
    client = f"key {key_id}" if key_id is not None else f"address {address}"
    limiter: RateLimiter = request.app.state.rate_limiter
    if not limiter.allow(client):
        raise ApiError(429, "Slowdown: too many requests, try again in a minute")
    return key_id


def _check_key(secret: str | None, open_access: bool) -> int | None:
    """The id of the request's valid key, None if it has none and needs none; else a 403.

    Its own short session, closed here: no connection stays checked out during the route."""
    with Session(get_engine()) as session:
        key_id = keys.verify_key(session, secret) if secret else None
        if key_id is None and keys.writes_need_key(session, open_access):
            raise ApiError(403, "Invalid API key" if secret else "Please provide an API key")
    return key_id


WriteGuard = Depends(guard_write)


async def get_runner(request: Request) -> Runner:
    """The app's job runner (started and stopped with the app: see ``api.app``)."""
    runner: Runner = request.app.state.runner
    return runner


RunnerDep = Annotated[Runner, Depends(get_runner)]


async def submitter(request: Request, settings: SettingsDep) -> str | None:
    """:func:`guard_write`, and who writes: the prefix of the request's valid API key (what
    the jobs it submits record as ``submitted_by``), None without one."""
    secret = await request_api_key(request)
    key_id = await guard_key(request, settings, secret)
    return secret[: keys.PREFIX_LENGTH] if secret and key_id is not None else None


async def viewer(request: Request, settings: SettingsDep) -> str | None:
    """Who reads jobs, as editors read drafts (``api.readers``): once keys are in use, a
    valid key (else a 403), whose prefix is returned (a key sees its own jobs); None while no
    key is needed, when every job is shown."""
    secret = await request_api_key(request)
    return await run_in_threadpool(_viewer, secret, settings.open_access)


def _viewer(secret: str | None, open_access: bool) -> str | None:
    """Its own short session, closed here, as :func:`_check_key`."""
    with Session(get_engine()) as session:
        if secret and keys.verify_key(session, secret) is not None:
            return secret[: keys.PREFIX_LENGTH]
        needed = keys.writes_need_key(session, open_access)
    if secret or needed:
        raise ApiError(403, "Invalid API key" if secret else "Please provide an API key")
    return None


SubmitterDep = Annotated[str | None, Depends(submitter)]
ViewerDep = Annotated[str | None, Depends(viewer)]
