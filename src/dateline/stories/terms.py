"""An article's terms and its sparse TF-IDF vector for story clustering.

Terms are the Porter stems of content words (the tokenizer, stop list and stemmer the
timeline methods use, ``dateline.timeline.textvectors``), from the headline and the
lead: the opening of a news article says what it is about, and reading only the lead
keeps the vectors of a million articles cheap. Weights are sublinear TF times the
inverse document frequency over the articles seen so far; the IDF therefore changes as
the store grows, but a vector is only used when its article is assigned, so stored
stories never need recomputing.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from dateline.text.porter import porter_stem
from dateline.text.rouge_data import stopwords
from dateline.timeline.textvectors import TOKEN_PATTERN

# Characters of an article's text read after its title: its lead paragraphs.
LEAD_CHARS = 3000
# The heaviest terms kept in an article's vector: the rest weigh little in a cosine and
# would only slow the comparison with every active story.
ARTICLE_TERMS = 60
_TOKEN = re.compile(TOKEN_PATTERN)


@dataclass(frozen=True)
class ArticleTerms:
    """The stems of an article's lead, counted, and a readable word for each stem (its
    first form in the article), for labels and queries."""

    counts: Mapping[str, int]
    words: Mapping[str, str]


def article_terms(title: str, text: str) -> ArticleTerms:
    """The content-word stems of ``title`` and the lead of ``text``."""
    stop = stopwords()
    words = Counter(
        word for word in _TOKEN.findall(f"{title}\n{text[:LEAD_CHARS]}".lower()) if len(word) > 2 and word not in stop
    )
    counts: Counter[str] = Counter()
    readable: dict[str, str] = {}
    for word, count in words.items():
        stem = porter_stem(word)
        counts[stem] += count
        readable.setdefault(stem, word)
    return ArticleTerms(counts, readable)


def inverse_document_frequencies(document_frequency: Mapping[str, int], documents: int) -> dict[str, float]:
    """IDF as in ``textvectors``: ln((1 + n) / (1 + df)) + 1, for each stem given."""
    return {stem: math.log((1 + documents) / (1 + frequency)) + 1 for stem, frequency in document_frequency.items()}


def weigh(terms: ArticleTerms, idf: Mapping[str, float]) -> dict[str, float]:
    """The L2-normalised sublinear TF-IDF vector of ``terms``, its ``ARTICLE_TERMS``
    heaviest terms only (``idf`` must hold every stem of ``terms``)."""
    weights = [(stem, (1 + math.log(count)) * idf[stem]) for stem, count in terms.counts.items()]
    kept = sorted(weights, key=lambda item: (-item[1], item[0]))[:ARTICLE_TERMS]
    norm = math.sqrt(sum(weight * weight for _, weight in kept)) or 1.0
    return {stem: weight / norm for stem, weight in kept}
