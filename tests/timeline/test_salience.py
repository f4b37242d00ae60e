"""Salience, the default method: what evidence moves a date up, which sentence speaks for it."""

from __future__ import annotations

import datetime as dt

import pytest

from dateline.operations import DEFAULT_METHOD
from dateline.timeline import TimelineRequest, get_method
from dateline.timeline.corpus import Corpus, CorpusSentence, DateRef
from dateline.timeline.summarize import article_limit_for

EVENT = dt.date(2010, 4, 20)
OTHER = dt.date(2010, 5, 2)


def sentence(
    text: str,
    article: str,
    published: dt.date,
    ref: dt.date | None = None,
    granularity: str = "day",
    entry: bool = False,
    position: int = 3,
    on_topic: bool = False,
) -> CorpusSentence:
    refs = (DateRef(ref, granularity, entry),) if ref else ()
    return CorpusSentence(text, article, 0, len(text), position, published, refs, len(text.split()), on_topic)


def build(sentences: list[CorpusSentence], **request: object):
    settings = {"query": "", "n_dates": 1, "n_sentences": 1} | request
    corpus = Corpus(tuple(sentences), len({s.article_id for s in sentences}))
    return get_method("salience").build(corpus, TimelineRequest(**settings))


def test_a_date_cited_on_many_days_beats_one_cited_by_many_articles_on_one_day() -> None:
    cited_over_time = [
        sentence(
            f"The rig exploded in the Gulf, report number {i} says.",
            f"a{i}",
            EVENT + dt.timedelta(days=3 * i + 1),
            EVENT,
        )
        for i in range(3)
    ]
    one_day_burst = [
        sentence(f"Officials held a briefing about the cleanup plan, story {i}.", f"b{i}", OTHER, OTHER)
        for i in range(5)
    ]
    [entry] = build(cited_over_time + one_day_burst).entries
    assert entry.date == EVENT


def test_articles_citing_a_date_in_a_passage_about_the_query_outvote_other_citing_days() -> None:
    """Two articles that cite a date where they speak of the query beat five days of
    articles citing another date in passages about something else (the weights: a day
    counts 1, a topical article 8)."""
    about = [
        sentence(
            f"Jobs unveiled the first iPhone in San Francisco, story {i} recalled.",
            f"t{i}",
            EVENT + dt.timedelta(days=40 + i),
            EVENT,
            on_topic=True,
        )
        for i in range(2)
    ]
    aside = [
        sentence(
            f"The city council met to debate the new budget, notice {i} said.",
            f"x{i}",
            OTHER + dt.timedelta(days=i + 1),
            OTHER,
        )
        for i in range(5)
    ]
    [entry] = build(about + aside, query="Steve Jobs").entries
    assert entry.date == EVENT
    assert entry.explanation["topical_articles"] == 2


def test_a_timeline_entry_is_strong_evidence() -> None:
    listed = sentence(
        "2 May : President visits the coast and promises full federal help .", "t", OTHER, OTHER, entry=True
    )
    plain = [
        sentence(
            f"The spill kept spreading along the coast, update {i} said.",
            f"p{i}",
            EVENT + dt.timedelta(days=i + 1),
            EVENT,
        )
        for i in range(2)
    ]
    [entry] = build([listed, *plain]).entries
    assert entry.date == OTHER


def test_a_retrospective_sentence_is_preferred_for_its_date() -> None:
    same_day = sentence("Rescue teams were searching the waters late into the night for workers.", "a", EVENT, EVENT)
    weeks_later = sentence(
        "The rig exploded on 20 April, killing eleven workers in the Gulf.", "b", EVENT + dt.timedelta(days=30), EVENT
    )
    [entry] = build([same_day, weeks_later]).entries
    assert entry.sentences[0].article_id == "b"


