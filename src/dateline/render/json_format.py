"""The JSON shapes scripts rely on (documented in docs/formats.md; keep them stable).

Timeline: ``{"query", "method", "entries": [{"date": "YYYY-MM-DD", "granularity",
"sentences": [{"text", "article_id", "start", "end"}]}]}``, entries in date order. A
timeline marked with what is new since a time adds ``"since"`` (ISO, UTC) and
``"changes": {"new", "changed"}`` (counts), and ``"new"`` and ``"changed"`` to each entry.
Articles: ``{"articles": [{"id", "date", "title", "url", "chars"}], "total"}``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from dateline.model import ArticleSummary, Timeline
from dateline.stories import Story
from dateline.timeline.changes import count_changes, since_text


def timeline_to_dict(timeline: Timeline, explain: bool = False) -> dict[str, Any]:
    """The timeline as plain data; ``explain`` adds each entry's and sentence's scores."""
    entries = []
    for entry in timeline.entries:
        item: dict[str, Any] = {
            "date": entry.date.isoformat(),
            "granularity": entry.granularity,
            "sentences": [
                {"text": s.text, "article_id": s.article_id, "start": s.start, "end": s.end}
                | ({"score": round(s.score, 6)} if explain else {})
                for s in entry.sentences
            ],
        }
        if explain:
            item["score"] = round(entry.score, 6)
            item["evidence"] = {key: round(value, 6) for key, value in entry.explanation.items()}
        if timeline.since is not None:
            item |= {"new": entry.change == "new", "changed": entry.change == "changed"}
        entries.append(item)
    marked = {} if timeline.since is None else {"since": since_text(timeline.since), "changes": count_changes(timeline)}
    return {"query": timeline.query, "method": timeline.method, **marked, "entries": entries}


def articles_to_dict(articles: Sequence[ArticleSummary], total: int) -> dict[str, Any]:
    return {
        "articles": [
            {
                "id": a.id,
                "date": a.published.isoformat(),
                "title": a.title,
                "url": a.url,
                "chars": a.chars,
            }
            for a in articles
        ],
        "total": total,
    }


def stories_to_dict(stories: Sequence[Story]) -> dict[str, Any]:
    """``{"stories": [{"id", "label", "headline", "first", "last", "articles", "sources",
    "key_terms", "article_ids", "query"}]}`` (``dateline stories``, ``GET /api/stories``)."""
    return {
        "stories": [
            {
                "id": story.id,
                "label": story.label,
                "headline": story.headline,
                "first": story.first.isoformat(),
                "last": story.last.isoformat(),
                "articles": story.articles,
                "sources": story.sources,
                "key_terms": story.key_terms,
                "article_ids": story.article_ids,
                "query": story.query,
            }
            for story in stories
        ]
    }


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
