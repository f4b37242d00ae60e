"""A thread-safe LRU cache that computes each missing value once ("single flight").

Building a timeline over a large collection takes up to seconds of CPU, and under load
many clients ask for the same popular timelines at the same moment. Without coalescing,
twenty threads would each build the same timeline and all finish late; here the first
caller computes and the others wait for its result (or its exception).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Generic, TypeVar

Value = TypeVar("Value")


@dataclass(frozen=True)
class CacheStats:
    entries: int
    hits: int
    misses: int


class SingleFlightCache(Generic[Value]):
    """At most ``capacity`` values, least recently used evicted first; capacity 0 still
    coalesces concurrent computations of one key but keeps nothing afterwards."""

    def __init__(self, capacity: int) -> None:
        self._capacity = capacity
        self._values: OrderedDict[Hashable, Value] = OrderedDict()
        self._in_flight: dict[Hashable, Future[Value]] = {}
        self._lock = threading.Lock()
        self._hits = 0
        self._misses = 0

    def get(self, key: Hashable, compute: Callable[[], Value]) -> Value:
        """The cached value of ``key``, computing it with ``compute()`` if needed."""
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                self._hits += 1
                return self._values[key]
            pending = self._in_flight.get(key)
            if pending is None:
                self._misses += 1
                pending = self._in_flight[key] = Future()
                owner = True
            else:
                self._hits += 1
                owner = False
        if not owner:
            return pending.result()
        try:
            value = compute()
        except BaseException as error:
            with self._lock:
                del self._in_flight[key]
            pending.set_exception(error)
            raise
        with self._lock:
            del self._in_flight[key]
            if self._capacity > 0:
                self._values[key] = value
                while len(self._values) > self._capacity:
                    self._values.popitem(last=False)
        pending.set_result(value)
        return value

    def __contains__(self, key: Hashable) -> bool:
        """Whether ``key`` is cached or being computed (a ``get`` now would not compute)."""
        with self._lock:
            return key in self._values or key in self._in_flight

    def stats(self) -> CacheStats:
        with self._lock:
            return CacheStats(len(self._values), self._hits, self._misses)
