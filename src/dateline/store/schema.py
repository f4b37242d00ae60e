"""The SQLite schema and its migrations.

``PRAGMA user_version`` holds the schema version. Opening a store brings an older schema
up to ``SCHEMA_VERSION`` by running each migration in order inside one transaction, and
refuses a store written by a newer dateline rather than guessing at it.

Tables: ``articles`` (the text is stored once, with its sentence spans and its resolved
time expressions, which point into it by offsets; a mention's ``date`` is the first day of
the day/month/year it names, null for other values; in tables of their own before
version 5) and ``articles_fts``, an FTS5 index over titles and texts kept in sync by
triggers so no writer can forget it.

Version 2 (near-duplicates): ``articles.duplicate_of`` points at the first
stored copy of a near-duplicate article (NULL for the first copy itself);
``article_bands`` holds the LSH band keys (``dateline.text.dedup``) of each first copy,
appended in row id order, so later ingests, in any process, find copies of what is
stored. Articles stored before version 2 have no band keys, so copies of them are not
recognised.

Version 3 drops ``mentions_by_date``: no query reads mentions by date (methods read an
article's mentions with the article), and keeping an index of every mention in date
order cost each ingested article a dozen inserts at random places in it.

Version 4 stores each article's sentence spans as one array (``sentence_spans``, see
``dateline.store.spans``) and its time mentions as one JSON array (``article_mentions``,
see ``dateline.store.mentions``) instead of a ``sentences`` row per sentence and a
``mentions`` row per mention: the store write of an article no longer inserts seventy
rows. Its migration packs the existing rows.

Version 5 moves those two arrays into the article's own row (``articles.spans``, an
empty BLOB for no sentences, and ``articles.mentions``, ``'[]'`` for none) and drops
their tables. A timeline loads about a thousand articles from all over the store; with
three tables that was three B-tree lookups per article, each a separate disk read when
the store is not cached, and now it is one. One row also means an article cannot be
stored without its analysis, nor an analysis without its article.

Version 6 records who wrote what through the HTTP API: ``writes`` holds one row per
write that added articles (its UTC time and a fingerprint of the write token that
authorised it, never the token), and ``articles.added_by`` points at the write that
added the article (NULL for articles from ``dateline ingest``, which needs no token).
Adding a nullable column rewrites no row, so the upgrade is instant at any size.

Version 7 adds the stories (``dateline.store.stories``): ``stories`` (each story's dates,
centroid and label article), ``story_articles`` (each article's story) and
``story_terms`` (the document frequency of each term over the assigned articles). They
start empty: the first ``dateline stories`` assigns the articles already stored.

Version 8 records when articles were stored: ``batches`` holds one row per stored batch,
its UTC time and the row id of its last article (``dateline.store.batches``), which
``dateline timeline --since`` reads. Articles are never deleted and each batch takes the
row ids after the current maximum under the write lock, so the articles stored by a time
are those up to a row id. The upgrade records the articles already stored as one batch at
no time (``''``, before every time): when they were stored is not known.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterator
from itertools import groupby
from operator import itemgetter

import numpy as np

from dateline.errors import StoreError
from dateline.store.mentions import pack_mentions
from dateline.store.spans import pack_spans

# Articles a migration rewrites per statement (see ``_analysis_into_article_rows``).
MIGRATION_ROWS = 1000

Migration = str | Callable[[sqlite3.Connection], None]
"""A migration: an SQL script, or a function for what SQL alone cannot do."""


def _analysis_as_arrays(connection: sqlite3.Connection) -> None:
    """Version 4: the rows of ``sentences`` and of ``mentions`` become one array per
    article in ``sentence_spans`` and ``article_mentions`` (rows without an article too;
    version 5 drops them)."""
    for table, column in (("sentence_spans", "spans BLOB"), ("article_mentions", "mentions TEXT")):
        connection.execute(f"""
            CREATE TABLE {table} (
                article INTEGER PRIMARY KEY REFERENCES articles (rowid) ON DELETE CASCADE,
                {column} NOT NULL
            )
        """)
    spans = connection.execute("SELECT article, start, end FROM sentences ORDER BY article, idx")
    connection.executemany(
        "INSERT INTO sentence_spans (article, spans) VALUES (?, ?)",
        (
            (article, pack_spans(np.array([row[1:] for row in rows], dtype=np.int64)))
            for article, rows in _by_article(spans)
        ),
    )
    mentions = connection.execute(
        "SELECT article, sentence, start, end, type, value, date, granularity FROM mentions ORDER BY article, start"
    )
    connection.executemany(
        "INSERT INTO article_mentions (article, mentions) VALUES (?, ?)",
        ((article, pack_mentions([row[1:] for row in rows])) for article, rows in _by_article(mentions)),
    )
    connection.execute("DROP TABLE sentences")
    connection.execute("DROP TABLE mentions")


def _analysis_into_article_rows(connection: sqlite3.Connection) -> None:
    """Version 5: each article's row takes its ``sentence_spans`` and ``article_mentions``
    arrays (rows without an article are dropped with their tables).

    The articles are updated a range of row ids per statement: inside the migration's
    transaction, SQLite keeps a copy of every page a statement changes until the
    statement ends (its statement journal, in memory with ``temp_store = MEMORY``): one
    statement over all the articles would hold about the size of the article table in
    memory."""
    connection.execute("ALTER TABLE articles ADD COLUMN spans BLOB NOT NULL DEFAULT x''")
    connection.execute("ALTER TABLE articles ADD COLUMN mentions TEXT NOT NULL DEFAULT '[]'")
    lowest, highest = connection.execute(
        "SELECT coalesce(min(rowid), 0), coalesce(max(rowid), 0) FROM articles"
    ).fetchone()
    for first in range(lowest, highest + 1, MIGRATION_ROWS):
        connection.execute(
            """
            UPDATE articles SET
                spans = coalesce((SELECT spans FROM sentence_spans WHERE article = articles.rowid), x''),
                mentions = coalesce((SELECT mentions FROM article_mentions
                                     WHERE article = articles.rowid), '[]')
            WHERE rowid BETWEEN ? AND ?
            """,
            (first, first + MIGRATION_ROWS - 1),
        )
    connection.execute("DROP TABLE sentence_spans")
    connection.execute("DROP TABLE article_mentions")


def _by_article(rows: Iterator[tuple]) -> Iterator[tuple[int, list[tuple]]]:
    for article, group in groupby(rows, key=itemgetter(0)):
        yield article, list(group)


# Version 7's tables, which a sharded store's story index holds too (``dateline.shards.stories``).
STORY_TABLES = """
    CREATE TABLE stories (
        rowid INTEGER PRIMARY KEY,
        first TEXT NOT NULL,
        last TEXT NOT NULL,
        size INTEGER NOT NULL,
        centroid TEXT NOT NULL,
        label INTEGER,
        label_score REAL NOT NULL
    );
    CREATE INDEX stories_by_last ON stories (last);
    CREATE TABLE story_articles (
        article INTEGER PRIMARY KEY REFERENCES articles (rowid) ON DELETE CASCADE,
        story INTEGER NOT NULL REFERENCES stories (rowid)
    );
    CREATE INDEX story_articles_by_story ON story_articles (story);
    CREATE TABLE story_terms (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
"""

MIGRATIONS: tuple[Migration, ...] = (
    """
    CREATE TABLE articles (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        published TEXT NOT NULL,
        title TEXT NOT NULL DEFAULT '',
        url TEXT NOT NULL DEFAULT '',
        source TEXT NOT NULL DEFAULT '',
        collection TEXT NOT NULL DEFAULT '',
        lines_are_sentences INTEGER NOT NULL DEFAULT 0,
        text TEXT NOT NULL
    );
    CREATE INDEX articles_by_collection_date ON articles (collection, published);
    CREATE INDEX articles_by_date ON articles (published);
    CREATE TABLE sentences (
        article INTEGER NOT NULL REFERENCES articles (rowid) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        PRIMARY KEY (article, idx)
    ) WITHOUT ROWID;
    CREATE TABLE mentions (
        article INTEGER NOT NULL REFERENCES articles (rowid) ON DELETE CASCADE,
        sentence INTEGER NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        type TEXT NOT NULL,
        value TEXT NOT NULL,
        date TEXT,
        granularity TEXT
    );
    CREATE INDEX mentions_by_article ON mentions (article);
    CREATE INDEX mentions_by_date ON mentions (date) WHERE date IS NOT NULL;  -- dropped in 3
    CREATE VIRTUAL TABLE articles_fts USING fts5 (
        title, text, content='articles', content_rowid='rowid',
        tokenize='porter unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
    END;
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    """,
    """
    ALTER TABLE articles ADD COLUMN duplicate_of INTEGER REFERENCES articles (rowid) ON DELETE SET NULL;
    CREATE INDEX articles_by_duplicate_of ON articles (duplicate_of) WHERE duplicate_of IS NOT NULL;
    CREATE TABLE article_bands (
        article INTEGER PRIMARY KEY REFERENCES articles (rowid) ON DELETE CASCADE,
        keys BLOB NOT NULL
    );
    """,
    """
    DROP INDEX IF EXISTS mentions_by_date;
    """,
    _analysis_as_arrays,
    _analysis_into_article_rows,
    """
    CREATE TABLE writes (
        rowid INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        token TEXT NOT NULL
    );
    ALTER TABLE articles ADD COLUMN added_by INTEGER REFERENCES writes (rowid);
    CREATE INDEX articles_by_write ON articles (added_by) WHERE added_by IS NOT NULL;
    """,
    STORY_TABLES,
    """
    CREATE TABLE batches (
        rowid INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        last_article INTEGER NOT NULL
    );
    CREATE INDEX batches_by_time ON batches (at);
    INSERT INTO batches (at, last_article) SELECT '', max(rowid) FROM articles HAVING count(*) > 0;
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)
_log = logging.getLogger(__name__)


def migrate(connection: sqlite3.Connection, where: str) -> None:
    """Bring the schema of an open store up to ``SCHEMA_VERSION``."""
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{where}: store schema version {version} is newer than this dateline "
            f"supports ({SCHEMA_VERSION}); upgrade dateline"
        )
    if version == SCHEMA_VERSION:
        return
    if version == 0 and _has_foreign_tables(connection):
        raise StoreError(f"{where}: this SQLite file is not a dateline store")
    if version > 0:
        # Rewriting an existing store's tables takes minutes at a million articles; say
        # why the command pauses (Python prints a warning to stderr when the application
        # has not configured logging).
        _log.warning(
            "%s: upgrading the store from schema %d to %d (minutes for a store of "
            "millions of articles; it happens once)",
            where,
            version,
            SCHEMA_VERSION,
        )
    with connection:
        connection.execute("BEGIN IMMEDIATE")
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        for migration in MIGRATIONS[version:]:
            if callable(migration):
                migration(connection)
                continue
            for statement in statements(migration):
                connection.execute(statement)
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _has_foreign_tables(connection: sqlite3.Connection) -> bool:
    return connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0


def statements(script: str) -> list[str]:
    """Split a migration script into statements (triggers contain inner semicolons)."""
    statements, pending = [], ""
    for line in script.strip().splitlines():
        pending += line + "\n"
        if sqlite3.complete_statement(pending):
            statements.append(pending.strip())
            pending = ""
    return statements
