"""TF-IDF vectors: the weights, checked against numbers worked out by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest

from dateline.timeline.textvectors import centroid_similarity, longer_names, matched_terms, tfidf_matrix


def test_sublinear_tf_smooth_idf_and_unit_rows_match_a_hand_computation() -> None:
    # "the" and "on" are ROUGE stop words; content words: rig(2), oil(1), exploded(1) / oil(1).
    matrix = tfidf_matrix(["The rig, the RIG exploded on oil", "oil", ""])
    idf_once, idf_twice = math.log(4 / 2) + 1, math.log(4 / 3) + 1  # n = 3 texts
    rig, exploded, oil = (1 + math.log(2)) * idf_once, idf_once, idf_twice
    norm = math.sqrt(rig**2 + exploded**2 + oil**2)
    assert matrix.shape == (3, 3)  # columns: rig, exploded, oil (first appearance)
    np.testing.assert_allclose(
        matrix.toarray(), [[rig / norm, exploded / norm, oil / norm], [0, 0, 1], [0, 0, 0]], rtol=1e-12
    )


def test_centroid_similarity_ranks_the_typical_sentence_first() -> None:
    texts = ["Rebels took the port", "Rebels took the airport and the port", "Stocks fell sharply"]
    similarity = centroid_similarity(tfidf_matrix(texts))
    assert similarity.argmax() == 1 and similarity.argmin() == 2


def test_no_text_gives_an_empty_matrix() -> None:
    assert tfidf_matrix([]).shape == (0, 0) and centroid_similarity(tfidf_matrix([])).size == 0


def test_inflections_of_a_word_share_one_column() -> None:
    matrix = tfidf_matrix(["Gunmen killed two", "the gunman kills", "killing"])
    # stems ("two" and "the" are stop words): gunmen, kill / gunman, kill / kill
    assert matrix.shape == (3, 3)
    assert matrix[2].nnz == 1 and matrix[0, 1] > 0 and matrix[1, 1] > 0


@pytest.mark.parametrize(
    ("text", "matched"),
    [
        ("Oil reached Prince William Sound in 1989.", 0),
        ("Prince William Tuesday visited the families.", 2),
        ("Prince William and Kate Middleton.", 2),
        ("Prince William's office said.", 2),
        ("Prince Harry and William.", 2),  # not the name: each word counts, as for any query
        ("Prince William Visits Flood-Hit Towns", 2),  # a headline in title case
    ],
)
def test_the_words_of_a_name_that_starts_a_longer_name_do_not_count(text: str, matched: int) -> None:
    assert matched_terms(text, ["prince", "william"], longer_names("Prince William")) == matched


def test_only_a_query_of_capitalised_words_names_a_name() -> None:
    assert longer_names("oil spill") is None and longer_names("Syria") is None and longer_names("BP oil spill") is None
    assert longer_names("Steve Jobs") is not None
