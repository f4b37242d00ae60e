"""Reading many scattered rows at once, over several connections.

A timeline loads about a thousand articles from all over the store. When the store is
not in the operating system's cache (a 13 GB store of a million articles, opened for the
first time in a while), that means thousands of page reads at random places, and one
connection issues them one after another. SQLite lets go of the GIL while it reads, so
a few threads, each with its own read-only connection, keep several reads in flight,
which the kernel and the disk serve side by side, so a timeline's articles load much
sooner from a cold store over four connections than over one (docs/scale.md).

A ``ParallelReader`` lives for one load (a ``with`` block): no thread or connection
outlives it, so nothing is left running when the process later forks ingest workers.
"""

from __future__ import annotations

import sqlite3
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from types import TracebackType
from typing import TypeVar

READER_THREADS = 4
IN_FLIGHT_PER_THREAD = 2

Item = TypeVar("Item")
Result = TypeVar("Result")


class ParallelReader:
    """A few threads with a read-only connection each, to the store file ``file`` (an
    absolute path, as ``PRAGMA database_list`` gives it)."""

    def __init__(self, file: str, busy_timeout_ms: int, threads: int = READER_THREADS) -> None:
        self._uri = Path(file).as_uri() + "?mode=ro"
        self._busy_timeout_ms = busy_timeout_ms
        self._threads = threads
        self._pool = ThreadPoolExecutor(threads, thread_name_prefix="dateline-reader")
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._lock = threading.Lock()

    def __enter__(self) -> ParallelReader:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()

    def map(self, read: Callable[[sqlite3.Connection, Item], Result], items: Sequence[Item]) -> Iterator[Result]:
        """``read(connection, item)`` for each item, in order; each call is one read
        transaction (its statements see one state of the store). At most a couple of
        items per thread are read ahead of the consumer, which bounds the memory; what
        is read ahead is cancelled if the consumer stops early."""
        pending: deque[Future[Result]] = deque()
        ahead = self._threads * IN_FLIGHT_PER_THREAD
        try:
            for item in items:
                pending.append(self._pool.submit(self._in_transaction, read, item))
                if len(pending) >= ahead:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()

    def close(self) -> None:
        """Wait for the reads under way, then close every connection."""
        self._pool.shutdown(wait=True, cancel_futures=True)
        for connection in self._connections:
            connection.close()

    def _in_transaction(self, read: Callable[[sqlite3.Connection, Item], Result], item: Item) -> Result:
        connection = self._connection()
        connection.execute("BEGIN")
        try:
            result = read(connection, item)
        except BaseException:
            if connection.in_transaction:  # SQLite may have rolled back already
                connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")
        return result

    def _connection(self) -> sqlite3.Connection:
        connection = getattr(self._local, "connection", None)
        if connection is None:
            # Used by this thread only; closed by ``close`` once the threads are done.
            connection = sqlite3.connect(
                self._uri, uri=True, isolation_level=None, check_same_thread=False, timeout=self._busy_timeout_ms / 1000
            )
            self._local.connection = connection
            with self._lock:
                self._connections.append(connection)
        return connection
