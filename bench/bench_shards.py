"""The sharded store (docs/sharding.md): the same figures as one store, and what shards cost.

    .venv/bin/python bench/bench_shards.py --work /tmp/YOURNAME-shards [--synthetic 20000]

1. **Equivalence**: the standard protocol (every Timeline17 task, the default method,
   ``dateline.evaluate.protocol.run_task``) on a store of 4 shards and on one store of the
   same articles; the macro figures of both and their largest difference (target ±0.002),
   with the near-duplicate copies each found (the shards link each copy to the original
   one store links it to: docs/sharding.md, ``bench/bench_copy_links.py``).
2. **Scaling**: the first N articles of the synthetic corpus (``bench/synthetic.py``)
   ingested into one store and into 1, 4 and 16 shards, one after another, with the same
   local worker pool: ingest seconds, articles per second and per shard. Then, every store
   built, a warm timeline from each, as a ratio to the one-file store: ``make_timeline``
   in this process (every query once to warm up, then three rounds; in each, every query
   on every store in turn, the stores in a rotating order), the median seconds and CPU
   seconds (all threads); and a whole ``dateline timeline`` process the same way (one
   untimed round first). The stores take turns, so a change of load on this shared
   machine (a benchmark started meanwhile) falls on all of them alike: measured one
   store after another, right after each ingest, the same code gave one shard 1.06, 1.47
   and 2.81 times the one file.
3. **Dask writers**: the first ``--dask-articles`` of that corpus ingested into 4 shards
   on a local Dask cluster of 1 and then 2 single-threaded worker processes, started
   before the clock starts (reading, analysis and each shard's writes on the workers), with
   the CPU time of the ingest process and of each worker, and a cost model: an ingest
   takes ``a + b / W`` seconds on W workers, where ``a`` is the CPU time of the ingest
   process itself (listing, routing, sending, and the local cluster's scheduler, which
   runs in it: the part no worker takes over), measured in the 1-worker run, and ``b``
   the rest of that run.
   The model's prediction for 2 workers is compared with the 2-worker run, and its
   prediction for 100 workers is reported.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from run_metadata import run_metadata, write_results  # noqa: E402
from synthetic import default_t17, generate, load_sources, write_shards  # noqa: E402

from dateline.evaluate.metrics import macro_average  # noqa: E402
from dateline.evaluate.protocol import as_dict, find_tasks, run_task  # noqa: E402
from dateline.ingest.job import ingest  # noqa: E402
from dateline.operations import DEFAULT_METHOD, make_timeline  # noqa: E402
from dateline.shards import AnyStore, ShardedStore, open_store  # noqa: E402
from dateline.store import Store  # noqa: E402
from dateline.timeline import get_method  # noqa: E402

RESULTS = BENCH / "results"
EQUIVALENCE_SHARDS = 4
SHARD_COUNTS = (1, 4, 16)
TARGET = 0.002
QUERIES = ("Gaddafi", "oil spill", "Michael Jackson", "swine flu vaccine", "Mubarak protest")
REPEATS = 3
CLI_REPEATS = 2
DATELINE = [sys.executable, "-c", "from dateline.cli.app import main; main()"]
WORKERS = 2
SEED = 17
RESULT_KEYS = {
    "shards.json": {
        "": ("metadata", "equivalence", "scaling", "dask_writers"),
        "equivalence": (
            "dataset",
            "tasks",
            "method",
            "shards",
            "one_store",
            "sharded",
            "max_abs_difference",
            "target",
            "met",
            "copies_found",
            "tasks_with_other_timelines",
        ),
        "equivalence.copies_found": ("one_store", "sharded"),
        "scaling": ("articles", "workers", "queries", "repeats", "cli_repeats", "load_average_1_min", "stores"),
        "dask_writers": (
            "articles",
            "shards",
            "runs",
            "speedup_2_workers",
            "target_speedup",
            "model",
        ),
        "dask_writers.runs.*": (
            "workers",
            "seconds",
            "articles_per_second",
            "ingest_process_cpu_seconds",
            "workers_cpu_seconds",
        ),
        "dask_writers.model": (
            "serial_seconds",
            "parallel_seconds",
            "predicted_2_workers_seconds",
            "measured_2_workers_seconds",
            "predicted_100_workers_seconds",
            "predicted_100_workers_articles_per_second",
        ),
        "scaling.stores.*": (
            "shards",
            "ingest_seconds",
            "articles_per_second",
            "articles_per_shard",
            "timeline_median_seconds",
            "timeline_ratio_to_one_file",
            "timeline_cpu_median_seconds",
            "timeline_cpu_ratio_to_one_file",
            "cli_timeline_median_seconds",
            "cli_ratio_to_one_file",
        ),
    }
}


def open_kind(path: Path, shards: int | None) -> AnyStore:
    """One store (``shards`` None) or a sharded store of ``shards`` shards at ``path``."""
    return Store.open(path) if shards is None else ShardedStore.open(path, shards=shards)


def build(inputs: list[Path], path: Path, shards: int | None) -> float:
    """Ingest ``inputs`` into a new store at ``path``; the seconds it took."""
    shutil.rmtree(path, ignore_errors=True)
    path.unlink(missing_ok=True)
    started = time.perf_counter()
    with open_kind(path, shards) as store:
        ingest(store, inputs, workers=WORKERS)
    return time.perf_counter() - started


def copies(store: AnyStore) -> int:
    """Articles stored as a near-duplicate copy of another."""
    paths = store.shard_paths if isinstance(store, ShardedStore) else [Path(store.path)]
    total = 0
    for path in paths:
        with Store.open(path, create=False) as one, one.snapshot() as db:
            total += db.execute("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL").fetchone()[0]
    return total


def equivalence(t17: Path, work: Path) -> dict[str, object]:
    tasks = find_tasks(t17)
    method = get_method(DEFAULT_METHOD)
    figures: dict[str, dict[str, float]] = {}
    timelines: dict[str, list[dict[object, list[str]]]] = {}
    found: dict[str, int] = {}
    for name, shards in (("one_store", None), ("sharded", EQUIVALENCE_SHARDS)):
        path = work / ("t17.db" if shards is None else "t17-shards")
        seconds = build([t17], path, shards)
        print(f"Timeline17 into {name}: {seconds:.1f} s", file=sys.stderr)
        with open_kind(path, shards) as store:
            results = [run_task(store, task, method) for task in tasks]
            found[name] = copies(store)
        figures[name] = {
            key: round(value, 4) for key, value in macro_average([r.scores for r in results]).to_dict().items()
        }
        timelines[name] = [as_dict(r.predicted) for r in results]
    difference = max(abs(figures["sharded"][key] - figures["one_store"][key]) for key in figures["one_store"])
    return {
        "dataset": "Timeline17",
        "tasks": len(tasks),
        "method": DEFAULT_METHOD,
        "shards": EQUIVALENCE_SHARDS,
        "one_store": figures["one_store"],
        "sharded": figures["sharded"],
        "max_abs_difference": round(difference, 4),
        "target": TARGET,
        "met": difference <= TARGET,
        "copies_found": found,
        "tasks_with_other_timelines": sum(
            mine != theirs for mine, theirs in zip(timelines["sharded"], timelines["one_store"], strict=True)
        ),
    }


Timing = dict[str, list[float]]


def in_turns(names: list[str], rounds: int, measure: Callable[[str, str], object]) -> None:
    """``measure(name, query)`` for every query and every name, ``rounds`` times; the
    order of the names rotates from one query to the next, so no store always comes
    first or after the same one."""
    turn = 0
    for _ in range(rounds):
        for query in QUERIES:
            for name in names[turn:] + names[:turn]:
                measure(name, query)
            turn = (turn + 1) % len(names)


def timeline_seconds(stores: dict[str, tuple[Path, int | None]]) -> tuple[Timing, Timing]:
    """Seconds and CPU seconds (every thread of this process) of each warm
    ``make_timeline`` of ``QUERIES`` from each store, the stores taking turns."""
    seconds: Timing = {name: [] for name in stores}
    cpu: Timing = {name: [] for name in stores}
    with ExitStack() as stack:
        opened: dict[str, AnyStore] = {}
        for name, (path, _) in stores.items():
            opened[name] = open_store(path, create=False)
            stack.callback(opened[name].close)

        def measure(name: str, query: str) -> None:
            started, cpu_started = time.perf_counter(), time.process_time()
            make_timeline(opened[name], query)
            seconds[name].append(time.perf_counter() - started)
            cpu[name].append(time.process_time() - cpu_started)

        in_turns(list(stores), 1, lambda name, query: make_timeline(opened[name], query))
        in_turns(list(stores), REPEATS, measure)
    return seconds, cpu


def cli_seconds(stores: dict[str, tuple[Path, int | None]]) -> Timing:
    """Seconds of each whole ``dateline timeline QUERY --db STORE`` process (starting
    Python and importing included), warm (after one untimed round), the stores taking turns."""
    seconds: Timing = {name: [] for name in stores}

    def run(name: str, query: str) -> float:
        started = time.perf_counter()
        command = [*DATELINE, "timeline", query, "--db", str(stores[name][0]), "--format", "json"]
        subprocess.run(command, check=True, capture_output=True)
        return time.perf_counter() - started

    in_turns(list(stores), 1, run)
    in_turns(list(stores), CLI_REPEATS, lambda name, query: seconds[name].append(run(name, query)))
    return seconds


def work_corpus(t17: Path, work: Path, articles: int) -> list[Path]:
    """The JSONL files of the first ``articles`` synthetic articles (made once)."""
    corpus = work / f"synthetic-{articles}"
    if not corpus.is_dir():
        write_shards(generate(load_sources(t17), articles, SEED), corpus)
    return sorted(corpus.glob("*.jsonl"))


def scaling(t17: Path, work: Path, articles: int) -> dict[str, object]:
    inputs = work_corpus(t17, work, articles)
    kinds = {
        ("one file" if shards is None else f"{shards} shards"): (
            work / ("synthetic.db" if shards is None else f"synthetic-{shards}"),
            shards,
        )
        for shards in (None, *SHARD_COUNTS)
    }
    ingest_seconds = {}
    for name, (path, shards) in kinds.items():
        ingest_seconds[name] = build(inputs, path, shards)
        print(f"{name}: ingest {ingest_seconds[name]:.1f} s", file=sys.stderr)
    load_before = os.getloadavg()[0]
    seconds, cpu = timeline_seconds(kinds)
    whole = cli_seconds(kinds)
    load_after = os.getloadavg()[0]
    medians = {
        key: {name: statistics.median(times) for name, times in timing.items()}
        for key, timing in (("seconds", seconds), ("cpu", cpu), ("cli", whole))
    }
    stores: dict[str, dict[str, object]] = {}
    for name, (path, shards) in kinds.items():
        with open_kind(path, shards) as store:
            per_shard = store.articles_per_shard() if isinstance(store, ShardedStore) else [store.count_articles()]
        stores[name] = {
            "shards": shards or 0,
            "ingest_seconds": round(ingest_seconds[name], 1),
            "articles_per_second": round(articles / ingest_seconds[name], 1),
            "articles_per_shard": [min(per_shard), max(per_shard)],
            "timeline_median_seconds": round(medians["seconds"][name], 3),
            "timeline_ratio_to_one_file": round(medians["seconds"][name] / medians["seconds"]["one file"], 2),
            "timeline_cpu_median_seconds": round(medians["cpu"][name], 3),
            "timeline_cpu_ratio_to_one_file": round(medians["cpu"][name] / medians["cpu"]["one file"], 2),
            "cli_timeline_median_seconds": round(medians["cli"][name], 3),
            "cli_ratio_to_one_file": round(medians["cli"][name] / medians["cli"]["one file"], 2),
        }
        print(f"{name}: {stores[name]}", file=sys.stderr)
    return {
        "articles": articles,
        "workers": WORKERS,
        "queries": list(QUERIES),
        "repeats": REPEATS,
        "cli_repeats": CLI_REPEATS,
        "load_average_1_min": [round(load_before, 2), round(load_after, 2)],
        "stores": stores,
    }


def dask_writers(corpus: list[Path], work: Path, articles: int) -> dict[str, object]:
    """Ingest into 4 shards on a local Dask cluster of 1, then 2 workers (see the docstring);
    the cluster is started before the clock starts."""
    from distributed import Client, LocalCluster

    from dateline.distributed import ingest_on_dask

    runs: dict[str, dict[str, float]] = {}
    for workers in (1, 2):
        path = work / f"dask-{workers}"
        shutil.rmtree(path, ignore_errors=True)
        with (
            LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster,
            Client(cluster) as client,
            ShardedStore.open(path, shards=EQUIVALENCE_SHARDS) as store,
        ):
            workers_cpu = client.run(time.process_time)
            started, cpu = time.perf_counter(), time.process_time()
            report = ingest_on_dask(store, corpus, cluster.scheduler_address)
            seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
            workers_cpu = {name: spent - workers_cpu[name] for name, spent in client.run(time.process_time).items()}
        runs[f"{workers} workers"] = {
            "workers": workers,
            "seconds": round(seconds, 2),
            "articles_per_second": round(report.added / seconds, 1),
            "ingest_process_cpu_seconds": round(cpu, 2),
            "workers_cpu_seconds": sorted(round(spent, 2) for spent in workers_cpu.values()),
        }
        print(f"Dask, {workers} workers: {runs[f'{workers} workers']}", file=sys.stderr)
    one, two = runs["1 workers"], runs["2 workers"]
    serial = one["ingest_process_cpu_seconds"]
    parallel = max(one["seconds"] - serial, 0.0)
    at_100 = serial + parallel / 100
    return {
        "articles": articles,
        "shards": EQUIVALENCE_SHARDS,
        "runs": runs,
        "speedup_2_workers": round(one["seconds"] / two["seconds"], 2),
        "target_speedup": 1.7,
        "model": {
            "serial_seconds": round(serial, 2),
            "parallel_seconds": round(parallel, 2),
            "predicted_2_workers_seconds": round(serial + parallel / 2, 2),
            "measured_2_workers_seconds": two["seconds"],
            "predicted_100_workers_seconds": round(at_100, 2),
            "predicted_100_workers_articles_per_second": round(articles / at_100, 1),
        },
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--work", type=Path, required=True, help="where the stores are built")
    parser.add_argument("--synthetic", type=int, default=20_000, help="synthetic articles for the scaling runs")
    parser.add_argument("--dask-articles", type=int, default=5_000, help="synthetic articles for the Dask runs")
    parser.add_argument("--t17", type=Path, default=default_t17())
    parser.add_argument("--output", type=Path, default=RESULTS / "shards.json")
    args = parser.parse_args()
    results: dict[str, object] = {"metadata": run_metadata()}
    args.work.mkdir(parents=True, exist_ok=True)
    results["equivalence"] = equivalence(args.t17, args.work)
    print(results["equivalence"], file=sys.stderr)
    results["scaling"] = scaling(args.t17, args.work, args.synthetic)
    corpus = work_corpus(args.t17, args.work, args.dask_articles)
    results["dask_writers"] = dask_writers(corpus, args.work, args.dask_articles)
    write_results(args.output, results, RESULT_KEYS["shards.json"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
