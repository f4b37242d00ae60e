"""A timeline as a file to download, in any registered format (``dateline.render.formats``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from dateline.model import Timeline
from dateline.operations import cited_articles
from dateline.render.formats import FORMATS
from dateline.shards import AnyStore


@dataclass(frozen=True)
class ExportFile:
    content: str
    media_type: str
    filename: str


def export_timeline(timeline: Timeline, format_name: str, store: AnyStore) -> ExportFile:
    """``timeline`` as a downloadable file in the format called ``format_name``; the
    articles it cites are looked up in ``store`` for the formats that name them."""
    output = FORMATS.get(format_name)
    content = output.render(timeline, cited_articles(store, timeline), False)
    return ExportFile(content, output.media_type, f"{file_stem(timeline.query)}.{output.extension}")


def file_stem(query: str) -> str:
    """``timeline-india-japan``: a safe file name from the query."""
    slug = re.sub(r"[^a-z0-9]+", "-", query.lower()).strip("-")[:60].strip("-")
    return f"timeline-{slug}" if slug else "timeline"
