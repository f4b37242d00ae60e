"""TempEval-3 Task A scores for TIMEX3 extraction and normalisation.

Definitions, as in the TempEval-3 scorer (UzZaman et al., 2013, "SemEval-2013 Task 1"):

* strict match: system and gold span are identical (same start and end);
* relaxed match: the spans overlap; matching is one-to-one (each gold TIMEX3 is paired
  with the first unpaired system TIMEX3 that overlaps it, in text order);
* precision = matches / system TIMEX3s, recall = matches / gold TIMEX3s, F1 their
  harmonic mean; all counts are summed over the corpus (micro-average);
* attribute accuracy (type, value) = correct attribute / relaxed matches;
* attribute F1 = relaxed F1 × attribute accuracy, i.e. the F1 obtained when a TP is a
  relaxed match whose attribute is also correct.

The TempEval-3 scorer matches by token over TimeML's tokenisation; we match by character
overlap, which gives the same pairs whenever spans fall on token boundaries, as gold and
our spans do.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from dateline.temporal.timex import Timex


@dataclass
class Counts:
    """Match counts, summed over documents with ``add``."""

    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    type_correct: int = 0
    value_correct: int = 0
    mismatches: list[tuple[Timex | None, Timex | None]] = field(default_factory=list, repr=False)

    def add(self, gold: Sequence[Timex], system: Sequence[Timex]) -> None:
        """Count one document (both lists sorted by start)."""
        self.gold += len(gold)
        self.system += len(system)
        gold_spans = {(t.start, t.end) for t in gold}
        self.strict += sum((t.start, t.end) in gold_spans for t in system)
        paired_system: set[int] = set()
        paired_gold: set[int] = set()
        for gi, g in enumerate(gold):
            for si, s in enumerate(system):
                if si in paired_system or s.start >= g.end or s.end <= g.start:
                    continue
                paired_system.add(si)
                paired_gold.add(gi)
                self.relaxed += 1
                self.type_correct += s.type == g.type
                self.value_correct += s.value == g.value
                if s.value != g.value or s.type != g.type:
                    self.mismatches.append((g, s))
                break
        self.mismatches.extend((g, None) for gi, g in enumerate(gold) if gi not in paired_gold)
        self.mismatches.extend((None, s) for si, s in enumerate(system) if si not in paired_system)


def _f1(correct: int, system: int, gold: int) -> tuple[float, float, float]:
    precision = correct / system if system else 0.0
    recall = correct / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


@dataclass(frozen=True)
class Scores:
    """TempEval-3 Task A figures for a corpus (see the module docstring)."""

    strict_p: float
    strict_r: float
    strict_f1: float
    relaxed_p: float
    relaxed_r: float
    relaxed_f1: float
    type_acc: float
    value_acc: float
    type_f1: float
    value_f1: float
    gold: int
    system: int

    @classmethod
    def from_counts(cls, counts: Counts) -> Scores:
        strict = _f1(counts.strict, counts.system, counts.gold)
        relaxed = _f1(counts.relaxed, counts.system, counts.gold)
        type_acc = counts.type_correct / counts.relaxed if counts.relaxed else 0.0
        value_acc = counts.value_correct / counts.relaxed if counts.relaxed else 0.0
        return cls(
            *strict,
            *relaxed,
            type_acc,
            value_acc,
            relaxed[2] * type_acc,
            relaxed[2] * value_acc,
            counts.gold,
            counts.system,
        )


def score(pairs: Iterable[tuple[Sequence[Timex], Sequence[Timex]]]) -> Scores:
    """Scores over (gold, system) TIMEX3 lists, one pair per document."""
    counts = Counts()
    for gold, system in pairs:
        counts.add(gold, system)
    return Scores.from_counts(counts)
