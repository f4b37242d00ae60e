"""Helpers shared by the reliability tests: generated corpora, and the real ``dateline``
command run as a separate process (so it can be killed)."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

# The three smallest Timeline17 topics (340 articles): a real corpus, ingested in seconds.
T17_SUBSET = ("H1N1_guardian", "H1N1_bbc", "MJ_bbc")
DATELINE = [sys.executable, "-c", "from dateline.cli.app import main; main()"]


def write_corpus(path: Path, count: int, first_day: dt.date = dt.date(2020, 1, 1)) -> Path:
    """A JSONL file of ``count`` distinct dated articles with time expressions in them."""
    with path.open("w", encoding="utf-8") as out:
        for number in range(count):
            day = first_day + dt.timedelta(days=number % 365)
            text = (f"Report {number}. On Monday the council met about item {number}. "
                    f"It will meet again next month, and on {day:%B} {day.day + 0} too.")
            out.write(json.dumps({"date": day.isoformat(), "text": text, "title": f"Item {number}"}) + "\n")
    return path


def run_dateline(*args: object, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run the real ``dateline`` command in a new process and wait for it."""
    return subprocess.run([*DATELINE, *map(str, args)], capture_output=True, text=True, timeout=timeout)


def stored_ids(db: Path) -> list[str]:
    """Every stored article id, duplicates included (read without dateline's own code)."""
    with sqlite3.connect(db) as connection:
        return [row[0] for row in connection.execute("SELECT id FROM articles")]
