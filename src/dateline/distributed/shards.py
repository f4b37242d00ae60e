"""Parquet shards: a batch of articles going to a Dask worker, and its analysis coming back.

Both directions are one Parquet file (zstd-compressed, in memory) per batch: the articles
as a table with one row per article, and the analysis (``BatchAnalysis``) with one row
per article whose list columns hold its sentences, mentions and band keys. Parquet keeps
what crosses the network small and typed, and is readable by anything that speaks Arrow.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from dateline.model import Article, BatchAnalysis
from dateline.text.dedup import BANDS

COMPRESSION = "zstd"

_ARTICLE_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("published", pa.date32()),
        ("text", pa.string()),
        ("title", pa.string()),
        ("url", pa.string()),
        ("source", pa.string()),
        ("collection", pa.string()),
        ("lines_are_sentences", pa.bool_()),
    ]
)
_ARTICLE_FIELDS = tuple(_ARTICLE_SCHEMA.names)


def articles_to_parquet(articles: Sequence[Article]) -> bytes:
    """A batch of articles as Parquet bytes."""
    columns = {name: [getattr(article, name) for article in articles] for name in _ARTICLE_FIELDS}
    return _to_parquet(pa.table(columns, schema=_ARTICLE_SCHEMA))


def articles_from_parquet(data: bytes) -> list[Article]:
    """The articles of ``articles_to_parquet`` again, in order."""
    return [Article(**row) for row in _from_parquet(data).to_pylist()]


def analysis_to_parquet(analysis: BatchAnalysis) -> bytes:
    """A batch's analysis as Parquet bytes: one row per article."""
    sentences = _offsets(analysis.sentence_counts)
    mentions = _offsets(analysis.mention_counts)
    spans, mention_spans = analysis.sentence_spans, analysis.mention_spans
    table = pa.table(
        {
            "sentence_start": pa.ListArray.from_arrays(sentences, spans[:, 0]),
            "sentence_end": pa.ListArray.from_arrays(sentences, spans[:, 1]),
            "mention_sentence": pa.ListArray.from_arrays(mentions, mention_spans[:, 0]),
            "mention_start": pa.ListArray.from_arrays(mentions, mention_spans[:, 1]),
            "mention_end": pa.ListArray.from_arrays(mentions, mention_spans[:, 2]),
            "mention_type": pa.ListArray.from_arrays(mentions, pa.array(analysis.types, pa.string())),
            "mention_value": pa.ListArray.from_arrays(mentions, pa.array(analysis.values, pa.string())),
            "mention_date": pa.ListArray.from_arrays(mentions, pa.array(analysis.dates, pa.string())),
            "mention_granularity": pa.ListArray.from_arrays(mentions, pa.array(analysis.granularities, pa.string())),
            "band_keys": pa.FixedSizeListArray.from_arrays(analysis.band_keys.ravel(), BANDS),
        }
    )
    return _to_parquet(table)


def analysis_from_parquet(data: bytes) -> BatchAnalysis:
    """The ``BatchAnalysis`` of ``analysis_to_parquet`` again."""
    table = _from_parquet(data)

    def values(name: str) -> pa.Array:
        return table.column(name).combine_chunks().flatten()

    def numbers(*names: str) -> np.ndarray:
        return np.column_stack([values(name).to_numpy() for name in names]).astype(np.int64)

    return BatchAnalysis(
        sentence_counts=_counts(table.column("sentence_start")),
        sentence_spans=numbers("sentence_start", "sentence_end").reshape(-1, 2),
        mention_counts=_counts(table.column("mention_start")),
        mention_spans=numbers("mention_sentence", "mention_start", "mention_end").reshape(-1, 3),
        types=values("mention_type").to_pylist(),
        values=values("mention_value").to_pylist(),
        dates=values("mention_date").to_pylist(),
        granularities=values("mention_granularity").to_pylist(),
        band_keys=values("band_keys").to_numpy().astype(np.int64).reshape(-1, BANDS),
    )


def _offsets(counts: np.ndarray) -> pa.Array:
    return pa.array(np.concatenate(([0], np.cumsum(counts))), pa.int32())


def _counts(column: pa.ChunkedArray) -> np.ndarray:
    return column.combine_chunks().value_lengths().to_numpy(zero_copy_only=False).astype(np.int64)


def _to_parquet(table: pa.Table) -> bytes:
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression=COMPRESSION)
    return sink.getvalue().to_pybytes()


def _from_parquet(data: bytes) -> pa.Table:
    return pq.read_table(pa.BufferReader(data))
