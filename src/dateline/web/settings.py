"""The web app's configuration: which store, who may write, and the limits that protect
the server."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024
DEFAULT_MAX_ARTICLE_CHARS = 1_000_000
DEFAULT_CACHE_ENTRIES = 256
DEFAULT_CONCURRENT_BUILDS = 2
# Per client and minute, when ``dateline serve`` listens beyond the loopback interface
# (``--builds-per-minute``, ``--writes-per-minute``); 0 means no limit.
DEFAULT_BUILDS_PER_MINUTE = 20
DEFAULT_WRITES_PER_MINUTE = 30
# How long a write to a sharded store waits for the folder's write lock while another
# process (an ingest, a watch) holds it, before the answer is 503 with Retry-After.
DEFAULT_WRITE_LOCK_WAIT_S = 10.0


@dataclass(frozen=True)
class WebSettings:
    """``max_body_bytes``: larger request bodies get HTTP 413 before they are read whole.
    ``max_article_chars``: a posted article with a longer text gets HTTP 422.
    ``cache_entries``: how many built timelines are kept (0 disables the cache).
    ``concurrent_builds``: timelines built at the same time; more requests for uncached
    timelines wait their turn (see ``dateline.web.timelines``).
    ``write_token``: the bearer token every write must send; None refuses all writes.
    ``cors_origins``: other origins (``https://host[:port]``) whose pages may read the API.
    ``builds_per_minute``, ``writes_per_minute``: how many uncached timeline builds and
    writes one client may start a minute (0: no limit; see ``dateline.web.ratelimit``).
    ``write_lock_wait_s``: how long a write to a sharded store waits for the folder's
    write lock (``dateline.web.connections``)."""

    db_path: Path
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    max_article_chars: int = DEFAULT_MAX_ARTICLE_CHARS
    cache_entries: int = DEFAULT_CACHE_ENTRIES
    concurrent_builds: int = DEFAULT_CONCURRENT_BUILDS
    write_token: str | None = field(default=None, repr=False)
    cors_origins: tuple[str, ...] = ()
    builds_per_minute: int = 0
    writes_per_minute: int = 0
    write_lock_wait_s: float = DEFAULT_WRITE_LOCK_WAIT_S


def is_loopback(host: str) -> bool:
    """Whether listening on ``host`` accepts connections from this machine only."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def rate_limits(host: str, builds_per_minute: int | None, writes_per_minute: int | None) -> tuple[int, int]:
    """The per-client limits of a server listening on ``host``: as given, else the
    defaults when it listens beyond the loopback interface, else none (0)."""
    shared = not is_loopback(host)
    builds = DEFAULT_BUILDS_PER_MINUTE if shared else 0
    writes = DEFAULT_WRITES_PER_MINUTE if shared else 0
    return (
        builds if builds_per_minute is None else builds_per_minute,
        writes if writes_per_minute is None else writes_per_minute,
    )
