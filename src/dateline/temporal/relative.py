"""Rules for expressions resolved against the DCT: "today", "last week", "on Thursday",
"next May", "two years ago", "earlier this month", "the third quarter", "this summer",
"now" (PRESENT_REF).

Conventions follow TimeML as HeidelTime applies them to news: "last week" is the ISO
week before the DCT's (``2011-W03``), "the weekend" a week's ``-WE``, quarters
``YYYY-Qn``, seasons ``YYYY-SU``; "N units ago" keeps the unit's granularity.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from dateline.temporal.calendar_math import (
    century_value,
    day_value,
    decade_value,
    easter,
    is_upcoming,
    month_value,
    nearest_month,
    quarter_of,
    quarter_value,
    shift_days,
    shift_months,
    shift_quarter,
    shifted_value,
    week_value,
    year_value,
)
from dateline.temporal.durations import duration_value
from dateline.temporal.fragments import (
    ARTICLE,
    END,
    MODIFIER,
    MONTH,
    NUMBER,
    PART_OF_DAY,
    SEASON,
    SPACE,
    VAGUE,
    WEEKDAY,
)
from dateline.temporal.lexicon import (
    MONTHS,
    PARTS_OF_DAY,
    SEASONS,
    WEEKDAYS,
    any_of,
    cases,
    number_value,
    title_upper,
)
from dateline.temporal.rule import Context, Normalised, Rule

_PAST_WORDS = ("last", "past", "previous", "this past", "the past", "the previous", "the last")
_NEXT_WORDS = ("next", "coming", "the next", "the coming", "the following", "following", "this coming")
_THIS_WORDS = (
    "this",
    "the current",
    "current",
    "earlier this",
    "later this",
    "early this",
    "late this",
    "so far this",
    "this same",
)


def _offset(relation: str) -> int:
    """-1, 0 or +1 for "last ...", "this ...", "next ..."."""
    relation = " ".join(relation.lower().split())
    if relation in _PAST_WORDS:
        return -1
    if relation in _NEXT_WORDS:
        return 1
    return 0


def _unit_value(dct: dt.date, unit: str, offset: int) -> Normalised:
    """The calendar ``unit`` (day, week, weekend, month, quarter, year, decade, century)
    ``offset`` steps from the one containing ``dct``."""
    if unit == "day":
        return "DATE", day_value(shift_days(dct, offset))
    if unit in ("week", "weekend"):
        week = week_value(shift_days(dct, 7 * offset))
        return "DATE", week + ("-WE" if unit == "weekend" else "")
    if unit == "month":
        return "DATE", month_value(*shift_months(dct.year, dct.month, offset))
    if unit == "quarter":
        return "DATE", quarter_value(*shift_quarter(dct.year, quarter_of(dct.month), offset))
    if unit == "year":
        return "DATE", year_value(dct.year + offset)
    if unit == "decade":
        return "DATE", decade_value(dct.year + 10 * offset)
    if unit == "century":
        return "DATE", century_value(dct.year + 100 * offset)
    return None


_DEICTIC_DAYS = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0}


def _deictic_day(m: re.Match[str], ctx: Context) -> Normalised:
    word = m["word"].lower()
    if word.startswith("the day before"):
        offset = -2
    elif word.startswith("the day after"):
        offset = 2
    else:
        offset = _DEICTIC_DAYS[word]
    day = day_value(shift_days(ctx.dct, offset))
    part = (m["part"] or ("night" if word == "tonight" else "")).lower()
    if part:
        return "TIME", f"{day}T{PARTS_OF_DAY[part]}"
    return "DATE", day


def _part_of_today(m: re.Match[str], ctx: Context) -> Normalised:
    part = m["part"].lower()
    day = shift_days(ctx.dct, -1 if m["rel"].lower() == "last" else 0)
    return "TIME", f"{day_value(day)}T{PARTS_OF_DAY[part]}"


def _part_before_day(m: re.Match[str], ctx: Context) -> Normalised:
    """ "mid-afternoon yesterday", "early morning Tuesday": that part of that day (the
    weekday resolved as a bare weekday is)."""
    word = m["day"].lower()
    day = shift_days(ctx.dct, _DEICTIC_DAYS[word]) if word in _DEICTIC_DAYS else ctx.weekday(m, WEEKDAYS[word])
    part = next(name for name in PARTS_OF_DAY if name in m["part"].lower())
    return "TIME", f"{day_value(day)}T{PARTS_OF_DAY[part]}"


def _weekday(m: re.Match[str], ctx: Context) -> Normalised:
    """ "last Friday" is the latest Friday before the DCT (a week before it on a Friday),
    "next Friday" the first one after it; a bare "Friday" follows the clause (see
    ``Context.weekday``)."""
    weekday = WEEKDAYS[m["day"].lower()]
    relation = " ".join((m["rel"] or "").lower().split())
    if relation in ("last", "this past", "past"):
        day = shift_days(ctx.dct, (weekday - ctx.dct.weekday()) % 7 - 7)
    elif _offset(relation) > 0:
        day = shift_days(ctx.dct, (weekday - ctx.dct.weekday()) % 7 or 7)
    else:
        day = ctx.weekday(m, weekday)
    if m["part"]:
        return "TIME", f"{day_value(day)}T{PARTS_OF_DAY[m['part'].lower()]}"
    return "DATE", day_value(day)


_ANAPHORIC_RELATIONS = ("the following", "following", "the previous", "previous")


def _relative_unit(m: re.Match[str], ctx: Context) -> Normalised:
    """ "last week", "this year", "the end of the month", "earlier in the year"; "the
    following month" and "the previous year" count from the date last mentioned (see
    ``Context.anchor``), as readers do: "convicted in February 2010 and sentenced the
    following month"."""
    unit = m["unit"].lower()
    relation = " ".join((m["rel"] or "").lower().split())
    if relation in _ANAPHORIC_RELATIONS and unit in ("week", "month", "year"):
        return "DATE", shifted_value(*ctx.anchor(unit), unit, _offset(relation))
    return _unit_value(ctx.dct, unit, _offset(relation))


