"""Query → relevant articles (BM25 over the FTS5 index), with date and collection filters."""

from dateline.retrieve.search import Retrieval, find_articles

__all__ = ["Retrieval", "find_articles"]
