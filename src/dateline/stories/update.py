"""Keeping the stored stories current: assign every article that has no story yet.

Called by ``dateline stories`` before it lists, and by ``dateline watch`` after each
batch; only articles without a story are read, so the cost follows what was added since
the last call, not the size of the store. Each chunk is assigned and saved in one
transaction: an interrupted update leaves whole chunks assigned and the next one carries
on from there. A sharded store keeps its stories in an index file of its own, and its
articles are read from every shard in one order (``dateline.shards.stories``).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import Counter

from dateline.shards import AnyStore
from dateline.shards.stories import story_tables
from dateline.store.stories import (
    StoryTables,
    active_stories,
    document_frequencies,
    next_story_id,
    save_assignments,
    stories_by_id,
    stories_of,
)
from dateline.stories.clustering import IncomingArticle, StoryClusterer
from dateline.stories.terms import LEAD_CHARS, article_terms, inverse_document_frequencies, weigh

# Articles assigned per transaction: enough that the stories active in a chunk's dates
# are loaded once for many articles, few enough that a writer waits a second at most.
CHUNK = 2000
Cursor = tuple[dt.date, int]
"""Where a chunk ended: the publication date and row id of its last article."""


def update_stories(store: AnyStore, clusterer: StoryClusterer | None = None, chunk: int = CHUNK) -> int:
    """Assign every stored article without a story, oldest first; return how many. A
    store opened read-only (a sharded store: opened without its write lock) keeps the
    stories it has."""
    clusterer = clusterer or StoryClusterer()
    tables = story_tables(store)
    if not tables.begin_update():  # the usual case: nothing to write, so no write lock
        return 0
    assigned = 0
    cursor: Cursor | None = None
    try:
        while (done := _assign_chunk(tables, clusterer, chunk, cursor)) is not None:
            count, cursor = done
            assigned += count
    except sqlite3.OperationalError as error:
        if "readonly" not in str(error):
            raise
        return assigned
    tables.end_update()
    return assigned


def _assign_chunk(
    tables: StoryTables, clusterer: StoryClusterer, chunk: int, after: Cursor | None
) -> tuple[int, Cursor] | None:
    """Assign the ``chunk`` oldest articles without a story after ``after`` (the last
    article the previous chunk assigned), in one transaction; return how many, and the
    last one's cursor, or None when none is left."""
    with tables.transaction() as db:
        rows = tables.unassigned(db, chunk, LEAD_CHARS, after)
        if not rows:
            return None
        terms = {row.rowid: article_terms(row.title, row.lead) for row in rows}
        new_frequencies = Counter(stem for article in terms.values() for stem in article.counts)
        documents, frequencies = document_frequencies(db, sorted(new_frequencies))
        idf = inverse_document_frequencies(Counter(frequencies) + new_frequencies, documents + len(rows))
        incoming = [
            IncomingArticle(
                row.rowid, row.published, weigh(terms[row.rowid], idf), terms[row.rowid].words, row.duplicate_of
            )
            for row in rows
        ]
        window = dt.timedelta(days=clusterer.window_days)
        stories = active_stories(db, rows[0].published - window, rows[-1].published + window)
        known = stories_of(db, [row.duplicate_of for row in rows if row.duplicate_of is not None])
        stories |= stories_by_id(db, sorted(set(known.values()) - stories.keys()))
        assignment = clusterer.assign(stories, incoming, next_story_id(db), known)
        changed = [
            stories[story_id]
            for story_id in sorted(set(assignment.articles.values()) | set(assignment.merged.values()))
        ]
        save_assignments(db, changed, assignment.articles, assignment.merged, new_frequencies)
        tables.saved(db, rows)
    return len(rows), (rows[-1].published, rows[-1].rowid)
