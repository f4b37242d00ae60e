"""The analysis of one article: sentences, then time mentions placed in their sentences;
and of a batch of articles, in columns, with their duplicate keys."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from dateline.model import AnalyzedArticle, Article, BatchAnalysis, Span, TimeMention
from dateline.nlp.batch import MentionRow, from_rows
from dateline.nlp.sentences import sentence_bounds
from dateline.temporal import tag, value_to_date


def analyze(article: Article) -> AnalyzedArticle:
    """Split ``article`` into sentences and resolve its time expressions against its
    publication date. Each mention belongs to the sentence its first character is in."""
    bounds, mentions = analysis_rows(article)
    return AnalyzedArticle(
        article,
        tuple(Span(start, end) for start, end in bounds),
        tuple(TimeMention(*row) for row in mentions),
    )


def analysis_rows(article: Article) -> tuple[list[tuple[int, int]], list[MentionRow]]:
    """``analyze`` as plain tuples: the sentences' ``(start, end)`` and the mentions'
    fields. A batch stores these numbers and strings in columns
    (``dateline.nlp.batch``), so an ingest builds no object per sentence or mention."""
    bounds = sentence_bounds(article.text, article.lines_are_sentences)
    starts = [start for start, _ in bounds]
    mentions: list[MentionRow] = []
    for timex in tag(article.text, article.published):
        sentence_index = max(bisect_right(starts, timex.start) - 1, 0)
        resolved = value_to_date(timex.value) if timex.type in ("DATE", "TIME") else None
        mentions.append(
            (
                sentence_index,
                timex.start,
                timex.end,
                timex.text,
                timex.type,
                timex.value,
                resolved[0] if resolved else None,
                resolved[1] if resolved else None,
            )
        )
    return bounds, mentions


def analyze_articles(articles: Sequence[Article]) -> BatchAnalysis:
    """Analyse a batch and compute its duplicate keys (``dateline.nlp.batch``): the unit
    of work of an ingest worker."""
    return from_rows([analysis_rows(article) for article in articles], [a.text for a in articles])
