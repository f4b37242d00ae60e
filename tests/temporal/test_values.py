"""``value_to_date``: which TIMEX3 values a timeline can place, and where."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, strategies as st

from dateline.temporal import value_to_date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-07-27", (dt.date(2023, 7, 27), "day")),
        ("2011-01-24TNI", (dt.date(2011, 1, 24), "day")),
        ("2011-01-24T17:00", (dt.date(2011, 1, 24), "day")),
        ("2020-09", (dt.date(2020, 9, 1), "month")),
        ("2020", (dt.date(2020, 1, 1), "year")),
    ],
)
def test_days_months_and_years_become_dates(value, expected):
    assert value_to_date(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "2011-W03",
        "2011-W03-WE",
        "2020-SU",
        "1989-Q3",
        "199",
        "19",
        "PRESENT_REF",
        "P3Y",
        "XXXX-07",
        "2023-02-30",
        "2023-13",
        "",
        "0000",
    ],
)
def test_other_values_have_no_date(value):
    assert value_to_date(value) is None


@given(st.text())
def test_never_raises(value):
    value_to_date(value)
