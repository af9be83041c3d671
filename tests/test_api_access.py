"""Who may write, how often, and what the server reveals: API keys that fail closed, a rate
limiter that rotating keys cannot dodge and whose memory is bounded, links that never echo
``Host``, an access log without keys (issue 7, points 13-15). Over real HTTP, on SQLite and
PostgreSQL, with the real CLI.
"""

import logging
import time
import uuid
from collections.abc import Iterator

import httpx
import pytest

from api.app import create_app
from api.deps import RateLimiter
from api.logs import ACCESS_LOGGER, RedactKeys
from tests.conftest import Invoke, serving
from tests.test_api_articles import create
from tests.test_api_errors import captured
from translator.settings import Settings

TRANSLATE = {"q": "Рада зібралася.", "source": "uk", "target": "en"}
CLOSED = (
    "warning: no API key is active: writes stay closed until a key is created"
    " (translator keys create) or TRANSLATOR_OPEN_ACCESS=true is set\n"
)


def translate(url: str, secret: str | None = None, **fields: str) -> httpx.Response:
    headers = {"Authorization": f"Bearer {secret}"} if secret else {}
    return httpx.post(f"{url}/translate", json={**TRANSLATE, **fields}, headers=headers)


def new_key(cli: Invoke, label: str) -> tuple[str, str]:
    """A key made with the CLI: its secret and its id."""
    result = cli("keys", "create", label)
    assert result.exit_code == 0, result.output
    secret, rest = result.stdout.split("\t")
    return secret, rest.removeprefix("(id ").split(",")[0]


@pytest.fixture
def open_access_url(database: str, uk_en: None) -> Iterator[str]:
    with serving(create_app(Settings(open_access=True))) as url:
        yield url


@pytest.fixture
def limited_url(database: str, uk_en: None) -> Iterator[str]:
    with serving(create_app(Settings(rate_limit=3))) as url:
        yield url


@pytest.fixture
def public_url(database: str, uk_en: None) -> Iterator[str]:
    with serving(create_app(Settings(public_url="https://news.example/"))) as url:
        yield url


def test_revoking_the_last_key_keeps_writes_closed(api_url: str, cli: Invoke) -> None:
    assert translate(api_url).status_code == 200
    first, first_id = new_key(cli, "desk")
    second, second_id = new_key(cli, "newsletter")
    assert translate(api_url).json() == {"error": "Please provide an API key"}
    assert translate(api_url, first).status_code == 200

    revoked = cli("keys", "revoke", first_id)
    assert (revoked.exit_code, revoked.stdout, revoked.stderr) == (
        0,
        f"revoked {first_id} (desk)\n",
        "",
    )
    assert translate(api_url, first).json() == {"error": "Invalid API key"}
    assert translate(api_url, second).status_code == 200

    last = cli("keys", "revoke", second_id)
    for secret in (None, second):
        reply = translate(api_url, secret)
        assert reply.status_code == 403, reply.text
    assert (last.exit_code, last.stdout, last.stderr) == (
        0,
        f"revoked {second_id} (newsletter)\n",
        CLOSED,
    )
    body = {"title": "Заголовок", "body": "Текст.", "targets": ["en"]}
    assert httpx.post(f"{api_url}/v1/articles", json=body).status_code == 403

    third, _ = new_key(cli, "desk again")
    assert translate(api_url, third).status_code == 200
    assert translate(api_url).status_code == 403


def test_open_access_reopens_writes_once_no_key_is_active(
    open_access_url: str, cli: Invoke
) -> None:
    secret, key_id = new_key(cli, "desk")
    assert translate(open_access_url).status_code == 403
    assert translate(open_access_url, secret).status_code == 200
    assert cli("keys", "revoke", key_id).stderr == CLOSED
    assert translate(open_access_url).status_code == 200


def test_rotating_api_key_values_does_not_dodge_the_rate_limit(limited_url: str) -> None:
    replies = [translate(limited_url, api_key=f"tr_{uuid.uuid4().hex}") for _ in range(4)]
    assert [r.status_code for r in replies] == [200, 200, 200, 429]
    query = httpx.post(f"{limited_url}/translate", params={"api_key": "tr_another"}, json=TRANSLATE)
    assert query.status_code == 429


