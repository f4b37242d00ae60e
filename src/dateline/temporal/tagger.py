"""``tag``: find and normalise every time expression in a document.

The text is scanned once, in C, for the words (and, after common words like "the", the
word pairs) that a rule can start with (see ``leads``); at each hit only the rules that
can start with that word (after a common word, with the word after it: ``_ByNextWord``)
are tried, in ``RULES`` order, and the first that matches and normalises wins: longer,
more specific forms ("July 27, 2023") come before their prefixes ("July 27", "July"),
and "two years ago" before "two years"; catch-alls ("2011", "now") come last. Group
names are local to a rule, so rules can be written and tested alone.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from dateline.temporal import around, clock, durations, explicit, relative
from dateline.temporal.fragments import MONTH, NUMBER_WORD, UNIT_PLURAL
from dateline.temporal.leads import DIGIT, SEPARATOR, lead_phrases, trie
from dateline.temporal.lexicon import COMMON_WORDS, any_of, cases
from dateline.temporal.rule import Context, Rule
from dateline.temporal.timex import Timex

_FIRST = (
    "day_around",
    "weekday_date",
    "week_of",
    "iso_date",
    "numeric_date",
    "month_day_year",
    "day_month_year",
    "month_day",
    "day_month",
    "month_year",
    "decade",
    "century",
    "clock",
    "ago",
    "duration",
)
_LAST = ("set", "vague_plural", "year", "reference")


def _ordered(rules: list[Rule]) -> list[Rule]:
    """Rules in precedence order: explicit forms first, catch-alls ("2011", "now") last."""
    by_name = {rule.name: rule for rule in rules}
    middle = [name for name in by_name if name not in _FIRST + _LAST]
    return [by_name[name] for name in (*_FIRST, *middle, *_LAST)]


RULES: list[Rule] = _ordered(around.RULES + explicit.RULES + relative.RULES + durations.RULES + clock.RULES)


_LOCAL_GROUP = re.compile(r"\(\?P<\w+>")
# Combining pays for its compilation (15-40 ms a regex, before any text is tagged) where
# many rules start with a frequent lead: digits (11 rules), "the" (18), "early"/"late"
# (11). From 6 rules on, five more were built ("last", "next", "this", "mid", "end"...):
# a tenth of a second more to start, for 0.3 % less tagging time on Timeline17.
_COMBINE_FROM = 9


class _Candidates:
    """The rules that can start with one lead word, in precedence order. When there are
    many (digits start eleven rules), a combined alternation finds in one call the first
    rule that matches, so that the others are not tried one by one."""

    __slots__ = ("rules", "combined", "position")

    def __init__(self, rules: tuple[Rule, ...]) -> None:
        self.rules = rules
        self.position = {rule.name: index for index, rule in enumerate(rules)}
        self.combined = (
            re.compile("|".join(f"(?P<{rule.name}>{_LOCAL_GROUP.sub('(?:', rule.pattern)})" for rule in rules))
            if len(rules) >= _COMBINE_FROM
            else None
        )

    def matching(self, text: str, start: int) -> tuple[Rule, ...]:
        """The rules worth trying at ``start``: from the first one that matches on."""
        if self.combined is None:
            return self.rules
        match = self.combined.match(text, start)
        if match is None or match.lastgroup is None:  # every alternative is a named group
            return ()
        return self.rules[self.position[match.lastgroup] :]


# What follows a common lead word: the separator, then the second token that its rules'
# phrases name (letters, a digit or an apostrophe).
_SECOND_TOKEN = re.compile(r"[\s-]+([^\W\d_]+|[0-9']?)")


class _ByNextWord:
    """The rules that can start with a common word ("the"), narrowed by the word after
    it in the text: a rule whose phrases all go on with other words ("the past", "the
    next") cannot match before "the president". The second token is read as the scan's
    lookahead reads it; where the text has none (no separator, other punctuation), all
    the word's rules are tried. The narrowed lists are kept per second token (its first
    ``longest`` characters: the phrases tell no longer ones apart)."""

    __slots__ = ("every", "after", "longest", "seconds", "shared", "narrowed")

    def __init__(self, word: str, rules: tuple[Rule, ...], phrases: dict[str, frozenset[str]], shared: dict) -> None:
        self.every = shared[rules]
        # Per rule, the second tokens its phrases name after ``word``; None: it may
        # start with ``word`` alone.
        self.seconds: list[tuple[Rule, frozenset[str] | None]] = []
        for rule in rules:
            after = {p.split(SEPARATOR, 1)[1] for p in phrases[rule.name] if p.startswith(word + SEPARATOR)}
            self.seconds.append((rule, None if word in phrases[rule.name] else frozenset(after)))
        self.after = len(word)
        self.longest = max((len(second) for _, seconds in self.seconds for second in seconds or ()), default=1)
        self.shared = shared
        self.narrowed: dict[str, _Candidates] = {}

    def matching(self, text: str, start: int) -> tuple[Rule, ...]:
        second = _SECOND_TOKEN.match(text, start + self.after)
        if second is None or not second[1]:
            return self.every.matching(text, start)
        token = second[1][: self.longest]
        candidates = self.narrowed.get(token)
        if candidates is None:
            candidates = self.narrowed[token] = self._narrowed(token)
        return candidates.matching(text, start)

    def _narrowed(self, token: str) -> _Candidates:
        rules = tuple(
            rule
            for rule, seconds in self.seconds
            if seconds is None or any(_goes_on_with(token, second) for second in seconds)
        )
        if len(rules) >= _COMBINE_FROM:
            # Many rules still: the word's own combined regex finds the first that
            # matches as well, and no other need be compiled (tens of ms each).
            return self.every
        if rules not in self.shared:
            self.shared[rules] = _Candidates(rules)
        return self.shared[rules]


def _goes_on_with(token: str, second: str) -> bool:
    """Whether a phrase's second token ``second`` (letters a word starts with, ``DIGIT``
    for any digit, an apostrophe) fits the text's ``token``."""
    return token[0].isdigit() if second == DIGIT else token.startswith(second)


