"""Rules for clock times: "5 p.m.", "10:30 a.m. EST Wednesday", "noon", "midnight".

The value is the day the time falls on (the DCT, or a weekday/"yesterday" that follows)
with the time: ``2011-01-25T17:00``.
"""

from __future__ import annotations

import re

from dateline.temporal.calendar_math import day_value, shift_days
from dateline.temporal.fragments import SPACE, WEEKDAY
from dateline.temporal.lexicon import WEEKDAYS, any_of
from dateline.temporal.rule import Context, Normalised, Rule

_DAY_AFTER = rf"(?:{SPACE}(?:on{SPACE})?(?P<day>{any_of(['today', 'yesterday', 'tomorrow', 'tonight'])}|{WEEKDAY}))?"
_ZONE = r"(?:[ECMP][SD]T|GMT|UTC|BST|CET|CEST)"
_DAY_OFFSETS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}


def _clock(m: re.Match[str], ctx: Context) -> Normalised:
    if m["word"]:
        hour, minute = (12, 0) if m["word"].lower() == "noon" else (24, 0)
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
    day = ctx.dct
    if m["day"]:
        word = m["day"].lower()
        if word in _DAY_OFFSETS:
            day = shift_days(ctx.dct, _DAY_OFFSETS[word])
        else:
            day = ctx.weekday(m, WEEKDAYS[word])
    return "TIME", f"{day_value(day)}T{hour:02d}:{minute:02d}"


RULES = [
    Rule("clock",
         rf"(?:(?P<hour>1[0-2]|0?[1-9])(?::(?P<minute>[0-5][0-9]))?\s*(?P<meridiem>[ap]\.m\.|[AP]\.M\.|[ap]m|[AP]M)"
         rf"|(?P<word>{any_of(['noon', 'midnight'])})"
         rf"|(?P<hour24>[01]?[0-9]|2[0-3]):(?P<minute24>[0-5][0-9])\s*{_ZONE})"
         rf"(?:{SPACE}{_ZONE})?{_DAY_AFTER}(?![\w])",
         _clock),
]
