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
the worker's actor thread (one per worker, shared by its actors: two shards on one worker
are written one after the other), beside the worker's tasks. Making an actor is a task,
though, so every shard's writer is made before the ingest sends anything else
(``DaskShardWriter.start``); one made again later, when its worker has left, may wait for
the chunk its new worker is reading.

The workers must see the shards at the same path as the ingest process: a local cluster
does; a cluster of several machines needs the folder on a file system they share
(docs/sharding.md).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from distributed import Actor, Client, Future
from distributed.actor import BaseActorFuture

from dateline.distributed.shards import (
    analysis_from_parquet,
    analysis_to_parquet,
    articles_from_parquet,
    articles_to_parquet,
)
from dateline.errors import DatelineError, StoreError
from dateline.model import Article, BatchAnalysis
from dateline.store import Store

# The shard files this worker process has written, for a test or a look from the client
# (``Client.run``): which worker wrote which shard.
WRITTEN_HERE: set[str] = set()

# Making a shard's writer is a task, which goes before the reading tasks queued on its
# worker.
MAKE_WRITER_PRIORITY = 1

# How often, in seconds, a wait on a worker looks whether it is still there.
_LOOK_AGAIN_S = 1.0


class ShardWriter:
    """The actor that writes one shard on a worker. Its calls all run in the worker's
    actor thread (one per worker, for all its actors), where the store is opened, at the
    first write, and closed."""

    def __init__(self, path: str) -> None:
        self._path = path
        self._store: Store | None = None

    def write(self, articles: bytes, analysis: bytes, rowids: list[int], originals: list[int | None]) -> int:
        """Store the shard's part of a batch (``Store.add_batch``)."""
        if self._store is None:
            if not Path(self._path).is_file():
                # The ingest process made every shard before the first write: a worker
                # that does not find one sees another disk, where writing would make a
                # shard nobody reads.
                raise StoreError(f"{self._path}: the shard is not there for the Dask worker that writes it")
            self._store = Store.open(self._path)
            WRITTEN_HERE.add(self._path)
        return self._store.add_batch(
            articles_from_parquet(articles), analysis_from_parquet(analysis), rowids, originals
        )

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


@dataclass(frozen=True)
class _Placed:
    """A shard's writer: the worker it is on, the task that made it, the actor."""

    worker: str
    made: Future
    actor: Actor

    def lost(self) -> bool:
        """Whether the actor went with its worker (a worker restarted at the same address
        holds no actor)."""
        return self.made.status != "finished"


class DaskShardWriter:
    """A ``ShardWrite`` (``dateline.shards.store``) that writes each shard through a
    ``ShardWriter`` actor on the cluster behind ``client``, each shard on a worker of its
    own (round robin over the workers there when first placed), so that a shard has one
    writer over its life. A shard whose worker has left the cluster, or whose actor went
    with it, is placed again, on the next worker in turn. ``start`` makes the writers of
    the given shards before the ingest sends any other task, and ``close`` closes them."""

    def __init__(self, client: Client) -> None:
        self._client = client
        self._placement: dict[Path, str] = {}
        self._placed = 0
        self._writers: dict[Path, _Placed] = {}
        self._lock = threading.Lock()
        self._path_locks: dict[Path, threading.Lock] = {}

    def start(self, paths: Sequence[Path]) -> None:
        """Place and make the writers of ``paths``, side by side: made while the workers
        are idle, no writer waits for a reading task to end."""
        workers = {path: self._worker_for(path) for path in paths}
        made = {path: self._make(path, worker) for path, worker in workers.items()}
        for path, future in made.items():
            placed = self._placed_writer(workers[path], future)
            if placed is not None:
                self._writers[path] = placed

    def close(self) -> None:
        """Close every shard's store on its worker (a writer whose worker has gone is
        passed by) and let the actors go."""
        closing = [placed.actor.close() for placed in self._writers.values() if not placed.lost()]
        for call in closing:
            with suppress(Exception):  # a worker lost now leaves nothing to close
                call.result(timeout=60)
        self._writers.clear()

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
            placed = self._writer_on(path, worker)
            if placed is None:
                continue  # the worker left while its writer was being made
            try:
                future = placed.actor.write(*payload)
                if self._done_while_there(worker, future):
                    return int(future.result())
            except (OSError, RuntimeError, KeyError):
                # The call could not reach the actor: its worker has left, or came back
                # at the same address without it. Anything else is the write's own error.
                if worker in self._workers() and not placed.lost():
                    raise
            # The write was one transaction: it is sent again, to a new writer.
            with self._lock:
                if self._writers.get(path) is placed:
                    del self._writers[path]

    def _writer_on(self, path: Path, worker: str) -> _Placed | None:
        """The writer of ``path`` on ``worker``, made there when there is none (None when
        the worker leaves meanwhile). Only the shard's own writes wait while it is made."""
        with self._lock:
            path_lock = self._path_locks.setdefault(path, threading.Lock())
        with path_lock:
            placed = self._writers.get(path)
            if placed is not None and placed.worker == worker and not placed.lost():
                return placed
            placed = self._placed_writer(worker, self._make(path, worker))
            if placed is not None:
                self._writers[path] = placed
            return placed

    def _make(self, path: Path, worker: str) -> Future:
        return self._client.submit(
            ShardWriter,
            str(path.absolute()),
            actor=True,
            workers=[worker],
            allow_other_workers=False,
            priority=MAKE_WRITER_PRIORITY,
            pure=False,
        )

    def _placed_writer(self, worker: str, made: Future) -> _Placed | None:
        """The writer ``made`` makes on ``worker``, or None when the worker leaves first."""
        if not self._done_while_there(worker, made):
            made.cancel()
            return None
        return _Placed(worker, made, cast(Actor, made.result()))

    def _done_while_there(self, worker: str, future: Future | BaseActorFuture[int]) -> bool:
        """Wait for ``future``, a task or an actor's call on ``worker``: True once it is
        done, False when the worker leaves first (either would wait for it forever)."""
        while not future.done():
            with suppress(TimeoutError):  # it takes longer than a look
                future.result(timeout=_LOOK_AGAIN_S)
            if not future.done() and worker not in self._workers():
                return False
        return True
