"""The article store: one SQLite file (WAL mode, versioned schema, FTS5 index)."""

from dateline.store.sqlite import Store

__all__ = ["Store"]
