"""``dateline timeline``: the timeline of a query, for the terminal or for scripts."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer
from rich.console import Console

from dateline.cli.options import CollectionOption, DbOption, FromOption, ToOption, check_collection
from dateline.errors import UsageError
from dateline.operations import DEFAULT_MAX_ARTICLES, DEFAULT_METHOD, cited_articles, make_timeline
from dateline.render.formats import FORMATS
from dateline.render.terminal import print_timeline, stdout_console
from dateline.shards import open_store
from dateline.timeline import method_names
from dateline.timeline.changes import parse_since
from dateline.timeline.granularity import GRANULARITY_CHOICES


def timeline_command(
    query: Annotated[str, typer.Argument(help='What the timeline is about, e.g. "India Japan".')],
    db: DbOption,
    dates: Annotated[int, typer.Option("--dates", help="At most this many dates.")] = 10,
    sentences: Annotated[int, typer.Option("--sentences", help="At most this many sentences per date.")] = 2,
    date_from: FromOption = None,
    date_to: ToOption = None,
    collection: CollectionOption = None,
    method: Annotated[
        str, typer.Option("--method", help="Timeline method (see --help of 'dateline methods').")
    ] = DEFAULT_METHOD,
    granularity: Annotated[
        str,
        typer.Option(
            "--granularity",
            help=f"One of: {', '.join(GRANULARITY_CHOICES)}. auto: days, and months or "
            "years only where the story spans enough of them; otherwise every entry has this granularity.",
        ),
    ] = "auto",
    output: Annotated[str, typer.Option("--format", help=f"One of: {', '.join(FORMATS.names())}.")] = "text",
    explain: Annotated[
        bool, typer.Option("--explain", help="Show why each date was picked and each sentence's score.")
    ] = False,
    max_articles: Annotated[
        int,
        typer.Option(
            "--max-articles",
            min=0,
            help="Build from at most this many articles, the query's best matches (0: all; slow on large stores).",
        ),
    ] = DEFAULT_MAX_ARTICLES,
    since: Annotated[
        dt.datetime | None,
        typer.Option(
            "--since",
            parser=_parse_since,
            metavar="DATE_OR_TIME",
            help="Mark the dates that are new, or whose sentences changed, since this ingest time: "
            "YYYY-MM-DD (from 00:00 UTC) or an ISO time with a zone, e.g. 2026-12-03T10:15:00Z.",
        ),
    ] = None,
) -> None:
    """Build the timeline of QUERY from the stored articles: the most important dates,
    each with its most central sentences and the article and span they come from."""
    if output not in FORMATS:
        raise UsageError(f"--format must be one of {', '.join(FORMATS.names())}, got {output!r}")
    with open_store(db, create=False) as store:
        check_collection(store, collection)
        result = make_timeline(
            store,
            query,
            dates,
            sentences,
            method,
            date_from,
            date_to,
            collection,
            granularity=granularity,
            max_articles=max_articles or None,
            since=since,
        )
        sources = cited_articles(store, result.timeline)
    errors = Console(stderr=True)
    if result.retrieval.strategy == "nothing":
        errors.print(f"[yellow]No stored article matches {query!r}.[/yellow]")
    elif result.retrieval.strategy == "any-word":
        errors.print("[dim]Few articles contain every query word; using those with any.[/dim]")
    if output == "text":  # in colour on a terminal
        print_timeline(stdout_console(), result.timeline, sources, explain)
    else:
        content = FORMATS.get(output).render(result.timeline, sources, explain)
        typer.echo(content, nl=not content.endswith("\n"))


def _parse_since(value: str) -> dt.datetime:
    """Typer parser: ``--since`` as an instant (``BadParameter`` saying what it expects)."""
    try:
        return parse_since(value)
    except UsageError as error:
        raise typer.BadParameter(str(error)) from None


def methods_command() -> None:
    """List the timeline methods."""
    for name in method_names():
        typer.echo(name + ("  (default)" if name == DEFAULT_METHOD else ""))


def register(app: typer.Typer) -> None:
    app.command("timeline")(timeline_command)
    app.command("methods")(methods_command)
