"""The Porter stemmer is ROUGE-1.5.5's, not one of nltk's."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.text.porter import porter_stem

STEMS = Path(__file__).parent / "golden" / "porter_stems.tsv"


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("fundamental", "fundam"),  # CYL's step 4: -al, then -ent (nltk: "fundament")
        ("agreement", "agreem"),  # -ement and -ment need m > 1 of the stem, -ent then fires
        ("adjustment", "adjust"),
        ("yelling", "yell"),  # an initial y is a consonant
        ("relational", "relat"),
        ("hopping", "hop"),
        ("hoping", "hope"),
        ("caresses", "caress"),
        ("ponies", "poni"),
        ("generalizations", "gener"),
        ("on", "on"),  # under three characters: unchanged
    ],
)
def test_stems_as_rouge_1_5_5(word: str, stem: str) -> None:
    assert porter_stem(word) == stem


def test_agrees_with_the_perl_stemmer_on_4533_words() -> None:
    """Every T17 word where one of nltk's three Porter modes differs from ROUGE-1.5.5.pl,
    1,500 other T17 words and 1,500 made-up suffix-heavy strings, stemmed by the Perl
    script's own ``stem`` (the whole T17 vocabulary, 68,915 words, agreed too)."""
    rows = [line.split("\t") for line in STEMS.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    wrong = [(word, stem, porter_stem(word)) for word, stem in rows if porter_stem(word) != stem]
    assert len(rows) == 4533
    assert wrong == []