def test_each_valid_key_has_its_own_rate_limit(limited_url: str, cli: Invoke) -> None:
    first, _ = new_key(cli, "desk")
    second, _ = new_key(cli, "newsletter")
    assert [translate(limited_url, first).status_code for _ in range(4)] == [200, 200, 200, 429]
    assert translate(limited_url, second).status_code == 200
    assert translate(limited_url, first, api_key=second).status_code == 429


def test_rate_limiter_memory_is_bounded() -> None:
    now = [1000.0]
    limiter = RateLimiter(per_minute=1, max_clients=2, clock=lambda: now[0])
    assert [limiter.allow(c) for c in ("a", "a", "b", "c")] == [True, False, True, True]
    assert len(limiter) == 2  # "a", whose last request is the oldest, was forgotten
    assert limiter.allow("a")
    assert not limiter.allow("c")

    idle = RateLimiter(per_minute=1, max_clients=100, clock=lambda: now[0])
    assert idle.allow("a") and idle.allow("b")
    now[0] += 30
    assert idle.allow("c")
    now[0] += 31  # "a" and "b" idle for over a minute, "c" for 31 s
    assert idle.allow("d")
    assert len(idle) == 2
    assert not idle.allow("c")

    many = RateLimiter(per_minute=5, max_clients=100)
    assert all(many.allow(f"client {n}") for n in range(10_000))
    assert len(many) == 100


def test_links_never_echo_the_host_header(api_url: str) -> None:
    slug = create(api_url)["slug"]
    reply = httpx.get(
        f"{api_url}/v1/articles/{slug}", params={"lang": "en"}, headers={"Host": "evil.example"}
    )
    assert reply.headers["link"] == (
        f'</v1/articles/{slug}?lang=uk>; rel="alternate"; hreflang="uk", '
        f'</v1/articles/{slug}?lang=en>; rel="alternate"; hreflang="en", '
        f'</v1/articles/{slug}>; rel="alternate"; hreflang="x-default"'
    )


def test_links_use_the_public_url(public_url: str) -> None:
    slug = create(public_url)["slug"]
    reply = httpx.get(f"{public_url}/v1/articles/{slug}", headers={"Host": "evil.example"})
    base = f"https://news.example/v1/articles/{slug}"
    assert reply.headers["link"] == (
        f'<{base}?lang=uk>; rel="alternate"; hreflang="uk", '
        f'<{base}?lang=en>; rel="alternate"; hreflang="en", '
        f'<{base}>; rel="alternate"; hreflang="x-default"'
    )


def test_access_log_redacts_api_keys(
    database: str, uk_en: None, caplog: pytest.LogCaptureFixture
) -> None:
    app = create_app()
    access = logging.getLogger(ACCESS_LOGGER)
    secret = f"tr_{uuid.uuid4().hex}"
    with serving(app) as url, captured(ACCESS_LOGGER, caplog):
        caplog.set_level(logging.INFO, logger=ACCESS_LOGGER)
        reply = httpx.post(
            f"{url}/translate?api_key={secret}&api%5Fkey={secret}&page=1", data=TRANSLATE
        )
        assert reply.status_code == 200, reply.text
        deadline = time.monotonic() + 5
        while not logged(caplog) and time.monotonic() < deadline:
            time.sleep(0.02)
    (line,) = logged(caplog)
    assert line.endswith('"POST /translate?api_key=***&api%5Fkey=***&page=1 HTTP/1.1" 200')
    assert secret not in line
    create_app()  # another app in the process adds no second filter
    assert sum(isinstance(f, RedactKeys) for f in access.filters) == 1


def logged(caplog: pytest.LogCaptureFixture) -> list[str]:
    """The access log lines captured so far."""
    return [r.getMessage() for r in caplog.records if r.name == ACCESS_LOGGER]
