"""Weekdays and months resolved by the tense of their clause, anaphora resolved against
the date last mentioned, and words that only look like durations.

The golden cases are errors found by tagging the demo corpus (examples/india-japan) and
a seed sample: the article text is right, the value is what a reader gets from it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import assume, given, strategies as st

from dateline.ingest.plaintext import read_plaintext
from dateline.model import Article
from dateline.temporal import Timex, tag, value_to_date
from dateline.temporal.lexicon import FULL_MONTHS, WEEKDAYS

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "india-japan"
NEWS_DATES = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))
WEEKDAY_NAMES = [day.title() for day in WEEKDAYS]


def demo_article(number: str) -> Article:
    (path,) = EXAMPLES.glob(f"{number}_*.txt")
    (article,) = read_plaintext(path)
    assert isinstance(article, Article)
    return article


def timex_at(found: list[Timex], text: str, phrase: str, occurrence: int = 0) -> Timex | None:
    """The timex overlapping the ``occurrence``-th ``phrase`` of ``text``, if any."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    end = start + len(phrase)
    overlapping = [t for t in found if t.start < end and t.end > start]
    return overlapping[0] if overlapping else None


@pytest.mark.parametrize(
    ("number", "phrase", "occurrence", "expected"),
    [
        ("002", "held in Tokyo on Monday", 0, "2014-09-01"),
        ("015", "held in Tokyo on Monday", 0, "2018-10-29"),
        ("023", "begin in Guwahati on Sunday", 0, "2019-12-15"),
        ("025", "Australia on Tuesday", 0, "2020-10-06"),
        ("025", "Motegi on Wednesday", 0, "2020-10-07"),
        ("028", "runs until Friday", 0, "2020-11-06"),
        ("037", "in Hiroshima in May", 0, "2023-05"),
        ("008", "is due in June", 0, "2016-06"),
        # Abe was shot on 8 July, but the article only says "in July": the day after a
        # day in July is written at the precision the text gives.
        ("036", "the next day", 0, "2022-07"),
        ("007", "over half a century", 0, "P50Y"),
    ],
)
def test_demo_corpus_values(number, phrase, occurrence, expected):
    article = demo_article(number)
    found = timex_at(tag(article.text, article.published), article.text, phrase, occurrence)
    assert found is not None and found.value == expected


@pytest.mark.parametrize(("number", "phrase"), [("028", "a second phase"), ("030", "a century")])
def test_demo_corpus_words_that_are_not_time_expressions(number, phrase):
    article = demo_article(number)
    assert timex_at(tag(article.text, article.published), article.text, phrase) is None


def test_a_day_after_an_event_is_not_a_date_after_the_dct(samples: Path):
    (path,) = samples.glob("003_*.txt")
    (article,) = read_plaintext(path)
    found = timex_at(tag(article.text, article.published), article.text, "a day after talks")
    assert found is not None and found.type == "DURATION" and found.value == "P1D"


SATURDAY = dt.date(2014, 8, 30)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The summit will be held in Tokyo on Monday.", "2014-09-01"),
        ("The visit, which was due to begin on Monday, has been postponed.", "2014-09-01"),
        ("Talks are scheduled to resume on Monday.", "2014-09-01"),
        ("The summit was held in Tokyo on Monday.", "2014-08-25"),
        ("The minister met his counterpart on Monday.", "2014-08-25"),
        ("The exhibition runs until Monday.", "2014-09-01"),
        ("The talks lasted until Monday.", "2014-08-25"),
        ("The summit on Monday was followed by a dinner.", "2014-08-25"),
    ],
)
def test_the_verb_group_not_a_nearby_participle_sets_the_tense(text, expected):
    (found,) = tag(text, SATURDAY)
    assert found.value == expected


