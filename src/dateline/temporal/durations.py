"""Rules for lengths of time and repetitions: "three years", "the past 24 hours",
"a five-year plan" (DURATION ``P3Y``, ``P1D``, ``P5Y``); "every week", "each Monday"
(SET ``P1W``, ``XXXX-WXX-1``).

Vague amounts ("several years", "the past few weeks") get ``X`` for the number, as
TimeML prescribes (``PXY``).
"""

from __future__ import annotations

import re

from dateline.temporal.fragments import (
    AND_A_HALF,
    ARTICLE,
    END,
    HALF_A,
    MONTH_FULL,
    NUMBER,
    NUMBER_WORD,
    SPACE,
    UNIT_PLURAL,
    VAGUE,
    WEEKDAY,
)
from dateline.temporal.lexicon import MONTHS, UNITS, WEEKDAYS, any_of, cases, number_value
from dateline.temporal.rule import Context, Normalised, Rule

# "a year" after an amount is a rate ("$33 million a year", "fifty thousand CDs a year").
_SET_CONTEXT = re.compile(
    r"(?:\d|%|times|percent|cents?|dollars?|pounds|euros?|each|once|twice|hundred|thousand|"
    r"million|billion|trillion)\S*(?:\s+[a-z]+)?\s*$",
    re.IGNORECASE,
)


_YEARS_PER = {"DE": 10, "CE": 100}


def duration_value(amount: str, unit: str) -> str:
    """TIMEX3 duration value: ``P3Y``, ``PT36H``, ``PXW`` (``amount`` "X" when vague).
    Decades and centuries are counted in years (``P10Y``, ``P200Y``), as TimeBank does
    ("two decades": ``P20Y``): ISO 8601 has no such units."""
    code = UNITS[unit]
    if code in _YEARS_PER and amount.isdigit():
        return f"P{int(amount) * _YEARS_PER[code]}Y"
    if code.startswith("T"):
        return f"PT{amount}{code[1:]}"
    if code == "2W":
        return f"P{amount if amount == 'X' else 2 * int(amount)}W"
    return f"P{amount}{code}"


_FINER = {
    "century": ("year", 100),
    "decade": ("year", 10),
    "year": ("month", 12),
    "fortnight": ("week", 2),
    "day": ("hour", 24),
    "hour": ("minute", 60),
    "minute": ("second", 60),
}


