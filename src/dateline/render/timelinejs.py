"""A timeline in Knight Lab TimelineJS's JSON format, so it opens there unchanged.

Shape (TimelineJS3 "JSON format"): ``{"title": {"text": {"headline", "text"}},
"events": [{"start_date": {"year", "month"?, "day"?}, "display_date", "text":
{"headline", "text"}, "group", "unique_id"}]}``. A month entry carries no ``day`` and a
year entry neither ``month`` nor ``day``, which is how TimelineJS expresses precision;
``group`` is the granularity, so days, months and years get their own rows in the
navigator. Date parts are strings, as in TimelineJS's own examples.

TimelineJS inserts ``headline`` and ``text`` as HTML, so every piece of article text is
HTML-escaped here: a ``<script>`` in a news article stays text.
"""

from __future__ import annotations

from html import escape
from typing import Any

from dateline.model import Timeline, TimelineEntry
from dateline.render.markdown import date_label

HEADLINE_CHARS = 100


def timeline_to_timelinejs(timeline: Timeline) -> dict[str, Any]:
    subject = timeline.query or "all articles"
    return {
        "title": {
            "text": {
                "headline": escape(f"Timeline: {subject}"),
                "text": escape(f"{len(timeline.entries)} dates, built by dateline ({timeline.method})."),
            }
        },
        "events": [_event(entry) for entry in timeline.entries],
    }


def _event(entry: TimelineEntry) -> dict[str, Any]:
    start: dict[str, str] = {"year": str(entry.date.year)}
    if entry.granularity in ("month", "day"):
        start["month"] = str(entry.date.month)
    if entry.granularity == "day":
        start["day"] = str(entry.date.day)
    paragraphs = "".join(
        f"<p>{escape(' '.join(s.text.split()))} <small>[{escape(s.article_id)}:{s.start}-{s.end}]</small></p>"
        for s in entry.sentences
    )
    first = entry.sentences[0].text if entry.sentences else date_label(entry)
    return {
        "start_date": start,
        "display_date": date_label(entry),
        "text": {"headline": escape(_shorten(first)), "text": paragraphs},
        "group": entry.granularity,
        "unique_id": f"{date_label(entry)}-{entry.granularity}",
    }


def _shorten(text: str) -> str:
    """The text on one line, cut at a word boundary to at most ``HEADLINE_CHARS``."""
    flat = " ".join(text.split())
    if len(flat) <= HEADLINE_CHARS:
        return flat
    cut = flat[: HEADLINE_CHARS - 1].rsplit(" ", 1)[0]
    return cut + "…"
