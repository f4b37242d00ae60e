"""``dateline ingest``, ``dateline articles`` and ``dateline collections``: putting
articles in, seeing what is there."""

from __future__ import annotations

import os
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from dateline.cli.options import CollectionOption, DbOption, FromOption, ToOption, check_collection
from dateline.errors import UsageError
from dateline.ingest.dates import DateOrder
from dateline.ingest.decode import DEFAULT_MAX_CHARS
from dateline.ingest.inputs import check_inputs
from dateline.ingest.job import DEFAULT_BATCH_SIZE, IngestReport, OnError, ingest
from dateline.ingest.readers import READERS
from dateline.operations import list_articles
from dateline.render.json_format import articles_to_dict, dumps
from dateline.render.terminal import print_articles, stdout_console
from dateline.shards import open_store

PARTIAL_EXIT_CODE = 3
INTERRUPTED_EXIT_CODE = 130  # what a shell reports for a command stopped by Ctrl-C
NO_COLLECTION = "(none)"  # how a listing names the articles ingested without --collection


def ingest_command(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Files or folders of articles; - reads standard input (JSON Lines, or --format). "
            "URLs are not fetched: save the page, feed or crawl and give the file.",
            show_default=False,
            metavar="PATH",
        ),
    ],
    db: DbOption,
    on_error: Annotated[
        OnError,
        typer.Option(
            "--on-error",
            help="skip: report bad input and store the rest (exit 3). fail: stop at the first problem (exit 1).",
        ),
    ] = OnError.SKIP,
    collection: Annotated[
        str,
        typer.Option(
            "--collection",
            help="Label these articles with a collection name "
            "(Timeline17 folders are labelled with their topic folder).",
        ),
    ] = "",
    workers: Annotated[
        int, typer.Option("--workers", help="Processes analysing articles (0: one per CPU).", min=0, max=64)
    ] = 0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    dask: Annotated[
        str | None,
        typer.Option(
            "--dask",
            metavar="local|tcp://HOST:PORT",
            help="Read and analyse on a Dask cluster: 'local' starts one on this machine "
            "(--workers processes, 0: one per CPU); otherwise a scheduler address. The workers "
            "read the files when they see them at the same paths (and, for a relative path, work in this folder); "
            "else they are read here.",
            show_default=False,
        ),
    ] = None,
    batch_size: Annotated[
        int,
        typer.Option(
            "--batch-size",
            help="Articles analysed and stored together (one transaction; one Dask task). With "
            "worker processes it counts files, and a file of records under 4 MiB is stored whole.",
            min=1,
            max=100_000,
        ),
    ] = DEFAULT_BATCH_SIZE,
    max_chars: Annotated[
        int,
        typer.Option(
            "--max-chars",
            help="The longest article text accepted, in characters; a longer one is skipped and reported.",
            min=1,
        ),
    ] = DEFAULT_MAX_CHARS,
    date_order: Annotated[
        DateOrder | None,
        typer.Option(
            "--date-order",
            help="How to read numeric dates such as 02/12/2026 (day "
            "first: dmy, month first: mdy); without it they are refused as ambiguous.",
            show_default=False,
        ),
    ] = None,
    stdin_format: Annotated[
        str,
        typer.Option(
            "--format", help="The format of standard input (PATH -): jsonl, json, csv, text, html, feed or warc."
        ),
    ] = "jsonl",
    shards: Annotated[
        int | None,
        typer.Option(
            "--shards",
            help="Create --db as a folder of this many shards, articles routed by publication month "
            "(docs/sharding.md).",
            min=1,
            show_default=False,
        ),
    ] = None,
) -> None:
    """Read articles (plain text ' date YYYY-MM-DD ...', JSONL/JSON/CSV, HTML pages, RSS/Atom
    feeds, WARC web archives, or the Timeline17 InputDocs layout; see docs/input-formats.md),
    analyse them and add them to the store. Re-ingesting is safe: articles already stored are
    recognised by their content and skipped. Files that are not read are listed (exit 3)."""
    errors = Console(stderr=True)
    if stdin_format not in READERS:
        raise UsageError(f"--format must be one of {', '.join(READERS.names())}, got {stdin_format!r}")
    check_inputs(paths)
    chosen_workers = workers or min(os.cpu_count() or 1, 8)
    report = IngestReport()
    try:
        with open_store(db, shards=shards) as store, _ingest_progress(quiet) as progress:
            task = progress.add_task("ingesting", total=None)

            def show(report: IngestReport) -> None:
                progress.update(
                    task,
                    total=report.files_found or None,
                    completed=report.files_read,
                    description=f"ingesting ({report.added} new)",
                )

            if dask is None:
                ingest(
                    store,
                    paths,
                    on_error,
                    collection,
                    batch_size,
                    chosen_workers,
                    show,
                    max_chars=max_chars,
                    date_order=date_order,
                    stdin_format=stdin_format,
                    report=report,
                )
            else:
                from dateline.distributed import ingest_on_dask  # Dask takes a second to import

                ingest_on_dask(
                    store,
                    paths,
                    dask,
                    on_error,
                    collection,
                    batch_size,
                    show,
                    workers or None,
                    max_chars=max_chars,
                    date_order=date_order,
                    stdin_format=stdin_format,
                    report=report,
                )
            total = store.count_articles()
    except KeyboardInterrupt:
        _print_skipped(errors, report)
        errors.print(
            f"interrupted: {report.added} articles stored; run the same command again to finish",
            highlight=False,
            soft_wrap=True,
        )
        raise typer.Exit(INTERRUPTED_EXIT_CODE) from None
    _print_skipped(errors, report)
    for note in report.notes:
        errors.print(f"Note: {escape(note)}", highlight=False, soft_wrap=True)
    typer.echo(
        f"{report.added} articles added, {report.already_stored} already stored, "
        f"{len(report.problems)} inputs skipped; the store now holds {total} articles ({db})."
    )
    if report.problems:
        raise typer.Exit(PARTIAL_EXIT_CODE)


