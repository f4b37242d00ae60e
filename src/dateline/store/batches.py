"""The batch log: when the articles were stored, for "what is new since" questions.

Each ``Store.add_batch`` that stores articles records, in its own transaction, its UTC
time and the row id of its last article. Articles are never deleted and a batch takes
the row ids after the current maximum while it holds the write lock, so row ids follow
the order of storing: the articles stored at or before a time are exactly those up to
the last article of the latest batch recorded by then.
"""

from __future__ import annotations

import datetime as dt
import sqlite3


def time_text(moment: dt.datetime) -> str:
    """How the log writes a time: UTC, ISO 8601 to the microsecond with a ``Z``, one width
    for every time, so comparing the texts compares the times."""
    return moment.astimezone(dt.UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def record_batch(db: sqlite3.Connection, moment: dt.datetime) -> None:
    """Inside a batch's transaction, after its articles are inserted: log it at ``moment``
    (taken under the write lock, so times follow row ids)."""
    db.execute("INSERT INTO batches (at, last_article) SELECT ?, max(rowid) FROM articles", (time_text(moment),))


def last_article_by(db: sqlite3.Connection, moment: dt.datetime) -> int:
    """The row id of the last article stored at or before ``moment`` (0: none)."""
    return db.execute(
        "SELECT coalesce(max(last_article), 0) FROM batches WHERE at <= ?", (time_text(moment),)
    ).fetchone()[0]
