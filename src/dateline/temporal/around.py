"""Rules for days counted from another day expression: "the day before last Tuesday",
"two days after March 5", "the day after Christmas".

The pattern reads only "the day before " / "N days after "; the day counted from is read
by the rule that reads it alone (``TARGETS``), from where the pattern ends, so it
resolves exactly as it would on its own (tense, "last"/"next", the DCT's year), and the
expression ends where that rule's match ends (see ``rule.Normalised``). Spelling the
targets into the pattern instead made the tagger's combined regexes for digits and
"the" three times as long to compile and slower to run.
"""

from __future__ import annotations

import datetime as dt
import re

from dateline.temporal import explicit, relative
from dateline.temporal.calendar_math import day_value, shift_days
from dateline.temporal.fragments import NUMBER, SPACE
from dateline.temporal.lexicon import any_of, cases, number_value
from dateline.temporal.rule import Context, Normalised, Rule

TARGET_NAMES = ("weekday_date", "month_day_year", "day_month_year", "month_day", "day_month", "weekday", "holiday")
TARGETS = [rule for rule in explicit.RULES + relative.RULES if rule.name in TARGET_NAMES]
_DAY_VALUE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _day_around(m: re.Match[str], ctx: Context) -> Normalised:
    """The day ``n`` days before or after the day the target expression names; None when
    the target names no single day (a weekday with a part of the day, say)."""
    amount = 1 if m["n"] is None else number_value(m["n"])
    if amount is None:
        return None
    sign = -1 if m["dir"].lower() == "before" else 1
    for rule in TARGETS:
        target = rule.regex.match(ctx.text, m.end())
        if target is None:
            continue
        resolved = rule.normalise(target, ctx)
        if resolved is None or not _DAY_VALUE.fullmatch(resolved[1]):
            return None
        day = dt.date.fromisoformat(resolved[1])
        return "DATE", day_value(shift_days(day, sign * amount)), target.end()
    return None


RULES = [
    Rule(
        "day_around",
        rf"(?:{cases('the')}{SPACE}day|(?P<n>{NUMBER}){SPACE}days){SPACE}"
        rf"(?P<dir>{any_of(['before', 'after'])}){SPACE}",
        _day_around,
    ),
]
