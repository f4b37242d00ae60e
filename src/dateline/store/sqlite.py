"""``Store``: the small repository API over the SQLite file.

Every write happens inside a ``BEGIN IMMEDIATE`` transaction, so a batch is stored whole
or not at all, and a crash (even ``kill -9``) leaves the last committed state. WAL mode
lets readers (a timeline query, the web server) keep answering while an ingest writes.
Articles are keyed by their content-hash id and inserted with ``INSERT OR IGNORE``, so
two ingests of overlapping files — even running at the same time — store each article
once. SQL stays in this package (ranking and story selection in ``matching``, bulk
writes in ``bulk``); callers see dataclasses.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Generator, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, closing, contextmanager
from functools import partial
from pathlib import Path
from typing import Any

from dateline.errors import StoreError
from dateline.model import (
    AnalyzedArticle,
    Article,
    ArticleSummary,
    BatchAnalysis,
    CollectionSummary,
    Span,
    TimeMention,
)
from dateline.store.batches import last_article_by, record_batch
from dateline.store.bulk import stored_ids, write_batch
from dateline.store.duplicates import BandIndex
from dateline.store.matching import (
    IN_LIST,
    Matching,
    first_stories,
    in_chunks,
    limited,
    spread_stories,
    without_copies,
)
from dateline.store.mentions import unpack_mentions
from dateline.store.readers import ParallelReader
from dateline.store.schema import SCHEMA_VERSION, migrate
from dateline.store.spans import unpack_spans
from dateline.store.writes import (
    PendingWrite,
    Write,
    WriteStamp,
    articles_of_write,
    next_rowid,
    recent_writes,
    write_by_id,
    write_of_article,
)

BUSY_TIMEOUT_MS = 60_000
# SQLite's page cache per connection (its default is 2 MiB). Every ingested article adds
# a key at a random place in the index of article ids (content hashes); once that index
# outgrows the cache, each insert re-reads pages, and ingest slows as the store grows.
# Pages are allocated as they are used, so a small store never takes this much.
CACHE_KIB = 256 * 1024
# The page size of a new store (SQLite's default is 4 KiB; a store keeps the size it was
# created with). A timeline's articles lie all over a large store, so when the store is
# not cached, the number of separate reads is what it waits for. With 16 KiB a typical
# article (6.5 KB of text) fits in one page instead of a leaf page and an overflow page,
# and FTS5's index leaves (about 4 KB each) lie four to a page, so a timeline makes
# fewer reads to retrieve and to load its articles (docs/scale.md).
PAGE_SIZE = 16 * 1024
# Debian's SQLite is built with secure_delete on: every page freed (a dropped table, a
# merged full-text segment) is overwritten with zeros and written again, and inside a
# transaction its old content is first copied to the statement journal (in memory with
# ``temp_store = MEMORY``), so a schema upgrade of a large store held far more memory
# with it than with FAST, which clears deleted content only where that costs no extra
# write. Nothing dateline deletes is secret.
SECURE_DELETE = "FAST"
# Articles read per statement when loading them over several connections: a thousand
# articles make eight reads to share between the reader threads.
READ_PART = 125
RANKED_PER_RESULT = 10
# Without a query, a limit is filled from twice as many matches (every k-th by date), so
# copies left out and an uneven sample still leave enough to spread over the dates.
SPREAD_SAMPLE_PER_RESULT = 2
_ARTICLE_FIELDS = (
    "a.id, a.published, a.text, a.title, a.url, a.source, a.collection, a.lines_are_sentences,"
    " (SELECT original.id FROM articles original WHERE original.rowid = a.duplicate_of)"
)


class Store:
    """An open dateline store. Use as a context manager, or call ``close()``."""

    def __init__(self, connection: sqlite3.Connection, path: str, parallel_reads: bool = True) -> None:
        self._db = connection
        self.path = path
        self._bands = BandIndex()
        self._writing: PendingWrite | None = None
        # The store's file as SQLite opened it (absolute; empty for an in-memory store, or
        # where it can only be read on this connection: see ``_read_only_connection``).
        self._file: str = connection.execute("PRAGMA database_list").fetchone()[2] if parallel_reads else ""

    @classmethod
    def open(cls, path: Path | str, create: bool = True) -> Store:
        """Open (and with ``create``, create or migrate) the store at ``path``.

        ``create`` is for the commands that write: a store they may not write (the file,
        or the folder that must hold SQLite's ``-wal`` and ``-shm`` files beside it, is
        read-only) is a ``StoreError`` that says which, before anything is written. Without
        ``create`` (the commands that only read), such a store is opened read-only."""
        where = str(path)
        if Path(path).is_dir():
            raise StoreError(f"{where}: a folder (a sharded store?); this command reads a one-file store only")
        if not create and not Path(path).exists():
            raise StoreError(f"{where}: no store here; run 'dateline ingest' first")
        why_not = unwritable(Path(path))
        if why_not and create:
            raise StoreError(f"{where}: cannot write to the store: {why_not}")
        if why_not:
            return _open_read_only(cls, Path(path))
        try:
            connection = sqlite3.connect(where, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
            connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            # Before WAL mode: only then does an empty (new) file take it; a no-op otherwise.
            connection.execute(f"PRAGMA page_size = {PAGE_SIZE}")
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA synchronous = NORMAL")
            connection.execute("PRAGMA foreign_keys = ON")
            connection.execute("PRAGMA temp_store = MEMORY")
            connection.execute(f"PRAGMA secure_delete = {SECURE_DELETE}")
            connection.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
            migrate(connection, where)
        except sqlite3.DatabaseError as error:
            raise StoreError(f"{where}: cannot open store: {error}") from None
        return cls(connection, where)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        """A write transaction: committed when the block ends, rolled back on error."""
        return write_transaction(self._db)

    def snapshot(self) -> AbstractContextManager[sqlite3.Connection]:
        """A read transaction, for the modules of this package that keep their own SQL
        (``stories``): their several statements see one state of the store."""
        return read_transaction(self._db)

    # writing

    def add_batch(
        self,
        articles: Sequence[Article],
        analysis: BatchAnalysis,
        rowids: Sequence[int] | None = None,
        originals: Sequence[int | None] | None = None,
    ) -> int:
        """Store ``articles`` with their analysis (in the same order) in one transaction,
        marking near-duplicates of stored articles (``Article.duplicate_of``); return how
        many articles were new. An id already stored, or repeated, is stored once.
        ``rowids``, ``originals``: each article's row id and original, for a shard
        (``dateline.store.bulk.write_batch``)."""
        if len(analysis) != len(articles):
            raise ValueError(f"{len(articles)} articles but an analysis of {len(analysis)}")
        with self.transaction() as db:
            writing = self._writing
            first_rowid = next_rowid(db) if writing is not None else 0
            added = write_batch(db, articles, analysis, self._bands, rowids, originals)
            if added:
                record_batch(db, dt.datetime.now(dt.UTC))
            if added and writing is not None:
                writing.attribute(db, first_rowid)
            return added

    @contextmanager
    def attributing(self, stamp: WriteStamp, write_id: int | None = None) -> Iterator[None]:
        """Record the articles added inside the block as added by one write, ``stamp``
        (in the write log, ``dateline.store.writes``), numbered ``write_id`` when given
        (a shard: the sharded store numbers its writes over all shards)."""
        self._writing = PendingWrite(stamp, write_id)
        try:
            yield
        finally:
            self._writing = None

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        """The subset of ``ids`` already stored (lets ingest skip analysing them)."""
        return stored_ids(self._db, list(ids))

    # reading

    def count_articles(self, collection: str | None = None) -> int:
        if collection is None:
            return self._db.execute("SELECT count(*) FROM articles").fetchone()[0]
        return self._db.execute("SELECT count(*) FROM articles WHERE collection = ?", (collection,)).fetchone()[0]

    def collections(self) -> list[CollectionSummary]:
        """Each collection with its article count and span, by name (one pass over the
        index on collection and publication date)."""
        return [
            CollectionSummary(name, count, dt.date.fromisoformat(first), dt.date.fromisoformat(last))
            for name, count, first, last in self._db.execute(
                "SELECT collection, count(*), min(published), max(published) FROM articles "
                "GROUP BY collection ORDER BY collection"
            )
        ]

    def get_article(self, article_id: str) -> Article | None:
        row = self._db.execute(
            f"SELECT {_ARTICLE_FIELDS} FROM articles a WHERE a.id = ?",
            (article_id,),
        ).fetchone()
        return _article_from_row(row) if row else None

    def recent_writes(self, limit: int) -> list[Write]:
        """The last ``limit`` writes that added articles, newest first."""
        return recent_writes(self._db, limit)

    def get_write(self, write_id: int) -> Write | None:
        return write_by_id(self._db, write_id)

    def write_of(self, article_id: str) -> Write | None:
        """The write that added the article (None for an ingest, or an unknown id)."""
        return write_of_article(self._db, article_id)

    def articles_of_write(self, write_id: int, limit: int) -> list[str]:
        return articles_of_write(self._db, write_id, limit)

    def stored_by(self, rowids: Sequence[int], moment: dt.datetime) -> list[int]:
        """The articles of ``rowids`` (in their order) stored at or before ``moment``, by
        the batch log (``dateline.store.batches``); those stored before the log began count
        as stored before any time."""
        last = last_article_by(self._db, moment)
        return [rowid for rowid in rowids if rowid <= last]

    def match_articles(
        self,
        fts_query: str | None,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
        collection: str | None = None,
        limit: int | None = None,
        stories_only: bool = False,
    ) -> list[int]:
        """Row ids of articles matching an FTS5 query (all articles when None), within the
        date range and collection, best match first (by date when there is no query).

        With ``stories_only``, a near-duplicate copy whose original matches too is left
        out: the story is there once, and a limit counts stories, not fifty copies of one.

        With a ``limit``, at most ``RANKED_PER_RESULT × limit`` matches are ranked: when
        more match, an evenly spread sample of them is, every k-th by row id (order of
        ingest), so the best 1,000 of a million matches cost what those of ten thousand do.
        Without a query, ``limit`` articles evenly spread over the matches are returned (in
        date order) rather than the earliest. When the filters leave fewer than ``limit``
        in the sample, all matches are ranked. A limit of 0 finds nothing, None or a
        negative one everything.

        Ranking reads only the full-text index (and, with filters, the start of each
        ranked article's row); which ranked articles are copies is looked up afterwards,
        for those returned and a few more (``dateline.store.matching``). (So a damaged
        store whose index still lists deleted articles, which ``dateline check``
        reports, can return their row ids.)"""
        matching = Matching.of(fts_query, *filters(date_from, date_to, collection))
        query = matching.ordered
        drop_copies = partial(without_copies, self._db, originals=matching.originals) if stories_only else None

        def chosen(step: int, wanted: int | None) -> list[int]:
            """``wanted`` of every ``step``-th match: the best ranked, or (without a query)
            evenly spread over the dates; all of them when ``wanted`` is None."""
            if fts_query is None:
                return spread_stories(list(query.run(self._db, None, step)), wanted, drop_copies)
            if drop_copies is None:
                return list(query.run(self._db, wanted, step))
            return first_stories(query.run(self._db, None, step), wanted, drop_copies)

        per_result = SPREAD_SAMPLE_PER_RESULT if fts_query is None else RANKED_PER_RESULT
        try:
            return limited(limit, per_result, partial(matching.count, self._db), chosen)
        except sqlite3.OperationalError as error:
            raise StoreError(f"cannot search for {fts_query!r}: {error}") from None

    def publication_counts(self, rowids: Sequence[int]) -> list[tuple[dt.date, int]]:
        """How many of ``rowids`` were published on each day, in date order (a histogram
        of article volume over time)."""
        counts: dict[str, int] = {}
        for published, count in in_chunks(
            self._db,
            "SELECT published, count(*) FROM articles WHERE rowid IN ({}) GROUP BY published",
            rowids,
        ):
            counts[published] = counts.get(published, 0) + count
        return [(dt.date.fromisoformat(day), counts[day]) for day in sorted(counts)]

    def summaries(self, rowids: Sequence[int]) -> list[ArticleSummary]:
        """Listing rows for ``rowids``, in the given order."""
        by_rowid = {
            row[0]: ArticleSummary(row[1], dt.date.fromisoformat(row[2]), *row[3:])
            for row in in_chunks(
                self._db,
                "SELECT rowid, id, published, title, url, length(text), collection FROM articles WHERE rowid IN ({})",
                rowids,
            )
        }
        return [by_rowid[rowid] for rowid in rowids if rowid in by_rowid]

    def analyzed_articles(self, rowids: Sequence[int]) -> Iterator[AnalyzedArticle]:
        """The stored articles with their sentences and mentions, in row id order (within
        each run of ``IN_LIST`` of ``rowids``). ``Article.duplicate_of`` names the first
        stored copy of a near-duplicate, so a timeline can count a story republished many
        times once. Each is decoded when it is asked for (``analysis_rows``)."""
        return _decoded(self.analysis_rows(rowids))

    def analysis_rows(self, rowids: Sequence[int]) -> Generator[tuple, None, None]:
        """The stored rows of ``rowids``, undecoded (``analyzed_from_row`` makes an
        article of one), in row id order within each run of ``IN_LIST``.

        A row is a few values where its decoded article is hundreds of small objects. A
        sharded store reads its shards' rows on their threads and decodes them one at a
        time where they are used, as ``analyzed_articles`` does: holding a run of decoded
        articles at once made Python's garbage collector scan them again and again.

        The rows are read over several connections at once (``ParallelReader``): they lie
        all over the store, and on a cold store reading them one after another is most of
        a timeline's time. Inside a write transaction they are read on this connection,
        the only one that sees what the transaction wrote."""
        parts = [
            chunk[start : start + READ_PART]
            for chunk_start in range(0, len(rowids), IN_LIST)
            for chunk in [sorted(rowids[chunk_start : chunk_start + IN_LIST])]
            for start in range(0, len(chunk), READ_PART)
        ]
        if self._db.in_transaction or not self._file:
            return _rows_in_order(parts, (_read_analysis(self._db, part) for part in parts))
        return _read_in_parallel(self._file, parts)


@contextmanager
def write_transaction(db: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """``BEGIN IMMEDIATE`` on an autocommit connection: committed when the block ends,
    rolled back on error."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


@contextmanager
def read_transaction(db: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """A read transaction on an autocommit connection: its statements see one state."""
    db.execute("BEGIN")
    try:
        yield db
    finally:
        db.execute("COMMIT")


def unwritable(path: Path) -> str:
    """Why this process may not write the store at ``path`` ("" when it may)."""
    folder = path.absolute().parent
    if path.exists() and not os.access(path, os.W_OK):
        return "the file is read-only"
    if not os.access(folder, os.W_OK):
        return f"its folder {folder} is read-only (SQLite keeps the store's -wal and -shm files there)"
    return ""


def read_only_connection(path: Path) -> tuple[sqlite3.Connection, bool]:
    """An autocommit connection that can only read the store at ``path``, and whether it
    is ``immutable`` (raises ``sqlite3.DatabaseError`` as ``sqlite3.connect`` does).

    In a folder this process may not write, the file is opened ``immutable``: a read-only
    connection to a WAL-mode store needs its ``-shm`` file, and SQLite can create none
    there, so without ``immutable`` the open fails. ``immutable`` is kept to that case
    because it tells SQLite that nobody changes the file while it is open: SQLite then
    takes no locks and ignores the ``-wal`` file, so a reader would see torn or stale
    pages if the store's owner wrote meanwhile. Where the folder is writable (or a
    ``-wal`` file is there, left by a writer), the plain read-only open (``mode=ro``)
    lets SQLite see a writer's commits safely."""
    immutable = not os.access(path.absolute().parent, os.W_OK) and not Path(f"{path}-wal").exists()
    uri = path.absolute().as_uri() + "?mode=ro" + ("&immutable=1" if immutable else "")
    connection = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return connection, immutable


def _open_read_only(cls: type[Store], path: Path) -> Store:
    """The store at ``path`` opened read-only (``read_only_connection``): no migration,
    and no write. An immutable store is read on this one connection: the parallel readers
    (``dateline.store.readers``) open the file without ``immutable``."""
    where = str(path)
    try:
        connection, immutable = read_only_connection(path)
        connection.execute("PRAGMA temp_store = MEMORY")
        connection.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        if 0 < version < SCHEMA_VERSION:
            connection.close()
            raise StoreError(
                f"{where}: the store has schema version {version}, this dateline reads "
                f"{SCHEMA_VERSION}, and the store is read-only, so it cannot be upgraded"
            )
        migrate(connection, where)  # refuses a newer or a foreign file; writes nothing otherwise
    except sqlite3.DatabaseError as error:
        raise StoreError(f"{where}: cannot open store: {error}") from None
    return cls(connection, where, parallel_reads=not immutable)


def _read_in_parallel(file: str, parts: list[list[int]]) -> Generator[tuple, None, None]:
    with ParallelReader(file, BUSY_TIMEOUT_MS) as reader:
        yield from _rows_in_order(parts, reader.map(_read_analysis, parts))


def _decoded(rows: Generator[tuple, None, None]) -> Iterator[AnalyzedArticle]:
    """The articles of ``rows``, each decoded when it is asked for; closing this closes
    ``rows`` (and the reads under way)."""
    with closing(rows):
        yield from map(analyzed_from_row, rows)


def _rows_in_order(parts: list[list[int]], reads: Iterable[list[tuple]]) -> Generator[tuple, None, None]:
    """The rows read for each part, in the order of the part's row ids (those stored)."""
    for part, rows in zip(parts, reads, strict=True):
        by_rowid = {row[0]: row for row in rows}
        yield from (by_rowid[rowid] for rowid in part if rowid in by_rowid)


def _read_analysis(db: sqlite3.Connection, rowids: list[int]) -> list[tuple]:
    """The rows of some articles, with their sentence spans and mentions."""
    marks = ",".join("?" * len(rowids))
    return db.execute(
        f"SELECT a.rowid, a.spans, a.mentions, {_ARTICLE_FIELDS} FROM articles a WHERE a.rowid IN ({marks})",
        rowids,
    ).fetchall()


def analyzed_from_row(row: Sequence[Any]) -> AnalyzedArticle:
    """An article from a row of ``Store.analysis_rows``: the row id, the ``spans`` and
    ``mentions`` columns, then ``_ARTICLE_FIELDS``."""
    _, spans, mentions, *fields = row
    article = _article_from_row(fields)
    text = article.text
    return AnalyzedArticle(
        article,
        tuple(Span(start, end) for start, end in unpack_spans(spans).tolist()),
        tuple(
            TimeMention(
                sentence,
                start,
                end,
                text[start:end],
                kind,
                value,
                dt.date.fromisoformat(date) if date else None,
                granularity,
            )
            for sentence, start, end, kind, value, date, granularity in unpack_mentions(mentions)
        ),
    )


def filters(date_from: dt.date | None, date_to: dt.date | None, collection: str | None) -> tuple[str, list[object]]:
    """SQL conditions on the articles (alias ``a``) for the filters, and their values."""
    clauses = ["1"]
    parameters: list[object] = []
    if date_from is not None:
        clauses.append("a.published >= ?")
        parameters.append(date_from.isoformat())
    if date_to is not None:
        clauses.append("a.published <= ?")
        parameters.append(date_to.isoformat())
    if collection is not None:
        clauses.append("a.collection = ?")
        parameters.append(collection)
    return " AND ".join(clauses), parameters


def _article_from_row(row: Sequence) -> Article:
    article_id, published, text, title, url, source, collection, lines_are_sentences, original = row
    return Article(
        id=article_id,
        published=dt.date.fromisoformat(published),
        text=text,
        title=title,
        url=url,
        source=source,
        collection=collection,
        lines_are_sentences=bool(lines_are_sentences),
        duplicate_of=original,
    )
