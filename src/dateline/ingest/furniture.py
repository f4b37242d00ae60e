"""Page furniture: the parts of a scraped news page that are not the article's sentences.

Scraped corpora (Timeline17, the Entities corpus) keep what the page showed around the
article, one "sentence" per line: a tweet sidebar, a live blog's time stamps, photo
captions and credits, bylines, share and subscribe lines, reader comments, and the
headline and standfirst run into the first sentence. A timeline built from them shows
these as events (a sidebar stamped "February 11, 2013" became an entry of that date in
2011 timelines), and the full-text index matches them. The rules here work on restored
text (``dateline.ingest.ptb_text``), one line (one sentence) at a time, and are general
page conventions, never a topic's words:

* ``is_furniture(line)`` names why a whole line is furniture (``None`` when it is not);
* ``strip_furniture(line)`` cuts the stamp or credit a line starts with (a live-blog
  stamp, a caption's photo credit) and keeps the sentence that follows;
* ``clean_text(text)`` applies both to an article and finds where its own text starts:
  before a news agency dateline (``Tripoli, Libya (CNN) --``), a photo credit or a
  page time stamp in the first lines stands the headline, which becomes the title.
  The first reader-comment stamp ends the article: all that follows is comments (one
  page of Timeline17 is 700,000 characters of them after a 48-line article).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

# How many lines at the top of an article the headline, standfirst and caption may take.
HEADLINE_LINES = 3
_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October"
          r"|November|December)")
_ZONE = r"(?:ET|EST|EDT|GMT|BST|CET|UK time|local time)"
_CREDIT = (r"(?:(?:[A-Z][\w.'&-]*|of|de|van|for) ){0,5}?[\w.'&-]*/[\w.&/-]+"
           r"|(?:Reuters|AP|AFP|PA|EPA|Getty Images|Rex Features|Corbis|Alamy)")

# Whole lines: (reason, pattern searched anywhere in the line).
_LINE_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("tweet", re.compile(r"\bRETWEET\b")),
    ("comments", re.compile(
        r"\| (?:Report abuse|Permalink)|Add your comment|We welcome comments that advance")),
    ("byline", re.compile(
        r"^\((?:Additional )?(?:[Rr]eporting|Writing|Editing|Compiled) by\b"
        r"|^By [^|]{1,60} \| |\bcontributed to this report\b")),
    ("share or subscribe", re.compile(
        r"\b(?:Sign up for|Subscribe to|Follow us on|Like us on Facebook|Share this"
        r"|Email this|Print this|[Cc]lick here|Read more\b|All rights reserved)")),
    ("page header", re.compile(r"THIS IS A RUSH TRANSCRIPT|THIS COPY MAY NOT BE IN ITS FINAL FORM")),
    ("caption", re.compile(r"^(?:Photograph|Photo|Caption|Image):?$|\(AP Photo\b")),
)
# Stamps and credits a sentence follows on its line: (reason, pattern that ends there).
_PREFIX_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("live-blog stamp", re.compile(rf"^(?:-- )?\(?Updated?:? [^()]{{0,80}}?\b{_ZONE}\)?:? ")),
    ("caption", re.compile(r"^\((?:[A-Z][\w.'-]* ){0,3}[\w.'-]*/(?:Reuters|AP|AFP|Getty Images|EPA|PA)\) ")),
    ("caption", re.compile(rf"\bPhotograph: (?:{_CREDIT}) ")),
)
# Words found in every line some rule above applies to: lines without one are passed by.
_CANDIDATE = re.compile(
    r"RETWEET|Report abuse|Permalink|Add your comment|We welcome comments|eporting by"
    r"|Writing by|Editing by|Compiled by|contributed to this|Sign up|Subscribe|Follow us"
    r"|Like us|Share this|Email this|Print this|lick here|Read more|All rights|RUSH TRANS"
    r"|FINAL FORM|Photo|Caption|Image|Update|By |/Reuters\)|/AP\)|/AFP\)|/Getty Images\)"
    r"|/EPA\)|/PA\)")
# What ends the headline, standfirst and caption run into an article's first lines:
# an agency dateline, a page time stamp ("Tuesday 5 May 2009 17.04 BST", "Mark Easton |
# 16:59 UK time, Tuesday, 5 May 2009"), a photo credit.
_ARTICLE_START = re.compile(
    r"\((?:CNN|Reuters|AP|AFP|UPI|[A-Z][A-Za-z.]{1,15})\) --? "
    rf"|\b\d{{1,2}} {_MONTH} \d{{4}} \d{{1,2}}[.:]\d{{2}} {_ZONE} "
    rf"|\| \d{{1,2}}[.:]\d{{2}} {_ZONE}, \w+,? \d{{1,2}} {_MONTH} \d{{4}} "
    rf"|\bPhotograph: (?:{_CREDIT}) "
)
_HEADLINE_MAX_CHARS = 600
_COMMENT_STAMP = _LINE_RULES[1][1]
_TITLE_MAX_CHARS = 200


@dataclass(frozen=True)
class CleanText:
    """An article's lines without furniture, the headline cut off its first lines
    ("" when none was found), and how many lines each rule dropped or cut."""

    lines: list[str]
    headline: str = ""
    removed: Counter[str] = field(default_factory=Counter)


def is_furniture(line: str) -> str | None:
    """Why ``line`` (one restored sentence) is page furniture as a whole, or None."""
    for reason, pattern in _LINE_RULES:
        if pattern.search(line) is not None:
            return reason
    return None


def strip_furniture(line: str) -> tuple[str, str | None]:
    """``line`` without the stamp or photo credit (and the caption before it) that the
    sentence follows, and the reason (None when there was none)."""
    for reason, pattern in _PREFIX_RULES:
        stamp = pattern.search(line)
        if stamp is not None:
            return line[stamp.end():], reason
    return line, None


def clean_text(text: str) -> CleanText:
    """The article's sentences in ``text`` (restored, one sentence a line): furniture
    lines dropped, stamps cut, the headline split off, comments cut off.

    Rules are looked for in the whole text first, so that lines without furniture (most
    of them) cost no rule at all."""
    comments = _COMMENT_STAMP.search(text)
    removed: Counter[str] = Counter()
    if comments is not None:
        cut = text.rfind("\n", 0, comments.start()) + 1
        removed["comments"] = text.count("\n", cut) + 1
        text = text[:cut]
    lines = text.split("\n")
    headline = ""
    for number, line in enumerate(lines[:HEADLINE_LINES]):
        start = _ARTICLE_START.search(line, 0, _HEADLINE_MAX_CHARS)
        if start is not None:
            # Whatever comes before the article's start is headline, standfirst, caption.
            headline = " ".join([*lines[:number], line[:start.end()]]).strip()
            removed["headline"] += number + 1
            lines = [line[start.end():], *lines[number + 1:]]
            break
    candidates = _candidate_lines(lines)
    if candidates:
        lines = _without_furniture(lines, candidates, removed)
    kept = [line.strip() for line in lines if line and not line.isspace()]
    return CleanText(kept, headline[:_TITLE_MAX_CHARS], removed)


def _candidate_lines(lines: list[str]) -> set[int]:
    """The numbers of the lines some furniture rule may apply to, found in one scan."""
    text = "\n".join(lines)
    numbers, line, position = set(), 0, 0
    for found in _CANDIDATE.finditer(text):
        line += text.count("\n", position, found.start())
        position = found.start()
        numbers.add(line)
    return numbers


def _without_furniture(lines: list[str], candidates: set[int], removed: Counter[str]) -> list[str]:
    kept = []
    for number, line in enumerate(lines):
        if number in candidates:
            reason = is_furniture(line)
            if reason is not None:
                removed[reason] += 1
                continue
            line, reason = strip_furniture(line)
            if reason is not None:
                removed[reason] += 1
        kept.append(line)
    return kept
