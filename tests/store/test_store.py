"""The SQLite store: idempotent transactional writes, search, schema versioning."""

from __future__ import annotations

import datetime as dt
import sqlite3
from contextlib import closing
from pathlib import Path

import numpy as np
import pytest

from dateline.errors import StoreError
from dateline.ingest.ids import article_id
from dateline.ingest.repair import repair_store
from dateline.model import AnalyzedArticle, Article, Span, TimeMention
from dateline.nlp.batch import from_analyzed
from dateline.store import Store, schema
from dateline.store.integrity import check_store
from dateline.store.mentions import pack_mentions
from dateline.store.schema import MIGRATIONS, SCHEMA_VERSION
from dateline.store.spans import pack_spans


def analyzed(text: str, day: int = 1, collection: str = "") -> AnalyzedArticle:
    published = dt.date(2020, 1, day)
    article = Article(article_id(published, text, collection), published, text, title=text[:10], collection=collection)
    mention = TimeMention(0, 0, 5, text[:5], "DATE", "2020-01-01", dt.date(2020, 1, 1), "day")
    return AnalyzedArticle(article, (Span(0, len(text)),), (mention,))


def store_at_version(path: Path, version: int) -> sqlite3.Connection:
    """A connection to a new store at ``path`` with the schema an older dateline made."""
    connection = sqlite3.connect(path)
    for migration in MIGRATIONS[:version]:
        if callable(migration):
            migration(connection)
        else:
            connection.executescript(migration)
    connection.execute(f"PRAGMA user_version = {version}")
    return connection


def test_adding_the_same_articles_twice_stores_them_once(store_path: Path) -> None:
    batch = [analyzed("India and Japan met."), analyzed("Quad ministers met.", 2)]
    with Store.open(store_path) as store:
        assert store.add_batch(*from_analyzed(batch)) == 2
        assert store.add_batch(*from_analyzed(batch)) == 0
        assert store.count_articles() == 2


def test_stored_articles_come_back_with_sentences_and_mentions(store_path: Path) -> None:
    item = analyzed("Talks were held in Tokyo.")
    with Store.open(store_path) as store:
        store.add_batch(*from_analyzed([item]))
        [rowid] = store.match_articles(None)
        [back] = store.analyzed_articles([rowid])
    assert back == item


def test_full_text_search_uses_stemming_and_filters(store_path: Path) -> None:
    with Store.open(store_path) as store:
        store.add_batch(
            *from_analyzed(
                [analyzed("Ministers were meeting in Tokyo.", 1, "a"), analyzed("A meeting in Delhi.", 5, "b")]
            )
        )
        assert len(store.match_articles('"meet"')) == 2
        assert len(store.match_articles('"meet"', collection="a")) == 1
        assert len(store.match_articles('"meet"', date_from=dt.date(2020, 1, 2))) == 1


def test_a_failed_batch_leaves_nothing_behind(store_path: Path) -> None:
    good, bad = analyzed("Good article."), analyzed("Bad article.", 2)
    broken = AnalyzedArticle(bad.article, bad.sentences, (TimeMention(0, 0, 1, "x", None, "v"),))  # type: ignore[arg-type]
    with Store.open(store_path) as store:
        with pytest.raises(sqlite3.IntegrityError):
            store.add_batch(*from_analyzed([good, broken]))
        assert store.count_articles() == 0
        assert store.add_batch(*from_analyzed([good])) == 1


