"""Rules for clock times: "5 p.m.", "10:30 a.m. EST Wednesday", "noon", "midday",
"midnight", "4 in the morning", "5 p.m. EST, Nov. 6".

The value is the day the time falls on with the time: ``2011-01-25T17:00``. That day is
the one named right after the time ("Wednesday", "yesterday", "Nov. 6"), else the day
the text last named close before it ("On Tuesday, ... At 10 p.m., ..." is Tuesday
evening), else the DCT.
"""

from __future__ import annotations

import datetime as dt
import re

from dateline.temporal.calendar_math import day_value, shift_days
from dateline.temporal.fragments import DAY, MONTH, SPACE, WEEKDAY
from dateline.temporal.lexicon import MONTHS, NUMBER_WORDS, WEEKDAYS, any_of, cases
from dateline.temporal.rule import Context, Normalised, Rule

_DAY_AFTER = (
    rf"(?:(?:\s*,\s*|{SPACE})(?:{cases('local time')}\s*,?\s*)?(?:on{SPACE})?"
    rf"(?:(?P<day>{any_of(['today', 'yesterday', 'tomorrow', 'tonight'])}|{WEEKDAY})"
    rf"|(?P<month>{MONTH})\s*(?P<date>{DAY})))?"
)
_ZONE = r"(?:[ECMP][SD]T|GMT|UTC|BST|CET|CEST)"
_DAY_OFFSETS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}


_HOUR_WORDS = [
    word
    for word, value in NUMBER_WORDS.items()
    if 1 <= value <= 12 and " " not in word and word not in ("a", "an", "another", "dozen")
]
_AFTERNOON = ("afternoon", "evening", "night")


def _hour(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS[word.lower()]


def _clock(m: re.Match[str], ctx: Context) -> Normalised:
    if m["word"]:
        hour, minute = (24, 0) if m["word"].lower() == "midnight" else (12, 0)
    elif m["spoken"]:
        hour, minute = _hour(m["spoken"]), 0
        part = (m["part"] or m["night"]).lower()
        if part in _AFTERNOON and hour < 12 and not (part == "night" and hour < 5):
            hour += 12
    elif m["hour24"]:
        hour, minute = int(m["hour24"]), int(m["minute24"])
    else:
        hour = int(m["hour"])
        minute = int(m["minute"] or 0)
        meridiem = (m["meridiem"] or "").lower().replace(".", "")
        if meridiem == "pm" and hour < 12:
            hour += 12
        elif meridiem == "am" and hour == 12:
            hour = 0
    if m["day"]:
        word = m["day"].lower()
        if word in _DAY_OFFSETS:
            day = shift_days(ctx.dct, _DAY_OFFSETS[word])
        else:
            day = ctx.weekday(m, WEEKDAYS[word])
    elif m["month"]:
        day = _month_day(m, ctx)
    else:
        day = ctx.day_anchor(m)
    return "TIME", f"{day_value(day)}T{hour:02d}:{minute:02d}"


def _month_day(m: re.Match[str], ctx: Context) -> dt.date:
    """The date after a time ("5 p.m. EST, Nov. 6"): that day in the year that puts it
    nearest the DCT; the DCT when there is no such day (Feb. 30)."""
    month = MONTHS[m["month"].rstrip(".").lower()]
    day = int(m["date"].rstrip("stndrh"))
    candidates = []
    for year in (ctx.dct.year, ctx.dct.year - 1, ctx.dct.year + 1):
        try:
            candidates.append(dt.date(year, month, day))
        except (ValueError, OverflowError):
            continue
    return min(candidates, key=lambda date: abs((date - ctx.dct).days), default=ctx.dct)


RULES = [
    Rule(
        "clock",
        rf"(?:(?P<hour>1[0-2]|0?[1-9])(?::(?P<minute>[0-5][0-9]))?\s*(?P<meridiem>[ap]\.m\.|[AP]\.M\.|[ap]m|[AP]M)"
        rf"|(?P<word>{any_of(['noon', 'midday', 'midnight'])})"
        rf"|(?P<spoken>1[0-2]|[1-9]|{any_of(_HOUR_WORDS)})(?:{SPACE}o'clock)?{SPACE}"
        rf"(?:{cases('in the')}{SPACE}(?P<part>{any_of(['morning', 'afternoon', 'evening'])})"
        rf"|{cases('at')}{SPACE}(?P<night>{cases('night')}))"
        rf"|(?P<hour24>[01]?[0-9]|2[0-3]):(?P<minute24>[0-5][0-9])\s*{_ZONE})"
        rf"(?:{SPACE}{_ZONE})?{_DAY_AFTER}(?![\w])",
        _clock,
    ),
]