def test_of_dates_with_equal_evidence_the_one_whose_news_is_about_the_story_comes_first() -> None:
    story = [
        sentence(
            f"The oil spill off Louisiana kept growing, report {i} said.",
            f"s{i}",
            EVENT + dt.timedelta(days=i + 1),
            EVENT,
        )
        for i in range(4)
    ]
    aside = sentence("A local bakery opened a second shop downtown on Sunday.", "x", OTHER, OTHER)
    on_topic = sentence("Crews burned oil on the water as the spill spread east.", "y", OTHER, OTHER + dt.timedelta(1))
    timeline = build([*story, aside, on_topic], n_dates=2)
    assert [entry.date for entry in timeline.entries] == [EVENT, OTHER + dt.timedelta(1)]


def test_a_month_is_dropped_when_a_day_inside_it_is_in_the_timeline() -> None:
    month = dt.date(2010, 4, 1)
    sentences = [
        sentence(
            f"In April the company faced mounting questions, analysis {i} noted.",
            f"m{i}",
            dt.date(2010, 6, i + 1),
            month,
            "month",
        )
        for i in range(4)
    ]
    sentences += [
        sentence(
            f"On 20 April the platform exploded off Louisiana, account {i} said.",
            f"d{i}",
            dt.date(2010, 6, 10 + i),
            EVENT,
        )
        for i in range(2)
    ]
    timeline = build(sentences, n_dates=2)
    assert [(e.date, e.granularity) for e in timeline.entries] == [(EVENT, "day")]


def test_salience_is_the_default_method() -> None:
    assert DEFAULT_METHOD == "salience"


def test_no_single_article_speaks_for_more_than_its_share_of_the_entries() -> None:
    """A factbox listing five dates is the most central source of each of them, but speaks
    for at most one entry in five (``MAX_ARTICLE_SHARE``); other coverage speaks for the rest."""
    days = [EVENT + dt.timedelta(days=7 * i) for i in range(5)]
    listed = [
        "a containment dome fails to stop the leak",
        "fishing is banned across a third of the Gulf",
        "oil reaches the beaches of Alabama and Florida",
        "the president visits the marshes again",
        "engineers start drilling a relief well",
    ]
    factbox = [
        sentence(f"{day:%d %B} : {what} .", "factbox", days[-1] + dt.timedelta(days=30), day, entry=True)
        for what, day in zip(listed, days, strict=True)
    ]
    happenings = [
        "Engineers lowered a containment dome over the leaking well on Friday.",
        "Fishermen in Louisiana protested the closure of their waters.",
        "Tar balls washed up on beaches in Alabama and Florida.",
        "The president flew over the marshes and met local officials.",
        "A relief well reached the damaged pipe deep below the seabed.",
    ]
    coverage = [sentence(text, f"c{i}", day, day) for i, (text, day) in enumerate(zip(happenings, days, strict=True))]
    timeline = build(factbox + coverage, n_dates=5)
    sources = [s.article_id for entry in timeline.entries for s in entry.sentences]
    assert len(timeline.entries) == 5
    assert sources.count("factbox") == article_limit_for(5) == 1


def test_a_sentence_written_as_an_entry_for_its_date_gets_the_entry_bonus() -> None:
    """ "March 19 - The first air strikes ..." is a journalist's summary of that day; a
    sentence that lists the date among others, or another date, is not."""
    salience = get_method("salience")
    listing = sentence("March 19 - The first air strikes halt the advance on Benghazi.", "a", OTHER, EVENT, entry=True)
    plain = sentence("The first air strikes came on March 19, officials said on Monday.", "b", OTHER, EVENT)
    other_entry = sentence(
        "May 2 - Rebels take the port after a week of fighting there.", "c", OTHER, OTHER, entry=True
    )
    bonus = salience.prior(EVENT, [listing, plain, other_entry])
    assert bonus[0] - bonus[1] == pytest.approx(salience.entry_bonus) and salience.entry_bonus > 0
    assert bonus[2] == bonus[1]
