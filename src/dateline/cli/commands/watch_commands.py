"""``dateline watch``: keep the store current with folders and feed files as they change."""

from __future__ import annotations

import datetime as dt
import signal
import time
from pathlib import Path
from types import FrameType
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from dateline.cli.options import DbOption
from dateline.ingest.inputs import check_inputs
from dateline.ingest.job import IngestReport, OnError, ingest
from dateline.ingest.watch import FileWatch
from dateline.shards import AnyStore, open_store
from dateline.stories import update_stories


def watch_command(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Folders or files to watch (feeds that are saved again, export folders). URLs are not fetched.",
            show_default=False,
            metavar="PATH",
        ),
    ],
    db: DbOption,
    interval: Annotated[float, typer.Option("--interval", min=0.1, help="Seconds between looks at the paths.")] = 10.0,
    collection: Annotated[
        str, typer.Option("--collection", help="Label the articles added with a collection name.")
    ] = "",
    workers: Annotated[int, typer.Option("--workers", min=1, max=64, help="Processes analysing articles.")] = 1,
) -> None:
    """Ingest what is new under PATH... every --interval seconds until stopped (Ctrl-C or
    SIGTERM), in the same atomic batches as 'dateline ingest', printing one line per
    batch; bad input is reported and the watch goes on. A file is read once it has stopped
    changing (two looks in a row; the second comes half an interval after the first), so a
    dropped file is searchable within one and a half intervals.
    New articles are assigned to stories (see 'dateline stories') after each look."""
    check_inputs(paths)
    errors = Console(stderr=True)
    watch = FileWatch([Path(path) for path in paths])
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        with open_store(db) as store:
            typer.echo(
                f"{_now()}  watching {', '.join(paths)} every {interval:g} s "
                f"({store.count_articles()} articles in {db}); Ctrl-C stops"
            )
            while True:
                _look(store, watch, collection, workers, errors)
                time.sleep(interval / 2 if watch.settling else interval)
    except KeyboardInterrupt:
        typer.echo(f"{_now()}  stopped")
    finally:
        signal.signal(signal.SIGTERM, previous)


def _look(store: AnyStore, watch: FileWatch, collection: str, workers: int, errors: Console) -> None:
    """Ingest the files ready now, one line per batch, then assign the new articles to stories."""
    files, problems = watch.poll()
    for problem in problems:
        _skipped(errors, problem)
    if not files:
        return
    report = IngestReport()
    done = {"added": 0, "already": 0, "problems": 0}

    def batch_done(report: IngestReport) -> None:
        for problem in report.problems[done["problems"] :]:
            _skipped(errors, problem)
        typer.echo(
            f"{_now()}  batch: {report.added - done['added']} added, "
            f"{report.already_stored - done['already']} already stored "
            f"({report.files_read} of {len(files)} files read)"
        )
        done.update(added=report.added, already=report.already_stored, problems=len(report.problems))

    ingest(store, files, OnError.SKIP, collection, workers=workers, on_progress=batch_done, report=report)
    for problem in report.problems[done["problems"] :]:
        _skipped(errors, problem)
    if report.added:
        typer.echo(
            f"{_now()}  stories: {update_stories(store)} articles assigned; the store holds "
            f"{store.count_articles()} articles"
        )


def _skipped(errors: Console, problem: object) -> None:
    errors.print(
        f"{_now()}  [yellow]skipped[/yellow] {escape(str(problem))}", markup=True, highlight=False, soft_wrap=True
    )


def _interrupt(signum: int, frame: FrameType | None) -> None:
    """SIGTERM stops the watch as Ctrl-C does: the batch in flight is rolled back whole."""
    raise KeyboardInterrupt


def _now() -> str:
    return dt.datetime.now().strftime("%H:%M:%S")


def register(app: typer.Typer) -> None:
    app.command("watch")(watch_command)
