"""The stored stories: each article's story, each story's centroid, the terms' document
frequencies (schema version 7, ``dateline.store.schema``).

Written by ``dateline.stories.update`` one transaction per chunk of articles, so the
assignments, the centroids and the frequencies they were computed from always agree;
read back by ``dateline.stories.listing``. A story's figures (articles, dates, sources)
are counted from its assignments when listed, so deleting an article cannot leave them
stale; only its centroid and label, which steer later assignments, are stored.

The functions on the story tables take a connection to wherever they are: a store's
own file (``StoreStories``), or a sharded store's story index, a file of its own that
holds the same tables (``dateline.shards.stories``); ``StoryTables`` is what the two
offer the clustering and the listing.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

from dateline.store.matching import in_chunks
from dateline.store.sqlite import Store

Value = TypeVar("Value")
ArticleRead = Callable[[sqlite3.Connection, Sequence[int]], dict[int, Value]]
"""Reads a column or two of some articles by row id (``story_members``, ``article_titles``)."""


@dataclass
class StoryState:
    """A story as the clustering keeps it: the sum of its members' vectors (its heaviest
    terms only), a readable word for each of those stems, its dates, and its label: the
    member nearest the centroid when it joined (``label_score``: that similarity)."""

    id: int
    first: dt.date
    last: dt.date
    size: int = 0
    centroid: dict[str, float] = field(default_factory=dict)
    words: dict[str, str] = field(default_factory=dict)
    label: int | None = None
    label_score: float = -1.0

    def key_terms(self, count: int) -> list[str]:
        """The readable words of the ``count`` heaviest centroid terms."""
        heaviest = sorted(self.centroid.items(), key=lambda item: (-item[1], item[0]))[:count]
        return [self.words.get(stem, stem) for stem, _ in heaviest]


@dataclass(frozen=True)
class UnassignedArticle:
    """An article without a story yet: what its vector is made from."""

    rowid: int
    published: dt.date
    title: str
    lead: str
    duplicate_of: int | None
    collection: str


@dataclass(frozen=True)
class StoryMember:
    """An article of a listed story: its id, and where it came from."""

    id: str
    url: str
    collection: str


@dataclass(frozen=True)
class StorySummary:
    """A story as listed: its figures over the articles that pass the filters; its
    members' row ids in publication order."""

    id: int
    first: dt.date
    last: dt.date
    members: list[int]


class StoryTables(Protocol):
    """The story tables of a store, and what the clustering reads of its articles."""

    def begin_update(self) -> bool:
        """Whether articles may be waiting for a story and this process may assign them."""

    def transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        """A write transaction on the story tables."""

    def snapshot(self) -> AbstractContextManager[sqlite3.Connection]:
        """A read transaction on the story tables."""

    def unassigned(
        self, db: sqlite3.Connection, limit: int, lead_chars: int, after: tuple[dt.date, int] | None
    ) -> list[UnassignedArticle]:
        """As ``unassigned``, inside the transaction ``db`` on the story tables."""

    def saved(self, db: sqlite3.Connection, articles: Sequence[UnassignedArticle]) -> None:
        """Called in the transaction that assigned ``articles``, after ``save_assignments``."""

    def end_update(self) -> None:
        """Called once every article found by ``unassigned`` has a story."""

    def read_articles(self, read: ArticleRead[Value], rowids: Sequence[int]) -> dict[int, Value]:
        """``read`` over the store's articles (every shard's)."""


@dataclass(frozen=True)
class StoreStories:
    """A one-file store's story tables: its own (schema version 7)."""

    store: Store

    def begin_update(self) -> bool:
        with self.store.snapshot() as db:
            return has_unassigned(db)

    def transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        return self.store.transaction()

    def snapshot(self) -> AbstractContextManager[sqlite3.Connection]:
        return self.store.snapshot()

    def unassigned(
        self, db: sqlite3.Connection, limit: int, lead_chars: int, after: tuple[dt.date, int] | None
    ) -> list[UnassignedArticle]:
        return unassigned(db, limit, lead_chars, after)

    def saved(self, db: sqlite3.Connection, articles: Sequence[UnassignedArticle]) -> None:
        """Nothing to add: the story tables join the store's own articles."""

    def end_update(self) -> None:
        """Nothing to record: ``has_unassigned`` counts."""

    def read_articles(self, read: ArticleRead[Value], rowids: Sequence[int]) -> dict[int, Value]:
        with self.store.snapshot() as db:
            return read(db, rowids)


