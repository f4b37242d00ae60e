"""When articles were stored (schema 8): each stored batch is logged with its time,
``Store.stored_by`` keeps the articles stored by a time, and a schema 7 store counts the
articles it has as stored before any time."""

from __future__ import annotations

import datetime as dt
import sqlite3
from contextlib import closing
from pathlib import Path

from dateline.ingest.job import ingest_items
from dateline.ingest.records import record_to_article
from dateline.store import Store
from dateline.store.schema import MIGRATIONS, SCHEMA_VERSION

V7 = 7
LONG_AGO = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def articles(*texts: str) -> list:
    return [record_to_article({"date": "2024-04-01", "text": text}, "test", None, "") for text in texts]


def rowids(store: Store) -> list[int]:
    return sorted(store.match_articles(None))


def test_articles_stored_after_a_time_are_not_stored_by_it(store_path: Path) -> None:
    with Store.open(store_path) as store:
        ingest_items(store, articles("The ferry closed on Monday."))
        between = dt.datetime.now(dt.UTC)
        ingest_items(store, articles("The bridge opened on Tuesday.", "Traffic doubled on Wednesday."))
        first, *later = rowids(store)
        assert store.stored_by([*later, first], between) == [first]
        assert store.stored_by([*later, first], dt.datetime.now(dt.UTC)) == [*later, first]
        assert store.stored_by([first, *later], LONG_AGO) == []


def test_a_time_in_another_zone_is_the_same_instant(store_path: Path) -> None:
    with Store.open(store_path) as store:
        ingest_items(store, articles("The ferry closed on Monday."))
        now = dt.datetime.now(dt.UTC)
        tokyo = dt.timezone(dt.timedelta(hours=9))
        assert store.stored_by(rowids(store), (now + dt.timedelta(seconds=1)).astimezone(tokyo)) == rowids(store)
        assert store.stored_by(rowids(store), (now - dt.timedelta(seconds=10)).astimezone(tokyo)) == []


def test_a_batch_of_stored_articles_only_is_not_logged(store_path: Path) -> None:
    with Store.open(store_path) as store:
        ingest_items(store, articles("The ferry closed on Monday."))
        ingest_items(store, articles("The ferry closed on Monday."))
    with closing(sqlite3.connect(store_path)) as connection:
        assert connection.execute("SELECT last_article FROM batches").fetchall() == [(1,)]


def test_a_schema_7_store_counts_its_articles_as_stored_before_any_time(store_path: Path) -> None:
    with Store.open(store_path) as store:
        ingest_items(store, articles("The ferry closed on Monday.", "The bridge opened on Tuesday."))
    with closing(sqlite3.connect(store_path, isolation_level=None)) as connection:
        connection.execute("DROP TABLE batches")
        connection.execute(f"PRAGMA user_version = {V7}")
    assert len(MIGRATIONS) == V7 + 1, "a schema 8 store is what this test upgrades to"
    with Store.open(store_path) as store:
        old = rowids(store)
        ingest_items(store, articles("Traffic doubled on Wednesday."))
        [new] = set(rowids(store)) - set(old)
        assert store.stored_by([*old, new], LONG_AGO) == old
    with closing(sqlite3.connect(store_path)) as connection:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_an_empty_schema_7_store_logs_nothing_on_upgrade(store_path: Path) -> None:
    Store.open(store_path).close()
    with closing(sqlite3.connect(store_path, isolation_level=None)) as connection:
        connection.execute("DROP TABLE batches")
        connection.execute(f"PRAGMA user_version = {V7}")
    Store.open(store_path).close()
    with closing(sqlite3.connect(store_path)) as connection:
        assert connection.execute("SELECT count(*) FROM batches").fetchone()[0] == 0


def test_a_batch_is_stored_by_its_own_time(store_path: Path) -> None:
    with Store.open(store_path) as store:
        ingest_items(store, articles("The ferry closed on Monday."))
    with closing(sqlite3.connect(store_path)) as connection:
        [(at,)] = connection.execute("SELECT at FROM batches").fetchall()
    moment = dt.datetime.fromisoformat(at)
    with Store.open(store_path) as store:
        assert store.stored_by(rowids(store), moment) == rowids(store)
        assert store.stored_by(rowids(store), moment - dt.timedelta(microseconds=1)) == []
