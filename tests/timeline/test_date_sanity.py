"""Dates a reader can believe, pinned on sentences from Timeline17's LibyaWar and
EgyptianProtest pages (as the tilse reader restores them): a number that names a
resolution or a flight is not a year, a sidebar dated two years after its page is not an
event of the story, and a date is on topic only near a query word."""

from __future__ import annotations

import datetime as dt

import pytest

from dateline.model import Article
from dateline.nlp.analyze import analyze
from dateline.temporal import tag
from dateline.timeline.corpus import MAX_DAYS_AHEAD, build_corpus

PUBLISHED = dt.date(2011, 3, 18)


def years_tagged(sentence: str) -> list[str]:
    return [timex.value for timex in tag(sentence, PUBLISHED) if len(timex.value) == 4]


@pytest.mark.parametrize(
    "sentence",
    [
        "Acting under Chapter VII of the U.N. Charter, which provides for the use of force if needed, "
        "the Council adopted Resolution 1973 by 10 votes to zero, with five abstentions.",
        '"We made clear that if Gaddafi did not comply with the UN Security Council Resolution 1973, '
        "it would be enforced through military action.",
        "Indeed, an earlier resolution, Resolution 1970, imposes a weapons embargo on all of Libya.",
        "US Airways Flight 1549 landed on the Hudson River.",
        "The measure passed with 1973 votes in favour.",
        "About 2000 troops were sent to the border.",
    ],
)
def test_a_number_that_names_or_counts_something_is_not_a_year(sentence: str) -> None:
    assert years_tagged(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "year"),
    [
        ("Gaddafi came to power in 1969 in a bloodless coup.", "1969"),
        ("The Human Rights Act 1998 applies.", "1998"),
        ("In 1973, the council met again.", "1973"),
    ],
)
def test_a_year_in_running_text_is_still_a_year(sentence: str, year: str) -> None:
    assert years_tagged(sentence) == [year]


def test_a_sidebar_dated_years_after_its_page_is_not_a_reference() -> None:
    sidebar = (
        "7:01 pm ET February 11, 2013 RETWEET Could the next pope be from Africa or Latin America?\n"
        "Protesters filled Tahrir Square on Friday."
    )
    page = Article("page", dt.date(2011, 2, 12), sidebar)
    dates = {ref.date for s in build_corpus([analyze(page)]).sentences for ref in s.refs}
    assert dt.date(2013, 2, 11) not in dates and dt.date(2011, 2, 11) in dates
    kept = {ref.date for s in build_corpus([analyze(page)], max_days_ahead=None).sentences for ref in s.refs}
    assert dt.date(2013, 2, 11) in kept


def test_an_announced_date_within_a_year_is_kept() -> None:
    plan = Article("plan", PUBLISHED, "Elections will be held on December 10, 2011, the council said.")
    [sentence] = build_corpus([analyze(plan)]).sentences
    assert [ref.date for ref in sentence.refs] == [dt.date(2011, 12, 10)]
    assert (dt.date(2011, 12, 10) - PUBLISHED).days <= MAX_DAYS_AHEAD


def test_a_sentence_is_on_topic_only_near_a_query_word() -> None:
    text = (
        "The Security Council voted on Thursday to impose a no-fly zone over Libya.\n"
        "Markets in Tokyo fell.\nThe yen rose.\nOil was flat.\nTraders were cautious.\n"
        "A football match was played on Wednesday."
    )
    sentences = build_corpus([analyze(Article("a", PUBLISHED, text))], query="Libya no-fly").sentences
    assert [s.on_topic for s in sentences] == [True, True, True, False, False, False]
    assert not any(s.on_topic for s in build_corpus([analyze(Article("a", PUBLISHED, text))]).sentences)


def test_a_name_that_starts_a_longer_name_is_not_the_query_s() -> None:
    # t17/bpoil_*: the Exxon Valdez spilled its oil into Prince William Sound, which 45
    # BP oil spill articles name; for "Prince William" they are not about him.
    text = (
        "The spill dwarfs the 1989 Exxon Valdez disaster in Prince William Sound, Alaska.\n"
        "Markets in Tokyo fell.\nThe yen rose.\nOil was flat.\n"
        "Prince William Tuesday visited the rig workers' families.\n"
        "Prince William and his brother met them."
    )
    article = analyze(Article("a", PUBLISHED, text))
    on_topic = [s.on_topic for s in build_corpus([article], query="Prince William").sentences]
    assert on_topic == [False, False, True, True, True, True]
    # written in lower case, the query names no name: every occurrence counts
    assert all(s.on_topic for s in build_corpus([article], query="prince william").sentences[:3])


def test_a_sentence_is_shown_without_the_bullet_or_dash_it_opens_with() -> None:
    # t17/bpoil_reuters and t17/EgyptianProtest_cnn list entries, as stored
    text = (
        "The spill began in April.\n* April 25 - The Coast Guard says cameras detect the well is leaking.\n"
        "-- After throngs of Egyptians put their lives on hold, Egypt began to return to work on Monday.\n"
        "; Oil clings to marsh grass in South Pass near Venice, Louisiana, August 1, 2010.)\n* -- ;"
    )
    article = Article("a", PUBLISHED, text, lines_are_sentences=True)
    sentences = build_corpus([analyze(article)]).sentences
    assert [s.text[:12] for s in sentences] == [
        "The spill be",
        "April 25 - T",
        "After throng",
        "Oil clings t",
        ";",
    ]
    assert all(text[s.start : s.end] == s.text for s in sentences)  # (a line of marks alone keeps its last)
