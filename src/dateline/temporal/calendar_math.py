"""Calendar arithmetic on TIMEX3 granularities (day, ISO week, month, quarter, year).

Values are built as strings here so that every rule formats them the same way. Years are
clamped to 1..9999 so that arithmetic on absurd input never raises.
"""

from __future__ import annotations

import datetime as dt

MIN_YEAR, MAX_YEAR = 1, 9999


def clamp_year(year: int) -> int:
    return min(max(year, MIN_YEAR), MAX_YEAR)


def shift_days(day: dt.date, days: int) -> dt.date:
    """``day`` moved by ``days``, saturating at the ends of the representable calendar."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max if days > 0 else dt.date.min


def shift_months(year: int, month: int, months: int) -> tuple[int, int]:
    """(year, month) moved by ``months``."""
    index = year * 12 + (month - 1) + months
    return clamp_year(index // 12), index % 12 + 1


def day_value(day: dt.date) -> str:
    return day.isoformat()


def month_value(year: int, month: int) -> str:
    return f"{clamp_year(year):04d}-{month:02d}"


def year_value(year: int) -> str:
    return f"{clamp_year(year):04d}"


def decade_value(year: int) -> str:
    """The decade containing ``year`` as TimeML writes it (after TIMEX2): the year
    truncated to the decade, ``199`` for the 1990s, as TimeBank and HeidelTime do."""
    return year_value(year)[:3]


def century_value(year: int) -> str:
    """The century whose years start with the first two digits of ``year``, truncated as
    a decade is: ``19`` for the 1900s ("the 20th century")."""
    return year_value(year)[:2]


def week_value(day: dt.date) -> str:
    """The ISO week containing ``day``, e.g. ``2011-W03``."""
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def quarter_of(month: int) -> int:
    return (month - 1) // 3 + 1


def quarter_value(year: int, quarter: int) -> str:
    return f"{clamp_year(year):04d}-Q{quarter}"


def shift_quarter(year: int, quarter: int, quarters: int) -> tuple[int, int]:
    index = year * 4 + quarter - 1 + quarters
    return clamp_year(index // 4), index % 4 + 1


def nearest_weekday(dct: dt.date, weekday: int, direction: int) -> dt.date:
    """The day named ``weekday`` (Monday = 0) nearest to ``dct`` in ``direction``.

    News convention (HeidelTime's, and what readers mean): the DCT's own weekday is the
    DCT itself; otherwise the previous such day (direction ≤ 0) or the next one (> 0).
    The result is always within 6 days of the DCT.
    """
    ahead = (weekday - dct.weekday()) % 7
    if ahead == 0:
        return dct
    return shift_days(dct, ahead if direction > 0 else ahead - 7)


UPCOMING_MONTHS = 2
"""A month or holiday named without a year up to this many months after the DCT's month
is the coming one, whatever the tense: news announces the near future ("invited him to
the summit in May") about as often as it reports the recent past, and seldom names a
month almost a year gone without "last"."""


def is_upcoming(dct: dt.date, month: int) -> bool:
    """Whether ``month`` is the DCT's own or one of the ``UPCOMING_MONTHS`` after it: the
    month named is then this year's or the coming one, whatever the tense."""
    return (month - dct.month) % 12 <= UPCOMING_MONTHS


RECENT_MONTHS = 2
"""A month named without a year up to this many months before the DCT's month is the
recent one, whatever the tense: a future clause names it for the event it refers to ("a
study of the April spill will")."""


def is_recent(dct: dt.date, month: int) -> bool:
    """Whether ``month`` is one of the ``RECENT_MONTHS`` before the DCT's."""
    return 1 <= (dct.month - month) % 12 <= RECENT_MONTHS


def nearest_month(dct: dt.date, month: int, direction: int) -> int:
    """The year of the month named ``month`` nearest to ``dct`` in ``direction``: the
    DCT's own month is this year; otherwise the last such month (direction ≤ 0) or the
    next one (> 0)."""
    if direction > 0:
        return dct.year + (month < dct.month)
    return dct.year - (month > dct.month)


_COARSENESS = {"day": 0, "week": 1, "month": 2, "year": 3, "decade": 4, "century": 5}
_YEARS_IN = {"year": 1, "decade": 10, "century": 100}


def shifted_value(anchor: dt.date, granularity: str, unit: str, steps: int) -> str:
    """The ``unit`` (day, week, month, year, decade, century) ``steps`` away from
    ``anchor``, a date known to ``granularity`` (day, month or year), written at the
    coarser of the two granularities: three days after a day in July is a month value
    (``2022-07``), never an invented day. Days and weeks from a month are counted from its
    middle, so that the month written is the likeliest one."""
    if unit in ("day", "week"):
        if granularity == "month":
            anchor = anchor.replace(day=15)
        anchor = shift_days(anchor, steps * (7 if unit == "week" else 1))
        year, month = anchor.year, anchor.month
    elif unit == "month":
        year, month = shift_months(anchor.year, anchor.month, steps)
    else:
        year, month = clamp_year(anchor.year + steps * _YEARS_IN[unit]), anchor.month
    coarsest = max(unit, granularity, key=_COARSENESS.__getitem__)
    if coarsest == "day":
        return day_value(anchor)
    if coarsest == "week":
        return week_value(anchor)
    if coarsest == "month":
        return month_value(year, month)
    if coarsest == "year":
        return year_value(year)
    return decade_value(year) if coarsest == "decade" else century_value(year)


def easter(year: int) -> dt.date:
    """Gregorian Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 (the algorithm's own letters, a to m)
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)
