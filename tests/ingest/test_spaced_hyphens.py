"""Joining the hyphens a tokenizer spaced ("day - to - day") without joining dashes
("his role - a minor one") or ranges ("1993 - 1996"): real sentences from the shared data
(skipped without it) and properties of the rule."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus_lines import corpus_line
from hypothesis import given, settings, strategies as st

from dateline.ingest import read_articles
from dateline.ingest.ptb_text import SPACED_COMPOUND, hyphens_are_spaced, join_spaced_hyphens, restore_text

ARNOLD = "entities/Arnold_Schwarzenegger/InputDocs"


@pytest.mark.parametrize(
    "relative, needle, restored",
    [
        # a spaced-hyphen page: compounds joined, the dash before "a" kept
        (
            f"{ARNOLD}/2004-09-02/194.txt",
            "supporting role - a pro - choice",
            "his new supporting role - a pro-choice, gun control liberal in a deeply conservative setting - then",
        ),
        (f"{ARNOLD}/2008-10-16/354.txt", "day - to - day operations", "will take control of day-to-day operations"),
        # a participle compound (here what shows that the page spaced its hyphens)
        (
            "entities/Morgan_Tsvangirai/InputDocs/2008-06-28/223.txt",
            "state - sponsored terror",
            "amid a climate of state-sponsored terror",
        ),
        # a page whose own hyphens prove nothing (no compound a dash cannot be): its
        # folder's pages, which space every hyphen, do
        (
            f"{ARNOLD}/1999-03-09/0.txt",
            "real - life political carnage",
            "yesterday caused real-life political carnage",
        ),
        # a range stays spaced
        (
            "entities/Hu_Jintao/InputDocs/2007-10-15/125.txt",
            "1993 - 1996",
            "inflationary catastrophes of 1988 - 89 and 1993 - 1996",
        ),
    ],
)
def test_entities_pages_get_their_hyphens_back(shared_data: Path, relative: str, needle: str, restored: str) -> None:
    corpus_line(shared_data, relative, needle)
    [article] = read_articles([shared_data / relative])
    assert restored in article.text


@pytest.mark.parametrize(
    "relative, needle, restored",
    [
        # Timeline17 writes hyphens unspaced: its " - " is a dash, even between two words
        ("t17/MJ_bbc/InputDocs/2011-05-02/512.htm.txt", "The pun - ancient", "The pun - ancient"),
        # ... but a compound it did space is joined
        ("t17/EgyptianProtest_cnn/InputDocs/2011-01-31/45.htm.txt", "non - essential", "non-essential"),
    ],
)
def test_timeline17_dashes_stay_and_its_spaced_compounds_join(
    shared_data: Path, relative: str, needle: str, restored: str
) -> None:
    line = corpus_line(shared_data, relative, needle)
    text = (shared_data / relative).read_text(encoding="utf-8")
    assert not hyphens_are_spaced(text)
    assert restored in restore_text(line)


@pytest.mark.parametrize(
    "text, joined",
    [
        ("a five - year - old girl - and more", "a five-year-old girl - and more"),
        (
            "the anti - French mood and a bit posh - Prince William",
            "the anti-French mood and a bit posh - Prince William",
        ),
        ("a 20 - year-old student at the 2-1/2 - year high", "a 20-year-old student at the 2-1/2-year high"),
    ],
)
def test_compounds_join_wherever_they_are(text: str, joined: str) -> None:
    assert join_spaced_hyphens(text) == joined


WORDS = st.sampled_from(
    [
        "day",
        "to",
        "the",
        "anti",
        "war",
        "a",
        "Kahn",
        "1990",
        "95",
        "five",
        "year",
        "-",
        "--",
        "U.S.",
        "re",
        "elected",
        "who",
        ",",
        "'s",
        "mid",
        "June",
        "and",
    ]
)
TEXTS = st.lists(WORDS, max_size=30).map(" ".join)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(TEXTS)
def test_joining_is_idempotent(text: str) -> None:
    once = join_spaced_hyphens(text)
    assert join_spaced_hyphens(once) == once


@settings(max_examples=300, deadline=None, derandomize=True)
@given(TEXTS)
def test_joining_only_removes_the_spaces_around_hyphens(text: str) -> None:
    joined = join_spaced_hyphens(text)
    assert joined.replace(" ", "") == text.replace(" ", "")
    assert joined.count(" - ") <= text.count(" - ")
    assert SPACED_COMPOUND.search(joined) is None


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text(alphabet=st.sampled_from("ab1 -.,\n"), max_size=40).filter(lambda text: " - " not in text))
def test_text_without_spaced_hyphens_is_unchanged(text: str) -> None:
    assert join_spaced_hyphens(text) == text


def test_a_corpus_that_spaces_every_hyphen_joins_a_page_that_cannot_tell() -> None:
    text = "The run - off is on Sunday.\nHis role - a minor one - was brief."
    assert not hyphens_are_spaced(text) and join_spaced_hyphens(text) == text
    assert (
        join_spaced_hyphens(text, hyphens_spaced=True)
        == "The run-off is on Sunday.\nHis role - a minor one - was brief."
    )
    assert restore_text(text, hyphens_spaced=True) == join_spaced_hyphens(text, hyphens_spaced=True)
