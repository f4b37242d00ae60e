"""``ShardedStore``: a folder of ordinary stores used as one.

It offers the calls of ``dateline.store.Store`` that ingest and a timeline make, and
answers each by asking every shard (on the shard's own thread, ``ShardWorker``) and
merging, so that the answer is the one a single store holding the same articles gives:

- Row ids are global. An ingest gives each new article the row id it would get in one
  store (the next after the largest of every shard, in input order) and its shard stores
  it under that id (``Store.add_batch(rowids=...)``), so the row ids of the shards never
  collide, ranking ties (broken by row id) and the order in which a timeline reads its
  articles are those of one store, and a sample of every k-th row id picks the same
  articles.
- BM25 is computed with the statistics of all shards (``dateline.shards.bm25``), and the
  matches of every shard are merged by it, so ``limit`` (``--max-articles``) caps the
  same best matches.
- Near-duplicates are chosen over all shards with the candidates, ranking and
  tie-break of one store, and a copy is sent to its original's shard rather than to its
  month's, whose writer links it to that original (``dateline.shards.copies``): the
  shards link each copy to the original one store links it to.

One process writes a sharded store at a time (``write_lock``): row ids are assigned by
the writer, and two writers would give the same ids to different articles.

- The write log (writes through the HTTP API, ``dateline.store.writes``) lives in the
  shards, beside the articles it names: a write is numbered over all shards (the next
  after the largest of every shard, as one store numbers it) and each shard that stores
  some of its articles records it under that number in the transaction that stores them,
  so no shard holds an article without its write. Reading the log merges the shards'
  records of a write (its article count is their sum).
"""

from __future__ import annotations

import datetime as dt
import fcntl
import heapq
import os
import sqlite3
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future
from contextlib import ExitStack, contextmanager
from dataclasses import replace
from functools import partial
from operator import itemgetter
from pathlib import Path
from typing import IO, TypeVar

from dateline.errors import StoreBusy, StoreError
from dateline.model import AnalyzedArticle, Article, ArticleSummary, BatchAnalysis, CollectionSummary
from dateline.shards.bm25 import Statistics, global_scores, phrase_tokens, phrases, row_terms, shard_statistics
from dateline.shards.copies import merged_holders, routes, stored_holders, texts_in, to_read
from dateline.shards.manifest import MANIFEST, Manifest, is_sharded, new_manifest, read_manifest, write_manifest
from dateline.shards.split import select_analysis
from dateline.shards.story_index import open_index
from dateline.shards.worker import ShardWorker
from dateline.store import Store
from dateline.store.duplicates import BandIndex, choose_originals, shared_counts
from dateline.store.matching import (
    IN_LIST,
    Matching,
    first_stories,
    in_chunks,
    limited,
    spread_stories,
    without_copies,
)
from dateline.store.sqlite import RANKED_PER_RESULT, SPREAD_SAMPLE_PER_RESULT, analyzed_from_row, filters
from dateline.store.writes import Write, WriteStamp, last_write_id, stored_by_write

Result = TypeVar("Result")
Item = TypeVar("Item")
ShardWrite = Callable[[Path, list[Article], BatchAnalysis, list[int], list[int | None]], int]
"""Writes one shard's part of a batch elsewhere (a Dask worker: ``dateline.distributed.
writers``): the shard's path, its articles, their analysis, row ids and originals;
returns how many were new."""
WRITE_LOCK = ".write.lock"
LOCK_POLL_S = 0.05


