"""The micro-batcher: concurrent requests share engine batches (a recording engine counts them)."""

import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor

import pytest

from tests.engines import Gated
from translator.engine.batcher import Batcher, BatchLimits
from translator.engine.ctranslate import Hypothesis
from translator.errors import Cancelled, Overloaded

Texts = list[str]


@pytest.fixture
def pool() -> Iterator[ThreadPoolExecutor]:
    with ThreadPoolExecutor(32) as executor:
        yield executor


def until(condition: Callable[[], bool], seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.005)


def texts_of(results: list[list[Hypothesis]]) -> Texts:
    return [hyps[0].text for hyps in results]


def busy(batcher: Batcher, engine: Gated, pool: ThreadPoolExecutor) -> Future[Texts]:
    """A first request that the engine holds: the batcher's one slot is busy."""
    first = pool.submit(lambda: texts_of(batcher.translate(["busy"])))
    engine.started.acquire(timeout=10)
    return first


def test_a_lone_request_goes_at_once_and_keeps_its_order() -> None:
    engine = Gated()
    engine.gate.set()
    batcher = Batcher(engine, BatchLimits(max_wait=5.0))
    started = time.monotonic()
    assert texts_of(batcher.translate(["b", "a", "c"])) == ["B", "A", "C"]
    assert time.monotonic() - started < 1.0
    assert engine.batches == [["b", "a", "c"]]


def test_requests_queued_while_the_engine_runs_make_one_batch(pool: ThreadPoolExecutor) -> None:
    engine = Gated()
    batcher = Batcher(engine)
    first = busy(batcher, engine, pool)
    requests = [pool.submit(batcher.translate, [f"s{n}a", f"s{n}b"]) for n in range(10)]
    until(lambda: batcher.queued == 20)
    engine.gate.set()
    assert first.result(10) == ["BUSY"]
    for n, request in enumerate(requests):
        assert texts_of(request.result(10)) == [f"S{n}A", f"S{n}B"]
    assert len(engine.batches) == 2
    assert sorted(engine.batches[1]) == sorted(f"s{n}{c}" for n in range(10) for c in "ab")


def test_identical_sentences_in_flight_are_translated_once(pool: ThreadPoolExecutor) -> None:
    engine = Gated()
    batcher = Batcher(engine)
    first = busy(batcher, engine, pool)
    same = [pool.submit(batcher.translate, ["same", f"own {n}"]) for n in range(5)]
    running = pool.submit(batcher.translate, ["busy"])  # the one the engine is on
    until(lambda: batcher.queued == 6)
    engine.gate.set()
    assert first.result(10) == ["BUSY"] and texts_of(running.result(10)) == ["BUSY"]
    assert [texts_of(r.result(10)) for r in same] == [["SAME", f"OWN {n}"] for n in range(5)]
    assert sorted(engine.batches[1]) == sorted(["same", *(f"own {n}" for n in range(5))])
    assert len(engine.batches) == 2


def test_options_are_never_mixed_in_a_batch(pool: ThreadPoolExecutor) -> None:
    engine = Gated()
    batcher = Batcher(engine)
    first = busy(batcher, engine, pool)
    plain = pool.submit(batcher.translate, ["x"])
    nbest = pool.submit(batcher.translate, ["x"], 3)
    until(lambda: batcher.queued == 2)
    engine.gate.set()
    first.result(10)
    assert len(plain.result(10)[0]) == 1 and len(nbest.result(10)[0]) == 3
    assert engine.batches[1:] == [["x"], ["x"]]


def test_a_busy_slot_holds_a_batch_for_max_wait_then_sends_it(pool: ThreadPoolExecutor) -> None:
    engine = Gated()
    batcher = Batcher(engine, BatchLimits(max_wait=0.3), slots=2)
    first = busy(batcher, engine, pool)
    sent = time.monotonic()
    second = pool.submit(batcher.translate, ["later"])
    assert engine.started.acquire(timeout=10)
    waited = time.monotonic() - sent
    assert 0.25 <= waited < 2.0
    engine.gate.set()
    assert first.result(10) == ["BUSY"] and texts_of(second.result(10)) == ["LATER"]


