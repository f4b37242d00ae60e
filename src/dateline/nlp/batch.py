"""The analysis of a batch of articles in columns: what the store bulk-loads, and what a
worker process or a Dask task sends back.

One ``AnalyzedArticle`` holds a ``Span`` per sentence and a ``TimeMention`` per time
expression; pickling those objects to send them from a worker process cost a third as
much as analysing the articles. Here the same information is a handful of NumPy arrays
and string lists, in article order, which pickle, convert to Arrow (see
``dateline.distributed.shards``) and turn into SQL rows at C speed. The articles
themselves are not part of it: the process that read them keeps them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from dateline.model import AnalyzedArticle
from dateline.nlp.dedup import BANDS, band_keys

if TYPE_CHECKING:  # the analysis itself (the temporal tagger) is not needed to store one
    from dateline.nlp.analyze import MentionRow


@dataclass(frozen=True, eq=False)
class BatchAnalysis:
    """Sentences, time mentions and duplicate-detection keys of a batch of articles.

    ``sentence_counts[i]`` sentences of article ``i`` come next in ``sentence_spans``
    (rows ``start, end``); likewise ``mention_counts`` and ``mention_spans`` (rows
    ``sentence, start, end``) with the mentions' ``types``, ``values``, ISO ``dates``
    and ``granularities`` alongside. ``band_keys`` has ``BANDS`` LSH keys per article
    (``dateline.nlp.dedup``).
    """

    sentence_counts: np.ndarray
    sentence_spans: np.ndarray
    mention_counts: np.ndarray
    mention_spans: np.ndarray
    types: list[str]
    values: list[str]
    dates: list[str | None]
    granularities: list[str | None]
    band_keys: np.ndarray

    def __len__(self) -> int:
        return len(self.sentence_counts)


def from_analyzed(batch: Sequence[AnalyzedArticle]) -> BatchAnalysis:
    """The columns of already analysed articles (their duplicate keys computed here)."""
    return from_rows(
        [([(span.start, span.end) for span in item.sentences],
          [(m.sentence_index, m.start, m.end, m.text, m.type, m.value, m.date, m.granularity)
           for m in item.mentions])
         for item in batch],
        [item.article.text for item in batch],
    )


def from_rows(
    analyses: Sequence[tuple[list[tuple[int, int]], list[MentionRow]]], texts: Sequence[str]
) -> BatchAnalysis:
    """The columns of each article's sentence bounds and mention rows
    (``analysis_rows``), with the duplicate keys of its text (``texts``, same order)."""
    # Flat lists of numbers: NumPy converts those at C speed, lists of tuples not.
    spans = [bound for bounds, _ in analyses for span in bounds for bound in span]
    mentions = [row for _, rows in analyses for row in rows]
    sentence, start, end, _, kinds, values, dates, granularities = (
        zip(*mentions) if mentions else ((),) * 8
    )
    return BatchAnalysis(
        sentence_counts=np.array([len(bounds) for bounds, _ in analyses], dtype=np.int64),
        sentence_spans=np.array(spans, dtype=np.int64).reshape(-1, 2),
        mention_counts=np.array([len(rows) for _, rows in analyses], dtype=np.int64),
        mention_spans=np.array([sentence, start, end], dtype=np.int64).reshape(3, -1).T.copy(),
        types=list(kinds),
        values=list(values),
        dates=[date.isoformat() if date else None for date in dates],
        granularities=list(granularities),
        band_keys=np.array([band_keys(text) for text in texts], dtype=np.int64).reshape(-1, BANDS),
    )
