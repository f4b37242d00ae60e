"""Each measure on timelines small enough to score by hand.

Tokens (ROUGE-1.5.5: stopwords out, Porter stems): "Rebels seize the airport ." is
rebel seiz airport; "Rebels attack the capital ." is rebel attack capit; "Rebels seize the
capital airport ." is rebel seiz capit airport; "Storm hits (the) coast" is storm hit
coast; "Coast guard rescues sailors" is coast guard rescu sailor.
"""

from __future__ import annotations

import datetime as dt

import pytest

from dateline.evaluate.metrics import PRF, TaskScores, macro_average, score_task

DAY = dt.date(2011, 3, 1)
NEXT_DAY = DAY + dt.timedelta(days=1)
TWO_DAYS_LATER = DAY + dt.timedelta(days=2)

REBELS_PREDICTED = {DAY: ["Rebels seize the airport ."], NEXT_DAY: ["Rebels attack the capital ."]}
REBELS_REFERENCE = {DAY: ["Rebels seize the capital airport ."]}


def assert_prf(scores: PRF, precision: float, recall: float) -> None:
    assert scores.precision == pytest.approx(precision, abs=1e-12)
    assert scores.recall == pytest.approx(recall, abs=1e-12)
    f1 = 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)
    assert scores.f1 == pytest.approx(f1, abs=1e-12)


@pytest.fixture
def rebels() -> TaskScores:
    return score_task(REBELS_PREDICTED, [REBELS_REFERENCE])


def test_concat_scores_the_whole_timelines(rebels: TaskScores) -> None:
    """ROUGE-1: 6 predicted unigrams, 4 reference ones, 4 hits (rebel is clipped to 1).
    ROUGE-2: 5 predicted bigrams (airport-rebel joins the two dates), 3 reference ones,
    1 hit (rebel seiz)."""
    assert_prf(rebels.concat_r1, 4 / 6, 4 / 4)
    assert_prf(rebels.concat_r2, 1 / 5, 1 / 3)


def test_agreement_compares_the_same_dates_only(rebels: TaskScores) -> None:
    """Day 1 has 3 hits of 3 predicted and 4 reference unigrams; day 2 has no reference, so
    its 3 unigrams count in precision only. ROUGE-2: 1 hit, 2 + 2 predicted, 3 reference."""
    assert_prf(rebels.agree_r1, 3 / 6, 3 / 4)
    assert_prf(rebels.agree_r2, 1 / 4, 1 / 3)


def test_align_weights_hits_by_date_distance(rebels: TaskScores) -> None:
    """Day 2 aligns to the reference's day 1 (the only date), one day apart: its 2 hits
    (rebel, capit) count 1/2 each. Recall aligns day 1 to day 1 (cost 0)."""
    assert_prf(rebels.align_r1, (3 + 2 / 2) / 6, 3 / 4)
    assert_prf(rebels.align_r2, 1 / 4, 1 / 3)


def test_dates_are_exact_matches(rebels: TaskScores) -> None:
    assert_prf(rebels.date, 1 / 2, 1 / 1)


STORM_PREDICTED = {DAY: ["Storm hits coast"]}
STORM_REFERENCES = [{DAY: ["Storm hits the coast"]}, {TWO_DAYS_LATER: ["Coast guard rescues sailors"]}]


@pytest.fixture
def storm() -> TaskScores:
    return score_task(STORM_PREDICTED, STORM_REFERENCES)


def test_with_two_references_precision_counts_the_prediction_twice(storm: TaskScores) -> None:
    """concat ROUGE-1: hits 3 (first reference) + 1 (coast, second); predicted 2 x 3;
    reference 3 + 4."""
    assert_prf(storm.concat_r1, 4 / 6, 4 / 7)


def test_with_two_references_a_date_has_both_summaries(storm: TaskScores) -> None:
    """Agreement on day 1: the first reference's summary and the second's empty one (3
    hits, 2 x 3 predicted); recall also covers the second reference's date (4 unigrams,
    no prediction there)."""
    assert_prf(storm.agree_r1, 3 / 6, 3 / 7)
    assert_prf(storm.date, 1 / 1, 1 / 2)


def test_with_two_references_recall_aligns_every_reference_date(storm: TaskScores) -> None:
    """The second reference's date, two days after the only predicted date, aligns to it:
    1 hit (coast) weighted 1/3."""
    assert_prf(storm.align_r1, 3 / 6, (3 + 1 / 3) / 7)


def test_bigrams_cross_sentence_boundaries() -> None:
    """ROUGE-1.5.5 joins a summary's sentences before forming bigrams, so ROUGE-2 (unlike
    ROUGE-1) depends on the order of sentences within a date."""
    reference = [{DAY: ["hits coast"]}]
    in_order = score_task({DAY: ["storm hits", "coast floods"]}, reference)
    reordered = score_task({DAY: ["coast floods", "storm hits"]}, reference)
    assert_prf(in_order.agree_r2, 1 / 3, 1 / 1)
    assert_prf(reordered.agree_r2, 0, 0)
    assert in_order.agree_r1 == reordered.agree_r1


def test_an_empty_prediction_scores_zero() -> None:
    """tilse fails here (division by zero in concat and dates, argmin of nothing in the
    alignment); zero is what it means."""
    scores = score_task({}, [REBELS_REFERENCE])
    assert set(scores.to_dict().values()) == {0.0}


def test_a_prediction_needs_a_reference() -> None:
    with pytest.raises(ValueError, match="reference"):
        score_task(REBELS_PREDICTED, [])


def test_macro_average_computes_f1_from_averaged_precision_and_recall() -> None:
    """Two tasks with F1 = 0 each average to P = R = 1/2 and so F1 = 1/2, as in news-tls."""
    one_sided = {name: PRF(1.0, 0.0, 0.0) for name in TaskScores.__dataclass_fields__}
    other_side = {name: PRF(0.0, 1.0, 0.0) for name in TaskScores.__dataclass_fields__}
    averaged = macro_average([TaskScores(**one_sided), TaskScores(**other_side)])
    assert averaged.align_r1 == PRF(0.5, 0.5, 0.5)
    assert averaged.date == PRF(0.5, 0.5, 0.5)


def test_flat_keys(rebels: TaskScores) -> None:
    flat = rebels.to_dict()
    assert list(flat) == [
        "ar1_f",
        "ar1_p",
        "ar1_r",
        "ar2_f",
        "ar2_p",
        "ar2_r",
        "date_f1",
        "date_p",
        "date_r",
        "concat_r1_f",
        "concat_r1_p",
        "concat_r1_r",
        "concat_r2_f",
        "concat_r2_p",
        "concat_r2_r",
        "agree_r1_f",
        "agree_r1_p",
        "agree_r1_r",
        "agree_r2_f",
        "agree_r2_p",
        "agree_r2_r",
    ]
    assert flat["ar1_f"] == rebels.align_r1.f1 and flat["date_f1"] == rebels.date.f1
