"""Building timelines for requests: each distinct one once while the store is unchanged,
and only a few at a time.

The cache key is the request's parameters plus the store's article count: articles are
only ever added (ids are content hashes, inserts never update), so the count changes
exactly when the content does and a cached timeline is never stale.

Builds are CPU-bound Python, so threads building at once only share the interpreter:
ten concurrent builds all finish late, and every cheap request (a cached timeline, an
article) waits behind them. Admitting ``concurrent_builds`` at a time finishes builds
in arrival order instead and keeps the interpreter free for the cheap requests.

A ``RateLimiter`` bounds how many builds each client starts: only a request that would
build is counted, so reading cached timelines (or one another client is building) is
never limited.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from dateline.model import Timeline
from dateline.operations import make_timeline
from dateline.retrieve.search import Strategy
from dateline.shards import AnyStore
from dateline.web.cache import CacheStats, SingleFlightCache
from dateline.web.params import TimelineParams
from dateline.web.ratelimit import RateLimiter


@dataclass(frozen=True)
class BuiltTimeline:
    """A timeline and how its articles were found (the rule and how many)."""

    timeline: Timeline
    strategy: Strategy
    articles: int


class TimelineBuilder:
    """Builds timelines through a ``SingleFlightCache`` of ``cache_entries`` entries,
    each client's builds limited by ``limiter``."""

    def __init__(self, cache_entries: int, concurrent_builds: int, limiter: RateLimiter) -> None:
        self._cache: SingleFlightCache[BuiltTimeline] = SingleFlightCache(cache_entries)
        self._slots = threading.BoundedSemaphore(concurrent_builds)
        self._limiter = limiter

    def build(self, store: AnyStore, params: TimelineParams, client: str) -> BuiltTimeline:
        """The timeline of ``params``; raises ``RateLimited`` if it must be built and
        ``client`` has started too many builds lately."""
        selection = params.filters

        def compute() -> BuiltTimeline:
            with self._slots:
                result = make_timeline(
                    store,
                    selection.query,
                    params.dates,
                    params.sentences,
                    params.method,
                    selection.date_from,
                    selection.date_to,
                    selection.collection,
                    granularity=params.granularity,
                    since=params.since,
                )
            return BuiltTimeline(result.timeline, result.retrieval.strategy, len(result.retrieval.rowids))

        key = (params, store.count_articles())
        if key not in self._cache:
            self._limiter.take(client)
        return self._cache.get(key, compute)

    def stats(self) -> CacheStats:
        return self._cache.stats()
