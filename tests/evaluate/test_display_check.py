"""The markup/furniture detector, on sentences as they appear in Timeline17 and Entities."""

from __future__ import annotations

import pytest

from dateline.evaluate.display_check import DisplayCount, count_problems, display_problem

MARKUP = [
    "Apple 's chief , Steve Jobs , launched a new range of laptops .",
    "Is a written protest -LRB- let 's say an official document -RRB- enough ?",
    "I do n't believe that the social media played as big of a roll as some people claim",
    "Freed Google executive tells crowd , `` This country is our country ''",
    "Steve Jobs introduced some new iPods at an Apple event today .",
    "â€œIf he can find a way to say something that his base both subscribes to",
    "Photograph : Centers for Disease Control\\/Reuters The public panic about swine flu",
    # mojibake split by the tokenizer, and what it leaves after a repair it missed
    "Les MisÃ © rables opened in London in 1985",
    "The loan was $ 25bn ( Â£16bn ) over three years",
    "It was the world’ s most valuable company",
    # hyphenated words the tokenizer spaced, where no dash reads that way
    "He ran the day - to - day business of the club",
    "the US Anti - Doping Agency charged him in June",
    "Armstrong signs a five - year deal with Discovery",
    "experts now predict that by mid - June, the spill will exceed",
    "amid a climate of state - sponsored terror",
    "she heard “ bloodcurdling screams ” on the night",
]

FURNITURE = [
    "@AC360 8:42 pm ET February 11, 2013 RETWEET New details about the killing of #BinLaden",
    "February 10, 2011 at 12:06 am | The people involved in the revolution should be commended",
    "After all, they are Tea Partiers! February 10, 2011 at 7:53 am | Report abuse | Is that right?",
    "Update 3:00 a.m. in Cairo, 8:00 p.m. ET U.S. President Barack Obama urged the government",
    "updated: Wed Mar 23 2011 08:34:00 The town of Derna is not much to look at",
    "10:00 am ET - Economic outlook hearing - The economy was a key focal point",
    "Photo: A Libyan rebel fighter walks past graffiti depicting Muammar Gaddafi at a checkpoint",
    "Your Savior of a candidate says he can fix everything Posted by: shane | September 24",
    "For the latest from AC360 click here.",
    "Subscribe to Have Your Say You can stay up to date with Have Your Say via these feeds.",
    "By the CNN Wire Staff Libyan strongman Moammar Gadhafi has made clear he would not recognize",
    "By Patricia Sellers, Fortune Amany Eid, an Egyptian woman, wrote about joining the protests",
    "If you'd like to comment on any aspect of Technology Guardian, send your emails to tech@theguardian.com",
    "Visit www.bt.com/london2012 for the schedule.",
    # page stamps and footers
    "Page last updated at 08:58 GMT, Thursday, 24 June 2010 09:58 UK Michael Jackson was",
    "15 February 12 22:17 GMT Syrian President Bashar al-Assad has decreed a referendum",
    "(8:48 a.m. ET, 2:28 p.m. in Libya) The Libyan government has decided on a cease-fire",
    "(7:55 p.m. Monday ET, 1:55 a.m. Tuesday in Libya) Since the coalition military operation began",
    "TIMELINE: Six remarkable days in Libya (Updated: 1:19 a.m. Monday, Libya; 6:19 p.m. Sunday ET)",
    "A version appeared on p18 of the Main section section of the Guardian on 09.39 GMT",
    "See our special issue Letters for publication should be sent to: letters@guardian.co.uk",
    # titles the pages gave before their articles: wire stamps and datelines alone
    "BEIRUT | Tue Apr 19, 2011 6:25 am EDT BEIRUT (Reuters) -",
    "Benghazi, Libya (CNN) --",
    "Friday 3 June 2005 00.06 BST",
]

CLEAN = [
    "President Mubarak resigned on Friday and handed power to the military council.",
    "Following growing rumours about his health, Jobs issued a statement on January 5.",
    "The explosion on the Deepwater Horizon rig at 9:45 p.m. killed 11 workers.",
    "By early Tuesday it had 90,000-plus users signed up.",
    "By Friday, Mubarak had left Cairo for Sharm el-Sheikh.",
    "BP shares fell 2.5% and oil prices rose on the news.",
    "The word 'sorry' was never used, officials said.",
    "Shareholders will share the cost, the company said.",
    "He posted on Facebook that he would subscribe to the plan.",
    # a clock time with its zone inside a sentence, a spaced dash, a range
    "The stadium has been set a capacity of 60,000, with the first act on stage at 18:00 BST.",
    "He expected a full ceasefire to take effect by 06:00 (03:00 GMT) on 12 April.",
    "Celebrities struggle to sign up for even a short tour of duty.",
    "The pun - ancient artform or lowest form of wit?",
    "He led the team from 1990 - 1995 and won 2 - 1 in the final.",
    "Pelé and Beyoncé met in São Paulo, where £1 buys little.",
    # a title, and a sentence quoting a wire service
    "Soldier wins first VC since Falklands",
    "The agency (Reuters) reported the talks ended on Tuesday at 6:25 pm in Geneva.",
]


@pytest.mark.parametrize("sentence", MARKUP)
def test_tokenizer_markup_is_flagged_as_markup(sentence: str) -> None:
    assert display_problem(sentence) == "markup"


@pytest.mark.parametrize("sentence", FURNITURE)
def test_page_furniture_is_flagged_as_furniture(sentence: str) -> None:
    assert display_problem(sentence) == "furniture"


@pytest.mark.parametrize("sentence", CLEAN)
def test_ordinary_news_prose_is_not_flagged(sentence: str) -> None:
    assert display_problem(sentence) is None


def test_counts_add_up_and_give_the_flagged_share() -> None:
    count = count_problems([MARKUP[0], FURNITURE[0], CLEAN[0], CLEAN[1]])
    assert count == DisplayCount(sentences=4, markup=1, furniture=1)
    assert count.share == 0.5
    assert (count + count).to_dict() == {"sentences": 8, "markup": 2, "furniture": 2, "flagged_share": 0.5}


def test_no_sentences_is_a_zero_share() -> None:
    assert count_problems([]).share == 0.0