def _print_skipped(errors: Console, report: IngestReport) -> None:
    for problem in report.problems:
        errors.print(f"[yellow]skipped[/yellow] {escape(str(problem))}", markup=True, highlight=False, soft_wrap=True)


def _ingest_progress(quiet: bool) -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("files"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        disable=quiet,
        transient=True,
    )


def articles_command(
    db: DbOption,
    query: Annotated[str, typer.Option("--query", help="Words that must all appear (full-text).")] = "",
    limit: Annotated[int, typer.Option("--limit", help="How many to list.", min=0)] = 20,
    date_from: FromOption = None,
    date_to: ToOption = None,
    collection: CollectionOption = None,
    output: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
) -> None:
    """List or search the stored articles. JSON: {"articles": [{"id", "date", "title",
    "url", "chars"}], "total"}, where total counts all matches, not only those listed."""
    if output not in ("text", "json"):
        raise UsageError(f"--format must be text or json, got {output!r}")
    with open_store(db, create=False) as store:
        check_collection(store, collection)
        articles, total = list_articles(store, query, limit, date_from, date_to, collection)
    if output == "json":
        typer.echo(dumps(articles_to_dict(articles, total)))
    else:
        print_articles(stdout_console(), articles, total)


def collections_command(
    db: DbOption,
    output: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
) -> None:
    """List the collections (the names given with 'dateline ingest --collection', and
    Timeline17 topics) with their article counts and the first and last publication
    dates; articles ingested without a collection are counted as "(none)". JSON:
    {"collections": [{"name", "articles", "first", "last"}], "total"}, where the name of
    no collection is ""."""
    if output not in ("text", "json"):
        raise UsageError(f"--format must be text or json, got {output!r}")
    with open_store(db, create=False) as store:
        collections = store.collections()
    total = sum(collection.articles for collection in collections)
    if output == "json":
        typer.echo(
            dumps(
                {
                    "collections": [
                        {
                            "name": c.name,
                            "articles": c.articles,
                            "first": c.first.isoformat(),
                            "last": c.last.isoformat(),
                        }
                        for c in collections
                    ],
                    "total": total,
                }
            )
        )
        return
    rows = [(c.name or NO_COLLECTION, str(c.articles), c.first.isoformat(), c.last.isoformat()) for c in collections]
    width = max([len("collection"), *(len(row[0]) for row in rows)])
    digits = max([len("articles"), *(len(row[1]) for row in rows)])
    for name, count, first, last in [("collection", "articles", "first", "last"), *rows]:
        typer.echo(f"{name:<{width}}  {count:>{digits}}  {first:<10}  {last}")
    typer.echo(f"{len(collections)} collections, {total} articles")


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest_command)
    app.command("articles")(articles_command)
    app.command("collections")(collections_command)
