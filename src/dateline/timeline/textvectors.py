"""Sentence vectors for centrality and redundancy: TF-IDF, L2-normalised.

Shared by the methods so that "similar" means the same thing everywhere: cosine
similarity of sublinear TF-IDF vectors over content words (English stop words removed).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

TOKEN_PATTERN = r"(?u)\b[^\W\d_][\w'-]*\b"


def tfidf_matrix(texts: Sequence[str]) -> sparse.csr_matrix:
    """Rows are L2-normalised TF-IDF vectors of ``texts`` (all-zero for empty ones)."""
    if not texts:
        return sparse.csr_matrix((0, 0))
    vectorizer = TfidfVectorizer(
        lowercase=True, stop_words="english", sublinear_tf=True, token_pattern=TOKEN_PATTERN
    )
    try:
        return vectorizer.fit_transform(texts).tocsr()
    except ValueError:
        return sparse.csr_matrix((len(texts), 1))


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
