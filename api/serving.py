"""How /translate reaches the engine: the shared micro-batcher (``Settings.batching``) or an
engine call of its own, in the thread pool, given up when the client disconnects."""

import asyncio
import threading
from collections.abc import Callable
from typing import TypeVar

from fastapi import Request
from fastapi.concurrency import run_in_threadpool

from translator.engine.batcher import BatchLimits, batched_engines
from translator.engine.ctranslate import pair_engine
from translator.engine.protocol import EngineProvider
from translator.settings import Settings

T = TypeVar("T")


def batch_limits(settings: Settings) -> BatchLimits | None:
    """The batcher's limits from the settings; None when batching is off."""
    if not settings.batching:
        return None
    return BatchLimits(settings.batch_tokens, settings.batch_wait_ms / 1000, settings.batch_queue)


async def translate_served(request: Request, work: Callable[[EngineProvider], T]) -> T:
    """``work(engines)`` in the thread pool; with batching on, a client that disconnects
    meanwhile sets the request's ``cancelled`` event and its queued sentences are dropped."""
    limits: BatchLimits | None = request.app.state.batch_limits
    if limits is None:
        return await run_in_threadpool(work, pair_engine)
    cancelled = threading.Event()
    watcher = asyncio.create_task(_watch(request, cancelled))
    try:
        return await run_in_threadpool(work, batched_engines(limits, cancelled))
    finally:
        watcher.cancel()


async def _watch(request: Request, cancelled: threading.Event) -> None:
    """Set ``cancelled`` when the client disconnects (the body is read: only that can come)."""
    while (await request.receive())["type"] != "http.disconnect":
        continue
    cancelled.set()
