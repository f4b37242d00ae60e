"""Stamps, bylines, page headers, footers and reader comments that Timeline17 pages run
into their sentences, each pinned on the line the corpus has (read from the shared
data; skipped without it)."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus_lines import corpus_line

from dateline.evaluate.display_check import display_problem
from dateline.ingest import read_articles
from dateline.ingest.furniture import MAX_PREFIXES, clean_text, is_furniture, strip_furniture
from dateline.ingest.ptb_text import restore_text

EGYPT, LIBYA, MJ = ("t17/EgyptianProtest_cnn/InputDocs", "t17/LibyaWar_cnn/InputDocs", "t17/MJ_bbc/InputDocs")


@pytest.mark.parametrize(
    "relative, needle, sentence, reason",
    [
        (
            f"{EGYPT}/2011-01-30/144.htm.txt",
            "Updated 5:45 p.m. -LRB- 0045 in Egypt",
            "Protesters in the streets of Cairo are calling for",
            "live-blog stamp",
        ),
        # the tail of the entry before, run into the stamp by the sentence splitter, goes too
        (
            f"{EGYPT}/2011-02-13/268.htm.txt",
            "Update 9:29 p.m. in Cairo , 2:29 p.m. ET",
            "Hundreds of Egyptian police officers",
            "live-blog stamp",
        ),
        (
            f"{LIBYA}/2011-03-04/88.htm.txt",
            "Posted at 11:06 a.m. ET",
            "At least 15 people have been killed",
            "live-blog stamp",
        ),
        (
            f"{LIBYA}/2011-03-18/42.htm.txt",
            "8:48 a.m. ET , 2:28 p.m. in Libya",
            "The Libyan government has decided on an immediate cease-fire",
            "live-blog stamp",
        ),
        (
            f"{EGYPT}/2011-02-01/105.htm.txt",
            "Update 3:28 a.m. Thursday in Cairo , 8:28 p.m. ET Wednesday",
            "In the video below, CNN's Ivan Watson reports",
            "live-blog stamp",
        ),
        (
            f"{LIBYA}/2011-03-28/251.htm.txt",
            "7:55 p.m. Monday ET , 1:55 a.m. Tuesday in Libya",
            'The world had a "unique ability to stop" violence',
            "live-blog stamp",
        ),
        # a second story's dateline on a page of several, and Reuters' highlights before one
        (
            f"{EGYPT}/2011-01-29/198.htm.txt",
            "Cairo , Egypt -LRB- CNN -RRB- -- Embattled",
            "Embattled President Hosni Mubarak said early Saturday",
            "dateline",
        ),
        (
            "t17/LibyaWar_reuters/InputDocs/2011-08-16/310.htm.txt",
            "\\* No secret talks",
            "Libya's rebel National Transitional Council (NTC) is not holding any talks",
            "dateline",
        ),
        (
            f"{LIBYA}/2011-02-21/13.htm.txt",
            "LIBYA , 3:29 p.m. ET",
            "Libyan leader Moammar Gadhafi still is in Libya",
            "live-blog stamp",
        ),
        (
            "t17/bpoil_guardian/InputDocs/2010-06-17/1029.htm.txt",
            "10.12 pm :",
            'Welch, a Democrat from Vermont, says Hayward has answered "65 times"',
            "live-blog stamp",
        ),
        (
            f"{MJ}/2010-06-26/800.htm.txt",
            "By Peter Bowes BBC News",
            "Fans sing outside the Jackson family home",
            "byline",
        ),
        (
            f"{LIBYA}/2011-03-31/75.htm.txt",
            "By Amar C. Bakshi , CNN",
            "Chris Strohm over at the National Journal",
            "byline",
        ),
    ],
)
def test_stamps_and_bylines_are_cut_off_the_sentence(
    shared_data: Path, relative: str, needle: str, sentence: str, reason: str
) -> None:
    line = restore_text(corpus_line(shared_data, relative, needle))
    assert display_problem(line) == "furniture"
    cut, why = strip_furniture(line)
    assert cut.startswith(sentence)
    assert why == reason
    assert display_problem(cut) is None
    # and so does the cleaning of a whole text, which tries the rules only on lines
    # holding one of their words (below the lines a headline may take)
    cleaned = clean_text(f"One.\nTwo.\nThree.\n{line}")
    assert cleaned.lines[-1] == cut
    assert cleaned.removed[reason] == 1


@pytest.mark.parametrize(
    "relative, needle, sentence",
    [
        # the BBC's page stamps after (or without) the headline
        (f"{MJ}/2010-06-24/1075.htm.txt", "Page last updated at 08:58", "Michael Jackson was murdered for money"),
        (f"{MJ}/2011-09-29/1154.htm.txt", "Last updated at 17:57 GMT Help", "One of Michael Jackson's bodyguards"),
    ],
)
def test_page_stamps_end_the_headline(shared_data: Path, relative: str, needle: str, sentence: str) -> None:
    line = restore_text(corpus_line(shared_data, relative, needle))
    assert display_problem(line) == "furniture"
    clean = clean_text(line)
    assert clean.lines[0].startswith(sentence)
    assert clean.removed["headline"] == 1


@pytest.mark.parametrize(
    "relative, needle, kept, gone",
    [
        # a newspaper footer ends the article where it starts in its line
        (
            "t17/IraqWar_guardian/InputDocs/2005-04-19/173.htm.txt",
            "Letters for publication",
            "Marla Ruzicka, activist, born December 31 1976; died April 16 2005",
            "letters@guardian.co.uk",
        ),
        ("t17/bpoil_guardian/InputDocs/2010-11-08/2057.htm.txt", "A version appeared on p18", "", "A version appeared"),
        # a reader comment's stamp: what follows is comments
        (f"{LIBYA}/2011-04-22/293.htm.txt", "04:35 pm at 4:35 pm |", "", "It's a civil war and we should not"),
    ],
)
def test_footers_and_comments_end_the_article(
    shared_data: Path, relative: str, needle: str, kept: str, gone: str
) -> None:
    corpus_line(shared_data, relative, needle)
    [article] = read_articles([shared_data / relative])
    assert article.text.split("\n")[-1].endswith(kept)
    assert gone not in article.text


def test_a_video_credit_line_is_a_caption(shared_data: Path) -> None:
    relative = "t17/Finan_washingtonpost/InputDocs/2008-10-17/1844.htm.txt"
    line = restore_text(corpus_line(shared_data, relative, "Video : Ian Shapira"))
    assert line == "Video: Ian Shapira/The Washington PostEditor: Megan Rossman/washingtonpost."
    assert is_furniture(line) == "caption"
    assert clean_text(line).lines == []


def test_a_line_of_one_stamp_repeated_is_cut_a_few_times_only() -> None:
    # each cut copies the rest of the line: 100,000 repeats took minutes
    line = "Cairo, Egypt (CNN) -- " * 100_000 + "Protesters marched."
    cut, why = strip_furniture(line)
    assert why == "dateline" and len(line) - len(cut) == MAX_PREFIXES * len("Cairo, Egypt (CNN) -- ")
