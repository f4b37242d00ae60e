"""What date-first methods share: each date's candidate sentences, and turning a ranked
list of dates into timeline entries.

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

from dateline.model import Granularity, TimelineEntry
from dateline.timeline.base import TimelineRequest
from dateline.timeline.corpus import Corpus, CorpusSentence
from dateline.timeline.summarize import SentencePicker

DateKey = tuple[dt.date, Granularity]
Prior = Callable[[dt.date, list[CorpusSentence]], np.ndarray]


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
    evidence: dict[DateKey, dict[str, float]],
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
        entries.append(TimelineEntry(
            date=key[0],
            granularity=key[1],
            sentences=tuple(sentence.sourced(score) for sentence, score in picked),
            score=evidence[key]["score"],
            explanation=evidence[key],
        ))
    return tuple(sorted(entries, key=lambda entry: (entry.date, entry.granularity)))


def covers(coarse: DateKey, fine: DateKey) -> bool:
    """Whether the month or year ``coarse`` contains the finer date ``fine``."""
    (period, granularity), (date, fine_granularity) = coarse, fine
    if granularity == "year":
        return fine_granularity != "year" and date.year == period.year
    if granularity == "month":
        return fine_granularity == "day" and (date.year, date.month) == (period.year, period.month)
    return False
