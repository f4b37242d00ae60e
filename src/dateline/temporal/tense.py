"""Which way an underspecified expression points: to the past or to the future.

"Thursday" or "March" without "last"/"next" is resolved like HeidelTime does for news:
by the tense of the clause ("will", "is expected to" point forward; "said", "was" back).
The nearest cue in the same sentence decides; rules choose their own default when there
is none (measured on Timeline17, HeidelTime resolves 97 % of bare weekdays backwards).

A verb group is read as one cue, so that its auxiliary decides, not a participle next
to the time expression: "will be held on Monday" and "was due to begin on Sunday" point
forward, "was held on Monday" back, and "has been postponed", "is planned" or
"followed by" (a passive) carry no tense of their own: a tagger that reads POS tags, as
HeidelTime does, does not count participles either. A capitalised past form is a name
("the United States").
"""

from __future__ import annotations

import re

_PARTICIPLE = (
    r"(?:\w{2,}ed|held|made|taken|given|seen|known|shown|done|told|sent|paid|built|sold|"
    r"brought|bought|found|left|lost|won|hit|set|put|cut|begun|gone|come|kept|met)"
)


def _each(words: str, then: str) -> str:
    """Each of the ``words`` ("a|b") followed by ``then``, as alternatives that each start
    with a literal: the regex engine skips those on their first character."""
    return "|".join(word + then for word in words.split("|"))


_MODAL_GROUP = rf"(?:\s+(?:not|be|have|been))*(?:\s+{_PARTICIPLE})?"
_AUXILIARIES = "is|are|was|were|be|been|being"


def _after_aux(words: str) -> str:
    """``words``, alone or after an auxiliary ("is expected to", "was due to")."""
    return _each(_AUXILIARIES, rf"\s+(?:{words})") + "|" + words


_FUTURE = (
    _each(r"will|wo\s*n't|won't|'ll|shall", _MODAL_GROUP)
    + "|"
    + _after_aux(r"scheduled|expected\s+to|due\s+to|set\s+to|slated\s+to|to\s+be\s+held")
    + r"|going\s+to|gon\s*na|intends?\s+to|is\s+to|are\s+to"
    # "plans to" the verb, not the noun ("a new plan to capture the oil").
    # (the lookbehinds after the "p", so that they only run where a "p" starts a word)
    + r"|p(?<!\ba\sp)(?<!\bthe\sp)(?<!\bnew\sp)(?<!\bits\sp)(?<!\bhis\sp)(?<!\bher\sp)(?<!\btheir\sp)lans?\s+to"
    + r"|between\s+now\s+and|from\s+now\s+(?:until|till|to|through)|as\s+soon\s+as"
)
# Weaker signs of the future, trusted for months ("expected in December", "would be paid
# in January") but not for weekdays, which news nearly always reports after the fact.
_LOOSE_FUTURE = (
    _FUTURE
    + r"|would(?!\s+(?:not\s+)?have\b)"
    + _MODAL_GROUP
    + "|"
    + _after_aux("expected|due|planned|planning|pending")
    + r"|expects?|until|till|upcoming|next|agreed\s+to|agrees?\s+to|coming"
)
# Participles after a present, perfect or infinitive auxiliary.
_TENSELESS = _each("is|are|am|be|been|being|has|have|'s|'re|'ve", rf"(?:\s+(?:not|been|being))*\s+{_PARTICIPLE}")
# A modal perfect looks back: "would have authorized", "could have been stopped".
_PAST = (
    _each("was|were|had", rf"(?:\s+(?:not|been|being))*(?:\s+{_PARTICIPLE})?")
    + "|"
    + _each("would|could|should|might|must", rf"(?:\s+not)?\s+have(?:\s+been)?(?:\s+{_PARTICIPLE})?")
    + r"|did|said|told|came|went|met|took|made|gave|got|began|left|held|fell|"
    r"rose|saw|won|lost|ago|last|earlier|since|hit|killed|\w{2,}ed"
)


