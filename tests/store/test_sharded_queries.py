"""Queries over a sharded store answer what one store holding the same articles answers:
the same BM25 scores (global statistics), the same matches under a limit, the same
timelines (dates and sentences)."""

from __future__ import annotations

import datetime as dt
import gc
from pathlib import Path

import pytest

from dateline.ingest.job import ingest
from dateline.model import AnalyzedArticle
from dateline.operations import make_timeline
from dateline.shards import ShardedStore, store as sharded_store
from dateline.shards.bm25 import global_scores, phrase_tokens, phrases, row_terms, shard_statistics
from dateline.store import Store, sqlite as sqlite_store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "india-japan"
QUERIES = ["India Japan", "nuclear", "Modi Abe Kyoto", "bullet train investment", "Shinzo"]
FTS_QUERIES = ['"india" AND "japan"', '"nuclear" OR "train" OR "yen"', '"abe"', '"strategic" AND "partnership"']
T17_TOPICS = ("H1N1_bbc", "H1N1_guardian", "MJ_bbc")


def _build(folder: Path, inputs: list[Path], shards: int) -> tuple[Path, Path]:
    with Store.open(folder / "one.db") as one:
        ingest(one, inputs)
    with ShardedStore.open(folder / "sharded", shards=shards) as sharded:
        ingest(sharded, inputs)
    return folder / "one.db", folder / "sharded"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return _build(tmp_path_factory.mktemp("demo"), [EXAMPLES], 4)


def test_scores_over_the_shards_equal_fts5s_bm25_over_one_store(demo: tuple[Path, Path]) -> None:
    one_path, folder = demo
    shard_paths = sorted(folder.glob("shard-*.db"))
    for fts_query in FTS_QUERIES:
        query_phrases = phrases(fts_query)
        tokens = [phrase_tokens(phrase) for phrase in query_phrases]
        with Store.open(one_path, create=False) as one, one.snapshot() as db:
            expected = dict(
                db.execute(
                    "SELECT rowid, bm25(articles_fts) FROM articles_fts WHERE articles_fts MATCH ?", (fts_query,)
                )
            )
        parts = []
        for path in shard_paths:
            with Store.open(path, create=False) as shard, shard.snapshot() as db:
                rowids = [
                    row[0]
                    for row in db.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?", (fts_query,))
                ]
                parts.append((shard_statistics(db, query_phrases), row_terms(db, tokens, rowids)))
        total = parts[0][0]
        for statistics, _ in parts[1:]:
            total = total + statistics
        scores = {rowid: score for _, terms in parts for rowid, score in global_scores(total, terms).items()}
        assert expected and scores == expected, fts_query


@pytest.mark.parametrize("limit", [None, 1000, 7, 2])
@pytest.mark.parametrize("stories_only", [False, True])
def test_matches_under_a_limit_are_one_stores(demo: tuple[Path, Path], limit: int | None, stories_only: bool) -> None:
    one_path, folder = demo
    with Store.open(one_path, create=False) as one, ShardedStore.open(folder, create=False) as sharded:
        for fts_query in [None, *FTS_QUERIES]:
            for dates in [(None, None), (dt.date(2014, 9, 1), dt.date(2015, 12, 31))]:
                expected = one.match_articles(fts_query, *dates, limit=limit, stories_only=stories_only)
                assert sharded.match_articles(fts_query, *dates, limit=limit, stories_only=stories_only) == expected


@pytest.mark.parametrize("max_articles", [None, 1000, 5])
def test_a_timeline_from_four_shards_is_one_stores(demo: tuple[Path, Path], max_articles: int | None) -> None:
    one_path, folder = demo
    with Store.open(one_path, create=False) as one, ShardedStore.open(folder, create=False) as sharded:
        for query in QUERIES:
            expected = make_timeline(one, query, max_articles=max_articles)
            got = make_timeline(sharded, query, max_articles=max_articles)
            assert got.retrieval == expected.retrieval
            assert got.timeline == expected.timeline, query
            assert expected.timeline.entries


