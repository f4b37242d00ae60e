"""A timeline as Markdown: one heading per date, one bullet per sentence with its source
(the article's title linked to its URL, its date, and the span the sentence is). A
timeline marked with what is new says so under the title and beside each new or changed
date (``## 2024-01-02 (new)``)."""

from __future__ import annotations

from dateline.model import Article, ArticleSummary, SourcedSentence, Sources, Timeline, TimelineEntry
from dateline.render.citation import safe_url, source_name, span_label
from dateline.timeline.changes import changes_line


def date_label(entry: TimelineEntry) -> str:
    """``2023-07-27``, ``2020-09`` or ``2020``, as precise as the entry's granularity."""
    if entry.granularity == "year":
        return f"{entry.date.year:04d}"
    if entry.granularity == "month":
        return entry.date.strftime("%Y-%m")
    return entry.date.isoformat()


def timeline_to_markdown(timeline: Timeline, sources: Sources) -> str:
    """The Markdown document; ``sources`` maps article ids to the articles cited (or their
    summaries), to name each sentence's source (a missing one shows the span alone)."""
    lines = [f"# Timeline: {timeline.query or '(all articles)'}", ""]
    if timeline.since is not None:
        lines += [f"_{changes_line(timeline)}._", ""]
    if not timeline.entries:
        lines.append("_No dated events found._")
    for entry in timeline.entries:
        mark = f" ({entry.change})" if entry.change else ""
        lines += [f"## {date_label(entry)}{mark}", ""]
        lines += [f"- {_escape(s.text)} — {_source(s, sources.get(s.article_id))}" for s in entry.sentences]
        lines.append("")
    lines.append(f"_Method: {timeline.method}._")
    return "\n".join(lines) + "\n"


def _source(sentence: SourcedSentence, article: Article | ArticleSummary | None) -> str:
    """``[Title (2024-03-01)](<https://...>) · `id:start-end```: the title links to the
    article's URL where it has an http(s) one."""
    span = f"`{span_label(sentence)}`"
    if article is None:
        return span
    name = _escape(source_name(article))
    # What could end or break the <...> link target: angle brackets and white space.
    url = "%20".join(safe_url(article.url).replace("<", "%3C").replace(">", "%3E").split())
    return f"[{name}](<{url}>) · {span}" if url else f"{name} · {span}"


def _escape(text: str) -> str:
    """Keep Markdown/HTML syntax in article text from being interpreted."""
    for char in "\\`*_[]<>#":
        text = text.replace(char, "\\" + char)
    return " ".join(text.split())
