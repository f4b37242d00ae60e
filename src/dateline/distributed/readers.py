"""Reading on the cluster: the workers of a Dask cluster read the input files as well.

Reading a file, decoding it and cleaning its text costs as much CPU as analysing the
article. Done in the ingest process, it bounds a cluster's ingest however many workers
it has (about 1,600 articles/s by the cost model of ``bench/bench_shards.py``). So, as
the local process pool does (``dateline.ingest.parallel``), the ingest process only
lists the files and the workers read and analyse them in chunks.

That needs the workers to see the files at the paths given. A local cluster does; a
cluster of several machines needs them on a file system the machines share. Before
anything is read, every worker is asked whether it sees the inputs
(``workers_see``), and whether it works in this process's folder, so that a path
given relative to it names the same file there; if one does not, the files are read in
the ingest process as before and only the analysis goes to the cluster.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from distributed import Client

from dateline.ingest.inputs import STDIN
from dateline.ingest.parallel import Chunk, ChunkResult, Readers
from dateline.shards import AnyStore

# Chunks in flight per worker thread: one being read while the next waits.
CHUNKS_PER_THREAD = 2


class DaskPool:
    """A ``ChunkPool`` on the cluster behind ``client``: each chunk a task, on any worker."""

    def __init__(self, client: Client) -> None:
        self._client = client
        self._turn = 0

    def submit(self, fn: Callable[..., Chunk], /, *args: object) -> ChunkResult:
        workers = sorted(self._client.nthreads())
        self._turn += 1
        result: ChunkResult = self._client.submit(
            fn, *args, pure=False, workers=[workers[self._turn % len(workers)]], allow_other_workers=True
        )
        return result


def cluster_readers(client: Client, store: AnyStore, paths: Sequence[str]) -> Readers | None:
    """The cluster's workers as ``Readers`` of ``paths``, or None when one of them does
    not see the files or works in another folder than this process. Stored ids are
    looked up in the store by the workers only when all of them see it too."""
    files = [str(Path(path).absolute()) for path in paths if path != STDIN]
    if set(client.run(_cwd).values()) != {os.getcwd()} or not workers_see(client, files):
        return None
    store_path = str(Path(store.path).absolute())
    known_in = store_path if Path(store_path).exists() and workers_see(client, [store_path]) else ""
    return Readers(DaskPool(client), CHUNKS_PER_THREAD * max(sum(client.nthreads().values()), 1), known_in)


def workers_see(client: Client, paths: list[str]) -> bool:
    """Whether every worker of the cluster sees every one of ``paths``."""
    seen = client.run(_all_exist, paths)
    return bool(seen) and all(seen.values())


def _all_exist(paths: list[str]) -> bool:
    return all(os.path.exists(path) for path in paths)


def _cwd() -> str:
    return os.getcwd()
