"""Properties every score has, on random small timelines."""

from __future__ import annotations

import datetime as dt
from dataclasses import FrozenInstanceError

import pytest
from hypothesis import given, settings, strategies as st

from dateline.evaluate.alignment import raw_token_counts
from dateline.evaluate.metrics import TaskScores, TimelineDict, score_task
from dateline.evaluate.rouge_tokens import summary_tokens

WORDS = [
    "oil",
    "spill",
    "coast",
    "storm",
    "rescued",
    "children",
    "the",
    "was",
    "agreement",
    "well-known",
    "U.S.",
    ".",
    "''",
    "1.45",
    "Rebels",
    "rebel",
    "capital",
    "^",
]
START = dt.date(2020, 1, 1)

sentences = st.lists(st.sampled_from(WORDS), min_size=1, max_size=6).map(" ".join)
dates = st.integers(0, 20).map(lambda n: START + dt.timedelta(days=n))
timelines = st.dictionaries(dates, st.lists(sentences, min_size=1, max_size=3), max_size=6)
MEASURES = ("concat_r1", "concat_r2", "agree_r1", "agree_r2", "align_r1", "align_r2", "date")


def has_content(timeline: TimelineDict) -> bool:
    return any(summary_tokens(sentences) for sentences in timeline.values())


@settings(max_examples=60, deadline=None, derandomize=True)
@given(timelines, st.lists(timelines, min_size=1, max_size=3))
def test_scores_lie_between_0_and_1(predicted: TimelineDict, references: list[TimelineDict]) -> None:
    assert all(0 <= value <= 1 for value in score_task(predicted, references).to_dict().values())


@settings(max_examples=60, deadline=None, derandomize=True)
@given(timelines)
def test_a_timeline_matches_itself(timeline: TimelineDict) -> None:
    """align+ m:1 reaches 1 only when no two dates have the same raw tokens: identical
    text costs 0 at any distance, so a later copy aligns to the earliest date and its hits
    are discounted (tilse does the same; golden case
    ``identical_days_align_to_the_earliest_against_itself``)."""
    scores = score_task(timeline, [timeline])
    if timeline:
        assert scores.date.f1 == 1
    if has_content(timeline):
        assert scores.concat_r1.f1 == scores.agree_r1.f1 == 1
        texts = [raw_token_counts(sentences) for sentences in timeline.values()]
        if all(a != b for i, a in enumerate(texts) for b in texts[i + 1 :]):
            assert scores.align_r1.f1 == 1


@settings(max_examples=60, deadline=None, derandomize=True)
@given(timelines, timelines)
def test_swapping_prediction_and_single_reference_swaps_precision_and_recall(
    first: TimelineDict, second: TimelineDict
) -> None:
    """With one reference every count is symmetric, the alignment cost too."""
    forward, backward = score_task(first, [second]), score_task(second, [first])
    for name in MEASURES:
        assert getattr(forward, name).precision == getattr(backward, name).recall
        assert getattr(forward, name).recall == getattr(backward, name).precision


@settings(max_examples=60, deadline=None, derandomize=True)
@given(timelines, timelines, st.randoms(use_true_random=False))
def test_rouge_1_and_dates_ignore_sentence_order_within_a_date(
    predicted: TimelineDict, reference: TimelineDict, random
) -> None:
    """ROUGE-2 does not: bigrams run across sentences (see test_measures)."""
    shuffled = {date: random.sample(list(sents), len(sents)) for date, sents in predicted.items()}
    before, after = score_task(predicted, [reference]), score_task(shuffled, [reference])
    for name in ("concat_r1", "agree_r1", "align_r1", "date"):
        assert getattr(before, name) == getattr(after, name)


def test_task_scores_are_frozen() -> None:
    scores: TaskScores = score_task({START: ["oil spill"]}, [{START: ["oil spill"]}])
    with pytest.raises(FrozenInstanceError):
        scores.date = scores.align_r1  # type: ignore[misc]
