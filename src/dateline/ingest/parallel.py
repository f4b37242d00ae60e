"""Ingest with the files read in the worker processes: the main process lists and writes.

The workers are a local process pool (``read_in_pool``) or those of a Dask cluster
(``dateline.distributed``), which then must see the input files at the same paths.

Reading a file, decoding it and cleaning its text (for Timeline17: restoring PTB text,
leaving out page furniture) costs as much CPU as analysing the article does. Done in the
main process, as it was, the main process was the bound of a parallel ingest: it read
and wrote while the workers waited. Here the main process lists the files (in the same
stable order as ``read_articles``), hands them to the workers in chunks, and stores each
chunk's articles with their analysis as the chunks come back, in input order, so the
store is the one a one-process ingest builds (same articles, row ids, sentences,
mentions, duplicate links).

A chunk is at most ``batch_size`` files and ``CHUNK_BYTES`` bytes, and at most
``capacity`` chunks are in flight, so memory stays bounded. A file that may hold any
number of articles (larger than ``FILE_BYTES``: an export), standard input, and a file
whose reader cannot be sent to another process are read here instead, as a stream; their
articles go to the workers in batches of ``batch_size`` to be analysed. Of such a file in
JSON Lines only the lines are read here: the workers parse the records and clean their
text. A web archive (a crawl, of any size) is streamed here too, and the pages captured
in it go to the workers unextracted, for them to extract and analyse. A worker leaves out the
articles its store already holds before analysing them (it looks in the store's file,
when it can see it), so a re-ingest analyses only what is new.
"""

from __future__ import annotations

import pickle
import sys
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path
from typing import Protocol

from dateline.errors import InputProblem
from dateline.ingest.dates import DateOrder
from dateline.ingest.discover import find_article_files
from dateline.ingest.inputs import STDIN, read_stream
from dateline.ingest.readers import READERS, Reader
from dateline.ingest.records import JsonRecord, jsonl_records
from dateline.model import Article, BatchAnalysis
from dateline.nlp.analyze import analyze_articles
from dateline.nlp.workers import worker_pool
from dateline.shards import AnyStore, open_store

# A file larger than this is read in the main process as a stream (it may be an export
# of any number of articles); a chunk of files read by one worker holds at most
# ``CHUNK_BYTES`` (or ``batch_size`` files).
FILE_BYTES = 4 * 1024 * 1024
CHUNK_BYTES = 16 * 1024 * 1024

# A web archive is read here, record by record, whatever its size, and the workers
# extract its captured pages (``dateline.ingest.warc``): extraction is the costly part, and
# one worker given the whole file would extract every page of it alone.
_WEB_ARCHIVE = READERS.get("warc").read
# A large JSON Lines file (an export) is read here a line at a time, and the workers
# parse its records and clean their text, which costs far more than reading the lines.
_JSON_LINES = READERS.get("jsonl").read


class Pending(Protocol):
    """An item read here whose article a worker makes (a web archive's captured page, a
    record of a JSON Lines export)."""

    def article(self) -> Article | InputProblem: ...


Entry = tuple[Path, Reader] | Article | InputProblem | Pending
"""What a chunk holds, in input order: a file for the worker to read, an item (article,
problem) already read here, or one whose article the worker makes."""


@dataclass(frozen=True)
class Reading:
    """How the files of an ingest are read (``dateline.ingest.read_articles``)."""

    collection: str
    max_chars: int
    date_order: DateOrder | None


@dataclass
class Chunk:
    """What a worker sends back for a chunk: its problems and the number of articles
    read, in input order the articles not stored yet with their analysis (None when there
    are none), how many were already stored, and how many files it read."""

    problems: list[InputProblem] = field(default_factory=list)
    read: int = 0
    articles: list[Article] = field(default_factory=list)
    analysis: BatchAnalysis | None = None
    already_stored: int = 0
    files: int = 0


def read_and_analyze(entries: list[Entry], reading: Reading, store_file: str) -> Chunk:
    """The unit of work of a worker: read the chunk's files, leave out the articles
    already stored in ``store_file`` (none is looked up without one) and analyse the
    rest."""
    chunk = Chunk()
    articles: list[Article] = []
    for entry in entries:
        if isinstance(entry, tuple):
            path, reader = entry
            items: list[Article | InputProblem] | tuple[Article | InputProblem] = list(
                reader(path, reading.collection, reading.max_chars, reading.date_order)
            )
            chunk.files += 1
        elif isinstance(entry, Article | InputProblem):
            items = (entry,)
        else:
            items = (entry.article(),)
        for item in items:
            if isinstance(item, InputProblem):
                chunk.problems.append(item)
            else:
                articles.append(item)
    chunk.read = len(articles)
    known: set[str] = set()
    if store_file and articles:
        with open_store(store_file, create=False) as store:
            known = store.known_ids(article.id for article in articles)
    chunk.articles = [article for article in articles if article.id not in known]
    chunk.already_stored = len(articles) - len(chunk.articles)
    if chunk.articles:
        chunk.analysis = analyze_articles(chunk.articles)
    return chunk


class ChunkPool(Protocol):
    """Where chunks are read and analysed: ``submit(read_and_analyze, chunk, reading,
    store_file)`` returns what gives the ``Chunk`` by ``result()``. A process pool here
    (``read_in_pool``) or the workers of a Dask cluster (``dateline.distributed``)."""

    def submit(self, fn: Callable[..., Chunk], /, *args: object) -> ChunkResult: ...


class ChunkResult(Protocol):
    def result(self) -> Chunk: ...