def test_store_uses_wal_and_records_its_schema_version(
    store_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    Store.open(store_path).close()
    connection = sqlite3.connect(store_path)
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert caplog.records == []  # a new store is created, not upgraded: nothing to say


def test_a_version_2_store_is_migrated_and_loses_the_unused_mention_date_index(
    store_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    store_at_version(store_path, 2).close()
    with Store.open(store_path) as store:
        assert store.add_batch(*from_analyzed([analyzed("Talks ended on Monday.")])) == 1
    assert [record.getMessage() for record in caplog.records] == [
        f"{store_path}: upgrading the store from schema 2 to {SCHEMA_VERSION} (minutes for a "
        "store of millions of articles; it happens once)"
    ]
    caplog.clear()
    Store.open(store_path).close()
    assert caplog.records == []  # once
    connection = sqlite3.connect(store_path)
    indexes = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert "mentions_by_date" not in indexes  # (and since version 4, mentions are arrays)
    assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_a_version_3_store_keeps_its_sentences_and_mentions_in_each_article_row(
    store_path: Path,
) -> None:
    connection = store_at_version(store_path, 3)
    texts = ["Talks ended. They resume on Monday.", "One sentence only."]
    for rowid, text in enumerate(texts, start=1):
        connection.execute(
            "INSERT INTO articles (rowid, id, published, text) VALUES (?, ?, ?, ?)",
            (rowid, f"a{rowid}", "2020-01-04", text),
        )
    connection.executemany(
        "INSERT INTO sentences (article, idx, start, end) VALUES (?, ?, ?, ?)",
        [(1, 1, 13, 35), (1, 0, 0, 12), (2, 0, 0, 18)],
    )
    connection.executemany(
        "INSERT INTO mentions (article, sentence, start, end, type, value, date, granularity)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(1, 1, 28, 34, "DATE", "2020-01-06", "2020-01-06", "day"), (1, 0, 0, 5, "SET", "P1D", None, None)],
    )
    connection.commit()
    connection.close()
    with Store.open(store_path) as store:
        first, second = store.analyzed_articles([1, 2])
    assert first.sentences == (Span(0, 12), Span(13, 35)) and second.sentences == (Span(0, 18),)
    assert first.mentions == (
        TimeMention(0, 0, 5, "Talks", "SET", "P1D"),
        TimeMention(1, 28, 34, "Monday", "DATE", "2020-01-06", dt.date(2020, 1, 6), "day"),
    )
    assert second.mentions == ()
    connection = sqlite3.connect(store_path)
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert not {"sentences", "mentions", "sentence_spans", "article_mentions"} & tables
    assert connection.execute("SELECT rowid, length(spans), mentions FROM articles WHERE rowid = 2").fetchone() == (
        2,
        8,
        "[]",
    )


def test_a_version_4_store_moves_its_analysis_into_the_article_rows(
    store_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(schema, "MIGRATION_ROWS", 1)  # a statement per article: ranges join up
    connection = store_at_version(store_path, 4)
    texts = ["Talks ended on Monday.", "No date here.", "Stored without its sentences."]
    for rowid, text in enumerate(texts, start=1):
        connection.execute(
            "INSERT INTO articles (rowid, id, published, text) VALUES (?, ?, ?, ?)",
            (rowid, f"a{rowid}", "2020-01-04", text),
        )
    connection.executemany(
        "INSERT INTO sentence_spans (article, spans) VALUES (?, ?)",
        [
            (1, pack_spans(np.array([[0, 22]]))),
            (2, pack_spans(np.array([[0, 13]]))),
            (9, pack_spans(np.array([[0, 1]]))),
        ],
    )  # 9: no such article
    connection.execute(
        "INSERT INTO article_mentions (article, mentions) VALUES (?, ?)",
        (1, pack_mentions([(0, 15, 21, "DATE", "2020-01-06", "2020-01-06", "day")])),
    )
    connection.commit()
    connection.close()
    with Store.open(store_path) as store:
        first, second, third = store.analyzed_articles([1, 2, 3])
        assert store.count_articles() == 3
    assert first.sentences == (Span(0, 22),) and second.sentences == (Span(0, 13),)
    assert first.mentions == (TimeMention(0, 15, 21, "Monday", "DATE", "2020-01-06", dt.date(2020, 1, 6), "day"),)
    assert second.mentions == () and third.sentences == ()
    with closing(sqlite3.connect(store_path)) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    assert not {"sentence_spans", "article_mentions"} & tables
    # The article a partial write (possible before version 5) left without sentences is
    # found by `dateline check`, and its analysis rebuilt.
    assert [finding.check for finding in check_store(store_path).findings] == ["sentence-spans"]
    assert repair_store(store_path).reanalyzed == 1
    with Store.open(store_path) as store:
        [third] = store.analyzed_articles([3])
    assert third.sentences == (Span(0, 29),)


def test_the_first_write_makes_the_full_text_index_merge_eight_segments_at_a_time(
    store_path: Path,
) -> None:
    def automerge() -> int | None:
        config = dict(sqlite3.connect(store_path).execute("SELECT k, v FROM articles_fts_config"))
        return config.get("automerge")

    Store.open(store_path).close()
    assert automerge() is None  # opening does not write
    with Store.open(store_path) as store:
        store.add_batch(*from_analyzed([analyzed("Talks ended on Monday.")]))
    assert automerge() == 8


def test_a_new_store_has_16_kib_pages_and_an_existing_store_keeps_its_own(
    store_path: Path,
    tmp_path: Path,
) -> None:
    def page_size(path: Path) -> int:
        with closing(sqlite3.connect(path)) as connection:
            return connection.execute("PRAGMA page_size").fetchone()[0]

    with Store.open(store_path) as store:
        store.add_batch(*from_analyzed([analyzed("Talks ended on Monday.")]))
    assert page_size(store_path) == 16384

    older = tmp_path / "older.db"
    connection = sqlite3.connect(older)
    connection.execute("PRAGMA page_size = 4096")
    connection.execute("CREATE TABLE placeholder (x)")  # the file now has its first page
    connection.execute("DROP TABLE placeholder")
    connection.close()
    with Store.open(older) as store:
        store.add_batch(*from_analyzed([analyzed("Talks ended on Monday.")]))
        assert store.count_articles() == 1
    assert page_size(older) == 4096


def test_a_newer_schema_is_refused(store_path: Path) -> None:
    Store.open(store_path).close()
    connection = sqlite3.connect(store_path)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.close()
    with pytest.raises(StoreError, match="newer"):
        Store.open(store_path)


def test_a_foreign_sqlite_file_is_refused(store_path: Path) -> None:
    connection = sqlite3.connect(store_path)
    connection.execute("CREATE TABLE other (x)")
    connection.close()
    with pytest.raises(StoreError, match="not a dateline store"):
        Store.open(store_path)


def test_a_file_that_is_not_sqlite_is_refused(store_path: Path) -> None:
    store_path.write_text("hello, this is not a database" * 100)
    with pytest.raises(StoreError, match="cannot open store"):
        Store.open(store_path)


def test_opening_a_missing_store_for_reading_says_what_to_do(store_path: Path) -> None:
    with pytest.raises(StoreError, match="dateline ingest"):
        Store.open(store_path, create=False)
