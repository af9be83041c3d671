"""Micro-batching: the sentences of concurrent requests go to one engine in shared batches.

Each request's sentences are queued, each with a future; one collector thread per engine slot
(``slots``: the engine's ``inter_threads``, batches it runs at once) takes the queue in order and
gives the engine one batch:

* at once when the engine is idle (no batch running, none ended in the last ``max_wait``
  seconds), so a lone request never waits;
* otherwise when the queued sentences reach the token budget, or ``max_wait`` seconds after the
  first of them arrived, whichever comes first. A batch that just ended counts as busy: its
  clients' next requests come back within milliseconds, and one batch of them all costs the
  engine much less than a batch of the first one followed by a batch of the rest.

A sentence already queued or running with the same options is not queued again: the request
waits for the same future (identical sentences in flight are translated once). The queue is
bounded (``max_queued`` sentences): a request that would pass the bound is refused with
:class:`Overloaded` before anything of it is queued (an empty queue takes any request, so a
long one alone is never refused). A batch that fails fails the futures of its sentences only.
A request whose ``cancelled`` event is set (its client went away) stops waiting with
:class:`Cancelled`, and its sentences that no other request waits for leave the queue.
"""

import threading
import time
from collections import deque
from collections.abc import Sequence
from concurrent.futures import Future, wait
from dataclasses import dataclass, field
from pathlib import Path

from translator.engine.ctranslate import Hypothesis, pair_engine
from translator.engine.options import EngineOptions
from translator.engine.protocol import Engine, EngineProvider
from translator.errors import Cancelled, Overloaded
from translator.models.installed import InstalledModel

POLL_SECONDS = 0.05  # how often a waiting request looks at its ``cancelled`` event


@dataclass(frozen=True)
class BatchLimits:
    """When a batch goes and how much may wait: tokens per batch (estimated), seconds the
    first queued sentence may wait while the engine is busy, sentences queued at most."""

    max_tokens: int = 4096
    max_wait: float = 0.005
    max_queued: int = 2000


Options = tuple[int, bool]  # hypotheses, align: one batch has one of each


@dataclass(eq=False)
class _Item:
    text: str
    options: Options
    arrived: float
    future: Future[list[Hypothesis]] = field(default_factory=Future)
    waiters: int = 1
    queued: bool = True

    @property
    def tokens(self) -> int:
        """A SentencePiece-like estimate: about one token per four characters."""
        return 1 + len(self.text) // 4