@dataclass(frozen=True)
class Readers:
    """The workers an ingest reads on: ``pool``, at most ``capacity`` chunks in flight
    there, and the path of the store as they see it (``known_in``; empty when they
    cannot see it or it has no file yet: they then analyse every article, and the store
    leaves out those it holds when writing)."""

    pool: ChunkPool
    capacity: int
    known_in: str


def read_in_pool(
    store: AnyStore,
    paths: list[str],
    reading: Reading,
    batch_size: int,
    workers: int,
    stdin_format: str,
    on_files_found: Callable[[int], None],
    on_file_done: Callable[[], None],
) -> Iterator[Chunk]:
    """The chunks of ``paths`` (see ``read_and_analyze``) read and analysed by
    ``workers`` processes, in input order (``read_on``)."""
    with worker_pool(workers) as pool:
        readers = Readers(pool, 2 * workers, store_file(store))
        yield from read_on(readers, paths, reading, batch_size, stdin_format, on_files_found, on_file_done)


def store_file(store: AnyStore) -> str:
    """The store's path for the workers to look stored ids up in; empty before the store
    has a file (nothing is stored yet)."""
    return str(store.path) if Path(store.path).exists() else ""


def read_on(
    readers: Readers,
    paths: list[str],
    reading: Reading,
    batch_size: int,
    stdin_format: str,
    on_files_found: Callable[[int], None],
    on_file_done: Callable[[], None],
) -> Iterator[Chunk]:
    """The chunks of ``paths`` read and analysed by ``readers``, in input order.
    ``on_files_found`` gets the number of files once they are listed,
    ``on_file_done`` is called for each file read here (those read in a worker are
    counted in its chunk)."""
    found = _listed([Path(name) for name in paths if name != STDIN], batch_size, on_files_found)
    entries = _entries(found, reading, on_file_done)
    if STDIN in paths:
        stdin = read_stream(
            sys.stdin.buffer, READERS.get(stdin_format).read, reading.collection, reading.max_chars, reading.date_order
        )
        entries = chain(((item, 0) for item in stdin), entries)
    in_flight: deque[ChunkResult] = deque()
    for chunk in _chunks(entries, batch_size):
        in_flight.append(readers.pool.submit(read_and_analyze, chunk, reading, readers.known_in))
        if len(in_flight) >= readers.capacity:
            yield in_flight.popleft().result()
    while in_flight:
        yield in_flight.popleft().result()


def _listed(
    paths: list[Path], head: int, on_files_found: Callable[[int], None]
) -> Iterator[tuple[Path, Reader] | InputProblem]:
    """``find_article_files(paths)``: the first ``head`` at once, so that the workers
    can start on them, then the rest, listed whole before any is yielded, so that
    ``on_files_found`` has the number of files early."""
    listing = find_article_files(paths)
    first = list(islice(listing, head))
    yield from first
    rest = list(listing)
    on_files_found(sum(1 for item in (*first, *rest) if isinstance(item, tuple)))
    yield from rest


def _entries(
    found: Iterator[tuple[Path, Reader] | InputProblem], reading: Reading, on_file_done: Callable[[], None]
) -> Iterator[tuple[Entry, int]]:
    """``found`` with the files to read here replaced by their items (read lazily), each
    with its size in bytes (a file's; 0 for an item)."""
    sendable: dict[int, bool] = {}
    for item in found:
        if isinstance(item, InputProblem):
            yield item, 0
            continue
        path, reader = item
        size = _size(path)
        if reader == _WEB_ARCHIVE:
            yield from _captured_pages(path, reading)
            on_file_done()
        elif reader == _JSON_LINES and size > FILE_BYTES:
            for record in jsonl_records(path, reading.collection, reading.max_chars, reading.date_order):
                yield record, len(record.line) if isinstance(record, JsonRecord) else 0
            on_file_done()
        elif size <= FILE_BYTES and _can_send(reader, sendable):
            yield item, size
        else:
            for read in reader(path, reading.collection, reading.max_chars, reading.date_order):
                yield read, 0
            on_file_done()


def _captured_pages(path: Path, reading: Reading) -> Iterator[tuple[Entry, int]]:
    """The pages captured in the web archive ``path``, unextracted, each with its size."""
    from dateline.ingest.warc import CapturedPage, captured_pages  # warcio: imported for a crawl only

    for item in captured_pages(path, reading.collection, reading.max_chars, reading.date_order):
        yield item, len(item.body) if isinstance(item, CapturedPage) else 0


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # the worker reports why it cannot be read


def _can_send(reader: Reader, sendable: dict[int, bool]) -> bool:
    """Whether ``reader`` can be sent to a worker process (a plug-in's closure cannot)."""
    key = id(reader)
    if key not in sendable:
        try:
            pickle.dumps(reader)
            sendable[key] = True
        except (pickle.PicklingError, AttributeError, TypeError):
            sendable[key] = False
    return sendable[key]


def _chunks(entries: Iterator[tuple[Entry, int]], batch_size: int) -> Iterator[list[Entry]]:
    """Runs of ``entries`` of at most ``batch_size`` files or articles read here and
    ``CHUNK_BYTES`` of files."""
    chunk: list[Entry] = []
    count = size = 0
    for entry, entry_size in entries:
        chunk.append(entry)
        count += not isinstance(entry, InputProblem)
        size += entry_size
        if count >= batch_size or size >= CHUNK_BYTES:
            yield chunk
            chunk, count, size = [], 0, 0
    if chunk:
        yield chunk
