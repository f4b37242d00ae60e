"""TimeML value conventions for the forms news uses beyond TimeBank's own documents:
durations, sets, clock times on the right day, decades, weeks and day expressions built
on other day expressions."""

from __future__ import annotations

import datetime as dt

import pytest

from dateline.temporal import tag

WEDNESDAY = dt.date(1998, 10, 21)
SUNDAY = dt.date(1998, 10, 25)


def tagged(text: str, dct: dt.date = WEDNESDAY) -> list[tuple[str, str, str]]:
    return [(t.text, t.type, t.value) for t in tag(text, dct)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He served four years in prison.", ("four years", "DURATION", "P4Y")),
        ("The talks lasted five hours.", ("five hours", "DURATION", "PT5H")),
        ("In the last twenty four hours, the stock market fell.", ("the last twenty four hours", "DURATION", "P1D")),
        ("Troops must leave within 48 hours.", ("48 hours", "DURATION", "P2D")),
        ("The siege lasted 36 hours.", ("36 hours", "DURATION", "PT36H")),
        ("Fighting in recent days killed dozens.", ("recent days", "DURATION", "PXD")),
        ("It will grow in coming years.", ("coming years", "DURATION", "PXY")),
        ("Rates may fall in the coming weeks.", ("the coming weeks", "DURATION", "PXW")),
        ("It happened in less than a decade.", ("less than a decade", "DURATION", "P10Y")),
        ("They fought for two centuries.", ("two centuries", "DURATION", "P200Y")),
        ("Troops will arrive within weeks.", ("weeks", "DURATION", "PXW")),
        ("Shipments resume within two to three weeks.", ("two to three weeks", "DURATION", "P2W")),
        ("He faces 5-10 years in prison.", ("5-10 years", "DURATION", "P5Y")),
    ],
)
def test_durations(text, expected):
    assert tagged(text) == [expected]


@pytest.mark.parametrize(
    ("text", "dct", "expected"),
    [
        # May to July lies mostly in the second calendar quarter.
        ("In the quarter ended July 31, Jayark had average sales of $3 million.", dt.date(1989, 10, 30), "1989-Q2"),
        ("Revenue for the quarter ended Sept. 30 rose 12%.", dt.date(1989, 10, 30), "1989-Q3"),
        ("Net income in the latest quarter ended Jan. 31 fell.", dt.date(1990, 3, 2), "1989-Q4"),
        ("Profit in the quarter ended Dec. 31 doubled.", dt.date(1990, 2, 14), "1989-Q4"),
    ],
)
def test_the_quarter_ended_a_date_is_the_calendar_quarter_it_mostly_covers(text, dct, expected):
    assert tagged(text, dct)[0][1:] == ("DATE", expected)


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        (
            "Net income fell in the third quarter from $1.8 million for the corresponding period last year.",
            "the corresponding period last year",
        ),
        (
            "Columbia lost money in the third quarter. For the quarter a year ago, it earned $16.3 million.",
            "the quarter a year ago",
        ),
        ("Third-quarter sales rose 13% from the same period a year earlier.", "the same period a year earlier"),
    ],
)
def test_the_period_a_year_before_is_one_expression_a_year_before_the_quarter_discussed(text, phrase):
    assert tagged(text, dt.date(1989, 11, 1))[-1] == (phrase, "DATE", "1988-Q3")


@pytest.mark.parametrize(
    ("text", "dct", "expected"),
    [
        (
            "In London at mid-afternoon yesterday, Ratners's shares were up 2 pence.",
            dt.date(1989, 11, 2),
            ("mid-afternoon yesterday", "TIME", "1989-11-01TAF"),
        ),
        (
            "Protesters remained peaceful mid-morning Saturday after street battles overnight.",
            dt.date(2011, 2, 5),
            ("mid-morning Saturday", "TIME", "2011-02-05TMO"),
        ),
        (
            "Police raided the house in the early morning on Tuesday.",
            dt.date(1998, 10, 21),
            ("early morning on Tuesday", "TIME", "1998-10-20TMO"),
        ),
    ],
)
def test_a_part_of_the_day_before_its_day_is_a_time_on_that_day(text, dct, expected):
    assert tagged(text, dct) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Islam will one day be the second largest religion in the country.", ("one day", "DATE", "FUTURE_REF")),
        ("Solar power could one day replace oil.", ("one day", "DATE", "FUTURE_REF")),
        ("The strike lasted one day.", ("one day", "DURATION", "P1D")),
    ],
)
def test_one_day_after_a_modal_is_some_future_day(text, expected):
    assert tagged(text) == [expected]


