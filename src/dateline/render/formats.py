"""The output formats, registered by name: what ``dateline timeline --format`` and the
HTTP API's ``format`` offer, both from ``FORMATS.names()``.

Every format renders the same way, ``render(timeline, sources, explain)``: ``sources``
maps the ids of the cited articles to the articles (or their summaries), for the
formats that name them beside each sentence (the caller looks them up in the store);
``explain`` adds each date's evidence and each sentence's score where the format has room
for them. A plug-in package adds a format as an ``OutputFormat`` under the entry-point
group ``dateline.formats``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from dateline.model import Sources, Timeline
from dateline.registry import Registry
from dateline.render.csv_format import timeline_to_csv
from dateline.render.html_export import timeline_to_html
from dateline.render.json_format import dumps, timeline_to_dict
from dateline.render.markdown import timeline_to_markdown
from dateline.render.terminal import timeline_to_text
from dateline.render.timelinejs import timeline_to_timelinejs

Render = Callable[[Timeline, Sources, bool], str]


@dataclass(frozen=True)
class OutputFormat:
    """How a timeline is written in one format, and what a download of it is called."""

    render: Render
    media_type: str
    extension: str
    label: str


FORMATS: Registry[OutputFormat] = Registry("format", "dateline.formats")
FORMATS.register(
    "text",
    OutputFormat(
        lambda timeline, sources, explain: timeline_to_text(timeline, sources, explain),
        "text/plain; charset=utf-8",
        "txt",
        "Text",
    ),
)
FORMATS.register(
    "json",
    OutputFormat(
        lambda timeline, sources, explain: dumps(timeline_to_dict(timeline, explain)),
        "application/json",
        "json",
        "JSON",
    ),
)
FORMATS.register(
    "md",
    OutputFormat(
        lambda timeline, sources, explain: timeline_to_markdown(timeline, sources),
        "text/markdown; charset=utf-8",
        "md",
        "Markdown",
    ),
)
FORMATS.register(
    "csv",
    OutputFormat(lambda timeline, sources, explain: timeline_to_csv(timeline), "text/csv; charset=utf-8", "csv", "CSV"),
)
FORMATS.register(
    "timelinejs",
    OutputFormat(
        lambda timeline, sources, explain: dumps(timeline_to_timelinejs(timeline)),
        "application/json",
        "timelinejs.json",
        "TimelineJS",
    ),
)
FORMATS.register(
    "html",
    OutputFormat(
        lambda timeline, sources, explain: timeline_to_html(timeline, sources),
        "text/html; charset=utf-8",
        "html",
        "HTML",
    ),
)
