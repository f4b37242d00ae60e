"""A timeline as Markdown: one heading per date, one bullet per sentence with its source."""

from __future__ import annotations

from dateline.model import Timeline, TimelineEntry


def date_label(entry: TimelineEntry) -> str:
    """``2023-07-27``, ``2020-09`` or ``2020``, as precise as the entry's granularity."""
    if entry.granularity == "year":
        return f"{entry.date.year:04d}"
    if entry.granularity == "month":
        return entry.date.strftime("%Y-%m")
    return entry.date.isoformat()


def timeline_to_markdown(timeline: Timeline) -> str:
    lines = [f"# Timeline: {timeline.query or '(all articles)'}", ""]
    if not timeline.entries:
        lines.append("_No dated events found._")
    for entry in timeline.entries:
        lines += [f"## {date_label(entry)}", ""]
        lines += [
            f"- {_escape(s.text)} ([{s.article_id}:{s.start}-{s.end}])" for s in entry.sentences
        ]
        lines.append("")
    lines.append(f"_Method: {timeline.method}._")
    return "\n".join(lines) + "\n"


def _escape(text: str) -> str:
    """Keep Markdown/HTML syntax in article text from being interpreted."""
    for char in "\\`*_[]<>#":
        text = text.replace(char, "\\" + char)
    return " ".join(text.split())
