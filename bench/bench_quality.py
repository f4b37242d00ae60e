"""Timeline quality, closed and open: every method on Timeline17 and on Entities, through the
standard protocol (one topic folder per task) and the open one (one store, natural queries).

    .venv/bin/python bench/bench_quality.py [--data ../shared/data] [--work DIR]

Runs the same library calls as ``dateline eval DATASET`` and ``dateline eval t17 entities
--open bench/queries/open_queries.json`` for each method, writes every figure with the run's
metadata to ``bench/results/quality.json``, the default method's predicted timelines (date,
granularity, each sentence's first 120 characters) to
``bench/results/quality_timelines.json``, and prints a Markdown table. On Entities only
Date-F1 and concat ROUGE are valid (see ../shared/data/README.md), so only those are kept.
The stores are ingested afresh in a temporary folder: an article's id comes from its raw
file, so a store kept with ``--work`` keeps the text an older ingest made of it.
"Flagged" is the share of displayed sentences, and of the titles naming their sources,
with tokenizer markup or page furniture (``dateline.evaluate.display_check``);
``stored_titles`` counts the titles of every article in the open store the same way, and
``shared_titles`` the titles that three or more articles of one collection have (a line
the site puts on many pages, ``dateline.ingest.site_lines``, or copies of one story).
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

from run_metadata import run_metadata, write_results

from dateline.evaluate.display_check import DisplayCount, count_problems
from dateline.evaluate.metrics import TaskScores
from dateline.evaluate.open_protocol import OPEN_DB, evaluate_open, read_queries, shown_titles
from dateline.evaluate.protocol import DATASET_DB, ensure_dataset_store, ensure_store, evaluate
from dateline.model import ArticleSummary, Timeline
from dateline.operations import DEFAULT_METHOD
from dateline.store import Store
from dateline.timeline import method_names

BENCH = Path(__file__).parent
RESULTS = BENCH / "results" / "quality.json"
TIMELINES = BENCH / "results" / "quality_timelines.json"
QUERIES = BENCH / "queries" / "open_queries.json"
DATASETS = ("t17", "entities")
ALL_METRICS = ("ar1_f", "ar2_f", "date_f1", "concat_r1_f", "concat_r2_f", "agree_r1_f", "agree_r2_f")
VALID_METRICS = {"t17": ALL_METRICS, "entities": ("date_f1", "concat_r1_f", "concat_r2_f")}
TASK_FIELDS = (
    "dataset",
    "topic",
    "timeline",
    "query",
    "dates",
    "sentences_per_date",
    "predicted_dates",
    "retrieved_articles",
    "retrieval",
    "on_topic_share",
    "own_folder_found",
    "display",
    "titles",
    "seconds",
)
SENTENCE_CHARS = 120
RESULT_KEYS = {
    "quality.json": ("metadata", "queries", "valid_metrics", "stored_titles", "shared_titles", "results"),
    "quality_timelines.json": ("metadata", "method", "closed", "open"),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=Path(os.environ.get("DATELINE_DATA", "../shared/data")))
    parser.add_argument("--work", type=Path, help="keep (and reuse) the stores here")
    parser.add_argument("--queries", type=Path, default=QUERIES)
    arguments = parser.parse_args()
    if arguments.work is None:
        with tempfile.TemporaryDirectory(prefix="dateline-bench-quality-") as work:
            run(arguments.data, Path(work), arguments.queries)
    else:
        run(arguments.data, arguments.work, arguments.queries)


def run(data: Path, work: Path, queries: Path) -> None:
    """Ingest the datasets into ``work``, run every configuration, write and print."""
    datasets = [data / name for name in DATASETS]
    started = time.perf_counter()
    started_metadata = run_metadata()

    ingest_seconds = {}
    for dataset in datasets:
        ingest_seconds[f"closed {dataset.name}"] = timed(
            lambda d=dataset: ensure_dataset_store(d, work / f"closed-{d.name}")
        )
    ingest_seconds["open"] = timed(lambda: ensure_store(datasets, work / "open" / OPEN_DB))
    with Store.open(work / "open" / OPEN_DB) as store:
        summaries = store.summaries(store.match_articles(None))
    stored_titles = count_problems(summary.title for summary in summaries)

    results: dict[str, dict[str, dict[str, object]]] = {}
    timelines: dict[str, dict[str, object]] = {"closed": {}, "open": {}}
    for method in method_names():
        results[method] = {name: {} for name in DATASETS}
        for dataset in datasets:
            tasks, mean, _ = evaluate(dataset, method, work / f"closed-{dataset.name}")
            display = sum((count_problems(sentences(r.predicted)) for r in tasks), DisplayCount())
            with Store.open(work / f"closed-{dataset.name}" / DATASET_DB) as store:
                titles = sum((shown_titles(store, r.predicted) for r in tasks), DisplayCount())
            results[method][dataset.name]["closed"] = figures(
                dataset.name,
                mean,
                display,
                titles,
                sum(r.seconds for r in tasks),
                [{"dataset": dataset.name, "query": " ".join(r.task.keywords), **r.to_dict()} for r in tasks],
            )
            if method == DEFAULT_METHOD:
                timelines["closed"].update(
                    {f"{dataset.name}/{r.task.topic}/{r.task.name}": brief(r.predicted) for r in tasks}
                )
        open_tasks, means, _ = evaluate_open(datasets, queries, method, work / "open")
        for dataset in datasets:
            mine = [r for r in open_tasks if r.open_task.dataset == dataset.name]
            results[method][dataset.name]["open"] = figures(
                dataset.name,
                means[dataset.name],
                sum((r.display for r in mine), DisplayCount()),
                sum((r.titles for r in mine), DisplayCount()),
                sum(r.seconds for r in mine),
                [r.to_dict() for r in mine],
            )
        if method == DEFAULT_METHOD:
            timelines["open"] = {
                r.open_task.key: {"query": r.open_task.query, **brief(r.predicted)} for r in open_tasks
            }

    report = {
        "metadata": {
            **started_metadata,
            "seconds": round(time.perf_counter() - started, 1),
            "ingest_seconds": ingest_seconds,
        },
        "queries": read_queries(queries),
        "valid_metrics": VALID_METRICS,
        "stored_titles": stored_titles.to_dict(),
        "shared_titles": shared_titles(summaries),
        "results": results,
    }
    write_results(RESULTS, report, RESULT_KEYS[RESULTS.name], indent=1)
    write_results(
        TIMELINES,
        {"metadata": started_metadata, "method": DEFAULT_METHOD, **timelines},
        RESULT_KEYS[TIMELINES.name],
        indent=0,
    )
    print(markdown(results))
    print(f"\nwrote {RESULTS} and {TIMELINES} in {time.perf_counter() - started:.0f} s")


def figures(
    dataset: str,
    mean: TaskScores,
    display: DisplayCount,
    titles: DisplayCount,
    seconds: float,
    tasks: list[dict[str, object]],
) -> dict[str, object]:
    """One run's figures, with only the metrics valid on ``dataset``; ``display``: the
    sentences shown, ``titles``: the titles naming their sources; ``seconds``: the time
    spent building the dataset's timelines (loading their articles included)."""
    valid = VALID_METRICS[dataset]
    scores = mean.to_dict()
    return {
        "mean": {key: round(scores[key], 4) for key in valid},
        "display": display.to_dict(),
        "titles": titles.to_dict(),
        "seconds": round(seconds, 2),
        "tasks": [
            {
                **{key: task[key] for key in TASK_FIELDS if key in task},
                **{key: round(float(task[key]), 4) for key in valid},
            }
            for task in tasks
        ],  # type: ignore[arg-type]
    }


