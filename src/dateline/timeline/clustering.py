"""Markov clustering (MCL, van Dongen 2000) of a sparse similarity graph.

MCL alternates expansion (squaring the column-stochastic flow matrix: flow spreads along
paths) and inflation (raising entries to a power and renormalising: strong flows win),
until flow settles on attractors; each attractor's basin is a cluster. Unlike connected
components it does not chain a whole news cycle into one cluster through weak links, and
unlike k-means it needs no number of clusters.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse


def markov_clusters(
    similarity: sparse.spmatrix,
    inflation: float = 2.0,
    max_iterations: int = 60,
    prune_below: float = 1e-4,
) -> list[list[int]]:
    """Clusters of the nodes of a symmetric non-negative ``similarity`` matrix, as lists of
    node indices (every node in exactly one cluster), largest first."""
    size = similarity.shape[0]
    if size == 0:
        return []
    flow = sparse.csc_matrix(similarity, dtype=np.float64) + sparse.identity(size, format="csc")
    flow = _normalize_columns(flow)
    for _ in range(max_iterations):
        previous = flow
        flow = flow @ flow
        flow = flow.power(inflation)
        flow.data[flow.data < prune_below] = 0.0
        flow.eliminate_zeros()
        flow = _normalize_columns(flow)
        if abs(flow - previous).max() < 1e-6:
            break
    owner = np.asarray(flow.argmax(axis=0)).ravel()
    groups: dict[int, list[int]] = {}
    for node, attractor in enumerate(owner):
        groups.setdefault(int(attractor), []).append(node)
    return sorted(groups.values(), key=lambda group: (-len(group), group[0]))


def _normalize_columns(matrix: sparse.csc_matrix) -> sparse.csc_matrix:
    sums = np.asarray(matrix.sum(axis=0)).ravel()
    sums[sums == 0] = 1.0
    return sparse.csc_matrix(matrix @ sparse.diags(1.0 / sums))
