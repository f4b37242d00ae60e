"""``dateline eval``: the standard Timeline17 protocol over a dataset folder, or with
``--open`` the open protocol over several datasets in one store."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

from dateline.errors import UsageError
from dateline.operations import DEFAULT_METHOD

if TYPE_CHECKING:
    from dateline.evaluate.open_protocol import OpenTaskResult
    from dateline.evaluate.protocol import TaskResult

TABLE_COLUMNS = ("ar1_f", "ar2_f", "date_f1", "concat_r1_f", "concat_r2_f", "agree_r1_f", "agree_r2_f")
COLUMN_TITLES = ("AR1-F", "AR2-F", "Date-F1", "concat R1-F", "concat R2-F", "agree R1-F", "agree R2-F")
TABLE_WIDTH = 150


def eval_command(
    datasets: Annotated[
        list[Path],
        typer.Argument(
            help="A Timeline17-layout folder "
            "(<Topic_source>/InputDocs, timelines/, keywords.json); "
            "with --open, one or more.",
            exists=True,
            file_okay=False,
        ),
    ],
    method: Annotated[str, typer.Option("--method", help="Timeline method to evaluate.")] = DEFAULT_METHOD,
    out: Annotated[
        Path, typer.Option("--out", help="Where predicted timelines and the cached dataset store go.", file_okay=False)
    ] = Path("eval-out"),
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object instead of tables.")] = False,
    open_queries: Annotated[
        Path | None,
        typer.Option(
            "--open",
            help="Run the open protocol with the queries of this JSON file "
            '({"<dataset>/<topic>": "query"}): every dataset in one store (OUT/open.db), each task '
            "asked as 'dateline timeline QUERY --from --to' with its L and k.",
            exists=True,
            dir_okay=False,
        ),
    ] = None,
) -> None:
    """Run the standard protocol (one task per reference timeline; L dates and k sentences
    from the reference; input limited to its date span; query from keywords.json) and
    print tilse's scores per task and averaged (P and R averaged over tasks, then F).
    With --open, run the open protocol instead and average per dataset."""
    console = Console(stderr=as_json, width=TABLE_WIDTH)
    if open_queries is not None:
        _open_eval(datasets, open_queries, method, out, as_json, console)
        return
    if len(datasets) != 1:
        raise UsageError("the standard protocol takes one dataset; several need --open QUERIES.json")
    [dataset] = datasets
    from dateline.evaluate.protocol import evaluate  # loads the tagger and the ingest

    def progress(result: TaskResult) -> None:
        if not as_json:
            console.print(
                f"[dim]{result.task.topic}/{result.task.name}: AR1-F {result.scores.to_dict()['ar1_f']:.3f}[/dim]"
            )

    results, mean, seconds = evaluate(dataset, method, out, progress)
    mean_scores = mean.to_dict()
    if as_json:
        typer.echo(
            json.dumps(
                {
                    "method": method,
                    "tasks": [result.to_dict() for result in results],
                    "mean": {key: mean_scores[key] for key in TABLE_COLUMNS},
                    "seconds": round(seconds, 2),
                },
                indent=2,
            )
        )
        return
    table = _score_table(f"{method} on {dataset} ({len(results)} tasks, {seconds:.1f} s)")
    for result in results:
        _add_row(table, f"{result.task.topic}/{result.task.name}", result.scores.to_dict())
    _add_row(table, "mean", mean_scores, bold=True)
    console.print(table)
    console.print(f"Predicted timelines: {out}/<Topic_source>/<timeline file>")


def _open_eval(datasets: list[Path], queries: Path, method: str, out: Path, as_json: bool, console: Console) -> None:
    from dateline.evaluate.open_protocol import evaluate_open  # loads the tagger and the ingest

    def progress(result: OpenTaskResult) -> None:
        if not as_json:
            console.print(
                f"[dim]{result.open_task.key} ({result.open_task.query!r}): "
                f"AR1-F {result.scores.to_dict()['ar1_f']:.3f}[/dim]"
            )

    results, means, seconds = evaluate_open(datasets, queries, method, out, progress)
    if as_json:
        typer.echo(
            json.dumps(
                {
                    "method": method,
                    "protocol": "open",
                    "tasks": [result.to_dict() for result in results],
                    "mean": {name: {key: mean.to_dict()[key] for key in TABLE_COLUMNS} for name, mean in means.items()},
                    "seconds": round(seconds, 2),
                },
                indent=2,
            )
        )
        return
    names = ", ".join(str(dataset) for dataset in datasets)
    table = _score_table(f"{method}, open protocol, on {names} ({len(results)} tasks, {seconds:.1f} s)")
    for result in results:
        _add_row(table, f"{result.open_task.key}", result.scores.to_dict())
    for name, mean in means.items():
        _add_row(table, f"mean {name}", mean.to_dict(), bold=True)
    console.print(table)
    console.print(f"Predicted timelines: {out}/<dataset>/<Topic_source>/<timeline file>")


def _score_table(title: str) -> Table:
    table = Table(title=title)
    table.add_column("task")
    for column_title in COLUMN_TITLES:
        table.add_column(column_title, justify="right")
    return table


def _add_row(table: Table, name: str, scores: dict[str, float], bold: bool = False) -> None:
    if bold:
        table.add_row(f"[bold]{name}[/bold]", *(f"[bold]{scores[c]:.3f}[/bold]" for c in TABLE_COLUMNS))
    else:
        table.add_row(name, *(f"{scores[c]:.3f}" for c in TABLE_COLUMNS))


def register(app: typer.Typer) -> None:
    app.command("eval")(eval_command)
