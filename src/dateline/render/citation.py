"""How every format names the source of a timeline sentence: the cited article's title,
date and URL, and the span of its text the sentence is, so a reader of any export can
find the article and a program can find the characters."""

from __future__ import annotations

from urllib.parse import urlsplit

from dateline.model import Article, ArticleSummary, SourcedSentence


def span_label(sentence: SourcedSentence) -> str:
    """``article-id:start-end``: the characters of the article the sentence is."""
    return f"{sentence.article_id}:{sentence.start}-{sentence.end}"


def source_name(article: Article | ArticleSummary) -> str:
    """``Title (2024-03-01)``, "untitled" for an article without a title."""
    return f"{' '.join(article.title.split()) or 'untitled'} ({article.published.isoformat()})"


def safe_url(url: str) -> str:
    """``url`` if it is an absolute http(s) URL, else "" (no ``javascript:`` links)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return ""
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else ""
