"""The web app's configuration: which store, and the limits that protect the server."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024
DEFAULT_MAX_ARTICLE_CHARS = 1_000_000
DEFAULT_CACHE_ENTRIES = 256
DEFAULT_CONCURRENT_BUILDS = 2


@dataclass(frozen=True)
class WebSettings:
    """``max_body_bytes``: larger request bodies get HTTP 413 before they are read whole.
    ``max_article_chars``: a posted article with a longer text gets HTTP 422.
    ``cache_entries``: how many built timelines are kept (0 disables the cache).
    ``concurrent_builds``: timelines built at the same time; more requests for uncached
    timelines wait their turn (see ``dateline.web.timelines``)."""

    db_path: Path
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    max_article_chars: int = DEFAULT_MAX_ARTICLE_CHARS
    cache_entries: int = DEFAULT_CACHE_ENTRIES
    concurrent_builds: int = DEFAULT_CONCURRENT_BUILDS