def _cues(future: str) -> re.Pattern[str]:
    """The cue regex: at one position the future reading is tried first, then the
    tenseless one, then the past; the lookahead keeps the alternatives from being tried
    where a word ends (twice as fast)."""
    return re.compile(rf"\b(?=[a-z'])(?:(?P<future>{future})|(?P<none>{_TENSELESS})|(?P<past>{_PAST}))\b")


_CUES = _cues(_FUTURE)
_LOOSE_CUES = _cues(_LOOSE_FUTURE)
_AGENT = re.compile(r"\s+by\b")
# An -ed word after a determiner or such an adverb is an adjective, not a past tense:
# "a still unspecified date", "the planned merger", "its newly elected board".
_ATTRIBUTIVE = re.compile(
    r"\b(?:a|an|the|its|their|his|her|our|this|that|these|those|still|"
    r"newly|previously|recently|already|so-called)\s+$"
)
# A clause opened by "that" or by a reporting "says" after a weekday has its own tense: in
# "said Wednesday that he will not run", "introduced programs Tuesday that will provide"
# or "On Sunday, the government says it will", "will" is the tense of what was said or of
# the programs, not of the day ("so that" is a purpose, not a clause of its own). A month
# is more often the head of such a clause ("a November election that is expected to"),
# so months do not stop there.
_CLAUSE_AFTER = re.compile(r"(?<!\bso )\bthat\b|\bsays\b|\bsay\b")
_THIS_WEEK = re.compile(r"\bthis\s+week\b")
_WINDOW = 120
_SENTENCE = 250


def _sentence(text: str, start: int, end: int, reach: int) -> tuple[int, int]:
    """Bounds of the sentence around ``text[start:end]``, at most ``reach`` characters
    on each side (a full stop followed by a space or a line break ends a sentence)."""
    left = max(
        text.rfind("\n", max(0, start - reach), start), text.rfind(". ", max(0, start - reach), start), start - reach, 0
    )
    right_limit = min(len(text), end + reach)
    right = min(
        i for i in (text.find("\n", end, right_limit), text.find(". ", end, right_limit), right_limit) if i >= 0
    )
    return left, right


def direction(text: str, start: int, end: int, loose: bool = False, own_clause: bool = False) -> int:
    """+1 when the nearest tense cue around ``text[start:end]`` (same sentence) is a
    future one, -1 when it is a past one, 0 when the sentence has no cue. ``loose`` also
    counts weaker future cues ("would", "expected"); ``own_clause`` leaves out the cues of
    a clause opened after the expression (for weekdays, see ``_CLAUSE_AFTER``)."""
    left, right = _sentence(text, start, end, _WINDOW)
    best_distance, best = _WINDOW * 2, 0
    window = text[left:right].lower()  # the cue regex is lower-case: faster than IGNORECASE
    start, end = start - left, end - left
    for cue in (_LOOSE_CUES if loose else _CUES).finditer(window):
        if cue.lastgroup == "none" or start <= cue.start() < end:
            continue
        if own_clause and cue.start() >= end and _CLAUSE_AFTER.search(window, end, cue.start()):
            break  # this cue and those after it belong to another clause
        if cue.lastgroup == "past" and (
            text[left + cue.start()].isupper()  # a name: "the United States", "Ahmed"
            or (
                cue.group().isalpha()
                and (
                    _AGENT.match(window, cue.end())  # "followed by"
                    or _ATTRIBUTIVE.search(window, max(0, cue.start() - 16), cue.start())
                )
            )
        ):
            continue
        distance = start - cue.end() if cue.end() <= start else cue.start() - end
        if distance < best_distance:
            best_distance, best = distance, (1 if cue.lastgroup == "future" else -1)
        if cue.start() >= end:
            break  # the cues found after this one are farther to the right
    return best


def says_this_week(text: str, start: int, end: int) -> bool:
    """Whether the sentence around ``text[start:end]`` places its events "this week"
    (or "later this week"), which puts a weekday named in it in the DCT's own week. The
    whole sentence counts: "this week" often opens a long one that lists its days."""
    left, right = _sentence(text, start, end, _SENTENCE)
    return _THIS_WEEK.search(text[left:right].lower()) is not None
