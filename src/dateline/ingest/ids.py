"""Content-hash article ids.

An article's id is a hash of its publication date and its text with whitespace runs
collapsed, so the same article read twice — from the same file, a copy of it, or a file
with other line endings — gets the same id, and re-ingesting adds nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re

ID_LENGTH = 16

# The ASCII characters ``str.split()`` splits at (``str.isspace``): tab to carriage
# return, the four separators 0x1C-0x1F, and the space.
_ASCII_SPACES = b"\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f "
_TO_SPACE = bytes.maketrans(_ASCII_SPACES, b" " * len(_ASCII_SPACES))
_SPACE_RUN = re.compile(rb"  +")


def article_id(published: dt.date, text: str, collection: str = "") -> str:
    """A 16-hex-digit id that depends only on the date, the words of the text and the
    collection (the same wire story filed under two topics is stored under each)."""
    digest = hashlib.sha256(f"{collection}\n{published.isoformat()}\n".encode())
    digest.update(_collapsed_utf8(text))
    return digest.hexdigest()[:ID_LENGTH]


def _collapsed_utf8(text: str) -> bytes:
    """``" ".join(text.split())`` in UTF-8, the form ids have always been made of.

    An ASCII text (nearly all news) is collapsed as bytes, at half the cost of splitting
    it into a string per word: every whitespace byte becomes a space, then runs of
    spaces one. ``str.split()`` also splits at non-ASCII spaces (U+00A0, U+2009...), so
    other texts take the word list."""
    if text.isascii():
        return _SPACE_RUN.sub(b" ", text.encode("ascii").translate(_TO_SPACE)).strip(b" ")
    return " ".join(text.split()).encode()
