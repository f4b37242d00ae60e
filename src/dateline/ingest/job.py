"""Ingest: read articles from files, analyse them, store them in bounded batches.

Each batch is committed in its own transaction, so memory stays bounded however large
the input, and an interruption loses at most the batch in flight (re-running the same
ingest then stores exactly what is missing: articles already stored are recognised by
their content-hash id and not analysed again). Analysis, the CPU-heavy part, can run in a
pool of worker processes while the main process reads files and writes to SQLite.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from dateline.errors import InputProblem
from dateline.ingest import read_articles
from dateline.model import AnalyzedArticle, Article
from dateline.nlp.analyze import analyze_batch
from dateline.store import Store

DEFAULT_BATCH_SIZE = 256


class OnError(str, Enum):
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


class IngestAborted(InputProblem):
    """Raised with ``--on-error fail`` at the first problem; earlier batches stay stored."""


ProgressCallback = Callable[[IngestReport], None]


def ingest(
    store: Store,
    paths: Iterable[Path | str],
    on_error: OnError = OnError.SKIP,
    collection: str = "",
    batch_size: int = DEFAULT_BATCH_SIZE,
    workers: int = 1,
    on_progress: ProgressCallback | None = None,
) -> IngestReport:
    """Ingest every article under ``paths`` into ``store``; see ``ingest_items``."""
    report = IngestReport()

    def files_found(count: int) -> None:
        report.files_found = count

    def file_done() -> None:
        report.files_read += 1

    articles = read_articles(paths, collection, files_found, file_done)
    return ingest_items(store, articles, on_error, batch_size, workers, on_progress, report)


def ingest_items(
    store: Store,
    items: Iterable[Article | InputProblem],
    on_error: OnError = OnError.SKIP,
    batch_size: int = DEFAULT_BATCH_SIZE,
    workers: int = 1,
    on_progress: ProgressCallback | None = None,
    report: IngestReport | None = None,
) -> IngestReport:
    """Analyse and store articles already read (e.g. records posted to the HTTP API).

    With ``OnError.SKIP`` problems are collected in the report and the rest is stored;
    with ``OnError.FAIL`` the first problem raises ``IngestAborted`` (batches committed
    before it stay stored, the batch in flight is not written).
    """
    report = report or IngestReport()
    batches = _batches(iter(items), batch_size, report, on_error)
    for analyzed in _analyzed(store, batches, report, workers):
        added = store.add_articles(analyzed)
        report.added += added
        report.already_stored += len(analyzed) - added
        if on_progress is not None:
            on_progress(report)
    return report


def _batches(
    items: Iterator[Article | InputProblem], size: int, report: IngestReport, on_error: OnError
) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for item in items:
        if isinstance(item, InputProblem):
            if on_error is OnError.FAIL:
                raise IngestAborted(item.path, item.message, item.line, item.field)
            report.problems.append(item)
            continue
        report.read += 1
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _analyzed(
    store: Store, batches: Iterator[list[Article]], report: IngestReport, workers: int
) -> Iterator[Sequence[AnalyzedArticle]]:
    """Analyse each batch's new articles, in a process pool when ``workers > 1``.

    At most ``2 × workers`` batches are in flight, which bounds memory, and results come
    back in input order so runs are reproducible.
    """
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

    if workers <= 1:
        for batch in batches:
            yield analyze_batch(new_articles(batch))
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        in_flight: list[Future[list[AnalyzedArticle]]] = []
        for batch in batches:
            in_flight.append(pool.submit(analyze_batch, new_articles(batch)))
            if len(in_flight) >= 2 * workers:
                yield in_flight.pop(0).result()
        for future in in_flight:
            yield future.result()
