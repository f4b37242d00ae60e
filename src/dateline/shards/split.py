"""Taking the part of a batch's analysis that belongs to some of its articles.

A batch is analysed once, whatever shards its articles go to; each shard's writer then
stores its own articles with their rows of the ``BatchAnalysis`` columns.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from dateline.model import BatchAnalysis


def select_analysis(analysis: BatchAnalysis, positions: Sequence[int]) -> BatchAnalysis:
    """The analysis of the articles at ``positions`` (in that order) of ``analysis``."""
    sentences = _rows(analysis.sentence_counts, positions)
    mentions = _rows(analysis.mention_counts, positions)
    chosen = list(positions)
    return BatchAnalysis(
        sentence_counts=analysis.sentence_counts[chosen],
        sentence_spans=analysis.sentence_spans[sentences],
        mention_counts=analysis.mention_counts[chosen],
        mention_spans=analysis.mention_spans[mentions],
        types=[analysis.types[row] for row in mentions],
        values=[analysis.values[row] for row in mentions],
        dates=[analysis.dates[row] for row in mentions],
        granularities=[analysis.granularities[row] for row in mentions],
        band_keys=analysis.band_keys[chosen],
    )


def _rows(counts: np.ndarray, positions: Sequence[int]) -> list[int]:
    """The rows of a column of ``counts[i]`` rows per article that belong to ``positions``."""
    ends = np.cumsum(counts)
    starts = ends - counts
    return [row for position in positions for row in range(int(starts[position]), int(ends[position]))]
