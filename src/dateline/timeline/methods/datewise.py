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

from collections import defaultdict
from dataclasses import dataclass

from dateline.timeline.base import TimelineRequest
from dateline.timeline.corpus import Corpus
from dateline.timeline.dated_summaries import DateFirst, DateKey, Evidence


@dataclass(frozen=True)
class Datewise(DateFirst):
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

    def rank_dates(self, corpus: Corpus, request: TimelineRequest) -> tuple[list[DateKey], Evidence]:
        referring: dict[DateKey, set[str]] = defaultdict(set)
        mentions: dict[DateKey, int] = defaultdict(int)
        published: dict[DateKey, set[str]] = defaultdict(set)
        for sentence in corpus.sentences:
            published[(sentence.published, "day")].add(sentence.article_id)
            for ref in sentence.refs:
                key = (ref.date, ref.granularity)
                referring[key].add(sentence.article_id)
                mentions[key] += 1
        evidence: Evidence = {}
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
