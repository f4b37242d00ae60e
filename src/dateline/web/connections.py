"""One SQLite connection per request, opened and closed in the thread that uses it.

``sqlite3`` connections may not be shared across threads, and FastAPI runs each sync
endpoint in a pool thread, so a handler opens its own ``Store`` inside its body (a
dependency might run in another thread than the handler). Opening costs under a
millisecond; WAL mode lets these readers run while an ingest writes.

A write to a sharded store takes the folder's write lock for the request only (waiting
up to ``WebSettings.write_lock_wait_s`` while another process holds it, then
``StoreBusy``: 503 with ``Retry-After``), so that a ``dateline ingest`` into the folder
runs between posts.
"""

from __future__ import annotations

from fastapi import Request

from dateline.errors import StoreBusy
from dateline.shards import AnyStore, ShardedStore, open_store as open_any_store
from dateline.shards.manifest import is_sharded
from dateline.shards.stories import awaiting_stories
from dateline.store import Store
from dateline.web.settings import WebSettings


def settings_of(request: Request) -> WebSettings:
    """The settings the app was created with (a FastAPI dependency)."""
    return request.app.state.settings


def open_store(settings: WebSettings) -> AnyStore:
    """A new connection to the app's store (a sharded store: one per shard, read-only);
    use it as a context manager."""
    return open_any_store(settings.db_path, create=False)


def open_writable_store(settings: WebSettings) -> AnyStore:
    """A new connection to the app's store, for a write: a sharded store holding its
    folder's write lock until it is closed."""
    if is_sharded(settings.db_path):
        return ShardedStore.open(settings.db_path, lock_wait=settings.write_lock_wait_s)
    return Store.open(settings.db_path, create=False)


def open_listing_store(settings: WebSettings) -> AnyStore:
    """A new connection to the app's store, for listing its stories: a server that may
    write assigns the articles stored since to stories first, as ``dateline stories``
    does, so on a sharded store with articles awaiting a story it takes the folder's write
    lock if no other process holds it (without waiting: the stories assigned so far are
    listed then)."""
    store = open_store(settings)
    if isinstance(store, ShardedStore) and settings.write_token is not None and awaiting_stories(store):
        store.try_writing()
    return store


def check_store_at_start(settings: WebSettings) -> None:
    """Open the store once when the server starts, so that a store it cannot serve stops
    it then rather than on each request. A server that accepts no writes needs no write
    access to a store that exists (a read-only archive can be served); one that does must
    fail now, not per post. A sharded store whose write lock another process holds is
    opened to read (its shards then open for writing with the first post)."""
    if is_sharded(settings.db_path):
        if settings.write_token is not None:
            try:
                ShardedStore.open(settings.db_path).close()
                return
            except StoreBusy:
                pass
        open_any_store(settings.db_path, create=False).close()
        return
    writes = settings.write_token is not None or not settings.db_path.exists()
    Store.open(settings.db_path, create=writes).close()
