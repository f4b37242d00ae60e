"""Rules for expressions that name their calendar unit: "July 27, 2023", "Jan. 5",
"January 2011", "2011", "the 1990s", "the 20th century".

A missing year is filled in from the DCT by the tense of the clause (see ``tense``), as
HeidelTime does for news.
"""

from __future__ import annotations

import datetime as dt
import re

from dateline.temporal.calendar_math import (
    century_value,
    day_value,
    is_recent,
    is_upcoming,
    month_value,
    nearest_month,
    week_value,
    year_value,
)
from dateline.temporal.fragments import (
    DAY,
    DAY_WORD,
    END,
    MODIFIER,
    MONTH,
    MONTH_ALONE,
    MONTH_MODIFIER,
    NUMBER_WORD,
    SPACE,
    WEEKDAY,
    YEAR,
)
from dateline.temporal.lexicon import MONTHS, ORDINAL_WORDS, WEEKDAYS, any_of, cases, number_value
from dateline.temporal.rule import Context, Normalised, Rule

_DIGITS = re.compile(r"\d+")
_LOOKAHEAD_DAYS = 61
_THE = rf"(?:{cases('the')}{SPACE})?"


def _month(word: str) -> int:
    return MONTHS[word.rstrip(".").lower()]


def _day(word: str) -> int:
    digits = _DIGITS.match(word)
    if digits:
        return int(digits.group())
    return sum(
        ORDINAL_WORDS.get(part, 0) + (20 if part == "twenty" else 30 if part == "thirty" else 0)
        for part in word.lower().split("-")
    )


def _date(year: int, month: int, day: int) -> Normalised:
    try:
        return "DATE", day_value(dt.date(year, month, day))
    except ValueError:
        return None


def _full_date(m: re.Match[str], ctx: Context) -> Normalised:
    return _date(int(m["year"]), _month(m["month"]), _day(m["day"]))


def _numeric_date(m: re.Match[str], ctx: Context) -> Normalised:
    year = int(m["year"])
    if year < 100:
        year += 1900 if year > (ctx.dct.year + 5) % 100 else 2000
    return _date(year, int(m["month"]), int(m["day"]))


def _month_day(m: re.Match[str], ctx: Context) -> Normalised:
    """A day without a year: the latest such day up to two months after the DCT (news
    mostly reports the past, and announces the near future), or the next one when the
    clause speaks of the future, unless the day is at most two months gone (a future
    clause names a recent day for the event it refers to: "the money will go to study
    the April 20 explosion"); the last one after "since"."""
    month, day = _month(m["month"]), _day(m["day"])
    year = ctx.dct.year
    ahead = (month - ctx.dct.month) * 31 + day - ctx.dct.day  # this year's, in days of 31 a month
    if ctx.follows_since(m):
        year -= ahead > 0
    elif ahead < -_LOOKAHEAD_DAYS and ctx.direction(m) > 0:
        year += 1
    elif ahead > _LOOKAHEAD_DAYS and (ctx.direction(m) <= 0 or ahead - 12 * 31 >= -_LOOKAHEAD_DAYS):
        year -= 1  # last year's: in the past, or at most two months gone
    return _date(year, month, day)


