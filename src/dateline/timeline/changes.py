"""What is new in a timeline since a time: its entries marked against the same timeline
built from the articles stored by then.

An entry is *new* when the earlier timeline had no entry for its date at its granularity,
and *changed* when it had one with other sentences (compared by their spans, in any
order: the same sentences reordered say nothing new). Building the timeline twice, from
all articles and from those stored by the time, is the honest definition: a new article
can bring a date of its own, or more evidence for a date that then displaces another, or
better sentences for a date already there, and only the method knows which.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from dateline.errors import UsageError
from dateline.model import Change, Granularity, Timeline, TimelineEntry

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_since(raw: str) -> dt.datetime:
    """The time in ``raw``: ``YYYY-MM-DD`` (the start of that day in UTC) or an ISO 8601
    time with a zone (``2026-12-03T10:15:00Z``, ``...+01:00``). A time without a zone is
    refused: read in the server's zone or in UTC, it could be hours off."""
    text = raw.strip()
    try:
        if _DAY.fullmatch(text):
            return dt.datetime.combine(dt.date.fromisoformat(text), dt.time(), dt.UTC)
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise UsageError(
            f"since must be YYYY-MM-DD or an ISO time with a zone (e.g. 2026-12-03T10:15:00Z), got {raw!r}"
        ) from None
    if moment.tzinfo is None:
        raise UsageError(f"since {raw!r} has no time zone; add one, e.g. {text}Z for UTC")
    return moment


def mark_changes(current: Timeline, earlier: Timeline, since: dt.datetime) -> Timeline:
    """``current`` with each entry marked new or changed against ``earlier`` (the same
    request built from the articles stored by ``since``), and ``since`` set."""
    before = {(entry.date, entry.granularity): _spans(entry) for entry in earlier.entries}
    return dataclasses.replace(
        current,
        since=since,
        entries=tuple(dataclasses.replace(entry, change=_change(entry, before)) for entry in current.entries),
    )


def count_changes(timeline: Timeline) -> dict[Change, int]:
    """How many entries are new and how many changed."""
    return {kind: sum(entry.change == kind for entry in timeline.entries) for kind in ("new", "changed")}


def _change(
    entry: TimelineEntry, before: dict[tuple[dt.date, Granularity], frozenset[tuple[str, int, int]]]
) -> Change | None:
    key = (entry.date, entry.granularity)
    if key not in before:
        return "new"
    return "changed" if before[key] != _spans(entry) else None


def _spans(entry: TimelineEntry) -> frozenset[tuple[str, int, int]]:
    return frozenset((s.article_id, s.start, s.end) for s in entry.sentences)


def since_text(moment: dt.datetime) -> str:
    """``since`` as the outputs write it: ISO 8601 in UTC with a ``Z``."""
    return moment.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def changes_line(timeline: Timeline) -> str:
    """``2 new dates and 1 changed since 2026-12-03T10:00:00Z``: the summary the text and
    Markdown outputs print under the title ("" for a timeline not marked)."""
    if timeline.since is None:
        return ""
    counts = count_changes(timeline)
    new = f"{counts['new']} new date{'s' if counts['new'] != 1 else ''}"
    return f"{new} and {counts['changed']} changed since {since_text(timeline.since)}"