_OR_MORE = re.compile(r"\s+or\s")


def _anaphoric(m: re.Match[str], ctx: Context) -> Normalised:
    """ "the next day", "the day before", "that year", "later that week": counted from the
    date last mentioned (see ``Context.anchor``), from the DCT when there is none. "In
    the next day or two" looks ahead from the DCT. "That night" is the night of the day
    last mentioned, and is left alone when the text last named something longer than a
    day (its night is not known)."""
    if m["part"]:
        day, granularity = ctx.anchor("day")
        if granularity != "day":
            return None
        return "TIME", f"{day_value(day)}T{PARTS_OF_DAY[m['part'].lower()]}"
    words = " ".join(m[0].lower().split())
    unit = (m["unit"] or "day").lower()
    unit = "day" if unit == "morning" else unit
    offset = (
        1
        if ("next" in words or "following" in words or "after" in words)
        else -1
        if ("previous" in words or "before" in words)
        else 0
    )
    if offset > 0 and _OR_MORE.match(ctx.text, m.end()):
        anchor = ctx.dct, "day"
    else:
        anchor = ctx.anchor(unit)
    return "DATE", shifted_value(*anchor, unit, offset)


def _ago(m: re.Match[str], ctx: Context) -> Normalised:
    """ "two years ago" counts from the DCT; "two days later" and "two years earlier"
    from the date last mentioned (see ``Context.anchor``). Decades and centuries count
    years: "a decade ago" in 1999 is ``1989``."""
    unit = m["unit"].lower().rstrip("s")
    unit = "century" if unit.startswith("centur") else unit
    amount = number_value(m["n"])
    direction = m["dir"].lower()
    sign = 1 if direction == "later" else -1
    if amount is None:
        return "DATE", "FUTURE_REF" if sign > 0 else "PAST_REF"
    if unit == "year" and amount == 1 and sign < 0 and ctx.mentions_quarter(m):
        return "DATE", quarter_value(*shift_quarter(*ctx.quarter, -4))
    if unit in _YEARS_PER:
        # "a decade ago" is the year ten years back (TimeML), not the decade before.
        unit, amount = "year", amount * _YEARS_PER[unit]
    anchor = (ctx.dct, "day") if direction == "ago" else ctx.anchor(unit)
    return "DATE", shifted_value(*anchor, unit, sign * amount)


_YEARS_PER = {"decade": 10, "century": 100}


_QUARTER_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}


