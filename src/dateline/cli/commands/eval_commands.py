"""``dateline eval``: the standard Timeline17 protocol over a dataset folder."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

from dateline.operations import DEFAULT_METHOD

if TYPE_CHECKING:
    from dateline.evaluate.protocol import TaskResult

TABLE_COLUMNS = ("ar1_f", "ar2_f", "date_f1", "concat_r1_f", "concat_r2_f", "agree_r1_f", "agree_r2_f")
COLUMN_TITLES = ("AR1-F", "AR2-F", "Date-F1", "concat R1-F", "concat R2-F", "agree R1-F", "agree R2-F")
TABLE_WIDTH = 150


def eval_command(
    dataset: Annotated[Path, typer.Argument(help="A Timeline17-layout folder "
                                            "(<Topic_source>/InputDocs, timelines/, keywords.json).",
                                            exists=True, file_okay=False)],
    method: Annotated[str, typer.Option("--method", help="Timeline method to evaluate.")] = DEFAULT_METHOD,
    out: Annotated[Path, typer.Option("--out", help="Where predicted timelines and the cached "
                                      "dataset store go.", file_okay=False)] = Path("eval-out"),
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object instead of tables.")] = False,
) -> None:
    """Run the standard protocol (one task per reference timeline; L dates and k sentences
    from the reference; input limited to its date span; query from keywords.json) and
    print tilse's scores per task and averaged (P and R averaged over tasks, then F)."""
    from dateline.evaluate.protocol import evaluate  # loads the tagger and the ingest

    console = Console(stderr=as_json, width=TABLE_WIDTH)

    def progress(result: TaskResult) -> None:
        if not as_json:
            console.print(f"[dim]{result.task.topic}/{result.task.name}: "
                          f"AR1-F {result.scores.to_dict()['ar1_f']:.3f}[/dim]")

    results, mean, seconds = evaluate(dataset, method, out, progress)
    mean_scores = mean.to_dict()
    if as_json:
        typer.echo(json.dumps({
            "method": method,
            "tasks": [result.to_dict() for result in results],
            "mean": {key: mean_scores[key] for key in TABLE_COLUMNS},
            "seconds": round(seconds, 2),
        }, indent=2))
        return
    table = Table(title=f"{method} on {dataset} ({len(results)} tasks, {seconds:.1f} s)")
    table.add_column("task")
    for title in COLUMN_TITLES:
        table.add_column(title, justify="right")
    for result in results:
        scores = result.scores.to_dict()
        table.add_row(f"{result.task.topic}/{result.task.name}", *(f"{scores[c]:.3f}" for c in TABLE_COLUMNS))
    table.add_row("[bold]mean[/bold]", *(f"[bold]{mean_scores[c]:.3f}[/bold]" for c in TABLE_COLUMNS))
    console.print(table)
    console.print(f"Predicted timelines: {out}/<Topic_source>/<timeline file>")


def register(app: typer.Typer) -> None:
    app.command("eval")(eval_command)
