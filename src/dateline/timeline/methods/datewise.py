"""Datewise: rank dates first, then summarize each chosen date (after news-tls).

Dates are ranked by how often and how widely the corpus refers to them: the number of
distinct articles whose sentences mention the date, plus half the number of articles
published on it (a publication date is weaker evidence than an explicit mention, but it is
how a story that happened "today" shows up). Month and year references count at half
weight: they are less specific and often only context ("in 2020").

For each chosen date, the candidates are the sentences that mention it, plus, for a day,
the lead sentences of articles published that day that mention no other date. The most
central candidates (cosine to the date's TF-IDF centroid, boosted by query words) are
picked without redundancy: a sentence too similar to one already in the timeline is
skipped, so one event does not fill two dates. A date left with no usable sentence gives
its place to the next one.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from dateline.model import Granularity, Timeline, TimelineEntry
from dateline.timeline.base import TimelineRequest
from dateline.timeline.corpus import Corpus, CorpusSentence
from dateline.timeline.summarize import SentencePicker

DateKey = tuple[dt.date, Granularity]


@dataclass(frozen=True)
class Datewise:
    """Date ranking by reference counts, then per-date centroid summaries."""

    publication_weight: float = 0.0
    coarse_weight: float = 0.5
    lead_sentences: int = 5
    max_redundancy: float = 0.5
    min_words: int = 5
    max_words: int = 60
    query_boost: float = 0.5
    candidate_factor: int = 3
    name: str = "datewise"

    def build(self, corpus: Corpus, request: TimelineRequest) -> Timeline:
        ranked, evidence = self.rank_dates(corpus, request)
        shortlist = ranked[: request.n_dates * self.candidate_factor]
        candidates = self._candidates(corpus, set(shortlist))
        picker = SentencePicker.over(
            [s for key in shortlist for s in candidates.get(key, ())],
            request.query, self.query_boost, self.max_redundancy,
        )
        entries: list[TimelineEntry] = []
        for key in shortlist:
            if len(entries) == request.n_dates:
                break
            picked = picker.pick(candidates.get(key, []), request.n_sentences)
            if picked:
                entries.append(TimelineEntry(
                    date=key[0],
                    granularity=key[1],
                    sentences=tuple(sentence.sourced(score) for sentence, score in picked),
                    score=evidence[key]["score"],
                    explanation=evidence[key],
                ))
        entries.sort(key=lambda entry: (entry.date, entry.granularity))
        return Timeline(request.query, self.name, tuple(entries))

    def rank_dates(
        self, corpus: Corpus, request: TimelineRequest
    ) -> tuple[list[DateKey], dict[DateKey, dict[str, float]]]:
        """Candidate dates, best first, with the evidence behind each score."""
        referring: dict[DateKey, set[str]] = defaultdict(set)
        mentions: dict[DateKey, int] = defaultdict(int)
        published: dict[DateKey, set[str]] = defaultdict(set)
        for sentence in corpus.sentences:
            published[(sentence.published, "day")].add(sentence.article_id)
            for ref in sentence.refs:
                key = (ref.date, ref.granularity)
                referring[key].add(sentence.article_id)
                mentions[key] += 1
        evidence: dict[DateKey, dict[str, float]] = {}
        for key in set(referring) | set(published):
            if not request.allows(*key):
                continue
            weight = 1.0 if key[1] == "day" else self.coarse_weight
            articles = len(referring.get(key, ()))
            pub_count = len(published.get(key, ()))
            evidence[key] = {
                "referring_articles": float(articles),
                "mentions": float(mentions.get(key, 0)),
                "published_articles": float(pub_count),
                "score": weight * (articles + self.publication_weight * pub_count),
            }
        ranked = sorted(evidence, key=lambda key: (-evidence[key]["score"], key[0], key[1]))
        return ranked, evidence

    def _candidates(
        self, corpus: Corpus, wanted: set[DateKey]
    ) -> dict[DateKey, list[CorpusSentence]]:
        """For each wanted date, the sentences that mention it and, for a day, the lead
        sentences published on it that mention no other day (one pass over the corpus)."""
        found: dict[DateKey, list[CorpusSentence]] = defaultdict(list)
        for sentence in corpus.sentences:
            if not self.min_words <= sentence.words <= self.max_words:
                continue
            keys = {(ref.date, ref.granularity) for ref in sentence.refs}
            day = (sentence.published, "day")
            if (
                sentence.position < self.lead_sentences
                and all(ref.date == day[0] for ref in sentence.refs if ref.granularity == "day")
            ):
                keys.add(day)
            for key in keys & wanted:
                found[key].append(sentence)
        return found
