"""``--granularity``: the user's choice, or, for ``auto``, the scale the story lives at.

Background history must not push out the story's events: with ``auto``, a month or year
entry needs a story long enough for that scale, and must lie inside the story's span."""

from __future__ import annotations

import datetime as dt

import pytest

from dateline.errors import UsageError
from dateline.timeline import TimelineRequest, get_method
from dateline.timeline.corpus import Corpus, CorpusSentence, DateRef
from dateline.timeline.granularity import (
    GRANULARITY_CHOICES,
    allowed_granularities,
    check_granularity,
    coarsen,
    story_span,
)

START = dt.date(2011, 2, 15)


def span(days: int) -> tuple[dt.date, dt.date]:
    return START, START + dt.timedelta(days=days - 1)


def test_the_choices_are_auto_day_month_year_and_anything_else_is_a_usage_error() -> None:
    assert GRANULARITY_CHOICES == ("auto", "day", "month", "year")
    with pytest.raises(UsageError, match="auto, day, month, year.*'week'"):
        check_granularity("week")


@pytest.mark.parametrize("choice", ["day", "month", "year"])
def test_a_chosen_granularity_is_the_only_one(choice: str) -> None:
    assert allowed_granularities(check_granularity(choice), span(30), 10) == {choice}


@pytest.mark.parametrize(
    ("days", "n_dates", "allowed"),
    [
        (200, 10, {"day"}),  # a war of months told in ten entries: days
        (7 * 365, 10, {"day"}),  # seven years, ten entries: still days
        (20 * 365, 10, {"day", "month"}),  # two decades, ten entries: months too
        (200 * 365, 10, {"day", "month", "year"}),  # a chronicle of centuries: years too
    ],
)
def test_auto_allows_coarse_entries_only_at_the_storys_scale(days: int, n_dates: int, allowed: set[str]) -> None:
    assert allowed_granularities("auto", span(days), n_dates) == allowed


def test_auto_on_an_empty_corpus_is_days() -> None:
    assert allowed_granularities("auto", None, 10) == {"day"}


def cite(date: dt.date, granularity: str, article: str, published: dt.date) -> CorpusSentence:
    text = f"The long story of the country goes on, says report {article}."
    return CorpusSentence(
        text, article, 0, len(text), 3, published, (DateRef(date, granularity, False),), len(text.split())
    )


def test_background_years_outside_the_story_are_left_out_under_auto() -> None:
    published = [START + dt.timedelta(days=400 * i) for i in range(30)]
    background = [cite(dt.date(1982, 1, 1), "year", f"h{i}", day) for i, day in enumerate(published)]
    inside = [cite(dt.date(2013, 1, 1), "year", f"y{i}", day) for i, day in enumerate(published[:3])]
    corpus = Corpus(tuple(background + inside), len(background) + len(inside))
    assert story_span(corpus) == (published[0], published[-1])
    everything = frozenset({"day", "month", "year"})
    unbounded = get_method("salience").build(corpus, TimelineRequest("", 1, 1, everything))
    bounded = get_method("salience").build(
        corpus, TimelineRequest("", 1, 1, everything, coarse_span=story_span(corpus))
    )
    assert [e.date for e in unbounded.entries] == [dt.date(1982, 1, 1)]
    assert [e.date for e in bounded.entries] == [dt.date(2013, 1, 1)]


def test_a_chosen_month_counts_the_days_inside_it() -> None:
    days = [cite(dt.date(2011, 3, d), "day", f"a{d}", dt.date(2011, 3, 20)) for d in (17, 18, 19)]
    year = [cite(dt.date(2011, 1, 1), "year", "y", dt.date(2011, 3, 20))]
    coarse = coarsen(Corpus(tuple(days + year), 4), "month")
    assert {(ref.date, ref.granularity) for s in coarse.sentences for ref in s.refs} == {
        (dt.date(2011, 3, 1), "month"),
        (dt.date(2011, 1, 1), "year"),
    }
    assert coarsen(Corpus(tuple(days), 3), "day").sentences == tuple(days)