def _weekday_date(m: re.Match[str], ctx: Context) -> Normalised:
    """ "Friday, Oct. 23", "Monday, Oct. 26, 1998": the date; without a year, the year
    nearest the DCT in which that day falls on that weekday (news names the weekday of
    dates close to publication), else the year a bare "Oct. 23" would get."""
    month, day = _month(m["month"]), _day(m["day"])
    if m["year"]:
        return _date(int(m["year"]), month, day)
    weekday = WEEKDAYS[m["weekday"].lower()]
    fitting = []
    for year in (ctx.dct.year, ctx.dct.year - 1, ctx.dct.year + 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if candidate.weekday() == weekday:
            fitting.append(candidate)
    if fitting:
        return "DATE", day_value(min(fitting, key=lambda date: abs((date - ctx.dct).days)))
    return _month_day(m, ctx)


def _week_of(m: re.Match[str], ctx: Context) -> Normalised:
    """ "the week of March 6": the ISO week containing that day (``1998-W10``)."""
    resolved = _month_day(m, ctx)
    if resolved is None:
        return None
    return "DATE", week_value(dt.date.fromisoformat(resolved[1]))


def _month_year(m: re.Match[str], ctx: Context) -> Normalised:
    """ "January 2011", "January nineteen ninety-seven", "January of next year"."""
    if m["year"]:
        return "DATE", month_value(int(m["year"]), _month(m["month"]))
    if m["spelled"]:
        year = _spelled_year_value(m["spelled"])
        return None if year is None else ("DATE", f"{year}-{_month(m['month']):02d}")
    relation = m["rel"].lower()
    offset = -1 if relation == "last" else 1 if relation == "next" else 0
    return "DATE", month_value(ctx.dct.year + offset, _month(m["month"]))


# "May" is also a name ("Theresa May", "Ethel May Weiss") and a wish ("May God bless"):
# straight after a capitalised word that does not lead to a date ("In May", "Last May",
# "The May figures"), or before "God", it is no month.
_LEADS_TO_A_DATE = frozenset(
    """in by since until till through from during before after of as and or to at on for
    around about last next this that early late mid the each every past than between
    throughout later come""".split()
)
_CAPITALISED_BEFORE = re.compile(r"([A-Z][a-z]+)[ \t]+$")
_GOD_AFTER = re.compile(r" God\b")


def _name_or_wish(m: re.Match[str], ctx: Context) -> bool:
    """Whether the bare "May" matched is a person's name or a wish, not the month."""
    if m["month"] != "May" or m.start("month") != m.start():
        return False
    if _GOD_AFTER.match(ctx.text, m.end()):
        return True
    before = _CAPITALISED_BEFORE.search(ctx.text, max(0, m.start() - 30), m.start())
    return before is not None and before[1].lower() not in _LEADS_TO_A_DATE


def _month_alone(m: re.Match[str], ctx: Context) -> Normalised:
    """A month without a year: the coming one when it is upcoming (see ``is_upcoming``)
    or the clause speaks of the future, else (and always after "since") the last one;
    nothing for a "May" that is a name or a wish (``_name_or_wish``)."""
    if _name_or_wish(m, ctx):
        return None
    month = _month(m["month"])
    relation = " ".join((m["rel"] or "").lower().split())
    if relation in ("last", "this past"):
        year = ctx.dct.year - (month >= ctx.dct.month)
    elif relation in ("next", "the coming"):
        year = ctx.dct.year + (month <= ctx.dct.month)
    elif relation == "this":
        year = ctx.dct.year
    elif ctx.follows_since(m):
        year = nearest_month(ctx.dct, month, -1)
    else:
        forward = is_upcoming(ctx.dct, month) or (not is_recent(ctx.dct, month) and ctx.direction(m, loose=True) > 0)
        year = nearest_month(ctx.dct, month, 1 if forward else -1)
    return "DATE", month_value(year, month)


# A four-digit number that names or counts something is no year: "U.N. Resolution 1973",
# "Flight 1549", "Route 1776"; "1973 votes", "2000 troops".
_DESIGNATOR_BEFORE = re.compile(
    r"\b(?:resolutions?|unscr|flights?|no|nos|numbers?|routes?|articles?|sections?|rooms?|chapters?|"
    r"pages?|highways?|bills?|models?|paragraphs?|items?|codes?|apartments?|suites?|box|volumes?|vol|"
    r"interstate|rules?|hr|h\.r|s\.b|mandate|decree|form|lot|pp|p)\.?\s+$",
    re.IGNORECASE,
)
_COUNTED_AFTER = re.compile(
    r"\s+(?:votes|voters|people|persons|troops|soldiers|deaths|dead|cases|points|pounds|dollars|euros|"
    r"miles|kilometres|kilometers|km|metres|meters|feet|tonnes|tons|barrels|residents|members|employees|"
    r"workers|jobs|units|shares|homes|houses|cars|children|students|signatures|delegates|seats|acres|"
    r"hectares|calories|rounds|refugees|protesters|civilians|patients|prisoners|victims|words|pages|"
    r"copies|times|officers|police|policemen|fighters|rebels|militants|staff|families|buildings)\b",
    re.IGNORECASE,
)
_DESIGNATOR_REACH = 20


def _year(m: re.Match[str], ctx: Context) -> Normalised:
    """A bare year, unless the number names or counts something (``_DESIGNATOR_BEFORE``,
    ``_COUNTED_AFTER``)."""
    if _DESIGNATOR_BEFORE.search(ctx.text, max(0, m.start() - _DESIGNATOR_REACH), m.start()) or _COUNTED_AFTER.match(
        ctx.text, m.end()
    ):
        return None
    return "DATE", year_value(int(m["year"]))


_PART_OF_A_YEAR = re.compile(r"\s+(?:first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+(?:quarter|half)\b", re.IGNORECASE)


def _decade(m: re.Match[str], ctx: Context) -> Normalised:
    """ "the 1960s", "the early '90s": ``196``, ``199`` (see ``decade_value``; "early"
    and "late" only modify it). "1990's first half" is the year's, not the decade's."""
    if m[0].endswith("'s") and _PART_OF_A_YEAR.match(ctx.text, m.end()):
        return None
    if m["century"]:
        return "DATE", f"{m['century']}{m['decade']}"
    # "the '90s": the latest such decade that has begun by the DCT.
    century = ctx.dct.year // 100 - (ctx.dct.year % 100 < 10 * int(m["short"]))
    return "DATE", f"{max(century, 0):02d}{m['short']}"


_DECADE_WORDS = {
    "twenties": 2,
    "thirties": 3,
    "forties": 4,
    "fifties": 5,
    "sixties": 6,
    "seventies": 7,
    "eighties": 8,
    "nineties": 9,
}
_TENS = {"ten": 1, "twenty": 2, "thirty": 3, "forty": 4, "fifty": 5, "sixty": 6, "seventy": 7, "eighty": 8, "ninety": 9}


def _spelled_decade(m: re.Match[str], ctx: Context) -> Normalised:
    return "DATE", f"19{_DECADE_WORDS[m['decade'].lower()]}"


def _spelled_year_value(words: str) -> str | None:
    """ "nineteen ninety-six" → "1996", "two thousand and one" → "2001" (broadcast
    transcripts spell years out)."""
    parts = words.lower().replace("-", " ").split()
    if parts[0] == "nineteen":
        tens = _TENS.get(parts[1], 0)
        units = number_value(parts[2]) if len(parts) > 2 else 0
        return f"19{tens}{units or 0}"
    rest = [w for w in parts[2:] if w != "and"]
    value = number_value(" ".join(rest)) if rest else 0
    return f"{2000 + value:04d}" if value is not None and value < 100 else None


def _spelled_year(m: re.Match[str], ctx: Context) -> Normalised:
    value = _spelled_year_value(m[0])
    return None if value is None else ("DATE", value)


def _century(m: re.Match[str], ctx: Context) -> Normalised:
    number = _day(m["ordinal"])
    if not 1 <= number <= 21:
        return None
    return "DATE", century_value(100 * (number - 1))


_UNIT_WORDS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_SPELLED_YEAR = (
    rf"{cases('nineteen')}{SPACE}{any_of(list(_TENS))}(?:[\s-]+{any_of(_UNIT_WORDS)})?{END}"
    rf"|{cases('two thousand')}(?:{SPACE}(?:and{SPACE})?{NUMBER_WORD})?{END}"
)
_SEPARATOR = rf"(?:\s*,\s*|{SPACE})"
_OF = rf"(?:{SPACE}of)?"

_MONTH_DAY = rf"(?P<month>{MONTH})\s*(?P<day>{DAY}|{DAY_WORD})"

RULES = [
    Rule(
        "weekday_date",
        rf"(?P<weekday>{WEEKDAY}),?{SPACE}{_MONTH_DAY}(?:{_SEPARATOR}(?P<year>{YEAR}))?{END}",
        _weekday_date,
    ),
    Rule("week_of", rf"{cases('the')}{SPACE}week{SPACE}of{SPACE}{_MONTH_DAY}{END}", _week_of),
    Rule(
        "iso_date",
        r"(?P<year>(?:1[0-9]|20)[0-9]{2})-(?P<month>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12][0-9]|3[01])(?![\d])",
        _numeric_date,
    ),
    Rule(
        "numeric_date",
        r"(?P<month>1[0-2]|0?[1-9])/(?P<day>3[01]|[12][0-9]|0?[1-9])/(?P<year>(?:1[0-9]|20)[0-9]{2}|[0-9]{2})(?![\d/])",
        _numeric_date,
    ),
    Rule("month_day_year", rf"(?P<month>{MONTH})\s*(?P<day>{DAY}|{DAY_WORD}){_SEPARATOR}(?P<year>{YEAR})", _full_date),
    Rule(
        "day_month_year",
        rf"{_THE}(?P<day>{DAY}){_OF}{SPACE}(?P<month>{MONTH}){_SEPARATOR}?(?P<year>{YEAR})",
        _full_date,
    ),
    Rule("month_day", rf"(?P<month>{MONTH})\s*(?:the{SPACE})?(?P<day>{DAY}|{DAY_WORD}){END}", _month_day),
    Rule("day_month", rf"{_THE}(?P<day>{DAY}){_OF}{SPACE}(?P<month>{MONTH})", _month_day),
    Rule(
        "month_year",
        rf"{MONTH_MODIFIER}?(?P<month>{MONTH}){_SEPARATOR}(?:of{SPACE})?"
        rf"(?:(?P<year>{YEAR})|(?P<spelled>{_SPELLED_YEAR})"
        rf"|(?P<rel>{cases('last')}|{cases('this')}|{cases('next')}){SPACE}{cases('year')}{END})",
        _month_year,
    ),
    Rule(
        "month",
        rf"(?:(?P<rel>{cases('last')}|{cases('next')}|{cases('this')}|{cases('this past')}|{cases('the coming')})"
        rf"{SPACE}|{MONTH_MODIFIER})?(?P<month>{MONTH_ALONE})",
        _month_alone,
    ),
    Rule(
        "decade",
        rf"{_THE}{MODIFIER}?(?:(?P<century>1[0-9]|20)(?P<decade>[0-9])0|'?(?P<short>[1-9])0)'?s(?!\w)",
        _decade,
    ),
    Rule("spelled_decade", rf"{_THE}{MODIFIER}?(?P<decade>{any_of(list(_DECADE_WORDS))}){END}", _spelled_decade),
    Rule("spelled_year", _SPELLED_YEAR, _spelled_year),
    Rule(
        "century",
        rf"{_THE}{MODIFIER}?(?P<ordinal>\d{{1,2}}(?:st|nd|rd|th)|{DAY_WORD})[\s-]+{cases('century')}(?!\w)",
        _century,
    ),
    Rule(
        "year",
        rf"(?:(?<![\d$£€¥.,:/#-])|(?<=\b[Pp]ost-)|(?<=\b[Pp]re-)){MODIFIER}?(?:{cases('fiscal')}{SPACE}(?:{cases('year')}{SPACE})?)?"
        rf"(?P<year>{YEAR})(?!\d|\s*%|,\d|\.\d|-\d|:\d|{SPACE}(?:percent|per cent))",
        _year,
    ),
]
