"""Restoring PTB-tokenized text and leaving page furniture out, on real corpus sentences
(each quoted as the file has it, with its path under the shared data folder)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.ingest import read_articles
from dateline.ingest.furniture import clean_text, is_furniture, strip_furniture
from dateline.ingest.ptb_text import restore_text


@pytest.mark.parametrize(
    "tokenized, restored",
    [
        # t17/EgyptianProtest_cnn/InputDocs/2011-02-03/129.htm.txt
        (
            "Official : Cairo has a `` serious problem '' with the way Obama is `` spinning '' events"
            " -LRB- CNN -RRB- -- The fiery , bloody clashes",
            'Official: Cairo has a "serious problem" with the way Obama is "spinning" events'
            " (CNN) -- The fiery, bloody clashes",
        ),
        # t17/bpoil_washingtonpost/InputDocs/2010-12-16/...: "still were n't selling ."
        (
            "At the Purple Octopus souvenir shop , the naughty T-shirts and hermit-crab houses"
            " still were n't selling . ",
            "At the Purple Octopus souvenir shop, the naughty T-shirts and hermit-crab houses still weren't selling.",
        ),
        # t17/bpoil_bbc/InputDocs/2010-05-23/2090.htm.txt (PTB writes the pound sign as #)
        (
            "But he said BP had agreed to pay clean-up costs beyond the current US $ 75m -LRB- # 52m"
            " -RRB- liability limit . ",
            "But he said BP had agreed to pay clean-up costs beyond the current US $75m (£52m) liability limit.",
        ),
        # t17/EgyptianProtest_cnn/InputDocs/2011-02-03/102.htm.txt
        (
            "Yemen 's ` Day of Rage ' ; Beyond the Violence in Egypt",
            "Yemen's 'Day of Rage'; Beyond the Violence in Egypt",
        ),
        # t17/bpoil_foxnews/InputDocs/2010-05-11/1929.htm.txt (a second stop after "Ala.")
        ("listens to a reporter 's question in Mobile , Ala. . ", "listens to a reporter's question in Mobile, Ala."),
        # t17/bpoil_guardian/InputDocs/2010-05-26/791.htm.txt (PTB escapes the slash)
        ("Photograph : Charles Dharapak\\/AP A leak", "Photograph: Charles Dharapak/AP A leak"),
        # entities/Oscar_Pistorius/InputDocs/...: straight quotes and brackets, spaced
        ('and a shout of " yes ! " from friends ( £ 73,000 )', 'and a shout of "yes!" from friends (£73,000)'),
    ],
)
def test_ptb_tokenization_is_undone(tokenized: str, restored: str) -> None:
    assert restore_text(tokenized) == restored


def test_restoring_keeps_every_line_and_leaves_normal_text_alone() -> None:
    text = 'He said: "It\'s over."\n\nPrices rose 5% (to $3).'
    assert restore_text(text) == text
    assert restore_text("a .\n\nb , c") == "a.\n\nb, c"


@pytest.mark.parametrize(
    "line, reason",
    [
        # t17/EgyptianProtest_cnn/InputDocs/2011-02-09/215.htm.txt:30 (a 2013 sidebar in 2011 pages)
        ("ly/U6vgfT 6:30 pm ET February 11, 2013 RETWEET Looking for a good car for bad winter weather?", "tweet"),
        # t17/IraqWar_guardian/InputDocs/2005-05-10/6.htm.txt:134
        ("Posted by Keith Stuart at 11:08 AM | Comments (4) | Permalink Guardian Unlimited", "comments"),
        # t17/LibyaWar_reuters/InputDocs/2011-08-11/207.htm.txt:13
        (
            "(Reporting by Louis Charbonneau; Editing by Todd Eastham) We welcome comments that advance"
            " the story through relevant opinion, anecdotes, links and data.",
            "comments",
        ),
        # t17/LibyaWar_cnn/InputDocs/2011-02-26/99.htm.txt:21
        ("CNN's Richard Roth and Joe Vaccarello contributed to this report", "byline"),
        # t17/bpoil_foxnews/InputDocs/2010-04-30/1860.htm.txt:28
        (
            "One Year Later, Images of Gulf Oil Spill From Space Still Powerful Sign up for free e-mail"
            " news alerts from FoxNews.com and FoxBusiness.com.",
            "share or subscribe",
        ),
        # entities/Steve_Jobs/InputDocs/2014-10-07/833.txt:57
        ("Follow us on Twitter via @GuardianTeach.", "share or subscribe"),
        # t17/LibyaWar_cnn/InputDocs/2011-07-29/366.htm.txt:1
        (
            "Libyan Rebel Commander Killed; Hitting the Debt Ceiling Aired July 29, 2011 - 08:00:00 ET"
            " THIS IS A RUSH TRANSCRIPT.",
            "page header",
        ),
        # entities/Steve_Jobs/InputDocs/2008-01-07/331.txt
        ("Photo:", "caption"),
    ],
)
def test_furniture_lines_are_named(line: str, reason: str) -> None:
    assert is_furniture(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        # t17/haiti_bbc/InputDocs/2010-01-14/... and t17/EgyptianProtest_cnn/...: news about comments
        "The White House said the comments were completely inappropriate.",
        "Updated guidance will be issued on how the FoI works.",
    ],
)
def test_sentences_that_mention_furniture_words_are_kept(line: str) -> None:
    assert is_furniture(line) is None
    assert strip_furniture(line) == (line, None)


@pytest.mark.parametrize(
    "line, sentence, reason",
    [
        # t17/EgyptianProtest_cnn/InputDocs/2011-02-11/173.htm.txt:16
        (
            "Update 4:51 p.m. in Cairo, 9:51 a.m. ET) The head of the Egyptian stock market, Khaled"
            " Serry Seyam, said trading will resume",
            "The head of the Egyptian stock market, Khaled Serry Seyam, said trading will resume",
            "live-blog stamp",
        ),
        # t17/EgyptianProtest_cnn/InputDocs/2011-01-30/51.htm.txt:64: a stamp after a dash
        (
            "-- (Update 3:53 p.m. Cairo, 8:53 a.m. ET) Egyptian opposition leader Mohamed ElBaradei",
            "Egyptian opposition leader Mohamed ElBaradei",
            "live-blog stamp",
        ),
        # t17/Finan_washingtonpost/InputDocs/2008-09-24/42.htm.txt:3
        # ... and the byline and dateline after the credit
        (
            "(Brian Snyder/Reuters) By Michael D. Shear and Robert Barnes NEW YORK -- The financial crisis",
            "The financial crisis",
            "byline",
        ),
        # t17/bpoil_guardian/InputDocs/2010-06-18/559.htm.txt:2
        (
            "Photograph: Sean Gardner/AP British shareholders are to join a US class action lawsuit",
            "British shareholders are to join a US class action lawsuit",
            "caption",
        ),
    ],
)
def test_stamps_and_credits_are_cut_off_the_sentence(line: str, sentence: str, reason: str) -> None:
    assert strip_furniture(line) == (sentence, reason)


def test_headline_run_into_the_first_sentence_becomes_the_headline() -> None:
    # t17/SyrianCrisis_reuters/InputDocs/2011-04-25/41.htm.txt:1
    clean = clean_text(
        "WASHINGTON | Mon Apr 25, 2011 7:32 pm EDT WASHINGTON (Reuters) - The United States is"
        " considering sanctions against Syrian government officials.\nThe measures would freeze assets."
    )
    assert clean.lines == [
        "The United States is considering sanctions against Syrian government officials.",
        "The measures would freeze assets.",
    ]
    assert clean.headline.startswith("WASHINGTON | Mon Apr 25, 2011")
    assert clean.removed["headline"] == 1


def test_a_guardian_caption_line_before_the_credit_is_headline_too() -> None:
    # t17/IraqWar_guardian/InputDocs/2005-02-22/308.htm.txt:1-2
    clean = clean_text(
        "The Ukrainian president, Viktor Yushchenko, speaks at today's Nato summit in Brussels.\n"
        "Photograph: Getty Images The Ukrainian president, Viktor Yushchenko, confirmed today"
    )
    assert clean.lines == ["The Ukrainian president, Viktor Yushchenko, confirmed today"]


def test_reader_comments_end_the_article() -> None:
    # t17/Finan_washingtonpost/InputDocs/2008-09-24/42.htm.txt:49-50 (700,000 characters of comments)
    clean = clean_text(
        "Paul Kane and Dan Balz in Washington contributed to this report.\n"
        "By Web Politics Editor | September 24, 2008; 2:58 PM ET McCain want to make noise.\n"
        "there are alot of ppl on the congress to work on... Posted by: minimini | September 26,"
        " 2008 1:57 AM | Report abuse Come on people...\nMore comments."
    )
    assert clean.lines == []
    assert clean.removed == {"comments": 2, "byline": 2}


def test_tilse_reader_stores_restored_text_under_the_raw_text_id(shared_data: Path) -> None:
    path = shared_data / "t17/EgyptianProtest_cnn/InputDocs/2011-02-03/129.htm.txt"
    [article] = read_articles([path])
    assert article.text.startswith("The fiery, bloody clashes between demonstrators in Cairo")
    assert article.title.startswith("Egyptian soldiers did nothing to stop the violence")
    assert " -LRB- " not in article.text and " ." not in article.text
    from dateline.ingest.ids import article_id

    assert article.id == article_id(article.published, path.read_text().strip(), "EgyptianProtest_cnn")


def test_the_700000_character_comment_page_keeps_only_its_article(shared_data: Path) -> None:
    path = shared_data / "t17/Finan_washingtonpost/InputDocs/2008-09-24/42.htm.txt"
    [article] = read_articles([path])
    assert len(article.text) < 20_000
    assert "Report abuse" not in article.text