_STORY_FIELDS = "rowid, first, last, size, centroid, label, label_score"


def unassigned(
    db: sqlite3.Connection, limit: int, lead_chars: int, after: tuple[dt.date, int] | None = None
) -> list[UnassignedArticle]:
    """The first ``limit`` articles without a story, in publication order (then row id);
    only those after ``after`` (a date and row id) where given, so that a run assigning
    chunk after chunk does not scan again the articles its earlier chunks assigned."""
    rows = db.execute(
        f"""
        SELECT {_unassigned_fields(lead_chars)} FROM articles a
        WHERE (published, rowid) > (?, ?)
          AND NOT EXISTS (SELECT 1 FROM story_articles s WHERE s.article = a.rowid)
        ORDER BY published, rowid LIMIT ?
        """,
        (*_start(after), limit),
    )
    return [_unassigned(row) for row in rows]


def keys_above(
    db: sqlite3.Connection, above: int, limit: int, after: tuple[dt.date, int] | None = None
) -> list[tuple[str, int]]:
    """The publication date and row id of the first ``limit`` articles with a row id above
    ``above``, in publication order (then row id), after ``after``: read from the index
    on the dates alone (a sharded store's shard: ``dateline.shards.stories``)."""
    return db.execute(
        "SELECT published, rowid FROM articles INDEXED BY articles_by_date"
        " WHERE (published, rowid) > (?, ?) AND rowid > ? ORDER BY published, rowid LIMIT ?",
        (*_start(after), above, limit),
    ).fetchall()


def earliest_above(db: sqlite3.Connection, above: int) -> dt.date | None:
    """The earliest publication date of the articles with a row id above ``above`` (read
    from those articles' rows: through the index on the dates it would scan all)."""
    earliest = db.execute("SELECT min(published) FROM articles NOT INDEXED WHERE rowid > ?", (above,)).fetchone()[0]
    return None if earliest is None else dt.date.fromisoformat(earliest)


def articles_to_assign(db: sqlite3.Connection, rowids: Sequence[int], lead_chars: int) -> dict[int, UnassignedArticle]:
    """What the clustering reads of each article of ``rowids`` (those stored here)."""
    rows = in_chunks(db, f"SELECT {_unassigned_fields(lead_chars)} FROM articles WHERE rowid IN ({{}})", rowids)
    return {row[0]: _unassigned(row) for row in rows}


def has_unassigned(db: sqlite3.Connection) -> bool:
    """Whether some article has no story: assignments are deleted with their articles,
    so there are as many as articles when every article has one."""
    return (
        db.execute("SELECT (SELECT count(*) FROM articles) > (SELECT count(*) FROM story_articles)").fetchone()[0] == 1
    )


def document_frequencies(db: sqlite3.Connection, stems: Sequence[str]) -> tuple[int, dict[str, int]]:
    """How many articles have been assigned, and in how many of them each stem occurs."""
    documents = db.execute("SELECT count(*) FROM story_articles").fetchone()[0]
    frequencies = dict(in_chunks(db, "SELECT term, df FROM story_terms WHERE term IN ({})", stems))
    return documents, frequencies


def active_stories(db: sqlite3.Connection, first: dt.date, last: dt.date) -> dict[int, StoryState]:
    """The stories with an article between ``first`` and ``last``'s window: those whose
    date range overlaps [first, last]."""
    rows = db.execute(
        f"SELECT {_STORY_FIELDS} FROM stories WHERE last >= ? AND first <= ?", (first.isoformat(), last.isoformat())
    )
    return {row[0]: _story(row) for row in rows}


def stories_of(db: sqlite3.Connection, rowids: Sequence[int]) -> dict[int, int]:
    """Article row id -> story id, for those of ``rowids`` that have one."""
    return dict(in_chunks(db, "SELECT article, story FROM story_articles WHERE article IN ({})", rowids))


def stories_by_id(db: sqlite3.Connection, ids: Sequence[int]) -> dict[int, StoryState]:
    return {
        row[0]: _story(row) for row in in_chunks(db, f"SELECT {_STORY_FIELDS} FROM stories WHERE rowid IN ({{}})", ids)
    }


def next_story_id(db: sqlite3.Connection) -> int:
    return db.execute("SELECT coalesce(max(rowid), 0) + 1 FROM stories").fetchone()[0]