@pytest.mark.parametrize(
    ("text", "dct", "expected"),
    [
        # A forecast quarter does not become the quarter the results are compared with.
        (
            "Bethlehem expects the slump to continue into the fourth quarter and through the third quarter of "
            "1990. In the year-ago period, Bethlehem earned $101.4 million.",
            dt.date(1989, 10, 26),
            "1988-Q3",
        ),
        # A quarter reported in the past tense does, even the DCT's own (a fiscal quarter).
        (
            "Ralston Purina reported a 47% decline in fourth-quarter earnings, to $50 million from "
            "$94.3 million a year earlier.",
            dt.date(1989, 11, 2),
            "1988-Q4",
        ),
    ],
)
def test_the_year_ago_period_is_a_year_before_the_quarter_reported(text, dct, expected):
    assert tagged(text, dct)[-1][1:] == ("DATE", expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The rights allow holders to buy shares at 50% of the then current market price.", "then current"),
        ("He met the then-current chairman.", "then-current"),
    ],
)
def test_then_current_is_the_present_of_a_past_time(text, expected):
    assert tagged(text) == [(expected, "DATE", "PAST_REF")]


@pytest.mark.parametrize("phrase", ["a later date", "a future date"])
def test_a_later_date_is_some_future_time(phrase):
    assert tagged(f"The financing will be arranged at {phrase}.") == [(phrase, "DATE", "FUTURE_REF")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Earnings for fiscal 1990's first quarter rose.", ("fiscal 1990's first quarter", "DATE", "1990-Q1")),
        ("Sales fell in 1988's third quarter.", ("1988's third quarter", "DATE", "1988-Q3")),
        ("Prices rose in 1990's first half.", ("1990's first half", "DATE", "1990-H1")),
        ("Prices rose in the 1990's.", ("the 1990's", "DATE", "199")),
    ],
)
def test_a_quarter_or_half_of_a_year_named_in_the_possessive(text, expected):
    assert tagged(text, dt.date(1989, 11, 2)) == [expected]


def test_the_year_ended_a_date_is_a_reporting_period():
    assert tagged("Revenue in the year ended March 31 rose.") == [
        ("the year", "DURATION", "P1Y"),
        ("March 31", "DATE", "1998-03-31"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The paper is published daily.", ("daily", "SET", "P1D")),
        ("They meet weekly in Paris.", ("weekly", "SET", "P1W")),
        ("Dividends of $5 million annually.", ("annually", "SET", "P1Y")),
        ("Profits doubled annually since 1980.", ("annually", "SET", "P1Y")),
        ("The fair is held every year.", ("every year", "SET", "P1Y")),
    ],
)
def test_frequency_adverbs_are_sets(text, expected):
    assert tagged(text)[0] == expected


@pytest.mark.parametrize("text", ["a daily newspaper", "the weekly magazine", "annually adjusted rates"])
def test_frequency_adjectives_are_not_time_expressions(text):
    assert tagged(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They left at 4 in the morning.", ("4 in the morning", "TIME", "1998-10-21T04:00")),
        ("at ten o'clock at night", ("ten o'clock at night", "TIME", "1998-10-21T22:00")),
        ("They met at midday.", ("midday", "TIME", "1998-10-21T12:00")),
        ("The offer expires at 5 p.m. EST, Nov. 6.", ("5 p.m. EST, Nov. 6", "TIME", "1998-11-06T17:00")),
        ("It ended at 10 p.m. local time Tuesday.", ("10 p.m. local time Tuesday", "TIME", "1998-10-20T22:00")),
    ],
)
def test_clock_times(text, expected):
    assert tagged(text) == [expected]


def test_a_clock_time_falls_on_the_day_named_just_before_it():
    assert tagged("On Monday, police said the blast came at 10:35 a.m. near the port.") == [
        ("Monday", "DATE", "1998-10-19"),
        ("10:35 a.m.", "TIME", "1998-10-19T10:35"),
    ]


