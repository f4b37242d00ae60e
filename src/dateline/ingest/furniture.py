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
* ``strip_furniture(line)`` cuts the stamp, credit or byline a line starts with (a
  live-blog stamp, a caption's photo credit, "By Peter Bowes BBC News, Los Angeles")
  and keeps the sentence that follows;
* ``clean_text(text)`` applies both to an article and finds where its own text starts:
  before a news agency dateline (``Tripoli, Libya (CNN) --``), a photo credit or a
  page time stamp in the first lines stands the headline, which becomes the title.
  The first reader-comment stamp ends the article: all that follows is comments (one
  page of Timeline17 is 700,000 characters of them after a 48-line article); so does a
  newspaper's footer ("A version appeared on p18 of the Main section", "Letters for
  publication should be sent to"), from where it starts in its line.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

# How many lines at the top of an article the headline, standfirst and caption may take.
HEADLINE_LINES = 3
# How many stamps, credits and bylines one sentence may follow (Timeline17 and Entities
# have at most two in a row).
MAX_PREFIXES = 8
_MONTHS = (
    *("January", "February", "March", "April", "May", "June", "July", "August", "September"),
    *("October", "November", "December"),
)
_MONTH = f"(?:{'|'.join(_MONTHS)})"
# A pattern that starts at a word's start (``\b``) is written as its first character and a
# look behind it (``_AT_WORD_START``): a search skips to the characters a pattern can start
# with only when it starts with one.
_AT_WORD_START = r"(?<!\w{})"
_MONTH_WORD = "(?:" + "|".join(month[0] + _AT_WORD_START.format(month[0]) + month[1:] for month in _MONTHS) + ")"
_DAY_WORD = r"\d" + _AT_WORD_START.format(r"\d") + r"\d?"
_ZONES = ("ET", "EST", "EDT", "GMT", "BST", "CET", "UK time", "local time")
_ZONE = f"(?:{'|'.join(_ZONES)})"
_CREDIT = (
    r"(?:(?:[A-Z][\w.'&-]*|of|de|van|for) ){0,5}?[\w.'&-]*/[\w.&/-]+"
    r"|(?:[A-Z][\w.'-]* ){1,3}for the (?:Guardian|Observer)"
    r"|(?:Reuters|AP|AFP|PA|EPA|Getty Images|Rex Features|Corbis|Alamy|Associated Press|Nasa|NASA)"
)
_CLOCK = r"\d{1,2}[:.]\d{2}"
_AM_PM = r"[ap]\.?m\.?"

# Whole lines: (reason, pattern searched anywhere in the line).
_LINE_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("tweet", re.compile(r"\bRETWEET\b")),
    (
        "comments",
        re.compile(
            r"\| (?:Report abuse|Permalink)|Add your comment|We welcome comments that advance"
            # a reader comment's stamp: "April 22, 2011 04:35 pm at 4:35 pm |"
            rf"|{_MONTH_WORD} \d{{1,2}}, \d{{4}}(?: {_CLOCK} [ap]m)? at {_CLOCK} [ap]m \|"
        ),
    ),
    (
        "byline",
        re.compile(
            r"^\((?:Additional )?(?:[Rr]eporting|Writing|Editing|Compiled) by\b"
            r"|^By [^|]{1,60} \| |\bcontributed to this report\b"
        ),
    ),
    (
        "share or subscribe",
        re.compile(
            r"\b(?:Sign up for|Subscribe to|Follow us on|Like us on Facebook|Share this"
            r"|Email this|Print this|[Cc]lick here|Read more\b|All rights reserved)"
        ),
    ),
    ("page header", re.compile(r"THIS IS A RUSH TRANSCRIPT|THIS COPY MAY NOT BE IN ITS FINAL FORM")),
    ("caption", re.compile(r"^(?:Photograph|Photo|Caption|Image):?$|\(AP Photo\b|\bPhotograph: \S+$|^Video: [^.]*/")),
)
# Stamps and credits a sentence follows on its line: (reason, pattern that ends there).
_PREFIX_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    # "(Update 3:28 a.m. Thursday in Cairo, 8:28 p.m. ET Wednesday) ": the zone may have
    # its weekday after it
    ("live-blog stamp", re.compile(rf"^(?:-- )?\(?Updated?:? [^()]{{0,80}}?\b{_ZONE}(?: [A-Z][a-z]+day)?\)?:? ")),
    # "(Updated 5:45 p.m. (0045 in Egypt)) ", "(Posted at 11:06 a.m. ET, 6:06 p.m. local
    # time) ", also after the tail of the entry before, which the splitter ran into it
    (
        "live-blog stamp",
        re.compile(
            rf"^[^(]{{0,120}}?\((?:Updated?|Posted)(?: at)?:? {_CLOCK} {_AM_PM}[^()]{{0,60}}?"
            rf"(?:\([^()]{{0,30}}\))?[^()]{{0,60}}?\)\)?:?(?: --)? "
        ),
    ),
    # "(8:48 a.m. ET, 2:28 p.m. in Libya) ", "(7:55 p.m. Monday ET, 1:55 a.m. Tuesday in
    # Libya) ", "LIBYA, 5:29 p.m. ET, 12:29 a.m. local: "
    (
        "live-blog stamp",
        re.compile(rf"^\({_CLOCK} {_AM_PM}(?: [A-Z][a-z]+day)? {_ZONE}, {_CLOCK} {_AM_PM}[^()]{{0,40}}\) "),
    ),
    (
        "live-blog stamp",
        re.compile(
            rf"^[A-Z]{{2,}}(?: [A-Z]{{2,}})?, {_CLOCK} {_AM_PM} {_ZONE}, "
            rf"{_CLOCK} {_AM_PM} local: "
        ),
    ),
    # a minute-by-minute report's "10.12 pm: "
    ("live-blog stamp", re.compile(rf"^{_CLOCK} ?[ap]m: ")),
    # "By Peter Bowes BBC News, Los Angeles ", "By Amar C. Bakshi, CNN ", "By the CNN Wire
    # Staff ", and a byline before a dateline ("By Michael D. Shear and Robert Barnes NEW YORK -- ")
    (
        "byline",
        re.compile(
            r"^By (?:the CNN Wire Staff"
            r"|(?:[A-Z][\w.'-]* ){1,3}BBC News, (?:[A-Z][a-z]+ )?[A-Z][a-z]+"
            r"|(?:[A-Z][\w.'-]*,? ){1,4}CNN"
            r"|(?:[A-Z][\w.'-]* ){1,4}(?:and (?:[A-Z][\w.'-]* ){1,4})?(?:[A-Z]{2,} ){1,3}--) "
        ),
    ),
    ("caption", re.compile(r"^\((?:[A-Z][\w.'-]* ){0,3}[\w.'-]*/(?:Reuters|AP|AFP|Getty Images|EPA|PA)\) ")),
    # a wire story's dateline opening a sentence below the page's first lines (a page of
    # several stories), after Reuters' highlights on the first: "Cairo, Egypt (CNN) -- ",
    # "* No secret talks with Gaddafi, says rebel council * Report of Djerba meeting
    # denied BENGHAZI, Libya, Aug 16 (Reuters) - "
    (
        "dateline",
        re.compile(
            r"^(?:\* [^()]{0,300}? )?(?:[A-Z][\w.'-]*,? ){0,4}(?:[A-Z][a-z]{2,8}\.? \d{1,2} )?"
            r"\((?:CNN|Reuters|AP|AFP|UPI)\) --? "
        ),
    ),
    ("caption", re.compile(rf"\bPhotograph: (?:{_CREDIT}) ")),
)
# Words found in every line some rule above applies to: lines without one are passed by.
# Each is searched for from the character after its "^", a rare one (the search skips to
# the characters the words start from), the part before it checked behind the match.
_CANDIDATE_WORDS = (
    "RE^TWEET",
    "Report a^buse",
    "Permalin^k",
    "Add ^your comment",
    "^We welcome comments",
    "eporting ^by",
    "^Writing by",
    "Editing ^by",
    "Compiled ^by",
    "contri^buted to this",
    "^Sign up",
    "^Subscribe",
    "^Follow us",
    "Li^ke us",
    "^Share this",
    "^Email this",
    "^Print this",
    "lic^k here",
    "^Read more",
    "^All rights",
    "^RUSH TRANS",
    "^FINAL FORM",
    "^Photo",
    "^Caption",
    "^Image",
    "^Video",
    "^Update",
    "^By ",
    "^/Reuters)",
    "^/AP)",
    "^/AFP)",
    "^/Getty Images)",
    "^/EPA)",
    "^/PA)",
    "^|",
    "^Posted at",
    *(f"({agency}^) -" for agency in ("CNN", "Reuters", "AP", "AFP", "UPI")),
    "m^: ",
    *(f"m{stop} ^{zone}, " for zone in _ZONES for stop in ("", ".")),
    *(f"day ^{zone}, " for zone in _ZONES),
)
# What ends the headline, standfirst and caption run into an article's first lines:
# an agency dateline, a page time stamp ("Tuesday 5 May 2009 17.04 BST", "Mark Easton |
# 16:59 UK time, Tuesday, 5 May 2009"), a photo credit.
_ARTICLE_START = re.compile(
    r"\((?:CNN|Reuters|AP|AFP|UPI|[A-Z][A-Za-z.]{1,15})\) --? "
    rf"|{_DAY_WORD} {_MONTH} \d{{4}} \d{{1,2}}[.:]\d{{2}} {_ZONE} "
    rf"|\| \d{{1,2}}[.:]\d{{2}} {_ZONE}, \w+,? \d{{1,2}} {_MONTH} \d{{4}} "
    rf"|P{_AT_WORD_START.format('P')}hotograph: (?:{_CREDIT}) "
    # the BBC's page stamps: "Page last updated at 08:58 GMT, Thursday, 24 June 2010 09:58 UK ",
    # "29 September 2011 Last updated at 17:57 GMT Help ", "Last updated: 19 January, 2010 -
    # 14:10 GMT ", "15 February 12 22:17 GMT "
    rf"|P{_AT_WORD_START.format('P')}age last updated at {_CLOCK} GMT, \w+, \d{{1,2}} {_MONTH} \d{{4}}(?: {_CLOCK} UK)?"
    r"(?: \(an error occurred while processing this directive\))? "
    rf"|{_DAY_WORD} {_MONTH} \d{{4}} Last updated at {_CLOCK}(?: GMT)?(?: Help)? "
    rf"|L{_AT_WORD_START.format('L')}ast updated: \d{{1,2}} {_MONTH},? \d{{4}} - {_CLOCK} GMT "
    # at the line's start: a digit with no character before it
    rf"|\d(?<![\s\S]\d)\d? {_MONTH} \d{{2}} {_CLOCK} GMT "
)
# What ends an article wherever it stands: the Guardian's footer (where it printed the
# article, where to send letters); what follows it is more footer and sidebars.
_ARTICLE_END = re.compile(
    r"\b(?:A version|This article) appeared on p\d+ of the\b|\bLetters for publication should be sent to\b"
)
_HEADLINE_MAX_CHARS = 600
_COMMENT_STAMP = _LINE_RULES[1][1]
# What every match of ``_COMMENT_STAMP`` holds ("m |" ends a stamp's "4:35 pm |"): texts
# without any are not searched.
_COMMENT_SIGNS = ("| Report abuse", "| Permalink", "Add your comment", "We welcome comments that advance", "m |")


