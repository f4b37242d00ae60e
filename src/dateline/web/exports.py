"""The export formats offered for download, each rendered by ``dateline.render``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from dateline.model import Timeline
from dateline.render.csv_format import timeline_to_csv
from dateline.render.html_export import timeline_to_html
from dateline.render.json_format import dumps, timeline_to_dict
from dateline.render.markdown import timeline_to_markdown
from dateline.render.timelinejs import timeline_to_timelinejs
from dateline.store import Store


class ExportFormat(str, Enum):
    JSON = "json"
    MD = "md"
    CSV = "csv"
    TIMELINEJS = "timelinejs"
    HTML = "html"


@dataclass(frozen=True)
class ExportFile:
    content: str
    media_type: str
    filename: str


_MEDIA_TYPES = {
    ExportFormat.JSON: ("application/json", "json"),
    ExportFormat.MD: ("text/markdown; charset=utf-8", "md"),
    ExportFormat.CSV: ("text/csv; charset=utf-8", "csv"),
    ExportFormat.TIMELINEJS: ("application/json", "timelinejs.json"),
    ExportFormat.HTML: ("text/html; charset=utf-8", "html"),
}


def export_timeline(timeline: Timeline, export_format: ExportFormat, store: Store) -> ExportFile:
    """``timeline`` as a downloadable file; the HTML export looks up the cited articles
    in ``store`` to show their titles, dates and links."""
    if export_format is ExportFormat.JSON:
        content = dumps(timeline_to_dict(timeline))
    elif export_format is ExportFormat.MD:
        content = timeline_to_markdown(timeline)
    elif export_format is ExportFormat.CSV:
        content = timeline_to_csv(timeline)
    elif export_format is ExportFormat.TIMELINEJS:
        content = dumps(timeline_to_timelinejs(timeline))
    else:
        cited = {s.article_id for entry in timeline.entries for s in entry.sentences}
        sources = {article.id: article for article in map(store.get_article, sorted(cited)) if article}
        content = timeline_to_html(timeline, sources)
    media_type, extension = _MEDIA_TYPES[export_format]
    return ExportFile(content, media_type, f"{file_stem(timeline.query)}.{extension}")


def file_stem(query: str) -> str:
    """``timeline-india-japan``: a safe file name from the query."""
    slug = re.sub(r"[^a-z0-9]+", "-", query.lower()).strip("-")[:60].strip("-")
    return f"timeline-{slug}" if slug else "timeline"
