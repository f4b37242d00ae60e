"""Ingest speed against a baseline commit, in one run (issue 20).

    .venv/bin/python bench/bench_ingest_speed.py [--baseline d1e669f] [--repeat 3]

The baseline commit runs from a temporary ``git worktree`` (``baseline.py``). Both
ingest all of Timeline17 (``$DATELINE_DATA/t17``) into a new store, taking turns, so that
the load of a shared machine falls on both alike.

1. **Whole process**: ``dateline ingest T17 --db NEW -q`` as a user runs it (default
   workers: one per CPU), imports included. Reported per side: articles/s by wall clock
   (median of ``--repeat`` runs), CPU seconds of the main process (reading, cleaning,
   SQLite) and of the worker processes (analysis); the speed-up is the ratio of the
   medians.
2. **CPU per article by step**: the same ingest in one process (``--workers 1``), with the
   steps timed by CPU clock around the functions that do them: reading and cleaning
   (``read_articles``), sentence splitting (``sentence_bounds``), temporal tagging
   (``tag``), duplicate keys (``band_keys``), the store write (``Store.add_batch``); the
   rest (start-up, imports, the tagger's tables, batching) is "other". Each figure is the
   median of ``--repeat`` runs, the sides taking turns as in 1.: with one run each, the
   load of a shared machine moved a step by more than the changes it is meant to show
   (tagging 0.45 and 0.85 ms per article in two runs of the same code).
3. **Same store**: every store a side builds with its worker processes (1.) holds the
   same rows as the one it builds in one process (2.): articles with their text,
   sentences, mentions and duplicate links, band keys, and the full-text index
   (``stores_identical``; the run stops with an error if the current tree's differ).

Writes ``bench/results/ingest_speed.json`` and prints a Markdown table.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sqlite3
import statistics
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

from baseline import baseline_source, full_commit, run_python  # noqa: E402
from run_metadata import run_metadata, write_results  # noqa: E402

RESULTS = BENCH / "results"
BASELINE = "d1e669f"  # main when issue 20 was taken up
RESULT_KEYS = {
    "ingest_speed.json": {
        "": (
            "metadata",
            "baseline_commit",
            "articles",
            "repeat",
            "whole_process",
            "speedup",
            "cpu_ms_per_article_by_step",
            "stores_identical",
            "load_average_1_5_15_at_end",
        ),
        "whole_process.*": ("articles_per_s", "wall_s", "main_cpu_s", "worker_cpu_s", "runs"),
    }
}
STEPS = ("read and clean", "split sentences", "tag time expressions", "duplicate keys", "store write", "other")

# Run inside the measured process: the CLI's own entry point, then the process's CPU
# time (its own, and its reaped workers') written as JSON to the file named in argv[1].
_WHOLE = """
import json, resource, sys
report, sys.argv = sys.argv[1], ["dateline", *sys.argv[2:]]
from dateline.cli.app import main
try:
    main()
except SystemExit:
    pass
own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
json.dump({"main_cpu_s": own.ru_utime + own.ru_stime,
           "worker_cpu_s": children.ru_utime + children.ru_stime}, open(report, "w"))
"""

# One process, the steps timed around the functions that do them.
_STEPS = """
import json, sys, time
from pathlib import Path
clock = time.process_time
spent = {}

def timed(name, function):
    def wrapper(*args, **kwargs):
        began = clock()
        try:
            return function(*args, **kwargs)
        finally:
            spent[name] = spent.get(name, 0.0) + clock() - began
    return wrapper

def timed_generator(name, function):
    def wrapper(*args, **kwargs):
        items = function(*args, **kwargs)
        while True:
            began = clock()
            try:
                item = next(items)
            except StopIteration:
                spent[name] = spent.get(name, 0.0) + clock() - began
                return
            spent[name] = spent.get(name, 0.0) + clock() - began
            yield item
    return wrapper

import dateline.ingest.job as job
import dateline.nlp.analyze as analyze
import dateline.nlp.batch as batch
from dateline.store import Store
from dateline.store.sqlite import Store as SqliteStore
job.read_articles = timed_generator("read and clean", job.read_articles)
analyze.sentence_bounds = timed("split sentences", analyze.sentence_bounds)
analyze.tag = timed("tag time expressions", analyze.tag)
batch.band_keys = timed("duplicate keys", batch.band_keys)
SqliteStore.add_batch = timed("store write", SqliteStore.add_batch)
with Store.open(Path(sys.argv[3])) as store:
    job.ingest(store, [Path(sys.argv[2])], workers=1)
spent["total"] = clock()
json.dump(spent, open(sys.argv[1], "w"))
"""


def data_dir() -> Path:
    return Path(os.environ.get("DATELINE_DATA") or ROOT.parent / "shared" / "data")


def stored_articles(db: Path) -> int:
    with sqlite3.connect(db) as connection:
        return connection.execute("SELECT count(*) FROM articles").fetchone()[0]


# What a store digest covers: every row an ingest writes, in row id order.
STORE_ROWS = (
    "SELECT * FROM articles ORDER BY rowid",
    "SELECT * FROM article_bands ORDER BY article",
    "SELECT rowid, bm25(articles_fts) FROM articles_fts WHERE articles_fts MATCH 'the OR said' ORDER BY rowid",
)


def store_digest(db: Path) -> str:
    """A SHA-256 of ``STORE_ROWS``: equal digests, equal stores."""
    digest = hashlib.sha256()
    with sqlite3.connect(db) as connection:
        for sql in STORE_ROWS:
            for row in connection.execute(sql):
                digest.update(repr(row).encode())
    return digest.hexdigest()


def remove_store(db: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)


def whole_process(source: Path, t17: Path, work: Path) -> tuple[dict[str, float], str]:
    """The run's figures, and the digest of the store it built."""
    db, report = work / "whole.db", work / "whole.json"
    remove_store(db)
    wall, _ = run_python(source, _WHOLE, [str(report), "ingest", str(t17), "--db", str(db), "-q"])
    cpu = json.loads(report.read_text())
    run = {"wall_s": wall, **cpu, "articles": stored_articles(db)}
    digest = store_digest(db)
    remove_store(db)
    return run, digest


