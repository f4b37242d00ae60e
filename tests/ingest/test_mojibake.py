"""Repairing UTF-8 read as Windows-1252 in the Entities corpus, on its own sentences
(read from the shared data; skipped without it)."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus_lines import corpus_line

from dateline.ingest import read_articles
from dateline.ingest.mojibake import has_mojibake_signs, repair_mojibake
from dateline.ingest.ptb_text import restore_text

ARNOLD = "entities/Arnold_Schwarzenegger/InputDocs"


@pytest.mark.parametrize(
    "relative, needle, following, repaired",
    [
        # the apostrophe's sequence split by the tokenizer, its clitic split off too
        (
            f"{ARNOLD}/2014-03-25/528.txt",
            "Schwarzeneggerâ€ ™ s public",
            0,
            "at odds with Schwarzenegger’s public image",
        ),
        # "é" split in the middle of a word, and the word cut after it
        (f"{ARNOLD}/2013-02-19/510.txt", "Les MisÃ © rables", 0, "Les Misérables"),
        # the pound sign
        (f"{ARNOLD}/2010-11-18/446.txt", "( Â£16bn )", 0, "( £16bn )"),
        # a dash whose last character the sentence splitter put on the next line
        (f"{ARNOLD}/2012-10-04/497.txt", "Total Recall â€", 1, "Total Recall –"),
        # soft hyphens, invisible once decoded, dropped
        ("entities/Lance_Armstrong/InputDocs/2009-01-17/331.txt", "anti - Â­doping", 0, "US anti - doping scientist"),
    ],
)
def test_split_mojibake_is_repaired(
    shared_data: Path, relative: str, needle: str, following: int, repaired: str
) -> None:
    line = corpus_line(shared_data, relative, needle, following)
    assert repaired in repair_mojibake(line)
    assert not has_mojibake_signs(repair_mojibake(line))


@pytest.mark.parametrize(
    "text",
    [
        "Pelé scored in São Paulo; the fare was £3 – or “about that”.",
        "Plain ASCII news, with 'quotes' and a dash - like this.",
        "ÃLVARO URIBE in capitals keeps his Ã, and 1€ is a euro",
    ],
)
def test_text_without_complete_mojibake_is_left_alone(text: str) -> None:
    assert repair_mojibake(text) == text


def test_repaired_curly_quotes_and_clitics_join_their_words(shared_data: Path) -> None:
    relative = "entities/Marco_Rubio/InputDocs/2015-09-28/97.txt"
    line = corpus_line(shared_data, relative, "strengthened Putinâ€ ™ s hands")
    assert restore_text(repair_mojibake(line)) == "He’s, in fact, strengthened Putin’s hands,” Rubio said."


def test_a_name_followed_by_a_word_keeps_its_space() -> None:
    # entities/Dilma_Rousseff: "JosÃ © Serra"; "BeyoncÃ © to" in a Chris_Brown page
    assert repair_mojibake("JosÃ © Serra and BeyoncÃ © to") == "José Serra and Beyoncé to"


def test_the_tilse_reader_stores_repaired_restored_text(shared_data: Path) -> None:
    path = shared_data / f"{ARNOLD}/2014-03-25/528.txt"
    corpus_line(shared_data, f"{ARNOLD}/2014-03-25/528.txt", "Schwarzeneggerâ€ ™ s public")
    [article] = read_articles([path])
    assert "with Schwarzenegger’s public image" in article.text
    assert "this year’s $1 million TED prize" in article.text
    assert not has_mojibake_signs(article.text)
