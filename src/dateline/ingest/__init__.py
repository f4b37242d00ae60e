"""Reading articles from files: one reader per input format, auto-detected.

``read_articles(paths)`` yields every ``Article`` found, and an ``InputProblem`` for every
piece of input that could not be read, in a stable order; deciding whether a problem
stops the run is the caller's job (see ``dateline.ingest.job``).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from dateline.errors import InputProblem
from dateline.ingest.dates import DateOrder
from dateline.ingest.decode import DEFAULT_MAX_CHARS
from dateline.ingest.discover import find_article_files
from dateline.ingest.inputs import STDIN, read_stream
from dateline.ingest.readers import READERS, Reader
from dateline.model import Article


def read_articles(
    paths: Iterable[Path | str],
    collection: str = "",
    on_files_found: Callable[[int], None] | None = None,
    on_file_done: Callable[[], None] | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    date_order: DateOrder | None = None,
    stdin_format: str = "jsonl",
    stdin: BinaryIO | None = None,
) -> Iterator[Article | InputProblem]:
    """Yield the articles (and problems) under ``paths``; see ``find_article_files``.

    The optional callbacks report the number of files found (once, before reading) and
    each file finished, for progress bars. An article text longer than ``max_chars`` is
    a problem, not an article; ``date_order`` settles ambiguous numeric dates. A path
    ``-`` is ``stdin`` (default: the process's standard input), read by the reader
    registered as ``stdin_format``.
    """
    names = [str(path) for path in paths]
    stdin_reader = READERS.get(stdin_format).read if STDIN in names else None
    found: list[tuple[Path, Reader] | InputProblem] = list(
        find_article_files(Path(name) for name in names if name != STDIN)
    )
    if stdin_reader is not None:
        yield from read_stream(stdin or sys.stdin.buffer, stdin_reader, collection, max_chars, date_order)
    if on_files_found is not None:
        on_files_found(sum(1 for item in found if not isinstance(item, InputProblem)))
    for item in found:
        if isinstance(item, InputProblem):
            yield item
            continue
        path, reader = item
        yield from reader(path, collection, max_chars, date_order)
        if on_file_done is not None:
            on_file_done()
