"""Where a lead sentence's body starts after a headline run into it.

Many saved pages put the headline, and sometimes a photo caption, on the line of the
first sentence with no full stop between them: "US government takes BP to court over oil
spill The US government is taking BP and eight other companies to court ...". Shown as
a summary, the headline reads as part of the sentence. The seam is a word in lower
case, a number, or a capitalised word (a name, a month, the last word of a headline in
title case: "Gulf of Mexico Platform Explosion An oil platform exploded ...") followed by
a capitalised "The", "A" or "An": inside a sentence those start a name ("in The Hague",
"told The Times", "Murdoch's The Sun"), so the word before the seam must not be a
function word, a word that introduces a name or a possessive, and both sides must be
long enough to be a headline and a sentence.
Of 50 seams after a word in lower case, a number or a month, on the first sentences of
Timeline17 and Entities (a random sample), 46 were headline or caption run-ins; the 4
others were titles of works after a noun ("Lionsgate's action masala The Expendables 2"),
where the sentence shown then starts at the title. Of 40 more after another capitalised
word (a random sample of the 124 found there), 38 were; the 2 others split a headline at
its own "A" ("Scrambling to Clean Up After A Category 4 Financial Storm") or a review's
heading from its book's title.
"""

from __future__ import annotations

import re

_SEAM = re.compile(r"\b([A-Za-z][a-z'\u2019-]*|\d+) (?:The|A|An) (?=\S)")
_POSSESSIVE = re.compile(r"['\u2019]s?$")
# Words after which "The ..." is usually a name (a city, a newspaper, a band, a book):
# function words, verbs and nouns that introduce one ("the film The Social Network"),
# and "influenza A", a virus type.
_BEFORE_A_NAME = frozenset(
    "a an the in at of on by for from to with and or but as into onto about against like than via per "
    "is are was were be been being am that this these those which who whom whose its his her their our your my "
    "told said says wrote writes reported called calls named dubbed titled entitled read reads reading "
    "visit visited visits join joined joins star starring starred watch watched see saw host hosted hosts "
    "sing sang sings play played plays publish published publishes "
    "movie film book novel album song show series newspaper magazine band influenza flu type".split()
)
MIN_HEADLINE_WORDS = 3
MIN_BODY_WORDS = 6


def body_start(sentence: str) -> int:
    """The offset in ``sentence`` where its body starts after a run-in headline (the last
    seam, so a caption between the two goes too); 0 when there is none."""
    return max(_seams(sentence), default=0)


def headline_end(sentence: str) -> int:
    """The offset in ``sentence`` where a run-in headline ends (the first seam: a caption
    may follow it); 0 when there is none."""
    return min(_seams(sentence), default=0)


def _seams(sentence: str) -> list[int]:
    """The offsets of the words after every seam with enough words on both sides."""
    seams = []
    for seam in _SEAM.finditer(sentence):
        before = seam.group(1)
        if before.lower() in _BEFORE_A_NAME or _POSSESSIVE.search(before):
            continue
        body = seam.end(1) + 1
        if len(sentence[:body].split()) >= MIN_HEADLINE_WORDS and len(sentence[body:].split()) >= MIN_BODY_WORDS:
            seams.append(body)
    return seams
