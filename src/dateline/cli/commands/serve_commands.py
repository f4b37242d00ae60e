"""``dateline serve``: the HTTP API and the web page over a store, with uvicorn."""

from __future__ import annotations

import errno
import re
import socket
from contextlib import suppress
from pathlib import Path
from typing import Annotated

import typer

from dateline.cli.options import DbOption
from dateline.errors import DatelineError
from dateline.shards.manifest import is_sharded
from dateline.store import Store
from dateline.web.settings import (
    DEFAULT_BUILDS_PER_MINUTE,
    DEFAULT_CACHE_ENTRIES,
    DEFAULT_CONCURRENT_BUILDS,
    DEFAULT_MAX_ARTICLE_CHARS,
    DEFAULT_MAX_BODY_BYTES,
    DEFAULT_WRITES_PER_MINUTE,
    rate_limits,
)
from dateline.web.tokens import generate_token, valid_token

ORIGIN = re.compile(r"https?://[^/\s*?#@]+")


def serve_command(
    db: DbOption,
    host: Annotated[
        str,
        typer.Option("--host", help="Interface to listen on. The default accepts connections from this machine only."),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="TCP port.", min=1, max=65535)] = 8000,
    write_token: Annotated[
        str | None,
        typer.Option(
            "--write-token",
            envvar="DATELINE_WRITE_TOKEN",
            show_default=False,
            metavar="<token>",
            help="The token writes (POST /api/articles) must send as 'Authorization: Bearer TOKEN' "
            "(16 or more printable characters, no spaces). Without one, a new token is generated and "
            "printed once at start-up. Prefer the variable: a command line is visible to other users.",
        ),
    ] = None,
    read_only: Annotated[bool, typer.Option("--read-only", help="Accept no writes at all (403).")] = False,
    cors_origins: Annotated[
        list[str] | None,
        typer.Option(
            "--cors-origin",
            show_default=False,
            metavar="<origin>",
            help="An origin (https://host[:port]) whose pages may read the API; repeat for several. Writes are "
            "never accepted from another origin.",
        ),
    ] = None,
    builds_per_minute: Annotated[
        int | None,
        typer.Option(
            "--builds-per-minute",
            min=0,
            show_default=False,
            help="Uncached timelines one client may have built per minute; further requests get HTTP 429. "
            f"0: no limit. Default: {DEFAULT_BUILDS_PER_MINUTE} when --host is not a loopback address, "
            "else no limit.",
        ),
    ] = None,
    writes_per_minute: Annotated[
        int | None,
        typer.Option(
            "--writes-per-minute",
            min=0,
            show_default=False,
            help=f"Writes one client may send per minute (429 beyond). 0: no limit. Default: "
            f"{DEFAULT_WRITES_PER_MINUTE} when --host is not a loopback address, else no limit.",
        ),
    ] = None,
    max_body_bytes: Annotated[
        int, typer.Option("--max-body-bytes", min=0, help="Larger request bodies are refused with HTTP 413.")
    ] = DEFAULT_MAX_BODY_BYTES,
    max_article_chars: Annotated[
        int, typer.Option("--max-chars", min=1, help="A posted article with a longer text is refused with HTTP 422.")
    ] = DEFAULT_MAX_ARTICLE_CHARS,
    cache_entries: Annotated[
        int, typer.Option("--cache-entries", min=0, help="Timelines kept in memory (0: none).")
    ] = DEFAULT_CACHE_ENTRIES,
    concurrent_builds: Annotated[
        int,
        typer.Option(
            "--concurrent-builds",
            min=1,
            max=64,
            help="Timelines built at once; further requests for uncached timelines wait their turn.",
        ),
    ] = DEFAULT_CONCURRENT_BUILDS,
) -> None:
    """Serve the web page (/) and the JSON API (/api/..., documented at /docs) for the
    store. The store is created if missing; articles can then be posted to /api/articles
    with the write token. See docs/security.md before listening beyond this machine."""
    import uvicorn

    from dateline.web import create_app

    if write_token is not None and not valid_token(write_token):
        raise typer.BadParameter(
            "expected 16 or more printable characters without spaces",
            param_hint="'--write-token' / $DATELINE_WRITE_TOKEN",
        )
    origins = tuple(origin.rstrip("/") for origin in cors_origins or ())
    for origin in origins:
        if not ORIGIN.fullmatch(origin):
            raise typer.BadParameter(
                f"expected an origin such as https://example.org:8443, got {origin!r}", param_hint="'--cors-origin'"
            )
    builds, writes = rate_limits(host, builds_per_minute, writes_per_minute)
    # --read-only serves a store that exists without write access to it (see create_app);
    # a sharded store is checked when the app starts (check_store_at_start).
    if not is_sharded(Path(db)):
        Store.open(db, create=not (read_only and Path(db).exists())).close()
    listening = _listen(host, port)
    token = None if read_only else write_token or generate_token()
    app = create_app(
        db,
        max_body_bytes=max_body_bytes,
        max_article_chars=max_article_chars,
        cache_entries=cache_entries,
        concurrent_builds=concurrent_builds,
        write_token=token,
        cors_origins=origins,
        builds_per_minute=builds,
        writes_per_minute=writes,
    )
    typer.echo(f"dateline: serving {db} at http://{host}:{port}/ (API docs at /docs); Ctrl-C stops.")
    if read_only:
        typer.echo("dateline: read-only: no writes are accepted.")
    elif write_token is None:
        typer.echo(
            f"dateline: writes need this token (shown once; set $DATELINE_WRITE_TOKEN to choose one):\n"
            f"    Authorization: Bearer {token}"
        )
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    # Ctrl-C is how a server is stopped: uvicorn re-raises it once it has shut down.
    with suppress(KeyboardInterrupt):
        server.run(sockets=[listening])
    if not server.started:  # uvicorn has said why (its app's startup failed)
        raise typer.Exit(1)


def _listen(host: str, port: int) -> socket.socket:
    """A socket bound to ``host:port`` (as uvicorn binds one), for the server to listen on.

    Binding here, before anything is printed, turns a port in use into one ``Error:``
    line and exit code 1, where uvicorn would log its error after our "serving" line and
    exit 3 (which here means "ingest skipped inputs")."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    address = f"[{host}]:{port}" if family == socket.AF_INET6 else f"{host}:{port}"
    listening = socket.socket(family, socket.SOCK_STREAM)
    listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listening.bind((host, port))
    except OSError as error:
        listening.close()
        hint = " (choose another --port, or stop what uses it)" if error.errno == errno.EADDRINUSE else ""
        raise DatelineError(f"cannot listen on {address}: {error.strerror or error}{hint}") from None
    return listening


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_command)
