"""Writing a batch of analysed articles: the SQL behind ``Store.add_batch``.

Everything happens inside the caller's write transaction, so a batch is stored whole or
not at all. Under that transaction's lock no other writer can insert, so the articles
already stored are looked up once, row ids are assigned here (after the current
maximum, as SQLite would) and every table is filled with one statement per table. The
articles go through a temporary staging table and a single ``INSERT ... SELECT``: the
FTS5 trigger then runs inside one statement, whereas a statement per article (even
through ``executemany``) opens a savepoint per article at which FTS5 writes out its
pending index, which made indexing twice as slow.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

import numpy as np

from dateline.model import Article, BatchAnalysis
from dateline.store.duplicates import BandIndex, find_originals
from dateline.store.matching import in_chunks
from dateline.store.mentions import pack_mentions
from dateline.store.spans import SPAN_BYTES, pack_spans
from dateline.text.dedup import has_keys

_ARTICLE_COLUMNS = (
    "rowid, id, published, title, url, source, collection, lines_are_sentences, text, duplicate_of, spans, mentions"
)
_STAGING = """
    CREATE TEMP TABLE IF NOT EXISTS staged_articles (
        rowid INTEGER PRIMARY KEY, id, published, title, url, source, collection,
        lines_are_sentences, text, duplicate_of, spans, mentions
    )
"""
# FTS5 merges the index's segments this many at a time (its default is 4). Each batch
# adds a small segment; merging 4 at a time rewrote every indexed word about
# log4(N/256) times over an ingest of N articles, half the cost of writing an article at
# a million. Merging 8 rewrites it half as often, and a query reads up to 7 segments per
# level (about 30 at a million articles) instead of 3. A tuning, not a schema change: it
# is set by the first write, so opening a store to read it never writes.
FTS_AUTOMERGE = 8


def write_batch(
    db: sqlite3.Connection,
    articles: Sequence[Article],
    analysis: BatchAnalysis,
    index: BandIndex,
    rowids: Sequence[int] | None = None,
    originals: Sequence[int | None] | None = None,
) -> int:
    """Store the articles of a batch not stored yet (the first of repeated ids), with
    their analysis and duplicate links; return how many were new.

    ``rowids`` gives each article its row id (increasing, above those stored): a shard of
    a sharded store (``dateline.shards``) takes the row ids the articles would have in
    one store, so that ranking ties and ordering agree with it. None: the row ids after
    the current maximum. ``originals`` gives each article's original (or None): a shard
    takes the one chosen over all shards (``dateline.shards.copies``), which its own
    articles alone may not show. None: ``find_originals`` chooses among those stored."""
    _set_merge_policy(db)
    stored = stored_ids(db, [article.id for article in articles])
    fresh: list[int] = []
    for position, article in enumerate(articles):
        if article.id not in stored:
            stored.add(article.id)
            fresh.append(position)
    if not fresh:
        return 0
    if rowids is None:
        first_rowid = db.execute("SELECT coalesce(max(rowid), 0) + 1 FROM articles").fetchone()[0]
        new_rowids = list(range(first_rowid, first_rowid + len(fresh)))
    else:
        new_rowids = [rowids[position] for position in fresh]
    new = [articles[position] for position in fresh]
    keys = analysis.band_keys[fresh]
    found = (
        find_originals(db, index, new_rowids, [article.text for article in new], keys)
        if originals is None
        else [originals[position] for position in fresh]
    )
    analysed = analysis_columns(analysis)
    db.execute(_STAGING)
    db.executemany(
        f"INSERT INTO temp.staged_articles ({_ARTICLE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                rowid,
                a.id,
                a.published.isoformat(),
                a.title,
                a.url,
                a.source,
                a.collection,
                int(a.lines_are_sentences),
                a.text,
                original,
                *analysed[position],
            )
            for rowid, a, original, position in zip(new_rowids, new, found, fresh, strict=True)
        ],
    )
    db.execute(
        f"INSERT INTO articles ({_ARTICLE_COLUMNS}) SELECT {_ARTICLE_COLUMNS} FROM temp.staged_articles ORDER BY rowid"
    )
    db.execute("DELETE FROM temp.staged_articles")
    db.executemany(
        "INSERT INTO article_bands (article, keys) VALUES (?, ?)",
        [
            (rowid, row_keys.tobytes())
            for rowid, row_keys, original in zip(new_rowids, keys, found, strict=True)
            if original is None and has_keys(row_keys)
        ],
    )
    return len(fresh)


def analysis_columns(analysis: BatchAnalysis) -> list[tuple[bytes, str]]:
    """The stored ``spans`` and ``mentions`` of each article of the batch, in order
    (``dateline.store.spans``, ``dateline.store.mentions``)."""
    if None in analysis.types or None in analysis.values:
        # What the NOT NULL columns of the mentions table refused before schema 4.
        raise sqlite3.IntegrityError("a time mention without a type or a value")
    packed = pack_spans(analysis.sentence_spans)
    span_ends = (np.cumsum(analysis.sentence_counts) * SPAN_BYTES).tolist()
    sentences, starts, ends = analysis.mention_spans.T.tolist()
    mentions = list(
        zip(
            sentences,
            starts,
            ends,
            analysis.types,
            analysis.values,
            analysis.dates,
            analysis.granularities,
            strict=True,
        )
    )
    firsts = (np.cumsum(analysis.mention_counts) - analysis.mention_counts).tolist()
    return [
        (
            packed[span_end - sentence_count * SPAN_BYTES : span_end],
            pack_mentions(mentions[first : first + mention_count]),
        )
        for sentence_count, span_end, mention_count, first in zip(
            analysis.sentence_counts.tolist(), span_ends, analysis.mention_counts.tolist(), firsts, strict=True
        )
    ]


def _set_merge_policy(db: sqlite3.Connection) -> None:
    """``FTS_AUTOMERGE`` for the full-text index, unless already set (one lookup in a
    one-row table per batch)."""
    row = db.execute("SELECT v FROM articles_fts_config WHERE k = 'automerge'").fetchone()
    if row is None or row[0] != FTS_AUTOMERGE:
        db.execute("INSERT INTO articles_fts (articles_fts, rank) VALUES ('automerge', ?)", (FTS_AUTOMERGE,))


def stored_ids(db: sqlite3.Connection, ids: Sequence[str]) -> set[str]:
    """The subset of ``ids`` already stored."""
    return {row[0] for row in in_chunks(db, "SELECT id FROM articles WHERE id IN ({})", ids)}
