"""Helpers shared by the reliability tests: generated corpora, and the real ``dateline``
command run as a separate process (so it can be killed)."""

from __future__ import annotations

import datetime as dt
import json
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

# The three smallest Timeline17 topics (340 articles): a real corpus, ingested in seconds.
T17_SUBSET = ("H1N1_guardian", "H1N1_bbc", "MJ_bbc")
DATELINE = [sys.executable, "-c", "from dateline.cli.app import main; main()"]


WORDS = (
    "council minister bridge harbour election budget court strike flood rail school hospital "
    "treaty summit tariff vaccine drought port festival museum airline factory mine reactor "
    "protest senate governor union bank market storm wildfire pipeline dam satellite ferry"
).split()
WHEN = ("On Monday", "Last month", "On March 3, 2020", "Next week", "In 2019", "Yesterday")


def write_corpus(path: Path, count: int, first: int = 0, first_day: dt.date = dt.date(2020, 1, 1)) -> Path:
    """A JSONL file of articles ``first`` to ``first + count - 1``: each distinct (words
    drawn at random, seeded by its number, so no two are near-duplicates), dated, and
    with time expressions in it. The same number always gives the same article."""
    with path.open("w", encoding="utf-8") as out:
        for number in range(first, first + count):
            rng = random.Random(number)
            day = first_day + dt.timedelta(days=number % 365)
            sentences = [
                f"{rng.choice(WHEN)} the {' '.join(rng.sample(WORDS, 6))} report {number} was published."
                for _ in range(3)
            ]
            record = {"date": day.isoformat(), "text": " ".join(sentences), "title": f"Item {number}"}
            out.write(json.dumps(record) + "\n")
    return path


def run_dateline(*args: object, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run the real ``dateline`` command in a new process and wait for it."""
    return subprocess.run([*DATELINE, *map(str, args)], capture_output=True, text=True, timeout=timeout)


def stored_ids(db: Path) -> list[str]:
    """Every stored article id, duplicates included (read without dateline's own code)."""
    with sqlite3.connect(db) as connection:
        return [row[0] for row in connection.execute("SELECT id FROM articles")]
