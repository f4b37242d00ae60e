"""The title of a scraped article: its headline without the page's stamps, or its opening words.

Timeline17 and the Entities corpus have no title field. What stands before an article's
own first words (``dateline.ingest.furniture``: before its agency dateline or page stamp)
is taken as its headline, and often that block is page furniture, not a headline (the
counts are in docs/input-formats.md): "BEIRUT | Tue Apr 19, 2011 6:25 am EDT BEIRUT (Reuters) -", "Friday 3
June 2005 00.06 BST", "Benghazi, Libya (CNN) --", a related story's link before "Full
Article", a photo caption ("... near the border May 16, 2011. By Khaled Yacoub Oweis
and"). A reader sees the title as the name of every source a timeline cites, so it must
name the article.

``article_title`` splits the block at every stamp, dateline and byline (``_STAMP``),
drops what precedes a "Full Article" link and the segments that are photo captions (a
segment ending in a date, or followed by a photo credit) or too short to name anything,
and keeps the first segment left. With none left, the title is the opening words of the
article's first sentence (its first that is not a stamp or byline alone), cut at a word
within 100 characters (an ellipsis marks the cut): "Syrian forces killed at least 20
people in the city of Homs on Tuesday, activists said" names the article better than its
wire service's time stamp does. Where the page ran its headline into that sentence with
no full stop between (``dateline.text.run_in_headline``), the headline is the title:
"Syria unrest: Arab League urges Assad to reform", not "Syria unrest: Arab League urges
Assad to reform The Arab League has called for a national unity…".

The rules are page conventions of news sites, never a topic's words, and they leave a
headline without furniture as it is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from dateline.text.run_in_headline import headline_end

TITLE_MAX_CHARS = 200
# A title made of the article's opening words is cut sooner: it names the article, and a
# timeline may show the same sentence right above it.
OPENING_MAX_CHARS = 100
# Fewer words than this do not name an article ("In this May 22.", "NEW:").
MIN_WORDS = 3
# How many of an article's first sentences may open it (the first may be a byline alone).
_OPENING_LINES = 3
# How much of the block, or of an opening sentence, is searched: a title is in its first
# characters, and the scan of a page's longest line is not paid for it.
_SEARCHED_CHARS = 2000
_CLOCK = r"\d{1,2}[:.]\d{2}"
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_WEEKDAY = r"(?:Mon|Tue|Tues|Wed|Wednes|Thu|Thurs|Fri|Sat|Satur|Sun)(?:day)?"
_ZONE = r"(?:ET|EST|EDT|CST|CDT|PST|PDT|GMT|BST|CET|IST|UTC)"
_AGENCY = r"(?:Reuters|CNN|AP|AFP|UPI|Bloomberg)"
# Where an agency's dateline was filed: "BEIRUT", "NEW YORK", "Benghazi, Libya".
_PLACE = r"(?:(?:[A-Z][A-Z.'/-]+ ){0,3}|[A-Z][a-z]+(?: [A-Z][a-z]+)?, (?:[A-Z][a-z]+ ){1,2})"
# A person's name in a byline: two words, perhaps with a middle initial, the second
# perhaps after a particle ("Suleiman al-Khalidi").
_NAME = r"[A-Z][a-z'-]+(?: [A-Z]\.)? (?:al-|el-|bin |de |van )?[A-Z][\w'-]+"
# A photo credit or a byline run into the first sentence names no article ("AP Photo/Dave
# Martin The largest ...", "By Andrew Cohen The ...").
_CREDIT_OR_BYLINE = re.compile(r"(?:By|[A-Z]{2,} Photo/)\b|[A-Z][a-z]+ Photo/")
# Where a byline may start: the block's start, or after a sentence's end or a stamp's
# capitals ("EST By ...").
_BYLINE_START = r"(?:^|(?<=[.!?] )|(?<=[A-Z]{2} ))"
_STAMP = re.compile(
    "|".join(
        (
            # Reuters: "NEW YORK | Wed May 25, 2011 4:07 pm EDT", "Sept 21 | Wed Sep 21, ..."
            rf"(?:(?:[A-Z][A-Z./-]+ ){{0,3}}[A-Z][A-Z./-]+ \| |{_MONTH} \d{{1,2}} \| )?"
            rf"{_WEEKDAY} {_MONTH} \d{{1,2}}, \d{{4}} {_CLOCK} [ap]m {_ZONE}\b",
            # an agency dateline: "BEIRUT (Reuters) -", "Benghazi, Libya (CNN) --",
            # "NEW YORK May 25 (Reuters) -", "AP WASHINGTON -- WASHINGTON (AP) --"
            rf"{_PLACE}(?:{_MONTH} \d{{1,2}} )?\({_AGENCY}(?: [\w!]{{1,8}})?\)(?: --?)?",
            # ("KENNER, LA. --", "AP WASHINGTON --", "BELTON, Mo., Oct. 20 --", "TOULON, France,
            # Sept. 25 --", "BEIJING --" opening a line or ending the block; one capitalised word
            # inside a headline is no dateline: "NATO -- which")
            rf"\b[A-Z]{{2,}}\.?(?:,? [A-Z]{{2,}}\.?){{1,3}},? (?:{_MONTH} \d{{1,2}} )?--",
            rf"\b[A-Z]{{2,}}\.?,(?: [A-Z][A-Za-z]{{1,5}}\.,?| [A-Z][a-z]+,?)?(?: {_MONTH} \d{{1,2}})? --",
            r"^[A-Z]{2,} --|\b[A-Z]{2,} --$",
            # Reuters' highlights after the headline: "... could start soon * Condition of ..."
            r" \* ",
            # the Guardian's "Friday 18 March 2005 12.47 GMT"
            rf"(?:{_WEEKDAY},? )?\d{{1,2}} {_MONTH} \d{{4}},? {_CLOCK} {_ZONE}\b",
            # the Washington Post's "Friday, July 23, 2010; 7:07 AM"
            rf"(?:{_WEEKDAY}, )?{_MONTH} \d{{1,2}}, \d{{4}}; {_CLOCK} [AP]M\b",
            # Fox News' and CNN's "September 30, 2010 - 1:46 PM | by: Phil Keating",
            # "January 27, 2011 | By Tim Lister and Emily Smith, CNN"
            rf"{_MONTH} \d{{1,2}}, \d{{4}}(?: - {_CLOCK} [AP]M)? \|"
            rf"(?: [Bb]y:? {_NAME}(?:,? and {_NAME})?(?:, {_AGENCY})?)?",
            # a Reuters variant: "Wed, Dec 15 18:14 PM EST"
            rf"{_WEEKDAY}, {_MONTH} \d{{1,2}} {_CLOCK} [AP]M {_ZONE}\b",
            # the BBC's page stamps: "Last updated: 14 January, 2010 - 17:26 GMT", "6 January
            # 2011 Last updated at 04:46 GMT Help", "Page last updated at 07:50 GMT, Friday, 1
            # June 2012 08:50 UK", "09 February 12 07:00 GMT"
            rf"Last updated: \d{{1,2}} (?i:{_MONTH}),? \d{{4}} - {_CLOCK} GMT",
            rf"\d{{1,2}} {_MONTH} \d{{4}} Last updated at {_CLOCK}(?: GMT)?(?: Help)?",
            rf"Page last updated at {_CLOCK} GMT, {_WEEKDAY}, \d{{1,2}} {_MONTH} \d{{4}}(?: {_CLOCK} UK)?",
            rf"\b\d{{2}} {_MONTH} \d{{2}} {_CLOCK} GMT\b",
            # the Washington Post's "This Story: Read + | Watch + |"
            r"This Story:(?: (?:Read|Watch|View) \+ \|)*",
            # bylines: "By the CNN Wire Staff", "By Tarek Osman, Special to CNN", "By Wyre
            # Davies BBC News, northern Lebanon", "By Maggie Fox, Health and Science Editor"
            r"\bBy the [A-Z]+ Wire Staff\b",
            rf"\bBy (?:[A-Z][\w.'-]* ){{1,3}}?[A-Z][\w'-]+,? (?:Special to |for )?{_AGENCY}\b",
            rf"\bBy {_NAME},? BBC(?: [A-Z][\w-]*){{0,3}}(?: (?:correspondent|editor|reporter))?"
            r"(?:, [A-Za-z]+(?: [A-Z][a-z]+)?(?:, [A-Z][a-z]+)?)?",
            rf"^By {_NAME}, (?:[A-Z][a-z]+ )+(?:and (?:[A-Z][a-z]+ )+)?(?:Editor|Correspondent|Reporter|Writer)\b",
            # a stamp after a byline: "February 9, 2011: 2:42 PM ET"
            rf"{_MONTH} \d{{1,2}}, \d{{4}}: {_CLOCK} [AP]M {_ZONE}\b",
            # photo credits: "Photograph: Daniel Acker/Bloomberg via Getty Images", "Michael
            # Paulsen, Houston Chronicle via AP"
            r"\bPhotograph: [^./]{1,60}/[\w.&-]+(?: (?:via )?[A-Z][\w.&-]*)*",
            r"(?:^|(?<=\. ))(?:[A-Z][\w.'-]*,? ){1,6}via (?:AP|Reuters|AFP)\b",
            # CNN's video stamp: "updated: Thu May 03 2012 06:46:00"
            rf"\bupdated: {_WEEKDAY} {_MONTH} \d{{1,2}} \d{{4}} \d{{2}}:\d{{2}}:\d{{2}}",
            # a link to the outlet's own section: "For the latest political news: www.CNNPolitics.com"
            r"For the latest [\w ]{1,30}: \S+",
            # writers' names ending the block or before a dateline: "Wed, Dec 15 18:14 PM EST By
            # Jeremy Pelofsky and", "By Hamid Ould Ahmed and Mariam Karouny", "... May 16, 2011.
            # By Khaled Yacoub Oweis and Suleiman al-Khalidi AMMAN | Mon May 16"; "By" where a
            # byline stands (the block's start, after a sentence or a stamp), not in a headline
            # ("Oil Prices Pushed Up By Libya Unrest")
            rf"{_BYLINE_START}By {_NAME}(?: [A-Z][\w'-]+)?(?: and(?: {_NAME})?)?$",
            rf"{_BYLINE_START}By {_NAME}(?: [A-Z][\w'-]+)?(?:(?:,|,? and) {_NAME}(?: [A-Z][\w'-]+)?){{0,4}}"
            rf"(?=$| [A-Z]{{2,}}\b)",
            # CNN's list of highlights after the headline
            r"\bNEW: ",
            # a video's note, an agency's note on the story ("(Repeats to clarify gasoline in
            # headline. No changes to text)"), a web server's include error in the BBC's pages
            r"\((?:ROUGH CUT|RAW VIDEO|Repeats|Corrects|Updates|Adds|Recasts)\b[^()]*\)",
            r"\(an error occurred while processing this directive\)",
            # any byline opening the title that names its outlet or the writer's post
            # within a few words (tried last, so that the rules above cut
            # more where they apply): "By Ivan Watson and Jomana Karadsheh, CNN", "From the
            # CNN Wire Staff", "By Laurence Knight Business reporter, BBC News"
            r"^(?:By|From) (?:[^.?!:]|(?<=\b[A-Z])\.){1,80}?"
            r"(?:\b(?:CNN(?: Wire)? [Ss]taff|CNN|BBC(?: [A-Z][a-z]+)*|Reuters|AP)\b(?:,(?: [A-Z][a-z]+)+)?"
            r"|\b[Ss]taff\b|\b(?:[Cc]orrespondent|[Rr]eporter|[Ee]ditor)(?:, BBC News(?:,(?: [A-Z][a-z]+)+)?)?)",
        )
    )
)
# What every ``_STAMP`` alternative (and ``_LEADING_DATELINE``) holds somewhere: a clock,
# a bracket or bar, a double hyphen, or one of a few words. Seven lines in eight that
# open an article hold none, and a search for these costs a tenth of one for ``_STAMP``,
# whose thirty alternatives are tried at every character. ``tests/ingest/
# test_headline.py`` checks on every line of Timeline17 that no stamp is found where
# this finds no sign.
_STAMP_SIGN = re.compile(
    r"[(|]|--| \* |By |From |updated|This Story:|Photograph: |via |For the latest |NEW: |\d[:.]\d\d"
)
# A photo caption ends with the date the photo was taken ("... near the border May 16,
# 2011.") or with its credit ("(By Ricky Carioti -- The Washington Post)", "(Brian
# Snyder/Reuters)", "AP", "Photograph: Getty Images"), or starts with that date ("May 9: An
# oil soaked bird ..."), with what it shows ("Photo: ", "Video: ", "In this image taken
# from video ...").
_CAPTION = re.compile(
    rf"{_MONTH} \d{{1,2}}, \d{{4}}\.?$|\((?:By [^()]{{1,60}}|[^()/]{{1,40}}/[^()]{{1,30}})\)$|\b(?:AP|REUTERS)$"
    r"|\bPhotograph: [^.]{1,60}$"
    rf"|^{_MONTH} \d{{1,2}}: |^Credit: |^(?:Photo|Video|Image): "
    r"|^In this (?:[\w,.]+ ){0,5}(?:file )?(?:photo|image)\b"
)
# A one-word dateline where a segment starts, after a stamp: "... 5:46 AM ET FORTUNE -- As".
_LEADING_DATELINE = re.compile(r"^[A-Z]{2,} -- ")
_FULL_ARTICLE = "Full Article "
_OPENING_JUNK = " \t·•*-–—|:;,"


def article_title(headline_block: str, lines: Sequence[str]) -> str:
    """The title of an article whose page put ``headline_block`` before its first
    sentence (``""`` when none was found), and whose sentences are ``lines`` (at least
    one); see the module docstring."""
    headline = _first_named_segment(headline_block[:_SEARCHED_CHARS])
    if headline:
        return _shortened(headline)
    for line in lines[:_OPENING_LINES]:
        opening = [segment for segment in _segments(line[:_SEARCHED_CHARS]) if len(segment.split()) >= MIN_WORDS]
        if opening:
            run_in = headline_end(opening[0])
            if run_in and not _CREDIT_OR_BYLINE.match(opening[0]):  # the page's headline, run into the first sentence
                return _shortened(opening[0][:run_in].rstrip(), OPENING_MAX_CHARS)
            return _shortened(opening[0], OPENING_MAX_CHARS)
    return _shortened(lines[0], OPENING_MAX_CHARS)


def _first_named_segment(block: str) -> str:
    """The first segment of ``block`` between stamps that is neither a caption nor too
    short to name an article ("" when none is)."""
    if _FULL_ARTICLE in block:
        block = block[block.rindex(_FULL_ARTICLE) + len(_FULL_ARTICLE) :]
    for segment in _segments(block):
        if len(segment.split()) >= MIN_WORDS:
            return segment
    return ""


def _segments(text: str) -> list[str]:
    """The parts of ``text`` between stamps, trimmed, without captions."""
    if _STAMP_SIGN.search(text) is None:
        segment = _trimmed(text)
        return [segment] if segment and _CAPTION.search(segment) is None else []
    segments, start = [], 0
    for stamp in [*_STAMP.finditer(text), None]:
        end = len(text) if stamp is None else stamp.start()
        segment = _LEADING_DATELINE.sub("", _trimmed(text[start:end]))
        if segment and _CAPTION.search(segment) is None:
            segments.append(segment)
        if stamp is not None:
            start = stamp.end()
    return segments


def _trimmed(segment: str) -> str:
    """``segment`` without the spaces and marks around it, and without a quotation mark at
    either end that does not pair with another ('" This Story', 'Clinton: "strategic
    ... essential"' keeps its quotes)."""
    segment = segment.strip(_OPENING_JUNK)
    for mark in "\"'":
        if segment.count(mark) % 2:
            segment = segment.strip(_OPENING_JUNK + mark)
    return segment


def _shortened(title: str, limit: int = TITLE_MAX_CHARS) -> str:
    """``title`` cut at a word before ``limit`` characters, with an ellipsis where cut."""
    title = " ".join(title.split())
    if len(title) <= limit:
        return title
    cut = title.rfind(" ", 0, limit)
    return title[: cut if cut > 0 else limit].rstrip(_OPENING_JUNK + ".") + "…"
