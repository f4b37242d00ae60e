"""Rules for lengths of time and repetitions: "three years", "the past 24 hours",
"a five-year plan" (DURATION ``P3Y``, ``PT24H``, ``P5Y``); "every week", "each Monday"
(SET ``P1W``, ``XXXX-WXX-1``).

Vague amounts ("several years", "the past few weeks") get ``X`` for the number, as
TimeML prescribes (``PXY``).
"""

from __future__ import annotations

import re

from dateline.temporal.fragments import (
    ARTICLE, END, MONTH_FULL, NUMBER, SPACE, UNIT_PLURAL, VAGUE, WEEKDAY,
)
from dateline.temporal.lexicon import MONTHS, UNITS, WEEKDAYS, any_of, cases, number_value
from dateline.temporal.rule import Context, Normalised, Rule

# "a year" after an amount is a rate ("$33 million a year", "fifty thousand CDs a year").
_SET_CONTEXT = re.compile(
    r"(?:\d|%|times|percent|cents?|dollars?|pounds|euros?|each|once|twice|hundred|thousand|"
    r"million|billion|trillion)\S*(?:\s+[a-z]+)?\s*$", re.IGNORECASE)


def duration_value(amount: str, unit: str) -> str:
    """TIMEX3 duration value: ``P3Y``, ``PT24H``, ``PXW`` (``amount`` "X" when vague)."""
    code = UNITS[unit]
    if code.startswith("T"):
        return f"PT{amount}{code[1:]}"
    if code == "2W":
        return f"P{amount if amount == 'X' else 2 * int(amount)}W"
    return f"P{amount}{code}"


def _unit(word: str) -> str:
    word = word.lower()
    if word.startswith("centur"):
        return "century"
    return word[:-1] if word.endswith("s") and word[:-1] in UNITS else word


def _duration(m: re.Match[str], ctx: Context) -> Normalised:
    unit = _unit(m["unit"])
    if unit == "quarter" and ("-" in m[0] or ctx.text.startswith(" of", m.end())):
        return None  # "three-quarters of the vote" is a fraction
    number = number_value(m["n"])
    if m["n"].lower() in ("a", "an") and _SET_CONTEXT.search(ctx.text, max(0, m.start() - 30), m.start()):
        return "SET", duration_value("1", unit)
    return "DURATION", duration_value("X" if number is None else str(number), unit)


def _vague_plural(m: re.Match[str], ctx: Context) -> Normalised:
    return "DURATION", duration_value("X", _unit(m["unit"]))


def _set(m: re.Match[str], ctx: Context) -> Normalised:
    """"every week", "each Monday", "every other year". Adverbs ("daily", "annually") are
    left out: mostly adjectives ("a daily newspaper") that TimeBank leaves untagged."""
    if m["weekday"]:
        return "SET", f"XXXX-WXX-{WEEKDAYS[m['weekday'].lower().rstrip('s')] + 1}"
    if m["month"]:
        return "SET", f"XXXX-{MONTHS[m['month'].lower()]:02d}"
    amount = number_value(m["n"]) if m["n"] else 1
    if m["n"] and m["n"].lower() == "other":
        amount = 2
    return "SET", duration_value(str(amount or 1), _unit(m["unit"]))


_QUALIFIER = any_of(["about", "nearly", "almost", "some", "more than", "over", "at least",
                     "up to", "less than", "only", "just", "around", "roughly",
                     "approximately", "fewer than", "another", "an additional", "the"])
_DAY_KIND = any_of(["trading", "business", "working", "calendar", "consecutive", "straight"])
_SPAN_WORD = any_of(["past", "last", "next", "first", "final", "coming", "previous",
                     "following", "latest", "initial", "remaining"])

RULES = [
    Rule("duration",
         rf"(?:{_QUALIFIER}{SPACE})?(?:{cases('the')}{SPACE})?(?:{_SPAN_WORD}{SPACE})?"
         rf"(?P<n>{NUMBER}|{ARTICLE}|{VAGUE})(?:{SPACE}more)?[\s-]+(?:{_DAY_KIND}{SPACE})?"
         rf"(?P<unit>{UNIT_PLURAL})(?:-old)?{END}",
         _duration),
    Rule("vague_plural",
         rf"(?<=for )(?P<unit>{any_of(['years', 'months', 'weeks', 'decades', 'centuries'])}){END}",
         _vague_plural),
    Rule("set",
         rf"(?:{any_of(['every', 'each', 'per'])}){SPACE}(?:(?P<n>{NUMBER}|other){SPACE})?"
         rf"(?:(?P<unit>{UNIT_PLURAL})|(?P<weekday>{WEEKDAY})|(?P<month>{MONTH_FULL})){END}",
         _set),
]
