"""Retrieval of stories (``stories_only``): a near-duplicate copy is left out exactly when
its original matches the same query and filters; what remains keeps the ranking (or,
without a query, spreads over the dates), whatever the limit and the filters."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from dateline.ingest.ids import article_id
from dateline.model import Article
from dateline.nlp.analyze import analyze
from dateline.nlp.batch import from_analyzed
from dateline.store import Store, matching
from dateline.store.sqlite import RANKED_PER_RESULT

STORIES = 24
FIRST_DAY = dt.date(2024, 3, 1)
QUERIES = ('"bridge"', '"harbour"', '"bridge" AND "harbour"')
COLLECTIONS = (None, "north", "south")


def story_text(number: int) -> str:
    """A text of its own (random words), mentioning the bridge always and the harbour in
    every odd-numbered story, some words repeated so that ranking differs between them."""
    rng = random.Random(number)
    words = [f"w{rng.randrange(5000)}" for _ in range(90)]
    extra = ["bridge"] * (1 + number % 4) + (["harbour"] * (1 + number % 3) if number % 2 else [])
    return " ".join(words[:45] + extra + words[45:]) + "."


def article(published: dt.date, text: str, collection: str) -> Article:
    return Article(article_id(published, text, collection), published, text, collection=collection)


def stories_and_copies() -> Iterator[Article]:
    """Each story, and for every third one copies under new bylines a few days later: the
    second copy in the other collection, the third adding "harbour" (so that it can match
    a query its original does not)."""
    for number in range(STORIES):
        published = FIRST_DAY + dt.timedelta(days=number)
        home, away = ("north", "south") if number % 5 else ("south", "north")
        text = story_text(number)
        yield article(published, text, home)
        for copy in range(number % 3 == 0 and 1 + number % 4):
            copied = f"Outlet {copy} | {text}" + (" The harbour." if copy == 2 else "")
            yield article(published + dt.timedelta(days=1 + copy), copied, away if copy == 1 else home)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with Store.open(Path(tmp_path_factory.mktemp("stories")) / "store.db") as opened:
        opened.add_batch(*from_analyzed([analyze(article) for article in stories_and_copies()]))
        yield opened


def originals_of(store: Store, rowids: list[int]) -> dict[int, int | None]:
    """Each row id's original's row id (None for a first copy)."""
    everything = sorted(store.match_articles(None))  # analyzed_articles goes by row id
    articles = dict(zip(everything, (a.article for a in store.analyzed_articles(everything)), strict=True))
    rowid_of = {article.id: rowid for rowid, article in articles.items()}
    return {rowid: rowid_of.get(articles[rowid].duplicate_of) for rowid in rowids}


def stories_among(store: Store, ranked: list[int]) -> list[int]:
    """``ranked`` less the copies whose original is in it too."""
    original = originals_of(store, ranked)
    return [rowid for rowid in ranked if original[rowid] not in set(ranked)]


def test_the_corpus_has_copies_in_both_collections_and_one_matching_alone(store: Store) -> None:
    everything = store.match_articles(None)
    assert len(set(originals_of(store, everything).values()) - {None}) == len(range(0, STORIES, 3))
    harbour = store.match_articles('"harbour"')
    assert any(original not in harbour for original in originals_of(store, harbour).values() if original is not None)


@settings(max_examples=80, deadline=None)
@given(
    query=st.sampled_from(QUERIES),
    first=st.integers(0, STORIES),
    last=st.integers(0, STORIES + 4),
    collection=st.sampled_from(COLLECTIONS),
    limit=st.one_of(st.none(), st.integers(1, 60)),
)
def test_ranked_stories_are_the_ranking_without_copies_of_matching_originals(
    store: Store, query: str, first: int, last: int, collection: str | None, limit: int | None
) -> None:
    filters = {
        "date_from": FIRST_DAY + dt.timedelta(days=first),
        "date_to": FIRST_DAY + dt.timedelta(days=last),
        "collection": collection,
    }
    every = store.match_articles(query, **filters)
    stories = stories_among(store, every)
    found = store.match_articles(query, **filters, limit=limit, stories_only=True)
    step = 1 if limit is None else -(-len(store.match_articles(query)) // (RANKED_PER_RESULT * limit))
    sampled = stories if step == 1 else [rowid for rowid in stories if rowid % step == 0]
    expected = sampled[:limit] if len(sampled) >= (limit or 0) else stories[:limit]
    assert found == expected


@settings(max_examples=60, deadline=None)
@given(
    first=st.integers(0, STORIES),
    collection=st.sampled_from(COLLECTIONS),
    limit=st.one_of(st.none(), st.integers(1, 60)),
)
def test_without_a_query_stories_are_a_date_ordered_selection(
    store: Store, first: int, collection: str | None, limit: int | None
) -> None:
    date_from = FIRST_DAY + dt.timedelta(days=first)
    stories = stories_among(store, store.match_articles(None, date_from=date_from, collection=collection))
    found = store.match_articles(None, date_from=date_from, collection=collection, limit=limit, stories_only=True)
    assert len(found) == min(limit or len(stories), len(stories))
    assert set(found) <= set(stories)
    position = {rowid: index for index, rowid in enumerate(stories)}
    assert [position[rowid] for rowid in found] == sorted(position[rowid] for rowid in found)


def test_long_rankings_are_checked_for_copies_a_chunk_at_a_time(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    whole = store.match_articles('"bridge"', stories_only=True)
    monkeypatch.setattr(matching, "STORY_CHUNK", 3)
    assert store.match_articles('"bridge"', stories_only=True) == whole
    assert whole == stories_among(store, store.match_articles('"bridge"'))


def test_a_limit_of_zero_finds_nothing(store: Store) -> None:
    assert store.match_articles('"bridge"', limit=0, stories_only=True) == []
    assert store.match_articles(None, limit=0) == []
