"""Salience, the default method: what evidence moves a date up, which sentence speaks for it."""

from __future__ import annotations

import datetime as dt

from dateline.operations import DEFAULT_METHOD
from dateline.timeline import TimelineRequest, get_method
from dateline.timeline.corpus import Corpus, CorpusSentence, DateRef
from dateline.timeline.methods.salience import demote_echoes

EVENT = dt.date(2010, 4, 20)
OTHER = dt.date(2010, 5, 2)


def sentence(text: str, article: str, published: dt.date, ref: dt.date | None = None,
             granularity: str = "day", entry: bool = False, position: int = 3) -> CorpusSentence:
    refs = (DateRef(ref, granularity, entry),) if ref else ()
    return CorpusSentence(text, article, 0, len(text), position, published, refs, len(text.split()))


def build(sentences: list[CorpusSentence], **request: object):
    settings = {"query": "", "n_dates": 1, "n_sentences": 1} | request
    corpus = Corpus(tuple(sentences), len({s.article_id for s in sentences}))
    return get_method("salience").build(corpus, TimelineRequest(**settings))


def test_a_date_cited_on_many_days_beats_one_cited_by_many_articles_on_one_day() -> None:
    cited_over_time = [sentence(f"The rig exploded in the Gulf, report number {i} says.", f"a{i}",
                                EVENT + dt.timedelta(days=3 * i + 1), EVENT) for i in range(3)]
    one_day_burst = [sentence(f"Officials held a briefing about the cleanup plan, story {i}.", f"b{i}",
                              OTHER, OTHER) for i in range(5)]
    [entry] = build(cited_over_time + one_day_burst).entries
    assert entry.date == EVENT


def test_a_timeline_entry_is_strong_evidence() -> None:
    listed = sentence("2 May : President visits the coast and promises full federal help .", "t", OTHER,
                      OTHER, entry=True)
    plain = [sentence(f"The spill kept spreading along the coast, update {i} said.", f"p{i}",
                      EVENT + dt.timedelta(days=i + 1), EVENT) for i in range(2)]
    [entry] = build([listed, *plain]).entries
    assert entry.date == OTHER


def test_a_retrospective_sentence_is_preferred_for_its_date() -> None:
    same_day = sentence("Rescue teams were searching the waters late into the night for workers.", "a",
                        EVENT, EVENT)
    weeks_later = sentence("The rig exploded on 20 April, killing eleven workers in the Gulf.", "b",
                           EVENT + dt.timedelta(days=30), EVENT)
    [entry] = build([same_day, weeks_later]).entries
    assert entry.sentences[0].article_id == "b"


def test_of_dates_with_equal_evidence_the_one_whose_news_is_about_the_story_comes_first() -> None:
    story = [sentence(f"The oil spill off Louisiana kept growing, report {i} said.", f"s{i}",
                      EVENT + dt.timedelta(days=i + 1), EVENT) for i in range(4)]
    aside = sentence("A local bakery opened a second shop downtown on Sunday.", "x", OTHER, OTHER)
    on_topic = sentence("Crews burned oil on the water as the spill spread east.", "y", OTHER, OTHER + dt.timedelta(1))
    timeline = build([*story, aside, on_topic], n_dates=2)
    assert [entry.date for entry in timeline.entries] == [EVENT, OTHER + dt.timedelta(1)]


def test_a_month_is_dropped_when_a_day_inside_it_is_in_the_timeline() -> None:
    month = dt.date(2010, 4, 1)
    sentences = [sentence(f"In April the company faced mounting questions, analysis {i} noted.", f"m{i}",
                          dt.date(2010, 6, i + 1), month, "month") for i in range(4)]
    sentences += [sentence(f"On 20 April the platform exploded off Louisiana, account {i} said.", f"d{i}",
                           dt.date(2010, 6, 10 + i), EVENT) for i in range(2)]
    timeline = build(sentences, n_dates=2)
    assert [(e.date, e.granularity) for e in timeline.entries] == [(EVENT, "day")]


def cited(date: dt.date, days: int, tag: str) -> list[CorpusSentence]:
    """Sentences about ``date`` from articles published on ``days`` different later days."""
    return [sentence(f"Report {tag}{i} on the spill and the cleanup along the coast was filed.",
                     f"{tag}{i}", date + dt.timedelta(days=i + 1), date) for i in range(days)]


def test_a_weak_neighbour_of_a_chosen_day_gives_way_to_a_day_of_its_own() -> None:
    echo = EVENT + dt.timedelta(days=1)
    sentences = cited(EVENT, 10, "e") + cited(echo, 3, "n") + cited(OTHER, 2, "o")
    timeline = build(sentences, n_dates=2)
    assert [entry.date for entry in timeline.entries] == [EVENT, OTHER]


def test_two_neighbouring_days_with_strong_evidence_are_both_kept() -> None:
    next_day = EVENT + dt.timedelta(days=1)
    sentences = cited(EVENT, 10, "e") + cited(next_day, 6, "n") + cited(OTHER, 2, "o")
    timeline = build(sentences, n_dates=2)
    assert [entry.date for entry in timeline.entries] == [EVENT, next_day]


def test_demoted_echoes_keep_their_order_at_the_back_and_say_why() -> None:
    days = [dt.date(2010, 4, d) for d in (20, 21, 19, 25, 26)]
    keys = [(day, "day") for day in days]
    scores = [10.0, 3.0, 5.0, 2.0, 0.5]
    evidence = {key: {"score": score} for key, score in zip(keys, scores)}
    ranked = demote_echoes(keys, evidence, 0.4)
    assert [key[0].day for key in ranked] == [20, 19, 25, 21, 26]
    assert [key[0].day for key in keys if "echo_of_neighbour" in evidence[key]] == [21, 26]
    assert demote_echoes(keys, {key: {"score": s} for key, s in zip(keys, scores)}, 0.0) == keys


def test_salience_is_the_default_method() -> None:
    assert DEFAULT_METHOD == "salience"
