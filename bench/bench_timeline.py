"""Timeline quality and speed on Timeline17: every method, salience's ablations, and the
leave-one-topic-out check of salience's tuned constants.

    .venv/bin/python bench/bench_timeline.py [--data ../shared/data/t17] [--work /tmp/dateline-bench]

Runs the standard protocol (``dateline.evaluate.protocol``) with each configuration on
the same in-memory corpora, prints Markdown tables and writes
``bench/results/timeline.json``. Leave-one-topic-out: for each of the 9 topics, the grid
point with the best AR1-F on the other topics' tasks is chosen and scored on the held-out
topic's tasks; the scores are then macro-averaged like any run. (The date weights that
need a query of a user's words, ``topical_weight`` above all, are chosen across datasets
by ``bench_weights.py``: Timeline17's keywords are folder names.) Latency is the time to
build one timeline from a task's stored articles (loading them included), the figure a
user waits for after ingest, as wall clock and as CPU time.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import time
from collections.abc import Callable
from pathlib import Path

from run_metadata import run_metadata, write_results

from dateline.evaluate.metrics import TaskScores, macro_average, score_task
from dateline.evaluate.protocol import (
    Task,
    as_dict,
    ensure_dataset_store,
    find_tasks,
    task_corpus,
    task_request,
)
from dateline.store import Store
from dateline.timeline import TimelineMethod, get_method
from dateline.timeline.corpus import Corpus
from dateline.timeline.methods.salience import Salience

RESULTS = Path(__file__).parent / "results" / "timeline.json"
COLUMNS = ("ar1_f", "ar2_f", "date_f1", "ar1_p", "ar1_r")
ABLATIONS = {
    "salience (default)": {},
    "without timeline entries (entry_weight=0)": {"entry_weight": 0.0},
    "without the retrospective bonus": {"retrospective_bonus": 0.0},
    "without the entry bonus": {"entry_bonus": 0.0},
    "without topic centrality (topic_weight=0)": {"topic_weight": 0.0},
    "without topic relevance of dates (relevance_weight=0)": {"relevance_weight": 0.0},
    "without redundancy control": {"max_redundancy": 1.01},
    "without the correction for recent dates (min_opportunity=1)": {"min_opportunity": 1.0},
    "with a query boost (query_boost=0.5)": {"query_boost": 0.5},
    "citing days only (all of the above off)": {
        "entry_weight": 0.0,
        "retrospective_bonus": 0.0,
        "entry_bonus": 0.0,
        "topic_weight": 0.0,
        "relevance_weight": 0.0,
        "topical_weight": 0.0,
        "max_redundancy": 1.01,
        "min_opportunity": 1.0,
    },
}
GRID = {
    "entry_weight": (0.0, 2.0, 3.0, 5.0),
    "retrospective_bonus": (0.0, 0.3, 0.5),
    "entry_bonus": (0.0, 0.1),
    "topic_weight": (0.0, 1.0, 1.5),
    "relevance_weight": (0.0, 0.1, 0.5),
    "max_redundancy": (0.4, 0.5),
}
RESULT_KEYS = {"timeline.json": ("metadata", "methods", "ablations", "leave_one_topic_out", "latency_seconds", "tasks")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    default_data = Path(os.environ.get("DATELINE_DATA", "../shared/data")) / "t17"
    parser.add_argument("--data", type=Path, default=default_data)
    parser.add_argument("--work", type=Path, default=Path("/tmp/dateline-bench"))
    arguments = parser.parse_args()
    metadata = run_metadata()

    tasks = find_tasks(arguments.data)
    db = ensure_dataset_store(arguments.data, arguments.work)
    with Store.open(db) as store:
        corpora = {key(task): task_corpus(store, task) for task in tasks}
        latency = latency_figures(store, tasks)

    methods = {name: row(get_method(name), tasks, corpora) for name in ("salience", "datewise", "clust")}
    ablations = {name: row(Salience(**change), tasks, corpora) for name, change in ABLATIONS.items()}
    grid = [dict(zip(GRID, values, strict=True)) for values in itertools.product(*GRID.values())]
    loto = leave_one_topic_out(
        tasks, grid, [run(Salience(**c), tasks, corpora) for c in grid], lambda scores: scores.align_r1.f1
    )
    report = {
        "metadata": metadata,
        "methods": methods,
        "ablations": ablations,
        "leave_one_topic_out": loto,
        "latency_seconds": latency,
        "tasks": len(tasks),
    }
    write_results(RESULTS, report, RESULT_KEYS[RESULTS.name])
    print_table("Methods", methods)
    print_table("Salience ablations", ablations)
    print_table("Leave-one-topic-out", {"salience, constants chosen without the test topic": loto["scores"]})
    print(f"\nchosen per held-out topic: {json.dumps(loto['chosen'])}")
    print(f"latency per timeline (s): {json.dumps(latency)}")
    print(f"results: {RESULTS}")


def key(task: Task) -> tuple[str, str]:
    return task.topic, task.name


def run(method: TimelineMethod, tasks: list[Task], corpora: dict) -> list[TaskScores]:
    return [score_task(as_dict(method.build(corpora[key(t)], task_request(t))), [t.reference]) for t in tasks]


def row(method: TimelineMethod, tasks: list[Task], corpora: dict[tuple[str, str], Corpus]) -> dict:
    return averaged(run(method, tasks, corpora))


def averaged(task_scores: list[TaskScores]) -> dict:
    scores = macro_average(task_scores).to_dict()
    return {column: round(scores[column], 4) for column in COLUMNS}


def leave_one_topic_out(
    tasks: list[Task],
    configurations: list[dict],
    per_config: list[list[TaskScores]],
    criterion: Callable[[TaskScores], float],
) -> dict:
    """Score each topic with the configuration whose ``criterion`` (of the macro-averaged
    scores) is best on the other topics; ``per_config[c]`` holds configuration c's task
    scores, in ``tasks`` order."""
    topic_of = [task.topic.split("_")[0] for task in tasks]
    held_out_scores: list[TaskScores] = []
    chosen = {}
    for topic in sorted(set(topic_of)):
        train = [i for i, name in enumerate(topic_of) if name != topic]
        best = max(
            range(len(configurations)), key=lambda c: criterion(macro_average([per_config[c][i] for i in train]))
        )
        chosen[topic] = configurations[best]
        held_out_scores += [per_config[best][i] for i, name in enumerate(topic_of) if name == topic]
    return {"scores": averaged(held_out_scores), "chosen": chosen}


def latency_figures(store: Store, tasks: list[Task]) -> dict[str, float]:
    """Seconds to build each task's timeline from the store, as `dateline timeline` does:
    load what the method needs, then build. Wall clock is what a user waits; CPU time is
    the figure that does not depend on what else the shared machine is doing."""
    method = Salience()
    wall, cpu = [], []
    for task in tasks:
        started_wall, started_cpu = time.perf_counter(), time.process_time()
        method.build(task_corpus(store, task, method.undated_sentences), task_request(task))
        wall.append(time.perf_counter() - started_wall)
        cpu.append(time.process_time() - started_cpu)
    return {
        "mean_wall": round(sum(wall) / len(wall), 3),
        "max_wall": round(max(wall), 3),
        "mean_cpu": round(sum(cpu) / len(cpu), 3),
        "max_cpu": round(max(cpu), 3),
    }


def print_table(title: str, rows: dict[str, dict]) -> None:
    print(f"\n### {title}\n")
    print("| configuration | " + " | ".join(COLUMNS) + " |")
    print("|---|" + "---|" * len(COLUMNS))
    for name, scores in rows.items():
        print(f"| {name} | " + " | ".join(f"{scores[c]:.3f}" for c in COLUMNS) + " |")


if __name__ == "__main__":
    main()
