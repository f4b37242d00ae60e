"""Words the tagger knows, and the regex fragments built from them.

Patterns are case-sensitive on purpose: month and weekday names must be capitalised
("May", never the modal "may"), keywords may be lower-case, Title-case or UPPER-case.
Spelling the cases out keeps the first op of every alternative a literal, which lets the
regex engine skip alternatives on their first character (see ``patterns``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from dateline.temporal.leads import trie

MONTHS: dict[str, int] = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
FULL_MONTHS = list(MONTHS)[:12]
MONTH_ABBREVIATIONS = list(MONTHS)[12:]

WEEKDAYS: dict[str, int] = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}

NUMBER_WORDS: dict[str, int] = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "a": 1,
    "an": 1,
    "a couple of": 2,
    "couple of": 2,
    "another": 1,
    "an additional": 1,
    "a dozen": 12,
    "dozen": 12,
    "a half": 0,
}
ORDINAL_WORDS: dict[str, int] = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
}
VAGUE_QUANTITIES = ("several", "a few", "few", "many", "some", "a number of", "numerous")

# TIMEX3 unit letters; "T" marks the units that live after the time designator.
UNITS: dict[str, str] = {
    "second": "TS",
    "minute": "TM",
    "hour": "TH",
    "day": "D",
    "night": "D",
    "week": "W",
    "weekend": "WE",
    "fortnight": "2W",
    "month": "M",
    "quarter": "Q",
    "year": "Y",
    "decade": "DE",
    "century": "CE",
}
SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
PARTS_OF_DAY: dict[str, str] = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI"}


# Frequent English words that also start time expressions ("the past week", "a year ago",
# "about two years"): the tagger's scan looks at the word after them before trying rules.
COMMON_WORDS = frozenset(
    {
        "the",
        "a",
        "an",
        "that",
        "this",
        "these",
        "at",
        "as",
        "about",
        "more",
        "one",
        "some",
        "over",
        "just",
        "only",
        "up",
        "so",
        "many",
        "first",
        "for",
        "in",
        "of",
        "on",
    }
)


def lower_title_upper(word: str) -> tuple[str, ...]:
    """The ways a keyword is written: lower-case, Title-case (sentence start), UPPER-case."""
    return tuple(dict.fromkeys((word, word[:1].upper() + word[1:], word.upper())))


def title_upper(word: str) -> tuple[str, ...]:
    """The ways a proper noun (month, weekday, holiday) is written."""
    title = " ".join(part[:1].upper() + part[1:] for part in word.split(" "))
    return tuple(dict.fromkeys((title, word.upper())))


def any_of(words: Iterable[str], forms: Callable[[str], tuple[str, ...]] = lower_title_upper) -> str:
    """A regex for ``words`` in their written ``forms``, as a prefix trie (see ``leads.trie``)
    that prefers longer words; a space matches any whitespace."""
    return "(?:" + trie([form for word in words for form in forms(word)]) + ")"


def cases(word: str) -> str:
    """``word`` as written lower-case, Title-case or UPPER-case."""
    return any_of([word])


def number_value(word: str) -> int | None:
    """The integer a number written in digits or words denotes ("twenty four", "1,000",
    "two-and-a-half" → 2); None when it is vague ("several") or not a number."""
    word = " ".join(word.lower().replace(",", "").split())
    if word.isdigit():
        return int(word)
    if word in NUMBER_WORDS:
        return NUMBER_WORDS[word] or None
    total = 0
    for part in word.replace("-", " ").split():
        if part in ("and", "a", "half") and total:
            continue
        value = NUMBER_WORDS.get(part)
        if value is None:
            return None
        total = total * value if value == 100 and total else total + value
    return total or None
