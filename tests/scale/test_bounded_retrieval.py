"""Retrieval with a limit ranks a bounded, evenly spread sample of the matches, so a
timeline query over a million articles costs what one over ten thousand does."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dateline.ingest.ids import article_id
from dateline.model import Article
from dateline.nlp.analyze import analyze_articles
from dateline.store import Store
from dateline.store.sqlite import RANKED_PER_RESULT

ARTICLES = 400


def article(number: int, collection: str) -> Article:
    published = dt.date(2020, 1, 1) + dt.timedelta(days=number)
    text = f"Report {number}: the harbour council met again about the bridge {'repair ' * (number % 7)}."
    return Article(article_id(published, text, collection), published, text, collection=collection)


@pytest.fixture
def store(store_path: Path) -> Store:
    articles = [article(n, "rare" if n % 100 == 0 else "common") for n in range(ARTICLES)]
    with Store.open(store_path) as opened:
        opened.add_batch(articles, analyze_articles(articles))
        yield opened


def test_a_limit_below_the_matches_returns_that_many_from_across_the_store(store: Store) -> None:
    limit = 4
    assert RANKED_PER_RESULT * limit < ARTICLES
    found = store.match_articles('"bridge"', limit=limit)
    assert len(found) == limit and len(set(found)) == limit
    assert set(found) <= set(store.match_articles('"bridge"'))


def test_without_sampling_the_limit_keeps_the_best_ranked(store: Store) -> None:
    assert store.match_articles('"repair"', limit=ARTICLES) == store.match_articles('"repair"')
    everything = store.match_articles(None)
    assert store.match_articles(None, limit=len(everything)) == everything


def test_filters_that_leave_the_sample_short_fall_back_to_every_match(store: Store) -> None:
    rare = store.match_articles('"bridge"', collection="rare")
    assert len(rare) == ARTICLES // 100
    assert store.match_articles('"bridge"', collection="rare", limit=len(rare)) == rare


@pytest.mark.parametrize("stories_only", [False, True])
def test_a_limit_without_a_query_samples_the_whole_date_range(store: Store, stories_only: bool) -> None:
    found = store.match_articles(None, limit=4, stories_only=stories_only)
    dates = [a.article.published for a in store.analyzed_articles(found)]
    assert len(found) == 4 and max(dates) - min(dates) > dt.timedelta(days=ARTICLES // 2)
