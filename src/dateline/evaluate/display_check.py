"""What a reader should not see in a timeline sentence or a source's title: tokenizer
markup and page furniture.

Timeline17 and the Entities corpus are Penn-Treebank tokenized and were scraped with the
page around the article, so a sentence can reach a timeline reading ``Apple 's chief ,
Steve Jobs -LRB- right -RRB-`` or ``February 2 , 2011 at 2:13 pm | Report abuse``. The
open benchmark counts the share of displayed sentences with either, which is what
``display_problem`` decides for one sentence. It is a measuring stick, not a cleaner: it
names the first problem found and errs towards patterns that ordinary prose does not
produce (a clock time alone is prose, "at 2:13 pm |" is a comment stamp).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from dateline.ingest.ptb_text import SPACED_COMPOUND

Problem = Literal["markup", "furniture"]

# Tokens only a PTB tokenizer writes: bracket escapes, `` and '' quotes, curly quotes
# standing apart from their words, split contractions and possessives (straight or
# curly), a space before closing punctuation, mojibake of UTF-8 read as Windows-1252
# ("â€œ", "Ã©", "Â£"), whole or split by the tokenizer ("â€ ™", "Ã ©"), JSON-escaped
# slashes, and hyphenated words the tokenizer spaced where no dash reads that way
# (``SPACED_COMPOUND``: "day - to - day", "anti - doping", "state - sponsored"); a " - "
# between two other words may be a dash and is not counted.
_MARKUP = re.compile(
    r"-[LR][RSC]B-"
    r"|``|''"
    r"|\w n't\b|“ |[\w,.] ”"
    r"|\w '(?:s|re|ve|ll|m|d)\b|\w’ (?:s|t|re|ve|ll|m|d)\b"
    r"|\w [.,;:?!%](?:\s|$)"
    r"|â€|Ã ?[\x80-\xbf]|Â[\xa0-\xbf]"
    r"|\\/"
    rf"|{SPACED_COMPOUND.pattern}",
)

_CLOCK = r"\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?"
_ZONE = r"(?:ET|EST|EDT|GMT|BST)"
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b"
_FURNITURE = re.compile(
    # tweets and retweets
    r"\bRETWEET\b|\bRT @\w|(?:^|\s)@\w+|(?:^|\s)#[A-Za-z]\w*"
    # comment stamps ("February 2, 2011 at 2:13 pm |"), comment links
    rf"|{_CLOCK}\s*\||\bReport abuse\b|\bPosted by\b|\bposted by\s*:"
    # live-blog stamps ("Update 14:32", "10:00 am ET - ...", "updated : Wed Mar 23")
    rf"|^\W*(?:UPDATE|Update|Updated|updated)\b\s*(?::|{_CLOCK})"
    rf"|^\W*{_CLOCK}\s*(?:ET|EST|EDT|GMT|BST|CET|UTC)?\s*(?:-|:|\|)"
    # page and entry stamps: "(Update 9:29 p.m. in Cairo", "Posted at 11:06 a.m.", "08:58 GMT,
    # Thursday", "17:57 GMT Help", "09.26 BST on Wednesday", "8:48 a.m. ET, 2:28 p.m.",
    # "7:55 p.m. Monday ET, 1:55 a.m.", "15 February 12 22:17 GMT" opening a sentence; a
    # time with its zone inside a sentence ("on stage at 18:00 BST") is prose
    rf"|\b(?:[Uu]pdated?|[Pp]osted)(?::| at)? {_CLOCK}"
    rf"|\b{_CLOCK}\s*(?:{_WEEKDAY} )?{_ZONE}(?:,? {_WEEKDAY}| Help\b| on {_WEEKDAY}|, {_CLOCK}| UK\b)"
    rf"|^(?:Last updated:? )?\d{{1,2}} [A-Z][a-z]+,? \d{{2,4}} (?:- )?{_CLOCK}\s*{_ZONE}"
    # wire services' datelines and page stamps ("BEIRUT (Reuters) -", "Benghazi, Libya (CNN)
    # --", "Tue Apr 19, 2011 6:25 am EDT", "Friday 3 June 2005 00.06 BST" ending a title)
    r"|\((?:Reuters|AP|AFP|CNN|UPI)\) --?(?:\s|$)"
    rf"|\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) [A-Z][a-z]{{2}} \d{{1,2}}, \d{{4}} {_CLOCK}\s*[A-Z]{{2,4}}\b"
    rf"|\b\d{{1,2}} [A-Z][a-z]+ \d{{4}} {_CLOCK}\s*{_ZONE}$"
    # newspaper footers
    r"|\b(?:A version|This article) appeared on p\d+\b|\bLetters for publication should be sent\b"
    # captions and credits
    r"|\b(?:Photograph|Photo|Picture|Pictured|Caption|Video|Image)\s*:"
    # calls to action, links, addresses
    r"|\bclick here\b|\bSubscribe (?:to|now|for)\b|\bsubscribe now\b|\bSign up (?:for|to)\b|\bsign up here\b"
    r"|\b(?:[Ss]hare|[Ee]mail|[Pp]rint) this (?:story|article|page)\b|\b[Ff]ollow us\b"
    r"|https?://|\bwww\.|\S@\S+\.[a-z]{2,}"
    # bylines
    r"|^By (?:the )?(?:[A-Z][\w.'-]*\s){0,3}(?:Wire )?Staff\b"
    r"|^By [A-Z][a-z]+(?: [A-Z]\.)? [A-Z][a-z'-]+\s*(?:,|\||and [A-Z]|for |(?:CNN|Reuters|AP|BBC)\b)",
)


def display_problem(sentence: str) -> Problem | None:
    """``"markup"`` if ``sentence`` shows tokenizer markup, else ``"furniture"`` if it
    shows page furniture, else None."""
    if _MARKUP.search(sentence):
        return "markup"
    if _FURNITURE.search(sentence):
        return "furniture"
    return None


@dataclass(frozen=True)
class DisplayCount:
    """How many displayed sentences show each problem."""

    sentences: int = 0
    markup: int = 0
    furniture: int = 0

    @property
    def flagged(self) -> int:
        return self.markup + self.furniture

    @property
    def share(self) -> float:
        """The share of sentences with either problem (0 when there are none)."""
        return self.flagged / self.sentences if self.sentences else 0.0

    def __add__(self, other: DisplayCount) -> DisplayCount:
        return DisplayCount(
            self.sentences + other.sentences, self.markup + other.markup, self.furniture + other.furniture
        )

    def to_dict(self) -> dict[str, float]:
        return {
            "sentences": self.sentences,
            "markup": self.markup,
            "furniture": self.furniture,
            "flagged_share": round(self.share, 4),
        }


def count_problems(sentences: Iterable[str]) -> DisplayCount:
    """Count ``sentences`` by ``display_problem``."""
    problems = [display_problem(sentence) for sentence in sentences]
    return DisplayCount(len(problems), problems.count("markup"), problems.count("furniture"))
