"""Write tokens: generated, checked in constant time, and known elsewhere only by a
fingerprint.

A token is a bearer secret (``Authorization: Bearer <token>``): whoever holds it can add
articles, so the server compares it with ``hmac.compare_digest`` (the time taken does
not reveal how much of a guess was right) and the write log stores a fingerprint that
tells tokens apart without allowing anyone to write.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

# Printable ASCII without spaces (it travels in an HTTP header), long enough not to be
# guessed: a generated token has 43 characters (32 random bytes).
TOKEN_PATTERN = re.compile(r"[\x21-\x7e]{16,}")
FINGERPRINT_CHARS = 16


def generate_token() -> str:
    return secrets.token_urlsafe(32)


def valid_token(token: str) -> bool:
    return TOKEN_PATTERN.fullmatch(token) is not None


def fingerprint(token: str) -> str:
    """``sha256:`` and the first 16 hex digits of the token's SHA-256: the same token
    always has the same fingerprint, and the fingerprint does not give the token back."""
    return "sha256:" + hashlib.sha256(token.encode()).hexdigest()[:FINGERPRINT_CHARS]


def bearer_token(authorization: str | None) -> str | None:
    """The token of an ``Authorization: Bearer <token>`` header, None without one."""
    if not authorization:
        return None
    scheme, _, token = authorization.strip().partition(" ")
    return (token.strip() or None) if scheme.lower() == "bearer" else None


def token_matches(given: str, expected: str) -> bool:
    """Constant-time comparison (in the length of ``expected``)."""
    return hmac.compare_digest(given.encode(), expected.encode())
