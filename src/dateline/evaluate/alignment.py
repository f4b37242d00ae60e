"""The date alignment of "align+ m:1" (Martschat & Markert, EACL 2017), as in tilse 0.2.1.

Aligning dates d (predicted) and r (reference) costs

    (1 - 1 / (|d - r| + 1)) * (1 - F)

in days, where F is an approximate ROUGE-1 F1 between the two daily summaries. For
precision, every predicted date is aligned to its cheapest reference date; for recall,
every reference date to its cheapest predicted date (both "many to one"; ties go to the
earliest date, as ``numpy.argmin`` picks the first minimum). Two dates that are equal cost
0 whatever their text.

F is *not* the ROUGE of the scores: tilse's ``compute_rouge_approximation`` splits the raw
sentences on whitespace with no lower-casing, stemming or stopword removal, and drops only
the tokens that are substrings of ``string.punctuation`` (``.`` and ``()`` go, ``''`` and
``--`` stay). Several references add up as in ROUGE: matches summed over references,
precision's denominator is the summary's token count times the number of references.
Costs are computed with the same floating-point operations in the same order as tilse, so
ties break the same way.
"""

from __future__ import annotations

import datetime as dt
import string
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence


def raw_token_counts(sentences: Iterable[str]) -> Counter[str]:
    """The whitespace tokens of a daily summary as tilse's alignment counts them."""
    return Counter(token for sentence in sentences for token in sentence.split() if token not in string.punctuation)


def align_many_to_one(
    predicted: Sequence[tuple[dt.date, Counter[str]]],
    reference: Sequence[tuple[dt.date, Sequence[Counter[str]]]],
) -> tuple[list[int], list[int]]:
    """Align sorted predicted and reference dates, each with its daily summary's raw token
    counts (one counter per reference timeline). Returns, for each predicted date, the
    index of its reference date (precision's alignment) and, for each reference date, the
    index of its predicted date (recall's alignment)."""
    if not predicted or not reference:
        return [], []
    costs = _cost_matrix(predicted, reference)
    columns = range(len(reference))
    rows = range(len(predicted))
    to_reference = [min(columns, key=row.__getitem__) for row in costs]
    to_predicted = [min(rows, key=column.__getitem__) for column in zip(*costs, strict=True)]
    return to_reference, to_predicted


def _cost_matrix(
    predicted: Sequence[tuple[dt.date, Counter[str]]],
    reference: Sequence[tuple[dt.date, Sequence[Counter[str]]]],
) -> list[list[float]]:
    n_references = len(reference[0][1])
    index: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for j, (_, summaries) in enumerate(reference):
        for summary in summaries:
            for token, count in summary.items():
                index[token].append((j, count))
    reference_sizes = [sum(summary.total() for summary in summaries) for _, summaries in reference]
    costs = []
    for date, summary in predicted:
        matches = [0] * len(reference)
        for token, count in summary.items():
            for j, reference_count in index.get(token, ()):
                matches[j] += min(count, reference_count)
        predicted_size = n_references * summary.total()
        day = date.toordinal()
        row = []
        for j, (reference_date, _) in enumerate(reference):
            date_factor = 1 - 1 / (abs(day - reference_date.toordinal()) + 1)
            content_factor = 1 - _f1(matches[j], predicted_size, reference_sizes[j])
            row.append(date_factor * content_factor)
        costs.append(row)
    return costs


def _f1(matches: int, predicted_size: int, reference_size: int) -> float:
    precision = matches / predicted_size if predicted_size else 0
    recall = matches / reference_size if reference_size else 0
    if precision + recall == 0:
        return 0
    return 2 * precision * recall / (precision + recall)
