"""Calendar facts the tagger's values rest on: holidays, Easter, quarters named by ordinal,
"tonight", and how far a day without a year reaches.

Each case pins a place where the mutation check (``bench/mutation_check.py``,
``docs/mutation.md``) flipped one token and no other test noticed.
"""

from __future__ import annotations

import datetime as dt

import pytest

from dateline.temporal import tag
from dateline.temporal.calendar_math import easter

# Gregorian Easter Sundays, from published tables; 1818 and 2285 are the earliest
# possible (22 March), 1943 and 2038 the latest (25 April).
EASTER = {
    1818: "03-22",
    1943: "04-25",
    2000: "04-23",
    2001: "04-15",
    2002: "03-31",
    2003: "04-20",
    2004: "04-11",
    2005: "03-27",
    2006: "04-16",
    2007: "04-08",
    2008: "03-23",
    2009: "04-12",
    2010: "04-04",
    2011: "04-24",
    2012: "04-08",
    2013: "03-31",
    2014: "04-20",
    2015: "04-05",
    2016: "03-27",
    2017: "04-16",
    2018: "04-01",
    2019: "04-21",
    2020: "04-12",
    2021: "04-04",
    2022: "04-17",
    2023: "04-09",
    2024: "03-31",
    2025: "04-20",
    2038: "04-25",
    2285: "03-22",
}


def values(text: str, published: dt.date) -> list[tuple[str, str]]:
    return [(timex.text, timex.value) for timex in tag(text, published)]


@pytest.mark.parametrize("year", sorted(EASTER))
def test_easter_is_the_published_sunday(year: int) -> None:
    assert easter(year).isoformat() == f"{year}-{EASTER[year]}"


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("Churches were full on Easter.", dt.date(2011, 5, 2), ("Easter", "2011-04-24")),
        ("Shops were shut on Christmas.", dt.date(2010, 12, 28), ("Christmas", "2010-12-25")),
        ("Lights went up on Christmas Eve.", dt.date(2010, 12, 28), ("Christmas Eve", "2010-12-24")),
        ("They married on Valentine's Day.", dt.date(2010, 3, 20), ("Valentine's Day", "2010-02-14")),
        ("Fireworks lit the sky on Independence Day.", dt.date(2010, 8, 20), ("Independence Day", "2010-07-04")),
        ("Parties ran late on New Year's Eve.", dt.date(2011, 1, 3), ("New Year's Eve", "2010-12-31")),
        # the n-th weekday of a month, from its start and from its end
        ("Workers marched on Labor Day.", dt.date(2010, 9, 20), ("Labor Day", "2010-09-06")),
        ("Stores opened early on Thanksgiving.", dt.date(2010, 12, 1), ("Thanksgiving", "2010-11-25")),
        ("The parade was held on Memorial Day.", dt.date(2010, 6, 15), ("Memorial Day", "2010-05-31")),
        ("The parade was held on Memorial Day.", dt.date(2011, 6, 15), ("Memorial Day", "2011-05-30")),
    ],
)
def test_holidays_resolve_to_their_day(text: str, published: dt.date, expected: tuple[str, str]) -> None:
    assert values(text, published) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Apple sold 2.8 m of the devices in 2011, almost half of those in its enormous Christmas quarter.",
        "Retailers are braced for a weak Christmas shopping season.",
        "Parliament rose for the Easter recess.",
        "The Easter Rising began in Dublin.",
    ],
)
def test_a_holiday_naming_a_period_or_a_thing_is_not_its_day(text: str) -> None:
    """The Christmas quarter is the last quarter of the year, not 25 December (the
    first sentence is from an Entities article, Steve_Jobs 2012-02-15)."""
    assert values(text, dt.date(2012, 2, 15)) == [("2011", "2011")] * ("2011" in text)


def test_tonight_is_the_night_of_publication() -> None:
    assert values("The president will speak tonight.", dt.date(2010, 3, 20)) == [("tonight", "2010-03-20TNI")]


@pytest.mark.parametrize("ordinal", ["3rd quarter", "third quarter"])
def test_a_quarter_named_by_ordinal_is_that_quarter(ordinal: str) -> None:
    [(_, value)] = values(f"Sales rose in the {ordinal}.", dt.date(2010, 11, 20))
    assert value == "2010-Q3"


def test_the_year_ago_quarter_is_four_quarters_back() -> None:
    found = values("Profit rose in the fourth quarter from the year-ago quarter.", dt.date(2011, 2, 20))
    assert found == [("the fourth quarter", "2010-Q4"), ("the year-ago quarter", "2009-Q4")]


def test_a_day_without_a_year_after_since_is_the_last_one_before_publication() -> None:
    # 3 March is 11 days after the publication date, so "since" means the year before.
    assert values("The rebels have held the town since March 3.", dt.date(2010, 2, 20)) == [("March 3", "2009-03-03")]


def test_a_day_without_a_year_more_than_two_months_ahead_is_last_years() -> None:
    assert values("The deal was signed on May 10.", dt.date(2010, 2, 20)) == [("May 10", "2009-05-10")]
    assert values("The deal was signed on March 10.", dt.date(2010, 2, 20)) == [("March 10", "2010-03-10")]