class ShardedStore:
    """An open sharded store (see the module docstring). Use as a context manager."""

    def __init__(self, folder: Path, manifest: Manifest, create: bool, lock_wait: float = 0.0) -> None:
        self.path = str(folder)
        self.manifest = manifest
        self._lock: IO[str] | None = write_lock(folder, lock_wait) if create else None
        self._shards: list[ShardWorker] = []
        self._write_elsewhere: ShardWrite | None = None
        self._routing_bands = [BandIndex() for _ in manifest.shards]
        self._story_index: sqlite3.Connection | None = None
        try:
            for name in manifest.shards:
                self._shards.append(ShardWorker(folder / name, create))
        except BaseException:
            self.close()
            raise
        self._next_rowid = 1 + max(self._each(_max_rowid))

    @classmethod
    def open(
        cls, folder: Path | str, create: bool = True, shards: int | None = None, lock_wait: float = 0.0
    ) -> ShardedStore:
        """Open the sharded store in ``folder``; with ``create`` and ``shards``, create it
        (with that many shards) when there is none. ``shards`` must agree with an
        existing store's manifest. ``create`` takes the folder's write lock, waiting up to
        ``lock_wait`` seconds while another process holds it (then ``StoreBusy``).

        A new store's shards are created before the manifest that names them is written,
        so a crash while creating it leaves a folder without a manifest (no store yet, as
        a store file not yet created; the same ingest creates it), never a manifest naming
        shards that do not exist, which ``dateline check`` and every read refuse."""
        folder = Path(folder)
        if create and shards is not None and not (folder / MANIFEST).exists():
            folder.mkdir(parents=True, exist_ok=True)
            store = cls(folder, new_manifest(shards), create)
            try:
                write_manifest(folder, store.manifest)
            except BaseException:
                store.close()
                raise
            return store
        manifest = read_manifest(folder)
        if shards is not None and shards != len(manifest.shards):
            raise StoreError(
                f"{folder}: the store has {len(manifest.shards)} shards, not {shards}; "
                "the shard count is fixed when a store is created"
            )
        return cls(folder, manifest, create, lock_wait)

    def close(self) -> None:
        for shard in self._shards:
            shard.close()
        self._shards = []
        if self._story_index is not None:
            self._story_index.close()
            self._story_index = None
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    def __enter__(self) -> ShardedStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def shard_paths(self) -> list[Path]:
        return [shard.path for shard in self._shards]

    @property
    def writes(self) -> bool:
        """Whether this process holds the folder's write lock (opened to write, or
        ``try_writing``)."""
        return self._lock is not None

    def try_writing(self) -> bool:
        """Take the write lock of a store opened to read, unless another process holds
        it (``dateline stories`` then lists the stories without assigning new articles);
        whether this store may write now."""
        if self._lock is None:
            try:
                self._lock = write_lock(Path(self.path))
            except StoreError:
                return False
            self._next_rowid = 1 + max(self._each(_max_rowid))
            if self._story_index is not None:  # opened read-only
                self._story_index.close()
                self._story_index = None
        return True

    @property
    def last_rowid(self) -> int:
        """The largest row id of any shard (as of the open or the write lock, and this
        process's writes since)."""
        return self._next_rowid - 1

    def story_index(self) -> sqlite3.Connection:
        """The folder's story index (``dateline.shards.stories``), opened on first use
        (writable while this process holds the write lock) and closed with the store."""
        if self._story_index is None:
            self._story_index = open_index(Path(self.path), self.writes)
        return self._story_index

    def read_each(self, call: Callable[[sqlite3.Connection], Result]) -> list[Result]:
        """``call(connection)`` on every shard, each in a read transaction, side by side;
        the results in shard order (for the SQL of ``dateline.shards.stories``)."""
        return self._each(_on_connection(call))

    @contextmanager
    def writing_with(self, write: ShardWrite) -> Iterator[None]:
        """Inside the block, each shard's part of a batch is written by ``write`` (on a
        Dask worker) rather than in this process. Each shard's thread here waits for its
        write before it starts the next, so a shard still has one writer at a time and
        takes its batches in order."""
        self._write_elsewhere = write
        try:
            yield
        finally:
            self._write_elsewhere = None

    def _each(self, call: Callable[[Store], Result]) -> list[Result]:
        """``call`` on every shard, side by side; the results in shard order."""
        return _results(self._submit_each(call))

    def _submit_each(self, call: Callable[[Store], Result]) -> list[Future[Result]]:
        """``call`` started on every shard; its futures in shard order."""
        return [shard.submit(call) for shard in self._shards]

    # writing

    def add_batch(self, articles: Sequence[Article], analysis: BatchAnalysis) -> int:
        """Store the articles not stored yet (the first of repeated ids) in their shards,
        each shard's part in one transaction of its own, all shards at once; return how
        many were new. A crash part way leaves some shards with their part and others
        without: the next ingest stores exactly what is missing."""
        if len(analysis) != len(articles):
            raise ValueError(f"{len(articles)} articles but an analysis of {len(analysis)}")
        known = self.known_ids(article.id for article in articles)
        rowids: dict[int, int] = {}
        for position, article in enumerate(articles):
            if article.id not in known:
                known.add(article.id)
                rowids[position] = self._next_rowid + len(rowids)
        self._next_rowid += len(rowids)
        by_shard: dict[int, list[int]] = {}
        shards, found = self._routes(articles, analysis, list(rowids), list(rowids.values()))
        originals = dict(zip(rowids, found, strict=True))
        for position, shard in zip(rowids, shards, strict=True):
            by_shard.setdefault(shard, []).append(position)
        writes = [
            self._shards[shard].submit(
                partial(
                    _add_part,
                    [articles[position] for position in positions],
                    select_analysis(analysis, positions),
                    [rowids[position] for position in positions],
                    [originals[position] for position in positions],
                    self._write_elsewhere,
                )
            )
            for shard, positions in sorted(by_shard.items())
        ]
        return sum(_results(writes))

    def _routes(
        self, articles: Sequence[Article], analysis: BatchAnalysis, positions: list[int], rowids: list[int]
    ) -> tuple[list[int], list[int | None]]:
        """The shard of each new article (at ``positions``, to get ``rowids``), its
        month's or its original's, and its original (or None), chosen over all shards as
        one store chooses it (``dateline.shards.copies``)."""
        if not positions:
            return [], []
        texts = [articles[position].text for position in positions]
        keys = analysis.band_keys[positions]
        holders, shard_of = merged_holders(
            _results(
                [
                    shard.submit(partial(stored_holders, index=index, keys=keys))
                    for shard, index in zip(self._shards, self._routing_bands, strict=True)
                ]
            )
        )
        shared = shared_counts(holders, keys.shape)
        stored: dict[int, str] = {}
        for part in _results(
            [
                self._shards[shard].submit(partial(texts_in, rowids=wanted))
                for shard, wanted in to_read(shared, shard_of).items()
            ]
        ):
            stored |= part
        originals = choose_originals(
            rowids, texts, keys, shared, lambda wanted: {rowid: stored[rowid] for rowid in wanted if rowid in stored}
        )
        homes = [self.manifest.shard_of(articles[position].published) for position in positions]
        return routes(homes, originals, rowids, shard_of), originals

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        wanted = list(ids)
        return set().union(*self._each(lambda store: store.known_ids(wanted)))

    # reading

    def count_articles(self, collection: str | None = None) -> int:
        return sum(self._each(lambda store: store.count_articles(collection)))

    def articles_per_shard(self) -> list[int]:
        return self._each(Store.count_articles)

    def collections(self) -> list[CollectionSummary]:
        """Each collection over all shards, by name."""
        merged: dict[str, CollectionSummary] = {}
        for summaries in self._each(Store.collections):
            for summary in summaries:
                seen = merged.get(summary.name)
                merged[summary.name] = (
                    summary
                    if seen is None
                    else CollectionSummary(
                        summary.name,
                        seen.articles + summary.articles,
                        min(seen.first, summary.first),
                        max(seen.last, summary.last),
                    )
                )
        return [merged[name] for name in sorted(merged)]

    def get_article(self, article_id: str) -> Article | None:
        return next((found for found in self._each(lambda store: store.get_article(article_id)) if found), None)

    def summaries(self, rowids: Sequence[int]) -> list[ArticleSummary]:
        """Listing rows for ``rowids``, in the given order."""
        by_rowid = {
            rowid: summary
            for part in self._each(lambda store: _summaries_with_rowids(store, rowids))
            for rowid, summary in part
        }
        return [by_rowid[rowid] for rowid in rowids if rowid in by_rowid]

    def publication_counts(self, rowids: Sequence[int]) -> list[tuple[dt.date, int]]:
        """How many of ``rowids`` were published on each day, in date order."""
        counts: dict[dt.date, int] = {}
        for part in self._each(lambda store: store.publication_counts(_held(store, rowids))):
            for day, count in part:
                counts[day] = counts.get(day, 0) + count
        return sorted(counts.items())

    @contextmanager
    def attributing(self, stamp: WriteStamp) -> Iterator[None]:
        """Record the articles added inside the block as added by one write, ``stamp``,
        numbered after the largest write id of every shard (the module docstring says
        where the log lives). Needs the write lock: the number is then no other's."""
        if not self.writes:
            raise StoreError(f"{self.path}: opened to read; a write needs the folder's write lock")
        write_id = 1 + max(self._each(_on_connection(last_write_id)))
        with ExitStack() as stack:
            for shard_block in self._each(lambda store: store.attributing(stamp, write_id)):
                stack.enter_context(shard_block)  # sets the shard's pending write; no SQL
            yield

    def write_of(self, article_id: str) -> Write | None:
        """The write that added the article (None for an ingest, or an unknown id), with
        its article count over all shards."""
        found = next((write for write in self._each(lambda store: store.write_of(article_id)) if write), None)
        return found and self.get_write(found.id)

    def recent_writes(self, limit: int) -> list[Write]:
        """The last ``limit`` writes that added articles, newest first. Each shard lists
        its last ``limit``: a write among the last ``limit`` of all is among those of
        every shard holding some of its articles, so its count is whole."""
        merged = _merged_writes(
            write for part in self._each(lambda store: store.recent_writes(limit)) for write in part
        )
        return [merged[write_id] for write_id in sorted(merged, reverse=True)[:limit]]

    def get_write(self, write_id: int) -> Write | None:
        return _merged_writes(write for write in self._each(lambda store: store.get_write(write_id)) if write).get(
            write_id
        )

    def articles_of_write(self, write_id: int, limit: int) -> list[str]:
        """The ids of the first ``limit`` articles the write added, in the order it stored
        them (row id order, over all shards)."""
        parts = self._each(_on_connection(partial(stored_by_write, write_id=write_id, limit=limit)))
        return [article_id for _, article_id in heapq.merge(*parts)][:limit]

    def stored_by(self, rowids: Sequence[int], moment: dt.datetime) -> list[int]:
        """The articles of ``rowids`` stored at or before ``moment``, by each shard's log."""
        stored = set().union(*self._each(lambda store: set(store.stored_by(_held(store, rowids), moment))))
        return [rowid for rowid in rowids if rowid in stored]

    def match_articles(
        self,
        fts_query: str | None,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
        collection: str | None = None,
        limit: int | None = None,
        stories_only: bool = False,
    ) -> list[int]:
        """``Store.match_articles`` over every shard, with the same answer as one store:
        the same sample (every k-th global row id), the same BM25 (global statistics,
        ``dateline.shards.bm25``), the same order, the same copies left out."""
        matching = Matching.of(fts_query, *filters(date_from, date_to, collection))
        drop_copies = partial(self._without_copies, matching) if stories_only else None
        statistics = self._statistics(fts_query)

        def chosen(step: int, wanted: int | None) -> list[int]:
            if fts_query is None:
                return spread_stories(self._by_date(matching, step), wanted, drop_copies)
            ranked = self._ranked(matching, step, statistics)
            if drop_copies is None:
                return ranked[:wanted]
            return first_stories(iter(ranked), wanted, drop_copies)

        per_result = SPREAD_SAMPLE_PER_RESULT if fts_query is None else RANKED_PER_RESULT
        return limited(limit, per_result, lambda: sum(self._each(_on_connection(matching.count))), chosen)

    def analyzed_articles(self, rowids: Sequence[int]) -> Iterator[AnalyzedArticle]:
        """The articles of ``rowids`` with their analysis, in the order one store gives
        them (row id order within each run of ``IN_LIST``). Each shard reads its rows of a
        run undecoded, and they are decoded here one at a time as they are used, as one
        store does (``Store.analysis_rows`` says why). The shards read the next run while
        this one is decoded, as one store reads ahead."""
        runs = [sorted(rowids[start : start + IN_LIST]) for start in range(0, len(rowids), IN_LIST)]
        reading = self._submit_each(partial(_analysis_rows, rowids=runs[0])) if runs else []
        for following in [*runs[1:], None]:
            parts = _results(reading)
            if following is not None:
                reading = self._submit_each(partial(_analysis_rows, rowids=following))
            yield from map(analyzed_from_row, heapq.merge(*parts, key=itemgetter(0)))

    def _statistics(self, fts_query: str | None) -> Statistics | None:
        if fts_query is None:
            return None
        query_phrases = phrases(fts_query)
        parts = self._each(_on_connection(lambda db: shard_statistics(db, query_phrases)))
        total = parts[0]
        for part in parts[1:]:
            total = total + part
        return total

    def _ranked(self, matching: Matching, step: int, statistics: Statistics | None) -> list[int]:
        """Every ``step``-th match of every shard, best first by global BM25, then row id."""
        totals, query = _required(statistics), _required(matching.fts_query)
        tokens = [phrase_tokens(phrase) for phrase in phrases(query)]

        def scored(db: sqlite3.Connection) -> list[tuple[float, int]]:
            rowids = list(matching.ordered.by_rowid().run(db, None, step))
            scores = global_scores(totals, row_terms(db, tokens, rowids))
            return sorted((scores[rowid], rowid) for rowid in rowids)

        return [rowid for _, rowid in heapq.merge(*self._each(_on_connection(scored)))]

    def _by_date(self, matching: Matching, step: int) -> list[int]:
        """Every ``step``-th match of every shard, by publication date, then row id."""

        def dated(db: sqlite3.Connection) -> list[tuple[str, int]]:
            rowids = list(matching.ordered.run(db, None, step))
            published = dict(in_chunks(db, "SELECT rowid, published FROM articles WHERE rowid IN ({})", rowids))
            return [(published[rowid], rowid) for rowid in rowids]

        return [rowid for _, rowid in heapq.merge(*self._each(_on_connection(dated)))]

    def _without_copies(self, matching: Matching, rowids: list[int]) -> list[int]:
        """``rowids`` less the copies of a matching original, each shard judging its own
        (a copy and its original are always in one shard)."""

        def copies(db: sqlite3.Connection) -> set[int]:
            return set(rowids) - set(without_copies(db, rowids, matching.originals))

        dropped = set().union(*self._each(_on_connection(copies)))
        return [rowid for rowid in rowids if rowid not in dropped]