@dataclass(frozen=True)
class CleanText:
    """An article's lines without furniture, the headline cut off its first lines
    ("" when none was found), and how many lines each rule dropped or cut."""

    lines: list[str]
    headline: str = ""
    removed: Counter[str] = field(default_factory=Counter)
    # The headline's lines as the page had them, the last cut where the article starts.
    headline_lines: tuple[str, ...] = ()


def is_furniture(line: str) -> str | None:
    """Why ``line`` (one restored sentence) is page furniture as a whole, or None."""
    for reason, pattern in _LINE_RULES:
        if pattern.search(line) is not None:
            return reason
    return None


def strip_furniture(line: str) -> tuple[str, str | None]:
    """``line`` without the stamps, photo credits (and the captions before them) and
    bylines that the sentence follows, one after another ("(Brian Snyder/Reuters) By
    Michael D. Shear and Robert Barnes NEW YORK -- "), and the reason for the last one
    cut (None when there was none). At most ``MAX_PREFIXES`` are cut: a page repeating a
    stamp a hundred thousand times on one line would otherwise cost minutes (each cut
    copies the rest of the line)."""
    found = None
    for _ in range(MAX_PREFIXES):
        stamp = _first_stamp(line)
        if stamp is None:
            break
        found, line = stamp[0], line[stamp[1] :]
    return line, found


