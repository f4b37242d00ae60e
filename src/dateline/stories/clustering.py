"""Single-pass clustering of articles into stories, in publication order.

An article joins the story whose centroid is most similar to its vector (cosine), among
the stories active within ``window_days`` of its publication date, if that similarity
reaches ``threshold``; otherwise it starts a story of its own. A near-duplicate (a wire
copy, ``dateline.nlp.dedup``) joins its original's story without a comparison.

Why this method: each article is compared once, with the few stories active around its
date, and never again, so adding a thousand articles to a store of a million costs a
thousand comparisons, not a reclustering; the stories of earlier articles never move,
so a story's id and timeline stay stable between runs. The price is the order
dependence of any single-pass method, which processing in publication order makes
natural: a story is what the news said so far. The figures are in
``bench/results/stories.json`` (``bench/bench_stories.py``).

Pure: the caller loads the active stories and writes back the changed ones
(``dateline.stories.update``).
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from dateline.store.stories import StoryState

# Defaults chosen on Timeline17 (bench/bench_stories.py --sweep).
THRESHOLD = 0.1
MERGE_THRESHOLD = 0.2
WINDOW_DAYS = 180
CENTROID_TERMS = 300
MERGE_TERMS = 60


@dataclass(frozen=True)
class IncomingArticle:
    """An article to assign: its store row id, date, TF-IDF vector (``terms.weigh``), the
    readable words of its stems, and the row id of the article it copies, if any."""

    rowid: int
    published: dt.date
    vector: Mapping[str, float]
    words: Mapping[str, str]
    duplicate_of: int | None = None


@dataclass(frozen=True)
class Assignment:
    """What ``assign`` did: each article's story, and the stories merged into another
    (absorbed id -> surviving id), whose articles now belong to the survivor."""

    articles: dict[int, int]
    merged: dict[int, int]


@dataclass(frozen=True)
class StoryClusterer:
    """The clustering's hyper-parameters; ``assign`` does the work."""

    threshold: float = THRESHOLD
    window_days: int = WINDOW_DAYS
    centroid_terms: int = CENTROID_TERMS
    merge_threshold: float = MERGE_THRESHOLD

    def assign(
        self,
        stories: dict[int, StoryState],
        articles: Sequence[IncomingArticle],
        next_id: int,
        known: Mapping[int, int] | None = None,
    ) -> Assignment:
        """Assign ``articles`` to ``stories`` (updated in place: new stories are added,
        numbered from ``next_id``, merged ones removed).

        A story that grows until its centroid reaches ``merge_threshold`` similarity with
        another active story absorbs it (the larger survives): single-pass clustering
        splits a story whose first articles happened to differ, and this joins the parts
        once their common terms dominate.

        ``stories`` must hold every story active within the window of the articles'
        dates, and ``known`` the stories of the originals of any near-duplicates."""
        assigned: dict[int, int] = dict(known or {})
        merged: dict[int, int] = {}
        index = _TermIndex(stories.values())
        window = dt.timedelta(days=self.window_days)
        day = None
        for article in sorted(articles, key=lambda article: (article.published, article.rowid)):
            if article.published != day:
                day = article.published
                index.retire_before(day - window)
            original = assigned.get(article.duplicate_of, -1) if article.duplicate_of else -1
            story = stories.get(_survivor(merged, original))
            similarity = 1.0
            if story is None:
                story, similarity = self._nearest(index, article, window)
            if story is None:
                story = StoryState(next_id, article.published, article.published)
                stories[next_id] = story
                next_id += 1
            self._add(story, article.vector, article.words)
            if similarity > story.label_score:
                story.label, story.label_score = article.rowid, similarity
            story.first = min(story.first, article.published)
            story.last = max(story.last, article.published)
            story.size += 1
            index.add(story)
            assigned[article.rowid] = story.id
            if story.size > 1:
                self._merge_nearest(index, stories, story, merged)
        return Assignment(
            {article.rowid: _survivor(merged, assigned[article.rowid]) for article in articles},
            merged={absorbed: _survivor(merged, absorbed) for absorbed in merged},
        )

    def _nearest(
        self, index: _TermIndex, article: IncomingArticle, window: dt.timedelta
    ) -> tuple[StoryState | None, float]:
        """The most similar story active within ``window`` of the article's date, if its
        similarity reaches the threshold (ties: the older story)."""
        best: StoryState | None = None
        best_similarity = self.threshold
        for story, similarity in index.similarities(article.vector):
            if story.first > article.published + window:
                continue
            if similarity > best_similarity or (similarity == best_similarity and (best is None or story.id < best.id)):
                best, best_similarity = story, similarity
        return best, best_similarity

    def _add(self, story: StoryState, vector: Mapping[str, float], words: Mapping[str, str]) -> None:
        for stem, weight in vector.items():
            story.centroid[stem] = story.centroid.get(stem, 0.0) + weight
        if len(story.centroid) > self.centroid_terms:
            story.centroid = dict(
                sorted(story.centroid.items(), key=lambda item: (-item[1], item[0]))[: self.centroid_terms]
            )
        story.words = {stem: story.words.get(stem) or words.get(stem, stem) for stem in story.centroid}

    def _merge_nearest(
        self, index: _TermIndex, stories: dict[int, StoryState], story: StoryState, merged: dict[int, int]
    ) -> None:
        # The centroid's heaviest terms stand for it: they carry most of its length, and
        # the comparison costs as much as an article's.
        heaviest = dict(sorted(story.centroid.items(), key=lambda item: -item[1])[:MERGE_TERMS])
        norm = _norm(heaviest)
        unit = {stem: weight / norm for stem, weight in heaviest.items()}
        nearest = max(
            (
                (similarity, other)
                for other, similarity in index.similarities(unit)
                if other.id != story.id and similarity >= self.merge_threshold
            ),
            key=lambda pair: (pair[0], -pair[1].id),
            default=None,
        )
        if nearest is None:
            return
        other = nearest[1]
        survivor, absorbed = sorted((story, other), key=lambda each: (-each.size, each.id))
        self._add(survivor, absorbed.centroid, absorbed.words)
        survivor.size += absorbed.size
        survivor.first, survivor.last = min(survivor.first, absorbed.first), max(survivor.last, absorbed.last)
        if absorbed.label_score > survivor.label_score:
            survivor.label, survivor.label_score = absorbed.label, absorbed.label_score
        index.remove(absorbed)
        index.add(survivor)
        del stories[absorbed.id]
        merged[absorbed.id] = survivor.id