@pytest.mark.parametrize(
    ("text", "dct", "expected"),
    [
        # Thursday 3 February 2011: what was said on Wednesday, not when he will act.
        (
            "Yemeni President Ali Abdullah Saleh said after protests Wednesday that he will not seek re-election.",
            dt.date(2011, 2, 3),
            "2011-02-02",
        ),
        (
            "The government introduced a pair of new programs Tuesday that will provide $800 billion.",
            dt.date(2008, 11, 5),
            "2008-11-04",
        ),
        (
            "Federal regulators told The Associated Press Friday that they are going to examine the blowout preventer.",
            dt.date(2010, 5, 8),
            "2010-05-07",
        ),
        (
            "Also on Sunday, the government says it will provide a multibillion dollar plan.",
            dt.date(2008, 11, 5),
            "2008-11-02",
        ),
        # Before "that", the weekday's own clause still decides.
        ("Officials said that talks will resume on Friday.", dt.date(2010, 5, 8), "2010-05-14"),
        # "so that" is a purpose, not a clause of its own.
        (
            "The debate should go forward on Friday so that voters will hear the candidates.",
            dt.date(2008, 9, 25),
            "2008-09-26",
        ),
    ],
)
def test_a_that_clause_after_a_weekday_does_not_set_its_tense(text, dct, expected):
    (found,) = tag(text, dct)
    assert found.value == expected


@pytest.mark.parametrize(
    ("text", "dct", "expected"),
    [
        # A modal perfect looks back, however close "would" is to the month.
        ("Anadarko would have acted differently in the lead-up to the April blowout.", dt.date(2010, 6, 18), "2010-04"),
        (
            "The plan, announced three weeks before the April spill, would have authorized drilling.",
            dt.date(2010, 12, 1),
            "2010-04",
        ),
        (
            "Had the rebels marched into Tripoli in late February the situation would have been different.",
            dt.date(2011, 8, 21),
            "2011-02",
        ),
        # "between now and", "from now till" look ahead.
        ("Should he stay between now and September?", dt.date(2011, 2, 6), "2011-09"),
        ("From now till September is a good enough time.", dt.date(2011, 1, 31), "2011-09"),
        ("Just leave him till September.", dt.date(2011, 2, 3), "2011-09"),
        # "as soon as" looks ahead, and is itself no time expression.
        ("Military action could come as soon as Friday.", dt.date(2011, 3, 17), "2011-03-18"),
        ("McCain would be doing nothing between now and Friday but debate prep.", dt.date(2008, 9, 24), "2008-09-26"),
    ],
)
def test_modal_perfects_look_back_and_between_now_and_looks_ahead(text, dct, expected):
    assert tag(text, dct)[-1].value == expected


def test_a_capitalised_word_in_ed_is_a_name_not_a_past_tense():
    assert [
        t.value for t in tag("He is in Tokyo this week to meet the United States on Tuesday.", dt.date(2020, 10, 5))
    ] == ["2020-W41", "2020-10-06"]


def test_last_weekday_on_that_weekday_is_a_week_before():
    (found,) = tag("Orkem and Coates said last Wednesday that talks began.", dt.date(1989, 11, 1))
    assert found.value == "1989-10-25"


