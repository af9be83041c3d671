"""Shared fixtures: a temporary TRANSLATOR_HOME, the CLI runner, the test model packages."""

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from click.testing import Result
from typer.testing import CliRunner

if TYPE_CHECKING:
    from fastapi import FastAPI

from translator.cli.main import app

FIXTURES = Path(__file__).parent / "fixtures"
UK_EN = FIXTURES / "uk_en_copy.argosmodel"
RU_EN = FIXTURES / "ru_en_copy.argosmodel"
EN_DE = FIXTURES / "en_de_copy.argosmodel"
EXAMPLES = Path(__file__).parent.parent / "examples"

Invoke = Callable[..., Result]


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty TRANSLATOR_HOME for this test (not created: the tool creates what it needs)."""
    path = tmp_path / "home"
    monkeypatch.setenv("TRANSLATOR_HOME", str(path))
    monkeypatch.delenv("TRANSLATOR_MODEL", raising=False)
    monkeypatch.delenv("TRANSLATOR_PACKAGE_INDEX", raising=False)
    return path


@pytest.fixture
def cli(home: Path) -> Invoke:
    """Run the real CLI in-process: ``cli("models", "list", input=...)``."""
    runner = CliRunner()

    def invoke(*args: str, input: str | bytes | None = None) -> Result:
        return runner.invoke(app, list(args), input=input)

    return invoke


@pytest.fixture
def uk_en(cli: Invoke) -> None:
    """The uk→en copy model, installed the way a user does it."""
    result = cli("models", "install", str(UK_EN))
    assert result.exit_code == 0, result.output


@pytest.fixture(params=["sqlite", "postgresql"])
def database(
    request: pytest.FixtureRequest, home: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    """An empty article database; yields its URL, which TRANSLATOR_DATABASE_URL then names.

    "sqlite": the default file in this test's TRANSLATOR_HOME. "postgresql": a new database on
    the server at TRANSLATOR_TEST_POSTGRES_URL (scripts/postgres.sh starts one), dropped
    afterwards; without that variable the test fails when CI is set and is skipped otherwise.
    """
    from translator.store import db

    monkeypatch.delenv(db.DATABASE_URL_ENV, raising=False)
    if request.param == "sqlite":
        yield db.database_url()
        db.dispose_engines()
        return
    server = os.environ.get("TRANSLATOR_TEST_POSTGRES_URL")
    if not server:
        message = "TRANSLATOR_TEST_POSTGRES_URL is not set (see scripts/postgres.sh)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    with db.scratch_postgres(server, "translator_test") as url:
        monkeypatch.setenv(db.DATABASE_URL_ENV, url)
        try:
            yield url
        finally:
            db.dispose_engines()


@contextmanager
def serving(app: "FastAPI") -> Iterator[str]:
    """Serve ``app`` with uvicorn on a free loopback port; yields its base URL."""
    import socket
    import threading
    import time

    import uvicorn

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


@pytest.fixture
def api_url(database: str, uk_en: None) -> Iterator[str]:
    """The real app served over HTTP on a loopback port, over ``database``."""
    from api.app import create_app

    with serving(create_app()) as url:
        yield url