def _first_stamp(line: str) -> tuple[str, int] | None:
    """The reason and the end of the first prefix rule's match in ``line``."""
    for reason, pattern in _PREFIX_RULES:
        stamp = pattern.search(line)
        if stamp is not None and stamp.end() > 0:
            return reason, stamp.end()
    return None


def clean_text(text: str) -> CleanText:
    """The article's sentences in ``text`` (restored, one sentence a line): furniture
    lines dropped, stamps cut, the headline split off, comments cut off.

    Rules are looked for in the whole text first, so that lines without furniture (most
    of them) cost no rule at all, and the article's ends only in texts holding a word each
    of them needs."""
    removed: Counter[str] = Counter()
    footer = _ARTICLE_END.search(text) if "appeared on p" in text or "Letters for" in text else None
    if footer is not None:
        removed["footer"] = text.count("\n", footer.start()) + 1
        text = text[: footer.start()]
    comments = _COMMENT_STAMP.search(text) if any(sign in text for sign in _COMMENT_SIGNS) else None
    if comments is not None:
        cut = text.rfind("\n", 0, comments.start()) + 1
        removed["comments"] = text.count("\n", cut) + 1
        text = text[:cut]
    lines = text.split("\n")
    headline = ""
    headline_lines: tuple[str, ...] = ()
    for number, line in enumerate(lines[:HEADLINE_LINES]):
        start = _ARTICLE_START.search(line, 0, _HEADLINE_MAX_CHARS)
        if start is not None:
            # Whatever comes before the article's start is headline, standfirst, caption.
            headline_lines = (*lines[:number], line[: start.end()])
            headline = " ".join(headline_lines).strip()
            removed["headline"] += number + 1
            lines = [line[start.end() :], *lines[number + 1 :]]
            break
    candidates = _candidate_lines(lines)
    if candidates:
        lines = _without_furniture(lines, candidates, removed)
    kept = [line.strip() for line in lines if line and not line.isspace()]
    return CleanText(kept, headline, removed, tuple(part.strip() for part in headline_lines))


def _words_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern of ``words`` (written as ``_CANDIDATE_WORDS`` are), grouped by the
    character each is searched from, so that a match tries only the words that start
    there."""
    by_lead: dict[str, list[str]] = {}
    for word in words:
        before, after = word.split("^", 1)
        behind = f"(?<={re.escape(before + after)})" if before else ""
        by_lead.setdefault(after[0], []).append(re.escape(after[1:]) + behind)
    return re.compile("|".join(f"{re.escape(lead)}(?:{'|'.join(rests)})" for lead, rests in by_lead.items()))


_CANDIDATE = _words_pattern(_CANDIDATE_WORDS)


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
