"""``Store``: the small repository API over the SQLite file.

Every write happens inside a ``BEGIN IMMEDIATE`` transaction, so a batch is stored whole
or not at all, and a crash (even ``kill -9``) leaves the last committed state. WAL mode
lets readers (a timeline query, the web server) keep answering while an ingest writes.
Articles are keyed by their content-hash id and inserted with ``INSERT OR IGNORE``, so
two ingests of overlapping files — even running at the same time — store each article
once. SQL stays in this module; callers see dataclasses.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from dateline.errors import StoreError
from dateline.model import AnalyzedArticle, Article, Span, TimeMention
from dateline.nlp.batch import BatchAnalysis, from_analyzed
from dateline.store.bulk import stored_ids, write_batch
from dateline.store.duplicates import BandIndex
from dateline.store.mentions import unpack_mentions
from dateline.store.schema import migrate
from dateline.store.spans import unpack_spans

BUSY_TIMEOUT_MS = 60_000
# SQLite's page cache per connection (its default is 2 MiB). Every ingested article adds
# a key at a random place in the index of article ids (content hashes); once that index
# outgrows the cache, each insert re-reads pages, and ingest slows as the store grows.
# Pages are allocated as they are used, so a small store never takes this much.
CACHE_KIB = 256 * 1024
RANKED_PER_RESULT = 10
_ARTICLE_FIELDS = (
    "a.id, a.published, a.text, a.title, a.url, a.source, a.collection, a.lines_are_sentences,"
    " (SELECT original.id FROM articles original WHERE original.rowid = a.duplicate_of)"
)


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """What a listing shows of an article, without its text."""

    id: str
    published: dt.date
    title: str
    url: str
    chars: int
    collection: str


class Store:
    """An open dateline store. Use as a context manager, or call ``close()``."""

    def __init__(self, connection: sqlite3.Connection, path: str) -> None:
        self._db = connection
        self.path = path
        self._bands = BandIndex()

    @classmethod
    def open(cls, path: Path | str, create: bool = True) -> Store:
        """Open (and with ``create``, create or migrate) the store at ``path``."""
        where = str(path)
        if not create and not Path(path).exists():
            raise StoreError(f"{where}: no store here; run 'dateline ingest' first")
        try:
            connection = sqlite3.connect(where, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
            connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA synchronous = NORMAL")
            connection.execute("PRAGMA foreign_keys = ON")
            connection.execute("PRAGMA temp_store = MEMORY")
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

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction: committed when the block ends, rolled back on error."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    # writing

    def add_articles(self, batch: Sequence[AnalyzedArticle]) -> int:
        """Store a batch in one transaction; return how many articles were new."""
        return self.add_batch([analyzed.article for analyzed in batch], from_analyzed(batch))

    def add_batch(self, articles: Sequence[Article], analysis: BatchAnalysis) -> int:
        """Store ``articles`` with their analysis (in the same order) in one transaction,
        marking near-duplicates of stored articles (``Article.duplicate_of``); return how
        many articles were new. An id already stored, or repeated, is stored once."""
        if len(analysis) != len(articles):
            raise ValueError(f"{len(articles)} articles but an analysis of {len(analysis)}")
        with self.transaction() as db:
            return write_batch(db, articles, analysis, self._bands)

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        """The subset of ``ids`` already stored (lets ingest skip analysing them)."""
        return stored_ids(self._db, list(ids))

    # reading

    def count_articles(self, collection: str | None = None) -> int:
        if collection is None:
            return self._db.execute("SELECT count(*) FROM articles").fetchone()[0]
        return self._db.execute(
            "SELECT count(*) FROM articles WHERE collection = ?", (collection,)
        ).fetchone()[0]

    def collections(self) -> list[tuple[str, int]]:
        """Each collection name with its article count, by name."""
        return self._db.execute(
            "SELECT collection, count(*) FROM articles GROUP BY collection ORDER BY collection"
        ).fetchall()

    def get_article(self, article_id: str) -> Article | None:
        row = self._db.execute(
            f"SELECT {_ARTICLE_FIELDS} FROM articles a WHERE a.id = ?",
            (article_id,),
        ).fetchone()
        return _article_from_row(row) if row else None

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
        in the sample, all matches are ranked."""
        clauses, parameters = _filters(date_from, date_to, collection)
        if stories_only:
            # Looked up per copy (a row id seek each), not as the set of all matches, which
            # would cost a second pass over every match of a frequent word.
            originals, original_parameters = _filters(date_from, date_to, collection, "o")
            if fts_query is None:
                original = f"SELECT 1 FROM articles o WHERE o.rowid = a.duplicate_of AND {originals}"
            else:
                original = ("SELECT 1 FROM articles o JOIN articles_fts fo ON fo.rowid = o.rowid"
                            f" WHERE o.rowid = a.duplicate_of AND {originals} AND articles_fts MATCH ?")
                original_parameters = [*original_parameters, fts_query]
            clauses += f" AND (a.duplicate_of IS NULL OR NOT EXISTS ({original}))"
            parameters = [*parameters, *original_parameters]
        if fts_query is None:
            query = _RowidQuery("articles a", clauses, "a.published, a.rowid", "a", parameters)
            count_sql, count_parameters = f"SELECT count(*) FROM articles a WHERE {clauses}", parameters
            sample_per_result = 1
        else:
            query = _RowidQuery(
                "articles_fts f JOIN articles a ON a.rowid = f.rowid",
                f"articles_fts MATCH ? AND {clauses}", "bm25(articles_fts), a.rowid", "f",
                [fts_query, *parameters],
            )
            count_sql = "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?"
            count_parameters = [fts_query]
            sample_per_result = RANKED_PER_RESULT
        try:
            if not limit or limit < 0:
                return query.run(self._db, limit)
            matches = self._db.execute(count_sql, count_parameters).fetchone()[0]
            step = -(-matches // (sample_per_result * limit))
            rowids = query.run(self._db, limit, step)
            return rowids if step <= 1 or len(rowids) == limit else query.run(self._db, limit)
        except sqlite3.OperationalError as error:
            raise StoreError(f"cannot search for {fts_query!r}: {error}") from None

    def publication_counts(self, rowids: Sequence[int]) -> list[tuple[dt.date, int]]:
        """How many of ``rowids`` were published on each day, in date order (a histogram
        of article volume over time)."""
        counts: dict[str, int] = {}
        for chunk_start in range(0, len(rowids), 500):
            chunk = list(rowids[chunk_start:chunk_start + 500])
            marks = ",".join("?" * len(chunk))
            for published, count in self._db.execute(
                f"SELECT published, count(*) FROM articles WHERE rowid IN ({marks}) GROUP BY published",
                chunk,
            ):
                counts[published] = counts.get(published, 0) + count
        return [(dt.date.fromisoformat(day), counts[day]) for day in sorted(counts)]

    def summaries(self, rowids: Sequence[int]) -> list[ArticleSummary]:
        """Listing rows for ``rowids``, in the given order."""
        by_rowid = {}
        for chunk_start in range(0, len(rowids), 500):
            chunk = list(rowids[chunk_start:chunk_start + 500])
            marks = ",".join("?" * len(chunk))
            for row in self._db.execute(
                "SELECT rowid, id, published, title, url, length(text), collection"
                f" FROM articles WHERE rowid IN ({marks})",
                chunk,
            ):
                by_rowid[row[0]] = ArticleSummary(
                    row[1], dt.date.fromisoformat(row[2]), row[3], row[4], row[5], row[6]
                )
        return [by_rowid[rowid] for rowid in rowids if rowid in by_rowid]

    def analyzed_articles(self, rowids: Sequence[int]) -> Iterator[AnalyzedArticle]:
        """The stored articles with their sentences and mentions, in row id order.
        ``Article.duplicate_of`` names the first stored copy of a near-duplicate, so a
        timeline can count a story republished many times once."""
        for chunk_start in range(0, len(rowids), 500):
            chunk = sorted(rowids[chunk_start:chunk_start + 500])
            marks = ",".join("?" * len(chunk))
            articles = {
                row[0]: _article_from_row(row[1:])
                for row in self._db.execute(
                    f"SELECT a.rowid, {_ARTICLE_FIELDS} FROM articles a WHERE a.rowid IN ({marks})",
                    chunk,
                )
            }
            spans: dict[int, tuple[Span, ...]] = {rowid: () for rowid in articles}
            for article, packed in self._db.execute(
                f"SELECT article, spans FROM sentence_spans WHERE article IN ({marks})", chunk
            ):
                spans[article] = tuple(Span(start, end) for start, end in unpack_spans(packed).tolist())
            mentions: dict[int, tuple[TimeMention, ...]] = {rowid: () for rowid in articles}
            for article, packed in self._db.execute(
                f"SELECT article, mentions FROM article_mentions WHERE article IN ({marks})", chunk
            ):
                text = articles[article].text
                mentions[article] = tuple(
                    TimeMention(sentence, start, end, text[start:end], kind, value,
                                dt.date.fromisoformat(date) if date else None, granularity)
                    for sentence, start, end, kind, value, date, granularity in unpack_mentions(packed)
                )
            for rowid in chunk:
                if rowid in articles:
                    yield AnalyzedArticle(articles[rowid], spans[rowid], mentions[rowid])


@dataclass(frozen=True)
class _RowidQuery:
    """``SELECT rowid FROM source WHERE where ORDER BY order``, optionally limited and
    restricted to every ``step``-th row id of ``sampled`` (a table alias)."""

    source: str
    where: str
    order: str
    sampled: str
    parameters: list[object]

    def run(self, db: sqlite3.Connection, limit: int | None, step: int = 1) -> list[int]:
        sql = f"SELECT a.rowid FROM {self.source} WHERE {self.where}"
        parameters = list(self.parameters)
        if step > 1:
            sql += f" AND {self.sampled}.rowid % ? = 0"
            parameters.append(step)
        sql += f" ORDER BY {self.order}"
        if limit is not None:
            sql += " LIMIT ?"
            parameters.append(limit)
        return [row[0] for row in db.execute(sql, parameters)]


def _filters(
    date_from: dt.date | None, date_to: dt.date | None, collection: str | None, alias: str = "a"
) -> tuple[str, list[object]]:
    clauses, parameters = ["1"], []
    if date_from is not None:
        clauses.append(f"{alias}.published >= ?")
        parameters.append(date_from.isoformat())
    if date_to is not None:
        clauses.append(f"{alias}.published <= ?")
        parameters.append(date_to.isoformat())
    if collection is not None:
        clauses.append(f"{alias}.collection = ?")
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