def test_articles_read_over_several_runs_come_as_one_stores(
    demo: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Runs of 7 row ids: the shards read the next run while this one is decoded."""
    monkeypatch.setattr(sqlite_store, "IN_LIST", 7)
    monkeypatch.setattr(sharded_store, "IN_LIST", 7)
    one_path, folder = demo
    with Store.open(one_path, create=False) as one, ShardedStore.open(folder, create=False) as sharded:
        rowids = one.match_articles(None)
        rowids = [*reversed(rowids[::2]), *rowids[1::2], 10_000]  # out of order, one not stored
        expected = list(one.analyzed_articles(rowids))
        assert len(expected) == len(rowids) - 1 > 3 * 7
        assert list(sharded.analyzed_articles(rowids)) == expected
        assert list(sharded.analyzed_articles([])) == []


def test_articles_from_the_shards_are_decoded_one_at_a_time(demo: tuple[Path, Path]) -> None:
    """A run of decoded articles held at once made the garbage collector scan them over
    and over (a timeline from one shard took 1.3 times the one file's CPU time)."""
    _, folder = demo
    with ShardedStore.open(folder, create=False) as sharded:
        articles = sharded.analyzed_articles(sharded.match_articles(None))
        first = next(articles)
        decoded = [item for item in gc.get_objects() if isinstance(item, AnalyzedArticle)]
        assert decoded == [first]
        assert len(list(articles)) > 30


def test_a_timeline_since_an_ingest_time_marks_the_same_changes(tmp_path: Path) -> None:
    """``--since``: each shard's batch log says what was stored by then."""
    earlier, later = sorted(EXAMPLES.glob("*.txt"))[:30], sorted(EXAMPLES.glob("*.txt"))[30:]
    with Store.open(tmp_path / "one.db") as one, ShardedStore.open(tmp_path / "sharded", shards=4) as sharded:
        for store in (one, sharded):
            ingest(store, earlier)
        between = dt.datetime.now(dt.UTC)
        for store in (one, sharded):
            ingest(store, later)
        for query in QUERIES:
            expected = make_timeline(one, query, since=between)
            assert any(entry.change for entry in expected.timeline.entries), query
            assert make_timeline(sharded, query, since=between).timeline == expected.timeline


def test_timeline17_timelines_from_four_shards_are_one_stores_copies_across_months_too(
    shared_data: Path, tmp_path: Path
) -> None:
    """Timeline17 topics, where a story is republished in another month than its
    original (weeks later): the copy is sent to its original's shard
    (``dateline.shards.copies``), so the shards find every copy one store finds, and the
    timelines are the same."""
    one_path, folder = _build(tmp_path, [shared_data / "t17" / topic for topic in T17_TOPICS], 4)
    shard_copies = [_copy_ids(path) for path in sorted(folder.glob("shard-*.db"))]
    assert set().union(*shard_copies) == _copy_ids(one_path) and len(_copy_ids(one_path)) == 2
    assert sum(len(copies) for copies in shard_copies) == 2
    with Store.open(one_path, create=False) as one, ShardedStore.open(folder, create=False) as sharded:
        for topic in T17_TOPICS:
            for query in (topic.split("_")[0], "vaccine", "Jackson trial"):
                expected = make_timeline(one, query, collection=topic)
                got = make_timeline(sharded, query, collection=topic)
                assert got.retrieval == expected.retrieval
                assert got.timeline == expected.timeline, (topic, query)


def _copy_ids(path: Path) -> set[tuple[str, str]]:
    """Each stored copy with its original, by article id."""
    with Store.open(path, create=False) as store, store.snapshot() as db:
        return set(
            db.execute("SELECT a.id, o.id FROM articles a JOIN articles o ON o.rowid = a.duplicate_of").fetchall()
        )
