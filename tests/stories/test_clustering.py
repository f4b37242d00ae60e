"""The clustering core on small hand-made article vectors: who joins whom, when a story
starts, when two stories merge, and what is returned for the store."""

from __future__ import annotations

import datetime as dt

from dateline.store.stories import StoryState
from dateline.stories.clustering import IncomingArticle, StoryClusterer
from dateline.stories.terms import ARTICLE_TERMS, article_terms, inverse_document_frequencies, weigh

DAY = dt.date(2024, 3, 1)
CLUSTERER = StoryClusterer(threshold=0.3, window_days=10, centroid_terms=50, merge_threshold=0.8)


def article(rowid: int, days: int, terms: dict[str, float], duplicate_of: int | None = None) -> IncomingArticle:
    norm = sum(weight * weight for weight in terms.values()) ** 0.5
    return IncomingArticle(
        rowid,
        DAY + dt.timedelta(days=days),
        {t: w / norm for t, w in terms.items()},
        {t: t for t in terms},
        duplicate_of,
    )


VOLCANO = {"volcano": 1.0, "eruption": 1.0, "iceland": 1.0}
ELECTION = {"election": 1.0, "vote": 1.0, "parliament": 1.0}


def test_similar_articles_join_one_story_and_unrelated_ones_start_another() -> None:
    stories: dict[int, StoryState] = {}
    result = CLUSTERER.assign(
        stories, [article(1, 0, VOLCANO), article(2, 1, ELECTION), article(3, 2, VOLCANO | {"ash": 1.0})], next_id=7
    )
    assert result.articles == {1: 7, 2: 8, 3: 7}
    assert (stories[7].size, stories[7].first, stories[7].last) == (2, DAY, DAY + dt.timedelta(days=2))


def test_articles_are_taken_in_publication_order_whatever_the_input_order() -> None:
    stories: dict[int, StoryState] = {}
    result = CLUSTERER.assign(stories, [article(5, 3, ELECTION), article(9, 0, VOLCANO)], next_id=1)
    assert result.articles == {5: 2, 9: 1}
    assert stories[1].label == 9


def test_an_article_beyond_the_window_starts_a_new_story() -> None:
    stories: dict[int, StoryState] = {}
    result = CLUSTERER.assign(stories, [article(1, 0, VOLCANO), article(2, 11, VOLCANO)], next_id=1)
    assert result.articles == {1: 1, 2: 2}


def test_a_stored_story_within_the_window_takes_new_articles() -> None:
    stories: dict[int, StoryState] = {}
    CLUSTERER.assign(stories, [article(1, 0, VOLCANO)], next_id=1)
    later = CLUSTERER.assign(stories, [article(2, 5, VOLCANO)], next_id=2)
    assert later.articles == {2: 1} and stories[1].size == 2


def test_a_near_duplicate_joins_its_originals_story_without_a_comparison() -> None:
    stories: dict[int, StoryState] = {}
    CLUSTERER.assign(stories, [article(1, 0, VOLCANO)], next_id=1)
    result = CLUSTERER.assign(stories, [article(2, 1, ELECTION, duplicate_of=1)], next_id=2, known={1: 1})
    assert result.articles == {2: 1}


def test_below_the_threshold_an_article_starts_its_own_story() -> None:
    stories: dict[int, StoryState] = {}
    weak = {"volcano": 0.2, "budget": 1.0, "tax": 1.0, "school": 1.0}
    result = CLUSTERER.assign(stories, [article(1, 0, VOLCANO), article(2, 0, weak)], next_id=1)
    assert result.articles == {1: 1, 2: 2}


def test_two_stories_that_grow_alike_merge_into_the_larger() -> None:
    stories: dict[int, StoryState] = {}
    clusterer = StoryClusterer(threshold=0.5, window_days=10, centroid_terms=50, merge_threshold=0.5)
    first = dict.fromkeys(["a", "b", "c"], 1.0)
    second = dict.fromkeys(["c", "d", "e"], 1.0)  # cosine 1/3 with the first: a story of its own
    bridge = dict.fromkeys(["a", "b", "c", "d", "e"], 1.0)  # joins the first, which now resembles the second
    result = clusterer.assign(stories, [article(1, 0, first), article(2, 1, second), article(3, 2, bridge)], next_id=1)
    assert result.merged == {2: 1}
    assert result.articles == {1: 1, 2: 1, 3: 1}
    assert list(stories) == [1] and stories[1].size == 3


def test_key_terms_are_the_readable_words_of_the_heaviest_centroid_terms() -> None:
    story = StoryState(
        1,
        DAY,
        DAY,
        centroid={"erupt": 2.0, "volcano": 3.0, "ash": 1.0},
        words={"erupt": "eruption", "volcano": "volcano", "ash": "ash"},
    )
    assert story.key_terms(2) == ["volcano", "eruption"]


def test_article_terms_are_stems_of_content_words_of_title_and_lead() -> None:
    terms = article_terms("Volcano erupts", "The volcano erupted again; it erupts often.")
    assert terms.counts["volcano"] == 2
    assert terms.counts["erupt"] == 3 and terms.words["erupt"] == "erupts"
    assert "the" not in terms.counts


def test_weights_are_unit_length_and_keep_only_the_heaviest_terms() -> None:
    words = [f"word{a}{b}x" for a in "abcdefghij" for b in "abcdefghij"]  # 100 distinct stems
    terms = article_terms("", " ".join(words))
    idf = inverse_document_frequencies({stem: 5 if stem != "wordaax" else 0 for stem in terms.counts}, 100)
    vector = weigh(terms, idf)
    assert len(vector) == ARTICLE_TERMS < len(terms.counts)
    assert max(vector, key=vector.__getitem__) == "wordaax"  # the rarest
    assert abs(sum(w * w for w in vector.values()) - 1) < 1e-9
