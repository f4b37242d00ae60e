"""Clust: cluster articles into events, rank the events, date and summarize each one
(after the Clust method of news-tls, Gholipour Ghalandari & Ifrim 2020).

Articles are linked when they were published within ``window_days`` of each other and
their TF-IDF vectors are similar (cosine ≥ ``min_similarity``); Markov clustering of that
graph gives events. An event is dated by the day its articles' sentences mention most
(counting each article once), or by its first publication day when they mention none.
Events are ranked by how many articles of the whole corpus refer to their date (news-tls's
date-mention ranking of clusters: an event the coverage keeps citing matters), then by
size; a date already taken by a better-ranked event is not used twice. Each event is summarized by its most
central sentences among those that mention its date or lead its articles of that day.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from dateline.model import Timeline
from dateline.timeline.base import TimelineRequest
from dateline.timeline.clustering import markov_clusters
from dateline.timeline.corpus import Corpus, CorpusSentence
from dateline.timeline.dated_summaries import DateKey, fill_entries
from dateline.timeline.summarize import SentencePicker, article_limit_for
from dateline.timeline.textvectors import tfidf_matrix


@dataclass(frozen=True)
class Event:
    """A cluster of articles with its date and the evidence for ranking it."""

    articles: tuple[str, ...]
    date: dt.date
    date_references: int
    """How many articles of the whole corpus refer to ``date``."""


@dataclass(frozen=True)
class Clust:
    """Event clustering, then cluster ranking and per-cluster summaries."""

    window_days: int = 1
    min_similarity: float = 0.2
    inflation: float = 2.0
    lead_sentences: int = 5
    min_words: int = 5
    max_words: int = 60
    query_boost: float = 0.5
    max_redundancy: float = 0.5
    name: str = "clust"

    @property
    def undated_sentences(self) -> None:
        """Articles are compared by their whole text."""
        return None

    def build(self, corpus: Corpus, request: TimelineRequest) -> Timeline:
        by_article: dict[str, list[CorpusSentence]] = defaultdict(list)
        for sentence in corpus.sentences:
            by_article[sentence.article_id].append(sentence)
        events = self.events(by_article, request)
        candidates = {event: self._candidates(event, by_article) for event in events}
        # A date goes to its best-ranked event; entries are then filled as date-first
        # methods fill them (``fill_entries``), each date keyed as a day.
        best: dict[DateKey, Event] = {}
        for event in events:
            best.setdefault((event.date, "day"), event)
        picker = SentencePicker.over(
            [s for group in candidates.values() for s in group],
            request.query,
            self.query_boost,
            self.max_redundancy,
            article_limit=article_limit_for(request.n_dates),
        )
        evidence = {
            key: {
                "score": float(len(event.articles)),
                "articles": float(len(event.articles)),
                "date_references": float(event.date_references),
            }
            for key, event in best.items()
        }
        entries = fill_entries(
            list(best), {key: candidates[event] for key, event in best.items()}, picker, request, evidence
        )
        return Timeline(request.query, self.name, entries)

    def events(self, by_article: dict[str, list[CorpusSentence]], request: TimelineRequest) -> list[Event]:
        """The article clusters as dated events, best first."""
        ids = sorted(by_article, key=lambda article: (by_article[article][0].published, article))
        if not ids:
            return []
        published = np.array([by_article[a][0].published.toordinal() for a in ids])
        vectors = tfidf_matrix([" ".join(s.text for s in by_article[a]) for a in ids])
        similarity = (vectors @ vectors.T).tocoo()
        keep = (
            (similarity.data >= self.min_similarity)
            & (np.abs(published[similarity.row] - published[similarity.col]) <= self.window_days)
            & (similarity.row != similarity.col)
        )
        graph = sparse.coo_matrix(
            (similarity.data[keep], (similarity.row[keep], similarity.col[keep])),
            shape=similarity.shape,
        )
        citing: dict[dt.date, set[str]] = defaultdict(set)
        for article, sentences in by_article.items():
            for sentence in sentences:
                for ref in sentence.refs:
                    if ref.granularity == "day":
                        citing[ref.date].add(article)
        events = []
        for cluster in markov_clusters(graph, self.inflation):
            members = [ids[index] for index in cluster]
            date = self._date_of(members, by_article, request)
            if date is not None:
                events.append(Event(tuple(members), date, len(citing.get(date, ()))))
        events.sort(key=lambda event: (-event.date_references, -len(event.articles), event.date))
        return events

    @staticmethod
    def _date_of(
        members: list[str], by_article: dict[str, list[CorpusSentence]], request: TimelineRequest
    ) -> dt.date | None:
        votes: Counter[dt.date] = Counter()
        for article in members:
            days = {ref.date for s in by_article[article] for ref in s.refs if ref.granularity == "day"}
            votes.update(day for day in days if request.allows(day, "day"))
        if votes:
            return min(votes.items(), key=lambda item: (-item[1], item[0]))[0]
        first = min(by_article[article][0].published for article in members)
        return first if request.allows(first, "day") else None

    def _candidates(self, event: Event, by_article: dict[str, list[CorpusSentence]]) -> list[CorpusSentence]:
        mentioning, leads = [], []
        for article in event.articles:
            for sentence in by_article[article]:
                if not self.min_words <= sentence.words <= self.max_words:
                    continue
                if any(ref.date == event.date and ref.granularity == "day" for ref in sentence.refs):
                    mentioning.append(sentence)
                elif sentence.position < self.lead_sentences and sentence.published == event.date:
                    leads.append(sentence)
        return mentioning + leads or [
            s
            for article in event.articles
            for s in by_article[article][: self.lead_sentences]
            if self.min_words <= s.words <= self.max_words
        ]
