"""How salience's date weights were chosen: across datasets, through the open protocol.

    .venv/bin/python bench/bench_weights.py [--data ../shared/data] [--work DIR]

A date's score is citing days + ``entry_weight`` x listing articles + ``topical_weight``
x topical articles (see ``dateline.timeline.methods.salience``). Every pair of the grid
is run through the open protocol (``dateline eval t17 entities --open
bench/queries/open_queries.json``: one store holding both datasets, natural queries, the
CLI's defaults) on Timeline17 and on Entities. Three choices are then read off:

- chosen on Timeline17 (best Date-F1 there, AR1-F breaking ties), scored on Entities;
- chosen on Entities (best Date-F1 there), scored on Timeline17;
- the least regret: the pair whose larger shortfall from either dataset's best Date-F1
  is smallest. It sees both datasets, so its figures are not held-out ones; the first
  two are, and they bound what a choice made on one kind of news does on the other.

The shipped defaults are recorded next to them, and the closed protocol (one topic
folder per task) is run for the three choices and the defaults.

Four more constants are swept one at a time, the others at their shipped values, the
same way (open protocol on both datasets, chosen on one and scored on the other):
``min_opportunity``, the floor of the correction for recent dates (1 switches it off),
``query_boost``, how much a query word raises a sentence's score, ``entry_bonus``,
what a sentence written as a timeline entry for its date gains, and
``retrospective_bonus``, what a sentence written more than a week after its date gains. Writes
``bench/results/weights.json`` and prints Markdown tables.
"""

from __future__ import annotations

import argparse
import itertools
import os
import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from run_metadata import run_metadata, write_results

from dateline.evaluate.metrics import TaskScores
from dateline.evaluate.open_protocol import evaluate_open
from dateline.evaluate.protocol import evaluate
from dateline.timeline.base import METHODS
from dateline.timeline.methods.salience import Salience

BENCH = Path(__file__).parent
RESULTS = BENCH / "results" / "weights.json"
QUERIES = BENCH / "queries" / "open_queries.json"
DATASETS = ("t17", "entities")
ENTRY_WEIGHTS = (1.0, 2.0, 3.0, 4.0)
TOPICAL_WEIGHTS = (0.0, 0.5, 1.0, 2.0, 4.0, 8.0)
SWEEPS = {
    "min_opportunity": (0.05, 0.1, 0.2, 0.3, 0.5, 1.0),
    "query_boost": (0.0, 0.25, 0.5, 1.0),
    "entry_bonus": (0.0, 0.05, 0.1, 0.2),
    "retrospective_bonus": (0.0, 0.1, 0.3, 0.5),
}
COLUMNS = ("ar1_f", "ar2_f", "date_f1", "concat_r1_f")
RESULT_KEYS = {
    "weights.json": {
        "": ("metadata", "grid", "choices", "shipped", "sweeps"),
        "sweeps.*": ("values", "shipped", "chosen on t17", "chosen on entities"),
    }
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=Path(os.environ.get("DATELINE_DATA", "../shared/data")))
    parser.add_argument("--work", type=Path, help="keep (and reuse) the stores here")
    arguments = parser.parse_args()
    if arguments.work is None:
        with tempfile.TemporaryDirectory(prefix="dateline-bench-weights-") as work:
            run(arguments.data, Path(work))
    else:
        run(arguments.data, arguments.work)


def run(data: Path, work: Path) -> None:
    metadata = run_metadata()
    datasets = [data / name for name in DATASETS]
    grid = []
    for entry_weight, topical_weight in itertools.product(ENTRY_WEIGHTS, TOPICAL_WEIGHTS):
        weights = {"entry_weight": entry_weight, "topical_weight": topical_weight}
        name = register(weights)
        _, means, _ = evaluate_open(datasets, QUERIES, name, work / "open")
        grid.append({"weights": weights, "open": {d: figures(means[d]) for d in DATASETS}})
        print(weights, {d: grid[-1]["open"][d]["date_f1"] for d in DATASETS}, flush=True)
    shipped = {"entry_weight": Salience.entry_weight, "topical_weight": Salience.topical_weight}
    choices = {
        "chosen on t17, scored on entities": best(grid, lambda row: score(row, "t17")),
        "chosen on entities, scored on t17": best(grid, lambda row: score(row, "entities")),
        "least regret over both": best(grid, least_regret(grid)),
    }
    closed = {}
    for weights in [*(row["weights"] for row in choices.values()), shipped]:
        key = label(weights)
        if key not in closed:
            name = register(weights)
            closed[key] = {d: figures(evaluate(data / d, name, work / f"closed-{d}")[1]) for d in DATASETS}
    for row in choices.values():
        row["closed"] = closed[label(row["weights"])]
    shipped_row = {**next(row for row in grid if row["weights"] == shipped), "closed": closed[label(shipped)]}
    sweeps = {constant: sweep(constant, values, datasets, work) for constant, values in SWEEPS.items()}
    write_results(
        RESULTS,
        {"metadata": metadata, "grid": grid, "choices": choices, "shipped": shipped_row, "sweeps": sweeps},
        RESULT_KEYS[RESULTS.name],
    )
    print_table(choices, shipped_row)
    print_sweeps(sweeps)


