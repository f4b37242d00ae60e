"""The stories of a sharded store: one index file in the folder, ``stories.db``.

Stories are found by clustering the articles in publication order (``dateline.stories``),
and a story spans months, so shards routed by month each hold parts of it: the clustering
must see the articles of every shard, in one order. So the folder keeps its stories in
one file of its own, holding what a store holds in its story tables (schema version 7:
each article's story, each story's centroid, the terms' document frequencies), keyed by
the global row ids, and beside them each assigned article's date and collection, which
the listing filters on (table ``articles`` here: row id, ``published``, ``collection``).
The articles still to assign are read from every shard and merged in publication order
(then row id), so a folder of shards gets the stories one store holding the same
articles gets.

Which articles are new: row ids are global and only grow (docs/sharding.md), so the
index records ``through``, a row id up to which every article is assigned, and reads only
the articles above it (the cost follows what was added). It is only written by the
process that holds the folder's write lock (``ShardedStore.writes``: ``dateline
stories``, ``dateline watch``), so no ingest can be part-way through a batch, some
shards holding their part and others not yet, when ``through`` moves.

It is a derived index. Lost (deleted), it is rebuilt by the next ``dateline stories``
(every article assigned again, the story ids numbered afresh). A shard repaired by
``dateline check --repair`` keeps its articles and row ids, so the index stays valid; a
shard replaced by another copy (a backup) is noticed when the articles up to ``through``
no longer add up to what the index recorded, or the article at ``through`` is another
(its id is recorded), and the index is then rebuilt whole.
"""

from __future__ import annotations

import datetime as dt
import heapq
import logging
import sqlite3
from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from functools import partial
from itertools import islice
from pathlib import Path

from dateline.errors import StoreError
from dateline.shards.store import ShardedStore
from dateline.shards.story_index import INDEX
from dateline.store import Store
from dateline.store.sqlite import read_transaction, write_transaction
from dateline.store.stories import (
    ArticleRead,
    StoreStories,
    StoryTables,
    UnassignedArticle,
    Value,
    articles_to_assign,
    earliest_above,
    keys_above,
    stories_of,
)

_TABLES = ("story_articles", "stories", "story_terms", "articles", "meta")
_log = logging.getLogger(__name__)


def story_tables(store: Store | ShardedStore) -> StoryTables:
    """Where ``store``'s stories are kept: its own tables, or its folder's index."""
    return FolderStories(store) if isinstance(store, ShardedStore) else StoreStories(store)


