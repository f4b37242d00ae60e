"""Which coarse timeline entry (a month, a year) contains which finer date: a coarse
entry is only offered for a period that holds the story's finer dates, so a slip here
lets a year or month stand in for news outside it (found by ``bench/mutation_check.py``).
"""

from __future__ import annotations

import datetime as dt

import pytest

from dateline.timeline.dated_summaries import covers

YEAR_2010 = (dt.date(2010, 1, 1), "year")
MAY_2010 = (dt.date(2010, 5, 1), "month")


@pytest.mark.parametrize(
    ("coarse", "fine", "expected"),
    [
        (YEAR_2010, (dt.date(2010, 5, 3), "day"), True),
        (YEAR_2010, (dt.date(2010, 5, 1), "month"), True),
        (YEAR_2010, (dt.date(2011, 5, 3), "day"), False),
        (YEAR_2010, (dt.date(2011, 5, 1), "month"), False),
        (YEAR_2010, (dt.date(2010, 1, 1), "year"), False),
        (MAY_2010, (dt.date(2010, 5, 3), "day"), True),
        (MAY_2010, (dt.date(2010, 6, 3), "day"), False),
        (MAY_2010, (dt.date(2011, 5, 3), "day"), False),
        (MAY_2010, (dt.date(2010, 5, 1), "month"), False),
        ((dt.date(2010, 5, 3), "day"), (dt.date(2010, 5, 3), "day"), False),
    ],
)
def test_a_coarse_date_covers_only_finer_dates_inside_it(coarse, fine, expected: bool) -> None:
    assert covers(coarse, fine) is expected
