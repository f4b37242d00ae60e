"""Scoring the whole Timeline17 protocol (19 tasks) takes seconds, not minutes."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

from dateline.evaluate.metrics import macro_average, score_task
from dateline.evaluate.timeline_files import read_timeline


def test_scores_the_19_t17_tasks_within_5_cpu_seconds(shared_data: Path) -> None:
    """Each reference against another topic folder's timeline moved onto its dates' span:
    L x L alignment costs (up to 155 x 155) and full ROUGE counting. CPU time, so that a
    busy machine does not fail the test."""
    references = [read_timeline(path) for path in sorted((shared_data / "t17").glob("*/timelines/*.txt"))]
    predictions = []
    for reference, other in zip(references, references[1:] + references[:1], strict=True):
        offset = min(reference) - min(other)
        predictions.append(
            {
                date + offset + dt.timedelta(days=i % 3): sentences
                for i, (date, sentences) in enumerate(sorted(other.items()))
            }
        )
    started = time.process_time()
    scores = [score_task(predicted, [reference]) for predicted, reference in zip(predictions, references, strict=True)]
    macro_average(scores)
    assert len(scores) == 19
    assert time.process_time() - started < 5
