"""``tag``: find and normalise every time expression in a document.

All rules are compiled into one alternation, so a document is scanned once by the regex
engine in C. Where several rules could start at the same place, the one listed first in
``RULES`` wins: longer, more specific forms ("July 27, 2023") come before their prefixes
("July 27", "July"), and "two years ago" before "two years". The winning rule's own
regex then re-matches the span to read its named groups (group names are local to a rule,
so rules can be written and tested independently).
"""

from __future__ import annotations

import datetime as dt
import re

from dateline.temporal import clock, durations, explicit, relative
from dateline.temporal.rule import Context, Rule
from dateline.temporal.timex import Timex

_FIRST = ("iso_date", "numeric_date", "month_day_year", "day_month_year", "month_day",
          "day_month", "month_year", "decade", "century", "clock", "ago", "duration")
_LAST = ("set", "vague_plural", "year", "reference")


def _ordered(rules: list[Rule]) -> list[Rule]:
    """Rules in precedence order: explicit forms first, catch-alls ("2011", "now") last."""
    by_name = {rule.name: rule for rule in rules}
    middle = [name for name in by_name if name not in _FIRST + _LAST]
    return [by_name[name] for name in (*_FIRST, *middle, *_LAST)]


RULES: list[Rule] = _ordered(explicit.RULES + relative.RULES + durations.RULES + clock.RULES)
_BY_NAME = {rule.name: rule for rule in RULES}
_LOCAL_GROUP = re.compile(r"\(\?P<\w+>")
_MASTER = re.compile(
    r"(?<![\w'])(?:"
    + "|".join(f"(?P<{rule.name}>{_LOCAL_GROUP.sub('(?:', rule.pattern)})" for rule in RULES)
    + ")"
)
_DAY_VALUE = re.compile(r"\d{4}-\d{2}-\d{2}")


def tag(text: str, dct: dt.date) -> list[Timex]:
    """Every time expression in ``text``, resolved against the document creation time
    ``dct``; sorted by start offset and non-overlapping. Never raises on any ``str``."""
    context = Context(text, dct)
    found: list[Timex] = []
    for candidate in _MASTER.finditer(text):
        rule = _BY_NAME[candidate.lastgroup]  # type: ignore[index]
        start, end = candidate.span()
        match = rule.regex.fullmatch(text, start, end)
        if match is None:
            continue
        try:
            normalised = rule.normalise(match, context)
        except (ValueError, OverflowError):
            # Calendar arithmetic at the edges of the calendar (year 1 or 9999).
            continue
        if normalised is None:
            continue
        kind, value = normalised
        found.append(Timex(start, end, text[start:end], kind, value))
        if kind == "DATE" and _DAY_VALUE.fullmatch(value):
            context.reference = dt.date.fromisoformat(value)
    return found
