"""TF-IDF vectors: the weights, checked against numbers worked out by hand."""

from __future__ import annotations

import math

import numpy as np

from dateline.timeline.textvectors import centroid_similarity, tfidf_matrix


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
