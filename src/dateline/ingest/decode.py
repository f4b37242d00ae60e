"""Turning a file's bytes into text, with errors that say where the bad bytes are.

Input is UTF-8. A byte-order mark says otherwise unambiguously, so UTF-16 and UTF-32
files with a BOM (as some Windows tools write them) are read too; anything else that is
not UTF-8 is refused with the line and byte offset of the first bad byte, never guessed.
Article texts are bounded (``max_chars``): a file that is one article and cannot fit the
bound is refused from its size, before it is read into memory.
"""

from __future__ import annotations

import re
from pathlib import Path

from dateline.errors import InputProblem

DEFAULT_MAX_CHARS = 10_000_000
MAX_UTF8_BYTES_PER_CHAR = 4
UTF8_BOM = b"\xef\xbb\xbf"
BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (UTF8_BOM, "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_SURROGATE = re.compile("[\ud800-\udfff]")


def display_path(path: Path) -> str:
    """The path as a printable string, even for file names that are not valid UTF-8."""
    return str(path).encode("utf-8", "backslashreplace").decode("utf-8")


def read_text(path: Path, max_chars: int | None = None) -> str:
    """Read ``path`` as text (see ``decode_bytes``). With ``max_chars`` the file is one
    article: one that is too long is refused, from its size alone when it is larger than
    ``max_chars`` characters could ever be.

    Raises ``InputProblem`` naming the line and byte of the first undecodable byte, or
    the OS error when the file cannot be read at all.
    """
    where = display_path(path)
    try:
        if max_chars is not None and path.stat().st_size > MAX_UTF8_BYTES_PER_CHAR * max_chars + 4:
            raise too_long(where, max_chars, None, None)
        data = path.read_bytes()
    except OSError as error:
        raise InputProblem(where, f"cannot read file: {error.strerror or error}") from None
    except MemoryError:
        raise InputProblem(where, "file too large to read into memory") from None
    text = decode_bytes(data, where)
    if max_chars is not None and len(text) > max_chars:
        raise too_long(where, max_chars, None, len(text))
    return text


def read_bytes(path: Path, limit: int) -> bytes:
    """The bytes of ``path``, a file of one page or feed: refused (``InputProblem``) when
    it cannot be read, or when it is larger than ``limit`` bytes, before it is read."""
    where = display_path(path)
    try:
        size = path.stat().st_size
        if size > limit:
            raise InputProblem(
                where,
                f"file of {size:,} bytes, larger than the {limit:,} "
                "bytes a page or feed may have; raise --max-chars if it is real",
            )
        return path.read_bytes()
    except OSError as error:
        raise InputProblem(where, f"cannot read file: {error.strerror or error}") from None
    except MemoryError:
        raise InputProblem(where, "file too large to read into memory") from None


def bom_encoding(data: bytes) -> tuple[str, int]:
    """The encoding a leading byte-order mark declares, and the mark's length
    (``("utf-8", 0)`` when there is none)."""
    for mark, name in BOMS:
        if data.startswith(mark):
            return name, len(mark)
    return "utf-8", 0


def decode_bytes(data: bytes, where: str) -> str:
    """Decode a whole file read from ``where``: UTF-8, or UTF-16/32 when a BOM says so
    (the BOM is dropped); CRLF and CR become LF. Refuses undecodable bytes and NULs."""
    encoding, bom = bom_encoding(data)
    return _decode(data, bom, encoding, where, 1)


def decode_line(data: bytes, where: str, line: int) -> str:
    """Decode line number ``line`` of a UTF-8 file (the first may start with a BOM)."""
    bom = len(UTF8_BOM) if line == 1 and data.startswith(UTF8_BOM) else 0
    return _decode(data, bom, "utf-8", where, line)


def _decode(data: bytes, skip: int, encoding: str, where: str, first_line: int) -> str:
    try:
        text = data[skip:].decode(encoding)
    except UnicodeDecodeError as error:
        offset = skip + error.start
        line = data[skip:offset].decode(encoding, "replace").count("\n") + first_line
        raise InputProblem(
            where,
            f"not valid {encoding.upper()} (byte 0x{data[offset]:02x} at offset {offset}); convert the file to UTF-8",
            line=line,
        ) from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + first_line
        raise InputProblem(where, "contains NUL bytes; this looks like a binary file", line=line)
    return unix_newlines(text)


def unix_newlines(text: str) -> str:
    """``text`` with its CRLF and CR line ends written LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def text_problem(value: str) -> str | None:
    """What makes ``value`` unstorable as text, or None: a NUL character or an unpaired
    surrogate (which JSON's ``\\ud800`` escapes can produce and UTF-8 cannot encode)."""
    if "\x00" in value:
        return "contains NUL characters"
    surrogate = _SURROGATE.search(value)
    if surrogate is not None:
        return f"contains an unpaired surrogate (U+{ord(surrogate.group()):04X}), which is not valid Unicode"
    return None


def too_long(where: str, max_chars: int, line: int | None, length: int | None) -> InputProblem:
    """The problem of an article text longer than ``max_chars`` (``length`` when known)."""
    size = f" ({length:,} characters)" if length is not None else ""
    return InputProblem(
        where,
        f"article text longer than the limit of {max_chars:,} characters{size}; "
        "raise the limit with --max-chars if it is really one article",
        line=line,
        field="text",
    )
