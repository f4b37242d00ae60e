"""Sentence vectors for centrality and redundancy: TF-IDF, L2-normalised.

Shared by the methods so that "similar" means the same thing everywhere: cosine
similarity of sublinear TF-IDF vectors over content words (English stop words removed).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer

TOKEN_PATTERN = r"(?u)\b[^\W\d_][\w'-]*\b"
_HASHED_TERMS = HashingVectorizer(
    lowercase=True, stop_words="english", token_pattern=TOKEN_PATTERN,
    n_features=1 << 22, alternate_sign=False, norm=None,
)


def tfidf_matrix(texts: Sequence[str]) -> sparse.csr_matrix:
    """Rows are L2-normalised sublinear TF-IDF vectors of ``texts`` (all-zero for empty
    ones), with one column per distinct term of ``texts``.

    Terms are hashed (2^22 buckets: collisions are negligible for a few thousand
    sentences) rather than collected into a sorted vocabulary, which was most of the
    cost of building a timeline; the hashed columns are then renumbered densely so
    downstream vectors stay as short as the vocabulary.
    """
    if not texts:
        return sparse.csr_matrix((0, 0))
    counts = _HASHED_TERMS.transform(texts).tocsr()
    columns, renumbered = np.unique(counts.indices, return_inverse=True)
    compact = sparse.csr_matrix(
        (counts.data, renumbered.ravel(), counts.indptr), shape=(len(texts), max(len(columns), 1))
    )
    return TfidfTransformer(sublinear_tf=True).fit_transform(compact).tocsr()


def centroid_similarity(matrix: sparse.csr_matrix) -> np.ndarray:
    """Cosine similarity of each row to the centroid of all rows."""
    if matrix.shape[0] == 0:
        return np.zeros(0)
    centroid = np.asarray(matrix.sum(axis=0)).ravel()
    norm = np.linalg.norm(centroid)
    if norm == 0:
        return np.zeros(matrix.shape[0])
    return np.asarray(matrix @ (centroid / norm)).ravel()


def query_terms(query: str) -> list[str]:
    """Lower-cased words of a query, as the vectorizer would tokenize them."""
    return [term.lower() for term in re.findall(TOKEN_PATTERN, query)]