def _dispatch_table(phrases: dict[str, frozenset[str]]) -> dict[str, _Candidates | _ByNextWord]:
    """For each lead word, the rules that can start with it (one shared ``_Candidates``
    per distinct list of rules), narrowed by the next word after a common word
    (``_ByNextWord``); ``phrases`` are each rule's lead phrases, whose first words are
    its leads."""
    rules_by_lead: dict[str, list[Rule]] = {}
    for rule in RULES:
        for word in sorted({phrase.split(SEPARATOR)[0] for phrase in phrases[rule.name]}):
            rules_by_lead.setdefault(word, []).append(rule)
    shared: dict[tuple[Rule, ...], _Candidates] = {}
    for rules in map(tuple, rules_by_lead.values()):
        if rules not in shared:
            shared[rules] = _Candidates(rules)
    paired = {phrase.split(SEPARATOR)[0] for rule in RULES for phrase in phrases[rule.name] if SEPARATOR in phrase}
    table: dict[str, _Candidates | _ByNextWord] = {
        word: _ByNextWord(word, tuple(rules), phrases, shared) if word in paired else shared[tuple(rules)]
        for word, rules in rules_by_lead.items()
    }
    # The scan reports a digit lead as the digit itself: one key per digit spares the
    # loop an ``isdigit`` call per hit.
    table.update({digit: table[DIGIT] for digit in "0123456789" if DIGIT in table})
    return table


