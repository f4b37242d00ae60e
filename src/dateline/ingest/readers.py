"""The input readers, registered by name: what each reads and how a file is matched to it.

A reader turns one file into articles (and problems). Each is registered in ``READERS``
with the file name suffixes it reads, a test of a file's location for layouts whose
files say nothing by their names (Timeline17: ``InputDocs/<date>/<file>``), and a test
of a file's first bytes for files whose names do not say what they hold (a page saved
without ``.html``). A plug-in package adds a reader as an ``ArticleReader`` under the
entry-point group ``dateline.readers``.

A file no reader takes is never passed by in silence: ``reader_for`` says why it is not
read (an unsupported type, a PDF, a binary), and the ingest lists it with the inputs
skipped.

The readers of web formats (pages, feeds, crawls) stand for functions imported on their
first call (``DeferredReader``): the libraries under them (trafilatura, feedparser,
warcio) take longer to import than a small ingest takes to run, and an ingest of text or
records never calls them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import Protocol

from dateline.errors import InputProblem
from dateline.ingest.dates import DateOrder
from dateline.ingest.decode import DEFAULT_MAX_CHARS, display_path
from dateline.ingest.plaintext import read_plaintext
from dateline.ingest.records import read_csv, read_json, read_jsonl
from dateline.ingest.sniff import HEAD_BYTES, binary_kind, is_feed, is_html, is_warc
from dateline.ingest.tilse_layout import is_tilse_article, read_tilse_article
from dateline.model import Article
from dateline.registry import Registry


class Reader(Protocol):
    """The articles (and problems) of one file, texts at most ``max_chars``; numeric
    dates read in ``date_order`` where they are ambiguous. The file comes first and
    unnamed, so that a wrapper can pass the options on unchanged."""

    def __call__(
        self,
        path: Path,
        /,
        collection: str = "",
        max_chars: int = DEFAULT_MAX_CHARS,
        date_order: DateOrder | None = None,
    ) -> Iterator[Article | InputProblem]: ...


@dataclass(frozen=True)
class ArticleReader:
    """A registered reader: ``read`` takes the files whose name ends (lower-cased) with
    one of ``suffixes``, those that ``claims`` by their location, which is asked first,
    and, whatever their name, those whose first bytes ``sniffs`` recognises."""

    read: Reader
    suffixes: tuple[str, ...] = ()
    claims: Callable[[Path], bool] | None = None
    sniffs: Callable[[bytes], bool] | None = None


@dataclass(frozen=True)
class DeferredReader:
    """The reader ``reference`` (``"module:function"``), imported when first called. A
    value, not a closure, so that it can be sent to a worker process."""

    reference: str

    def __call__(
        self, path: Path, collection: str = "", max_chars: int = DEFAULT_MAX_CHARS, date_order: DateOrder | None = None
    ) -> Iterator[Article | InputProblem]:
        module, _, function = self.reference.partition(":")
        read: Reader = getattr(import_module(module), function)
        return read(path, collection, max_chars, date_order)


READERS: Registry[ArticleReader] = Registry("reader", "dateline.readers")
READERS.register("text", ArticleReader(read_plaintext, (".txt",)))
READERS.register("jsonl", ArticleReader(read_jsonl, (".jsonl", ".ndjson")))
READERS.register("json", ArticleReader(read_json, (".json",)))
READERS.register("csv", ArticleReader(read_csv, (".csv",)))
READERS.register("tilse", ArticleReader(read_tilse_article, claims=is_tilse_article))
READERS.register(
    "html",
    ArticleReader(DeferredReader("dateline.ingest.html_page:read_html"), (".html", ".htm", ".xhtml"), sniffs=is_html),
)
READERS.register(
    "feed", ArticleReader(DeferredReader("dateline.ingest.feeds:read_feed"), (".rss", ".atom", ".xml"), sniffs=is_feed)
)
READERS.register(
    "warc", ArticleReader(DeferredReader("dateline.ingest.warc:read_warc"), (".warc", ".warc.gz"), sniffs=is_warc)
)

FALLBACK_READER = "text"
"""The reader of a text file named explicitly that neither its name nor its first bytes
assign to another reader."""


def reader_for(path: Path, named_explicitly: bool) -> Reader | InputProblem:
    """The reader for ``path``, or the problem saying why it is not read: a file found in
    a folder walk whose type no reader takes, a binary file, a file that cannot be read."""
    readers = [reader for _, reader in READERS.items()]
    for reader in readers:
        if reader.claims is not None and reader.claims(path):
            return reader.read
    name = path.name.lower()
    for reader in readers:
        if name.endswith(reader.suffixes):
            return reader.read
    where = display_path(path)
    try:
        with path.open("rb") as file:
            head = file.read(HEAD_BYTES)
    except OSError as error:
        return InputProblem(where, f"cannot read file: {error.strerror or error}")
    for reader in readers:
        if reader.sniffs is not None and reader.sniffs(head):
            return reader.read
    kind = binary_kind(head)
    if kind is not None:
        return InputProblem(where, f"not read: {kind}, not an article format dateline reads ({format_list()})")
    if named_explicitly:
        return READERS.get(FALLBACK_READER).read
    return InputProblem(
        where,
        f"not read: no reader for {path.suffix or 'files without a suffix'} "
        f"files ({format_list()}); name the file itself to read it as plain text",
    )


def format_list() -> str:
    """The file types the registered readers take by name, for messages and help."""
    suffixes = sorted({suffix for _, reader in READERS.items() for suffix in reader.suffixes})
    return ", ".join(suffixes)
