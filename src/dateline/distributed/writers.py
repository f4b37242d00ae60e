"""Shard writers on Dask workers: each shard of a sharded store written by a worker.

With ``dateline ingest --dask ADDRESS --db FOLDER``, the ingest process reads, routes
and hands out row ids (``dateline.shards``), and each shard's part of a batch is written
by a task on a worker: the shard's path, its articles and their analysis go as Parquet
(``dateline.distributed.shards``), the count of new articles comes back. A shard is
always sent to the same worker while that worker lives, which keeps the shard's store,
and the near-duplicate index it holds in memory, open there between batches; the ingest
process waits for a shard's write before sending its next, so a shard has one writer at
a time and takes its batches in order.

The workers must see the shards at the same path as the ingest process: a local cluster
does; a cluster of several machines needs the folder on a file system they share
(docs/sharding.md).
"""

from __future__ import annotations

import threading
from pathlib import Path

from distributed import Client

from dateline.distributed.shards import (
    analysis_from_parquet,
    analysis_to_parquet,
    articles_from_parquet,
    articles_to_parquet,
)
from dateline.model import Article, BatchAnalysis
from dateline.store import Store

# The stores a worker process has open, by path and thread (a connection serves the
# thread that opened it). Closed when the worker process ends.
_OPEN: dict[tuple[str, int], Store] = {}


def write_shard_part(path: str, articles: bytes, analysis: bytes, rowids: list[int]) -> int:
    """The task run on a worker: store a shard's part of a batch (``Store.add_batch``)."""
    key = (path, threading.get_ident())
    store = _OPEN.get(key)
    if store is None:
        store = _OPEN[key] = Store.open(path)
    return store.add_batch(articles_from_parquet(articles), analysis_from_parquet(analysis), rowids)


class DaskShardWriter:
    """A ``ShardWrite`` (``dateline.shards.store``) that runs ``write_shard_part`` on the
    cluster behind ``client``, each shard on a worker of its own (round robin over the
    workers there when first written)."""

    def __init__(self, client: Client) -> None:
        self._client = client
        self._workers = sorted(client.scheduler_info()["workers"])
        self._placement: dict[Path, str] = {}
        self._lock = threading.Lock()

    def __call__(self, path: Path, articles: list[Article], analysis: BatchAnalysis, rowids: list[int]) -> int:
        with self._lock:
            worker = self._placement.setdefault(path, self._workers[len(self._placement) % len(self._workers)])
        future = self._client.submit(
            write_shard_part,
            str(path.absolute()),
            articles_to_parquet(articles),
            analysis_to_parquet(analysis),
            rowids,
            pure=False,
            workers=[worker],
            allow_other_workers=True,
        )
        return int(future.result())
