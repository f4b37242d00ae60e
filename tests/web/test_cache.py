"""The single-flight LRU cache that keeps built timelines."""

from __future__ import annotations

import threading
import time

import pytest

from dateline.web.cache import SingleFlightCache


def test_a_value_is_computed_once_and_then_served() -> None:
    cache: SingleFlightCache[int] = SingleFlightCache(4)
    calls = []
    assert cache.get("k", lambda: calls.append(1) or 42) == 42
    assert cache.get("k", lambda: calls.append(1) or 0) == 42
    assert calls == [1]
    assert (cache.stats().hits, cache.stats().misses, cache.stats().entries) == (1, 1, 1)


def test_concurrent_requests_for_one_key_share_one_computation() -> None:
    cache: SingleFlightCache[str] = SingleFlightCache(4)
    calls, results = [], []
    release = threading.Event()

    def slow() -> str:
        calls.append(1)
        release.wait(5)
        return "built"

    threads = [threading.Thread(target=lambda: results.append(cache.get("k", slow))) for _ in range(8)]
    for thread in threads:
        thread.start()
    time.sleep(0.1)
    release.set()
    for thread in threads:
        thread.join(5)
    assert calls == [1] and results == ["built"] * 8


def test_an_error_reaches_every_waiter_and_is_not_cached() -> None:
    cache: SingleFlightCache[int] = SingleFlightCache(4)

    def fail() -> int:
        raise ValueError("boom")

    with pytest.raises(ValueError, match="boom"):
        cache.get("k", fail)
    assert cache.get("k", lambda: 7) == 7


def test_the_least_recently_used_value_is_evicted() -> None:
    cache: SingleFlightCache[str] = SingleFlightCache(2)
    cache.get("a", lambda: "a")
    cache.get("b", lambda: "b")
    cache.get("a", lambda: "stale")
    cache.get("c", lambda: "c")
    assert cache.get("a", lambda: "new a") == "a"
    assert cache.get("b", lambda: "new b") == "new b"


def test_capacity_zero_keeps_nothing() -> None:
    cache: SingleFlightCache[int] = SingleFlightCache(0)
    cache.get("k", lambda: 1)
    assert cache.get("k", lambda: 2) == 2 and cache.stats().entries == 0
