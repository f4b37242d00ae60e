"""Reading on the cluster: the workers of a Dask cluster read the input files as well.

Reading a file, decoding it and cleaning its text costs as much CPU as analysing the
article. Done in the ingest process, it bounds a cluster's ingest however many workers
it has (``bench/bench_shards.py``'s cost model). So, as
the local process pool does (``dateline.ingest.parallel``), the ingest process only
lists the files and the workers read and analyse them in chunks.

That needs the workers to see the files at the paths given. A local cluster does; a
cluster of several machines needs them on a file system the machines share. Before
anything is read, every worker is asked whether it sees the first file under each path,
at its size (``workers_see``), and, when a path is relative, whether it works in this
process's folder; if one does not, the files are read in the ingest process and only the
analysis goes to the cluster, and the ingest's report says so. Workers that join the
cluster later are not asked: they must see the files too, and have the same reader
plug-ins installed.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Callable, Sequence
from contextlib import suppress
from pathlib import Path

from distributed import Client

from dateline.errors import DatelineError
from dateline.ingest.discover import find_article_files
from dateline.ingest.inputs import STDIN
from dateline.ingest.parallel import Chunk, ChunkResult, Readers
from dateline.shards import AnyStore

# Chunks in flight per worker thread: one being read while the next waits.
CHUNKS_PER_THREAD = 2


class DaskPool:
    """A ``ChunkPool`` on the cluster behind ``client``: each chunk a task, sent to the
    workers in turn (left to itself, the scheduler gave most chunks to one worker while
    the other wrote shards), on another when that one is busy."""

    def __init__(self, client: Client) -> None:
        self._client = client
        self._turn = 0

    def submit(self, fn: Callable[..., Chunk], /, *args: object) -> ChunkResult:
        workers = sorted(self._client.nthreads())
        if not workers:
            raise DatelineError("the Dask cluster has no workers left to read the files")
        self._turn += 1
        result: ChunkResult = self._client.submit(
            fn, *args, pure=False, workers=[workers[self._turn % len(workers)]], allow_other_workers=True
        )
        return result


def cluster_readers(client: Client, store: AnyStore, paths: Sequence[str]) -> Readers | None:
    """The cluster's workers as ``Readers`` of ``paths``, or None when one of them does
    not see the first file found under each path (at the same size), or, for a path
    given relative, works in another folder than this process. Stored ids are looked up
    in the store by the workers only when all of them run on this host and see it:
    SQLite's locking holds on one host only, and a file at the same path elsewhere may
    be another store (the store leaves out what it holds when writing anyway)."""
    given = [path for path in paths if path != STDIN]
    relative = any(not Path(path).is_absolute() for path in given)
    if relative and set(client.run(os.getcwd).values()) != {os.getcwd()}:
        return None
    if not workers_see(client, first_files(given)):
        return None
    store_path = str(Path(store.path).absolute())
    here = set(client.run(socket.gethostname).values()) == {socket.gethostname()}
    known_in = store_path if here and Path(store_path).exists() and workers_see(client, {store_path: -1}) else ""
    return Readers(DaskPool(client), CHUNKS_PER_THREAD * max(sum(client.nthreads().values()), 1), known_in)


def first_files(paths: Sequence[str]) -> dict[str, int]:
    """The first input file found under each of ``paths`` (absolute), with its size: a
    folder existing on a worker says nothing of the files in it."""
    found: dict[str, int] = {}
    for path in paths:
        first = next((item for item in find_article_files([Path(path)]) if isinstance(item, tuple)), None)
        if first is not None:
            with suppress(OSError):
                found[str(first[0].absolute())] = first[0].stat().st_size
    return found


def workers_see(client: Client, files: dict[str, int]) -> bool:
    """Whether every worker of the cluster sees every one of ``files`` (at its size;
    -1: any size)."""
    seen = client.run(_all_there, files)
    return bool(seen) and all(seen.values())


def _all_there(files: dict[str, int]) -> bool:
    for path, size in files.items():
        try:
            if size >= 0 and os.stat(path).st_size != size:
                return False
        except OSError:
            return False
    return True
