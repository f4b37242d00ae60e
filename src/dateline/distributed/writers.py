"""Shard writers on Dask workers: each shard of a sharded store written by a worker.

With ``dateline ingest --dask ADDRESS --db FOLDER``, the ingest process reads, routes
and hands out row ids (``dateline.shards``), and each shard's part of a batch is written
on a worker: its articles and their analysis go as Parquet
(``dateline.distributed.shards``), the count of new articles comes back. A shard is
always written on the same worker while that worker lives, which keeps the shard's store
open there between batches (the near-duplicate originals come chosen by the ingest
process, ``dateline.shards.copies``); the ingest process waits for a shard's write before
sending its next, so a shard has one writer at a time and takes its batches in order.

The writer of a shard is a Dask actor (``ShardWriter``), not a task. A task would queue
behind the reading and analysis tasks on its worker (``dateline.distributed.readers``),
and since the ingest process waits for every shard's part of a batch before it takes the
next, each batch would wait for a chunk's analysis on every worker that holds a shard: the
cluster as a whole then went no faster than one worker. An actor's calls run at once, in
a thread of their own beside the worker's tasks.

The workers must see the shards at the same path as the ingest process: a local cluster
does; a cluster of several machines needs the folder on a file system they share
(docs/sharding.md).
"""

from __future__ import annotations

import threading
from contextlib import suppress
from pathlib import Path
from typing import cast

from distributed import Actor, Client

from dateline.distributed.shards import (
    analysis_from_parquet,
    analysis_to_parquet,
    articles_from_parquet,
    articles_to_parquet,
)
from dateline.errors import DatelineError
from dateline.model import Article, BatchAnalysis
from dateline.store import Store

# The stores a worker process has open, by path and thread (a connection serves the
# thread that opened it). Closed when the worker process ends.
_OPEN: dict[tuple[str, int], Store] = {}

# Making a shard's writer is a task, which goes before the reading tasks queued on its
# worker: the ingest process waits for it.
MAKE_WRITER_PRIORITY = 1

# How often, in seconds, a wait for a shard's write looks whether its worker is still there.
_LOOK_AGAIN_S = 1.0


class ShardWriter:
    """The actor that writes one shard on a worker."""

    def __init__(self, path: str) -> None:
        self._path = path

    def write(self, articles: bytes, analysis: bytes, rowids: list[int], originals: list[int | None]) -> int:
        """Store the shard's part of a batch (``Store.add_batch``). The store is opened
        here, in the worker's actor thread, where every call runs, not in the task that
        made the actor."""
        key = (self._path, threading.get_ident())
        store = _OPEN.get(key)
        if store is None:
            store = _OPEN[key] = Store.open(self._path)
        return store.add_batch(articles_from_parquet(articles), analysis_from_parquet(analysis), rowids, originals)


class DaskShardWriter:
    """A ``ShardWrite`` (``dateline.shards.store``) that writes each shard through a
    ``ShardWriter`` actor on the cluster behind ``client``, each shard on a worker of its
    own (round robin over the workers there when first written), so that a shard has one
    writer over its life. A shard whose worker has left the cluster is placed again, on
    the next worker in turn."""

    def __init__(self, client: Client) -> None:
        self._client = client
        self._placement: dict[Path, str] = {}
        self._placed = 0
        self._writers: dict[Path, tuple[str, Actor]] = {}
        self._lock = threading.Lock()

    def _workers(self) -> list[str]:
        """The addresses of the workers in the cluster now, asked of the scheduler.
        Not ``Client.scheduler_info()``: the client's own refresh, every two seconds,
        replaces what that returns with a worker list left empty, so it sometimes says
        the cluster has no workers."""
        workers = sorted(self._client.nthreads())
        if not workers:
            raise DatelineError("the Dask cluster has no workers left to write the shards")
        return workers

    def _worker_for(self, path: Path) -> str:
        """The worker that writes ``path``: the one it was first placed on while that
        worker lives, else the next in turn among the workers there now."""
        workers = self._workers()
        with self._lock:
            worker = self._placement.get(path)
            if worker is None or worker not in workers:
                worker = self._placement[path] = workers[self._placed % len(workers)]
                self._placed += 1
            return worker

    def __call__(
        self,
        path: Path,
        articles: list[Article],
        analysis: BatchAnalysis,
        rowids: list[int],
        originals: list[int | None],
    ) -> int:
        payload = (
            articles_to_parquet(articles),
            analysis_to_parquet(analysis),
            rowids,
            originals,
        )
        while True:
            worker = self._worker_for(path)
            future = self._writer_on(path, worker).write(*payload)
            try:
                while not future.done():
                    with suppress(TimeoutError):  # the write takes longer than a look
                        future.result(timeout=_LOOK_AGAIN_S)
                    if not future.done() and worker not in self._workers():
                        break
                else:
                    return int(future.result())
            except OSError:  # the call could not reach the worker
                if worker in self._workers():
                    raise
            # The worker has left: the write was one transaction, so it is sent again, to
            # a writer on the shard's next worker.

    def _writer_on(self, path: Path, worker: str) -> Actor:
        """The actor that writes ``path`` on ``worker``, made there when not made yet."""
        with self._lock:
            made = self._writers.get(path)
            if made is None or made[0] != worker:
                made = self._writers[path] = (worker, self._new_writer(path, worker))
            return made[1]

    def _new_writer(self, path: Path, worker: str) -> Actor:
        made = self._client.submit(
            ShardWriter,
            str(path.absolute()),
            actor=True,
            workers=[worker],
            allow_other_workers=False,
            priority=MAKE_WRITER_PRIORITY,
        )
        return cast(Actor, made.result())
