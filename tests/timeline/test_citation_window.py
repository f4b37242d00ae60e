"""The correction for recent dates: how much of a date's citing the corpus could have seen."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from hypothesis import given, strategies as st

from dateline.timeline import TimelineRequest, get_method
from dateline.timeline.citation_window import citation_opportunity
from dateline.timeline.corpus import Corpus, CorpusSentence, DateRef

START = dt.date(2011, 2, 1)


def cite(article: str, published: dt.date, date: dt.date | None) -> CorpusSentence:
    text = f"Officials in the capital spoke about what happened, report {article} said."
    refs = (DateRef(date, "day"),) if date else ()
    return CorpusSentence(text, article, 0, len(text), 3, published, refs, len(text.split()))


def corpus_of(sentences: list[CorpusSentence]) -> Corpus:
    return Corpus(tuple(sentences), len({s.article_id for s in sentences}))


def test_without_citations_every_date_has_its_whole_window() -> None:
    opportunity = citation_opportunity(corpus_of([cite("a", START, None)]))
    assert opportunity(START) == 1.0


def test_a_date_on_the_last_day_sees_only_the_citations_made_the_same_day() -> None:
    """Lags of 0, 1, 2 and 3 days: a date three days before the newest article could have
    collected all of them; one on the newest day only the same-day quarter."""
    sentences = [cite(f"a{lag}", START + dt.timedelta(days=lag), START) for lag in range(4)]
    opportunity = citation_opportunity(corpus_of(sentences))
    assert opportunity(START) == 1.0
    assert opportunity(START + dt.timedelta(days=3)) == 0.25
    assert opportunity(START + dt.timedelta(days=2)) == 0.5


def test_an_article_citing_a_date_twice_is_one_citation() -> None:
    twice = [cite("a", START + dt.timedelta(days=5), START), cite("a", START + dt.timedelta(days=5), START)]
    once_more = [cite("b", START, START)]
    opportunity = citation_opportunity(corpus_of(twice + once_more))
    assert opportunity(START + dt.timedelta(days=5)) == 0.5


@given(
    st.lists(st.tuples(st.integers(0, 200), st.integers(0, 60)), min_size=1, max_size=40),
    st.floats(0, 1),
    st.floats(0, 1),
)
def test_opportunity_is_a_share_and_shrinks_towards_the_newest_article(
    citations: list[tuple[int, int]], earlier: float, later: float
) -> None:
    """With every citation made on or after its date, a later date within the corpus's
    publication span can only have seen less."""
    sentences = [
        cite(f"a{index}", START + dt.timedelta(days=day + lag), START + dt.timedelta(days=day))
        for index, (day, lag) in enumerate(citations)
    ]
    opportunity = citation_opportunity(corpus_of(sentences))
    first = min(s.published for s in sentences)
    span = (max(s.published for s in sentences) - first).days
    one, other = sorted((earlier, later))
    early = opportunity(first + dt.timedelta(days=round(one * span)))
    late = opportunity(first + dt.timedelta(days=round(other * span)))
    assert 0.0 <= late <= early <= 1.0


def test_salience_lifts_a_recent_date_over_an_older_one_cited_on_more_days() -> None:
    """An old date cited on six days (the same day, then every week) against one three
    days before the newest article, cited on each day since: raw, the old date wins; with
    the correction, the recent one has had a fraction of the time and wins."""
    old = START
    recent = START + dt.timedelta(days=40)
    sentences = [cite(f"o{lag}", old + dt.timedelta(days=lag), old) for lag in (0, 7, 14, 21, 28, 35)]
    sentences += [cite(f"r{lag}", recent + dt.timedelta(days=lag), recent) for lag in (1, 2, 3)]
    corpus = corpus_of(sentences)
    request = TimelineRequest(query="", n_dates=1, n_sentences=1)
    salience = get_method("salience")
    [corrected] = salience.build(corpus, request).entries
    [raw] = replace(salience, min_opportunity=1.0).build(corpus, request).entries
    assert (corrected.date, raw.date) == (recent, old)
    assert corrected.explanation["citation_opportunity"] < 0.5
