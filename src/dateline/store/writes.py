"""The write log: which write through the HTTP API added each article.

A write is recorded in the transaction that stores its first new article, so an
article is never stored without its write nor a write without an article; every
article added inside ``Store.attributing`` points at it (``articles.added_by``).
Articles from ``dateline ingest`` point at none: whoever can run the CLI on the store's
file needs no token. The log keeps a token's fingerprint, never the token, so reading the
store or the API never reveals what authorises a write.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass


@dataclass(frozen=True)
class WriteStamp:
    """A write about to happen: when it began (UTC) and the fingerprint of its token."""

    at: dt.datetime
    token: str


@dataclass(frozen=True)
class Write:
    """A recorded write: its number, ISO time (UTC), token fingerprint and how many
    articles it added."""

    id: int
    at: str
    token: str
    articles: int


_WRITE_FIELDS = "w.rowid, w.at, w.token, (SELECT count(*) FROM articles a WHERE a.added_by = w.rowid)"


class PendingWrite:
    """The write of one ``Store.attributing`` block: recorded with its first new article,
    under ``write_id`` when given (a shard of a sharded store: the id is global, the same
    in every shard that stores some of the write's articles), else under the next free id."""

    def __init__(self, stamp: WriteStamp, write_id: int | None = None) -> None:
        self._stamp = stamp
        self._write_id = write_id
        self._rowid: int | None = None

    def attribute(self, db: sqlite3.Connection, first_rowid: int) -> None:
        """Inside the batch's transaction: mark the articles from ``first_rowid`` on (the
        ones the batch inserted) as added by this write, recording it first if needed (or
        again, if the transaction that recorded it was rolled back)."""
        if self._rowid is None or db.execute("SELECT 1 FROM writes WHERE rowid = ?", (self._rowid,)).fetchone() is None:
            at = self._stamp.at.astimezone(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
            self._rowid = db.execute(
                "INSERT INTO writes (rowid, at, token) VALUES (?, ?, ?)", (self._write_id, at, self._stamp.token)
            ).lastrowid
        db.execute("UPDATE articles SET added_by = ? WHERE rowid >= ?", (self._rowid, first_rowid))


def next_rowid(db: sqlite3.Connection) -> int:
    """The row id the next inserted article gets (``bulk.write_batch`` assigns them so)."""
    return db.execute("SELECT coalesce(max(rowid), 0) + 1 FROM articles").fetchone()[0]


def recent_writes(db: sqlite3.Connection, limit: int) -> list[Write]:
    rows = db.execute(f"SELECT {_WRITE_FIELDS} FROM writes w ORDER BY w.rowid DESC LIMIT ?", (limit,))
    return [Write(*row) for row in rows]


def write_by_id(db: sqlite3.Connection, write_id: int) -> Write | None:
    row = db.execute(f"SELECT {_WRITE_FIELDS} FROM writes w WHERE w.rowid = ?", (write_id,)).fetchone()
    return Write(*row) if row else None


def write_of_article(db: sqlite3.Connection, article_id: str) -> Write | None:
    row = db.execute(
        f"SELECT {_WRITE_FIELDS} FROM articles x JOIN writes w ON w.rowid = x.added_by WHERE x.id = ?",
        (article_id,),
    ).fetchone()
    return Write(*row) if row else None


def articles_of_write(db: sqlite3.Connection, write_id: int, limit: int) -> list[str]:
    """The ids of the articles a write added, in the order it stored them."""
    return [article_id for _, article_id in stored_by_write(db, write_id, limit)]


def stored_by_write(db: sqlite3.Connection, write_id: int, limit: int) -> list[tuple[int, str]]:
    """The row ids and ids of the first ``limit`` articles a write added, by row id (a
    sharded store merges its shards' lists by row id)."""
    return db.execute(
        "SELECT rowid, id FROM articles WHERE added_by = ? ORDER BY rowid LIMIT ?", (write_id, limit)
    ).fetchall()


def last_write_id(db: sqlite3.Connection) -> int:
    """The largest write id recorded (0: none)."""
    return db.execute("SELECT coalesce(max(rowid), 0) FROM writes").fetchone()[0]
