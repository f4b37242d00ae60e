"""``create_app``: the FastAPI application over one store file."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline  # Swagger UI and ReDoc from the package: /docs works offline

from dateline.web import api, pages
from dateline.web.connections import check_store_at_start
from dateline.web.errors import install_error_handlers
from dateline.web.headers import SecurityHeaders
from dateline.web.ratelimit import RateLimiter
from dateline.web.settings import WebSettings
from dateline.web.timelines import TimelineBuilder
from dateline.web.write_gate import WriteGate

STATIC = Path(__file__).parent / "static"


def create_app(db_path: Path | str, **options: Any) -> FastAPI:
    """The app serving the store at ``db_path`` (created on startup if missing).

    ``options`` are ``WebSettings`` fields: ``max_body_bytes``, ``max_article_chars``,
    ``cache_entries``, ``concurrent_builds``, ``write_token`` (without one, the app
    accepts no writes), ``cors_origins``, ``builds_per_minute``, ``writes_per_minute``, ``write_lock_wait_s``.
    """
    settings = WebSettings(Path(db_path), **options)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        check_store_at_start(settings)
        yield

    app = FastAPIOffline(
        title="dateline",
        summary="News timelines from dated articles: the dates that matter for a query, "
        "each summarized by sentences traceable to their source articles.",
        lifespan=lifespan,
        max_body_size=settings.max_body_bytes,
    )
    app.state.settings = settings
    app.state.timelines = TimelineBuilder(
        settings.cache_entries,
        settings.concurrent_builds,
        RateLimiter("uncached timeline builds", settings.builds_per_minute),
    )
    install_error_handlers(app)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    # The last added runs first: headers on every answer, then CORS, then the write gate.
    app.add_middleware(
        WriteGate, write_token=settings.write_token, limiter=RateLimiter("writes", settings.writes_per_minute)
    )
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware, allow_origins=list(settings.cors_origins), allow_methods=["GET", "HEAD"], max_age=600
        )
    app.add_middleware(SecurityHeaders)
    return app
