"""Recognising near-duplicates at write time: which stored article a new one copies.

The band keys (``dateline.text.dedup``) of every first copy are persisted in
``article_bands``, one row per article appended in row id order. ``BandIndex`` is an
in-memory copy of that table as sorted NumPy runs (16 bytes per key: 256 MB for a
million articles, a tenth of what a Python dict would take), brought up to date at the
start of every write transaction with the rows appended since it last looked, so it
also sees what other processes stored and never what a rolled-back batch wrote. An
indexed SQLite table would answer the same lookups, but every batch would then rewrite
thousands of randomly placed B-tree pages.

Only first copies are indexed: a copy of a copy is recognised through the original, so
the 50 republications of one wire story all point at the first one stored.

A band key shared by many stored articles says little (templated texts, boilerplate:
"Item 41 was approved on Monday." shares keys with every other item), and counting every
holder of such a key made each new article cost as much as the store's size, an ingest
quadratic. So a key yields at most ``MAX_HOLDERS_PER_KEY`` holders, the earliest stored
(and as many first copies of the same batch): an article is compared with at most
``BANDS × MAX_HOLDERS_PER_KEY`` stored articles and as many of its own batch. A real
copy shares several keys with its original (each band of a pair at resemblance 0.8
matches with probability 0.26, an exact copy's all 16), so it is still found unless all
of those keys are common ones.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from functools import partial

import numpy as np

from dateline.store.matching import in_chunks
from dateline.text.dedup import BANDS, THRESHOLD, has_keys, jaccard, shingle_set

MAX_CONFIRMATIONS = 8
MAX_HOLDERS_PER_KEY = 4


class BandIndex:
    """The band keys of the stored first copies, for candidate lookups."""

    def __init__(self) -> None:
        self._runs: list[tuple[np.ndarray, np.ndarray]] = []
        self._last_read = 0

    def refresh(self, db: sqlite3.Connection) -> None:
        """Read the band keys stored since the last refresh (all of them, the first time)."""
        rows = db.execute(
            "SELECT article, keys FROM article_bands WHERE article > ? ORDER BY article",
            (self._last_read,),
        ).fetchall()
        if not rows:
            return
        articles = np.array([row[0] for row in rows], dtype=np.int64)
        keys = np.frombuffer(b"".join(row[1] for row in rows), dtype=np.int64)
        self._add_run(keys, np.repeat(articles, BANDS))
        self._last_read = int(articles[-1])

    def shared_keys(self, keys: np.ndarray) -> list[dict[int, int]]:
        """For each row of ``keys`` (one article's band keys), row id → number of keys
        shared, for every stored first copy that shares at least one (among the
        ``holders`` of each key)."""
        return shared_counts(self.holders(keys), keys.shape)

    def holders(self, keys: np.ndarray) -> dict[int, list[int]]:
        """For each position of ``keys.ravel()`` whose key a stored first copy holds,
        the earliest ``MAX_HOLDERS_PER_KEY`` holders, in row id order (a sharded store
        merges those of its shards: ``dateline.shards.copies``). One vectorised search
        per run for the whole batch: most keys match nothing."""
        held: dict[int, list[int]] = {}
        flat = keys.ravel()
        holders_left = np.full(len(flat), MAX_HOLDERS_PER_KEY, dtype=np.int64)
        # The oldest run first: it holds the earliest stored articles, in row id order.
        for run_keys, run_articles in self._runs:
            lows = np.searchsorted(run_keys, flat, "left")
            taken = np.minimum(np.searchsorted(run_keys, flat, "right") - lows, holders_left)
            holders_left -= taken
            for position in np.flatnonzero(taken).tolist():
                low = int(lows[position])
                held.setdefault(position, []).extend(run_articles[low : low + int(taken[position])].tolist())
        return held

    def _add_run(self, keys: np.ndarray, articles: np.ndarray) -> None:
        """Add a sorted run, merging runs like a binary counter (each run at least twice
        the size of the next) so lookups search O(log n) runs and merging costs
        O(n log n) in all."""
        order = np.argsort(keys, kind="stable")
        self._runs.append((keys[order], articles[order]))
        while len(self._runs) > 1 and len(self._runs[-2][0]) <= 2 * len(self._runs[-1][0]):
            newer_keys, newer_articles = self._runs.pop()
            older_keys, older_articles = self._runs.pop()
            keys = np.concatenate((older_keys, newer_keys))
            order = np.argsort(keys, kind="stable")
            self._runs.append((keys[order], np.concatenate((older_articles, newer_articles))[order]))


def shared_counts(holders: dict[int, list[int]], shape: tuple[int, ...]) -> list[dict[int, int]]:
    """``BandIndex.shared_keys`` from the ``holders`` of the keys of an array of
    ``shape`` (articles × bands): for each article, holder → number of its keys held."""
    articles, bands = shape
    shared: list[dict[int, int]] = [{} for _ in range(articles)]
    for position, held in holders.items():
        counts = shared[position // bands]
        for article in held:
            counts[article] = counts.get(article, 0) + 1
    return shared


def find_originals(
    db: sqlite3.Connection,
    index: BandIndex,
    rowids: Sequence[int],
    texts: Sequence[str],
    keys: np.ndarray,
) -> list[int | None]:
    """For each new article (``rowids`` about to be written, with their texts and band
    keys), the row id of the stored or earlier-in-batch article it copies, or None
    (``choose_originals``). Runs inside the caller's write transaction."""
    index.refresh(db)
    return choose_originals(rowids, texts, keys, index.shared_keys(keys), partial(stored_texts, db))


def choose_originals(
    rowids: Sequence[int],
    texts: Sequence[str],
    keys: np.ndarray,
    shared: list[dict[int, int]],
    read_texts: Callable[[list[int]], dict[int, str]],
) -> list[int | None]:
    """``find_originals`` given each article's stored candidates (``shared``, as
    ``BandIndex.shared_keys`` gives them; extended here with the batch's) and a reader of
    their texts: a sharded store gives those of all its shards, so that it chooses the
    original one store chooses (``dateline.shards.copies``).

    Candidates (sharing a band key) are confirmed by the resemblance of the full texts,
    at most ``MAX_CONFIRMATIONS`` per article (``ranked``: those sharing the most keys,
    then the earliest); the most resembling confirmed one wins, the earliest of equals.
    """
    batch_firsts: dict[int, list[int]] = {}
    batch_texts: dict[int, str] = {}
    originals: list[int | None] = []
    for rowid, text, row_keys, candidates in zip(rowids, texts, keys, shared, strict=True):
        if not has_keys(row_keys):
            originals.append(None)
            continue
        key_list = row_keys.tolist()
        for key in key_list:
            for first in batch_firsts.get(key, ()):
                candidates[first] = candidates.get(first, 0) + 1
        original = _confirmed(text, ranked(candidates), batch_texts, read_texts)
        originals.append(original)
        if original is None:
            for key in key_list:
                holders = batch_firsts.setdefault(key, [])
                if len(holders) < MAX_HOLDERS_PER_KEY:
                    holders.append(rowid)
            batch_texts[rowid] = text
    return originals


def ranked(candidates: dict[int, int]) -> list[int]:
    """The candidates confirmed (row id → keys shared): the ``MAX_CONFIRMATIONS``
    sharing the most keys, the earliest of equals."""
    return sorted(candidates, key=lambda article: (-candidates[article], article))[:MAX_CONFIRMATIONS]


def stored_texts(db: sqlite3.Connection, rowids: list[int]) -> dict[int, str]:
    """Row id → text of the stored articles of ``rowids`` (a sharded store asks for those
    of a whole batch at once: ``in_chunks`` keeps under SQLite's limit of parameters)."""
    return dict(in_chunks(db, "SELECT rowid, text FROM articles WHERE rowid IN ({})", rowids))


def _confirmed(
    text: str, candidates: list[int], batch_texts: dict[int, str], read_texts: Callable[[list[int]], dict[int, str]]
) -> int | None:
    if not candidates:
        return None
    known_texts = {rowid: batch_texts[rowid] for rowid in candidates if rowid in batch_texts}
    missing = [rowid for rowid in candidates if rowid not in known_texts]
    if missing:
        known_texts |= read_texts(missing)
    mine = shingle_set(text)
    scored = [(jaccard(mine, shingle_set(known_texts[rowid])), -rowid) for rowid in candidates if rowid in known_texts]
    best, negative_rowid = max(scored, default=(0.0, 0))
    return -negative_rowid if best >= THRESHOLD else None
