"""One SQLite connection per request, opened and closed in the thread that uses it.

``sqlite3`` connections may not be shared across threads, and FastAPI runs each sync
endpoint in a pool thread, so a handler opens its own ``Store`` inside its body (a
dependency might run in another thread than the handler). Opening costs under a
millisecond; WAL mode lets these readers run while an ingest writes.
"""

from __future__ import annotations

from fastapi import Request

from dateline.errors import StoreError
from dateline.shards import AnyStore, open_store as open_any_store
from dateline.shards.manifest import is_sharded
from dateline.store import Store
from dateline.web.settings import WebSettings


def settings_of(request: Request) -> WebSettings:
    """The settings the app was created with (a FastAPI dependency)."""
    return request.app.state.settings


def open_store(settings: WebSettings) -> AnyStore:
    """A new connection to the app's store (a sharded store: one per shard, read-only);
    use it as a context manager."""
    return open_any_store(settings.db_path, create=False)


def open_writable_store(settings: WebSettings) -> Store:
    """A new connection to the app's one-file store, for a write (a server with a write
    token serves no sharded store: ``check_store_at_start``)."""
    return Store.open(settings.db_path, create=False)


def check_store_at_start(settings: WebSettings) -> None:
    """Open the store once when the server starts, so that a store it cannot serve stops
    it then rather than on each request. A server that accepts no writes needs no write
    access to a store that exists (a read-only archive can be served); one that does must
    fail now, not per post. A sharded store is served read-only (docs/sharding.md)."""
    if is_sharded(settings.db_path):
        if settings.write_token is not None:
            raise StoreError(f"{settings.db_path}: a sharded store is served read-only; start without a write token")
        open_any_store(settings.db_path, create=False).close()
        return
    writes = settings.write_token is not None or not settings.db_path.exists()
    Store.open(settings.db_path, create=writes).close()
