"""Request limits and rate limiting: clear 400/413/429 errors, checked over real HTTP."""

from collections.abc import Iterator

import httpx
import pytest

from api.app import create_app
from tests.conftest import serving
from translator.settings import Settings


@pytest.fixture
def limited_url(database: str, uk_en: None) -> Iterator[str]:
    app = create_app(Settings(char_limit=100, batch_limit=2, rate_limit=5))
    with serving(app) as url:
        yield url


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
