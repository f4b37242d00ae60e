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
a query word in it or near it) adds ``topical_weight``: an article retrieved for one
paragraph about a person is about something else, and so are most of its dates.

Sentences. A date's candidates are the sentences that mention it, plus the lead
sentences of articles published that day that mention no other day. Once they are
known, a date's score is multiplied by ``1 + relevance_weight * r``, where ``r`` is how
central its most central candidate is to the whole story (cosine to the centroid of all
candidates, in [0, 1]): of dates with equal evidence, the one whose news is most about
the story comes first. Then a day next to a better-ranked day that was kept (not itself
an echo) goes to the back of the ranking unless it has at least ``echo_ratio`` of that
day's score: coverage of an event
spills into the next day (follow-ups, other time zones, "yesterday" read a day off) and
the earlier or later day is then an echo of the event rather than an event of its own,
whereas two neighbouring days that both carry much evidence are both kept. Each
candidate is scored by
its cosine to the date's centroid (what that day's coverage is about), plus its cosine to
the centroid of all candidates (how much it is about the story rather than a side
detail), plus ``retrospective_bonus`` when it was written more than
``retrospective_days`` after the date: looking back, writers condense an event to its
essentials ("The rig exploded on 20 April, killing 11 workers"). Query words boost the
score; redundancy across the whole timeline is avoided (``SentencePicker``).

Every constant here was chosen on Timeline17 and checked leave-one-topic-out (see
docs/evaluation.md); none refers to a topic, a source or a period.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from dateline.model import Timeline
from dateline.timeline.base import TimelineRequest
from dateline.timeline.corpus import Corpus, CorpusSentence
from dateline.timeline.dated_summaries import DateKey, candidates_by_date, fill_entries
from dateline.timeline.summarize import SentencePicker

TIE_BREAK = 1e-3
_ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Salience:
    """Dates ranked by how many days the news refers back to them; sentences by how
    central, on-topic and retrospective they are."""

    entry_weight: float = 3.0
    topical_weight: float = 0.5
    coarse_weight: float = 0.5
    retrospective_bonus: float = 0.3
    retrospective_days: int = 7
    topic_weight: float = 1.0
    relevance_weight: float = 0.1
    lead_sentences: int = 5
    min_words: int = 5
    max_words: int = 60
    query_boost: float = 0.5
    max_redundancy: float = 0.4
    candidate_factor: int = 3
    echo_ratio: float = 0.4
    name: str = "salience"

    @property
    def undated_sentences(self) -> int:
        """Only lead sentences can speak for a date without mentioning it."""
        return self.lead_sentences

    def build(self, corpus: Corpus, request: TimelineRequest) -> Timeline:
        ranked, evidence = self.rank_dates(corpus, request)
        shortlist = ranked[: request.n_dates * self.candidate_factor]
        candidates = candidates_by_date(
            corpus, set(shortlist), self.lead_sentences, self.min_words, self.max_words
        )
        picker = SentencePicker.over(
            [s for key in shortlist for s in candidates.get(key, ())],
            request.query, self.query_boost, self.max_redundancy, self.topic_weight,
        )
        shortlist = demote_echoes(
            self.by_relevance(shortlist, candidates, picker, evidence), evidence, self.echo_ratio
        )
        entries = fill_entries(shortlist, candidates, picker, request, evidence, self._prior)
        return Timeline(request.query, self.name, entries)

    def rank_dates(
        self, corpus: Corpus, request: TimelineRequest
    ) -> tuple[list[DateKey], dict[DateKey, dict[str, float]]]:
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
        keys = set(citing_days) | {(day, "day") for day in published}
        evidence: dict[DateKey, dict[str, float]] = {}
        for key in keys:
            if not request.allows(*key):
                continue
            days, articles, listed, about = (
                len(citing_days.get(key, ())), len(citing_articles.get(key, ())),
                len(entries.get(key, ())), len(topical.get(key, ())),
            )
            weight = 1.0 if key[1] == "day" else self.coarse_weight
            evidence[key] = {
                "citing_days": float(days),
                "citing_articles": float(articles),
                "timeline_entries": float(listed),
                "topical_articles": float(about),
                "published_articles": float(len(published.get(key[0], ())) if key[1] == "day" else 0),
                "score": weight * (days + self.entry_weight * listed + self.topical_weight * about
                                   + TIE_BREAK * articles),
            }
        ranked = sorted(evidence, key=lambda key: (-evidence[key]["score"], key[0], key[1]))
        return ranked, evidence

    def by_relevance(
        self,
        shortlist: list[DateKey],
        candidates: dict[DateKey, list[CorpusSentence]],
        picker: SentencePicker,
        evidence: dict[DateKey, dict[str, float]],
    ) -> list[DateKey]:
        """``shortlist`` re-ranked by score times ``1 + relevance_weight * relevance``;
        each date's evidence gains its ``topic_relevance`` and the new score."""
        for key in shortlist:
            relevance = picker.topic_relevance(candidates.get(key, ()))
            evidence[key]["topic_relevance"] = relevance
            evidence[key]["score"] *= 1 + self.relevance_weight * relevance
        return sorted(shortlist, key=lambda key: (-evidence[key]["score"], key[0], key[1]))

    def _prior(self, date: dt.date, group: list[CorpusSentence]) -> np.ndarray:
        """The retrospective bonus of each candidate of ``date``."""
        late = date + dt.timedelta(days=self.retrospective_days)
        return self.retrospective_bonus * np.array([s.published > late for s in group], dtype=float)


def demote_echoes(
    ranked: list[DateKey], evidence: dict[DateKey, dict[str, float]], ratio: float
) -> list[DateKey]:
    """``ranked`` with every day that neighbours a kept day ranked before it, and has less
    than ``ratio`` of that day's score, moved to the back (in its order); such a day's
    evidence gains ``echo_of_neighbour`` = 1. A demoted day demotes none of its own
    neighbours: only days that stay count (see the module docstring)."""
    kept: list[DateKey] = []
    kept_days: dict[dt.date, float] = {}
    echoes: list[DateKey] = []
    for key in ranked:
        date, granularity = key
        if granularity == "day":
            neighbours = [kept_days[day] for day in (date - _ONE_DAY, date + _ONE_DAY) if day in kept_days]
            if neighbours and evidence[key]["score"] < ratio * max(neighbours):
                evidence[key]["echo_of_neighbour"] = 1.0
                echoes.append(key)
                continue
            kept_days[date] = evidence[key]["score"]
        kept.append(key)
    return kept + echoes
