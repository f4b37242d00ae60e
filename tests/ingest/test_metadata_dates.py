"""Publication dates as sources write them: every form gives the local calendar date as
written, whatever the time and zone; ambiguous numeric dates are refused unless the order
is given."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, strategies as st

from dateline.ingest.dates import AmbiguousDate, DateOrder, find_date_in_text, parse_publication_date

TODAY = dt.date(2030, 1, 1)
dates = st.dates(min_value=dt.date(1800, 1, 1), max_value=TODAY)
times = st.times()
zones = st.integers(min_value=-12 * 60, max_value=14 * 60).map(
    lambda minutes: dt.timezone(dt.timedelta(minutes=minutes))
)


def parse(raw: str, order: DateOrder | None = None) -> dt.date:
    return parse_publication_date(raw, TODAY, order)


@given(dates, times, zones)
def test_iso_8601_with_time_and_zone_keeps_the_local_date(date: dt.date, time: dt.time, zone: dt.timezone) -> None:
    stamp = dt.datetime.combine(date, time, zone)
    assert parse(stamp.isoformat()) == date
    assert parse(stamp.isoformat().replace("+00:00", "Z")) == date


@given(dates, times, zones)
def test_rfc_822_keeps_the_local_date(date: dt.date, time: dt.time, zone: dt.timezone) -> None:
    stamp = dt.datetime.combine(date, time.replace(microsecond=0), zone)
    assert parse(stamp.strftime("%a, %d %b %Y %H:%M:%S %z")) == date
    assert parse(stamp.strftime("%d %b %Y %H:%M GMT")) == date


@given(dates, st.sampled_from(["%B %d, %Y", "%d %B %Y", "%A, %B %d, %Y", "%b. %d, %Y", "%A %d %B %Y, %I:%M %p EST"]))
def test_written_out_english_dates_are_read(date: dt.date, form: str) -> None:
    assert parse(date.strftime(form)) == date


@given(dates.filter(lambda d: d.day <= 12 and d.day != d.month), st.sampled_from("/.-"))
def test_an_ambiguous_numeric_date_is_refused_unless_the_order_is_given(date: dt.date, sep: str) -> None:
    dmy, mdy = f"{date.day:02}{sep}{date.month:02}{sep}{date.year}", f"{date.month}{sep}{date.day}{sep}{date.year}"
    with pytest.raises(AmbiguousDate, match="--date-order dmy|mdy"):
        parse(dmy)
    assert parse(dmy, DateOrder.DMY) == date
    assert parse(mdy, DateOrder.MDY) == date


@given(dates.filter(lambda d: d.day > 12))
def test_a_numeric_date_that_reads_one_way_only_needs_no_order(date: dt.date) -> None:
    assert parse(f"{date.day}/{date.month}/{date.year}") == date
    assert parse(f"{date.month}/{date.day}/{date.year}") == date


@pytest.mark.parametrize(
    "raw", ["2024-02-30", "31 April 2024", "Tue, 32 May 2024 10:00:00 GMT", "next week", "2024-03-15 and more words"]
)
def test_impossible_or_unreadable_dates_are_refused(raw: str) -> None:
    with pytest.raises(ValueError):
        parse(raw)


def test_a_visible_dateline_is_found_in_running_text_but_numeric_dates_are_not() -> None:
    assert find_date_in_text("Published: Friday, March 15, 2024 | 11:30 PM", TODAY) == dt.date(2024, 3, 15)
    assert find_date_in_text("Updated 02/03/2024", TODAY) is None
