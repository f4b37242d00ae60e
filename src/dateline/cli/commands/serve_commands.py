"""``dateline serve``: the HTTP API and the web page over a store, with uvicorn."""

from __future__ import annotations

from typing import Annotated

import typer

from dateline.cli.options import DbOption
from dateline.store import Store
from dateline.web.settings import (
    DEFAULT_CACHE_ENTRIES, DEFAULT_CONCURRENT_BUILDS, DEFAULT_MAX_ARTICLE_CHARS, DEFAULT_MAX_BODY_BYTES,
)


def serve_command(
    db: DbOption,
    host: Annotated[str, typer.Option("--host", help="Interface to listen on. The default "
                                      "accepts connections from this machine only.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="TCP port.", min=1, max=65535)] = 8000,
    max_body_bytes: Annotated[int, typer.Option("--max-body-bytes", min=0, help="Larger request "
                                                "bodies are refused with HTTP 413.")] = DEFAULT_MAX_BODY_BYTES,
    max_article_chars: Annotated[int, typer.Option("--max-chars", min=1, help="A posted article with "
                                                   "a longer text is refused with HTTP 422.")
                                 ] = DEFAULT_MAX_ARTICLE_CHARS,
    cache_entries: Annotated[int, typer.Option("--cache-entries", min=0, help="Timelines kept in "
                                               "memory (0: none).")] = DEFAULT_CACHE_ENTRIES,
    concurrent_builds: Annotated[int, typer.Option("--concurrent-builds", min=1, max=64, help="Timelines "
                                                   "built at once; further requests for uncached timelines "
                                                   "wait their turn.")] = DEFAULT_CONCURRENT_BUILDS,
) -> None:
    """Serve the web page (/) and the JSON API (/api/..., documented at /docs) for the
    store. The store is created if missing; articles can then be posted to /api/articles."""
    import uvicorn

    from dateline.web import create_app

    Store.open(db).close()
    app = create_app(db, max_body_bytes=max_body_bytes, max_article_chars=max_article_chars,
                     cache_entries=cache_entries, concurrent_builds=concurrent_builds)
    typer.echo(f"dateline: serving {db} at http://{host}:{port}/ (API docs at /docs); Ctrl-C stops.")
    uvicorn.run(app, host=host, port=port, log_level="warning")


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_command)
