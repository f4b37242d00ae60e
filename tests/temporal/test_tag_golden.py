"""The tricky cases from the issue and the common news forms, pinned to their values."""

from __future__ import annotations

import datetime as dt

import pytest

from dateline.temporal import Timex, tag

FRIDAY = dt.date(2023, 7, 28)


def values(text: str, dct: dt.date) -> list[tuple[str, str]]:
    return [(t.text, t.value) for t in tag(text, dct)]


@pytest.mark.parametrize(
    ("text", "dct", "expected"),
    [
        ("On Thursday, the minister resigned.", FRIDAY, [("Thursday", "2023-07-27")]),
        ("Sales fell last month.", dt.date(2020, 10, 7), [("last month", "2020-09")]),
        ("It will close by the end of this year.", dt.date(2020, 10, 7), [("the end of this year", "2020")]),
        ("The vote is due next May.", dt.date(2023, 10, 5), [("next May", "2024-05")]),
        ("It happened on July 27, 2023.", FRIDAY, [("July 27, 2023", "2023-07-27")]),
        ("It happened on 27 July 2023.", FRIDAY, [("27 July 2023", "2023-07-27")]),
        ("Filed 2023-07-27.", FRIDAY, [("2023-07-27", "2023-07-27")]),
        ("Talks began Jan. 5 , 2011 in Cairo .", FRIDAY, [("Jan. 5 , 2011", "2011-01-05")]),
        ("Talks began Jan. 5 in Cairo.", dt.date(2011, 1, 25), [("Jan. 5", "2011-01-05")]),
        ("Prices rose in January 2011.", FRIDAY, [("January 2011", "2011-01")]),
        ("Prices rose in 2011.", FRIDAY, [("2011", "2011")]),
        (
            "He arrived today, left yesterday and returns tomorrow.",
            FRIDAY,
            [("today", "2023-07-28"), ("yesterday", "2023-07-27"), ("tomorrow", "2023-07-29")],
        ),
        ("Talks stalled last week.", dt.date(2011, 1, 25), [("last week", "2011-W03")]),
        (
            "Profits rose last year and this year; next year is uncertain.",
            FRIDAY,
            [("last year", "2022"), ("this year", "2023"), ("next year", "2024")],
        ),
        ("The 1990s were calm.", FRIDAY, [("The 1990s", "199")]),
        ("Three years ago it failed.", FRIDAY, [("Three years ago", "2020")]),
        ("Results for the third quarter beat forecasts.", dt.date(1989, 10, 25), [("the third quarter", "1989-Q3")]),
        ("Now the market is calm.", FRIDAY, [("Now", "PRESENT_REF")]),
        (
            "late January and early February",
            dt.date(2011, 3, 1),
            [("late January", "2011-01"), ("early February", "2011-02")],
        ),
    ],
)
def test_resolves_against_the_publication_date(text, dct, expected):
    assert values(text, dct) == expected


def test_a_weekday_said_in_the_future_tense_resolves_forward():
    assert values("The council will meet on Monday.", FRIDAY) == [("Monday", "2023-07-31")]


def test_the_publication_weekday_is_the_publication_day():
    assert values("Officials said Friday that talks failed.", FRIDAY) == [("Friday", "2023-07-28")]


def test_last_night_is_a_time_on_the_previous_day():
    assert tag("Fighting broke out last night .", dt.date(2011, 1, 25)) == [
        Timex(19, 29, "last night", "TIME", "2011-01-24TNI")
    ]


def test_durations_and_sets_are_typed():
    found = {(t.text, t.type, t.value) for t in tag("a five-year plan paid every week", FRIDAY)}
    assert found == {("five-year", "DURATION", "P5Y"), ("every week", "SET", "P1W")}


def test_the_modal_may_is_not_a_month():
    assert tag("Officials may resign.", FRIDAY) == []


def test_a_count_is_not_a_year():
    assert tag("It cost $2011 and 2,000 people came, up 2011%.", FRIDAY) == []
