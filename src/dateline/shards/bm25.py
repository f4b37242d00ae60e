"""BM25 over several shards with the statistics of all of them, as FTS5 computes it.

FTS5's ``bm25()`` scores a row with the statistics of its own table: the number of rows
``N``, their average length in tokens, and for each phrase of the query the number of
rows that contain it. On a shard those are the shard's, so the same article would score
differently in a sharded store than in one store, and merging the shards' rankings would
mix incomparable scores. Here each shard reports its statistics (``shard_statistics``)
and, for its candidate rows, the count of each phrase and the row's length
(``row_terms``); ``global_scores`` then applies FTS5's formula (``fts5_aux.c``: k1 1.2,
b 0.75, IDF ``log((N − n + 0.5) / (n + 0.5))`` raised to 1e-6 where not positive, every
column of weight 1) with the summed statistics, in the same order of operations, so a row
scores exactly what it would in one store holding every shard's articles.

A query here is what ``dateline.retrieve.search.fts_expression`` builds: quoted words
joined by AND or by OR. A word is a phrase of the tokens FTS5's tokenizer makes of it
(usually one); the tokens are found with the same tokenizer in an in-memory table.
"""

from __future__ import annotations

import math
import re
import sqlite3
from collections import Counter
from collections.abc import Sequence
from contextlib import closing
from dataclasses import dataclass

from dateline.store.matching import in_chunks

K1 = 1.2
B = 0.75
MIN_IDF = 1e-6
# The tokenizer of ``articles_fts`` (``dateline.store.schema``, version 1).
TOKENIZE = "porter unicode61 remove_diacritics 2"
_PHRASE = re.compile(r'"((?:[^"]|"")*)"')
_VOCAB = "temp.dateline_fts_instances"


@dataclass(frozen=True)
class Statistics:
    """What BM25 needs of a table: its rows, their tokens, each phrase's rows."""

    rows: int
    tokens: int
    hits: tuple[int, ...]

    def __add__(self, other: Statistics) -> Statistics:
        return Statistics(
            self.rows + other.rows,
            self.tokens + other.tokens,
            tuple(mine + theirs for mine, theirs in zip(self.hits, other.hits, strict=True)),
        )


def phrases(fts_query: str) -> list[str]:
    """The quoted phrases of a query, as written (quotes doubled), in order."""
    return [match.group(0) for match in _PHRASE.finditer(fts_query)]


def phrase_tokens(phrase: str) -> tuple[str, ...]:
    """The tokens FTS5 makes of a quoted phrase, in order."""
    with closing(sqlite3.connect(":memory:")) as db:
        db.execute(f"CREATE VIRTUAL TABLE words USING fts5 (x, tokenize='{TOKENIZE}')")
        db.execute("CREATE VIRTUAL TABLE vocab USING fts5vocab (words, 'instance')")
        db.execute("INSERT INTO words (x) VALUES (?)", (phrase[1:-1].replace('""', '"'),))
        return tuple(row[0] for row in db.execute("SELECT term FROM vocab ORDER BY offset"))


def shard_statistics(db: sqlite3.Connection, query_phrases: Sequence[str]) -> Statistics:
    """The shard's rows, tokens (all columns) and rows containing each phrase."""
    block = db.execute("SELECT block FROM articles_fts_data WHERE id = 1").fetchone()
    totals = _varints(block[0]) if block else [0]
    hits = tuple(
        db.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", (phrase,)).fetchone()[0]
        for phrase in query_phrases
    )
    return Statistics(totals[0], sum(totals[1:]), hits)


def row_terms(
    db: sqlite3.Connection, tokens: Sequence[tuple[str, ...]], rowids: Sequence[int]
) -> dict[int, tuple[int, list[int]]]:
    """For each of ``rowids``: its length in tokens and the count of each phrase (given as
    its tokens) in it, read from the index (FTS5's ``instance`` vocabulary)."""
    db.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS {_VOCAB} USING fts5vocab (main, articles_fts, 'instance')")
    wanted = set(rowids)
    lengths = {
        rowid: sum(_varints(sizes))
        for rowid, sizes in in_chunks(db, "SELECT id, sz FROM articles_fts_docsize WHERE id IN ({})", list(rowids))
    }
    counts = [_phrase_counts(db, phrase, wanted) for phrase in tokens]
    return {rowid: (lengths.get(rowid, 0), [count[rowid] for count in counts]) for rowid in rowids}


def global_scores(total: Statistics, terms: dict[int, tuple[int, list[int]]]) -> dict[int, float]:
    """FTS5's ``bm25()`` of each row (lower is better) under the statistics ``total``."""
    average = total.tokens / total.rows if total.rows else 1.0
    idfs = [max_idf(math.log((total.rows - hits + 0.5) / (hits + 0.5))) for hits in total.hits]
    scores = {}
    for rowid, (length, frequencies) in terms.items():
        score = 0.0
        for idf, frequency in zip(idfs, frequencies, strict=True):
            tf = float(frequency)
            score += idf * ((tf * (K1 + 1.0)) / (tf + K1 * (1 - B + B * length / average)))
        scores[rowid] = -1.0 * score
    return scores


def max_idf(idf: float) -> float:
    return idf if idf > 0.0 else MIN_IDF


def _phrase_counts(db: sqlite3.Connection, tokens: tuple[str, ...], wanted: set[int]) -> Counter[int]:
    """How often the phrase ``tokens`` occurs in each of the rows ``wanted``."""
    if not tokens:
        return Counter()
    if len(tokens) == 1:
        rows = db.execute(f"SELECT doc, count(*) FROM {_VOCAB} WHERE term = ? GROUP BY doc", tokens)
        return Counter({doc: count for doc, count in rows if doc in wanted})
    places = [
        {
            (doc, column, offset - position)
            for doc, column, offset in db.execute(f"SELECT doc, col, offset FROM {_VOCAB} WHERE term = ?", (token,))
            if doc in wanted
        }
        for position, token in enumerate(tokens)
    ]
    return Counter(doc for doc, _, _ in set.intersection(*places))


def _varints(data: bytes) -> list[int]:
    """SQLite's variable-length integers, as FTS5 writes its sizes and totals (seven bits
    a byte, most significant first; the nine-byte form of values of 2^56 and more cannot
    occur in a count of tokens)."""
    values: list[int] = []
    value = 0
    for byte in data:
        value = (value << 7) | (byte & 0x7F)
        if not byte & 0x80:
            values.append(value)
            value = 0
    return values
