"""Which way an underspecified expression points: to the past or to the future.

"Thursday" or "March" without "last"/"next" is resolved like HeidelTime does for news:
by the tense of the clause ("will", "is expected to" point forward; "said", "was" back).
The nearest cue in the same sentence decides; rules choose their own default when there
is none (measured on Timeline17, HeidelTime resolves 97 % of bare weekdays backwards).
"""

from __future__ import annotations

import re

_FUTURE = (
    r"will|wo\s*n't|won't|'ll|shall|going\s+to|gon\s*na|plans?\s+to|scheduled|"
    r"expected\s+to|due\s+to|set\s+to|intends?\s+to|is\s+to|are\s+to|to\s+be\s+held"
)
# Weaker signs of the future, trusted for months ("expected in December", "would be paid
# in January") but not for weekdays, which news nearly always reports after the fact.
_LOOSE_FUTURE = (
    _FUTURE + r"|would|expected|expects?|due|until|upcoming|next|planned|planning|"
    r"agreed\s+to|agrees?\s+to|pending|coming"
)
_PAST = (
    r"was|were|had|did|said|told|came|went|met|took|made|gave|got|began|left|held|fell|"
    r"rose|saw|won|lost|ago|last|earlier|since|hit|killed|\w{2,}ed"
)
_CUES = re.compile(rf"\b(?:(?P<future>{_FUTURE})|(?P<past>{_PAST}))\b")
_LOOSE_CUES = re.compile(rf"\b(?:(?P<future>{_LOOSE_FUTURE})|(?P<past>{_PAST}))\b")
_WINDOW = 120


def direction(text: str, start: int, end: int, loose: bool = False) -> int:
    """+1 when the nearest tense cue around ``text[start:end]`` (same sentence) is a
    future one, -1 when it is a past one, 0 when the sentence has no cue. ``loose`` also
    counts weaker future cues ("would", "expected")."""
    left = max(text.rfind("\n", max(0, start - _WINDOW), start),
               text.rfind(". ", max(0, start - _WINDOW), start), start - _WINDOW, 0)
    right_limit = min(len(text), end + _WINDOW)
    right = min(i for i in (text.find("\n", end, right_limit), text.find(". ", end, right_limit),
                            right_limit) if i >= 0)
    best_distance, best = _WINDOW * 2, 0
    window = text[left:right].lower()  # the cue regex is lower-case: faster than IGNORECASE
    start, end = start - left, end - left
    for cue in (_LOOSE_CUES if loose else _CUES).finditer(window):
        if start <= cue.start() < end:
            continue
        distance = start - cue.end() if cue.end() <= start else cue.start() - end
        if distance < best_distance:
            best_distance, best = distance, (1 if cue.lastgroup == "future" else -1)
    return best
