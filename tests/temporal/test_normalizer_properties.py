"""Properties of the normaliser for any reference date (DCT) and any weekday: dates
written out resolve to themselves, expressions built on other expressions agree with
them, and week values contain the days they are built from."""

from __future__ import annotations

import datetime as dt

from hypothesis import assume, given, settings, strategies as st

from dateline.temporal import tag, value_to_date

# Years the tagger reads: 1000-2099.
NEWS_DATES = st.dates(min_value=dt.date(1900, 1, 8), max_value=dt.date(2099, 6, 30))
MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
ABBREVIATIONS = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]


def only(text: str, dct: dt.date):
    (found,) = tag(text, dct)
    return found


def weekday_name(day: dt.date) -> str:
    return day.strftime("%A")


@settings(deadline=None)
@given(day=NEWS_DATES, dct=NEWS_DATES)
def test_a_full_date_round_trips_whatever_the_dct(day, dct):
    text = f"It opened on {MONTH_NAMES[day.month - 1]} {day.day}, {day.year}."
    found = only(text, dct)
    assert found.value == day.isoformat()
    assert value_to_date(found.value) == (day, "day")


@settings(deadline=None)
@given(day=NEWS_DATES, dct=NEWS_DATES)
def test_an_iso_date_round_trips_whatever_the_dct(day, dct):
    assert only(f"Filed {day.isoformat()} in court.", dct).value == day.isoformat()


@settings(deadline=None)
@given(dct=NEWS_DATES, offset=st.integers(min_value=-120, max_value=120))
def test_a_date_with_its_weekday_resolves_to_that_date(dct, offset):
    """ "Friday, Oct. 23" near the DCT is that day, in the year where it is a Friday."""
    day = dct + dt.timedelta(days=offset)
    text = f"{weekday_name(day)}, {ABBREVIATIONS[day.month - 1]} {day.day}, was quiet."
    assert only(text, dct).value == day.isoformat()


@settings(deadline=None)
@given(
    dct=NEWS_DATES,
    weekday=st.sampled_from(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]),
    relation=st.sampled_from(["", "last ", "next "]),
    direction=st.sampled_from(["before", "after"]),
    days=st.integers(min_value=1, max_value=9),
)
def test_days_before_or_after_a_weekday_count_from_that_weekday(dct, weekday, relation, direction, days):
    alone = only(f"Talks began {relation}{weekday}.", dct)
    counted = "the day" if days == 1 else f"{days} days"
    around = only(f"Talks began {counted} {direction} {relation}{weekday}.", dct)
    sign = -1 if direction == "before" else 1
    expected = dt.date.fromisoformat(alone.value) + dt.timedelta(days=sign * days)
    assert around.value == expected.isoformat()


@settings(deadline=None)
@given(
    dct=NEWS_DATES,
    weekday=st.sampled_from(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]),
    hour=st.integers(min_value=1, max_value=12),
    meridiem=st.sampled_from(["a.m.", "p.m."]),
)
def test_a_clock_time_after_a_weekday_falls_on_that_weekday(dct, weekday, hour, meridiem):
    day, time = tag(f"On {weekday}, police said the blast came at {hour} {meridiem} near the port.", dct)
    assert time.type == "TIME"
    assert time.value.startswith(day.value + "T")
    expected_hour = hour % 12 + (12 if meridiem == "p.m." else 0)
    assert time.value.endswith(f"T{expected_hour:02d}:00")


@settings(deadline=None)
@given(dct=NEWS_DATES, offset=st.integers(min_value=-200, max_value=200))
def test_the_week_of_a_day_is_the_iso_week_of_that_day(dct, offset):
    day = dct + dt.timedelta(days=offset)
    assume((day.month, day.day) != (2, 29))  # resolved without a year: may not exist
    named = f"{MONTH_NAMES[day.month - 1]} {day.day}"
    alone = dt.date.fromisoformat(only(f"Talks began on {named}.", dct).value)
    year, week, _ = alone.isocalendar()
    assert only(f"Talks began in the week of {named}.", dct).value == f"{year:04d}-W{week:02d}"