def shared_titles(summaries: Iterable[ArticleSummary], at_least: int = 3) -> dict[str, int]:
    """How many titles ``at_least`` articles of one collection have, and how many articles
    have them."""
    counts = Counter((summary.collection, summary.title) for summary in summaries)
    shared = [count for count in counts.values() if count >= at_least]
    return {"titles": len(shared), "articles": sum(shared)}


def sentences(timeline: Timeline) -> list[str]:
    return [s.text for entry in timeline.entries for s in entry.sentences]


def brief(timeline: Timeline) -> dict[str, object]:
    """What a reader sees of ``timeline``, each sentence cut to its first characters."""
    return {
        "entries": [
            [entry.date.isoformat(), entry.granularity, [s.text[:SENTENCE_CHARS] for s in entry.sentences]]
            for entry in timeline.entries
        ]
    }


def timed(step: Callable[[], object]) -> float:
    started = time.perf_counter()
    step()
    return round(time.perf_counter() - started, 2)


def markdown(results: dict[str, dict[str, dict[str, object]]]) -> str:
    """One row per method x dataset x protocol; metrics not valid on a dataset show as —."""
    titles = ("AR1-F", "AR2-F", "Date-F1", "concat R1-F", "concat R2-F")
    lines = [
        "| method | dataset | protocol | " + " | ".join(titles) + " | flagged sentences | flagged titles | s |",
        "|---|---|---|" + "---:|" * (len(titles) + 3),
    ]
    for method, by_dataset in results.items():
        for dataset, by_protocol in by_dataset.items():
            for protocol, run in by_protocol.items():
                mean, display, shown = run["mean"], run["display"], run["titles"]  # type: ignore[index]
                cells = [f"{mean[key]:.3f}" if key in mean else "—" for key in ALL_METRICS[:5]]
                lines.append(
                    f"| {method} | {dataset} | {protocol} | "
                    + " | ".join(cells)
                    + f" | {display['flagged_share']:.1%} | {shown['flagged_share']:.1%} | {run['seconds']:.1f} |"
                )  # type: ignore[index]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