def _quarter(m: re.Match[str], ctx: Context) -> Normalised:
    """Named quarters of the DCT's year (the previous year's when a later quarter is
    spoken of in the past tense); "the quarter"/"the latest quarter" is the last completed
    one, which is what earnings reports mean; "the year-ago quarter" and, in a passage on
    a quarter's results, "the same period a year earlier" the one a year before the
    quarter last mentioned (elsewhere the period is the year before)."""
    current = quarter_of(ctx.dct.month)
    ordinal = (m["ord"] or "").lower()
    if ordinal in _QUARTER_ORDINALS:
        quarter = _QUARTER_ORDINALS[ordinal]
        if m["year"] or m["ypos"]:
            year = int(m["year"] or m["ypos"])
        elif m["yrel"]:
            year = ctx.dct.year + _offset(m["yrel"])
        elif quarter > current and ctx.direction(m) < 0:
            year = ctx.dct.year - 1
        else:
            year = ctx.dct.year
        if (year, quarter) < (ctx.dct.year, current) or (
            (year, quarter) == (ctx.dct.year, current) and ctx.direction(m) < 0
        ):
            # A quarter not yet over is a forecast ("into the fourth quarter"), not the
            # quarter whose results the passage compares with "the year-ago period",
            # unless the clause reports it ("reported a decline in fourth-quarter
            # earnings": a fiscal quarter).
            ctx.mention_quarter(year, quarter, m.end())
        return "DATE", quarter_value(year, quarter)
    words = m[0].lower()
    if m["year2"]:
        ordinal = (m["ord2"] or "").lower()
        quarter = _QUARTER_ORDINALS[ordinal] if ordinal else ctx.quarter[1]
        return "DATE", quarter_value(int(m["year2"]), quarter)
    if m["yrel2"]:
        return "DATE", quarter_value(ctx.quarter[0] + _offset(m["yrel2"]), ctx.quarter[1])
    if m["prior"]:
        if "quarter" in words or ctx.mentions_quarter(m):
            return "DATE", quarter_value(*shift_quarter(*ctx.quarter, -4))
        return "DATE", year_value(ctx.dct.year - 1)
    if m["ago"]:
        if m["period"] or ctx.mentions_quarter(m):
            return "DATE", quarter_value(*shift_quarter(*ctx.quarter, -4))
        return "DATE", year_value(ctx.dct.year - 1)
    if "current" in words or "this" in words:
        return "DATE", quarter_value(ctx.dct.year, current)
    if "next" in words or "coming" in words:
        return "DATE", quarter_value(*shift_quarter(ctx.dct.year, current, 1))
    ended = _QUARTER_ENDED.match(ctx.text, m.end())
    if ended:
        return "DATE", quarter_value(*_quarter_ended(ctx.dct, MONTHS[ended["month"].lower().rstrip(".")]))
    return "DATE", quarter_value(*shift_quarter(ctx.dct.year, current, -1))


# "the quarter ended July 31": a company's own quarter, named by its last month. It does
# not become the quarter under discussion: a report that first said "the fiscal first
# quarter" goes on counting in its fiscal quarters.
_QUARTER_ENDED = re.compile(rf"{SPACE}ended{SPACE}(?P<month>{MONTH})")


def _quarter_ended(dct: dt.date, last_month: int) -> tuple[int, int]:
    """The calendar quarter that a three-month quarter ending with ``last_month`` mostly
    lies in (the quarter of its middle month: "the quarter ended July 31" is May to July,
    ``Q2``), in the latest year in which that month has ended by the DCT."""
    year = dct.year if last_month <= dct.month else dct.year - 1
    middle_year, middle = shift_months(year, last_month, -1)
    return middle_year, quarter_of(middle)


def _half(m: re.Match[str], ctx: Context) -> Normalised:
    half = 1 if m["ord"].lower() == "first" else 2
    year = (
        int(m["year"] or m["ypos"]) if m["year"] or m["ypos"] else ctx.dct.year + _offset(m["rel"] or m["rel2"] or "")
    )
    return "DATE", f"{year_value(year)}-H{half}"


_PERIOD_ENDING = re.compile(r"\s+(?:ended|ending)\b")


