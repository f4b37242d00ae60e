"""The input readers, registered by name: what each reads and how a file is matched to it.

A reader turns one file into articles (and problems). Each is registered in ``READERS``
with the file name suffixes it reads, or a test of a file's location for layouts whose
files say nothing by their names (Timeline17: ``InputDocs/<date>/<file>``). A plug-in
package adds a reader as an ``ArticleReader`` under the entry-point group
``dateline.readers``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from dateline.errors import InputProblem
from dateline.ingest.decode import DEFAULT_MAX_CHARS
from dateline.ingest.plaintext import read_plaintext
from dateline.ingest.records import read_csv, read_json, read_jsonl
from dateline.ingest.tilse_layout import is_tilse_article, read_tilse_article
from dateline.model import Article
from dateline.registry import Registry


class Reader(Protocol):
    """The articles (and problems) of one file, texts at most ``max_chars``."""

    def __call__(self, path: Path, collection: str = "", max_chars: int = DEFAULT_MAX_CHARS
                 ) -> Iterator[Article | InputProblem]: ...


@dataclass(frozen=True)
class ArticleReader:
    """A registered reader: ``read`` takes the files whose suffix (lower-cased) is one of
    ``suffixes``, and those that ``claims`` by their location, which is asked first."""

    read: Reader
    suffixes: tuple[str, ...] = ()
    claims: Callable[[Path], bool] | None = None


READERS: Registry[ArticleReader] = Registry("reader", "dateline.readers")
READERS.register("text", ArticleReader(read_plaintext, (".txt",)))
READERS.register("jsonl", ArticleReader(read_jsonl, (".jsonl", ".ndjson")))
READERS.register("json", ArticleReader(read_json, (".json",)))
READERS.register("csv", ArticleReader(read_csv, (".csv",)))
READERS.register("tilse", ArticleReader(read_tilse_article, claims=is_tilse_article))

FALLBACK_READER = "text"
"""The reader of a file named explicitly whose suffix no reader claims."""


def reader_for(path: Path, named_explicitly: bool) -> Reader | None:
    """The reader for ``path``, or None when a folder walk should pass it by."""
    readers = [reader for _, reader in READERS.items()]
    for reader in readers:
        if reader.claims is not None and reader.claims(path):
            return reader.read
    suffix = path.suffix.lower()
    for reader in readers:
        if suffix in reader.suffixes:
            return reader.read
    return READERS.get(FALLBACK_READER).read if named_explicitly else None