def test_a_request_just_after_a_batch_waits_for_the_others() -> None:
    """A batch that just ended counts as busy: the next request waits ``max_wait`` for its
    fellows; once the engine has been quiet that long, a request goes at once again."""
    engine = Gated()
    engine.gate.set()
    batcher = Batcher(engine, BatchLimits(max_wait=0.3))
    batcher.translate(["first"])
    sent = time.monotonic()
    batcher.translate(["right after"])
    assert 0.25 <= time.monotonic() - sent < 2.0
    time.sleep(0.35)
    sent = time.monotonic()
    batcher.translate(["after a pause"])
    assert time.monotonic() - sent < 0.2


def test_a_busy_slot_sends_at_once_when_the_token_budget_is_reached(
    pool: ThreadPoolExecutor,
) -> None:
    engine = Gated()
    batcher = Batcher(engine, BatchLimits(max_wait=30.0, max_tokens=10), slots=2)
    first = busy(batcher, engine, pool)
    sent = time.monotonic()
    second = pool.submit(batcher.translate, ["x" * 40])  # about 11 tokens
    assert engine.started.acquire(timeout=10)
    assert time.monotonic() - sent < 2.0
    engine.gate.set()
    first.result(10)
    assert texts_of(second.result(10)) == ["X" * 40]


def test_a_full_queue_refuses_a_request_whole(pool: ThreadPoolExecutor) -> None:
    engine = Gated()
    batcher = Batcher(engine, BatchLimits(max_queued=3))
    first = busy(batcher, engine, pool)
    queued = pool.submit(batcher.translate, ["a", "b", "c"])
    until(lambda: batcher.queued == 3)
    with pytest.raises(Overloaded, match="3 sentences are waiting"):
        batcher.translate(["d"])
    assert batcher.queued == 3
    engine.gate.set()
    first.result(10)
    assert texts_of(queued.result(10)) == ["A", "B", "C"]
    assert engine.batches[1] == ["a", "b", "c"]


def test_an_empty_queue_takes_a_request_larger_than_the_bound() -> None:
    engine = Gated()
    engine.gate.set()
    batcher = Batcher(engine, BatchLimits(max_queued=2))
    assert texts_of(batcher.translate(["a", "b", "c", "d"])) == ["A", "B", "C", "D"]


def test_a_failing_batch_fails_only_its_own_requests(pool: ThreadPoolExecutor) -> None:
    engine = Gated(fail_on="boom")
    batcher = Batcher(engine, BatchLimits(max_tokens=1))  # one sentence per batch
    first = busy(batcher, engine, pool)
    failing = pool.submit(batcher.translate, ["boom"])
    fine = pool.submit(batcher.translate, ["fine"])
    until(lambda: batcher.queued == 2)
    engine.gate.set()
    first.result(10)
    with pytest.raises(RuntimeError, match="failed on 'boom'"):
        failing.result(10)
    assert texts_of(fine.result(10)) == ["FINE"]
    assert engine.batches == [["busy"], ["boom"], ["fine"]]
    assert texts_of(batcher.translate(["after"])) == ["AFTER"]


def test_a_cancelled_request_leaves_the_queue(pool: ThreadPoolExecutor) -> None:
    engine = Gated()
    batcher = Batcher(engine)
    first = busy(batcher, engine, pool)
    gone, staying = threading.Event(), threading.Event()
    abandoned = pool.submit(batcher.translate, ["only mine", "shared"], 1, False, gone)
    kept = pool.submit(batcher.translate, ["shared"], 1, False, staying)
    until(lambda: batcher.queued == 2)
    gone.set()
    with pytest.raises(Cancelled):
        abandoned.result(10)
    assert batcher.queued == 1  # "shared" stays: another request waits for it
    engine.gate.set()
    first.result(10)
    assert texts_of(kept.result(10)) == ["SHARED"]
    assert engine.batches == [["busy"], ["shared"]]


def test_close_drains_the_queue_then_stops(pool: ThreadPoolExecutor) -> None:
    engine = Gated()
    batcher = Batcher(engine)
    first = busy(batcher, engine, pool)
    queued = pool.submit(batcher.translate, ["last"])
    until(lambda: batcher.queued == 1)
    closing = pool.submit(batcher.close)
    engine.gate.set()
    closing.result(10)
    assert first.result(10) == ["BUSY"] and texts_of(queued.result(10)) == ["LAST"]
    with pytest.raises(Overloaded, match="shutting down"):
        batcher.translate(["too late"])
