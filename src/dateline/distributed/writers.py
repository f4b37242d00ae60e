"""Shard writers on Dask workers: each shard of a sharded store written by a worker.

With ``dateline ingest --dask ADDRESS --db FOLDER``, the ingest process reads, routes
and hands out row ids (``dateline.shards``), and each shard's part of a batch is written
by a task on a worker: the shard's path, its articles and their analysis go as Parquet
(``dateline.distributed.shards``), the count of new articles comes back. A shard is
always sent to the same worker while that worker lives, which keeps the shard's store
open there between batches (the near-duplicate originals come chosen by the ingest
process, ``dateline.shards.copies``); the ingest process waits for a shard's write before
sending its next, so a shard has one writer at a time and takes its batches in order.

The workers must see the shards at the same path as the ingest process: a local cluster
does; a cluster of several machines needs the folder on a file system they share
(docs/sharding.md).
"""

from __future__ import annotations

import threading
from contextlib import suppress
from pathlib import Path

from distributed import Client, wait

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

# How often, in seconds, a wait for a shard's write looks whether its worker is still there.
_LOOK_AGAIN_S = 1.0


def write_shard_part(
    path: str, articles: bytes, analysis: bytes, rowids: list[int], originals: list[int | None]
) -> int:
    """The task run on a worker: store a shard's part of a batch (``Store.add_batch``)."""
    key = (path, threading.get_ident())
    store = _OPEN.get(key)
    if store is None:
        store = _OPEN[key] = Store.open(path)
    return store.add_batch(articles_from_parquet(articles), analysis_from_parquet(analysis), rowids, originals)


class DaskShardWriter:
    """A ``ShardWrite`` (``dateline.shards.store``) that runs ``write_shard_part`` on the
    cluster behind ``client``, each shard on a worker of its own (round robin over the
    workers there when first written).

    The placement is strict: with loose restrictions the scheduler's work stealing moves
    a shard's write to an idle worker while its own is busy with another shard, and the
    shard then has two writers over its life. A shard whose worker has left the cluster
    is placed again, on the next worker in turn."""

    def __init__(self, client: Client) -> None:
        self._client = client
        self._placement: dict[Path, str] = {}
        self._placed = 0
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
            str(path.absolute()),
            articles_to_parquet(articles),
            analysis_to_parquet(analysis),
            rowids,
            originals,
        )
        while True:
            worker = self._worker_for(path)
            future = self._client.submit(
                write_shard_part, *payload, pure=False, workers=[worker], allow_other_workers=False
            )
            while not future.done():
                with suppress(TimeoutError):  # wait raises it when the write takes longer
                    wait([future], timeout=_LOOK_AGAIN_S)
                if not future.done() and worker not in self._workers():
                    # A strictly placed task waits for its worker forever; the write was
                    # one transaction, so it is sent again to the shard's next worker.
                    future.cancel()
                    break
            else:
                return int(future.result())
