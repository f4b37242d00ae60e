"""Regex fragments shared by the rules (no capturing groups: rules name their own)."""

from __future__ import annotations

from dateline.temporal.lexicon import (
    FULL_MONTHS,
    MONTH_ABBREVIATIONS,
    NUMBER_WORDS,
    ORDINAL_WORDS,
    PARTS_OF_DAY,
    SEASONS,
    UNITS,
    VAGUE_QUANTITIES,
    WEEKDAYS,
    any_of,
    cases,
    title_upper,
)

SPACE = r"\s+"
# The end of a word; a possessive may follow ("today's"), a hyphenated word may not.
END = r"(?!\w)(?!-\w)"

MONTH_FULL = any_of(FULL_MONTHS, title_upper)
MONTH_ABBR = any_of(MONTH_ABBREVIATIONS, title_upper)
# A month as part of a date: abbreviations with or without their full stop.
MONTH = rf"(?:{MONTH_FULL}|{MONTH_ABBR}\.?)(?!\w)"
# A month on its own: abbreviations only with a full stop ("Jan." but not "Jan", a name).
MONTH_ALONE = rf"(?:{MONTH_FULL}(?!\w)|{MONTH_ABBR}\.)"

WEEKDAY = any_of(list(WEEKDAYS), title_upper) + r"(?!\w)"

DAY = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?(?![\d:.,]\d)(?!\w)"
DAY_WORD = any_of(list(ORDINAL_WORDS) + [f"twenty-{w}" for w in list(ORDINAL_WORDS)[:9]] + ["thirty-first"])
YEAR = r"(?:1[0-9]|20)[0-9]{2}(?![\d])"

NUMBER_WORD = (
    any_of([w for w in NUMBER_WORDS if " " not in w and w not in ("a", "an")])
    + rf"(?:[\s-]+{any_of(['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'])})?"
)
NUMBER = (
    rf"(?:\d{{1,3}}(?:,\d{{3}})*(?:\.\d+)?|{NUMBER_WORD}(?:{SPACE}hundred)?"
    rf"|{any_of(['a couple of', 'couple of', 'a dozen', 'another', 'an additional'])})"
)
ARTICLE = any_of(["a", "an"])
# "half a century"; "two and a half years", "a year and a half".
HALF_A = rf"{cases('half')}[\s-]+{ARTICLE}"
AND_A_HALF = r"[\s-]+and[\s-]+a[\s-]+half"
VAGUE = any_of(list(VAGUE_QUANTITIES))

UNIT = any_of([u for u in UNITS if u not in ("weekend", "night")])
UNIT_PLURAL = rf"(?:{UNIT}s?|{cases('centuries')}|{cases('nights')})"

SEASON = any_of(list(SEASONS))
PART_OF_DAY = any_of(list(PARTS_OF_DAY))

# Modifiers HeidelTime and TimeBank keep inside the span ("late January", "mid-1990s").
_MODIFIERS = [
    "early",
    "late",
    "the end of",
    "the beginning of",
    "the start of",
    "the middle of",
    "end of",
    "beginning of",
    "start of",
    "middle of",
    "the first half of",
    "the second half of",
    "the latter half of",
    "the latter part of",
    "the early part of",
    "the turn of",
]
MODIFIER = "(?:" + any_of(_MODIFIERS + ["mid"]) + r"[\s-]+)"
# HeidelTime leaves "mid-" out of month spans ("mid-July" → "July").
MONTH_MODIFIER = "(?:" + any_of(_MODIFIERS) + r"[\s-]+)"