def open_store(path: Path | str, create: bool = True, shards: int | None = None) -> Store | ShardedStore:
    """The store at ``path``: a sharded store for a folder (or with ``shards``), else the
    one-file store. What every command that takes ``--db`` opens."""
    if shards is not None or is_sharded(Path(path)):
        return ShardedStore.open(path, create, shards)
    return Store.open(path, create)


def write_lock(folder: Path, wait: float = 0.0) -> IO[str]:
    """Hold the sharded store's write lock until the returned file is closed, waiting up
    to ``wait`` seconds while another process holds it (then ``StoreBusy``, naming that
    process). The holder writes its process id and command (never its options, which may
    hold a token) into the file, for the refusal of the next to read."""
    path = folder / WRITE_LOCK
    try:
        handle = path.open("a", encoding="utf-8")
    except OSError as error:  # a folder this user may not write: one line, not a traceback
        raise StoreError(f"{folder}: cannot write to the sharded store: {error.strerror or error}") from None
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except OSError:
            if time.monotonic() >= deadline:
                handle.close()
                raise StoreBusy(
                    f"{folder}: another process is writing this sharded store{_holder(path)}; wait for it to finish"
                ) from None
            time.sleep(LOCK_POLL_S)
    handle.truncate(0)
    handle.write(f"{os.getpid()} {' '.join([Path(sys.argv[0]).name, *sys.argv[1:2]])}\n")
    handle.flush()
    return handle


