"""What a tagging rule is: a pattern and the function that normalises its matches."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from dateline.temporal import tense

Normalised = tuple[str, str] | None
"""(TIMEX3 type, value), or None when the match turns out not to be a time expression."""


_QUARTER_WORD = re.compile(r"\bquarter", re.IGNORECASE)
_QUARTER_REACH = 300
_MONEY_WORD = re.compile(r"\$|\bcents?\b|\bpercent\b|%|\bearnings\b|\bprofits?\b|\brevenues?\b|"
                         r"\bsales\b|\bnet\b|\blosses\b|\bloss\b|\ba share\b", re.IGNORECASE)


class Context:
    """What a rule may look at besides its match: the whole text, the DCT, the last
    day-level date mentioned (the anchor of "two days later") and the last quarter
    mentioned (the anchor of "a year ago" in an earnings report: the same quarter of the
    year before), both updated by the tagger as it goes."""

    __slots__ = ("text", "dct", "reference", "quarter", "quarter_end")

    def __init__(self, text: str, dct: dt.date) -> None:
        self.text = text
        self.dct = dct
        self.reference = dct
        current = (dct.month - 1) // 3
        self.quarter = (dct.year, current) if current else (dct.year - 1, 4)
        self.quarter_end = -_QUARTER_REACH

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
        return (start - self.quarter_end < _QUARTER_REACH
                and _MONEY_WORD.search(text, left, right_end) is not None)

    def direction(self, match: re.Match[str], loose: bool = False) -> int:
        """+1 if the clause around ``match`` speaks of the future, -1 of the past, else 0
        (``loose``: trusting weaker future cues too, see ``tense``)."""
        return tense.direction(self.text, match.start(), match.end(), loose)


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
