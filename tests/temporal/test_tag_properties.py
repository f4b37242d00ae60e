"""Properties of the tagger that must hold for any text and any publication date."""

from __future__ import annotations

import datetime as dt
import itertools
import re

import pytest
from hypothesis import given, settings, strategies as st

from dateline.temporal import tag, value_to_date
from dateline.temporal.lexicon import COMMON_WORDS, FULL_MONTHS, UNITS, WEEKDAYS
from dateline.temporal.tagger import RULES, _tables

DATES = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))
NEWS_DATES = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))
WEEKDAY_NAMES = [day.title() for day in WEEKDAYS]
# Words the rules know, so that generated text often contains time expressions.
VOCABULARY = sorted(
    {w for rule in RULES for w in re.findall(r"[A-Za-z]{2,}", rule.pattern)}
    | {
        "the",
        "a",
        "on",
        "in",
        "said",
        "will",
        "1998",
        "12",
        "5th",
        "'90s",
        ",",
        ".",
        "-",
        "'s",
        "\n",
        "3",
        "2.5",
        "1,000",
        "10:30",
        "a.m.",
        "pm",
        "1/2",
        "3/5/2011",
        "o'clock",
        "people",
        "million",
        "to",
        "or",
        "of",
    }
)
NEWSLIKE = st.lists(st.sampled_from(VOCABULARY) | st.text(max_size=6), max_size=40).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(text=st.text() | NEWSLIKE, dct=DATES)
def test_never_raises_and_returns_sorted_disjoint_spans_of_the_text(text, dct):
    found = tag(text, dct)
    for timex in found:
        assert text[timex.start : timex.end] == timex.text
        assert timex.type in {"DATE", "TIME", "DURATION", "SET"}
        value_to_date(timex.value)
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))


@given(
    dct=NEWS_DATES,
    weekday=st.sampled_from(WEEKDAY_NAMES),
    relation=st.sampled_from(["", "last ", "next ", "this ", "on "]),
    clause=st.sampled_from(["Talks began {}.", "Talks will begin {}.", "{} was quiet."]),
)
def test_a_weekday_resolves_within_seven_days_of_the_dct(dct, weekday, relation, clause):
    found = [t for t in tag(clause.format(relation + weekday), dct) if weekday in t.text]
    assert len(found) == 1
    day, granularity = value_to_date(found[0].value)
    assert granularity == "day"
    assert abs((day - dct).days) <= 7
    assert day.strftime("%A") == weekday


@given(dct=NEWS_DATES, days=st.integers(min_value=2, max_value=400))
def test_n_days_ago_is_n_days_before_the_dct(dct, days):
    (found,) = tag(f"It opened {days} days ago.", dct)
    assert found.value == (dct - dt.timedelta(days=days)).isoformat()


@given(dct=NEWS_DATES, month=st.sampled_from(FULL_MONTHS), day=st.integers(1, 28))
def test_a_day_without_a_year_lies_within_a_year_of_the_dct(dct, month, day):
    (found,) = tag(f"It opened on {month.title()} {day}.", dct)
    resolved, granularity = value_to_date(found.value)
    assert granularity == "day" and abs((resolved - dct).days) <= 366


@settings(max_examples=200, deadline=None)
@given(text=NEWSLIKE)
def test_the_scan_stops_wherever_a_rule_can_match(text):
    """The tagger only tries rules where its scan finds one of their lead words (or word
    pairs); a lead the pattern analysis missed would make a rule silently unreachable."""
    scan, _ = _tables()
    stops = {hit.start() for hit in scan.finditer(" " + text)}  # offsets of the words in text
    for rule in RULES:
        for match in rule.regex.finditer(text):
            start = match.start()
            if start and (text[start - 1].isalnum() or text[start - 1] in "'_"):
                continue
            assert start in stops, (rule.name, match.group())


# Text in which every other word is one that rules read the next word after ("the past").
AFTER_COMMON_WORDS = st.lists(
    st.sampled_from(sorted(COMMON_WORDS | {word.title() for word in COMMON_WORDS})) | st.sampled_from(VOCABULARY),
    max_size=40,
).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(text=NEWSLIKE | AFTER_COMMON_WORDS)
def test_the_rules_tried_at_a_stop_include_every_rule_that_matches_there(text):
    """At a stop the tagger tries only the rules that can start with its word (after a
    common word such as "the", with the word after that: ``_ByNextWord``), from the
    first whose pattern matches on; a rule left out would silently never match there."""
    scan, by_lead = _tables()
    for hit in scan.finditer(" " + text):
        start = hit.start()
        tried = by_lead[hit.group(2)].matching(text, start)
        for rule in RULES:
            if rule.regex.match(text, start):
                assert rule in tried, (rule.name, text[start : start + 40])


NUMBERS = ["3", "12", "1998", "2.5", "1,000", "5th", "21st", "90", "10", "2100", "0930"]
AFTER_NUMBERS = sorted(
    {f"{unit}{plural}" for unit in UNITS for plural in ("", "s")}
    | {"centuries", "Years", "YEARS"}
    | {month.title() for month in FULL_MONTHS}
    | {"Jan.", "Sept."}
    | {
        "a.m.",
        "p.m.",
        "am",
        "PM",
        ":30",
        ":30 GMT",
        "GMT",
        "EST",
        "o'clock",
        "in the morning",
        "at night",
        "to three weeks",
        "or 4 days",
        "and a half years",
        "1/2 hours",
        "-year",
        "- year",
        "s",
        "'s",
        "/5/2011",
        "-01-05",
        "more days",
        "trading days",
        "of March",
        "century",
        "quarter",
        "people",
        "million",
        "percent",
        ",",
        ".",
        "of the",
    }
)


@pytest.mark.parametrize("number", NUMBERS)
def test_the_scan_stops_at_every_number_a_rule_can_start_with(number):
    """The scan passes by numbers that nothing time-like follows (``tagger._NUMBER_LEAD``);
    every number a rule can start with, whatever follows it, must still be a stop."""
    scan, _ = _tables()
    for after, then, before in itertools.product(
        AFTER_NUMBERS, ["", " ago", " later", " before Friday", " old", "."], ["", "about ", "("]
    ):
        glue = "" if after[0] in ",.:-/s'" else " "
        text = f"It was {before}{number}{glue}{after}{then} here."
        stops = {hit.start() for hit in scan.finditer(" " + text)}
        start = text.index(number, len("It was "))
        for rule in RULES:
            if rule.regex.match(text, start):
                assert start in stops, (rule.name, text)
