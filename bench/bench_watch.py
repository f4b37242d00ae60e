"""How soon a file dropped into a watched folder is searchable (issue 23: within twice the
interval).

    .venv/bin/python bench/bench_watch.py [--interval 2] [--drops 5] [--work /tmp/watch-bench]

Starts a real ``dateline watch FOLDER --interval S`` on a new store, then drops
``--drops`` files of one dated article each (written under another name and renamed into
place, as a copy tool does), one at a time. After each drop it asks the store every 50 ms
whether the article's unique word is found by full-text search, and records the seconds
from the drop to that moment, and that time over the interval. Stops the watch with
SIGTERM. Writes bench/results/watch.json and prints the figures.
"""

from __future__ import annotations

import argparse
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

from run_metadata import ROOT, run_metadata, write_results

RESULTS = ROOT / "bench" / "results" / "watch.json"
RESULT_KEYS = {
    "watch.json": ("metadata", "interval_s", "drops", "seconds_to_searchable", "ratio_to_interval", "max_ratio")
}
WATCH = [sys.executable, "-c", "from dateline.cli.app import main; main()", "watch"]
GIVE_UP_S = 120.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interval", type=float, default=2.0)
    parser.add_argument("--drops", type=int, default=5)
    parser.add_argument("--work", type=Path, default=Path("/tmp/watch-bench"))
    args = parser.parse_args()
    metadata = run_metadata()
    shutil.rmtree(args.work, ignore_errors=True)
    inbox, db = args.work / "inbox", args.work / "watch.db"
    inbox.mkdir(parents=True)
    watch = subprocess.Popen(
        [*WATCH, str(inbox), "--db", str(db), "--interval", str(args.interval)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        time.sleep(2 * args.interval)  # the first look, on an empty folder
        seconds = [drop_and_wait(inbox, db, index) for index in range(args.drops)]
    finally:
        watch.send_signal(signal.SIGTERM)
        watch.wait(timeout=60)
    ratios = [round(value / args.interval, 2) for value in seconds]
    results = {
        "metadata": metadata,
        "interval_s": args.interval,
        "drops": args.drops,
        "seconds_to_searchable": [round(value, 2) for value in seconds],
        "ratio_to_interval": ratios,
        "max_ratio": max(ratios),
    }
    write_results(RESULTS, results, RESULT_KEYS["watch.json"])
    print(f"interval {args.interval} s: searchable after {results['seconds_to_searchable']} s; max {max(ratios)}x")


def drop_and_wait(inbox: Path, db: Path, index: int) -> float:
    """Drop one article with a unique word and return the seconds until a search finds it."""
    word = f"zebrafinch{index}"
    text = f"Officials in the capital confirmed the {word} agreement on Tuesday, reporters said.\n"
    partial = inbox.parent / f".drop{index}.part"
    partial.write_text(f"date 2024-03-{index + 10:02d}\n{text}", encoding="utf-8")
    started = time.monotonic()
    partial.rename(inbox / f"2024-03-{index + 10:02d}-drop{index}.txt")
    while not found(db, word):
        if time.monotonic() - started > GIVE_UP_S:
            raise SystemExit(f"the watch did not store drop {index} within {GIVE_UP_S:.0f} s")
        time.sleep(0.05)
    return time.monotonic() - started


def found(db: Path, word: str) -> bool:
    if not db.exists():
        return False
    try:
        with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)) as connection:
            hit = connection.execute("SELECT 1 FROM articles_fts WHERE articles_fts MATCH ?", [word]).fetchone()
            return hit is not None
    except sqlite3.OperationalError:  # the store is being created or upgraded
        return False


if __name__ == "__main__":
    main()
