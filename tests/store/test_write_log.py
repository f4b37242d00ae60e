"""The write log (schema 6): each article added through a write points at that write,
which keeps its time and token fingerprint; a schema 5 store gains the log on upgrade."""

from __future__ import annotations

import datetime as dt
import sqlite3
from contextlib import closing
from pathlib import Path

from dateline.ingest.job import ingest_items
from dateline.ingest.records import record_to_article
from dateline.store import Store
from dateline.store.schema import MIGRATIONS, SCHEMA_VERSION
from dateline.store.writes import WriteStamp

V5 = 5
STAMP = WriteStamp(dt.datetime(2024, 5, 1, 12, 30, tzinfo=dt.UTC), "sha256:0123456789abcdef")
V5_COLUMNS = (
    "rowid, id, published, title, url, source, collection, lines_are_sentences, text, duplicate_of, spans, mentions"
)


def articles(*texts: str, day: int = 1) -> list:
    return [record_to_article({"date": f"2024-04-{day:02d}", "text": text}, "test", None, "") for text in texts]


def test_articles_added_in_a_write_point_at_it_with_its_time_and_fingerprint(store_path: Path) -> None:
    with Store.open(store_path) as store:
        ingest_items(store, articles("The ferry closed on Monday."))
        posted = articles("The bridge opened on Tuesday.", "Traffic doubled on Wednesday.")
        with store.attributing(STAMP):
            ingest_items(store, posted)
        [write] = store.recent_writes(10)
        assert (write.at, write.token, write.articles) == ("2024-05-01T12:30:00Z", STAMP.token, 2)
        assert all(store.write_of(article.id) == write for article in posted)
        assert store.articles_of_write(write.id, 10) == [article.id for article in posted]
        assert store.write_of(articles("The ferry closed on Monday.")[0].id) is None


def test_one_write_of_several_batches_is_one_entry(store_path: Path) -> None:
    with Store.open(store_path) as store, store.attributing(STAMP):
        ingest_items(store, articles(*(f"Item {n} was approved on Monday." for n in range(5))), batch_size=2)
        [write] = store.recent_writes(10)
    assert write.articles == 5


def test_reposting_stored_articles_records_no_write_and_keeps_the_first(store_path: Path) -> None:
    later = WriteStamp(dt.datetime(2024, 6, 1, tzinfo=dt.UTC), "sha256:fedcba9876543210")
    with Store.open(store_path) as store:
        with store.attributing(STAMP):
            ingest_items(store, articles("The bridge opened on Tuesday."))
        with store.attributing(later):
            ingest_items(store, articles("The bridge opened on Tuesday."))
        [write] = store.recent_writes(10)
        assert write.token == STAMP.token and write.articles == 1
        assert store.get_write(write.id) == write and store.get_write(write.id + 1) is None


def test_writes_are_listed_newest_first(store_path: Path) -> None:
    with Store.open(store_path) as store:
        for day in (1, 2, 3):
            with store.attributing(STAMP):
                ingest_items(store, articles(f"Talks were held on day {day}.", day=day))
        assert [write.id for write in store.recent_writes(2)] == [3, 2]


def test_a_schema_5_store_gains_the_write_log_and_keeps_its_articles(store_path: Path, tmp_path: Path) -> None:
    with Store.open(tmp_path / "new.db") as store:
        ingest_items(store, articles("The ferry closed on Monday.", "The bridge opened on Tuesday."))
    with closing(sqlite3.connect(store_path, isolation_level=None)) as connection:
        for migration in MIGRATIONS[:V5]:
            migration(connection) if callable(migration) else connection.executescript(migration)
        connection.execute("ATTACH DATABASE ? AS new", (str(tmp_path / "new.db"),))
        connection.execute(f"INSERT INTO articles ({V5_COLUMNS}) SELECT {V5_COLUMNS} FROM new.articles")
        connection.execute("DETACH DATABASE new")
        connection.execute(f"PRAGMA user_version = {V5}")
        before = connection.execute(f"SELECT {V5_COLUMNS} FROM articles ORDER BY rowid").fetchall()
    with Store.open(store_path) as store:
        assert store.recent_writes(10) == []
        with store.attributing(STAMP):
            ingest_items(store, articles("Traffic doubled on Wednesday."))
        assert store.recent_writes(10)[0].articles == 1
    with closing(sqlite3.connect(store_path)) as connection:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert (
            connection.execute(f"SELECT {V5_COLUMNS} FROM articles WHERE added_by IS NULL ORDER BY rowid").fetchall()
            == before
        )
