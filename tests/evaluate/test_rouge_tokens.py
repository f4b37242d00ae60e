"""What ROUGE-1.5.5, as tilse calls it, counts in a sentence."""

from __future__ import annotations

from dateline.evaluate.rouge_tokens import sentence_tokens, summary_tokens
from dateline.text.rouge_data import stem_exceptions, stopwords


def test_lower_cases_removes_stopwords_and_stems() -> None:
    assert sentence_tokens("The Rebels SEIZED the airport .") == ("rebel", "seiz", "airport")


def test_words_of_three_letters_or_less_are_not_stemmed() -> None:
    assert sentence_tokens("cats ran dogs") == ("cat", "ran", "dog")


def test_irregular_forms_become_wordnet_base_forms() -> None:
    assert sentence_tokens("children geese mice") == ("child", "goose", "mouse")


def test_everything_but_ascii_letters_and_digits_separates_words() -> None:
    assert sentence_tokens("well-organized 1.45 % $5 café -LRB- x -RRB-") == (
        "organ",
        "1",
        "45",
        "5",
        "caf",
        "lrb",
        "rrb",
    )


def test_a_sentence_ends_at_its_first_angle_bracket() -> None:
    """ROUGE reads SEE-format HTML with the pattern ``>([^<]+)``."""
    assert sentence_tokens("protesters gathered <b>outside</b> the embassy") == ("protest", "gather")
    assert sentence_tokens("<b>nothing</b> counts") == ()


def test_a_caret_is_written_as_circ() -> None:
    """pyrouge escapes ``^`` as ``&circ;`` and ROUGE keeps the letters."""
    assert sentence_tokens("pi ^ 2") == ("pi", "circ", "2")


def test_summary_tokens_run_across_sentences() -> None:
    assert summary_tokens(["Storms hit.", "Floods receded."]) == ("storm", "hit", "flood", "reced")


def test_word_lists_are_rouge_1_5_5s() -> None:
    assert len(stopwords()) == 596 and {"reuters", "ap", "jan", "s", "would"} <= stopwords()
    assert len(stem_exceptions()) == 5930
    assert stem_exceptions()["better"] == "well"  # adv.exc is read after adj.exc
