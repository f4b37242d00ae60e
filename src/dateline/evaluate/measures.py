"""tilse 0.2.1's timeline measures for one predicted timeline and its references.

Every measure adds up ROUGE-1.5.5's raw counts (``ngrams.py``) over daily summaries and
divides once at the end (micro-averaging over dates). With several reference timelines,
the references of a date are the daily summaries of *all* of them there, an empty one
for a timeline without that date (tilse's ``GroundTruth[date]``), so precision's
denominator counts the predicted summary once per reference timeline.

- **concat**: all predicted sentences (dates in order) against each reference's sentences.
- **agreement**: a predicted date is compared with the references of the same date only;
  precision sums over predicted dates, recall over the union of reference dates.
- **align+ m:1**: each predicted date is compared with the reference date it is aligned
  to (``alignment.py``) and its hits are weighted by 1 / (|days apart| + 1); recall
  likewise from each reference date's aligned predicted date.
- **dates**: the predicted date set against the union of the reference date sets.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from dateline.evaluate.alignment import align_many_to_one, raw_token_counts
from dateline.evaluate.ngrams import EMPTY, ORDERS, RougeCounts, SummaryGrams, rouge_counts
from dateline.evaluate.prf import PRF

TimelineDict = Mapping[dt.date, Sequence[str]]


class TaskTimelines:
    """A predicted timeline and its references, with each daily summary's n-grams counted once."""

    def __init__(self, predicted: TimelineDict, references: Sequence[TimelineDict]) -> None:
        if not references:
            raise ValueError("at least one reference timeline is needed")
        self.predicted = predicted
        self.references = references
        self.predicted_dates = sorted(predicted)
        self.reference_dates = sorted(set().union(*references))
        self._predicted_grams = {date: SummaryGrams(predicted[date]) for date in self.predicted_dates}
        self._reference_grams = {
            date: tuple(SummaryGrams(reference.get(date, ())) for reference in references)
            for date in set(self.predicted_dates).union(self.reference_dates)
        }

    def concat(self) -> dict[int, PRF]:
        """ROUGE-N of the whole predicted timeline against each whole reference timeline."""
        summary = SummaryGrams(_all_sentences(self.predicted))
        references = [SummaryGrams(_all_sentences(reference)) for reference in self.references]
        scores = {}
        for n in ORDERS:
            counts = rouge_counts(summary, references, n)
            scores[n] = PRF.from_counts(counts.hits, counts.peer, counts.hits, counts.model)
        return scores

    def agreement(self) -> dict[int, PRF]:
        """ROUGE-N over the dates the predicted timeline shares with the references."""
        scores = {}
        for n in ORDERS:
            by_prediction = [self._counts(date, date, n) for date in self.predicted_dates]
            by_reference = [self._counts(date, date, n) for date in self.reference_dates]
            scores[n] = PRF.from_counts(
                sum(c.hits for c in by_prediction),
                sum(c.peer for c in by_prediction),
                sum(c.hits for c in by_reference),
                sum(c.model for c in by_reference),
            )
        return scores

    def align_many_to_one(self) -> dict[int, PRF]:
        """ROUGE-N between aligned dates, hits weighted by date distance ("align+ m:1")."""
        to_reference, to_predicted = align_many_to_one(
            [(date, raw_token_counts(self.predicted[date])) for date in self.predicted_dates],
            [
                (date, [raw_token_counts(reference.get(date, ())) for reference in self.references])
                for date in self.reference_dates
            ],
        )
        precision_pairs = [(self.predicted_dates[i], self.reference_dates[j]) for i, j in enumerate(to_reference)]
        recall_pairs = [(self.predicted_dates[i], self.reference_dates[j]) for j, i in enumerate(to_predicted)]
        scores = {}
        for n in ORDERS:
            by_prediction = [(_weight(p, r), self._counts(p, r, n)) for p, r in precision_pairs]
            by_reference = [(_weight(p, r), self._counts(p, r, n)) for p, r in recall_pairs]
            scores[n] = PRF.from_counts(
                sum(weight * c.hits for weight, c in by_prediction),
                sum(c.peer for _, c in by_prediction),
                sum(weight * c.hits for weight, c in by_reference),
                sum(c.model for _, c in by_reference),
            )
        return scores

    def dates(self) -> PRF:
        """Exact-date overlap of the predicted dates with all reference dates."""
        shared = len(set(self.predicted_dates).intersection(self.reference_dates))
        return PRF.from_counts(shared, len(self.predicted_dates), shared, len(self.reference_dates))

    def _counts(self, predicted_date: dt.date, reference_date: dt.date, n: int) -> RougeCounts:
        summary = self._predicted_grams.get(predicted_date, EMPTY)
        return rouge_counts(summary, self._reference_grams[reference_date], n)


def _weight(predicted_date: dt.date, reference_date: dt.date) -> float:
    return 1 / (abs(predicted_date.toordinal() - reference_date.toordinal()) + 1)


def _all_sentences(timeline: TimelineDict) -> list[str]:
    return [sentence for date in sorted(timeline) for sentence in timeline[date]]
