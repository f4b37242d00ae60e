"""The documented Python calls behind every CLI command and HTTP endpoint.

The CLI and the web app only parse their inputs and call these; anything a user can do
from a shell can be done from Python the same way:

    from dateline.store import Store
    from dateline.operations import make_timeline
    with Store.open("dateline.db") as store:
        result = make_timeline(store, "India Japan", n_dates=10, n_sentences=2)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dateline.errors import UsageError
from dateline.model import Article, ArticleSummary, Timeline
from dateline.retrieve import Retrieval, find_articles
from dateline.retrieve.search import fts_expression, query_words
from dateline.shards import AnyStore
from dateline.timeline import TimelineRequest, get_method
from dateline.timeline.changes import mark_changes
from dateline.timeline.corpus import build_corpus
from dateline.timeline.granularity import allowed_granularities, check_granularity, coarsen, story_span

DEFAULT_METHOD = "salience"
# A timeline is built from at most this many articles, the query's best by BM25 (among an
# evenly spread sample of ten times as many when more match; see Store.match_articles):
# loading an article costs about a millisecond, so an uncapped query for a frequent
# word over a large store takes many seconds (docs/scale.md). On Timeline17 no
# collection query reaches the cap.
DEFAULT_MAX_ARTICLES = 1000
MAX_DATES = 1000
MAX_SENTENCES = 50


@dataclass(frozen=True)
class TimelineResult:
    """A timeline and how its articles were found."""

    timeline: Timeline
    retrieval: Retrieval


def make_timeline(
    store: AnyStore,
    query: str,
    n_dates: int = 10,
    n_sentences: int = 2,
    method: str = DEFAULT_METHOD,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    collection: str | None = None,
    granularity: str = "auto",
    max_articles: int | None = DEFAULT_MAX_ARTICLES,
    since: dt.datetime | None = None,
) -> TimelineResult:
    """Build the timeline of ``query`` from the stored articles.

    Articles are retrieved by query (see ``dateline.retrieve``) within the publication
    date range, at most ``max_articles`` of them (None: all); entries are limited to the
    same range. ``granularity`` is ``auto`` (day entries, and month or year entries
    where the story lives at that scale; see ``dateline.timeline.granularity``) or the
    one granularity every entry must have.

    With ``since``, the timeline is built a second time from the retrieved articles that
    were stored by then, and its entries are marked new or changed against that one
    (``dateline.timeline.changes``).
    """
    choice = check_granularity(granularity)
    check_timeline_size(n_dates, n_sentences)
    if date_from and date_to and date_from > date_to:
        raise UsageError(f"--from {date_from} is after --to {date_to}")
    if max_articles is not None and max_articles < 1:
        raise UsageError(f"max-articles must be 1 or more, got {max_articles}")
    chosen_method = get_method(method)
    retrieval = find_articles(store, query, date_from, date_to, collection, max_articles)

    def build(rowids: list[int]) -> Timeline:
        corpus = build_corpus(store.analyzed_articles(rowids), chosen_method.undated_sentences, query)
        span = story_span(corpus)
        if choice != "auto":
            corpus = coarsen(corpus, choice)
        request = TimelineRequest(
            query,
            n_dates,
            n_sentences,
            allowed_granularities(choice, span, n_dates),
            date_from,
            date_to,
            coarse_span=span if choice == "auto" else None,
        )
        return chosen_method.build(corpus, request)

    timeline = build(retrieval.rowids)
    if since is not None:
        earlier = store.stored_by(retrieval.rowids, since)
        timeline = mark_changes(timeline, timeline if earlier == retrieval.rowids else build(earlier), since)
    return TimelineResult(timeline, retrieval)


def cited_articles(store: AnyStore, timeline: Timeline) -> dict[str, Article]:
    """The stored articles that ``timeline``'s sentences come from, by id: the sources a
    rendering names (``dateline.render.formats``)."""
    cited = sorted({s.article_id for entry in timeline.entries for s in entry.sentences})
    return {article.id: article for article in map(store.get_article, cited) if article}


def check_timeline_size(n_dates: int, n_sentences: int) -> None:
    """Refuse sizes that are not positive or absurdly large, naming the option."""
    if not 1 <= n_dates <= MAX_DATES:
        raise UsageError(f"dates must be between 1 and {MAX_DATES}, got {n_dates}")
    if not 1 <= n_sentences <= MAX_SENTENCES:
        raise UsageError(f"sentences must be between 1 and {MAX_SENTENCES}, got {n_sentences}")


def list_articles(
    store: AnyStore,
    query: str = "",
    limit: int = 20,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    collection: str | None = None,
) -> tuple[list[ArticleSummary], int]:
    """The first ``limit`` articles matching ``query`` (all with no query) and the total
    number of matches. Unlike timelines, a listing never widens a query that matches
    nothing: the user asked to see what matches."""
    if limit < 0:
        raise UsageError(f"limit must be 0 or more, got {limit}")
    if query.strip():
        words = query_words(query)
        expression = fts_expression(words, "AND")
        rowids = store.match_articles(expression, date_from, date_to, collection) if words else []
    else:
        rowids = store.match_articles(None, date_from, date_to, collection)
    return store.summaries(rowids[:limit]), len(rowids)
