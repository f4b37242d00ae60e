"""Finding articles: the SQL that ranks (or orders by date) the matches of a query,
and the step after it that keeps stories, leaving out a near-duplicate copy whose
original matches too (``Store.match_articles`` puts them together).

Whether an article is a copy is read from the small index of copies
(``articles_by_duplicate_of``), and only for the articles about to be returned: the
link is stored in the article's row after its text, and reading it for every ranked
match of a cold million-article store cost tens of thousands of disk reads.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import islice

# Values looked up per statement (``rowid IN (...)``, ``id IN (...)``), well under
# SQLite's limit on bound parameters.
IN_LIST = 500
# Without a limit, ranked matches are checked for copies this many at a time.
STORY_CHUNK = 500

DropCopies = Callable[[list[int]], list[int]]
"""Some row ids less the near-duplicate copies whose original matches too, in order
(``without_copies`` on one store; over every shard in ``dateline.shards``)."""


@dataclass(frozen=True)
class RowidQuery:
    """``SELECT rowid FROM source WHERE where ORDER BY order``, optionally limited and
    restricted to every ``step``-th row id of ``sampled`` (a table alias)."""

    source: str
    where: str
    order: str
    sampled: str
    parameters: list[object]

    def run(self, db: sqlite3.Connection, limit: int | None, step: int = 1) -> Iterator[int]:
        sql = f"SELECT {self.sampled}.rowid FROM {self.source} WHERE {self.where}"
        parameters = list(self.parameters)
        if step > 1:
            sql += f" AND {self.sampled}.rowid % ? = 0"
            parameters.append(step)
        sql += f" ORDER BY {self.order}"
        if limit is not None:
            sql += " LIMIT ?"
            parameters.append(limit)
        return (row[0] for row in db.execute(sql, parameters))

    def by_rowid(self) -> RowidQuery:
        """The same rows in row id order: for a caller that orders them itself (a sharded
        store ranks by global BM25), which spares SQLite scoring and sorting them."""
        return replace(self, order=f"{self.sampled}.rowid")


@dataclass(frozen=True)
class OriginalMatches:
    """Which of some articles match a query (None: every article) within the filters
    ``clauses`` (over alias ``a``) and their ``parameters``."""

    fts_query: str | None
    clauses: str
    parameters: list[object]

    def among(self, db: sqlite3.Connection, rowids: Sequence[int]) -> set[int]:
        if self.fts_query is None:
            sql = f"SELECT a.rowid FROM articles a WHERE a.rowid IN ({{}}) AND {self.clauses}"
            parameters = self.parameters
        else:
            sql = (
                "SELECT a.rowid FROM articles_fts f JOIN articles a ON a.rowid = f.rowid"
                f" WHERE f.rowid IN ({{}}) AND articles_fts MATCH ? AND {self.clauses}"
            )
            parameters = [self.fts_query, *self.parameters]
        return {row[0] for row in in_chunks(db, sql, rowids, parameters)}


@dataclass(frozen=True)
class Matching:
    """The statements behind ``Store.match_articles`` for a query (None: every article)
    and its filters ``clauses`` (over alias ``a``) with their ``parameters``: the matches
    in result order (by BM25, or by date without a query), how many there are, and what
    counts as a matching original when copies are left out."""

    fts_query: str | None
    ordered: RowidQuery
    count_sql: str
    count_parameters: list[object]
    originals: OriginalMatches

    @classmethod
    def of(cls, fts_query: str | None, clauses: str, parameters: list[object]) -> Matching:
        originals = OriginalMatches(fts_query, clauses, parameters)
        if fts_query is None:
            query = RowidQuery("articles a", clauses, "a.published, a.rowid", "a", parameters)
            return cls(fts_query, query, f"SELECT count(*) FROM articles a WHERE {clauses}", parameters, originals)
        source, where = "articles_fts f", "articles_fts MATCH ?"
        if parameters:
            source, where = f"{source} JOIN articles a ON a.rowid = f.rowid", f"{where} AND {clauses}"
        query = RowidQuery(source, where, "bm25(articles_fts), f.rowid", "f", [fts_query, *parameters])
        count_sql = "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?"
        return cls(fts_query, query, count_sql, [fts_query], originals)

    def count(self, db: sqlite3.Connection) -> int:
        return db.execute(self.count_sql, self.count_parameters).fetchone()[0]


def limited(
    limit: int | None, per_result: int, count: Callable[[], int], chosen: Callable[[int, int | None], list[int]]
) -> list[int]:
    """``limit`` matches (None or negative: all, 0: none) chosen by ``chosen(step,
    wanted)`` among every ``step``-th match (by row id), the step leaving about
    ``per_result × limit`` of the ``count()`` matches; among all of them when the sample
    leaves too few (``Store.match_articles`` says why)."""
    if limit is None or limit < 0:
        return chosen(1, None)
    if limit == 0:
        return []
    step = -(-count() // (per_result * limit))
    rowids = chosen(step, limit)
    return rowids if step <= 1 or len(rowids) == limit else chosen(1, limit)


def first_stories(ranked: Iterator[int], limit: int | None, drop_copies: DropCopies) -> list[int]:
    """The first ``limit`` (all when None) of ``ranked`` that ``drop_copies`` keeps (not a
    near-duplicate copy of a matching original), looked up a chunk at a time: what is still missing
    and a margin for the copies (a few in a hundred), since each lookup statement scans
    the whole index of copies."""
    stories: list[int] = []
    while limit is None or len(stories) < limit:
        chunk = list(islice(ranked, STORY_CHUNK if limit is None else with_margin(limit - len(stories))))
        if not chunk:
            break
        stories += drop_copies(chunk)
    return stories if limit is None else stories[:limit]


def spread_stories(matches: list[int], limit: int | None, drop_copies: DropCopies | None) -> list[int]:
    """``limit`` of ``matches`` (in date order) evenly spread over them, copies left out
    by ``drop_copies`` (when given). Copies are looked up among about ``limit`` of
    them; among all only when that leaves too few."""
    if limit is None:
        return matches if drop_copies is None else drop_copies(matches)
    if drop_copies is None:
        return evenly(matches, limit)
    picked = evenly(matches, with_margin(limit))
    stories = drop_copies(picked)
    if len(stories) < limit and len(picked) < len(matches):
        stories = drop_copies(matches)
    return evenly(stories, limit)


def with_margin(count: int) -> int:
    return count + count // 16 + 8


def evenly(items: list[int], count: int) -> list[int]:
    """``count`` of ``items`` in order, each the middle one of an equal share of them (all
    of them if fewer)."""
    if len(items) <= count:
        return items
    return [items[(2 * index + 1) * len(items) // (2 * count)] for index in range(count)]


def without_copies(db: sqlite3.Connection, rowids: list[int], originals: OriginalMatches) -> list[int]:
    """``rowids`` less the near-duplicate copies of an article in ``originals``. The
    copies are found in the index of copies (a few in a hundred articles), not in the
    articles' rows, where the link comes after the text. Each statement scans that
    index, checking its row ids against the ``IN`` list."""
    copies = dict(
        in_chunks(
            db,
            "SELECT rowid, duplicate_of FROM articles INDEXED BY articles_by_duplicate_of"
            " WHERE duplicate_of IS NOT NULL AND rowid IN ({})",
            rowids,
        )
    )
    matching = originals.among(db, sorted(set(copies.values()))) if copies else set()
    return [rowid for rowid in rowids if copies.get(rowid) not in matching]


def in_chunks(
    db: sqlite3.Connection, sql: str, values: Sequence[object], parameters: Sequence[object] = ()
) -> Iterator[tuple]:
    """The rows of ``sql`` (its ``IN ({})`` list first, then ``parameters``) for
    ``values``, ``IN_LIST`` per statement."""
    for start in range(0, len(values), IN_LIST):
        chunk = list(values[start : start + IN_LIST])
        yield from db.execute(sql.format(",".join("?" * len(chunk))), [*chunk, *parameters])
