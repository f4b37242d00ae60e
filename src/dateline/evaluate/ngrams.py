"""ROUGE-N counts between one summary and a set of reference summaries.

ROUGE-1.5.5 with ``-t 2`` (raw counts, what tilse asks for) and ``-f A`` (model average)
reports three numbers per N, summed over the reference ("model") summaries:

- ``H_count``: for each reference, the n-grams shared with the summary, each clipped at the
  smaller of its two counts;
- ``P_count``: the summary's n-gram count, once per reference (so precision's denominator
  grows with the number of references);
- ``M_count``: the references' n-gram counts.

A summary of t tokens has max(t - N + 1, 0) n-grams; stopwords are gone before n-grams are
formed, so a bigram may join words that a stopword separated.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from dateline.evaluate.rouge_tokens import summary_tokens

ORDERS = (1, 2)


class SummaryGrams:
    """The unigram and bigram counts of one summary (a sequence of sentences)."""

    __slots__ = ("_grams",)

    def __init__(self, sentences: Sequence[str]) -> None:
        tokens = summary_tokens(sentences)
        self._grams: dict[int, Counter[tuple[str, ...]]] = {
            n: Counter(zip(*(tokens[i:] for i in range(n)), strict=False)) for n in ORDERS
        }

    def total(self, n: int) -> int:
        """How many n-grams the summary has."""
        return self._grams[n].total()

    def hits(self, reference: SummaryGrams, n: int) -> int:
        """n-grams shared with ``reference``, each clipped at the smaller count."""
        mine, theirs = self._grams[n], reference._grams[n]
        if len(theirs) < len(mine):
            mine, theirs = theirs, mine
        return sum(min(count, theirs[gram]) for gram, count in mine.items() if gram in theirs)


EMPTY = SummaryGrams(())


@dataclass(frozen=True)
class RougeCounts:
    """ROUGE-1.5.5's ``H_count``, ``P_count`` and ``M_count`` for one summary and its references."""

    hits: int
    peer: int
    model: int


def rouge_counts(summary: SummaryGrams, references: Sequence[SummaryGrams], n: int) -> RougeCounts:
    """The raw ROUGE-N counts of ``summary`` against every summary in ``references``."""
    return RougeCounts(
        hits=sum(summary.hits(reference, n) for reference in references),
        peer=len(references) * summary.total(n),
        model=sum(reference.total(n) for reference in references),
    )
