"""One thread per shard, owning that shard's open store.

A ``sqlite3`` connection may only be used by the thread that opened it, so each shard is
opened by, and only ever used from, its own single-thread executor. Calls to several
shards then run side by side: SQLite lets go of the GIL while it searches and reads, so
a query fanned out over the shards waits for the slowest shard, not for their sum.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

from dateline.store import Store

Result = TypeVar("Result")


class ShardWorker:
    """The store of one shard, opened (``create``: created or migrated) on its own thread."""

    def __init__(self, path: Path, create: bool) -> None:
        self.path = path
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"shard-{path.stem}")
        try:
            self._store = self._thread.submit(Store.open, path, create).result()
        except BaseException:
            self._thread.shutdown()
            raise

    def submit(self, call: Callable[[Store], Result]) -> Future[Result]:
        """Run ``call(store)`` on the shard's thread."""
        return self._thread.submit(call, self._store)

    def close(self) -> None:
        self._thread.submit(self._store.close).result()
        self._thread.shutdown()
