"""The HTTP API and the web page (FastAPI): a thin layer over ``dateline.operations``.

``create_app(db_path)`` returns the ASGI app; ``dateline serve`` runs it with uvicorn.
FastAPI is imported on first use of ``create_app`` (PEP 562), not with the package: the
CLI reads ``dateline.web.settings`` for ``serve``'s defaults, and every other command
would otherwise pay half a second to import a web framework it does not use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dateline.web.settings import WebSettings

if TYPE_CHECKING:
    from dateline.web.app import create_app

__all__ = ["WebSettings", "create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from dateline.web.app import create_app

        return create_app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