class FolderStories:
    """A sharded store's story tables (``StoryTables``): its folder's index."""

    def __init__(self, store: ShardedStore) -> None:
        self.store = store
        self._through = 0
        self._last = 0
        self._articles = 0
        self._last_id = ""
        self._earliest: dt.date | None = None

    @property
    def _db(self) -> sqlite3.Connection:
        return self.store.story_index()

    def begin_update(self) -> bool:
        """Whether articles above ``through`` wait for a story, when this process holds
        the write lock (a store opened to read keeps the stories it has). An index that no
        longer adds up with the shards is emptied first, to be rebuilt."""
        if not self.store.writes:
            return False
        through, problem = self.out_of_step()
        if problem:
            _log.warning("%s: %s: rebuilding the stories", self.store.path, problem)
            with write_transaction(self._db) as db:
                for table in _TABLES:
                    db.execute(f"DELETE FROM {table}")
            through = 0
        self._through, self._last = through, self.store.last_rowid
        self._last_id = self._id_at(self._last)
        dates = [day for day in self.store.read_each(lambda shard: earliest_above(shard, through)) if day]
        self._earliest = min(dates, default=None)
        return self._last > through

    def out_of_step(self) -> tuple[int, str]:
        """The index's mark (``through``), and what is wrong where the shards no longer
        hold the articles the index assigned up to it ("" when they do). Counts the
        shards' articles, which ``end_update`` records."""
        with read_transaction(self._db) as db:
            through, recorded, through_id = _meta(db, "through", 0), _meta(db, "articles", 0), _meta(db, "id", "")
        self._articles = self.store.count_articles()
        above = sum(self.store.read_each(lambda shard: _count_above(shard, through)))
        if self._articles - above == recorded and self._id_at(through) == through_id:
            return through, ""
        return through, (
            f"the shards do not hold the {recorded} articles up to row {through} that the story index assigned"
            " (a shard replaced?)"
        )

    def transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        return write_transaction(self._db)

    def snapshot(self) -> AbstractContextManager[sqlite3.Connection]:
        return read_transaction(self._db)

    def unassigned(
        self, db: sqlite3.Connection, limit: int, lead_chars: int, after: tuple[dt.date, int] | None
    ) -> list[UnassignedArticle]:
        """The first ``limit`` articles above ``through`` without a story, after ``after``,
        in publication order (then row id) over every shard. Only the index on the
        dates is read until the articles are chosen; then each shard reads its own."""
        if self._earliest is None:
            return []
        cursor: tuple[dt.date, int] = after or (self._earliest, 0)
        while True:
            parts = self.store.read_each(partial(keys_above, above=self._through, limit=limit, after=cursor))
            keys = list(islice(heapq.merge(*parts), limit))
            if not keys:
                return []
            rowids = [rowid for _, rowid in keys]
            assigned = stories_of(db, rowids)  # by a run that stopped part-way
            wanted = [rowid for rowid in rowids if rowid not in assigned]
            if wanted:
                rows = self.read_articles(lambda shard, ids: articles_to_assign(shard, ids, lead_chars), wanted)
                return [rows[rowid] for rowid in wanted]
            cursor = (dt.date.fromisoformat(keys[-1][0]), keys[-1][1])

    def saved(self, db: sqlite3.Connection, articles: Sequence[UnassignedArticle]) -> None:
        db.executemany(
            "INSERT INTO articles (rowid, published, collection) VALUES (?, ?, ?)",
            ((article.rowid, article.published.isoformat(), article.collection) for article in articles),
        )

    def end_update(self) -> None:
        with write_transaction(self._db) as db:
            db.executemany(
                "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                [("through", self._last), ("articles", self._articles), ("id", self._last_id)],
            )

    def _id_at(self, rowid: int) -> str:
        """The id of the article at ``rowid`` ("" where none is)."""
        found = self.store.read_each(lambda shard: _id_at(shard, rowid))
        return next((article_id for article_id in found if article_id), "")

    def read_articles(self, read: ArticleRead[Value], rowids: Sequence[int]) -> dict[int, Value]:
        found: dict[int, Value] = {}
        for part in self.store.read_each(lambda shard: read(shard, rowids)):
            found.update(part)
        return found


@dataclass(frozen=True)
class IndexReport:
    """The state of a folder's story index, as ``dateline check`` reports it."""

    path: str
    assigned: int
    findings: tuple[str, ...]

    @property
    def consistent(self) -> bool:
        return not self.findings

    def to_dict(self) -> dict[str, object]:
        return {"path": self.path, "assigned": self.assigned, "findings": list(self.findings)} | {
            "consistent": self.consistent
        }


def check_index(folder: Path) -> IndexReport | None:
    """SQLite's quick check of the folder's story index, and whether it is in step with
    the shards (None when there is no index). Either fault is repaired by deleting the
    index, which the next ``dateline stories`` rebuilds."""
    path = folder / INDEX
    if not path.exists():
        return None
    with ShardedStore.open(folder, create=False) as store:
        try:
            db = store.story_index()
            quick = [row[0] for row in db.execute("PRAGMA quick_check")]
            if quick != ["ok"]:
                return IndexReport(str(path), 0, (f"SQLite's quick check: {'; '.join(quick[:3])}",))
            _, problem = FolderStories(store).out_of_step()
            assigned = db.execute("SELECT count(*) FROM story_articles").fetchone()[0]
        except (sqlite3.DatabaseError, StoreError) as error:
            return IndexReport(str(path), 0, (str(error),))
    return IndexReport(str(path), assigned, (problem,) if problem else ())


def awaiting_stories(store: ShardedStore) -> bool:
    """Whether articles above the index's mark wait for a story, read without the write
    lock: a server that may write takes the lock to assign them only then, so that its
    listings leave the lock free for an ingest when there is nothing new."""
    with read_transaction(store.story_index()) as db:
        return store.last_rowid > _meta(db, "through", 0)


def _meta(db: sqlite3.Connection, key: str, default: Value) -> Value:
    row = db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return default if row is None else row[0]


def _id_at(db: sqlite3.Connection, rowid: int) -> str:
    row = db.execute("SELECT id FROM articles WHERE rowid = ?", (rowid,)).fetchone()
    return "" if row is None else row[0]


def _count_above(db: sqlite3.Connection, rowid: int) -> int:
    return db.execute("SELECT count(*) FROM articles WHERE rowid > ?", (rowid,)).fetchone()[0]
