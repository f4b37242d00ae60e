"""Precision, recall and F1 as tilse and news-tls compute them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PRF:
    """Precision, recall and their harmonic mean (F1)."""

    precision: float
    recall: float
    f1: float

    @classmethod
    def from_precision_recall(cls, precision: float, recall: float) -> PRF:
        """F1 from P and R; 0 when both are 0 (tilse's ``get_f_score`` with beta 1)."""
        if precision + recall == 0:
            return cls(precision, recall, 0.0)
        return cls(precision, recall, 2 * precision * recall / (precision + recall))

    @classmethod
    def from_counts(cls, precision_hits: float, predicted: float, recall_hits: float, reference: float) -> PRF:
        """P = precision_hits / predicted and R = recall_hits / reference, each 0 where its
        denominator is 0 (tilse does so in agreement and alignment; in concat and for dates
        it divides by zero and fails on an empty prediction)."""
        return cls.from_precision_recall(_ratio(precision_hits, predicted), _ratio(recall_hits, reference))


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else 0.0