def _survivor(merged: Mapping[int, int], story_id: int) -> int:
    while story_id in merged:
        story_id = merged[story_id]
    return story_id


def _norm(vector: Mapping[str, float]) -> float:
    return math.sqrt(sum(weight * weight for weight in vector.values())) or 1.0


class _TermIndex:
    """Which active stories have a term in their centroid, so that an article is compared
    only with the stories it shares a term with. A story whose last article is older than
    the window is retired: articles come in date order, so none can join it any more."""

    def __init__(self, stories: Iterable[StoryState]) -> None:
        self._postings: dict[str, set[int]] = defaultdict(set)
        self._stories: dict[int, StoryState] = {}
        self._posted: dict[int, set[str]] = {}
        self._norms: dict[int, float] = {}
        for story in stories:
            self.add(story)

    def add(self, story: StoryState) -> None:
        self._stories[story.id] = story
        self._norms[story.id] = _norm(story.centroid)
        posted = self._posted.setdefault(story.id, set())
        for stem in story.centroid.keys() - posted:
            self._postings[stem].add(story.id)
            posted.add(stem)

    def retire_before(self, day: dt.date) -> None:
        for story in [story for story in self._stories.values() if story.last < day]:
            self.remove(story)

    def remove(self, story: StoryState) -> None:
        for stem in self._posted.pop(story.id):
            self._postings[stem].discard(story.id)
        del self._stories[story.id], self._norms[story.id]

    def similarities(self, vector: Mapping[str, float]) -> Iterator[tuple[StoryState, float]]:
        """Each indexed story sharing a term with ``vector``, and its cosine similarity."""
        dots: dict[int, float] = defaultdict(float)
        for stem, weight in vector.items():
            for story_id in self._postings.get(stem, ()):
                dots[story_id] += weight * self._stories[story_id].centroid.get(stem, 0.0)
        for story_id, dot in dots.items():
            yield self._stories[story_id], dot / self._norms[story_id]
