"""Parsing the publication dates found in input files and page metadata.

Dates come in the forms sources write them:

* ISO 8601, alone or with a time and a zone (``2024-03-15``, ``2024-03-15T09:30:00+05:30``,
  ``2024-03-15 09:30Z``), and the same with slashes (``2024/03/15``);
* RFC 822 / RFC 2822, as feeds and HTTP write them (``Tue, 07 May 2024 14:00:00 GMT``);
* English written out (``December 2, 2026``, ``2 Dec 2026``, ``Tuesday, 2nd December
  2026, 3:27 PM EST``);
* numbers in another order (``02/12/2026``, ``13.12.2026``). When both readings are real
  dates and differ, the date is ambiguous and refused unless ``date_order`` (``dmy`` or
  ``mdy``, the CLI's ``--date-order``) settles it: guessing would silently move articles
  by months.

Only the calendar date is kept, as written: the local date in the source's own time
zone, never converted to another zone (a story published late on 15 March in New York is
a 15 March story, though it was already 16 March in UTC). Dates outside a plausible news
range are refused, since they are almost always a typo or a wrong column, and would
otherwise become a timeline's first or last entry.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum

EARLIEST_PUBLICATION = dt.date(1800, 1, 1)


class DateOrder(StrEnum):
    """How to read a numeric date whose day and month could be swapped."""

    DMY = "dmy"
    MDY = "mdy"


DATE_ORDER_OPTION = "--date-order dmy|mdy"
MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
# What may follow a date: a time, a zone, a comma or "at" before them; never more words.
_TIME = (
    r"(?:(?:,|\s+at|\s*[-|])?\s*(?:T|\s)?\s*\d{1,2}(?:[:.]\d{2}){1,2}(?:[.,]\d+)?"
    r"(?:\s*[ap]\.?m\.?)?)?"
    r"(?:\s*(?:(?-i:[A-Z]{1,5})|[+-]\d{2}:?\d{2}|[+-]\d{2}|\([A-Za-z ]+\)))?"
)
_END = _TIME + r"\s*$"
_ISO = _YEAR + r"(?P<sep>[-/])(?P<month>\d{1,2})(?P=sep)" + _DAY
_NAME_DMY = _WEEKDAY + _DAY + r"(?:\s+of)?\s+" + _MONTH + r",?\s+" + _YEAR
_NAME_MDY = _WEEKDAY + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR
_PATTERNS = (
    ("iso", re.compile(r"^\s*" + _ISO + _END)),
    ("name", re.compile(r"^\s*" + _NAME_DMY + _END, re.IGNORECASE)),
    ("name", re.compile(r"^\s*" + _NAME_MDY + _END, re.IGNORECASE)),
    ("numeric", re.compile(r"^\s*(?P<first>\d{1,2})(?P<sep>[/.-])(?P<second>\d{1,2})(?P=sep)" + _YEAR + _END)),
)
# A date inside running text (a page's visible dateline), standing apart from other words
# and numbers: the ISO and written-out forms only.
_IN_TEXT = tuple(
    re.compile(r"(?<![\w/.-])" + body + r"(?![\w/-])", re.IGNORECASE) for body in (_ISO, _NAME_DMY, _NAME_MDY)
)


class AmbiguousDate(ValueError):
    """A numeric date that reads as two real dates; ``--date-order`` settles it."""


def parse_publication_date(raw: str, today: dt.date | None = None, date_order: DateOrder | None = None) -> dt.date:
    """Return the calendar date in ``raw`` or raise ``ValueError`` saying what was wrong.

    Accepts the forms in the module docstring. Refuses impossible dates (``2023-02-30``),
    ambiguous numeric ones without ``date_order`` (``AmbiguousDate``), dates before 1800
    and dates more than a day in the future (relative to ``today``, default: the
    machine's date).
    """
    text = raw.strip()
    for kind, pattern in _PATTERNS:
        match = pattern.match(text)
        if match is not None:
            date = _date(kind, match, text, date_order)
            break
    else:
        raise ValueError(
            f"expected a date (YYYY-MM-DD, an RFC 822 date, or one written out such as "
            f"'2 December 2026'), got {raw[:40]!r}"
        )
    if date < EARLIEST_PUBLICATION:
        raise ValueError(f"date {date.isoformat()} is before {EARLIEST_PUBLICATION.year}")
    latest = (today or dt.date.today()) + dt.timedelta(days=1)
    if date > latest:
        raise ValueError(f"date {date.isoformat()} is in the future")
    return date


def _date(kind: str, match: re.Match[str], text: str, date_order: DateOrder | None) -> dt.date:
    year = int(match["year"])
    if kind == "numeric":
        return _numeric_date(year, int(match["first"]), int(match["second"]), text, date_order)
    month = MONTHS[match["month"].lower()] if kind == "name" else int(match["month"])
    return _real_date(year, month, int(match["day"]), text)


def _numeric_date(year: int, first: int, second: int, text: str, date_order: DateOrder | None) -> dt.date:
    if date_order is not None:
        day, month = (first, second) if date_order is DateOrder.DMY else (second, first)
        return _real_date(year, month, day, f"{text} (read as {date_order.value})")
    readings = {
        date for date in (_maybe_date(year, second, first), _maybe_date(year, first, second)) if date is not None
    }
    if len(readings) > 1:
        dmy, mdy = sorted(readings, key=lambda date: (date.month != second, date))
        raise AmbiguousDate(
            f"ambiguous date {text[:40]!r}: {dmy:%d %B %Y} or {mdy:%B %d, %Y}; say which with {DATE_ORDER_OPTION}"
        )
    if not readings:
        raise ValueError(f"{text[:40]!r} is not a real calendar date")
    return readings.pop()


def _maybe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _real_date(year: int, month: int, day: int, text: str) -> dt.date:
    date = _maybe_date(year, month, day)
    if date is None:
        raise ValueError(f"{text[:60]!r} is not a real calendar date")
    return date


def find_date_in_text(text: str, today: dt.date | None = None) -> dt.date | None:
    """The first plausible written-out or ISO date in ``text`` (a dateline such as
    "Published March 15, 2024 | 3:27 PM"), or None. Numeric dates in another order are
    never read here: in running text nothing says which order they are in."""
    found: list[tuple[int, dt.date]] = []
    for pattern in _IN_TEXT:
        for match in pattern.finditer(text):
            try:
                found.append((match.start(), parse_publication_date(match.group(), today)))
            except ValueError:
                continue
            break
    return min(found)[1] if found else None
