"""Marking a timeline's entries new or changed against the same timeline at an earlier
time, and reading the time a user gives (``dateline.timeline.changes``)."""

from __future__ import annotations

import datetime as dt

import pytest

from dateline.errors import UsageError
from dateline.model import SourcedSentence, Timeline, TimelineEntry
from dateline.timeline.changes import count_changes, mark_changes, parse_since

SINCE = dt.datetime(2026, 12, 3, 10, 0, tzinfo=dt.UTC)


def entry(day: int, *spans: tuple[str, int], granularity: str = "day") -> TimelineEntry:
    sentences = tuple(SourcedSentence(f"Sentence {a}.", a, start, start + 10) for a, start in spans)
    return TimelineEntry(dt.date(2024, 1, day), granularity, sentences)  # type: ignore[arg-type]


def timeline(*entries: TimelineEntry) -> Timeline:
    return Timeline("ferry", "salience", entries)


def changes(current: Timeline, earlier: Timeline) -> list[str | None]:
    return [e.change for e in mark_changes(current, earlier, SINCE).entries]


def test_a_date_the_earlier_timeline_lacked_is_new() -> None:
    assert changes(timeline(entry(1, ("a", 0)), entry(2, ("b", 0))), timeline(entry(1, ("a", 0)))) == [None, "new"]


def test_a_date_with_other_sentences_is_changed() -> None:
    assert changes(timeline(entry(1, ("a", 0), ("c", 5))), timeline(entry(1, ("a", 0)))) == ["changed"]


def test_a_sentence_from_elsewhere_in_the_same_article_is_a_change() -> None:
    assert changes(timeline(entry(1, ("a", 20))), timeline(entry(1, ("a", 0)))) == ["changed"]


def test_the_same_sentences_in_another_order_are_no_change() -> None:
    assert changes(timeline(entry(1, ("a", 0), ("b", 0))), timeline(entry(1, ("b", 0), ("a", 0)))) == [None]


def test_the_same_date_at_another_granularity_is_new() -> None:
    assert changes(timeline(entry(1, ("a", 0), granularity="month")), timeline(entry(1, ("a", 0)))) == ["new"]


def test_against_an_empty_timeline_every_entry_is_new_and_counted() -> None:
    marked = mark_changes(timeline(entry(1, ("a", 0)), entry(2, ("b", 0))), timeline(), SINCE)
    assert marked.since == SINCE and count_changes(marked) == {"new": 2, "changed": 0}


def test_marking_keeps_everything_else_of_the_timeline() -> None:
    current = timeline(entry(1, ("a", 0)), entry(2, ("b", 0)))
    marked = mark_changes(current, timeline(entry(1, ("z", 0))), SINCE)
    assert [(e.date, e.sentences) for e in marked.entries] == [(e.date, e.sentences) for e in current.entries]
    assert (marked.query, marked.method) == (current.query, current.method)
    assert count_changes(marked) == {"new": 1, "changed": 1}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2026-12-03", SINCE.replace(hour=0)),
        ("2026-12-03T10:00:00Z", SINCE),
        ("2026-12-03T11:00:00+01:00", SINCE),
        (" 2026-12-03T10:00:00.000000+00:00 ", SINCE),
    ],
)
def test_a_day_or_a_time_with_a_zone_is_read_as_an_instant(raw: str, expected: dt.datetime) -> None:
    assert parse_since(raw) == expected


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("2026-12-03T10:00:00", "has no time zone"),
        ("yesterday", "YYYY-MM-DD or an ISO time"),
        ("2026-13-03", "YYYY-MM-DD or an ISO time"),
    ],
)
def test_a_time_that_is_not_an_instant_is_refused_saying_why(raw: str, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        parse_since(raw)
