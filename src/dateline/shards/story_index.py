"""The story index file of a sharded store, ``stories.db``: where it is, its schema, how
it is opened and deleted.

Apart from ``dateline.shards.stories``, which reads and writes the stories in it, so that
the sharded store (``dateline.shards.store``) can open the file without importing the
code that reads the shards through it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from dateline.errors import StoreError
from dateline.store.schema import STORY_TABLES, statements
from dateline.store.sqlite import BUSY_TIMEOUT_MS, read_only_connection, write_transaction

INDEX = "stories.db"
INDEX_VERSION = 1
_SCHEMA = (
    STORY_TABLES
    + """
    CREATE TABLE articles (rowid INTEGER PRIMARY KEY, published TEXT NOT NULL, collection TEXT NOT NULL);
    CREATE TABLE meta (key TEXT PRIMARY KEY, value NOT NULL);
    """
)


def open_index(folder: Path, write: bool) -> sqlite3.Connection:
    """The story index of the sharded store in ``folder``: created when ``write`` (the
    process holds the folder's write lock); read-only otherwise, and an empty index in
    memory when there is none yet (no story has been assigned)."""
    path = folder / INDEX
    try:
        if write:
            db = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
            db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
        elif path.exists():
            db = read_only_connection(path)[0]
        else:
            db = sqlite3.connect(":memory:", isolation_level=None)
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version > INDEX_VERSION:
            raise StoreError(f"{path}: story index version {version} is newer than this dateline reads; upgrade")
        if version == 0 and (write or not path.exists()):
            with write_transaction(db):
                for statement in statements(_SCHEMA):
                    db.execute(statement)
                db.execute(f"PRAGMA user_version = {INDEX_VERSION}")
    except sqlite3.DatabaseError as error:
        raise StoreError(f"{path}: cannot open the story index: {error} (delete it: it is rebuilt)") from None
    return db


def delete_index(folder: Path) -> None:
    """Delete the folder's story index (with its ``-wal`` and ``-shm`` files)."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{folder / INDEX}{suffix}").unlink(missing_ok=True)
