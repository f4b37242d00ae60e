"""Timelines and listings for the terminal (rich), for people rather than scripts."""

from __future__ import annotations

import io
from collections.abc import Sequence

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from dateline.model import ArticleSummary, Timeline
from dateline.render.markdown import date_label


def print_timeline(console: Console, timeline: Timeline, explain: bool = False) -> None:
    title = timeline.query or "all articles"
    console.print(f"[bold]Timeline: {escape(title)}[/bold]  [dim]({timeline.method}, "
                  f"{len(timeline.entries)} dates)[/dim]")
    if not timeline.entries:
        console.print("[yellow]No dated events found.[/yellow]")
    for entry in timeline.entries:
        detail = f"  [dim]{entry.granularity}[/dim]" if entry.granularity != "day" else ""
        console.print(f"\n[bold cyan]{date_label(entry)}[/bold cyan]{detail}")
        if explain:
            evidence = ", ".join(f"{key}={value:g}" for key, value in entry.explanation.items())
            console.print(f"  [dim]why: {escape(evidence)}[/dim]")
        for sentence in entry.sentences:
            score = f" score={sentence.score:.3f}" if explain else ""
            console.print(f"  • {escape(' '.join(sentence.text.split()))}")
            console.print(
                f"    [dim]{sentence.article_id}:{sentence.start}-{sentence.end}{score}[/dim]"
            )


def timeline_to_text(timeline: Timeline, explain: bool = False) -> str:
    """What ``print_timeline`` shows, as plain text: no colours, no wrapping."""
    text = io.StringIO()
    print_timeline(Console(file=text, color_system=None, soft_wrap=True, highlight=False), timeline, explain)
    return text.getvalue()


def print_articles(console: Console, articles: Sequence[ArticleSummary], total: int) -> None:
    table = Table(show_edge=False, pad_edge=False)
    for column in ("id", "date", "title", "chars"):
        table.add_column(column, justify="right" if column == "chars" else "left")
    for article in articles:
        table.add_row(article.id, article.published.isoformat(), escape(article.title or "—"),
                      str(article.chars))
    console.print(table)
    console.print(f"[dim]{len(articles)} shown of {total} matching[/dim]")
