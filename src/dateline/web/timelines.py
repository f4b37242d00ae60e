"""Building timelines for requests, each distinct one once while the store is unchanged.

The cache key is the request's parameters plus the store's article count: articles are
only ever added (ids are content hashes, inserts never update), so the count changes
exactly when the content does and a cached timeline is never stale.
"""

from __future__ import annotations

from dataclasses import dataclass

from dateline.model import Timeline
from dateline.operations import make_timeline
from dateline.retrieve.search import Strategy
from dateline.store import Store
from dateline.web.cache import SingleFlightCache
from dateline.web.params import TimelineParams


@dataclass(frozen=True)
class BuiltTimeline:
    """A timeline and how its articles were found (the rule and how many)."""

    timeline: Timeline
    strategy: Strategy
    articles: int


TimelineCache = SingleFlightCache[BuiltTimeline]


def build_timeline(cache: TimelineCache, store: Store, params: TimelineParams) -> BuiltTimeline:
    selection = params.filters

    def compute() -> BuiltTimeline:
        result = make_timeline(
            store, selection.query, params.dates, params.sentences, params.method,
            selection.date_from, selection.date_to, selection.collection,
        )
        return BuiltTimeline(result.timeline, result.retrieval.strategy, len(result.retrieval.rowids))

    return cache.get((params, store.count_articles()), compute)
