"""The HTTP API and the web page (FastAPI): a thin layer over ``dateline.operations``.

``create_app(db_path)`` returns the ASGI app; ``dateline serve`` runs it with uvicorn.
"""

from dateline.web.app import create_app
from dateline.web.settings import WebSettings

__all__ = ["WebSettings", "create_app"]
