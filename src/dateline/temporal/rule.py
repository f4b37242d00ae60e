"""What a tagging rule is: a pattern and the function that normalises its matches."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from dateline.model import Granularity
from dateline.temporal import tense
from dateline.temporal.calendar_math import nearest_weekday, shift_days
from dateline.temporal.timex import Timex
from dateline.temporal.values import value_to_date

Normalised = tuple[str, str] | tuple[str, str, int] | None
"""(TIMEX3 type, value), or None when the match turns out not to be a time expression;
(type, value, end) when the expression reaches past the match, to ``end`` (a rule that
reads the rest with another rule, as "the day before" + "last Tuesday")."""


_QUARTER_WORD = re.compile(r"\bquarter", re.IGNORECASE)
_QUARTER_REACH = 300
_UNTIL = re.compile(r"(?:until|till|through)\s+$", re.IGNORECASE)
_SINCE = re.compile(r"\bsince\s+$", re.IGNORECASE)
_YEAR_UNITS = ("year", "decade", "century")
_LOOK_BACK = re.compile(r"\b(?:ago|earlier|previous|before)\b|year-ago", re.IGNORECASE)
_MONEY_WORD = re.compile(
    r"\$|\bcents?\b|\bpercent\b|%|\bearnings\b|\bprofits?\b|\brevenues?\b|"
    r"\bsales\b|\bnet\b|\blosses\b|\bloss\b|\ba share\b",
    re.IGNORECASE,
)


def _sentence_start(text: str, position: int) -> int:
    """Where the sentence holding ``position`` starts (the offset of the full stop or
    line break before it; -1 at the text's start)."""
    return max(text.rfind(". ", 0, position), text.rfind("\n", 0, position))


class Context:
    """What a rule may look at besides its match: the whole text, the DCT, the time
    expressions found so far (whose dates anchor "the next day" or "two years later") and
    the last quarter mentioned (the anchor of "a year ago" in an earnings report: the same
    quarter of the year before), all updated by the tagger as it goes."""

    __slots__ = ("text", "dct", "found", "quarter", "quarter_end")

    def __init__(self, text: str, dct: dt.date) -> None:
        self.text = text
        self.dct = dct
        self.found: list[Timex] = []
        current = (dct.month - 1) // 3
        self.quarter = (dct.year, current) if current else (dct.year - 1, 4)
        self.quarter_end = -_QUARTER_REACH

    def anchor(self, unit: str) -> tuple[dt.date, Granularity]:
        """What an anaphoric expression counting in ``unit`` ("the next day", "that
        month", "three years later") counts from: the date last mentioned in the text, as
        HeidelTime does in news; the DCT when there is none.

        "Now" (PRESENT_REF) brings the narrative back to the DCT. A look back ("a year
        ago", "a year earlier", "the previous month") compares with the time under
        discussion without moving it, so that "from a year ago ... compared with a year
        earlier" name the same year. Years anchor only year-sized anaphora: a bare year
        ("since 2007", "the 2008 election") is more often incidental than the setting of
        a narrative, and too coarse to count days from."""
        for timex in reversed(self.found):
            if timex.type not in ("DATE", "TIME"):
                continue
            if timex.value == "PRESENT_REF":
                break
            read = value_to_date(timex.value)
            if read is None or _LOOK_BACK.search(timex.text):
                continue
            if read[1] != "year" or unit in _YEAR_UNITS:
                return read
        return self.dct, "day"

    def day_anchor(self, match: re.Match[str]) -> dt.date:
        """The day a clock time without a day falls on: the last day named earlier in
        the same sentence ("On Tuesday, police said the blast came at 10 p.m."), else
        the DCT. Only the same sentence: a live blog's "6:30 pm" stamps are the DCT's,
        whatever day the update before them spoke of."""
        sentence_start = _sentence_start(self.text, match.start())
        for timex in reversed(self.found):
            if timex.end <= sentence_start or timex.value == "PRESENT_REF":
                break
            if timex.type not in ("DATE", "TIME") or _LOOK_BACK.search(timex.text):
                continue
            read = value_to_date(timex.value)
            if read is not None and read[1] == "day":
                return read[0]
        return self.dct

    def referent(self, match: re.Match[str]) -> Timex | None:
        """The time an anaphoric "then" ("until then", "since then") stands for: the
        last date or time named, if it is a calendar date (a day, month or year) and was
        named in the same sentence or the one before. Further back, or after a vague or
        week value, "then" more often points to an event the text does not date."""
        previous_start = _sentence_start(self.text, max(_sentence_start(self.text, match.start()), 0))
        for timex in reversed(self.found):
            if timex.type not in ("DATE", "TIME"):
                continue
            if timex.end <= previous_start or value_to_date(timex.value) is None:
                return None
            return timex
        return None

    def mention_quarter(self, year: int, quarter: int, end: int) -> None:
        """Record that the quarter (year, quarter) was named, ending at offset ``end``."""
        self.quarter = (year, quarter)
        self.quarter_end = end

    def mentions_quarter(self, match: re.Match[str]) -> bool:
        """Whether ``match`` is in a passage about a quarter's results: its sentence says
        "quarter", or a quarter was named shortly before and the sentence talks money."""
        text, start, end = self.text, match.start(), match.end()
        left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start), start - 200, 0)
        right = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
        right_end = min(right + [end + 200])
        if _QUARTER_WORD.search(text, left, right_end):
            return True
        return start - self.quarter_end < _QUARTER_REACH and _MONEY_WORD.search(text, left, right_end) is not None

    def direction(self, match: re.Match[str], loose: bool = False) -> int:
        """+1 if the clause around ``match`` speaks of the future, -1 of the past, else 0
        (``loose``: trusting weaker future cues too, see ``tense``)."""
        return tense.direction(self.text, match.start(), match.end(), loose)

    def follows_since(self, match: re.Match[str]) -> bool:
        """Whether ``match`` comes right after "since", which points to the past whatever
        the clause's tense ("growing since March")."""
        return _SINCE.search(self.text, max(0, match.start() - 8), match.start()) is not None

    def weekday(self, match: re.Match[str], weekday: int) -> dt.date:
        """The day a weekday named without "last"/"next" (Monday = 0) refers to: in the
        DCT's own week when the sentence says "this week" (and does not speak of the past);
        else the nearest one in the direction of the clause's tense, forward after
        "until"/"through" when the clause has no tense ("the phase runs until Friday"),
        backward by default (news mostly reports what happened). The DCT's own weekday is
        the DCT."""
        if weekday == self.dct.weekday():
            return self.dct
        direction = tense.direction(self.text, match.start(), match.end(), own_clause=True)
        if direction >= 0 and tense.says_this_week(self.text, match.start(), match.end()):
            return shift_days(self.dct, weekday - self.dct.weekday())
        if direction == 0 and _UNTIL.search(self.text, max(0, match.start() - 8), match.start()):
            direction = 1
        return nearest_weekday(self.dct, weekday, direction)


@dataclass(frozen=True)
class Rule:
    """``pattern`` finds candidates; ``normalise`` turns a match into (type, value).

    ``pattern`` may use named groups; ``normalise`` receives the rule's own match so that
    group names only need to be unique within one rule.
    """

    name: str
    pattern: str
    normalise: Callable[[re.Match[str], Context], Normalised]
    regex: re.Pattern[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "regex", re.compile(self.pattern))