def steps(source: Path, t17: Path, work: Path) -> tuple[dict[str, float], str]:
    """CPU ms per article by step, and the digest of the store it built."""
    db, report = work / "steps.db", work / "steps.json"
    remove_store(db)
    run_python(source, _STEPS, [str(report), str(t17), str(db)])
    spent = json.loads(report.read_text())
    articles = stored_articles(db)
    digest = store_digest(db)
    remove_store(db)
    other = spent.pop("total") - sum(spent.values())
    per_article = {name: round(1000 * spent.get(name, 0.0) / articles, 3) for name in STEPS[:-1]}
    per_article["other"] = round(1000 * other / articles, 3)
    per_article["total"] = round(sum(per_article.values()), 3)
    return per_article, digest


def summary(runs: list[dict[str, float]]) -> dict:
    articles = runs[0]["articles"]
    wall = statistics.median(run["wall_s"] for run in runs)
    return {
        "articles_per_s": round(articles / wall, 1),
        "wall_s": round(wall, 3),
        "main_cpu_s": round(statistics.median(run["main_cpu_s"] for run in runs), 3),
        "worker_cpu_s": round(statistics.median(run["worker_cpu_s"] for run in runs), 3),
        "runs": [{key: round(value, 3) for key, value in run.items()} for run in runs],
    }


def table(results: dict) -> str:
    whole = results["whole_process"]
    lines = ["| ingest of Timeline17 | baseline | current |", "|---|---|---|"]
    for key, label in (
        ("articles_per_s", "articles/s (wall clock, median)"),
        ("wall_s", "wall s"),
        ("main_cpu_s", "main process CPU s"),
        ("worker_cpu_s", "worker processes CPU s"),
    ):
        lines.append(f"| {label} | {whole['baseline'][key]} | {whole['current'][key]} |")
    lines.append(f"| speed-up | | {results['speedup']}x |")
    same = results["stores_identical"]
    lines.append(f"| store with workers = store in one process | {same['baseline']} | {same['current']} |")
    lines += ["", "| CPU ms per article (one process) | baseline | current |", "|---|---|---|"]
    steps_ms = results["cpu_ms_per_article_by_step"]
    for name in (*STEPS, "total"):
        lines.append(f"| {name} | {steps_ms['baseline'][name]} | {steps_ms['current'][name]} |")
    return "\n".join(lines)


def in_turns(
    measure: Callable[[Path, Path, Path], tuple[dict[str, float], str]],
    sources: dict[str, Path],
    t17: Path,
    work: Path,
    repeat: int,
) -> tuple[dict[str, list[dict[str, float]]], dict[str, set[str]]]:
    """``measure`` run ``repeat`` times on each source, the sources taking turns so that
    the load of a shared machine falls on both alike: each source's figures, run by run,
    and the digests of the stores it built."""
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in sources}
    digests: dict[str, set[str]] = {name: set() for name in sources}
    for _ in range(repeat):
        for name, source in sources.items():
            figures, digest = measure(source, t17, work)
            runs[name].append(figures)
            digests[name].add(digest)
    return runs, digests


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", default=BASELINE, help="the commit to compare with")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=RESULTS / "ingest_speed.json")
    args = parser.parse_args()
    metadata = run_metadata()
    t17 = data_dir() / "t17"
    if not t17.is_dir():
        sys.exit(f"Timeline17 not found at {t17} (set DATELINE_DATA)")
    with tempfile.TemporaryDirectory(prefix="ingest-speed-") as scratch:
        work = Path(scratch)
        with baseline_source(args.baseline, work / "baseline") as baseline:
            sources = {"baseline": baseline, "current": ROOT / "src"}
            runs, digests = in_turns(whole_process, sources, t17, work, args.repeat)
            step_runs, one_process = in_turns(steps, sources, t17, work, args.repeat)
    by_step = {
        name: {step: round(statistics.median(run[step] for run in name_runs), 3) for step in name_runs[0]}
        for name, name_runs in step_runs.items()
    }
    identical = {name: digests[name] == one_process[name] for name in sources}
    if not identical["current"]:
        sys.exit(
            "the current tree's ingest with workers stored other rows than its ingest in one "
            "process: the speed figures are not written"
        )
    whole = {name: summary(name_runs) for name, name_runs in runs.items()}
    results = {
        "metadata": metadata,
        "baseline_commit": full_commit(args.baseline),
        "articles": runs["current"][0]["articles"],
        "repeat": args.repeat,
        "whole_process": whole,
        "speedup": round(whole["current"]["articles_per_s"] / whole["baseline"]["articles_per_s"], 3),
        "cpu_ms_per_article_by_step": by_step,
        "stores_identical": identical,
        "load_average_1_5_15_at_end": [round(load, 2) for load in os.getloadavg()],
    }
    write_results(args.out, results, RESULT_KEYS[args.out.name])
    print(table(results))
    print(f"\nwritten to {args.out}")


if __name__ == "__main__":
    main()
