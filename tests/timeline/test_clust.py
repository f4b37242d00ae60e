"""Clust and the Markov clustering under it."""

from __future__ import annotations

import datetime as dt

import numpy as np
from scipy import sparse

from dateline.timeline import TimelineRequest, get_method
from dateline.timeline.clustering import markov_clusters
from dateline.timeline.corpus import Corpus, CorpusSentence, DateRef


def test_mcl_separates_two_cliques_joined_by_a_weak_link() -> None:
    dense = np.zeros((6, 6))
    for group in ((0, 1, 2), (3, 4, 5)):
        for i in group:
            for j in group:
                if i != j:
                    dense[i, j] = 1.0
    dense[2, 3] = dense[3, 2] = 0.1
    clusters = markov_clusters(sparse.csr_matrix(dense))
    assert sorted(map(sorted, clusters)) == [[0, 1, 2], [3, 4, 5]]


def test_mcl_puts_every_node_in_exactly_one_cluster() -> None:
    rng = np.random.default_rng(7)
    dense = rng.random((30, 30))
    dense = (dense + dense.T) / 2 * (rng.random((30, 30)) > 0.8)
    clusters = markov_clusters(sparse.csr_matrix(dense))
    assert sorted(node for cluster in clusters for node in cluster) == list(range(30))


def article(article_id: str, published: dt.date, text: str, ref: dt.date | None) -> list[CorpusSentence]:
    refs = (DateRef(ref, "day"),) if ref else ()
    return [CorpusSentence(text, article_id, 0, len(text), 0, published, refs, len(text.split()))]


def test_the_biggest_event_is_dated_by_what_its_articles_mention() -> None:
    quake_day, other_day = dt.date(2010, 1, 12), dt.date(2010, 2, 1)
    sentences = []
    for i in range(4):
        sentences += article(
            f"q{i}",
            quake_day + dt.timedelta(days=i % 2),
            f"A powerful earthquake struck Haiti near Port-au-Prince, report {i}.",
            quake_day,
        )
    sentences += article("o", other_day, "Aid conference on reconstruction funding opened in Montreal.", None)
    request = TimelineRequest("", n_dates=1, n_sentences=1, granularities=frozenset({"day"}))
    [entry] = get_method("clust").build(Corpus(tuple(sentences), 5), request).entries
    assert entry.date == quake_day and "earthquake" in entry.sentences[0].text
