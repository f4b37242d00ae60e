"""Datewise on small hand-made corpora: which dates win, which sentences speak for them."""

from __future__ import annotations

import datetime as dt

from dateline.timeline import TimelineRequest, get_method
from dateline.timeline.corpus import Corpus, CorpusSentence, DateRef

DAY = dt.date(2020, 10, 7)


def sentence(
    text: str, article: str, published: dt.date, *refs: dt.date, position: int = 3, granularity: str = "day"
) -> CorpusSentence:
    return CorpusSentence(
        text,
        article,
        0,
        len(text),
        position,
        published,
        tuple(DateRef(ref, granularity) for ref in refs),
        len(text.split()),
    )


def build(corpus: list[CorpusSentence], **request: object):
    settings = {"query": "", "n_dates": 2, "n_sentences": 1} | request
    return get_method("datewise").build(
        Corpus(tuple(corpus), len({s.article_id for s in corpus})), TimelineRequest(**settings)
    )


def test_the_date_most_articles_refer_to_comes_first() -> None:
    other = dt.date(2020, 10, 1)
    corpus = [
        sentence(
            f"Ministers met in Tokyo for strategic talks number {i} today.",
            f"a{i}",
            DAY + dt.timedelta(days=i + 1),
            DAY,
        )
        for i in range(3)
    ]
    corpus.append(sentence("A minor committee session was held in Delhi on Thursday.", "b", other, other))
    timeline = build(corpus, n_dates=1)
    assert [e.date for e in timeline.entries] == [DAY]


def test_entries_are_in_date_order_and_within_size() -> None:
    later = dt.date(2021, 3, 1)
    corpus = [
        sentence("India and Japan held a strategic dialogue in Tokyo on Wednesday.", "a", DAY, DAY),
        sentence("India and Japan held a strategic dialogue in Tokyo last week again.", "b", DAY, DAY),
        sentence("A trade agreement between the two countries was signed in Delhi.", "c", later, later),
    ]
    timeline = build(corpus, n_dates=5, n_sentences=1)
    assert [e.date for e in timeline.entries] == [DAY, later]
    assert all(len(e.sentences) == 1 for e in timeline.entries)


def test_a_sentence_already_used_is_not_repeated_for_another_date() -> None:
    text = "India and Japan signed the defence logistics agreement in New Delhi."
    corpus = [sentence(text, "a", DAY, DAY), sentence(text, "b", DAY, DAY + dt.timedelta(days=1))]
    timeline = build(corpus, n_dates=2)
    assert len(timeline.entries) == 1


def test_lead_sentences_speak_for_their_publication_day() -> None:
    corpus = [sentence("Prime ministers opened the annual summit with a joint statement.", "a", DAY, position=0)]
    [entry] = build(corpus).entries
    assert entry.date == DAY and entry.sentences[0].article_id == "a"


def test_request_limits_dates_and_granularity() -> None:
    month = dt.date(2020, 9, 1)
    corpus = [
        sentence(
            "The ministers had spoken by phone in September about the plan.", "a", DAY, month, granularity="month"
        ),
        sentence("Officials met again in Tokyo to finalise the plan on Wednesday.", "b", DAY, DAY),
    ]
    only_days = build(corpus, n_dates=5, granularities=frozenset({"day"}))
    assert {e.granularity for e in only_days.entries} == {"day"}
    ranged = build(corpus, n_dates=5, date_from=dt.date(2020, 10, 1))
    assert [e.date for e in ranged.entries] == [DAY]


def test_empty_corpus_gives_empty_timeline() -> None:
    assert build([]).entries == ()