@pytest.mark.parametrize(
    ("text", "dct", "expected"),
    [
        ("Sales have grown since March.", dt.date(2012, 2, 2), "2011-03"),
        ("Prices have risen since March 3.", dt.date(2012, 2, 2), "2011-03-03"),
        ("He agreed to acquire the bank in January.", dt.date(1989, 11, 2), "1990-01"),
        (
            "The oil giant has sold assets since announcing in July its plan to divest $30bn.",
            dt.date(2010, 11, 29),
            "2010-07",
        ),
        ("Prices fell in September.", dt.date(1989, 11, 2), "1989-09"),
        ("The bomb went off in January nineteen ninety-seven.", dt.date(1998, 2, 27), "1997-01"),
    ],
)
def test_months_without_a_year(text, dct, expected):
    (found,) = tag(text, dct)
    assert found.value == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He was arrested on April 15, 2005. The next day he was released.", "2005-04-16"),
        ("He was arrested on April 15, 2005. Two days later he was released.", "2005-04-17"),
        ("He was arrested on April 15, 2005. That day, police searched his home.", "2005-04-15"),
        ("He was convicted in February 2010 and sentenced the following month.", "2010-03"),
        ("He was convicted in February 2010 and freed the following week.", "2010-02"),
        ("Sadat made him vice president in 1975. Six years later, Sadat died.", "1981"),
        ("Imports reached $1.5 billion in 1988, a record for that year.", "1988"),
        ("Shares rose 5% in April from the previous month.", "2009-03"),
    ],
)
def test_anaphora_count_from_the_date_last_mentioned(text, expected):
    assert tag(text, dt.date(2009, 5, 15))[-1].value == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The next day, officials met again.", "2009-05-16"),
        ("Output fell 8% from a year ago. Costs rose compared with a year earlier.", "2008"),
        ("He was born in 1950. Now the next day matters more.", "2009-05-16"),
        ("Prices fell in May 1990. Officials will act in the next day or two.", "2009-05-16"),
    ],
)
def test_without_an_anchor_anaphora_count_from_the_dct(text, expected):
    assert tag(text, dt.date(2009, 5, 15))[-1].value == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On Tuesday police arrived. That night, the building burned.", ("That night", "TIME", "1998-02-10TNI")),
        (
            "The rig exploded on April 20. There were 18 employees on shift that evening.",
            ("that evening", "TIME", "1997-04-20TEV"),
        ),
        ("He phoned in one last report that morning.", ("that morning", "TIME", "1998-02-13TMO")),
    ],
)
def test_that_night_is_the_night_of_the_day_last_mentioned(text, expected):
    assert [(t.text, t.type, t.value) for t in tag(text, dt.date(1998, 2, 13))][-1] == expected


@pytest.mark.parametrize("text", ["In July he left. That night he cried.", "We can't change that overnight."])
def test_that_night_after_a_longer_period_or_overnight_is_not_tagged(text):
    assert [t.text for t in tag(text, dt.date(1998, 2, 13)) if "night" in t.text] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "All conversion rights on the stock will terminate on Nov. 30. Until then, the stock remains convertible.",
            ("then", "DATE", "1989-11-30"),
        ),
        (
            "The virus emerged in Mexico in April and since then thousands of cases have been confirmed.",
            ("then", "DATE", "1989-04"),
        ),
        ("I came to Libya in 1985 and have done several other jobs since then, said Omar.", ("then", "DATE", "1985")),
        ("The moratorium is to last through November, but it could end before then.", ("then", "DATE", "1989-11")),
    ],
)
def test_then_after_a_preposition_is_the_time_last_named(text, expected):
    assert [(t.text, t.type, t.value) for t in tag(text, dt.date(1989, 10, 30))][-1] == expected


@pytest.mark.parametrize(
    "text",
    [
        "The company was sold in 1988 and then it was broken up.",
        "Since then, the company has struggled.",
        "The talks are due on Friday, the aide said. Officials met again. No one spoke. By then the deal was dead.",
        "Shares were bought at the then current market price.",
    ],
)
def test_then_without_a_dated_referent_just_before_is_not_a_time(text):
    assert [t.value for t in tag(text, dt.date(1989, 10, 30)) if t.text.lower() == "then"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Foreigners could leave as soon as the threats end.", []),
        ("Do it as soon as possible.", [("as soon as possible", "FUTURE_REF")]),
        ("The talks will end soon.", [("soon", "FUTURE_REF")]),
    ],
)
def test_as_soon_as_a_clause_is_a_conjunction_not_a_time(text, expected):
    assert [(t.text, t.value) for t in tag(text, dt.date(1990, 8, 15))] == expected


def test_a_year_later_in_an_earnings_passage_looks_ahead():
    found = tag("Profit rose to $5 million in the third quarter. A year later, profit fell.", dt.date(1989, 11, 1))
    assert found[-1].value == "1990"