def sweep(constant: str, values: tuple[float, ...], datasets: list[Path], work: Path) -> dict[str, object]:
    """``constant`` at each of ``values`` (the rest shipped) through the open protocol on
    both datasets, and the value each dataset chooses (best Date-F1, then AR1-F on
    Timeline17 or concat ROUGE-1 on Entities; the first of equals)."""
    rows = []
    for value in values:
        name = register({constant: value})
        _, means, _ = evaluate_open(datasets, QUERIES, name, work / "open")
        rows.append({"value": value, "open": {d: figures(means[d]) for d in DATASETS}})
        print(constant, value, {d: rows[-1]["open"][d]["date_f1"] for d in DATASETS}, flush=True)
    tie_breaks = {"t17": "ar1_f", "entities": "concat_r1_f"}
    chosen = {
        d: best(rows, lambda row, d=d: (row["open"][d]["date_f1"], row["open"][d][tie_breaks[d]]))["value"]
        for d in DATASETS
    }
    return {
        "values": rows,
        "shipped": getattr(Salience, constant),
        "chosen on t17": chosen["t17"],
        "chosen on entities": chosen["entities"],
    }


def register(constants: dict[str, float]) -> str:
    """Offer salience with ``constants`` as a method of its own, so that the protocols run
    it exactly as they run the default; returns its name."""
    name = f"salience[{label(constants)}]"
    METHODS.register(name, lambda: replace(Salience(), **constants))
    return name


def label(constants: dict[str, float]) -> str:
    short = {"entry_weight": "entry", "topical_weight": "topical"}
    return ",".join(f"{short.get(name, name)}={value:g}" for name, value in constants.items())


def figures(scores: TaskScores) -> dict[str, float]:
    flat = scores.to_dict()
    return {column: round(flat[column], 4) for column in COLUMNS}


def score(row: dict, dataset: str) -> tuple[float, float]:
    """Date-F1 on ``dataset``'s open runs, then AR1-F (the tie-break)."""
    figures_there = row["open"][dataset]
    return figures_there["date_f1"], figures_there["ar1_f"]


def least_regret(grid: list[dict]) -> Callable[[dict], float]:
    """Minus the larger shortfall of a row's Date-F1 from the best of each dataset."""
    top = {d: max(row["open"][d]["date_f1"] for row in grid) for d in DATASETS}
    return lambda row: -max(top[d] - row["open"][d]["date_f1"] for d in DATASETS)


def best(grid: list[dict], key: Callable[[dict], object]) -> dict:
    """The first row of ``grid`` with the highest ``key`` (grid order breaks ties)."""
    top = max(key(row) for row in grid)
    return dict(next(row for row in grid if key(row) == top))


def print_table(choices: dict[str, dict], shipped: dict) -> None:
    print("\n| choice | weights | protocol | T17 AR1-F | T17 Date-F1 | Entities Date-F1 |")
    print("|---|---|---|---|---|---|")
    for name, row in [*choices.items(), ("shipped", shipped)]:
        for protocol in ("open", "closed"):
            t17, entities = row[protocol]["t17"], row[protocol]["entities"]
            print(
                f"| {name} | {label(row['weights'])} | {protocol} | {t17['ar1_f']:.3f} | "
                f"{t17['date_f1']:.3f} | {entities['date_f1']:.3f} |"
            )


def print_sweeps(sweeps: dict[str, dict]) -> None:
    for constant, result in sweeps.items():
        print(f"\n| {constant} | T17 AR1-F | T17 Date-F1 | Entities Date-F1 | Entities concat R1 |")
        print("|---|---|---|---|---|")
        for row in result["values"]:
            t17, entities = row["open"]["t17"], row["open"]["entities"]
            print(
                f"| {row['value']:g} | {t17['ar1_f']:.3f} | {t17['date_f1']:.3f} | "
                f"{entities['date_f1']:.3f} | {entities['concat_r1_f']:.3f} |"
            )
        print(f"chosen on t17: {result['chosen on t17']:g}, on entities: {result['chosen on entities']:g}")


if __name__ == "__main__":
    main()