def _holder(path: Path) -> str:
    """`` (process N: command)`` as the lock's holder wrote it, or nothing."""
    try:
        pid, _, command = path.read_text(encoding="utf-8").strip().partition(" ")
    except OSError:
        return ""
    return f" (process {pid}: {command})" if pid.isdigit() else ""


def _merged_writes(writes: Iterable[Write]) -> dict[int, Write]:
    """The shards' records of each write as one, by id: the articles counted over all."""
    merged: dict[int, Write] = {}
    for write in writes:
        seen = merged.get(write.id)
        merged[write.id] = write if seen is None else replace(seen, articles=seen.articles + write.articles)
    return merged


def _required(value: Item | None) -> Item:
    if value is None:
        raise ValueError("a ranked match needs a query")
    return value


def _results(futures: list[Future[Result]]) -> list[Result]:
    return [future.result() for future in futures]


def _on_connection(call: Callable[..., Result]) -> Callable[[Store], Result]:
    """``call(connection)`` inside one read transaction of a shard."""

    def on_store(store: Store) -> Result:
        with store.snapshot() as db:
            return call(db)

    return on_store


def _max_rowid(store: Store) -> int:
    with store.snapshot() as db:
        return db.execute("SELECT coalesce(max(rowid), 0) FROM articles").fetchone()[0]


def _held(store: Store, rowids: Sequence[int]) -> list[int]:
    """Those of ``rowids`` stored in ``store``, in row id order."""
    with store.snapshot() as db:
        return sorted(row[0] for row in in_chunks(db, "SELECT rowid FROM articles WHERE rowid IN ({})", rowids))


def _summaries_with_rowids(store: Store, rowids: Sequence[int]) -> list[tuple[int, ArticleSummary]]:
    held = _held(store, rowids)
    return list(zip(held, store.summaries(held), strict=True))


def _analysis_rows(store: Store, *, rowids: list[int]) -> list[tuple]:
    """The undecoded rows of those of ``rowids`` stored in ``store``, in row id order."""
    return list(store.analysis_rows(_held(store, rowids)))


def _add_part(
    articles: list[Article],
    analysis: BatchAnalysis,
    rowids: list[int],
    originals: list[int | None],
    elsewhere: ShardWrite | None,
    store: Store,
) -> int:
    if elsewhere is not None:
        return elsewhere(Path(store.path), articles, analysis, rowids, originals)
    return store.add_batch(articles, analysis, rowids, originals)
