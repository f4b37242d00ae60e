"""Crash safety (issues 7 and 24): kill -9 an ingest of all Timeline17 at random points.

    .venv/bin/python bench/bench_crash.py [--trials 20] [--seed N]
        [--store file|sharded|sharded-dask] [--shards 4] [--workers 2]

``--store`` is what the ingest writes: one store file (``crash.json``), a folder of
``--shards`` shards written by the ingest process (``crash_sharded.json``), or one
written on a local Dask cluster of ``--workers`` worker processes, each shard by a
worker (``--dask local``, ``crash_sharded_dask.json``). Each mode writes its own file,
whole, so every file is the output of one command.

1. Baseline: ``dateline ingest`` of all Timeline17 (``$DATELINE_DATA/t17``, default
   ``../shared/data``) into a new store, uninterrupted: the article ids, the numbers of
   sentences and time mentions (summed over the shards), the exit code, and how long its
   work takes (from the store file, or a folder's manifest, appearing to the process
   exiting).
2. ``--trials`` times: a new store, the same ingest, and ``kill -9`` of its whole process
   group (the ingest and its analysis workers, or its Dask workers) at a stratified
   random moment (one in each of ``--trials`` equal slices of the baseline's work; a run
   that ends before its kill is repeated with an earlier one); a look for any process of
   the killed run still running (then killed, and the trial fails); then ``dateline
   check --json`` (every shard); then the same ingest again, to completion; then
   ``dateline check --json`` again.
3. Per trial: articles stored at the kill, processes killed and left running, lost
   (baseline ids missing after the resume), duplicated (ids stored twice, in one shard
   or two), unexpected (ids the baseline does not have), whether the sentence and
   mention counts equal the baseline's, both check results, timings.

Every ``dateline`` process runs on a copy of the package taken at the start (see
``frozen_package``). Prints a table. The trials are those of
``tests/reliability/test_crash_safety.py`` (which runs a few on a Timeline17 subset): the
procedure lives in ``tests/reliability/crash_harness.py``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
RESULTS = BENCH / "results"
sys.path.insert(0, str(BENCH.parent / "tests" / "reliability"))

from crash_harness import Mode, crash_trial, frozen_package, kill_points, remove_store, run_baseline  # noqa: E402
from run_metadata import run_metadata, write_results  # noqa: E402

# A run faster than the baseline (the machine's load varies) may end before its kill; the
# trial is then repeated with an earlier kill, so that every trial is a real crash.
RETRIES = 3
RETRY_FACTOR = 0.7
RESULT_FILES = {"file": "crash.json", "sharded": "crash_sharded.json", "sharded-dask": "crash_sharded_dask.json"}
RESULT_KEYS = {
    "crash*.json": (
        "metadata",
        "load_average_1_5_15_at_end",
        "corpus",
        "mode",
        "seed",
        "baseline",
        "summary",
        "trials_detail",
        "seconds",
    )
}


def data_dir() -> Path:
    return Path(os.environ.get("DATELINE_DATA") or BENCH.parent.parent / "shared" / "data")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--seed", type=int, default=None, help="Seed of the kill moments (default: random).")
    parser.add_argument("--store", choices=sorted(RESULT_FILES), default="file", help="What the ingest writes.")
    parser.add_argument("--shards", type=int, default=4, help="Shards of a sharded store.")
    parser.add_argument("--workers", type=int, default=2, help="Dask workers of --store sharded-dask.")
    args = parser.parse_args()
    mode = Mode(
        shards=args.shards if args.store != "file" else None,
        dask_workers=args.workers if args.store == "sharded-dask" else None,
    )
    output = RESULTS / RESULT_FILES[args.store]
    corpus = data_dir() / "t17"
    if not corpus.is_dir():
        sys.exit(f"Timeline17 not found at {corpus} (set DATELINE_DATA)")
    seed = args.seed if args.seed is not None else random.randrange(1 << 32)
    metadata = run_metadata()
    with tempfile.TemporaryDirectory(prefix="dateline-bench-crash-") as scratch:
        work = Path(scratch)
        os.environ["PYTHONPATH"] = frozen_package(work / "code")
        started = time.monotonic()
        baseline = run_baseline([corpus], mode.store(work, "baseline"), mode=mode)
        print(
            f"baseline: {len(baseline.contents.ids)} articles, {baseline.contents.sentences} sentences, "
            f"{baseline.contents.mentions} mentions, exit {baseline.exit_code}, "
            f"{baseline.work_seconds:.1f} s of work",
            flush=True,
        )
        if not baseline.contents.ids:
            sys.exit(f"the uninterrupted ingest of {corpus} stored nothing: no trial would test anything")
        trials = []
        for index, kill_after in enumerate(kill_points(args.trials, baseline.work_seconds, random.Random(seed))):
            for attempt in range(RETRIES + 1):  # noqa: B007 (read after the loop: the attempts made)
                db = mode.store(work, f"trial{index}")
                remove_store(db)
                trial = crash_trial([corpus], db, kill_after, baseline, mode=mode).to_dict()
                print(_row(index, trial), flush=True)
                if trial["killed_while_running"]:
                    break
                kill_after *= RETRY_FACTOR
            trials.append(trial | {"attempts": attempt + 1})
        elapsed = time.monotonic() - started
    summary = {
        "trials": len(trials),
        "ok": sum(trial["ok"] for trial in trials),
        "killed_while_running": sum(trial["killed_while_running"] for trial in trials),
        "processes_killed_range": [
            min(t["processes_killed"] for t in trials),
            max(t["processes_killed"] for t in trials),
        ],
        "processes_left_running": sum(len(trial["left_running"]) for trial in trials),
        "lost": sum(trial["lost"] for trial in trials),
        "duplicated": sum(trial["duplicated"] for trial in trials),
        "unexpected": sum(trial["unexpected"] for trial in trials),
        "consistent_after_kill": sum(trial["consistent_after_kill"] for trial in trials),
        "consistent_after_resume": sum(trial["consistent_after_resume"] for trial in trials),
        "derived_data_matches": sum(trial["sentences_match"] and trial["mentions_match"] for trial in trials),
        "stored_at_kill_range": [min(t["stored_at_kill"] for t in trials), max(t["stored_at_kill"] for t in trials)],
        "resume_seconds_mean": round(sum(t["resume_seconds"] for t in trials) / len(trials), 2),
    }
    result = {
        "metadata": metadata,
        "load_average_1_5_15_at_end": [round(load, 2) for load in os.getloadavg()],
        "corpus": str(corpus),
        "mode": {
            "store": args.store,
            "shards": mode.shards,
            "dask_workers": mode.dask_workers,
            "options": mode.options(),
        },
        "seed": seed,
        "baseline": {
            "articles": len(baseline.contents.ids),
            "sentences": baseline.contents.sentences,
            "mentions": baseline.contents.mentions,
            "exit_code": baseline.exit_code,
            "work_seconds": round(baseline.work_seconds, 2),
        },
        "summary": summary,
        "trials_detail": trials,
        "seconds": round(elapsed, 1),
    }
    write_results(output, result, RESULT_KEYS["crash*.json"])
    print(json.dumps(summary, indent=2))
    print(f"wrote {output}")
    sys.exit(0 if summary["ok"] == summary["trials"] else 1)


def _row(index: int, trial: dict) -> str:
    return (
        f"trial {index:2d}: kill at {trial['kill_after']:6.2f} s "
        f"({'running' if trial['killed_while_running'] else 'done   '}), "
        f"{trial['processes_killed']} processes killed, {len(trial['left_running'])} left running, "
        f"{trial['stored_at_kill']:5d} stored, check {'ok' if trial['consistent_after_kill'] else 'FAIL'}; "
        f"resume (exit {trial['resume_exit_code']}) {trial['resume_seconds']:5.1f} s "
        f"-> {trial['stored_after_resume']} stored, "
        f"lost {trial['lost']}, duplicated {trial['duplicated']}, unexpected {trial['unexpected']}, "
        f"derived {'ok' if trial['sentences_match'] and trial['mentions_match'] else 'DIFFERENT'}, "
        f"check {'ok' if trial['consistent_after_resume'] else 'FAIL'}"
    )


if __name__ == "__main__":
    main()
