"""``tag``: find and normalise every time expression in a document.

The text is scanned once, in C, for the words a rule can start with (see ``leads``); at
each such word only the rules that can start with it are tried, as one alternation.
Where several rules could start at the same place, the one listed first in ``RULES`` wins: longer, more specific forms ("July 27, 2023") come before their prefixes
("July 27", "July"), and "two years ago" before "two years". The winning rule's own
regex then re-matches the span to read its named groups (group names are local to a rule,
so rules can be written and tested independently).
"""

from __future__ import annotations

import datetime as dt
import re

from dateline.temporal import clock, durations, explicit, relative
from dateline.temporal.leads import DIGIT, leads, trie
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


def _alternation(rules: list[Rule]) -> re.Pattern[str]:
    """One regex trying ``rules`` in order; the outer group of each is named after it."""
    return re.compile("|".join(f"(?P<{rule.name}>{_LOCAL_GROUP.sub('(?:', rule.pattern)})"
                               for rule in rules))


def _dispatch_table() -> dict[str, re.Pattern[str]]:
    """For each lead word, the alternation of the rules that can start with it (rules
    sharing the same set of leads share one compiled regex)."""
    rules_by_lead: dict[str, list[Rule]] = {}
    for rule in RULES:
        for word in leads(rule.pattern):
            rules_by_lead.setdefault(word, []).append(rule)
    compiled: dict[tuple[str, ...], re.Pattern[str]] = {}
    table = {}
    for word, rules in rules_by_lead.items():
        names = tuple(rule.name for rule in rules)
        if names not in compiled:
            compiled[names] = _alternation(rules)
        table[word] = compiled[names]
    return table


_BY_LEAD = _dispatch_table()
_TRIGGER = re.compile(
    r"(?<![\w'])(?:" + trie({w for w in _BY_LEAD if w.isalpha()}) + r"(?![A-Za-z])|[0-9]|'(?=[0-9]))"
)
_DAY_VALUE = re.compile(r"\d{4}-\d{2}-\d{2}")


def tag(text: str, dct: dt.date) -> list[Timex]:
    """Every time expression in ``text``, resolved against the document creation time
    ``dct``; sorted by start offset and non-overlapping. Never raises on any ``str``."""
    context = Context(text, dct)
    found: list[Timex] = []
    covered = 0
    for trigger in _TRIGGER.finditer(text):
        start = trigger.start()
        if start < covered:
            continue
        word = trigger.group()
        candidate = _BY_LEAD[DIGIT if word.isdigit() else word].match(text, start)
        if candidate is None:
            continue
        rule = _BY_NAME[candidate.lastgroup]  # type: ignore[index]
        end = candidate.end()
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
        covered = end
        if kind == "DATE" and _DAY_VALUE.fullmatch(value):
            context.reference = dt.date.fromisoformat(value)
    return found