def half_duration_value(halves: int, unit: str) -> str:
    """A duration of ``halves`` halves of ``unit`` ("half a century": 1, "2 1/2 years":
    5), as TimeBank writes them: the whole units and the half in the next finer unit
    (``P2Y6M``, ``PT5H30M``, ``P1DT12H``), decades and centuries in years (``P50Y``);
    with a decimal fraction where no finer unit divides evenly (``P2.5W``), which ISO
    8601 allows on the last unit."""
    whole, half = divmod(halves, 2)
    if unit not in _FINER:
        return duration_value(f"{whole}.5", unit)
    finer, factor = _FINER[unit]
    if unit in ("decade", "century", "fortnight"):
        return duration_value(str(halves * factor // 2), finer)
    date_part, time_part = "", ""
    for amount, name in ((whole, unit), (half * factor // 2, finer)):
        if amount:
            code = duration_value(str(amount), name)  # "P2Y", "PT30M"
            if code.startswith("PT"):
                time_part += code[2:]
            else:
                date_part += code[1:]
    return "P" + date_part + ("T" + time_part if time_part else "")


def _unit(word: str) -> str:
    word = word.lower()
    if word.startswith("centur"):
        return "century"
    return word[:-1] if word.endswith("s") and word[:-1] in UNITS else word


def _duration(m: re.Match[str], ctx: Context) -> Normalised:
    """ "three years", "the past 24 hours", "half a century", "two and a half years", "two
    to three weeks".
    Not a length of time: "three-quarters of the vote", "a second phase" (the ordinal),
    "scored a century" (a hundred runs in cricket). "Will one day be" is no length but
    some future day (``FUTURE_REF``)."""
    unit = _unit(m["unit"])
    if unit == "quarter" and ("-" in m[0] or ctx.text.startswith(" of", m.end())):
        return None
    singular = m["n"] is not None and m["n"].lower() in _SINGULAR
    if unit == "second" and singular and _NOUN.match(ctx.text, m.end()):
        return None
    if unit == "century" and _SCORED.search(ctx.text, max(0, m.start() - 20), m.start()):
        return None
    if unit == "day" and m[0].lower() == "one day" and _MODAL.search(ctx.text, max(0, m.start() - 16), m.start()):
        return "DATE", "FUTURE_REF"
    # A range ("two to three weeks", "5-10 years") is written with its lower bound, as
    # TimeBank does (P2W; the upper bound would go to a mod attribute).
    number = number_value(m["n"]) if m["n"] else 0
    if m["half"] or m["and_half"] or m["unit_and_half"] or m["fraction"]:
        return "DURATION", half_duration_value(2 * (number or 0) + 1, unit)
    if m["n"].lower() in ("a", "an") and _SET_CONTEXT.search(ctx.text, max(0, m.start() - 30), m.start()):
        return "SET", duration_value("1", unit)
    if unit == "hour" and number and number % 24 == 0:
        # "the past 24 hours", "within 48 hours": whole days, as TimeBank and HeidelTime
        # write them (P1D, P2D).
        return "DURATION", duration_value(str(number // 24), "day")
    return "DURATION", duration_value("X" if number is None else str(number), unit)


def _vague_plural(m: re.Match[str], ctx: Context) -> Normalised:
    return "DURATION", duration_value("X", _unit(m["unit"]))


def _set(m: re.Match[str], ctx: Context) -> Normalised:
    """ "every week", "each Monday", "every other year"."""
    if m["weekday"]:
        return "SET", f"XXXX-WXX-{WEEKDAYS[m['weekday'].lower().rstrip('s')] + 1}"
    if m["month"]:
        return "SET", f"XXXX-{MONTHS[m['month'].lower()]:02d}"
    amount = number_value(m["n"]) if m["n"] else 1
    if m["n"] and m["n"].lower() == "other":
        amount = 2
    return "SET", duration_value(str(amount or 1), _unit(m["unit"]))


_FREQUENCY_UNITS = {
    "hourly": "hour",
    "daily": "day",
    "nightly": "day",
    "weekly": "week",
    "monthly": "month",
    "yearly": "year",
    "annually": "year",
}


def _frequency(m: re.Match[str], ctx: Context) -> Normalised:
    """ "paid annually", "meets weekly", "daily in Gaza": a SET of one unit (``P1Y``,
    ``P1W``). Only the adverb: the adjective ("a daily newspaper", "weekly sales") names a
    publication or a figure, not a repetition in time; the pattern requires what follows
    to end the phrase (punctuation, a preposition, a conjunction)."""
    return "SET", duration_value("1", _FREQUENCY_UNITS[m["adverb"].lower()])


_SINGULAR = ("a", "an", "another", "an additional")
# After "a second", a word other than these makes it the ordinal ("a second phase").
_NOUN = re.compile(
    r"[\s-]+(?!(?:ago|later|earlier|before|after|longer|or|and|to|in|of|for|"
    r"at|on|when|while|then|too)\b)[A-Za-z]"
)
# "will one day be", "could one day replace": some day in the future, not a day long.
_MODAL = re.compile(r"\b(?:will|would|could|may|might|can|should|'ll)(?:\s+not)?\s+$", re.IGNORECASE)
_SCORED = re.compile(
    r"\b(?:scor|hit|made|make|struck|strik|notch|post|compil|reach|smash|"
    r"register|brought\s+up|bring\s+up)\w*\s+$",
    re.IGNORECASE,
)
_QUALIFIER = any_of(
    [
        "about",
        "nearly",
        "almost",
        "some",
        "more than",
        "over",
        "at least",
        "up to",
        "less than",
        "only",
        "just",
        "around",
        "roughly",
        "approximately",
        "fewer than",
        "another",
        "an additional",
        "the",
    ]
)
# What may follow a frequency adverb used as one ("paid annually since 1980", "daily,").
_AFTER_ADVERB = (
    r"(?=\s*(?:[,.;:!?)\"'\u2019\u201d]|$)|\s+(?:since|until|for|in|at|on|by|from|to|"
    r"and|or|but|through|throughout|during|over|with|without|as|after|before|"
    r"when|while|because|if|instead|there|here|now|again|too)\b)"
)
_DAY_KIND = any_of(["trading", "business", "working", "calendar", "consecutive", "straight"])
_SPAN_WORD = any_of(
    ["past", "last", "next", "first", "final", "coming", "previous", "following", "latest", "initial", "remaining"]
)

RULES = [
    Rule(
        "duration",
        rf"(?:{_QUALIFIER}{SPACE})?(?:{cases('the')}{SPACE})?(?:{_SPAN_WORD}{SPACE})?"
        rf"(?:(?P<half>{HALF_A})"
        rf"|(?P<n>{NUMBER}|{ARTICLE}|{VAGUE})(?:(?P<and_half>{AND_A_HALF})|(?P<fraction>\s+1/2)"
        rf"|(?:{SPACE}(?:to|or){SPACE}|-)(?:\d{{1,3}}|{NUMBER_WORD}))?)"
        rf"(?:{SPACE}more)?[\s-]+(?:{_DAY_KIND}{SPACE})?"
        rf"(?P<unit>{UNIT_PLURAL})(?P<unit_and_half>{AND_A_HALF})?(?:-old)?{END}",
        _duration,
    ),
    Rule(
        "vague_plural",
        rf"(?:(?<=for )|(?<=within )|(?<=after )|(?<=over ))"
        rf"(?P<unit>{any_of(['years', 'months', 'weeks', 'decades', 'centuries'])}){END}",
        _vague_plural,
    ),
    Rule(
        "set",
        rf"(?:{any_of(['every', 'each', 'per'])}){SPACE}(?:(?P<n>{NUMBER}|other){SPACE})?"
        rf"(?:(?P<unit>{UNIT_PLURAL})|(?P<weekday>{WEEKDAY})|(?P<month>{MONTH_FULL})){END}",
        _set,
    ),
    Rule("frequency", rf"(?P<adverb>{any_of(list(_FREQUENCY_UNITS))}){_AFTER_ADVERB}", _frequency),
]
