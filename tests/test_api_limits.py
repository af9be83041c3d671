"""Request limits and rate limiting: clear 400/413/429 errors, checked over real HTTP."""

import socket
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
import uvicorn

from api.app import create_app
from api.settings import Limits


@pytest.fixture
def limited_url(database: str, uk_en: None) -> Iterator[str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = create_app(Limits(char_limit=100, batch_limit=2, rate_per_minute=5))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


def test_limits_then_rate(limited_url: str) -> None:
    long = {"q": "а" * 101, "source": "uk", "target": "en"}
    reply = httpx.post(f"{limited_url}/translate", json=long)
    assert (reply.status_code, reply.json()) == (
        400,
        {"error": "Invalid request: request (101) exceeds text limit (100)"},
    )
    batch = {"q": ["Так.", "Ні.", "Можливо."], "source": "uk", "target": "en"}
    reply = httpx.post(f"{limited_url}/translate", json=batch)
    assert reply.json() == {"error": "Invalid request: request (3) exceeds batch limit (2)"}
    ok = {"q": "Рада зібралася.", "source": "uk", "target": "en"}
    statuses = [httpx.post(f"{limited_url}/translate", json=ok).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
