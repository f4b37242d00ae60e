"""Streaming ingest: bounded batches in flight, results written in input order, the same
store whether analysis runs here, in a process pool, or as columns bulk-loaded."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from scale_support import store_rows, stored_analyses

from dateline.ingest import read_articles
from dateline.ingest.job import ingest
from dateline.model import Article, BatchAnalysis
from dateline.nlp.analyze import analyze, analyze_articles
from dateline.nlp.workers import PendingAnalysis
from dateline.store import Store


class CountingAnalyzer:
    """Analyses in this process, when a result is asked for, and records how many
    batches were in flight at once."""

    capacity = 3

    def __init__(self) -> None:
        self.pending = 0
        self.most_pending = 0

    def submit(self, articles: Sequence[Article]) -> PendingAnalysis:
        self.pending += 1
        self.most_pending = max(self.most_pending, self.pending)
        return _Later(self, articles)


class _Later:
    def __init__(self, analyzer: CountingAnalyzer, articles: Sequence[Article]) -> None:
        self._analyzer, self._articles = analyzer, articles

    def result(self) -> BatchAnalysis:
        self._analyzer.pending -= 1
        return analyze_articles(self._articles)


def test_at_most_capacity_batches_are_in_flight_and_all_are_stored(t17_pairs: Path, store_path: Path) -> None:
    analyzer = CountingAnalyzer()
    with Store.open(store_path) as store:
        report = ingest(store, [t17_pairs], batch_size=2, analyzer=analyzer)
        assert store.count_articles() == report.added == report.read
    assert analyzer.most_pending == analyzer.capacity and analyzer.pending == 0


def test_a_process_pool_builds_the_same_store_as_one_process(t17_pairs: Path, tmp_path: Path) -> None:
    with Store.open(tmp_path / "one.db") as store:
        ingest(store, [t17_pairs], batch_size=5, workers=1)
    with Store.open(tmp_path / "pool.db") as store:
        ingest(store, [t17_pairs], batch_size=5, workers=2)
    assert store_rows(tmp_path / "pool.db") == store_rows(tmp_path / "one.db")


def test_bulk_loaded_analysis_reads_back_as_analyze_computed_it(t17_pairs: Path, store_path: Path) -> None:
    articles = [item for item in read_articles([t17_pairs]) if isinstance(item, Article)]
    with Store.open(store_path) as store:
        store.add_batch(articles, analyze_articles(articles))
        back = list(store.analyzed_articles(store.match_articles(None)))
    expected = {article.id: analyze(article) for article in articles}
    assert len(back) == len(expected)
    for item in back:
        original = expected[item.article.id]
        assert (item.sentences, item.mentions) == (original.sentences, original.mentions)


def test_rerunning_after_a_partial_ingest_stores_exactly_the_missing_articles(t17_pairs: Path, tmp_path: Path) -> None:
    with Store.open(tmp_path / "whole.db") as store:
        ingest(store, [t17_pairs], batch_size=4)
    with Store.open(tmp_path / "resumed.db") as store:
        ingest(store, [t17_pairs / "LibyaWar_reuters"], batch_size=4)
        report = ingest(store, [t17_pairs], batch_size=4)
    assert report.already_stored == len(list((t17_pairs / "LibyaWar_reuters").rglob("*.txt")))
    assert stored_analyses(tmp_path / "resumed.db") == stored_analyses(tmp_path / "whole.db")
