"""Sentence vectors for centrality and redundancy: TF-IDF, L2-normalised.

Shared by the methods so that "similar" means the same thing everywhere: cosine
similarity of sublinear TF-IDF vectors over the Porter stems of content words, so that
"kills", "killed" and "killing" are one term. The stop list is ROUGE's (the SMART list,
``dateline.text.rouge_data``), the one the evaluation ignores too, and the stemmer
is the one ROUGE-1.5.5 uses (``dateline.text.porter``); on Timeline17, stemming
raised salience's AR1-F.

Built here with SciPy rather than with scikit-learn's vectorizers: importing
scikit-learn cost most of the time a ``dateline timeline`` command spent, for two
dozen lines of arithmetic. The weights are scikit-learn's ``TfidfTransformer``
defaults with ``sublinear_tf``: tf = 1 + ln(count), idf = ln((1 + n) / (1 + df)) + 1.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
from scipy import sparse

from dateline.text.porter import porter_stem
from dateline.text.rouge_data import stopwords

TOKEN_PATTERN = r"(?u)\b[^\W\d_][\w'-]*\b"
_TOKEN = re.compile(TOKEN_PATTERN)


def tfidf_matrix(texts: Sequence[str]) -> sparse.csr_matrix:
    """Rows are L2-normalised sublinear TF-IDF vectors of ``texts`` (all-zero for empty
    ones), with one column per distinct stem of the content words of ``texts``
    (lower-cased), in order of first appearance."""
    if not texts:
        return sparse.csr_matrix((0, 0))
    stop = stopwords()
    vocabulary: dict[str, int] = {}
    term_ids: list[int] = []
    row_ends: list[int] = []
    for text in texts:
        term_ids.extend(
            vocabulary.setdefault(porter_stem(term), len(vocabulary))
            for term in _TOKEN.findall(text.lower())
            if term not in stop
        )
        row_ends.append(len(term_ids))
    rows = np.repeat(np.arange(len(texts)), np.diff(row_ends, prepend=0))
    counts = sparse.csr_matrix(
        (np.ones(len(term_ids)), (rows, np.array(term_ids, dtype=np.int64))),
        shape=(len(texts), max(len(vocabulary), 1)),
    )  # repeated (row, term) pairs are summed: term counts
    counts.sum_duplicates()
    document_frequency = np.bincount(counts.indices, minlength=counts.shape[1])
    idf = np.log((1 + len(texts)) / (1 + document_frequency)) + 1
    counts.data = (1 + np.log(counts.data)) * idf[counts.indices]
    norms = np.sqrt(np.asarray(counts.multiply(counts).sum(axis=1)).ravel())
    norms[norms == 0] = 1
    return sparse.csr_matrix(sparse.diags(1 / norms) @ counts)


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
    """Lower-cased words of a query, as the vectorizer tokenizes them."""
    return [term.lower() for term in _TOKEN.findall(query)]


def matched_terms(text: str, terms: Sequence[str], longer_names: re.Pattern[str] | None = None) -> int:
    """How many of the query's ``terms`` occur in ``text``: as substrings of its lower-cased
    form, so that a term also finds its inflections ("protest" in "protesters"). Where the
    name a query gives starts a longer name in ``text`` (``longer_names``), its words there
    do not count."""
    if longer_names is not None:
        text = longer_names.sub(" ", text)
    lowered = text.lower()
    return sum(term in lowered for term in terms)


# Capitalised words that follow a name without extending it ("said Prince William Tuesday").
_NOT_NAME_PARTS = (
    "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July"
    "|August|September|October|November|December|I"
)


def longer_names(query: str) -> re.Pattern[str] | None:
    """Where the name ``query`` gives, as its words are written in a text, starts a longer
    name ("Prince William Sound", where Exxon Valdez spilled its oil, for "Prince
    William"): the name followed by another capitalised word, not a weekday or a month,
    and not by two (a headline in title case: "Steve Jobs Resigns As Apple CEO"). A
    heuristic: a name followed by another name ("Steve Jobs Apple co-founder") is taken
    for a longer one.
    None unless ``query`` is two or more words, each capitalised (a name as a user writes
    one); a query of common words ("oil spill") is matched wherever it is."""
    words = query.split()
    if len(words) < 2 or not all(word[:1].isupper() for word in words):
        return None
    name = r"\s+".join(map(re.escape, words))
    # The name's first letter, then a look behind it for a word's start: a pattern that
    # starts with a letter lets the search skip to it (a leading \b would be tried at
    # every character of every candidate sentence).
    first = re.escape(words[0][0])
    return re.compile(
        rf"{first}(?<!\w{first}){name[len(first) :]}"
        rf"(?=\s+(?!(?:{_NOT_NAME_PARTS})\b)[A-Z][a-z]+\b(?![^\S\n]+[A-Z]))"
    )
