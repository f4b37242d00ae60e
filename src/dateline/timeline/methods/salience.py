"""Salience: dateline's own method, and the default.

It keeps Datewise's shape (rank dates, then summarize each) but changes what counts as
evidence, using only what journalists themselves do when they write about the past:

Dates. A date matters when the news keeps coming back to it, so it is scored by the
number of distinct *publication days* whose articles refer to it — ten articles about
the same press conference count once, a date still cited weeks later counts every day it
is cited. A reference written as a timeline entry ("29 May: BP announces ...": the
sentence opens with the date and a colon or dash) is a journalist's explicit judgement
that the date belongs in a chronology, and adds ``entry_weight`` per article. Month and
year references count at ``coarse_weight``: they are less specific and often context,
and a month or year is left out of a timeline that has a finer date inside it (the finer
date says more).
A citing article whose citing sentence is about the query (``CorpusSentence.on_topic``:
a query word in it or near it) adds ``topical_weight``: in a mixed archive, an article
retrieved for one paragraph about a person is about something else, and so are most of
its dates, while every article that cites a date in a passage about the query is a vote
for it. So a date scores days + 2 x listed + 8 x topical articles: with a query its
users' words pick, the topical votes weigh most; with a query the articles never use (a
bare collection), the days and the listings decide alone. Citing days take time to
gather, so a recent date's days are divided by the share of citing the corpus could
have seen for it (``citation_window``; at least ``min_opportunity``): without it the
last stretch of every timeline was crowded out by older dates.

Sentences. A date's candidates are the sentences that mention it, plus the lead
sentences of articles published that day that mention no other day. Once they are
known, a date's score is multiplied by ``1 + relevance_weight * r``, where ``r`` is how
central its most central candidate is to the whole story (cosine to the centroid of all
candidates, in [0, 1]): of dates with equal evidence, the one whose news is most about
the story comes first. Each candidate is scored by
its cosine to the date's centroid (what that day's coverage is about), plus its cosine to
the centroid of all candidates (how much it is about the story rather than a side
detail), plus ``retrospective_bonus`` when it was written more than
``retrospective_days`` after the date: looking back, writers condense an event to its
essentials ("The rig exploded on 20 April, killing 11 workers"), and ``entry_bonus``
when it is itself a timeline entry for the date ("March 19 - The first air strikes halt
the advance ..."): a journalist's one-line summary of that day. Query words do not
boost a sentence (``query_boost`` 0): the query has already chosen the articles and the
dates, and a summary line that repeats "Libya" or "Steve Jobs" is not the better one
(with the boost, concat ROUGE-1 fell on Entities and AR1-F on Timeline17's open
protocol; docs/evaluation.md). Redundancy across the whole timeline is avoided
(``SentencePicker``).

The date weights were chosen across datasets (``bench/bench_weights.py``: chosen on one of
Timeline17 and Entities through the open protocol, scored on the other, both ways; see
docs/evaluation.md), the sentence constants on Timeline17 and checked leave-one-topic-out;
none refers to a topic, a source or a period.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from dateline.timeline.base import TimelineRequest
from dateline.timeline.citation_window import citation_opportunity
from dateline.timeline.corpus import Corpus, CorpusSentence
from dateline.timeline.dated_summaries import DateFirst, DateKey, Evidence
from dateline.timeline.summarize import SentencePicker

TIE_BREAK = 1e-3


@dataclass(frozen=True)
class Salience(DateFirst):
    """Dates ranked by the days the news refers back to them, the articles that list them
    and the articles that cite them in a passage about the query; sentences by how central,
    on-topic and retrospective they are."""

    entry_weight: float = 2.0
    topical_weight: float = 8.0
    coarse_weight: float = 0.5
    retrospective_bonus: float = 0.3
    entry_bonus: float = 0.1
    retrospective_days: int = 7
    topic_weight: float = 1.0
    relevance_weight: float = 0.1
    lead_sentences: int = 5
    min_words: int = 5
    max_words: int = 60
    query_boost: float = 0.0
    max_redundancy: float = 0.4
    candidate_factor: int = 3
    min_opportunity: float = 0.2
    name: str = "salience"

    def rank_dates(self, corpus: Corpus, request: TimelineRequest) -> tuple[list[DateKey], Evidence]:
        """Candidate dates, best first, with the evidence behind each score."""
        citing_days: dict[DateKey, set[dt.date]] = defaultdict(set)
        citing_articles: dict[DateKey, set[str]] = defaultdict(set)
        entries: dict[DateKey, set[str]] = defaultdict(set)
        topical: dict[DateKey, set[str]] = defaultdict(set)
        published: dict[dt.date, set[str]] = defaultdict(set)
        for sentence in corpus.sentences:
            published[sentence.published].add(sentence.article_id)
            for ref in sentence.refs:
                key = (ref.date, ref.granularity)
                citing_days[key].add(sentence.published)
                citing_articles[key].add(sentence.article_id)
                if ref.opens_entry:
                    entries[key].add(sentence.article_id)
                if sentence.on_topic:
                    topical[key].add(sentence.article_id)
        opportunity = citation_opportunity(corpus)
        keys: set[DateKey] = set(citing_days)
        keys.update((day, "day") for day in published)
        evidence: Evidence = {}
        for key in keys:
            if not request.allows(*key):
                continue
            days, articles, listed, about = (
                len(citing_days.get(key, ())),
                len(citing_articles.get(key, ())),
                len(entries.get(key, ())),
                len(topical.get(key, ())),
            )
            weight = 1.0 if key[1] == "day" else self.coarse_weight
            window = opportunity(key[0])
            evidence[key] = {
                "citing_days": float(days),
                "citation_opportunity": window,
                "citing_articles": float(articles),
                "timeline_entries": float(listed),
                "topical_articles": float(about),
                "published_articles": float(len(published.get(key[0], ())) if key[1] == "day" else 0),
                "score": weight
                * (
                    days / max(window, self.min_opportunity)
                    + self.entry_weight * listed
                    + self.topical_weight * about
                    + TIE_BREAK * articles
                ),
            }
        ranked = sorted(evidence, key=lambda key: (-evidence[key]["score"], key[0], key[1]))
        return ranked, evidence

    def rerank(
        self,
        shortlist: list[DateKey],
        candidates: dict[DateKey, list[CorpusSentence]],
        picker: SentencePicker,
        evidence: Evidence,
    ) -> list[DateKey]:
        """``shortlist`` re-ranked by score times ``1 + relevance_weight * relevance``;
        each date's evidence gains its ``topic_relevance`` and the new score."""
        for key in shortlist:
            relevance = picker.topic_relevance(candidates.get(key, ()))
            evidence[key]["topic_relevance"] = relevance
            evidence[key]["score"] *= 1 + self.relevance_weight * relevance
        return sorted(shortlist, key=lambda key: (-evidence[key]["score"], key[0], key[1]))

    def prior(self, date: dt.date, group: list[CorpusSentence]) -> np.ndarray:
        """The retrospective and entry bonuses of each candidate of ``date``."""
        late = date + dt.timedelta(days=self.retrospective_days)
        retrospective = np.array([s.published > late for s in group], dtype=float)
        entry = np.array([any(ref.opens_entry and ref.date == date for ref in s.refs) for s in group], dtype=float)
        return self.retrospective_bonus * retrospective + self.entry_bonus * entry
