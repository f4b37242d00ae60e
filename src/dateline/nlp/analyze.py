"""The analysis of one article: sentences, then time mentions placed in their sentences."""

from __future__ import annotations

from bisect import bisect_right

from dateline.model import AnalyzedArticle, Article, TimeMention
from dateline.nlp.sentences import split_sentences
from dateline.temporal import tag, value_to_date


def analyze(article: Article) -> AnalyzedArticle:
    """Split ``article`` into sentences and resolve its time expressions against its
    publication date. Each mention belongs to the sentence its first character is in."""
    sentences = split_sentences(article.text, article.lines_are_sentences)
    starts = [span.start for span in sentences]
    mentions = []
    for timex in tag(article.text, article.published):
        sentence_index = max(bisect_right(starts, timex.start) - 1, 0)
        resolved = value_to_date(timex.value) if timex.type in ("DATE", "TIME") else None
        mentions.append(
            TimeMention(
                sentence_index=sentence_index,
                start=timex.start,
                end=timex.end,
                text=timex.text,
                type=timex.type,
                value=timex.value,
                date=resolved[0] if resolved else None,
                granularity=resolved[1] if resolved else None,
            )
        )
    return AnalyzedArticle(article, sentences, tuple(mentions))
