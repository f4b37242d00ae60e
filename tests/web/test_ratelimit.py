"""The per-client token buckets, on a clock the test moves by hand."""

from __future__ import annotations

import pytest

from dateline.web import ratelimit
from dateline.web.ratelimit import RateLimited, RateLimiter


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_client_may_burst_ten_seconds_worth_then_waits_for_the_rate() -> None:
    clock = Clock()
    limiter = RateLimiter("builds", 60, clock)
    for _ in range(10):
        limiter.take("a")
    with pytest.raises(RateLimited) as limited:
        limiter.take("a")
    assert limited.value.retry_after == 1 and "too many builds" in str(limited.value)
    clock.now += 1
    limiter.take("a")


def test_retry_after_is_the_wait_for_the_next_allowance_rounded_up() -> None:
    clock = Clock()
    limiter = RateLimiter("writes", 4, clock)  # one every 15 s, a burst of one
    limiter.take("a")
    clock.now += 5
    with pytest.raises(RateLimited) as limited:
        limiter.take("a")
    assert limited.value.retry_after == 10


def test_clients_have_separate_allowances() -> None:
    limiter = RateLimiter("builds", 6, Clock())
    limiter.take("a")
    with pytest.raises(RateLimited):
        limiter.take("a")
    limiter.take("b")


def test_zero_means_no_limit() -> None:
    limiter = RateLimiter("builds", 0, Clock())
    assert not limiter.enabled
    for _ in range(1000):
        limiter.take("a")


def test_idle_clients_are_forgotten_once_there_are_many(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ratelimit, "PRUNE_AT", 3)
    clock = Clock()
    limiter = RateLimiter("builds", 6, clock)
    for client in "abc":
        limiter.take(client)
    clock.now += 60
    limiter.take("d")
    assert set(limiter._buckets) == {"d"}
