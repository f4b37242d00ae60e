"""Decoding a web page's bytes by the encoding it declares.

Pages say their encoding: a byte-order mark, the HTTP ``Content-Type`` header (in a web
archive), a ``<meta charset>`` or ``http-equiv`` tag, an XML declaration. A legacy page
(``windows-1252``, ``iso-8859-1``, ``shift_jis``) that declares its encoding is read in
it. One that declares nothing is read as UTF-8, and refused with the offset of its first
bad byte when it is not: guessing an encoding would store mangled text without a word.
"""

from __future__ import annotations

import codecs
import re

from dateline.errors import InputProblem
from dateline.ingest.decode import bom_encoding, decode_bytes, unix_newlines

# Where a page declares its encoding: in its first few kilobytes, as HTML5 requires.
DECLARATION_BYTES = 4096
_DECLARED = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)""", re.IGNORECASE
)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)


def declared_charset(data: bytes, content_type: str = "") -> str:
    """The encoding the page's ``Content-Type`` header or its own first bytes declare
    ("" when neither does)."""
    header = _HEADER_CHARSET.search(content_type)
    if header is not None:
        return header.group(1)
    found = _DECLARED.search(data, 0, DECLARATION_BYTES)
    if found is None:
        return ""
    return (found.group(1) or found.group(2)).decode("ascii")


def decode_html(data: bytes, where: str, content_type: str = "") -> str:
    """The page's text, decoded as its BOM, header or markup says (else UTF-8).

    Raises ``InputProblem`` naming ``where`` for an unknown encoding name or bytes that
    are not valid in the encoding used."""
    if bom_encoding(data)[1]:
        return decode_bytes(data, where)
    name = declared_charset(data, content_type)
    if not name or _is_utf8(name):
        try:
            return decode_bytes(data, where)
        except InputProblem as problem:
            hint = "" if name else "; the page declares no encoding: add <meta charset=...> or convert it to UTF-8"
            raise InputProblem(where, problem.message + hint, problem.line) from None
    try:
        # HTML5 reads a page labelled iso-8859-1 or ascii as windows-1252.
        encoding = codecs.lookup(
            "cp1252" if name.lower() in ("iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii") else name
        ).name
    except LookupError:
        raise InputProblem(where, f"the page declares an unknown encoding {name!r}", field="charset") from None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        raise InputProblem(
            where,
            f"not valid {name} as declared (byte 0x{data[error.start]:02x} at offset {error.start})",
            field="charset",
        ) from None
    return unix_newlines(text)


def _is_utf8(name: str) -> bool:
    try:
        return codecs.lookup(name).name == "utf-8"
    except LookupError:
        return False
