"""What a user names as input, checked before anything is written.

A misspelt path is an error, not a skipped input: the ingest stops before it creates or
touches a store (exit 1), since nothing useful can come of a run over a path that is not
there. A URL is not fetched: dateline reads files only, so that an ingest is repeatable
and works offline; the message says how to get the file. ``-`` is standard input, read
in the format the caller chooses (JSON Lines by default): it is copied to a temporary
file a chunk at a time, so readers that need to seek work on it, and problems name it
``<stdin>``.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from dateline.errors import InputProblem
from dateline.ingest.dates import DateOrder
from dateline.ingest.decode import display_path
from dateline.ingest.readers import Reader
from dateline.model import Article

STDIN = "-"
STDIN_NAME = "<stdin>"
_URL = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|www\.)", re.IGNORECASE)


def check_inputs(paths: Iterable[Path | str]) -> None:
    """Raise ``InputProblem`` for the first input that is a URL or does not exist."""
    for path in paths:
        name = str(path)
        if name == STDIN:
            continue
        if _URL.match(name):
            raise InputProblem(
                name,
                "URLs are not fetched: dateline reads files only. Save the "
                "page, feed or web archive (e.g. with wget or your browser) and "
                "ingest the file",
            )
        if not Path(name).exists() and not Path(name).is_symlink():
            raise InputProblem(display_path(Path(name)), "no such file or folder")


def read_stream(
    stream: BinaryIO, reader: Reader, collection: str, max_chars: int, date_order: DateOrder | None = None
) -> Iterator[Article | InputProblem]:
    """The articles (and problems) ``reader`` finds in ``stream``, named ``<stdin>``."""
    with tempfile.TemporaryDirectory(prefix="dateline-stdin-") as folder:
        spool = Path(folder) / "stdin"
        with spool.open("wb") as copy:
            shutil.copyfileobj(stream, copy)
        where = str(spool)
        for item in reader(spool, collection, max_chars, date_order):
            if isinstance(item, InputProblem):
                yield InputProblem(STDIN_NAME, item.message.replace(where, STDIN_NAME), item.line, item.field)
            else:
                yield dataclasses.replace(item, source=item.source.replace(where, STDIN_NAME))
