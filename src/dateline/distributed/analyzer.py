"""The nlp stage on a Dask cluster: each batch is a Parquet shard analysed by one task.

``DaskAnalyzer`` is the ``Analyzer`` (``dateline.nlp.workers``) an ingest uses in place
of its process pool: the ingest job still reads, batches, skips stored articles and
writes every batch in its own transaction, so a store built on a cluster equals the one
built on one machine, and an interrupted run resumes the same way.
"""

from __future__ import annotations

from collections.abc import Sequence

from distributed import Client, Future

from dateline.distributed.shards import (
    analysis_from_parquet,
    analysis_to_parquet,
    articles_from_parquet,
    articles_to_parquet,
)
from dateline.model import Article, BatchAnalysis
from dateline.nlp.analyze import analyze_articles


def analyze_shard(articles: bytes) -> bytes:
    """The task run on a worker: a Parquet shard of articles in, its analysis out."""
    return analysis_to_parquet(analyze_articles(articles_from_parquet(articles)))


class _PendingShard:
    def __init__(self, future: Future) -> None:
        self._future = future

    def result(self) -> BatchAnalysis:
        return analysis_from_parquet(self._future.result())


class DaskAnalyzer:
    """Analyses batches as tasks on the cluster behind ``client``, two per worker thread
    in flight."""

    def __init__(self, client: Client) -> None:
        self._client = client
        self.capacity = 2 * max(sum(client.nthreads().values()), 1)

    def submit(self, articles: Sequence[Article]) -> _PendingShard:
        return _PendingShard(self._client.submit(analyze_shard, articles_to_parquet(articles), pure=False))
