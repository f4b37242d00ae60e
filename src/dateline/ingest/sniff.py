"""Recognising a file by its first bytes, for files whose name does not say what they are.

A saved page without ``.html``, a feed saved as ``.php``, a web archive without its
suffix are read by what they hold; a PDF, an image or another binary file is named as
such, so that the user learns why it was not read instead of seeing it pass in silence.
"""

from __future__ import annotations

import gzip
import re
import zlib

HEAD_BYTES = 4096
_HTML = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])", re.IGNORECASE | re.DOTALL
)
_XML_DECLARATION = re.compile(rb"^\s*<\?xml[^>]*>\s*(?:<!--.*?-->\s*)*", re.DOTALL)
_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]")
_BOM = b"\xef\xbb\xbf"
BINARY_KINDS = (
    (b"%PDF", "a PDF"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"{\\rtf", "an RTF document"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
    (b"SQLite format 3\x00", "an SQLite database"),
)


def is_html(head: bytes) -> bool:
    """Whether the bytes start like an HTML page (after any BOM, comments, XML declaration)."""
    body = head.removeprefix(_BOM)
    declaration = _XML_DECLARATION.match(body)
    return _HTML.match(body[declaration.end() :] if declaration else body) is not None


def is_feed(head: bytes) -> bool:
    """Whether the bytes are XML whose root is an RSS, Atom or RSS 1.0 (RDF) element."""
    body = head.removeprefix(_BOM).lstrip()
    return body.startswith(b"<") and _FEED_ROOT.search(body) is not None and not is_html(head)


def is_warc(head: bytes) -> bool:
    """Whether the bytes start a WARC record, plain or gzip-compressed."""
    if head.startswith(b"\x1f\x8b"):
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 16)
        except (zlib.error, gzip.BadGzipFile):
            return False
    return head.startswith(b"WARC/")


def binary_kind(head: bytes) -> str | None:
    """What kind of binary file the bytes start (``"a PDF"``), or None for text."""
    for magic, kind in BINARY_KINDS:
        if head.startswith(magic):
            return kind
    if head.startswith(b"\x1f\x8b"):
        return "a gzip file that is not a web archive"
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
        return "a binary file (it contains NUL bytes)"
    return None
