"""Failures the client cannot fix: a database that is down, locked or out of connections is a
503 JSON with ``Retry-After``; anything unexpected a 500 JSON with its traceback logged; the
write guard never keeps a connection while /translate works (issue 7, points 5 and 7).
Over real HTTP, on SQLite and PostgreSQL.
"""

import logging
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest
import sqlalchemy as sa

from api.app import create_app
from api.errors import BUSY, UNAVAILABLE
from tests.conftest import Invoke, serving
from tests.test_api_concurrency import Call, check_probe, statuses, together
from translator.settings import Settings
from translator.store.db import get_engine, normalise_url

ARTICLE = {"title": "Заголовок", "body": "Рада зібралася.", "targets": ["en"]}
TRANSLATE = {"q": "Рада зібралася.", "source": "uk", "target": "en"}


def configure(monkeypatch: pytest.MonkeyPatch, **values: float) -> Settings:
    """Settings with ``values``, set as ``TRANSLATOR_*`` variables, whence the engine takes
    its pool and busy timeout too."""
    for name, value in values.items():
        monkeypatch.setenv(f"TRANSLATOR_{name.upper()}", str(value))
    return Settings()


def check_unavailable(reply: httpx.Response, message: str, retry_after: str) -> None:
    assert reply.status_code == 503, reply.text
    assert reply.headers["content-type"] == "application/json"
    assert reply.headers["retry-after"] == retry_after
    assert reply.json() == {"error": message}


@contextmanager
def captured(logger: str, caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """Records of ``logger`` (uvicorn's do not reach the root logger) go to ``caplog``."""
    target = logging.getLogger(logger)
    target.addHandler(caplog.handler)
    try:
        yield
    finally:
        target.removeHandler(caplog.handler)


def test_exhausted_pool_is_503(database: str, uk_en: None, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = configure(
        monkeypatch, db_pool_size=1, db_pool_overflow=0, db_pool_timeout=0.2, retry_after=7
    )
    with serving(create_app(settings)) as url:
        with get_engine().connect():  # the pool's only connection
            check_unavailable(httpx.get(f"{url}/v1/articles"), BUSY, "7")
            check_unavailable(httpx.post(f"{url}/translate", json=TRANSLATE), BUSY, "7")
        assert httpx.get(f"{url}/v1/articles").status_code == 200
        assert httpx.post(f"{url}/translate", json=TRANSLATE).status_code == 200


@pytest.mark.parametrize("database", ["sqlite"], indirect=True)
def test_sqlite_locked_beyond_the_busy_timeout_is_503(
    database: str, uk_en: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = configure(monkeypatch, db_busy_timeout=0.2)
    with serving(create_app(settings)) as url:
        assert httpx.get(f"{url}/v1/articles").status_code == 200  # the database exists
        locker = sqlite3.connect(str(sa.make_url(database).database), isolation_level=None)
        try:
            locker.execute("BEGIN EXCLUSIVE")
            start = time.monotonic()
            reply = httpx.post(f"{url}/v1/articles", json=ARTICLE, timeout=20)
            waited = time.monotonic() - start
        finally:
            locker.close()
        check_unavailable(reply, UNAVAILABLE, "2")
        assert waited < 2, f"answered after {waited:.1f} s, the busy timeout is 0.2 s"
        assert httpx.post(f"{url}/v1/articles", json=ARTICLE).status_code == 201


@pytest.mark.parametrize("database", ["postgresql"], indirect=True)
def test_postgresql_refusing_connections_is_503(database: str, uk_en: None) -> None:
    name = sa.make_url(database).database
    admin = sa.create_engine(
        normalise_url(os.environ["TRANSLATOR_TEST_POSTGRES_URL"]), isolation_level="AUTOCOMMIT"
    )
    with serving(create_app()) as url:
        assert httpx.get(f"{url}/v1/articles").status_code == 200  # a connection in the pool
        with admin.connect() as connection:
            connection.execute(sa.text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false'))
            connection.execute(
                sa.text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n"
                ),
                {"n": name},
            )
        try:
            check_unavailable(httpx.get(f"{url}/v1/articles"), UNAVAILABLE, "2")
            check_unavailable(httpx.post(f"{url}/translate", json=TRANSLATE), UNAVAILABLE, "2")
            check_unavailable(httpx.post(f"{url}/v1/articles", json=ARTICLE), UNAVAILABLE, "2")
        finally:
            with admin.connect() as connection:
                connection.execute(sa.text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true'))
            admin.dispose()
        assert httpx.get(f"{url}/v1/articles").status_code == 200


def test_unexpected_error_is_json_500_and_logged(
    database: str, uk_en: None, caplog: pytest.LogCaptureFixture
) -> None:
    app = create_app()

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("a bug")

    with serving(app) as url, captured("uvicorn.error", caplog):
        reply = httpx.get(f"{url}/boom")
        deadline = time.monotonic() + 5
        while not tracebacks(caplog) and time.monotonic() < deadline:
            time.sleep(0.02)
    assert reply.status_code == 500
    assert reply.headers["content-type"] == "application/json"
    assert reply.json() == {"error": "internal error"}
    assert tracebacks(caplog) == ["RuntimeError('a bug')"]


def tracebacks(caplog: pytest.LogCaptureFixture) -> list[str]:
    """The exceptions logged with their tracebacks so far."""
    return [repr(r.exc_info[1]) for r in caplog.records if r.exc_info]


def test_translate_burst_on_a_small_pool(
    database: str, uk_en: None, cli: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The write guard held its connection while /translate translated, and waited for one on
    the event loop: with more requests than connections, the server stalled and requests
    failed (point 5). Here 20 requests share 2 connections."""
    settings = configure(monkeypatch, db_pool_size=2, db_pool_overflow=0, db_pool_timeout=1)
    secret = cli("keys", "create", "desk").stdout.split("\t")[0]
    auth = {"Authorization": f"Bearer {secret}"}
    texts = [" ".join(f"Речення {n}.{i} про засідання." for i in range(40)) for n in range(20)]
    with serving(create_app(settings)) as url:
        warm = httpx.post(f"{url}/translate", json=TRANSLATE, headers=auth)  # model loaded
        assert warm.status_code == 200, warm.text
        calls = [Call("POST", "/translate", {**TRANSLATE, "q": text}, auth) for text in texts]
        burst = together(url, calls, probe=True)
    assert statuses(burst.replies) == {200: 20}, [r.text for r in burst.replies]
    assert [r.json() for r in burst.replies] == [{"translatedText": text} for text in texts]
    check_probe(burst)
