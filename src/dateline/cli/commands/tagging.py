"""``dateline tag`` and ``dateline eval-tagger``: the temporal tagger on one document, and
its TempEval-3 scores on a TimeML corpus.

The tagger is imported by the commands that run it: building its rule tables is a
tenth of a second every other ``dateline`` command need not pay."""

from __future__ import annotations

import datetime as dt
import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from dateline.cli.options import parse_day
from dateline.errors import InputProblem, UsageError

if TYPE_CHECKING:
    from dateline.temporal.evaluation import TaggerEvaluation


class TagFormat(StrEnum):
    json = "json"
    timeml = "timeml"


def tag_command(
    file: Annotated[Path, typer.Argument(help="A UTF-8 text file ('-' for standard input).", show_default=False)],
    dct: Annotated[
        dt.date,
        typer.Option(
            "--dct",
            help="Publication date the expressions are resolved against.",
            metavar="YYYY-MM-DD",
            parser=parse_day,
            show_default=False,
        ),
    ],
    output_format: Annotated[
        TagFormat, typer.Option("--format", help="json: offsets and values; timeml: the text marked up.")
    ] = TagFormat.json,
) -> None:
    """Find the time expressions in one document and resolve them against its publication
    date (TIMEX3 values: 2023-07-27, 2020-09, 2020-W42, P3D ...)."""
    from dateline.temporal import tag
    from dateline.temporal.export import to_record, to_timeml

    text = _read_text(file)
    timexes = tag(text, dct)
    if output_format is TagFormat.timeml:
        typer.echo(to_timeml(text, dct, timexes), nl=False)
    else:
        typer.echo(json.dumps(to_record(dct, timexes), ensure_ascii=False, indent=2))


def _read_text(file: Path) -> str:
    if str(file) == "-":
        return typer.get_text_stream("stdin").read()
    try:
        return file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputProblem(str(file), "no such file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputProblem(str(file), f"cannot read as UTF-8 text: {error}") from None


def eval_tagger_command(
    directory: Annotated[
        Path,
        typer.Argument(
            help="A folder of TimeML files (*.tml) with gold TIMEX3s and a creation time.", show_default=False
        ),
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", help="Also write <stem>.json predictions here, for an external scorer.", metavar="PRED_DIR"
        ),
    ] = None,
) -> None:
    """Score the tagger TempEval-3 Task A style on a TimeML corpus: strict and relaxed
    span P/R/F1, type accuracy, value F1 (relaxed F1 x value accuracy), documents/s."""
    from dateline.temporal.evaluation import evaluate_tagger
    from dateline.temporal.timeml import read_corpus

    if not directory.is_dir():
        raise UsageError(f"{directory}: not a folder of TimeML files")
    evaluation = evaluate_tagger(read_corpus(directory))
    if out is not None:
        _write_predictions(out, evaluation)
    if as_json:
        typer.echo(json.dumps(evaluation.summary(), indent=2))
    else:
        typer.echo(_table(evaluation))


def _write_predictions(out: Path, evaluation: TaggerEvaluation) -> None:
    from dateline.temporal.export import to_record  # the tagger is loaded by now

    try:
        out.mkdir(parents=True, exist_ok=True)
        for document, predicted in zip(evaluation.documents, evaluation.predictions, strict=True):
            record = to_record(document.dct, predicted)
            (out / f"{document.name}.json").write_text(json.dumps(record, ensure_ascii=False))
    except OSError as error:
        raise InputProblem(str(out), f"cannot write predictions: {error}") from None


def _table(evaluation: TaggerEvaluation) -> str:
    s = evaluation.scores
    return "\n".join(
        [
            f"{len(evaluation.documents)} documents, {s.gold} gold and {s.system} predicted TIMEX3s",
            f"{'':10s} {'P':>6s} {'R':>6s} {'F1':>6s}",
            f"{'strict':10s} {s.strict_p:6.3f} {s.strict_r:6.3f} {s.strict_f1:6.3f}",
            f"{'relaxed':10s} {s.relaxed_p:6.3f} {s.relaxed_r:6.3f} {s.relaxed_f1:6.3f}",
            f"type accuracy {s.type_acc:.3f} (type F1 {s.type_f1:.3f})",
            f"value accuracy {s.value_acc:.3f} (value F1 {s.value_f1:.3f})",
            f"{evaluation.docs_per_s:.0f} documents/s",
        ]
    )


def register(app: typer.Typer) -> None:
    app.command("tag")(tag_command)
    app.command("eval-tagger")(eval_tagger_command)
