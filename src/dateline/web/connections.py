"""One SQLite connection per request, opened and closed in the thread that uses it.

``sqlite3`` connections may not be shared across threads, and FastAPI runs each sync
endpoint in a pool thread, so a handler opens its own ``Store`` inside its body (a
dependency might run in another thread than the handler). Opening costs under a
millisecond; WAL mode lets these readers run while an ingest writes.
"""

from __future__ import annotations

from fastapi import Request

from dateline.store import Store
from dateline.web.settings import WebSettings


def settings_of(request: Request) -> WebSettings:
    """The settings the app was created with (a FastAPI dependency)."""
    return request.app.state.settings


def open_store(settings: WebSettings) -> Store:
    """A new connection to the app's store; use it as a context manager."""
    return Store.open(settings.db_path, create=False)
