"""Reading a TIMEX3 value back as a calendar date, for the stages that place mentions on
a timeline (which only knows days, months and years)."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from dateline.model import Granularity

_CALENDAR_VALUE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T.*)?)?)?")


def value_to_date(value: str) -> tuple[dt.date, Granularity] | None:
    """The first day of the day, month or year a TIMEX3 ``value`` names, with its
    granularity: ``2023-07-27`` → day, ``2011-01-24TNI`` → that day, ``2020-09`` → month,
    ``2020`` → year. None for anything else (weeks, seasons, quarters, decades,
    PRESENT_REF, durations, malformed values). Never raises."""
    if not isinstance(value, str):
        return None
    return _calendar_value(value)


@lru_cache(maxsize=4096)
def _calendar_value(value: str) -> tuple[dt.date, Granularity] | None:
    """``value_to_date`` of a string, remembered: the tagger asks again for every
    anaphor ("the next day") and analysis once per mention, and a document's values
    repeat (its dates, PRESENT_REF)."""
    match = _CALENDAR_VALUE.fullmatch(value)
    if match is None:
        return None
    year, month, day = match.groups()
    try:
        if day is not None:
            return dt.date(int(year), int(month), int(day)), "day"
        if month is not None:
            return dt.date(int(year), int(month), 1), "month"
        return dt.date(int(year), 1, 1), "year"
    except ValueError:
        return None
