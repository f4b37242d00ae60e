"""``build_corpus``: which sentences a method sees, and the dates they refer to."""

from __future__ import annotations

import datetime as dt

import pytest

from dateline.model import Article
from dateline.nlp.analyze import analyze
from dateline.timeline.corpus import build_corpus

PUBLISHED = dt.date(2011, 3, 18)
STORY = "The Security Council voted on Thursday to impose a no-fly zone over Libya."


def article(article_id: str, text: str = STORY, duplicate_of: str | None = None) -> Article:
    return Article(article_id, PUBLISHED, text, duplicate_of=duplicate_of)


@pytest.mark.parametrize("order", [("wire", "copy"), ("copy", "wire")])
def test_a_near_duplicate_and_its_original_count_once_whichever_comes_first(order: tuple[str, ...]) -> None:
    articles = {
        "wire": article("wire"),
        "copy": article("copy", "By staff | " + STORY, duplicate_of="wire"),
        "other": article("other", "Rebels held Benghazi on Friday."),
    }
    corpus = build_corpus(analyze(articles[name]) for name in (*order, "other"))
    assert corpus.article_count == 2
    assert sorted({s.article_id for s in corpus.sentences}) == sorted([order[0], "other"])
    [vote] = [s for s in corpus.sentences if "no-fly" in s.text]
    assert [ref.date for ref in vote.refs] == [dt.date(2011, 3, 17)]


def test_copies_of_one_original_that_is_not_in_the_corpus_still_count_once() -> None:
    copies = [article(f"copy{i}", f"Outlet {i} | " + STORY, duplicate_of="absent") for i in range(3)]
    corpus = build_corpus(analyze(copy) for copy in copies)
    assert corpus.article_count == 1 and {s.article_id for s in corpus.sentences} == {"copy0"}


def test_a_date_opening_a_comment_timestamp_is_not_a_reference() -> None:
    text = "March 17, 2011 at 5:23 pm | I cannot believe this.\nThe vote came on Thursday."
    corpus = build_corpus([analyze(article("page", text))])
    dated = {s.text.split()[0]: [ref.date for ref in s.refs] for s in corpus.sentences}
    assert dated["March"] == [] and dated["The"] == [dt.date(2011, 3, 17)]


@pytest.mark.parametrize(
    "comment",
    [
        "I cannot believe this. Posted by: reader1 | March 16, 2011 5:18 PM | Report abuse",
        "At 6:20 pm on 16 Mar 2011, reader1 wrote: I cannot believe this.",
        "Posted by reader1 on March 16, 2011 06:26 PM.",
    ],
)
def test_a_dated_timestamp_inside_a_sentence_is_not_a_reference(comment: str) -> None:
    corpus = build_corpus([analyze(article("page", f"The vote came on Thursday.\n{comment}"))])
    refs = {s.text.split()[0]: [ref.date for ref in s.refs] for s in corpus.sentences}
    assert refs["The"] == [dt.date(2011, 3, 17)]
    assert all(dates == [] for first, dates in refs.items() if first != "The")


def test_a_date_followed_by_a_clock_time_without_a_year_inside_a_sentence_still_counts() -> None:
    corpus = build_corpus([analyze(article("page", "Talks resume on Thursday 10:30 in Geneva."))])
    assert [ref.date for s in corpus.sentences for ref in s.refs] == [dt.date(2011, 3, 17)]


def test_a_headline_run_into_the_first_sentence_is_left_out_with_its_date() -> None:
    """The sentence starts at its body; the headline's "Sunday 17 January" is no reference
    and the body's "on Saturday" is; later sentences are untouched."""
    text = (
        "Haiti earthquake: Your stories Sunday 17 January The delivery of aid to victims of Haiti's earthquake "
        "was still slowed by bottlenecks on Saturday, aid workers said. The airport is the centre of the effort."
    )
    corpus = build_corpus([analyze(Article("bbc", dt.date(2010, 1, 17), text))])
    first, second = corpus.sentences
    assert first.text.startswith("The delivery of aid") and text[first.start : first.end] == first.text
    assert [ref.date for ref in first.refs] == [dt.date(2010, 1, 16)]
    assert second.text == "The airport is the centre of the effort."
