"""Timelines and listings for the terminal (rich), for people rather than scripts."""

from __future__ import annotations

import io
from collections.abc import Sequence

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from dateline.model import ArticleSummary, Sources, Timeline
from dateline.render.citation import safe_url, source_name, span_label
from dateline.render.markdown import date_label
from dateline.timeline.changes import changes_line

# Columns of a console that is not a terminal: tables take their columns' natural widths.
UNWRAPPED_WIDTH = 1_000_000


def stdout_console() -> Console:
    """Standard output, wrapped to the width of the terminal only when it is one: piped
    or redirected, each line (a sentence, a source, a table row) stays whole, for ``grep``
    and files, where rich would wrap at 80 columns."""
    console = Console()
    if not console.is_terminal:
        console.soft_wrap = True
        console.width = UNWRAPPED_WIDTH
    return console


def print_timeline(console: Console, timeline: Timeline, sources: Sources, explain: bool = False) -> None:
    """The timeline, each sentence followed by its source: the article's title, date and
    URL (from ``sources``, by article id) and the span the sentence is; a date new or
    changed since the timeline's ``since`` says ``NEW`` or ``CHANGED`` beside it."""
    title = timeline.query or "all articles"
    console.print(
        f"[bold]Timeline: {escape(title)}[/bold]  [dim]({timeline.method}, {len(timeline.entries)} dates)[/dim]"
    )
    if timeline.since is not None:
        console.print(f"[dim]{changes_line(timeline)}[/dim]")
    if not timeline.entries:
        console.print("[yellow]No dated events found.[/yellow]")
    for entry in timeline.entries:
        detail = f"  [dim]{entry.granularity}[/dim]" if entry.granularity != "day" else ""
        mark = f"  [bold yellow]{entry.change.upper()}[/bold yellow]" if entry.change else ""
        console.print(f"\n[bold cyan]{date_label(entry)}[/bold cyan]{detail}{mark}")
        if explain:
            evidence = ", ".join(f"{key}={value:g}" for key, value in entry.explanation.items())
            console.print(f"  [dim]why: {escape(evidence)}[/dim]")
        for sentence in entry.sentences:
            article = sources.get(sentence.article_id)
            named = [source_name(article), safe_url(article.url)] if article else []
            cite = " · ".join(part for part in [*named, span_label(sentence)] if part)
            score = f" score={sentence.score:.3f}" if explain else ""
            console.print(f"  • {escape(' '.join(sentence.text.split()))}")
            console.print(f"    [dim]{escape(cite)}{score}[/dim]")


def timeline_to_text(timeline: Timeline, sources: Sources, explain: bool = False) -> str:
    """What ``print_timeline`` shows, as plain text: no colours, no wrapping."""
    text = io.StringIO()
    print_timeline(Console(file=text, color_system=None, soft_wrap=True, highlight=False), timeline, sources, explain)
    return text.getvalue()


def print_articles(console: Console, articles: Sequence[ArticleSummary], total: int) -> None:
    table = Table(show_edge=False, pad_edge=False)
    for column in ("id", "date", "title", "chars"):
        table.add_column(column, justify="right" if column == "chars" else "left")
    for article in articles:
        table.add_row(article.id, article.published.isoformat(), escape(article.title or "—"), str(article.chars))
    console.print(table)
    console.print(f"[dim]{len(articles)} shown of {total} matching[/dim]")
