"""Security headers on every response.

- ``X-Content-Type-Options: nosniff``: a browser never runs a JSON answer or an export
  (whose text comes from articles anyone with the token posted) as a script or page
  whose type it guessed.
- ``Referrer-Policy: no-referrer``: the page's URL holds the query being investigated;
  following an article's link to its source site does not tell that site.
- ``X-Frame-Options: DENY`` (and ``frame-ancestors 'none'`` in each policy): no other
  site can show these pages in a frame to trick a click.
- The API's answers get a policy that allows nothing (``default-src 'none'``, sandboxed),
  so an HTML export opened from the API cannot run anything. The pages set their own
  (``dateline.web.pages``); a response that has one keeps it.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

EVERY_RESPONSE = (
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Frame-Options", "DENY"),
)
API_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox"


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        api = scope["path"].startswith("/api/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in EVERY_RESPONSE:
                    headers.setdefault(name, value)
                if api:
                    headers.setdefault("Content-Security-Policy", API_POLICY)
            await send(message)

        await self.app(scope, receive, send_with_headers)