class Batcher:
    """One engine's queue and collectors; :meth:`translate` is called from many threads."""

    def __init__(self, engine: Engine, limits: BatchLimits = BatchLimits(), slots: int = 1) -> None:
        self.engine = engine
        self.limits = limits
        self._queue: deque[_Item] = deque()
        self._in_flight: dict[tuple[str, Options], _Item] = {}
        self._running = 0
        self._ended = -limits.max_wait  # when the last batch ended (time.monotonic())
        self._closed = False
        self._changed = threading.Condition()
        self._collectors = [
            threading.Thread(target=self._collect, name=f"batcher-{n}", daemon=True)
            for n in range(max(1, slots))
        ]
        for collector in self._collectors:
            collector.start()

    def translate(
        self,
        texts: Sequence[str],
        hypotheses: int = 1,
        align: bool = False,
        cancelled: threading.Event | None = None,
    ) -> list[list[Hypothesis]]:
        """The engine's hypotheses for ``texts``, in order, translated in shared batches."""
        items = self._enqueue(texts, (hypotheses, align))
        futures = {item.future for item in items}
        poll = None if cancelled is None else POLL_SECONDS
        while wait(futures, timeout=poll).not_done:
            if cancelled is not None and cancelled.is_set():
                self._abandon(items)
                raise Cancelled("the request was cancelled")
        return [item.future.result() for item in items]

    @property
    def queued(self) -> int:
        """Sentences waiting for the engine."""
        with self._changed:
            return len(self._queue)

    def close(self) -> None:
        """Stop the collectors once the queue is empty."""
        with self._changed:
            self._closed = True
            self._changed.notify_all()
        for collector in self._collectors:
            collector.join()

    def _enqueue(self, texts: Sequence[str], options: Options) -> list[_Item]:
        now = time.monotonic()
        with self._changed:
            if self._closed:
                raise Overloaded("the server is shutting down, try again later")
            new = {text for text in texts if (text, options) not in self._in_flight}
            if self._queue and len(self._queue) + len(new) > self.limits.max_queued:
                raise Overloaded(
                    f"the server is busy: {len(self._queue)} sentences are waiting for the "
                    "engine, try again later"
                )
            items = []
            for text in texts:
                item = self._in_flight.get((text, options))
                if item is None:
                    item = self._in_flight[text, options] = _Item(text, options, now)
                    self._queue.append(item)
                else:
                    item.waiters += 1
                items.append(item)
            self._changed.notify_all()
            return items

    def _abandon(self, items: list[_Item]) -> None:
        with self._changed:
            for item in items:
                item.waiters -= 1
                if item.waiters == 0 and item.queued:
                    self._queue.remove(item)
                    del self._in_flight[item.text, item.options]
                    item.future.cancel()

    def _collect(self) -> None:
        while batch := self._next_batch():
            try:
                results = self.engine.translate(
                    [item.text for item in batch], batch[0].options[0], align=batch[0].options[1]
                )
            except Exception as exc:  # handed to the requests waiting for this batch
                self._finish(batch)
                for item in batch:
                    item.future.set_exception(exc)
            else:
                self._finish(batch)
                for item, hypotheses in zip(batch, results, strict=True):
                    item.future.set_result(hypotheses)

    def _next_batch(self) -> list[_Item]:
        """Wait for queued sentences and take a batch of them (empty: closed and drained)."""
        with self._changed:
            while True:
                if not self._queue:
                    if self._closed:
                        return []
                    self._changed.wait()
                elif self._busy() and not self._full():
                    self._changed.wait(
                        self._queue[0].arrived + self.limits.max_wait - time.monotonic()
                    )
                else:
                    batch = self._take()
                    self._running += 1
                    return batch

    def _busy(self) -> bool:
        """A batch is running, or one ended less than ``max_wait`` seconds ago."""
        return bool(self._running) or time.monotonic() - self._ended < self.limits.max_wait

    def _full(self) -> bool:
        """Whether the queue makes a batch now: the budget reached or the oldest waited enough."""
        waited = time.monotonic() - self._queue[0].arrived
        return waited >= self.limits.max_wait or self._queued_tokens() >= self.limits.max_tokens

    def _queued_tokens(self) -> int:
        return sum(item.tokens for item in self._queue)

    def _take(self) -> list[_Item]:
        """The oldest queued sentence and the next ones with its options, to the budget."""
        options = self._queue[0].options
        batch: list[_Item] = []
        tokens = 0
        for item in list(self._queue):
            if item.options != options:
                continue
            if batch and tokens + item.tokens > self.limits.max_tokens:
                break
            batch.append(item)
            tokens += item.tokens
        for item in batch:
            self._queue.remove(item)
            item.queued = False
        return batch

    def _finish(self, batch: list[_Item]) -> None:
        with self._changed:
            self._running -= 1
            self._ended = time.monotonic()
            for item in batch:
                self._in_flight.pop((item.text, item.options), None)
            self._changed.notify_all()


@dataclass(frozen=True)
class BatchedEngine:
    """An :class:`Engine` whose calls join the batcher's shared batches; ``cancelled`` is the
    calling request's event, set when its client goes away."""

    batcher: Batcher
    cancelled: threading.Event | None = None

    def translate(
        self, texts: list[str], hypotheses: int = 1, align: bool = False
    ) -> list[list[Hypothesis]]:
        return self.batcher.translate(texts, hypotheses, align, self.cancelled)


_SHARED: dict[tuple[Path, EngineOptions, BatchLimits], Batcher] = {}
_STARTING = threading.Lock()


def shared_batcher(model: InstalledModel, options: EngineOptions, limits: BatchLimits) -> Batcher:
    """The process-wide batcher of this package's engine (:func:`pair_engine`: the models jobs
    and batch files use too), started on first use."""
    key = (model.path, options, limits)
    with _STARTING:
        batcher = _SHARED.get(key)
        if batcher is None:
            engine = pair_engine(model, options)
            batcher = _SHARED[key] = Batcher(engine, limits, options.inter_threads)
        return batcher


def batched_engines(
    limits: BatchLimits, cancelled: threading.Event | None = None
) -> EngineProvider:
    """An engine provider for one request: each package's shared batcher, with the request's
    ``cancelled`` event."""

    def provide(model: InstalledModel, options: EngineOptions) -> Engine:
        return BatchedEngine(shared_batcher(model, options, limits), cancelled)

    return provide
