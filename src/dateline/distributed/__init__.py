"""Ingest on a Dask cluster: reading and analysis as tasks, bulk-loaded into the store.

    from dateline.distributed import ingest_on_dask
    with Store.open("big.db") as store:
        report = ingest_on_dask(store, ["articles/"], "tcp://scheduler:8786")

is ``dateline.ingest.job.ingest`` with the reading and analysis of each chunk of files
(text cleaning, sentences, time mentions, near-duplicate keys) run as a Dask task
instead of in a local process (``readers``); where the workers cannot see the files,
they are read here and each batch's analysis is a task (``analyzer``, over Parquet).

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
from dateline.distributed.readers import cluster_readers
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
    The files are read and analysed on the cluster's workers when they see them
    (``dateline.distributed.readers``), else read here and analysed there; for a sharded
    store (``dateline.shards``) the writes run on the cluster too, each shard on a worker
    (``dateline.distributed.writers``)."""
    paths = list(paths)
    report = reading.pop("report", None) or IngestReport()
    with dask_client(address, workers) as client, ExitStack() as writing:
        if isinstance(store, ShardedStore):
            writer = DaskShardWriter(client)
            writer.start(store.shard_paths)
            writing.callback(writer.close)
            writing.enter_context(store.writing_with(writer))
        readers = cluster_readers(client, store, [str(path) for path in paths])
        if readers is None:
            report.notes.append(
                "the Dask workers do not see the input files at these paths (or, for a relative path, "
                "work in another folder): the files were read here and only analysed on the cluster"
            )
        return ingest(
            store,
            paths,
            on_error,
            collection,
            batch_size,
            on_progress=on_progress,
            analyzer=DaskAnalyzer(client) if readers is None else None,
            readers=readers,
            report=report,
            **reading,
        )