def save_assignments(
    db: sqlite3.Connection,
    stories: Iterable[StoryState],
    assignments: Mapping[int, int],
    merged: Mapping[int, int],
    new_frequencies: Mapping[str, int],
) -> None:
    """Store ``assignments`` (article row id -> story id), the changed ``stories``, the
    stories ``merged`` into others (absorbed id -> surviving id: their articles move)
    and the document frequencies the chunk added; inside the caller's transaction."""
    db.executemany(
        f"INSERT INTO stories ({_STORY_FIELDS}) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (rowid) DO UPDATE"
        " SET first = excluded.first, last = excluded.last, size = excluded.size,"
        " centroid = excluded.centroid, label = excluded.label, label_score = excluded.label_score",
        (
            (
                story.id,
                story.first.isoformat(),
                story.last.isoformat(),
                story.size,
                json.dumps(
                    {stem: [round(weight, 5), story.words.get(stem, stem)] for stem, weight in story.centroid.items()},
                    ensure_ascii=False,
                ),
                story.label,
                story.label_score,
            )
            for story in stories
        ),
    )
    db.executemany(
        "UPDATE story_articles SET story = ? WHERE story = ?",
        ((survivor, absorbed) for absorbed, survivor in merged.items()),
    )
    db.executemany("DELETE FROM stories WHERE rowid = ?", ((absorbed,) for absorbed in merged))
    db.executemany("INSERT INTO story_articles (article, story) VALUES (?, ?)", assignments.items())
    db.executemany(
        "INSERT INTO story_terms (term, df) VALUES (?, ?) ON CONFLICT (term) DO UPDATE SET df = df + excluded.df",
        new_frequencies.items(),
    )


def story_summaries(
    db: sqlite3.Connection,
    collection: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    min_articles: int = 1,
    limit: int | None = None,
) -> list[StorySummary]:
    """The stories with at least ``min_articles`` articles passing the filters, largest
    first (then oldest story first), their figures counted over those articles; article
    ids in publication order."""
    conditions, parameters = [], []
    for condition, value in (
        ("a.collection = ?", collection),
        ("a.published >= ?", date_from),
        ("a.published <= ?", date_to),
    ):
        if value is not None:
            conditions.append(condition)
            parameters.append(value.isoformat() if isinstance(value, dt.date) else value)
    where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
    rows = db.execute(
        f"""
        SELECT s.story, min(a.published), max(a.published)
        FROM story_articles s JOIN articles a ON a.rowid = s.article {where}
        GROUP BY s.story HAVING count(*) >= ? ORDER BY count(*) DESC, s.story LIMIT ?
        """,
        (*parameters, min_articles, -1 if limit is None else limit),
    ).fetchall()
    members: dict[int, list[int]] = {row[0]: [] for row in rows}
    for story, member in in_chunks(
        db,
        "SELECT s.story, s.article FROM story_articles s JOIN articles a ON a.rowid = s.article"
        f" WHERE s.story IN ({{}}) {where.replace('WHERE', 'AND')} ORDER BY a.published, a.rowid",
        list(members),
        parameters,
    ):
        members[story].append(member)
    return [
        StorySummary(story, dt.date.fromisoformat(first), dt.date.fromisoformat(last), members[story])
        for story, first, last in rows
    ]


def article_titles(db: sqlite3.Connection, rowids: Sequence[int]) -> dict[int, str]:
    return dict(in_chunks(db, "SELECT rowid, title FROM articles WHERE rowid IN ({})", rowids))


def story_members(db: sqlite3.Connection, rowids: Sequence[int]) -> dict[int, StoryMember]:
    rows = in_chunks(db, "SELECT rowid, id, url, collection FROM articles WHERE rowid IN ({})", rowids)
    return {rowid: StoryMember(*member) for rowid, *member in rows}


def _unassigned_fields(lead_chars: int) -> str:
    return f"rowid, published, title, substr(text, 1, {int(lead_chars)}), duplicate_of, collection"


def _start(after: tuple[dt.date, int] | None) -> tuple[str, int]:
    return ("0000-00-00", 0) if after is None else (after[0].isoformat(), after[1])


def _unassigned(row: tuple) -> UnassignedArticle:
    rowid, published, title, lead, duplicate_of, collection = row
    return UnassignedArticle(rowid, dt.date.fromisoformat(published), title, lead, duplicate_of, collection)


def _story(row: tuple) -> StoryState:
    story_id, first, last, size, centroid, label, label_score = row
    terms = json.loads(centroid)
    return StoryState(
        story_id,
        dt.date.fromisoformat(first),
        dt.date.fromisoformat(last),
        size,
        {stem: weight for stem, (weight, _) in terms.items()},
        {stem: word for stem, (_, word) in terms.items()},
        label,
        label_score,
    )