@settings(deadline=None)
@given(dct=NEWS_DATES, future=st.booleans())
def test_the_weekend_is_the_nearest_one_in_the_direction_of_the_clause(dct, future):
    text = "Talks will resume after the weekend." if future else "Talks collapsed over the weekend."
    found = only(text, dct)
    assert found.value.endswith("-WE")
    year, week = found.value[:-3].split("-W")
    saturday = dt.date.fromisocalendar(int(year), int(week), 6)
    sunday = saturday + dt.timedelta(days=1)
    if future:
        assert dct - dt.timedelta(days=1) <= saturday <= dct + dt.timedelta(days=7)
    else:
        assert saturday <= dct <= sunday + dt.timedelta(days=6)


@settings(deadline=None)
@given(dct=NEWS_DATES, decades=st.integers(min_value=1, max_value=9))
def test_decades_ago_are_years(dct, decades):
    words = "a decade" if decades == 1 else f"{decades} decades"
    assert only(f"It opened {words} ago.", dct).value == f"{dct.year - 10 * decades:04d}"


@settings(deadline=None)
@given(dct=NEWS_DATES, decade=st.integers(min_value=180, max_value=209))
def test_a_decade_is_written_as_its_first_three_digits(dct, decade):
    assert only(f"Music of the {decade}0s was loud.", dct).value == f"{decade}"


@settings(deadline=None)
@given(dct=NEWS_DATES, century=st.integers(min_value=1, max_value=21))
def test_a_century_is_written_as_its_first_two_digits(dct, century):
    suffix = {1: "st", 2: "nd", 3: "rd", 21: "st"}.get(century, "th")
    assert only(f"It was built in the {century}{suffix} century.", dct).value == f"{century - 1:02d}"


@settings(deadline=None)
@given(
    whole=st.integers(min_value=1, max_value=99),
    unit=st.sampled_from([("hours", "PT{}H30M"), ("years", "P{}Y6M"), ("minutes", "PT{}M30S")]),
)
def test_a_half_is_written_in_the_next_finer_unit(whole, unit):
    word, template = unit
    found = only(f"It took {whole} 1/2 {word}.", dt.date(2000, 1, 1))
    assert (found.type, found.value) == ("DURATION", template.format(whole))


@settings(deadline=None)
@given(hours=st.integers(min_value=1, max_value=500))
def test_hours_that_make_whole_days_are_written_in_days(hours):
    found = only(f"The strike lasted {hours} hours.", dt.date(2000, 1, 1))
    expected = f"P{hours // 24}D" if hours % 24 == 0 else f"PT{hours}H"
    assert (found.type, found.value) == ("DURATION", expected)


@settings(deadline=None)
@given(dct=NEWS_DATES, month=st.integers(min_value=1, max_value=12))
def test_the_quarter_ended_a_month_is_the_quarter_of_its_middle_month_before_the_dct(dct, month):
    name = dt.date(2000, month, 1).strftime("%B")
    found = tag(f"Profit in the quarter ended {name} 28 rose.", dct)[0]
    ended_year = dct.year if month <= dct.month else dct.year - 1
    middle_year, middle_month = (ended_year - 1, 12) if month == 1 else (ended_year, month - 1)
    assert (found.text, found.value) == ("the quarter", f"{middle_year:04d}-Q{(middle_month - 1) // 3 + 1}")


@settings(deadline=None)
@given(dct=NEWS_DATES)
def test_last_week_is_the_iso_week_before_the_dcts_whatever_its_weekday(dct):
    (found,) = tag("Talks stalled last week.", dct)
    year, week, _ = (dct - dt.timedelta(days=7)).isocalendar()
    assert found.value == f"{year:04d}-W{week:02d}"
