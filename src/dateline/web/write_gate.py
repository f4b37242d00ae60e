"""The gate every write passes: same origin, a client within its limit, the right token.

It is ASGI middleware rather than a dependency of the write endpoints so that it covers
every method that can change something (any endpoint added later included) and refuses
before the request body is read: a client without the token cannot make the server
read and parse ten megabytes of JSON. An admitted write carries a ``WriteStamp`` (its
time and the token's fingerprint) in ``request.state.write_stamp``, which the endpoint
hands to the store's write log.

Browsers never send a write from another site's page here: such a page cannot read the
token, a cross-origin request carrying ``Authorization`` needs a CORS preflight this
server never grants, and the gate refuses any request whose ``Origin`` (or
``Sec-Fetch-Site``) says it comes from elsewhere.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

from fastapi import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from dateline.store.writes import WriteStamp
from dateline.web.errors import error_response, rate_limited_response
from dateline.web.ratelimit import RateLimited, RateLimiter
from dateline.web.tokens import bearer_token, fingerprint, token_matches

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
CHALLENGE = 'Bearer realm="dateline"'


class Refused(Exception):
    def __init__(self, status: int, message: str, challenge: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.headers = {"WWW-Authenticate": challenge} if challenge else None


class WriteGate:
    """Admits writes that send ``write_token`` (None: no write is admitted), within
    ``limiter``'s allowance of their client."""

    def __init__(self, app: ASGIApp, write_token: str | None, limiter: RateLimiter) -> None:
        self.app = app
        self._token = write_token
        self._limiter = limiter

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in READ_METHODS:
            await self.app(scope, receive, send)
            return
        try:
            stamp = self._admit(Request(scope))
        except Refused as refusal:
            await error_response(refusal.status, str(refusal), refusal.headers)(scope, receive, send)
            return
        except RateLimited as limited:
            await rate_limited_response(limited)(scope, receive, send)
            return
        scope.setdefault("state", {})["write_stamp"] = stamp
        await self.app(scope, receive, send)

    def _admit(self, request: Request) -> WriteStamp:
        if from_another_origin(request):
            raise Refused(403, "writes from another origin's pages are not accepted")
        if self._token is None:
            raise Refused(403, "this server is read-only: it accepts no writes")
        self._limiter.take(client_of(request))
        token = bearer_token(request.headers.get("authorization"))
        if token is None:
            raise Refused(
                401, "a write needs the server's write token: send 'Authorization: Bearer <token>'", CHALLENGE
            )
        if not token_matches(token, self._token):
            raise Refused(403, "wrong write token", f'{CHALLENGE}, error="invalid_token"')
        return WriteStamp(dt.datetime.now(dt.UTC), fingerprint(token))


def from_another_origin(request: Request) -> bool:
    """Whether a browser says the request comes from another origin's page (``Origin``
    naming another host than ``Host``, ``Origin: null``, or ``Sec-Fetch-Site``).
    Clients that are not browsers send neither header."""
    if request.headers.get("sec-fetch-site") in ("cross-site", "same-site"):
        return True
    origin = request.headers.get("origin")
    if origin is None:
        return False
    return urlsplit(origin).netloc.lower() != request.headers.get("host", "").lower()


def client_of(request: Request) -> str:
    """The client a rate limit counts: its address as the server sees it."""
    return request.client.host if request.client else ""
