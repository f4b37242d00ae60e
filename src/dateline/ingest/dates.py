"""Parsing the publication dates found in input files.

Inputs carry dates as ``YYYY-MM-DD``, sometimes with a time (``2023-07-28T10:00:00Z``,
``2023-07-28 10:00``). Only the calendar date is kept: timelines are built per day.
Dates outside a plausible news range are refused, since they are almost always a
typo or a wrong column, and would otherwise become a timeline's first or last entry.
"""

from __future__ import annotations

import datetime as dt
import re

EARLIEST_PUBLICATION = dt.date(1800, 1, 1)
_ISO_DATE = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\s*$")


def parse_publication_date(raw: str, today: dt.date | None = None) -> dt.date:
    """Return the date in ``raw`` or raise ``ValueError`` saying what was wrong.

    Accepts ``YYYY-MM-DD`` optionally followed by a time. Refuses impossible dates
    (``2023-02-30``), dates before 1800 and dates more than a day in the future
    (relative to ``today``, default: the machine's date).
    """
    match = _ISO_DATE.match(raw)
    if match is None:
        raise ValueError(f"expected a date as YYYY-MM-DD, got {raw[:40]!r}")
    year, month, day = (int(part) for part in match.groups())
    try:
        date = dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"{raw.strip()[:40]!r} is not a real calendar date") from None
    if date < EARLIEST_PUBLICATION:
        raise ValueError(f"date {date.isoformat()} is before {EARLIEST_PUBLICATION.year}")
    latest = (today or dt.date.today()) + dt.timedelta(days=1)
    if date > latest:
        raise ValueError(f"date {date.isoformat()} is in the future")
    return date
