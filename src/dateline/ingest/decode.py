"""Turning a file's bytes into text, with errors that say where the bad bytes are."""

from __future__ import annotations

from pathlib import Path

from dateline.errors import InputProblem

UTF8_BOM = b"\xef\xbb\xbf"


def display_path(path: Path) -> str:
    """The path as a printable string, even for file names that are not valid UTF-8."""
    return str(path).encode("utf-8", "backslashreplace").decode("utf-8")


def read_text(path: Path) -> str:
    """Read ``path`` as UTF-8 (a leading BOM is dropped; CRLF becomes LF).

    Raises ``InputProblem`` naming the line and byte of the first undecodable byte, or
    the OS error when the file cannot be read at all.
    """
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputProblem(display_path(path), f"cannot read file: {error.strerror}") from None
    return decode_bytes(data, display_path(path))


def decode_bytes(data: bytes, where: str) -> str:
    """Decode UTF-8 bytes read from ``where``; see ``read_text``."""
    if data.startswith(UTF8_BOM):
        data = data[len(UTF8_BOM):]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise InputProblem(
            where,
            f"not valid UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start}); "
            "convert the file to UTF-8",
            line=line,
        ) from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise InputProblem(where, "contains NUL bytes; this looks like a binary file", line=line)
    return text.replace("\r\n", "\n").replace("\r", "\n")
