"""The stories as a user sees them: label, dates, counts, articles, and a query.

``find_stories`` is the documented Python call behind ``dateline stories`` (and the
HTTP API's story list): it first assigns any article stored since the last call
(``update_stories``), then counts each story over the articles that pass the filters.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlsplit

from dateline.shards import AnyStore
from dateline.shards.stories import story_tables
from dateline.store.stories import StoryMember, article_titles, stories_by_id, story_members, story_summaries
from dateline.stories.update import update_stories

# Key terms in a story's query: its timeline's articles must contain them all
# (``dateline.retrieve``), so more would narrow it to a part of the story.
QUERY_TERMS = 3
LABEL_TERMS = 5


@dataclass(frozen=True)
class Story:
    """A story: ``label`` is its key terms (the heaviest terms of its centroid, more
    readable than headlines, which in many archives are page furniture such as
    "TRIPOLI | Mon Feb 21, 2011 6:51 pm EST"), ``headline`` the title of its most central
    article; ``query`` reproduces its timeline with ``dateline timeline``. Counts and
    dates are over the articles that passed the filters; ``sources`` counts the outlets
    (web sites by their URLs' hosts, else collections)."""

    id: int
    label: str
    headline: str
    key_terms: list[str]
    first: dt.date
    last: dt.date
    articles: int
    sources: int
    article_ids: list[str]
    query: str


def find_stories(
    store: AnyStore,
    collection: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    min_articles: int = 2,
    limit: int | None = None,
) -> list[Story]:
    """The stories of the stored articles, largest first: those with at least
    ``min_articles`` articles in ``collection`` published within the dates. A sharded
    store lists the stories of its folder's index (``dateline.shards.stories``)."""
    update_stories(store)
    tables = story_tables(store)
    with tables.snapshot() as db:
        summaries = story_summaries(db, collection, date_from, date_to, min_articles, limit)
        states = stories_by_id(db, [summary.id for summary in summaries])
    titles = tables.read_articles(article_titles, [state.label for state in states.values() if state.label is not None])
    members = tables.read_articles(story_members, [rowid for summary in summaries for rowid in summary.members])
    stories = []
    for summary in summaries:
        state = states[summary.id]
        terms = state.key_terms(LABEL_TERMS)
        headline = " ".join(titles.get(state.label or -1, "").split())
        listed = [members[rowid] for rowid in summary.members if rowid in members]
        stories.append(
            Story(
                summary.id,
                ", ".join(terms),
                headline,
                terms,
                summary.first,
                summary.last,
                len(listed),
                len({outlet(member) for member in listed}),
                [member.id for member in listed],
                " ".join(terms[:QUERY_TERMS]),
            )
        )
    return stories


def outlet(member: StoryMember) -> str:
    """Where an article was published: its URL's host (without ``www.``), else its
    collection (a Timeline17 folder such as ``LibyaWar_reuters`` names its outlet)."""
    host = urlsplit(member.url).hostname or ""
    return host.removeprefix("www.") or member.collection
