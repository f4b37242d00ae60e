"""Titles of scraped articles (``dateline.ingest.headline``): the headline blocks and
first sentences below are quoted from Timeline17 and the Entities corpus, restored, each
with its file under the shared data folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from dateline.ingest import read_articles
from dateline.ingest.headline import _STAMP, _STAMP_SIGN, OPENING_MAX_CHARS, TITLE_MAX_CHARS, article_title
from dateline.ingest.mojibake import repair_mojibake
from dateline.ingest.ptb_text import restore_text
from dateline.text.run_in_headline import headline_end

FIRST = "Syrian forces killed at least 20 people in the city of Homs on Tuesday, activists said."


@pytest.mark.parametrize(
    "block, title",
    [
        # t17/LibyaWar_reuters/InputDocs/2011-09-17: a related story's link, then the headline
        (
            "U.S. Northeast digs out from blizzard, tornado strikes in South. Full Article U.N. Security"
            " Council eases sanctions on Libya UNITED NATIONS | Sat Sep 17, 2011 8:24 am IST UNITED NATIONS"
            " (Reuters) -",
            "U.N. Security Council eases sanctions on Libya",
        ),
        # t17/LibyaWar_reuters/InputDocs/2011-02-28
        (
            "Libyan oil output cut by at least half, Saudi steps in PARIS/RIYADH | Mon Feb 28, 2011 1:40 pm EST"
            " PARIS/RIYADH (Reuters) -",
            "Libyan oil output cut by at least half, Saudi steps in",
        ),
        # t17/MJ_bbc/InputDocs/2011-09-06: a web server's include error after the BBC's stamp
        (
            "Page last updated at 05:32 GMT, Tuesday, 6 September 2011 06:32 UK"
            " (an error occurred while processing this directive) Michael Jackson family to tour UK",
            "Michael Jackson family to tour UK",
        ),
        # t17/IraqWar_guardian: the Guardian's page stamp after the headline
        (
            "Soldier wins first VC since Falklands Friday 18 March 2005 12.47 GMT",
            "Soldier wins first VC since Falklands",
        ),
        # t17/bpoil_washingtonpost: the Post's stamp and dateline
        (
            "Hearings focus on possible human factors in BP oil spill Friday, July 23, 2010; 7:07 AM KENNER, LA. --",
            "Hearings focus on possible human factors in BP oil spill",
        ),
        # t17/LibyaWar_cnn: CNN's highlights after the headline
        (
            "Alleged Libyan rape victim speaks out NEW: Eman al-Obeidy says men used rifles to sodomize her",
            "Alleged Libyan rape victim speaks out",
        ),
        # t17/EgyptianProtest_cnn: a byline naming the outlet
        (
            "By Tarek Osman, Special to CNN Egypt protests represent significant challenge to Mubarak regime,"
            " Tarek Osman writes",
            "Egypt protests represent significant challenge to Mubarak regime, Tarek Osman writes",
        ),
        # t17/SyrianCrisis_bbc: a BBC byline
        (
            "By Wyre Davies BBC News, northern Lebanon Some of Syria's wounded make it to Lebanon despite big risks",
            "Some of Syria's wounded make it to Lebanon despite big risks",
        ),
        # t17/LibyaWar_reuters: Reuters' highlights after the headline
        (
            "EU governments add six Libyan ports to sanctions list * Move follows existing travel ban and asset"
            " freeze BRUSSELS (Reuters) -",
            "EU governments add six Libyan ports to sanctions list",
        ),
        # t17/bpoil_washingtonpost: a Post dateline with the state spelt out
        (
            "Sarkozy Advocates Systemic Change After Crisis TOULON, France, Sept. 25 --",
            "Sarkozy Advocates Systemic Change After Crisis",
        ),
        # a BBC byline with the writer's post
        (
            "Divisions laid bare as Arab League tackles Syria By Wyre Davies BBC Middle East correspondent, Baghdad",
            "Divisions laid bare as Arab League tackles Syria",
        ),
        # a quoted headline keeps its quotation marks
        (
            "'We had 50 images within an hour' Britain watched the story through mobile phones",
            "'We had 50 images within an hour' Britain watched the story through mobile phones",
        ),
        # a headline without furniture is left as it is
        ("Libya opposition retakes eastern city", "Libya opposition retakes eastern city"),
    ],
)
def test_the_headline_is_kept_and_the_stamps_around_it_left_out(block: str, title: str) -> None:
    assert article_title(block, [FIRST]) == title


@pytest.mark.parametrize(
    "block",
    [
        # t17/SyrianCrisis_reuters: the whole block is the wire service's stamp
        "BEIRUT | Tue Apr 19, 2011 6:25 am EDT BEIRUT (Reuters) -",
        "Sept 21 | Wed Sep 21, 2011 5:53 pm BST Sept 21 (Reuters) -",
        "NEW YORK | Wed May 25, 2011 4:07 pm EDT NEW YORK May 25 (Reuters) -",
        # t17/IraqWar_guardian: the Guardian's stamp alone
        "Friday 3 June 2005 00.06 BST",
        # t17/LibyaWar_cnn: CNN's dateline alone
        "Benghazi, Libya (CNN) --",
        # t17/SyrianCrisis_reuters: a photo caption (it ends with the date it was taken), a byline
        "Syrian woman and men chant slogans against Syria's President Bashar al-Assad after arriving in Wadi"
        " Khaled in northern Lebanon, near the Lebanese-Syrian border May 16, 2011. By Khaled Yacoub Oweis and",
        # t17/SyrianCrisis_reuters/InputDocs/2011-05-16/260.htm.txt: a caption, the writers, the stamp
        "Syrian woman and men chant slogans against Syria's President Bashar al-Assad after arriving in Wadi"
        " Khaled in northern Lebanon, near the Lebanese-Syrian border May 16, 2011. By Khaled Yacoub Oweis and"
        " Suleiman al-Khalidi AMMAN | Mon May 16, 2011 7:18 pm EDT AMMAN (Reuters) -",
        # t17/bpoil_foxnews: Fox News' caption, dated at its start, and a dateline
        "May 9: An oil soaked bird struggles against the side of a supply ship at the site of the Gulf oil spill."
        " AP WASHINGTON -- WASHINGTON (AP) --",
        # the BBC's page stamps
        "6 January 2011 Last updated at 04:46 GMT Help",
        "Page last updated at 07:50 GMT, Friday, 1 June 2012 08:50 UK",
        # a byline alone, before a Reuters dateline
        "Wed, Dec 15 18:14 PM EST By Jeremy Pelofsky and",
    ],
)
def test_a_block_of_furniture_alone_gives_the_first_sentence_as_title(block: str) -> None:
    assert article_title(block, [FIRST]) == FIRST


@pytest.mark.parametrize(
    "lines, title",
    [
        # t17/bpoil_foxnews: no headline; the first sentence opens with a stamp and a byline
        (
            [
                "September 30, 2010 - 1:46 PM | by: Phil Keating Across the Gulf of Mexico, from the Florida"
                " panhandle west to the Louisiana bayou, shrimp boats still sit at the dock, unused."
            ],
            "Across the Gulf of Mexico, from the Florida panhandle west to the Louisiana bayou, shrimp boats…",
        ),
        # t17/EgyptianProtest_cnn
        (
            [
                "January 27, 2011 | By Tim Lister and Emily Smith, CNN Protesters have used social media sites"
                " -- when not blocked -- to organize and spread pictures of demonstrations in Egypt."
            ],
            "Protesters have used social media sites -- when not blocked -- to organize and spread pictures of…",
        ),
        # a first line that is a byline alone: the next sentence names the article
        (["By Hamid Ould Ahmed and Mariam Karouny", FIRST], FIRST),
    ],
)
def test_without_a_headline_the_first_sentence_names_the_article(lines: list[str], title: str) -> None:
    assert article_title("", lines) == title


SENTENCE = (
    "Apple's chief executive, Steve Jobs, today publicly acknowledged for the first time that he has had a"
    " liver transplant – and the donor was a man in his mid-20s who died in a car crash, the hospital said."
)


@pytest.mark.parametrize("block, limit", [(SENTENCE + " " + SENTENCE, TITLE_MAX_CHARS), ("", OPENING_MAX_CHARS)])
def test_a_long_title_is_cut_at_a_word_with_an_ellipsis(block: str, limit: int) -> None:
    title = article_title(block, [SENTENCE])
    assert title.endswith("…") and limit - 20 < len(title) <= limit + 1
    assert (block or SENTENCE).startswith(title[:-1]) and (block or SENTENCE)[len(title) - 1] == " "


_WORDS = st.lists(st.sampled_from("the council voted on a new budget for schools and roads".split()), min_size=3)


@given(_WORDS)
def test_a_headline_of_plain_words_is_its_own_title(words: list[str]) -> None:
    headline = " ".join(words)
    title = article_title(headline, [FIRST])
    if len(headline) <= TITLE_MAX_CHARS:
        assert title == headline
    else:
        assert title.endswith("…") and headline.startswith(title[:-1])


def test_a_reuters_article_whose_page_gave_only_a_stamp_is_titled_by_its_first_sentence(shared_data: Path) -> None:
    # The page put "OSLO | Mon Oct 4, 2010 9:55 am EDT OSLO (Reuters) -" before the article.
    [article] = read_articles([shared_data / "t17/bpoil_reuters/InputDocs/2010-10-04/750.htm.txt"])
    assert article.title.startswith("Scientists completed a 10-year census of marine life on Monday")
    assert "Reuters" not in article.title and "EDT" not in article.title


@pytest.mark.parametrize(
    "block",
    [
        # real headlines the stamp rules must leave whole (Entities, Timeline17, made up)
        "Another hole in IE -- porn surfers already at risk",
        "Rebels take Brega as NATO -- which leads the mission -- strikes",
        "Oil Prices Pushed Up By Libya Unrest",
    ],
)
def test_a_headline_with_capitals_dashes_or_by_stays_whole(block: str) -> None:
    assert article_title(block, [FIRST]) == block


@pytest.mark.parametrize(
    "caption",
    [
        # t17/IraqWar_guardian, t17/LibyaWar_cnn, t17/bpoil_foxnews
        "The Ukrainian president, Viktor Yushchenko, speaks at today's Nato summit in Brussels."
        " Photograph: Getty Images",
        "Video: Libyan rebels free prisoners",
        "In this image taken from video provided by BP PLC at 12:23 a.m. EDT, Saturday Sept. 4, 2010 shows the well",
    ],
)
def test_a_photo_or_video_caption_is_no_title(caption: str) -> None:
    assert article_title(caption, [FIRST]) == article_title("", [FIRST])


def test_a_headline_run_into_the_first_sentence_is_the_title() -> None:
    # t17/bpoil_bbc: the page put its headline on the first sentence's line, no full stop between
    line = (
        "US government takes BP to court over oil spill The US government is taking BP and eight other "
        "companies to court over the Gulf of Mexico oil spill."
    )
    assert article_title("", [line]) == "US government takes BP to court over oil spill"


@pytest.mark.parametrize(
    "line",
    [
        # t17/bpoil_foxnews and Timeline17's BBC pages: a credit or a byline before the seam
        "AP Photo/Dave Martin The largest ecological disaster in U.S. history has largely been taken care of.",
        "By PJ Crowley Former US Assistant Secretary of State The narratives used were quite familiar to all.",
    ],
)
def test_a_credit_or_byline_run_into_the_first_sentence_is_no_title(line: str) -> None:
    seam = headline_end(line)
    assert seam  # a seam is there: "... Martin The largest", "... of State The narratives"
    assert article_title("", [line]).startswith(line[: seam + 10])


def test_the_opening_words_are_the_first_segment_that_names_the_article() -> None:
    line = "Analysis: U.S. stuck between support and concern By Elise Labott, CNN Two weeks ago in Qatar, aides said."
    assert article_title("", [line]) == "Analysis: U.S. stuck between support and concern"


@pytest.mark.parametrize("block", ["BEIRUT " * 6000, "By John Smith and " * 10000])
def test_a_huge_block_of_capitals_or_names_is_read_in_linear_time(block: str) -> None:
    # Only the first 2,000 characters are searched, and the stamp rules' repeats are
    # bounded: before, the first took about 35 minutes, the second 27 s. A title comes out
    # either way (which one is not the point).
    assert article_title(block, [FIRST])


def test_no_stamp_is_found_where_the_quick_search_finds_no_sign_of_one(shared_data: Path) -> None:
    # ``_segments`` skips the stamp rules on text without a sign of a stamp (most opening
    # sentences); on every line of Timeline17, restored as the reader restores it, the
    # rules find nothing there either. A rule added to ``_STAMP`` without its sign fails here.
    lines = [
        line
        for path in sorted((shared_data / "t17").glob("*/InputDocs/*/*.txt"))
        for line in restore_text(repair_mojibake(path.read_text(encoding="utf-8", errors="replace"))).split("\n")
    ]
    assert len(lines) > 100_000
    unsigned = [line for line in lines if _STAMP_SIGN.search(line) is None]
    assert len(unsigned) > len(lines) / 2
    assert [line for line in unsigned if _STAMP.search(line)] == []
    signed_stamps = [line for line in lines if _STAMP.search(line)]
    assert len(signed_stamps) > 1000  # the rules do find stamps, where there are signs


@given(st.text(alphabet=st.sampled_from(list("BEIRUT Reuters AP CNN Sep May 1 2011 , . : ; - * | ( ) By From GMT"))))
def test_any_text_the_stamp_rules_match_shows_a_sign(text: str) -> None:
    assert _STAMP.search(text) is None or _STAMP_SIGN.search(text) is not None
