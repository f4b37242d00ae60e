"""Ingest: read articles from files, analyse them, store them in bounded batches.

Each batch is committed in its own transaction, so memory stays bounded however large
the input, and an interruption loses at most the batch in flight (re-running the same
ingest then stores exactly what is missing: articles already stored are recognised by
their content-hash id and not analysed again). Analysis, the CPU-heavy part, can run on
a Dask cluster (``dateline.distributed``) while this process reads files and writes to
SQLite, or in a pool of worker processes, which then read the files too
(``dateline.ingest.parallel``: reading costs as much as analysing); what comes back is
the analysis in columns (``dateline.nlp.batch``), bulk-loaded by ``Store.add_batch``.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from dateline.errors import InputProblem
from dateline.ingest import read_articles
from dateline.ingest.dates import DateOrder
from dateline.ingest.decode import DEFAULT_MAX_CHARS
from dateline.ingest.inputs import check_inputs
from dateline.model import Article, BatchAnalysis
from dateline.shards import AnyStore

if TYPE_CHECKING:
    from dateline.ingest.parallel import Chunk, Readers
    from dateline.nlp.workers import Analyzer, PendingAnalysis

DEFAULT_BATCH_SIZE = 256
Item = TypeVar("Item")


class OnError(StrEnum):
    """What to do with input that cannot be read as an article."""

    SKIP = "skip"
    FAIL = "fail"


@dataclass
class IngestReport:
    """What an ingest did: articles read, newly stored, already stored; the problems."""

    read: int = 0
    added: int = 0
    already_stored: int = 0
    problems: list[InputProblem] = field(default_factory=list)
    files_found: int = 0
    files_read: int = 0
    notes: list[str] = field(default_factory=list)  # how it ran, where the user would not guess


class IngestAborted(InputProblem):
    """Raised with ``--on-error fail`` at the first problem; earlier batches stay stored."""


ProgressCallback = Callable[[IngestReport], None]


def ingest(
    store: AnyStore,
    paths: Iterable[Path | str],
    on_error: OnError = OnError.SKIP,
    collection: str = "",
    batch_size: int = DEFAULT_BATCH_SIZE,
    workers: int = 1,
    on_progress: ProgressCallback | None = None,
    analyzer: Analyzer | None = None,
    *,
    max_chars: int = DEFAULT_MAX_CHARS,
    date_order: DateOrder | None = None,
    stdin_format: str = "jsonl",
    report: IngestReport | None = None,
    readers: Readers | None = None,
) -> IngestReport:
    """Ingest every article under ``paths`` into ``store``; see ``ingest_items`` and
    ``dateline.ingest.read_articles``. A path that does not exist, or a URL, raises
    ``InputProblem`` before anything is read. ``report`` (a new one by default) is
    filled in as the ingest goes, so a caller interrupted half way can say how far it got.

    The files are read and analysed on ``readers`` when given (the workers of a Dask
    cluster), in a pool of ``workers`` processes when there are more than one and no
    ``analyzer``, else here, with the analysis on ``analyzer`` or in this process."""
    paths = list(paths)
    check_inputs(paths)
    report = report if report is not None else IngestReport()

    def files_found(count: int) -> None:
        report.files_found = count

    def file_done() -> None:
        report.files_read += 1

    if readers is not None or (analyzer is None and workers > 1):
        # The files are read in the worker processes too (``dateline.ingest.parallel``).
        from dateline.ingest.parallel import Reading, read_in_pool, read_on

        listed, reading = [str(path) for path in paths], Reading(collection, max_chars, date_order)
        chunks = (
            read_on(readers, listed, reading, batch_size, stdin_format, files_found, file_done)
            if readers is not None
            else read_in_pool(store, listed, reading, batch_size, workers, stdin_format, files_found, file_done)
        )
        _store_chunks(store, chunks, report, on_error, on_progress)
        return report

    articles = _outside_store(
        store, read_articles(paths, collection, files_found, file_done, max_chars, date_order, stdin_format)
    )
    return ingest_items(store, articles, on_error, batch_size, workers, on_progress, report, analyzer)


def _outside_store(store: AnyStore, items: Iterator[Item]) -> Iterator[Item]:
    """``items`` without the problems of the store's own files (the database, its ``-wal``,
    ``-shm`` and ``-journal``), which a user ingesting the folder that holds the store
    (``dateline ingest .``) did not mean as input."""
    own = {str(Path(store.path).resolve()) + suffix for suffix in ("", "-wal", "-shm", "-journal")}
    for item in items:
        if isinstance(item, InputProblem) and _resolved(item.path) in own:
            continue
        yield item


def _resolved(path: str) -> str:
    try:
        return str(Path(path).resolve())
    except (OSError, RuntimeError):
        return path


def ingest_items(
    store: AnyStore,
    items: Iterable[Article | InputProblem],
    on_error: OnError = OnError.SKIP,
    batch_size: int = DEFAULT_BATCH_SIZE,
    workers: int = 1,
    on_progress: ProgressCallback | None = None,
    report: IngestReport | None = None,
    analyzer: Analyzer | None = None,
) -> IngestReport:
    """Analyse and store articles already read (e.g. records posted to the HTTP API).

    Analysis runs on ``analyzer`` when given (e.g. a Dask cluster), else in ``workers``
    processes. With ``OnError.SKIP`` problems are collected in the report and the rest
    is stored; with ``OnError.FAIL`` the first problem raises ``IngestAborted`` (batches
    committed before it stay stored, the batches in flight are not written).
    """
    report = report or IngestReport()
    batches = _batches(iter(items), batch_size, report, on_error)
    if analyzer is None:
        # Imported here: the analysis loads the temporal tagger, which commands that only
        # read the store (and import this module for its options) need not pay for.
        from dateline.nlp.workers import local_analyzer

        with local_analyzer(workers) as own_analyzer:
            _store_batches(store, batches, report, own_analyzer, on_progress)
    else:
        _store_batches(store, batches, report, analyzer, on_progress)
    return report


def _store_batches(
    store: AnyStore,
    batches: Iterator[list[Article]],
    report: IngestReport,
    analyzer: Analyzer,
    on_progress: ProgressCallback | None,
) -> None:
    for articles, analysis in _analyzed(store, batches, report, analyzer):
        added = store.add_batch(articles, analysis) if analysis is not None else 0
        report.added += added
        report.already_stored += len(articles) - added
        if on_progress is not None:
            on_progress(report)


def _store_chunks(
    store: AnyStore,
    chunks: Iterator[Chunk],
    report: IngestReport,
    on_error: OnError,
    on_progress: ProgressCallback | None,
) -> None:
    """Store each chunk read and analysed by a worker, as ``_store_batches`` stores a
    batch, its problems handled as ``_batches`` handles them."""
    for chunk in chunks:
        for problem in _outside_store(store, iter(chunk.problems)):
            _note_problem(problem, report, on_error)
        report.read += chunk.read
        report.files_read += chunk.files
        added = store.add_batch(chunk.articles, chunk.analysis) if chunk.analysis is not None else 0
        report.added += added
        report.already_stored += chunk.already_stored + len(chunk.articles) - added
        if on_progress is not None:
            on_progress(report)


def _batches(
    items: Iterator[Article | InputProblem], size: int, report: IngestReport, on_error: OnError
) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for item in items:
        if isinstance(item, InputProblem):
            _note_problem(item, report, on_error)
            continue
        report.read += 1
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _note_problem(problem: InputProblem, report: IngestReport, on_error: OnError) -> None:
    """Report ``problem``, or stop the ingest at it (``OnError.FAIL``)."""
    if on_error is OnError.FAIL:
        raise IngestAborted(problem.path, problem.message, problem.line, problem.field)
    report.problems.append(problem)


def _analyzed(
    store: AnyStore, batches: Iterator[list[Article]], report: IngestReport, analyzer: Analyzer
) -> Iterator[tuple[list[Article], BatchAnalysis | None]]:
    """Each batch's articles not stored yet, with their analysis, in input order (so runs
    are reproducible); at most ``analyzer.capacity`` batches are in flight."""

    def new_articles(batch: list[Article]) -> list[Article]:
        known = store.known_ids(article.id for article in batch)
        report.already_stored += len(known)
        seen: set[str] = set()
        fresh = []
        for article in batch:
            if article.id in known or article.id in seen:
                if article.id in seen:
                    report.already_stored += 1
                continue
            seen.add(article.id)
            fresh.append(article)
        return fresh

    in_flight: deque[tuple[list[Article], PendingAnalysis | None]] = deque()
    for batch in batches:
        fresh = new_articles(batch)
        in_flight.append((fresh, analyzer.submit(fresh) if fresh else None))
        if len(in_flight) >= analyzer.capacity:
            yield _result(*in_flight.popleft())
    while in_flight:
        yield _result(*in_flight.popleft())


def _result(articles: list[Article], pending: PendingAnalysis | None) -> tuple[list[Article], BatchAnalysis | None]:
    return articles, pending.result() if pending is not None else None