def _trigger(phrases_by_rule: dict[str, frozenset[str]]) -> re.Pattern[str]:
    """The scan: any lead phrase of any rule, a digit, or an apostrophe before a digit,
    with the character before it (the text is scanned with a space in front), which must
    not be a word character or an apostrophe.

    Matching the character before the word (rather than looking behind) puts a character
    class first, which lets the regex engine skip through words at C speed. That class is
    ASCII only: testing Unicode's ``\\w`` costs a lookup per character, twice the time of
    the rest of the scan, so a non-ASCII letter passes here and ``tag`` drops what
    follows it (``_after_word``). A lookahead for the characters a lead can start with
    spares the trie the words that cannot be one."""
    phrases = {p for p in set().union(*phrases_by_rule.values()) if p[0].isalpha()}
    first_characters = "".join(sorted({phrase[0] for phrase in phrases}))
    return re.compile(
        rf"([^A-Za-z0-9_'])(?=[{first_characters}0-9'])("
        + trie(phrases, space=r"[\s-]+")
        + rf"(?![A-Za-z])|(?={_NUMBER_LEAD})[0-9]|'(?=[0-9]))"
    )


# A number starts a time expression only as a year or when what follows it can continue
# one: a separator of dates and times or an ordinal or plural ending (2011-01, 3/5,
# 10:30, '90's, 1990s, 5am, 5th, 21st, 2nd, 3rd), a decimal or thousands part (2.5
# years, 1,000 years), or a word a rule reads after a number (a unit, a month, a.m.,
# o'clock, "in the morning", "to"/"or" of a range, "more", "and a half", a day kind).
# Most numbers in news ("12 people", "$5 million") are none of these: the scan passes
# them by instead of trying a dozen rules on each (a quarter of the tagging time). The
# property test that the scan stops wherever a rule can match guards this list.
_NUMBER_LEAD = (
    r"(?:1[0-9]|20)[0-9]{2}(?![0-9])|[0-9]+(?:[-/:'satpnrAP]|[.,][0-9]|\s+(?:[-0-9]"
    rf"|{any_of(['more', 'trading', 'business', 'working', 'calendar', 'consecutive', 'straight'])}"
    rf"|o'clock|{cases('in the')}\s|{cases('at night')}|and[\s-]+a[\s-]+half|(?:to|or)\s+(?:[0-9]|{NUMBER_WORD})"
    rf"|of\s+{MONTH}|[ap]\.?m|[AP]\.?M|{UNIT_PLURAL}|{MONTH}))"
)


def _after_word(before: str) -> bool:
    """Whether ``before``, the character the scan matched in front of a lead, is a word
    character after all (a non-ASCII letter or digit, for ``\\w``), so that the lead is
    the middle of a word ("éthe") and not a trigger."""
    return before > "\x7f" and before.isalnum()


@cache
def _tables() -> tuple[re.Pattern[str], dict[str, _Candidates | _ByNextWord]]:
    """Built on first use (about 0.3 s), so importing the package stays cheap. Each
    rule's pattern is analysed once, for the scan and the dispatch alike."""
    phrases = {rule.name: lead_phrases(rule.pattern, COMMON_WORDS) for rule in RULES}
    return _trigger(phrases), _dispatch_table(phrases)


def prepare() -> None:
    """Build the tagger's tables now rather than on the first ``tag`` call (before timing
    it, or before forking worker processes that will all use them)."""
    _tables()


def tag(text: str, dct: dt.date) -> list[Timex]:
    """Every time expression in ``text``, resolved against the document creation time
    ``dct``; sorted by start offset and non-overlapping. Never raises on any ``str``."""
    trigger_regex, by_lead = _tables()
    context = Context(text, dct)
    found = context.found
    covered = 0
    for trigger in trigger_regex.finditer(" " + text):
        start = trigger.start()  # of the word in ``text``: the scanned copy has one more char
        if start < covered:
            continue
        before, word = trigger.groups()  # the first word only: a second one is a lookahead
        if before > "\x7f" and _after_word(before):
            continue
        for rule in by_lead[word].matching(text, start):
            match = rule.regex.match(text, start)
            if match is None:
                continue
            try:
                normalised = rule.normalise(match, context)
            except (ValueError, OverflowError):
                # Calendar arithmetic at the edges of the calendar (year 1 or 9999).
                continue
            if normalised is None:
                continue
            kind, value = normalised[0], normalised[1]
            end = normalised[2] if len(normalised) == 3 else match.end()
            found.append(Timex(start, end, text[start:end], kind, value))
            covered = end
            break
    return found
