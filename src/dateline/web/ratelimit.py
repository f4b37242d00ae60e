"""Per-client rate limits on the expensive requests (uncached timeline builds, writes).

Each client has a token bucket: it may start ``per_minute`` of them a minute, in bursts
of up to ten seconds' worth, and is otherwise answered 429 with ``Retry-After``. A
client is its address as the server sees it (behind a reverse proxy, the address the
proxy forwards; see docs/security.md). Buckets are kept in memory; once there are many,
those of clients idle long enough to be full again are forgotten, so a crowd of
addresses cannot grow the table without bound.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable

BURST_SECONDS = 10
# Buckets kept before full ones are dropped.
PRUNE_AT = 10_000


class RateLimited(Exception):
    """The client must wait ``retry_after`` seconds (HTTP 429 with ``Retry-After``)."""

    def __init__(self, what: str, retry_after: int) -> None:
        super().__init__(f"too many {what} from this client; retry in {retry_after} s")
        self.retry_after = retry_after


class RateLimiter:
    """``per_minute`` of ``what`` per client and minute; 0 means no limit."""

    def __init__(self, what: str, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self._what = what
        self._rate = per_minute / 60
        self._capacity = max(1.0, per_minute * BURST_SECONDS / 60)
        self._clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    @property
    def enabled(self) -> bool:
        return self._rate > 0

    def take(self, client: str) -> None:
        """Spend one of ``client``'s allowance, or raise ``RateLimited``."""
        if not self.enabled:
            return
        with self._lock:
            now = self._clock()
            tokens = self._level(client, now)
            if tokens < 1:
                self._buckets[client] = (tokens, now)
                raise RateLimited(self._what, math.ceil(round((1 - tokens) / self._rate, 6)))
            self._buckets[client] = (tokens - 1, now)
            if len(self._buckets) > PRUNE_AT:
                self._prune(now)

    def _level(self, client: str, now: float) -> float:
        tokens, updated = self._buckets.get(client, (self._capacity, now))
        return min(self._capacity, tokens + (now - updated) * self._rate)

    def _prune(self, now: float) -> None:
        for client in [client for client in self._buckets if self._level(client, now) >= self._capacity]:
            del self._buckets[client]
