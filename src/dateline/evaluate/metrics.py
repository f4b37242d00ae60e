"""Timeline-summarization scores exactly as tilse 0.2.1 computes them.

``score_task`` gives one task's concat, agreement and align+ m:1 ROUGE-1/ROUGE-2 and its
date precision/recall/F1 (``measures.py`` says how each is defined, ``rouge_tokens.py``
how text becomes tokens). ``macro_average`` combines tasks as news-tls does for the
published Timeline17 figures: precision and recall are averaged over tasks and F1 is
computed from the averages, not averaged itself.

Where tilse divides by zero (an empty predicted timeline: concat, dates and the alignment
fail there), the score is 0 instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields

from dateline.evaluate.measures import TaskTimelines, TimelineDict
from dateline.evaluate.prf import PRF

__all__ = ["PRF", "TaskScores", "TimelineDict", "macro_average", "score_task"]

_FLAT_NAMES = {
    "align_r1": "ar1",
    "align_r2": "ar2",
    "date": "date",
    "concat_r1": "concat_r1",
    "concat_r2": "concat_r2",
    "agree_r1": "agree_r1",
    "agree_r2": "agree_r2",
}


@dataclass(frozen=True)
class TaskScores:
    """All of tilse's scores for one task (or their macro average over tasks)."""

    concat_r1: PRF
    concat_r2: PRF
    agree_r1: PRF
    agree_r2: PRF
    align_r1: PRF
    align_r2: PRF
    date: PRF

    def to_dict(self) -> dict[str, float]:
        """Flat keys: ``ar1_f``/``ar1_p``/``ar1_r`` (align+ m:1 ROUGE-1), ``ar2_*``,
        ``date_f1``/``date_p``/``date_r``, ``concat_r1_*``, ``concat_r2_*``,
        ``agree_r1_*``, ``agree_r2_*``."""
        flat = {}
        for name, prefix in _FLAT_NAMES.items():
            scores: PRF = getattr(self, name)
            flat[f"{prefix}_f1" if name == "date" else f"{prefix}_f"] = scores.f1
            flat[f"{prefix}_p"] = scores.precision
            flat[f"{prefix}_r"] = scores.recall
        return flat


def score_task(predicted: TimelineDict, references: Sequence[TimelineDict]) -> TaskScores:
    """Score ``predicted`` (date -> sentences) against one or more reference timelines."""
    task = TaskTimelines(predicted, references)
    concat, agreement, align = task.concat(), task.agreement(), task.align_many_to_one()
    return TaskScores(
        concat_r1=concat[1],
        concat_r2=concat[2],
        agree_r1=agreement[1],
        agree_r2=agreement[2],
        align_r1=align[1],
        align_r2=align[2],
        date=task.dates(),
    )


def macro_average(tasks: Sequence[TaskScores]) -> TaskScores:
    """Average P and R of every measure over ``tasks``, then F1 from the averages."""
    if not tasks:
        raise ValueError("no tasks to average")
    averaged = {}
    for field in fields(TaskScores):
        scores = [getattr(task, field.name) for task in tasks]
        averaged[field.name] = PRF.from_precision_recall(
            sum(s.precision for s in scores) / len(scores),
            sum(s.recall for s in scores) / len(scores),
        )
    return TaskScores(**averaged)
