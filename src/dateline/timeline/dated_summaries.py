"""What date-first methods share: each date's candidate sentences, turning a ranked list
of dates into timeline entries, and the build that joins them (``DateFirst``: a method
ranks dates its own way, the rest is common).

Candidates of a date are the sentences that mention it and, for a day, the lead
sentences of articles published that day that mention no other day — the way a news
story about "today" shows up. Entries are filled in rank order; a date whose candidates
are all too similar to what the timeline already says gives its place to the next one,
and a month or year is left out of a timeline that holds a finer date inside it (the
finer date says more).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence

import numpy as np

from dateline.model import Granularity, Timeline, TimelineEntry
from dateline.timeline.base import TimelineRequest
from dateline.timeline.corpus import Corpus, CorpusSentence
from dateline.timeline.summarize import SentencePicker, article_limit_for

DateKey = tuple[dt.date, Granularity]
Prior = Callable[[dt.date, list[CorpusSentence]], np.ndarray | None]
Evidence = dict[DateKey, dict[str, float]]


class DateFirst:
    """The build of a method that ranks dates first, then summarizes each (Datewise,
    Salience). A subclass (a frozen dataclass) gives ``rank_dates`` and the fields read
    here; it may re-rank the shortlist once candidates are known (``rerank``), weigh how
    central a sentence is to the whole story (``topic_weight``) and add its own evidence
    per sentence (``prior``)."""

    name: str
    lead_sentences: int
    min_words: int
    max_words: int
    query_boost: float
    max_redundancy: float
    candidate_factor: int
    topic_weight: float = 0.0

    @property
    def undated_sentences(self) -> int:
        """Only lead sentences can speak for a date without mentioning it."""
        return self.lead_sentences

    def rank_dates(self, corpus: Corpus, request: TimelineRequest) -> tuple[list[DateKey], Evidence]:
        """Candidate dates, best first, with the evidence behind each score."""
        raise NotImplementedError

    def rerank(
        self,
        shortlist: list[DateKey],
        candidates: dict[DateKey, list[CorpusSentence]],
        picker: SentencePicker,
        evidence: Evidence,
    ) -> list[DateKey]:
        """The shortlist in its final order (as ranked, unless a method says otherwise)."""
        return shortlist

    def prior(self, date: dt.date, group: list[CorpusSentence]) -> np.ndarray | None:
        """Each candidate of ``date``'s own evidence, added to its score (none here)."""
        return None

    def build(self, corpus: Corpus, request: TimelineRequest) -> Timeline:
        ranked, evidence = self.rank_dates(corpus, request)
        shortlist = ranked[: request.n_dates * self.candidate_factor]
        candidates = candidates_by_date(corpus, set(shortlist), self.lead_sentences, self.min_words, self.max_words)
        picker = SentencePicker.over(
            [s for key in shortlist for s in candidates.get(key, ())],
            request.query,
            self.query_boost,
            self.max_redundancy,
            self.topic_weight,
            article_limit_for(request.n_dates),
        )
        shortlist = self.rerank(shortlist, candidates, picker, evidence)
        entries = fill_entries(shortlist, candidates, picker, request, evidence, self.prior)
        return Timeline(request.query, self.name, entries)


def candidates_by_date(
    corpus: Corpus, wanted: set[DateKey], lead_sentences: int, min_words: int, max_words: int
) -> dict[DateKey, list[CorpusSentence]]:
    """The candidate sentences of every wanted date, in one pass over the corpus."""
    found: dict[DateKey, list[CorpusSentence]] = defaultdict(list)
    for sentence in corpus.sentences:
        if not min_words <= sentence.words <= max_words:
            continue
        keys = {(ref.date, ref.granularity) for ref in sentence.refs}
        if sentence.position < lead_sentences and all(
            ref.date == sentence.published for ref in sentence.refs if ref.granularity == "day"
        ):
            keys.add((sentence.published, "day"))
        for key in keys & wanted:
            found[key].append(sentence)
    return found


def fill_entries(
    shortlist: Sequence[DateKey],
    candidates: dict[DateKey, list[CorpusSentence]],
    picker: SentencePicker,
    request: TimelineRequest,
    evidence: Evidence,
    prior: Prior | None = None,
) -> tuple[TimelineEntry, ...]:
    """Summaries for the best dates of ``shortlist`` (ranked), at most ``request.n_dates``,
    in date order; ``evidence`` explains each date, ``prior`` adds per-sentence scores."""
    entries: list[TimelineEntry] = []
    for key in shortlist:
        if len(entries) == request.n_dates:
            break
        if any(covers(key, (entry.date, entry.granularity)) for entry in entries):
            continue
        group = candidates.get(key, [])
        picked = picker.pick(group, request.n_sentences, prior(key[0], group) if prior else None)
        if not picked:
            continue
        entries = [entry for entry in entries if not covers((entry.date, entry.granularity), key)]
        entries.append(
            TimelineEntry(
                date=key[0],
                granularity=key[1],
                sentences=tuple(sentence.sourced(score) for sentence, score in picked),
                score=evidence[key]["score"],
                explanation=evidence[key],
            )
        )
    return tuple(sorted(entries, key=lambda entry: (entry.date, entry.granularity)))


def covers(coarse: DateKey, fine: DateKey) -> bool:
    """Whether the month or year ``coarse`` contains the finer date ``fine``."""
    (period, granularity), (date, fine_granularity) = coarse, fine
    if granularity == "year":
        return fine_granularity != "year" and date.year == period.year
    if granularity == "month":
        return fine_granularity == "day" and (date.year, date.month) == (period.year, period.month)
    return False