@pytest.mark.parametrize("text", ["How about the day after the election?", "It came the same day Clinton spoke."])
def test_a_day_named_after_an_event_is_not_resolved(text):
    assert tag(text, dt.date(2009, 5, 15)) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("repayable over half a century", ("over half a century", "P50Y")),
        ("in half an hour", ("half an hour", "PT30M")),
        ("for two and a half years", ("two and a half years", "P2Y6M")),
        ("for a year and a half", ("a year and a half", "P1Y6M")),
        ("it took 5 1/2 hours", ("5 1/2 hours", "PT5H30M")),
        ("a day and a half", ("a day and a half", "P1DT12H")),
        ("for one and a half weeks", ("one and a half weeks", "P1.5W")),
    ],
)
def test_halves_are_written_as_whole_units_and_the_half_in_the_next_finer_unit(text, expected):
    (found,) = tag(text, dt.date(2015, 12, 14))
    assert (found.text, found.value) == expected


@pytest.mark.parametrize(
    "text",
    [
        "a second phase",
        "for a second time",
        "a second UN resolution",
        "Head scored a century in the first Test",
        "he made a half-century",
    ],
)
def test_ordinals_and_cricket_scores_are_not_durations(text):
    assert tag(text, dt.date(2022, 1, 17)) == []


FUTURE_CLAUSES = [
    "The summit will be held in Tokyo on {}.",
    "The visit was due to begin on {}.",
    "Talks are scheduled to resume on {}.",
    "The minister is expected to arrive on {}.",
    "She plans to travel on {}.",
    "The first phase runs until {}.",
]


@given(dct=NEWS_DATES, weekday=st.sampled_from(WEEKDAY_NAMES), clause=st.sampled_from(FUTURE_CLAUSES))
def test_a_weekday_with_a_future_cue_falls_in_the_coming_week(dct, weekday, clause):
    (found,) = tag(clause.format(weekday), dct)
    day, _ = value_to_date(found.value)
    assert 0 <= (day - dct).days <= 6 and day.strftime("%A") == weekday


@given(
    dct=NEWS_DATES,
    weekday=st.sampled_from(WEEKDAY_NAMES),
    clause=st.sampled_from(
        ["The summit was held in Tokyo on {}.", "Talks lasted until {}.", "The summit on {} was followed by a dinner."]
    ),
)
def test_a_weekday_in_a_past_clause_falls_in_the_past_week(dct, weekday, clause):
    (found,) = tag(clause.format(weekday), dct)
    day, _ = value_to_date(found.value)
    assert -6 <= (day - dct).days <= 0 and day.strftime("%A") == weekday


@given(
    dct=NEWS_DATES,
    weekday=st.sampled_from(WEEKDAY_NAMES),
    clause=st.sampled_from(
        [
            "The minister said {} that he will resign.",
            "The minister said after the talks {} that he will resign.",
            "On {}, the government says it will cut taxes.",
        ]
    ),
)
def test_a_weekday_before_a_reported_future_falls_in_the_past_week(dct, weekday, clause):
    (found,) = tag(clause.format(weekday), dct)
    day, _ = value_to_date(found.value)
    assert -6 <= (day - dct).days <= 0 and day.strftime("%A") == weekday


@given(dct=NEWS_DATES, weekday=st.sampled_from(WEEKDAY_NAMES))
def test_a_weekday_in_a_sentence_about_this_week_is_in_the_dcts_week(dct, weekday):
    found = tag(f"The minister is in Tokyo this week for talks on {weekday}.", dct)
    day, _ = value_to_date(found[-1].value)
    assert day.isocalendar()[:2] == dct.isocalendar()[:2] and day.strftime("%A") == weekday


