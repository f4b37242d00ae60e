"""Evaluating the tagger on a TimeML corpus, TempEval-3 Task A style (see ``scoring``)."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from dateline.temporal.scoring import Scores, score
from dateline.temporal.tagger import prepare, tag
from dateline.temporal.timeml import TimeMLDocument
from dateline.temporal.timex import Timex


@dataclass(frozen=True)
class TaggerEvaluation:
    """Scores of our tagger on ``documents``, the predictions, and the tagging speed
    (tagging time only: reading, scoring and the one-off building of the tagger's tables
    are not counted)."""

    scores: Scores
    documents: Sequence[TimeMLDocument]
    predictions: Sequence[list[Timex]]
    seconds: float

    @property
    def docs_per_s(self) -> float:
        return len(self.documents) / self.seconds if self.seconds else float("inf")

    def summary(self) -> dict[str, float | int]:
        """The figures of ``eval-tagger --json``."""
        s = self.scores
        return {
            "strict_f1": s.strict_f1,
            "relaxed_f1": s.relaxed_f1,
            "type_acc": s.type_acc,
            "value_f1": s.value_f1,
            "docs_per_s": self.docs_per_s,
            "strict_p": s.strict_p,
            "strict_r": s.strict_r,
            "relaxed_p": s.relaxed_p,
            "relaxed_r": s.relaxed_r,
            "value_acc": s.value_acc,
            "type_f1": s.type_f1,
            "gold": s.gold,
            "system": s.system,
            "documents": len(self.documents),
        }


def evaluate_tagger(documents: Sequence[TimeMLDocument]) -> TaggerEvaluation:
    """Tag each document's plain text against its DCT and score against its gold TIMEX3s."""
    prepare()
    began = time.perf_counter()
    predictions = [tag(document.text, document.dct) for document in documents]
    seconds = time.perf_counter() - began
    scores = score((document.timexes, predicted) for document, predicted in zip(documents, predictions, strict=True))
    return TaggerEvaluation(scores, documents, predictions, seconds)
