"""Loading articles over several read-only connections (``ParallelReader``): the same
articles in the same order as one connection reads them, errors passed on, nothing left
running after a load, and a write transaction's own rows still seen."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from pathlib import Path

import pytest

from dateline.ingest.ids import article_id
from dateline.model import Article
from dateline.nlp.analyze import analyze
from dateline.nlp.batch import from_analyzed
from dateline.store import Store
from dateline.store.readers import ParallelReader
from dateline.store.sqlite import READ_PART

ARTICLES = 3 * READ_PART + 7  # several parts per load


class RolledBack(Exception):
    """Raised to leave a transaction without committing it."""


def reader_threads() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name.startswith("dateline-reader")]


@pytest.fixture
def store(store_path: Path) -> Store:
    articles = []
    for number in range(ARTICLES):
        published = dt.date(2021, 1, 1) + dt.timedelta(days=number % 50)
        text = f"Report {number}: the council met on Monday. It meets again in March 2021."
        articles.append(analyze(Article(article_id(published, text, ""), published, text)))
    with Store.open(store_path) as opened:
        opened.add_batch(*from_analyzed(articles))
        yield opened


def test_parallel_loading_gives_what_one_connection_reads_in_the_same_order(store: Store) -> None:
    rowids = list(range(ARTICLES, 0, -3)) + [10_000]  # unsorted, and one not stored
    parallel = list(store.analyzed_articles(rowids))
    with store.transaction():  # inside a write transaction: read on the store's connection
        single = list(store.analyzed_articles(rowids))
    assert parallel == single and len(parallel) == len(rowids) - 1
    assert not reader_threads()


def test_a_write_transaction_sees_its_own_articles(store: Store) -> None:
    text = "A late report: the vote is on Friday."
    late = analyze(Article(article_id(dt.date(2021, 3, 1), text, ""), dt.date(2021, 3, 1), text))
    with pytest.raises(RolledBack), store.transaction() as db:
        db.execute(
            "INSERT INTO articles (rowid, id, published, text) VALUES (?, ?, ?, ?)",
            (ARTICLES + 1, late.article.id, "2021-03-01", text),
        )
        [loaded] = store.analyzed_articles([ARTICLES + 1])
        assert loaded.article.text == text
        raise RolledBack
    assert list(store.analyzed_articles([ARTICLES + 1])) == []


def test_an_error_in_a_read_reaches_the_caller_and_no_thread_is_left(store_path: Path, store: Store) -> None:
    def failing(connection: sqlite3.Connection, item: int) -> int:
        if item == 3:
            connection.execute("SELECT * FROM no_such_table")
        return item

    file = str(store_path.resolve())
    with ParallelReader(file, 1000) as reader:
        results = reader.map(failing, list(range(10)))
        assert [next(results) for _ in range(3)] == [0, 1, 2]
        with pytest.raises(sqlite3.OperationalError, match="no_such_table"):
            next(results)
    assert not reader_threads()


def test_a_load_stopped_half_way_leaves_nothing_running(store: Store) -> None:
    loading = store.analyzed_articles(list(range(1, ARTICLES + 1)))
    first = next(loading)
    assert first.article.text.startswith("Report 0:")
    loading.close()
    assert not reader_threads()