@given(
    dct=NEWS_DATES,
    month=st.sampled_from(FULL_MONTHS),
    clause=st.sampled_from(["It happened in {}.", "He was invited to the summit in {}."]),
)
def test_a_month_without_a_year_is_at_most_two_months_ahead(dct, month, clause):
    (found,) = tag(clause.format(month.title()), dct)
    resolved, _ = value_to_date(found.value)
    months_ahead = (resolved.year - dct.year) * 12 + resolved.month - dct.month
    assert -9 <= months_ahead <= 2


@given(
    dct=NEWS_DATES,
    month=st.sampled_from(FULL_MONTHS),
    clause=st.sampled_from(["The vote will be held in {}.", "Payment is expected in {}."]),
)
def test_a_month_with_a_future_cue_is_the_coming_one_unless_just_gone(dct, month, clause):
    (found,) = tag(clause.format(month.title()), dct)
    resolved, _ = value_to_date(found.value)
    months_ahead = (resolved.year - dct.year) * 12 + resolved.month - dct.month
    assert (-2 <= months_ahead <= -1) if (dct.month - resolved.month) % 12 in (1, 2) else (0 <= months_ahead <= 9)


@pytest.mark.parametrize(
    ("text", "dct", "expected"),
    [
        (
            "The money will go toward a study of the effects of the April 20 oil rig explosion.",
            dt.date(2010, 5, 24),
            "2010-04-20",
        ),
        (
            "The lawsuit seeks to reverse the May 28 moratorium, which the companies say will force job cuts.",
            dt.date(2010, 6, 21),
            "2010-05-28",
        ),
        # More than two months gone, a future clause still means next year's.
        ("The trial will begin on March 3.", dt.date(2010, 6, 21), "2011-03-03"),
    ],
)
def test_a_recent_day_in_a_future_clause_stays_in_the_past(text, dct, expected):
    (found,) = tag(text, dct)
    assert found.value == expected


@pytest.mark.parametrize(
    ("text", "dct", "expected"),
    [
        ("Cameron, who took office in May, is due to discuss the crisis.", dt.date(2010, 6, 11), "2010-05"),
        (
            "The fall of Sirte, months after rebels overthrew Gaddafi in September, will lead to elections.",
            dt.date(2011, 10, 20),
            "2011-09",
        ),
        # Three months gone, a future clause still means next year's.
        ("The referendum will be held in July.", dt.date(2011, 10, 20), "2012-07"),
    ],
)
def test_a_month_at_most_two_months_gone_stays_the_recent_one(text, dct, expected):
    (found,) = [t for t in tag(text, dct) if t.value[:4].isdigit()]
    assert found.value == expected


@given(dct=NEWS_DATES, months_gone=st.integers(min_value=1, max_value=2))
def test_a_month_just_gone_is_the_recent_one_whatever_the_tense(dct, months_gone):
    year, month = divmod(dct.year * 12 + dct.month - 1 - months_gone, 12)
    name = dt.date(2000, month + 1, 1).strftime("%B")
    (found,) = tag(f"A study of the {name} spill will be published.", dct)
    assert found.value == f"{year:04d}-{month + 1:02d}"


@given(dct=NEWS_DATES, days_gone=st.integers(min_value=1, max_value=55))
def test_a_day_at_most_two_months_gone_is_the_recent_one_whatever_the_tense(dct, days_gone):
    day = dct - dt.timedelta(days=days_gone)
    assume(day.year == dct.year or day.month > dct.month)
    (found,) = tag(f"Officials will study the {day:%B} {day.day} explosion.", dct)
    assert found.value == day.isoformat()


@given(
    dct=NEWS_DATES,
    anchor=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 1)),
    days=st.integers(min_value=1, max_value=30),
)
def test_n_days_later_counts_from_the_date_last_mentioned(dct, anchor, days):
    text = f"It began on {anchor:%B} {anchor.day}, {anchor.year}. {days} days later it ended."
    assert tag(text, dct)[-1].value == (anchor + dt.timedelta(days=days)).isoformat()
