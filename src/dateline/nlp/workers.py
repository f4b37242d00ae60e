"""Where batches of articles are analysed: in this process, or in a pool of processes.

An ingest hands batches to an ``Analyzer`` and writes the results in the order it
submitted them, never holding more than ``capacity`` batches in flight, which bounds its
memory. The same interface is implemented over a Dask cluster by
``dateline.distributed.DaskAnalyzer``, so the ingest job (batching, skipping stored
articles, atomic writes, error reporting) is one piece of code whatever computes.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import Protocol

from dateline.model import Article, BatchAnalysis
from dateline.nlp.analyze import analyze_articles
from dateline.temporal.tagger import prepare


class PendingAnalysis(Protocol):
    """A batch's analysis, possibly still being computed."""

    def result(self) -> BatchAnalysis: ...


class Analyzer(Protocol):
    """Something that analyses batches of articles, ``capacity`` at a time."""

    capacity: int

    def submit(self, articles: Sequence[Article]) -> PendingAnalysis: ...


class _Done:
    def __init__(self, analysis: BatchAnalysis) -> None:
        self._analysis = analysis

    def result(self) -> BatchAnalysis:
        return self._analysis


class InProcessAnalyzer:
    """Analyses each batch right away, in this process (one worker, or tests)."""

    capacity = 1

    def submit(self, articles: Sequence[Article]) -> PendingAnalysis:
        return _Done(analyze_articles(articles))


class PoolAnalyzer:
    """Analyses batches in a pool of worker processes; two batches per worker in flight
    keep every worker busy while the main process reads and writes."""

    def __init__(self, pool: ProcessPoolExecutor, workers: int) -> None:
        self._pool = pool
        self.capacity = 2 * workers

    def submit(self, articles: Sequence[Article]) -> PendingAnalysis:
        return self._pool.submit(analyze_articles, list(articles))


# How often a worker looks whether the process that started it is still there.
PARENT_CHECK_SECONDS = 0.5


def _exit_with_parent(parent: int) -> None:
    """Worker initializer: end this worker once ``parent`` (the ingest) is gone.

    A worker waits for batches on a pipe that its sibling workers also hold open, so
    when the ingest is killed (``kill -9``: no clean-up runs) the pipe never reports
    end-of-file and the workers would wait forever. A daemon thread watches the parent
    instead; a worker whose parent died is adopted by another process, so its parent id
    changes."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


@contextmanager
def local_analyzer(workers: int) -> Iterator[Analyzer]:
    """An analyzer with ``workers`` processes (this one alone when ``workers <= 1``)."""
    if workers <= 1:
        yield InProcessAnalyzer()
        return
    with worker_pool(workers) as pool:
        yield PoolAnalyzer(pool, workers)


@contextmanager
def worker_pool(workers: int) -> Iterator[ProcessPoolExecutor]:
    """A pool of ``workers`` processes that end with this one (``_exit_with_parent``),
    ready to analyse articles."""
    # Forked workers inherit the tagger's compiled tables instead of each compiling them,
    # and are children of this process, which ``_exit_with_parent`` relies on (Python
    # 3.14 starts pool workers from a fork server by default).
    prepare()
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_exit_with_parent,
        initargs=(os.getpid(),),
    ) as pool:
        yield pool