def _this_year(m: re.Match[str], ctx: Context) -> Normalised:
    """ "the year", "the full year", "year-end": in news, the DCT's year. "The fiscal year"
    is mostly the reporting period ("for the fiscal year ended Sept. 30"), and so is "the
    year ended March 31" or "the year ending June 30, 1990": a duration."""
    if "fiscal" in m[0].lower() or _PERIOD_ENDING.match(ctx.text, m.end()):
        return "DURATION", "P1Y"
    return "DATE", year_value(ctx.dct.year)


_SATURDAY = 5


def _weekend(m: re.Match[str], ctx: Context) -> Normalised:
    """ "the weekend": the last one before the DCT (HeidelTime's reading, 98 % of its
    Timeline17 cases), which is the DCT's own week's when the DCT is a Saturday or Sunday;
    the next one when the clause speaks of the future (the DCT's own week's, or the
    week after's when the DCT is itself in a weekend)."""
    on_weekend = ctx.dct.weekday() >= _SATURDAY
    if ctx.direction(m) > 0:
        offset = 1 if on_weekend else 0
    else:
        offset = 0 if on_weekend else -1
    return "DATE", week_value(shift_days(ctx.dct, 7 * offset)) + "-WE"


def _season(m: re.Match[str], ctx: Context) -> Normalised:
    season = SEASONS[m["season"].lower()]
    relation = " ".join((m["rel"] or "").lower().split())
    if m["year"]:
        year = int(m["year"])
    else:
        if m["season"].lower() == "fall" and relation in ("", "the"):
            return None
        year = ctx.dct.year + _offset(relation)
    return "DATE", f"{year_value(year)}-{season}"


def _fixed_holiday(month: int, day: int) -> Callable[[int], dt.date]:
    return lambda year: dt.date(year, month, day)


