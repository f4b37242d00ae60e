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
from dateline.temporal.leads import DIGIT, lead_phrases, leads, trie
from dateline.temporal.lexicon import COMMON_WORDS
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


def _dispatch_table() -> dict[str, tuple[Rule, ...]]:
    """For each lead word, the rules that can start with it, in precedence order."""
    rules_by_lead: dict[str, list[Rule]] = {}
    for rule in RULES:
        for word in leads(rule.pattern):
            rules_by_lead.setdefault(word, []).append(rule)
    return {word: tuple(rules) for word, rules in rules_by_lead.items()}


_BY_LEAD = _dispatch_table()
_PHRASES = set().union(*(lead_phrases(rule.pattern, COMMON_WORDS) for rule in RULES))
_TRIGGER = re.compile(
    r"(?<![\w'])(?:" + trie({p for p in _PHRASES if p[0].isalpha()}, space=r"[\s-]+")
    + r"(?![A-Za-z])|[0-9]|'(?=[0-9]))"
)
_FIRST_TOKEN = re.compile(r"[A-Za-z]+|.")
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
        word = _FIRST_TOKEN.match(text, start).group()  # type: ignore[union-attr]
        for rule in _BY_LEAD[DIGIT if word.isdigit() else word]:
            match = rule.regex.match(text, start)
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
            end = match.end()
            found.append(Timex(start, end, text[start:end], kind, value))
            covered = end
            if kind == "DATE" and _DAY_VALUE.fullmatch(value):
                context.reference = dt.date.fromisoformat(value)
            break
    return found
