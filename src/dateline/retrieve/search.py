"""Finding the articles a query is about.

A query is a few words ("India Japan strategic dialogue"). Articles containing all of
them are the best evidence; when fewer than ``MIN_STRICT_MATCHES`` do and more contain
some of them, articles containing any of them are used instead (ranked by BM25, so the
closest come first).
With no words, or when nothing matches inside a named collection (a collection is
already a topic, e.g. a Timeline17 folder whose keyword "bpoil" appears in no article),
the whole date range is used. ``Retrieval.strategy`` says which rule applied, so the
user is told rather than surprised.

What is found are stories: a near-duplicate copy (a wire story republished elsewhere)
is left out when its original is found too, so a limit of 1,000 articles is not filled
with copies of a few stories.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import partial
from typing import Literal

from dateline.shards import AnyStore

MIN_STRICT_MATCHES = 3
_WORD = re.compile(r"\w+")

Strategy = Literal["all-words", "any-word", "everything", "nothing"]


@dataclass(frozen=True)
class Retrieval:
    """The row ids of the articles found, best first, and the rule that found them."""

    rowids: list[int]
    strategy: Strategy


def query_words(query: str) -> list[str]:
    """The words of a query, lower-cased, in order, without repeats."""
    return list(dict.fromkeys(word.lower() for word in _WORD.findall(query)))


def fts_expression(words: list[str], operator: Literal["AND", "OR"]) -> str:
    """An FTS5 MATCH expression with every word quoted (so none is read as syntax)."""
    return f" {operator} ".join('"' + word.replace('"', '""') + '"' for word in words)


def find_articles(
    store: AnyStore,
    query: str,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    collection: str | None = None,
    limit: int | None = None,
) -> Retrieval:
    """The articles ``query`` is about, within the filters; see the module docstring."""
    words = query_words(query)
    match = partial(
        store.match_articles,
        date_from=date_from,
        date_to=date_to,
        collection=collection,
        limit=limit,
        stories_only=True,
    )
    if not words:
        return Retrieval(match(None), "everything")
    strict = match(fts_expression(words, "AND"))
    if len(strict) >= MIN_STRICT_MATCHES:
        return Retrieval(strict, "all-words")
    loose = match(fts_expression(words, "OR"))
    if strict and len(loose) == len(strict):
        return Retrieval(strict, "all-words")
    if loose:
        return Retrieval(loose, "any-word")
    if collection is not None:
        return Retrieval(match(None), "everything")
    return Retrieval([], "nothing")