def _nth_weekday(month: int, weekday: int, n: int) -> Callable[[int], dt.date]:
    """The n-th (n < 0: from the end) given weekday of ``month``, as a function of the year."""

    def compute(year: int) -> dt.date:
        if n > 0:
            first = dt.date(year, month, 1)
            return shift_days(first, (weekday - first.weekday()) % 7 + 7 * (n - 1))
        last = shift_days(dt.date(year + month // 12, month % 12 + 1, 1), -1)
        return shift_days(last, -((last.weekday() - weekday) % 7))

    return compute


_HOLIDAYS = {
    "christmas eve": _fixed_holiday(12, 24),
    "christmas day": _fixed_holiday(12, 25),
    "christmas": _fixed_holiday(12, 25),
    "boxing day": _fixed_holiday(12, 26),
    "new year's eve": _fixed_holiday(12, 31),
    "new year's day": _fixed_holiday(1, 1),
    "valentine's day": _fixed_holiday(2, 14),
    "halloween": _fixed_holiday(10, 31),
    "easter": easter,
    "easter sunday": easter,
    "thanksgiving": _nth_weekday(11, 3, 4),
    "thanksgiving day": _nth_weekday(11, 3, 4),
    "memorial day": _nth_weekday(5, 0, -1),
    "labor day": _nth_weekday(9, 0, 1),
    "independence day": _fixed_holiday(7, 4),
    "fourth of july": _fixed_holiday(7, 4),
    "may day": _fixed_holiday(5, 1),
    "groundhog day": _fixed_holiday(2, 2),
    "christmas morning": _fixed_holiday(12, 25),
}


def _holiday(m: re.Match[str], ctx: Context) -> Normalised:
    compute = _HOLIDAYS[" ".join(m["name"].lower().split()).replace(" 's", "'s")]
    year = int(m["year"]) if m["year"] else None
    if year is None:
        offset = _offset(m["rel"] or "")
        guess = compute(ctx.dct.year)
        forward = is_upcoming(ctx.dct, guess.month) or ctx.direction(m) > 0
        year = nearest_month(ctx.dct, guess.month, 1 if forward else -1) + offset
    try:
        return "DATE", day_value(compute(year))
    except (ValueError, OverflowError):
        return None


_REFS = {
    "now": "PRESENT_REF",
    "right now": "PRESENT_REF",
    "currently": "PRESENT_REF",
    "current": "PRESENT_REF",
    # "at the then current market price": the present of a past time.
    "then current": "PAST_REF",
    "then-current": "PAST_REF",
    "at present": "PRESENT_REF",
    "the present": "PRESENT_REF",
    "nowadays": "PRESENT_REF",
    "these days": "PRESENT_REF",
    "at the moment": "PRESENT_REF",
    "recently": "PAST_REF",
    "recent": "PAST_REF",
    "lately": "PAST_REF",
    "the past": "PAST_REF",
    "the future": "FUTURE_REF",
    "soon": "FUTURE_REF",
    "as soon as possible": "FUTURE_REF",
    "the near future": "FUTURE_REF",
    "a later date": "FUTURE_REF",
    "a future date": "FUTURE_REF",
}


def _reference(m: re.Match[str], ctx: Context) -> Normalised:
    """ "now", "recently", "the future"; "recent days", "coming years" are vague
    durations (``PXD``, ``PXY``), as TimeBank annotates them."""
    if m["span"]:
        return "DURATION", duration_value("X", m["span"].lower()[:-1])
    words = " ".join(m[0].lower().split())
    if (
        words == "soon"
        and _AS_BEFORE.search(ctx.text, max(0, m.start() - 4), m.start())
        and _AS_AFTER.match(ctx.text, m.end())
    ):
        return None  # "as soon as the threats end": a conjunction ("as soon as possible" is a rule of its own)
    return "DATE", _REFS[words]


def _then(m: re.Match[str], ctx: Context) -> Normalised:
    """ "Until then", "by then", "since then": the time last named (TimeML tags the
    anaphoric "then" with its referent's value: "terminate on Nov. 30. Until then" is
    ``1989-11-30``); not a time expression when nothing dated comes just before (see
    ``Context.referent``)."""
    referent = ctx.referent(m)
    return None if referent is None else (referent.type, referent.value)


# The prepositions after which "then" is a time ("until then"), not a sequence ("and then").
_BEFORE_THEN = [w for word in ("until", "till", "by", "since", "before") for w in (word, word.capitalize())]

_AS_BEFORE = re.compile(r"\bas\s+$", re.IGNORECASE)
_AS_AFTER = re.compile(r"\s+as\b")


_REL_PAST_NEXT_THIS = any_of(list(_PAST_WORDS + _NEXT_WORDS + _THIS_WORDS))
_CALENDAR_UNIT = any_of(["week", "weekend", "month", "quarter", "year", "decade", "century"])
_PLURAL_SPANS = any_of(["hours", "days", "weeks", "months", "years", "decades"])
_QUARTER_ORD = any_of(list(_QUARTER_ORDINALS))
_YEAR_END = any_of(["year-end", "year end", "year's end"])
_PERIOD = (
    rf"{SPACE}(?:{any_of(['first', 'second', 'third', 'fourth'])}[\s-]+)?"
    rf"{any_of(['quarter', 'period'])}"
)
_QUARTER_MODIFIER = any_of(["latest", "last", "current", "same", "fiscal", "calendar", "recent"])
_YEAR = r"(?:1[0-9]|20)[0-9]{2}(?!\d)"
_HOLIDAY = any_of(list(_HOLIDAYS), title_upper).replace("'", "\\s?'")
# A holiday naming a period or a thing rather than its day: "the Christmas quarter" (the
# last quarter of the year), "the Easter holidays", "Easter Island", "Christmas sales".
_HOLIDAY_AS_MODIFIER = any_of(
    [
        "quarter",
        "season",
        "period",
        "holidays",
        "holiday",
        "shopping",
        "sales",
        "spending",
        "rush",
        "break",
        "recess",
        "trading",
        "island",
        "rising",
        "tree",
        "trees",
        "card",
        "cards",
        "carols",
        "decorations",
        "lights",
        "market",
        "markets",
    ]
)

_THE = cases("the")
_LAST_THIS_NEXT = any_of(["last", "this", "next"])
_EARLY_LATE = any_of(["early", "late", "earlier", "later"])
_TWO_DAYS_AWAY = any_of(["the day before yesterday", "the day after tomorrow"])
# A part of the day that can come before its day: "mid-afternoon yesterday".
_PART_WITH_MODIFIER = any_of(
    [f"{mod}{part}" for mod in ("mid-", "mid", "early ", "late ") for part in ("morning", "afternoon", "evening")]
)
_WEEKDAY_RELATION = any_of(["last", "next", "this", "this past", "this coming", "past", "coming"])
_ANAPHORIC_DAYS = any_of(
    ["the next day", "the following day", "the previous day", "the following morning", "the next morning"]
)
_ANAPHORIC_UNITS = any_of(["that", "that same"])
# "the day after" and "the same day" alone; followed by a noun phrase or a clause ("the
# day after the vote", "the same day Clinton spoke") they are anchored to an event, whose
# date the text does not give.
_DAY_OF_AN_EVENT = (
    any_of(["the day before", "the day after", "the same day"])
    + r"(?=\s*(?:[,.;:!?)\"'\u2019\u201d]|$)|\s+(?:and|or|but)\b)"
)
_ABOUT = any_of(
    [
        "about",
        "nearly",
        "almost",
        "some",
        "more than",
        "over",
        "just",
        "only",
        "around",
        "roughly",
        "less than",
        "barely",
    ]
)
_AGO_UNIT = any_of(["day", "week", "month", "year", "decade", "century", "centuries"])
_YEAR_AGO = any_of(["year-ago", "year-earlier"])
_QUARTER_OR_PERIOD = any_of(["quarter", "period"])
_SAME = any_of(["same", "corresponding", "comparable", "year-ago", "year-earlier"])
_A_YEAR_BEFORE = any_of(
    [
        "a year ago",
        "a year earlier",
        "a year before",
        "last year",
        "of last year",
        "the previous year",
        "the year before",
    ]
)
_WHOLE = any_of(["full", "calendar", "fiscal", "whole", "entire"])
_SEASON_RELATION = any_of(
    ["last", "this", "next", "this past", "the coming", "the past", "early", "late", "mid", "the"]
)

RULES = [
    Rule(
        "deictic_day",
        rf"(?:{_EARLY_LATE}{SPACE})?(?P<word>{_TWO_DAYS_AWAY}|{any_of(list(_DEICTIC_DAYS))})"
        rf"(?:{SPACE}(?P<part>{PART_OF_DAY}))?{END}",
        _deictic_day,
    ),
    Rule(
        "part_before_day",
        rf"(?P<part>{_PART_WITH_MODIFIER}){SPACE}(?:on{SPACE})?"
        rf"(?P<day>{any_of(['yesterday', 'today', 'tomorrow'])}|{WEEKDAY}){END}",
        _part_before_day,
    ),
    Rule(
        "part_of_today",
        rf"(?P<rel>{any_of(['this', 'last'])}){SPACE}"
        rf"(?P<part>{any_of(['morning', 'afternoon', 'evening', 'night'])}){END}",
        _part_of_today,
    ),
    Rule(
        "weekday",
        rf"(?:{_EARLY_LATE}{SPACE})?(?:(?P<rel>{_WEEKDAY_RELATION}){SPACE})?"
        rf"(?P<day>{WEEKDAY})(?:{SPACE}(?P<part>{PART_OF_DAY}))?(?!s\b)",
        _weekday,
    ),
    Rule(
        "anaphoric",
        rf"(?:{_EARLY_LATE}{SPACE})?(?:{_ANAPHORIC_DAYS}|{_DAY_OF_AN_EVENT}"
        rf"|{_ANAPHORIC_UNITS}{SPACE}(?P<unit>{any_of(['day', 'week', 'month', 'year'])})"
        rf"|{_ANAPHORIC_UNITS}{SPACE}(?P<part>{any_of(['morning', 'afternoon', 'evening', 'night'])})){END}",
        _anaphoric,
    ),
    Rule(
        "ago",
        rf"(?:{_ABOUT}{SPACE})?(?P<n>{NUMBER}|{ARTICLE}|{VAGUE})[\s-]+(?P<unit>{_AGO_UNIT}s?)"
        rf"{SPACE}(?P<dir>{any_of(['ago', 'earlier', 'later'])}){END}",
        _ago,
    ),
    Rule(
        "quarter",
        # "the third quarter (of 1989)", "this year's first quarter", "fiscal 1990's first quarter"
        rf"(?:{_THE}{SPACE}|(?P<yrel>{_LAST_THIS_NEXT}){SPACE}year's{SPACE}"
        rf"|(?:{cases('fiscal')}{SPACE})?(?P<ypos>{_YEAR})'s{SPACE})?"
        rf"(?:{_QUARTER_MODIFIER}{SPACE}){{0,3}}(?P<ord>{_QUARTER_ORD})[\s-]+{cases('quarter')}"
        rf"(?:{SPACE}(?:of{SPACE})?(?:{cases('fiscal')}{SPACE})?(?P<year>{_YEAR}))?{END}"
        # "the quarter a year ago", "the corresponding period last year"
        rf"|{_THE}{SPACE}(?:{_SAME}{SPACE})?{_QUARTER_OR_PERIOD}{SPACE}(?P<prior>{_A_YEAR_BEFORE}){END}"
        # "the (latest) quarter"
        rf"|{_THE}{SPACE}(?:{_QUARTER_MODIFIER}{SPACE}){{0,3}}{cases('quarter')}{END}(?!{SPACE}of{SPACE})"
        # "the year-ago period", "year-earlier"
        rf"|(?P<ago>(?:{_THE}{SPACE}(?={_YEAR_AGO}{_PERIOD}))?{_YEAR_AGO}(?P<period>{_PERIOD})?){END}"
        # "the 1988 (second) quarter"
        rf"|{_THE}{SPACE}(?P<year2>{_YEAR}){SPACE}(?:(?P<ord2>{_QUARTER_ORD})[\s-]+)?{_QUARTER_OR_PERIOD}{END}"
        rf"|{_THE}{SPACE}{any_of(['latest', 'most recent'])}{SPACE}period{END}"
        # "last year's quarter"
        rf"|(?P<yrel2>{_LAST_THIS_NEXT}){SPACE}year's{SPACE}{_QUARTER_OR_PERIOD}{END}",
        _quarter,
    ),
    Rule(
        "half",
        rf"(?:{_THE}{SPACE}(?:(?P<rel>{_LAST_THIS_NEXT}){SPACE}year's{SPACE})?"
        rf"|(?:{cases('fiscal')}{SPACE})?(?P<ypos>{_YEAR})'s{SPACE})"
        rf"(?P<ord>{any_of(['first', 'second'])}){SPACE}half"
        rf"(?:{SPACE}of{SPACE}(?:(?P<year>{_YEAR})|(?P<rel2>{_LAST_THIS_NEXT}){SPACE}year))?{END}",
        _half,
    ),
    Rule(
        "this_year",
        rf"{_THE}{SPACE}(?:{_WHOLE}{SPACE})?year{END}"
        rf"(?!{SPACE}(?:\d|two|nineteen|before|after|earlier|later|ago))"
        rf"|{_YEAR_END}{END}",
        _this_year,
    ),
    Rule("weekend", rf"{_THE}{SPACE}weekend{END}", _weekend),
    Rule(
        "relative_unit",
        rf"(?:{MODIFIER}?(?P<rel>{_REL_PAST_NEXT_THIS})|{MODIFIER}{_THE}"
        rf"|{any_of(['earlier in the', 'later in the'])})"
        rf"{SPACE}(?:fiscal{SPACE}(?=year))?(?P<unit>{_CALENDAR_UNIT}){END}",
        _relative_unit,
    ),
    Rule(
        "season",
        rf"(?:(?P<rel>{_SEASON_RELATION})[\s-]+)?"
        rf"(?P<season>{SEASON})(?:{SPACE}(?:of{SPACE})?(?P<year>{_YEAR}))?{END}",
        _season,
    ),
    Rule(
        "holiday",
        rf"(?:(?P<rel>{_LAST_THIS_NEXT}){SPACE})?(?P<name>{_HOLIDAY})(?:{SPACE}(?P<year>{_YEAR}))?{END}"
        rf"(?!{SPACE}{_HOLIDAY_AS_MODIFIER}{END})",
        _holiday,
    ),
    Rule(
        "then",
        rf"(?:{'|'.join(f'(?<={word} )' for word in _BEFORE_THEN)})then{END}(?!{SPACE}current)",
        _then,
    ),
    Rule(
        "reference",
        rf"(?:{any_of(['recent', 'coming', 'upcoming', 'the past', 'the coming'])}{SPACE}"
        rf"(?P<span>{_PLURAL_SPANS})"
        rf"|{any_of(list(_REFS))}){END}",
        _reference,
    ),
]
