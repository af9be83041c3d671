"""/translate over real HTTP through the shared micro-batcher: concurrent requests share one
engine batch, a full queue answers 503 with Retry-After, a client that disconnects leaves it.

The engine is the real copy model behind :class:`tests.engines.Gated`, which holds each batch
until the test opens it (a busy engine whose queue the test fills) and records the batches."""

import json
import socket
import time
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx
import pytest

from tests.conftest import serving
from tests.engines import Gated
from translator.engine import batcher
from translator.engine.batcher import Batcher
from translator.engine.ctranslate import pair_engine
from translator.engine.options import EngineOptions
from translator.models.installed import InstalledModel
from translator.settings import Settings

TIMEOUT = 30


@dataclass
class Server:
    url: str
    engine: Gated
    pool: ThreadPoolExecutor
    seen: list[tuple[InstalledModel, EngineOptions]]
    limits: batcher.BatchLimits

    def translate(self, *texts: str) -> Future[httpx.Response]:
        q: str | list[str] = texts[0] if len(texts) == 1 else list(texts)
        body = {"q": q, "source": "uk", "target": "en"}
        return self.pool.submit(httpx.post, f"{self.url}/translate", json=body, timeout=TIMEOUT)

    def busy(self) -> Future[httpx.Response]:
        """A first request, held by the engine: the batcher's one slot is busy."""
        first = self.translate("Перше речення тримає рушій.")
        assert self.engine.started.acquire(timeout=TIMEOUT)
        return first

    @property
    def batcher(self) -> Batcher:
        return batcher.shared_batcher(*self.seen[0], self.limits)

    def until_queued(self, sentences: int) -> None:
        deadline = time.monotonic() + TIMEOUT
        while self.batcher.queued != sentences:
            assert time.monotonic() < deadline, f"{self.batcher.queued} queued, not {sentences}"
            time.sleep(0.01)


def serve(monkeypatch: pytest.MonkeyPatch, settings: Settings) -> Iterator[Server]:
    from api.app import create_app

    engine = Gated()
    seen: list[tuple[InstalledModel, EngineOptions]] = []

    def gated(model: InstalledModel, options: EngineOptions) -> Gated:
        seen.append((model, options))
        engine.real = pair_engine(model, options)
        return engine

    monkeypatch.setattr(batcher, "pair_engine", gated)
    app = create_app(settings)
    with ThreadPoolExecutor(16) as pool, serving(app) as url:
        yield Server(url, engine, pool, seen, app.state.batch_limits)
        engine.gate.set()


@pytest.fixture
def server(database: str, uk_en: None, monkeypatch: pytest.MonkeyPatch) -> Iterator[Server]:
    yield from serve(monkeypatch, Settings())


@pytest.fixture
def small_queue(database: str, uk_en: None, monkeypatch: pytest.MonkeyPatch) -> Iterator[Server]:
    yield from serve(monkeypatch, Settings(batch_queue=2))


SENTENCES = [f"Речення номер {n} про засідання комітету." for n in range(8)]


def test_concurrent_requests_share_one_engine_batch(server: Server) -> None:
    first = server.busy()
    replies = [server.translate(sentence) for sentence in SENTENCES]
    server.until_queued(len(SENTENCES))
    server.engine.gate.set()
    assert first.result(TIMEOUT).status_code == 200
    for sentence, reply in zip(SENTENCES, replies, strict=True):
        answer = reply.result(TIMEOUT)
        assert answer.status_code == 200, answer.text
        assert answer.json() == {"translatedText": sentence}  # the copy model's translation
    assert len(server.engine.batches) == 2
    assert sorted(server.engine.batches[1]) == sorted(SENTENCES)


def test_a_full_queue_answers_503_with_retry_after(small_queue: Server) -> None:
    first = small_queue.busy()
    queued = small_queue.translate(*SENTENCES[:2])
    small_queue.until_queued(2)
    refused = small_queue.translate(SENTENCES[2]).result(TIMEOUT)
    assert refused.status_code == 503
    assert refused.headers["retry-after"] == "2"
    assert refused.json() == {
        "error": "the server is busy: 2 sentences are waiting for the engine, try again later"
    }
    small_queue.engine.gate.set()
    assert first.result(TIMEOUT).status_code == 200
    assert queued.result(TIMEOUT).json() == {"translatedText": SENTENCES[:2]}
    assert SENTENCES[2] not in [text for batch in small_queue.engine.batches for text in batch]


def test_a_client_that_disconnects_leaves_the_queue(server: Server) -> None:
    first = server.busy()
    body = json.dumps({"q": "Цього речення ніхто не дочекається.", "source": "uk", "target": "en"})
    address = urlsplit(server.url)
    with socket.create_connection((address.hostname, address.port)) as client:
        head = (
            f"POST /translate HTTP/1.1\r\nHost: {address.netloc}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body.encode())}\r\n\r\n"
        )
        client.sendall(head.encode() + body.encode())
        server.until_queued(1)
    server.until_queued(0)
    server.engine.gate.set()
    assert first.result(TIMEOUT).status_code == 200
    assert server.engine.batches == [["Перше речення тримає рушій."]]
    after = server.translate(SENTENCES[0]).result(TIMEOUT)
    assert after.json() == {"translatedText": SENTENCES[0]}
