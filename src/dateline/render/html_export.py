"""A timeline as one self-contained HTML file: styles inline, no scripts, no fetches.

The file is meant to be mailed or archived and opened years later, so it depends on
nothing outside itself. Every piece of article text (sentences, titles, URLs, the query)
is HTML-escaped, links are kept only for ``http``/``https`` URLs, and a
Content-Security-Policy forbids scripts altogether, so hostile article text cannot run
in the reader's browser.
"""

from __future__ import annotations

from html import escape

from dateline.model import Article, ArticleSummary, SourcedSentence, Sources, Timeline, TimelineEntry
from dateline.render.citation import safe_url, source_name, span_label
from dateline.render.markdown import date_label
from dateline.timeline.changes import changes_line

POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"

STYLE = """
body { font: 16px/1.5 system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #1d232a; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
.meta { color: #5b6670; margin-top: 0; }
ol.timeline { list-style: none; padding: 0; border-left: 3px solid #c9d3dc; }
ol.timeline > li { position: relative; padding: 0 0 1.2rem 1.4rem; }
ol.timeline > li::before { content: ""; position: absolute; left: -.55rem; top: .35rem; width: .8rem;
  height: .8rem; border-radius: 50%; background: #1f6feb; }
h2 { font-size: 1.1rem; margin: 0; }
.granularity { font-size: .8rem; color: #5b6670; font-weight: normal; margin-left: .4rem; }
ul.sentences { padding-left: 1.1rem; margin: .3rem 0 0; }
.source { display: block; font-size: .85rem; color: #5b6670; }
.change { font-size: .75rem; font-weight: bold; color: #fff; background: #1a7f37; border-radius: .3rem;
  padding: 0 .35rem; margin-left: .4rem; }
"""


def timeline_to_html(timeline: Timeline, sources: Sources) -> str:
    """The HTML document; ``sources`` maps article ids to the articles cited (or their
    summaries), so each sentence can name its article's title, date and URL (missing
    ones show the id)."""
    subject = timeline.query or "all articles"
    entries = (
        "\n".join(
            f'<li><h2>{escape(date_label(entry))}<span class="granularity">{escape(entry.granularity)}</span>'
            f"{_change(entry)}</h2>"
            f'<ul class="sentences">{_sentences(entry, sources)}</ul></li>'
            for entry in timeline.entries
        )
        or "<li><p>No dated events found.</p></li>"
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(f'Timeline: {subject}')}</title>\n<style>{STYLE}</style></head>\n"
        f"<body><h1>{escape(f'Timeline: {subject}')}</h1>\n"
        f'<p class="meta">{len(timeline.entries)} dates · method {escape(timeline.method)} · made with dateline'
        f"{escape(_changes(timeline))}</p>\n"
        f'<ol class="timeline">\n{entries}\n</ol></body></html>\n'
    )


def _changes(timeline: Timeline) -> str:
    """`` · 2 new dates and 1 changed since ...`` for a timeline marked with ``--since``."""
    line = changes_line(timeline)
    return f" · {line}" if line else ""


def _change(entry: TimelineEntry) -> str:
    """The badge of an entry new or changed since the timeline's ``since``."""
    return f'<span class="change">{escape(entry.change.upper())}</span>' if entry.change else ""


def _sentences(entry: TimelineEntry, sources: Sources) -> str:
    """The list items of ``entry``'s sentences, each naming its article."""
    return "".join(_sentence(s, sources.get(s.article_id)) for s in entry.sentences)


def _sentence(sentence: SourcedSentence, article: Article | ArticleSummary | None) -> str:
    span = span_label(sentence)
    if article is None:
        cite = escape(span)
    else:
        label = escape(source_name(article))
        url = safe_url(article.url)
        cite = f'<a href="{escape(url)}" rel="noopener noreferrer">{label}</a>' if url else label
        cite += f" · {escape(span)}"
    return f'<li>{escape(" ".join(sentence.text.split()))}<span class="source">{cite}</span></li>'
