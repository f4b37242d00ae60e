"""align+ m:1's date alignment, cost (1 - 1/(days + 1)) * (1 - approximate ROUGE-1 F1)."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from dateline.evaluate.alignment import align_many_to_one, raw_token_counts


def day(n: int) -> dt.date:
    return dt.date(2010, 1, n)


def summary(*sentences: str) -> Counter[str]:
    return raw_token_counts(sentences)


def test_the_same_date_costs_nothing_whatever_the_text() -> None:
    to_reference, _ = align_many_to_one(
        [(day(5), summary("oil spill reaches coast"))],
        [(day(5), [summary("unrelated")]), (day(6), [summary("oil spill reaches coast")])],
    )
    assert to_reference == [0]


def test_content_can_outweigh_a_closer_date() -> None:
    """Jan 4 shares only "the" (F = 2/11): cost 1/2 * 9/11. Jan 8 shares 5 of 7 tokens
    (F = 5/6): cost 3/4 * 1/6, cheaper."""
    to_reference, to_predicted = align_many_to_one(
        [(day(5), summary("Engineers cap the leaking well after weeks ."))],
        [(day(4), [summary("Storm delays the cleanup .")]), (day(8), [summary("Engineers cap the leaking well .")])],
    )
    assert to_reference == [1]
    assert to_predicted == [0, 0]


def test_ties_go_to_the_earliest_date() -> None:
    """Equal distance and equal overlap: numpy's argmin takes the first date."""
    to_reference, to_predicted = align_many_to_one(
        [(day(5), summary("oil spill")), (day(9), summary("oil spill"))],
        [(day(3), [summary("oil slick")]), (day(7), [summary("oil slick")])],
    )
    assert to_reference == [0, 1]
    assert to_predicted == [0, 0]


def test_identical_text_costs_nothing_at_any_distance() -> None:
    """A content factor of 0 zeroes the cost, so every identical summary ties with the
    same date and the earliest wins (a tilse quirk kept as it is)."""
    text = "oil spill reaches coast"
    to_reference, _ = align_many_to_one(
        [(day(9), summary(text))],
        [(day(3), [summary(text)]), (day(9), [summary(text)])],
    )
    assert to_reference == [0]


def test_many_predicted_dates_may_share_one_reference_date() -> None:
    to_reference, _ = align_many_to_one(
        [(day(1), summary("a")), (day(2), summary("b")), (day(3), summary("c"))],
        [(day(2), [summary("x")])],
    )
    assert to_reference == [0, 0, 0]


def test_raw_tokens_keep_case_and_drop_substrings_of_punctuation_only() -> None:
    """tilse tests ``token not in string.punctuation``, a substring test on a string:
    "." and "()" go, but PTB quotes "``" and "''" and the dash "--" stay."""
    assert raw_token_counts(["The the . () `` '' -- U.S."]) == Counter(
        {"The": 1, "the": 1, "``": 1, "''": 1, "--": 1, "U.S.": 1}
    )


def test_nothing_to_align() -> None:
    assert align_many_to_one([], [(day(1), [summary("a")])]) == ([], [])