def test_a_clock_time_far_from_any_named_day_falls_on_the_dct():
    text = "On Monday, police came. " + "Nothing else happened there. " * 12 + "At 6 a.m. it rained."
    assert tagged(text)[-1] == ("6 a.m.", "TIME", "1998-10-21T06:00")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Music of the 1960s.", ("the 1960s", "DATE", "196")),
        ("In the early 1990s, growth slowed.", ("the early 1990s", "DATE", "199")),
        ("the late '80s", ("the late '80s", "DATE", "198")),
        ("through the nineties", ("the nineties", "DATE", "199")),
        ("in the 20th century", ("the 20th century", "DATE", "19")),
        ("Post-1959 Cuba changed.", ("1959", "DATE", "1959")),
        ("A decade ago, the wall fell.", ("A decade ago", "DATE", "1988")),
        ("two decades ago", ("two decades ago", "DATE", "1978")),
    ],
)
def test_decades_centuries_and_years_counted_in_decades(text, expected):
    assert tagged(text) == [expected]


@pytest.mark.parametrize(
    ("text", "dct", "expected"),
    [
        ("He said last week that he would go.", WEDNESDAY, ("last week", "DATE", "1998-W42")),
        ("They met during the weekend.", WEDNESDAY, ("the weekend", "DATE", "1998-W42-WE")),
        ("They met during the weekend.", SUNDAY, ("the weekend", "DATE", "1998-W43-WE")),
        ("Talks will resume after the weekend.", WEDNESDAY, ("the weekend", "DATE", "1998-W43-WE")),
        ("Talks will resume after the weekend.", SUNDAY, ("the weekend", "DATE", "1998-W44-WE")),
        ("In the week of March 6 they met.", WEDNESDAY, ("the week of March 6", "DATE", "1998-W10")),
    ],
)
def test_weeks(text, dct, expected):
    assert tagged(text, dct) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On Friday, Oct. 23, the crash came.", ("Friday, Oct. 23", "DATE", "1998-10-23")),
        ("Monday, Oct. 26, is the deadline.", ("Monday, Oct. 26", "DATE", "1998-10-26")),
        ("Friday, Oct. 24, 1997", ("Friday, Oct. 24, 1997", "DATE", "1997-10-24")),
        # Oct. 23 was a Thursday in 1997 (a Friday in 1998): the weekday picks the year.
        ("Thursday, Oct. 23", ("Thursday, Oct. 23", "DATE", "1997-10-23")),
        ("The day before last Tuesday he left.", ("The day before last Tuesday", "DATE", "1998-10-19")),
        ("two days after March 5", ("two days after March 5", "DATE", "1998-03-07")),
        ("the day after Christmas", ("the day after Christmas", "DATE", "1998-12-26")),
    ],
)
def test_days_named_with_their_weekday_or_from_another_day(text, expected):
    assert tagged(text) == [expected]


def test_an_adjective_in_ed_is_not_a_past_tense():
    """ "a still unspecified date in January" is future (the dividend "would be paid")."""
    text = "The dividend would be paid on a still unspecified date in January."
    assert tagged(text, dt.date(1989, 10, 26)) == [("January", "DATE", "1990-01")]


@pytest.mark.parametrize("text", ["U.N. Resolution 1973 passed.", "Flight 1549 landed.", "He got 1973 votes."])
def test_numbers_that_name_or_count_are_not_years(text):
    assert tagged(text) == []


# Real lines of the Entities and Timeline17 corpora ("Theresa May", "Ethel May Weiss",
# "Olwen May as Sal", Haiti appeals' "May God be with ...").
@pytest.mark.parametrize(
    "text",
    [
        "The home secretary, Theresa May, even created an amnesty.",
        "Theresa May was announced as the new leader.",
        "His mother, Ethel May Weiss, is a doctor.",
        "James Nickerson as Tony, Olwen May as Sal.",
        "Thank you for listening. May God bless all of you.",
    ],
)
def test_may_as_a_name_or_a_wish_is_no_month(text):
    assert [t for t in tagged(text) if t[0] == "May"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In May the company grew.", ("May", "DATE", "1998-05")),
        ("Last May sales rose.", ("Last May", "DATE", "1998-05")),
        ("The May figures were weak.", ("May", "DATE", "1998-05")),
        ("As May was drawing to a close, talks resumed.", ("May", "DATE", "1998-05")),
        ("He said so. May was a good month.", ("May", "DATE", "1998-05")),
        ("In May Godfrey Hodgson wrote the report.", ("May", "DATE", "1998-05")),
        ("Later May brought rain.", ("May", "DATE", "1998-05")),
    ],
)
def test_may_after_a_word_that_leads_to_a_date_is_the_month(text, expected):
    assert tagged(text) == [expected]
