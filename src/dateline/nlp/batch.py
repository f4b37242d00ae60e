"""Building the columns of a batch's analysis (``dateline.model.BatchAnalysis``) from
each article's sentence bounds and mention rows, with its duplicate keys."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np

from dateline.model import AnalyzedArticle, Article, BatchAnalysis, Granularity
from dateline.text.dedup import BANDS, band_keys

MentionRow = tuple[int, int, int, str, str, str, dt.date | None, Granularity | None]
"""The fields of a ``TimeMention``, in order."""


def from_analyzed(batch: Sequence[AnalyzedArticle]) -> tuple[list[Article], BatchAnalysis]:
    """The articles of already analysed ones and their columns (duplicate keys computed
    here): what ``Store.add_batch`` takes."""
    return [item.article for item in batch], from_rows(
        [
            (
                [(span.start, span.end) for span in item.sentences],
                [
                    (m.sentence_index, m.start, m.end, m.text, m.type, m.value, m.date, m.granularity)
                    for m in item.mentions
                ],
            )
            for item in batch
        ],
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
        zip(*mentions, strict=True) if mentions else ((),) * 8
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
