"""Reading articles from files: one reader per input format, auto-detected.

``read_articles(paths)`` yields every ``Article`` found, and an ``InputProblem`` for every
piece of input that could not be read, in a stable order; deciding whether a problem
stops the run is the caller's job (see ``dateline.ingest.job``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from dateline.errors import InputProblem
from dateline.ingest.decode import DEFAULT_MAX_CHARS
from dateline.ingest.discover import find_article_files
from dateline.ingest.readers import Reader
from dateline.model import Article


def read_articles(
    paths: Iterable[Path | str],
    collection: str = "",
    on_files_found: Callable[[int], None] | None = None,
    on_file_done: Callable[[], None] | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Iterator[Article | InputProblem]:
    """Yield the articles (and problems) under ``paths``; see ``find_article_files``.

    The optional callbacks report the number of files found (once, before reading) and
    each file finished, for progress bars. An article text longer than ``max_chars`` is
    a problem, not an article.
    """
    found: list[tuple[Path, Reader] | InputProblem] = list(
        find_article_files(Path(path) for path in paths)
    )
    if on_files_found is not None:
        on_files_found(sum(1 for item in found if not isinstance(item, InputProblem)))
    for item in found:
        if isinstance(item, InputProblem):
            yield item
            continue
        path, reader = item
        yield from reader(path, collection, max_chars)
        if on_file_done is not None:
            on_file_done()
