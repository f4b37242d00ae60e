"""The nlp stage on a Dask cluster, over Parquet shards, bulk-loaded into the store.

    from dateline.distributed import ingest_on_dask
    with Store.open("big.db") as store:
        report = ingest_on_dask(store, ["articles/"], "tcp://scheduler:8786")

is ``dateline.ingest.job.ingest`` with the analysis of each batch (sentences, time
mentions, near-duplicate keys) run as a Dask task instead of in a local process.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from dateline.distributed.analyzer import DaskAnalyzer, analyze_shard
from dateline.distributed.cluster import LOCAL, dask_client
from dateline.ingest.job import DEFAULT_BATCH_SIZE, IngestReport, OnError, ProgressCallback, ingest
from dateline.store import Store

__all__ = ["LOCAL", "DaskAnalyzer", "analyze_shard", "dask_client", "ingest_on_dask"]


def ingest_on_dask(
    store: Store,
    paths: Iterable[Path | str],
    address: str = LOCAL,
    on_error: OnError = OnError.SKIP,
    collection: str = "",
    batch_size: int = DEFAULT_BATCH_SIZE,
    on_progress: ProgressCallback | None = None,
    workers: int | None = None,
) -> IngestReport:
    """Ingest ``paths`` into ``store`` with the analysis on the Dask cluster at
    ``address`` (``local``: a ``LocalCluster`` of ``workers`` processes, one per CPU by
    default); see ``dateline.ingest.job.ingest``."""
    with dask_client(address, workers) as client:
        return ingest(store, paths, on_error, collection, batch_size,
                      on_progress=on_progress, analyzer=DaskAnalyzer(client))
