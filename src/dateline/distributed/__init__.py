"""The nlp stage on a Dask cluster, over Parquet shards, bulk-loaded into the store.

    from dateline.distributed import ingest_on_dask
    with Store.open("big.db") as store:
        report = ingest_on_dask(store, ["articles/"], "tcp://scheduler:8786")

is ``dateline.ingest.job.ingest`` with the analysis of each batch (sentences, time
mentions, near-duplicate keys) run as a Dask task instead of in a local process.

Dask, distributed and pyarrow are the optional ``dask`` extra
(``pip install 'dateline[dask]'``); only this package imports them, and only when it is
imported itself (``dateline ingest --dask``), so everything else works without them.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from dateline.errors import DatelineError

try:  # imported here only to say, once and clearly, which package of the extra is missing
    import dask  # noqa: F401
    import distributed  # noqa: F401
    import pyarrow  # noqa: F401
except ImportError as missing:
    raise DatelineError(
        f"running on Dask needs the dask extra (pip install 'dateline[dask]'); "
        f"{missing.name or missing} is not installed"
    ) from None

from dateline.distributed.analyzer import DaskAnalyzer, analyze_shard
from dateline.distributed.cluster import LOCAL, dask_client
from dateline.distributed.writers import DaskShardWriter
from dateline.ingest.job import DEFAULT_BATCH_SIZE, IngestReport, OnError, ProgressCallback, ingest
from dateline.shards import AnyStore, ShardedStore

__all__ = ["LOCAL", "DaskAnalyzer", "analyze_shard", "dask_client", "ingest_on_dask"]


def ingest_on_dask(
    store: AnyStore,
    paths: Iterable[Path | str],
    address: str = LOCAL,
    on_error: OnError = OnError.SKIP,
    collection: str = "",
    batch_size: int = DEFAULT_BATCH_SIZE,
    on_progress: ProgressCallback | None = None,
    workers: int | None = None,
    **reading: Any,
) -> IngestReport:
    """Ingest ``paths`` into ``store`` with the analysis on the Dask cluster at
    ``address`` (``local``: a ``LocalCluster`` of ``workers`` processes, one per CPU by
    default); see ``dateline.ingest.job.ingest``, whose keyword-only options
    (``max_chars``, ``date_order``, ``stdin_format``, ``report``) ``reading`` passes on.
    Files are read here, as in a local ingest (web archives streamed a record at a time);
    the analysis runs on the cluster, and for a sharded store (``dateline.shards``) so do
    the writes, each shard on a worker (``dateline.distributed.writers``)."""
    with dask_client(address, workers) as client, ExitStack() as writing:
        if isinstance(store, ShardedStore):
            writing.enter_context(store.writing_with(DaskShardWriter(client)))
        return ingest(
            store,
            paths,
            on_error,
            collection,
            batch_size,
            on_progress=on_progress,
            analyzer=DaskAnalyzer(client),
            **reading,
        )
