"""Ctrl-C during ``dateline ingest``: the inputs skipped so far and one line saying how
many articles are stored, exit code 130, a consistent store, and the same command run
again adds exactly the rest."""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

ARTICLES = 1000
BATCH = "20"
SECONDS = 180
POLL_SECONDS = 0.01
INTERRUPTED = re.compile(r"interrupted: (\d+) articles stored; run the same command again to finish")
TOWNS = ("Riverton", "Lakeside", "Hillford", "Oakvale", "Stonebridge", "Westmere")


def write_corpus(path: Path) -> None:
    """A record without a date (line 1), then ``ARTICLES`` short articles, each different
    in its words and numbers."""
    with path.open("w", encoding="utf-8") as out:
        out.write(json.dumps({"title": "Undated", "text": "The council met."}) + "\n")
        for i in range(ARTICLES):
            day = f"{2000 + i // 336}-{1 + i // 28 % 12:02d}-{1 + i % 28:02d}"
            town = TOWNS[i % len(TOWNS)]
            out.write(
                json.dumps(
                    {
                        "date": day,
                        "title": f"{town} council, meeting {i}",
                        "text": f"The {town} council met on {day} and agreed plan {i * 7919 % 10007}. "
                        f"Residents said work {i} would start on Friday.",
                    }
                )
                + "\n"
            )


def stored(db: Path) -> int:
    """Articles in the store, read with plain SQL (0 before its tables exist)."""
    if not db.exists():
        return 0
    with closing(sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)) as connection:
        try:
            return connection.execute("SELECT count(*) FROM articles").fetchone()[0]
        except sqlite3.OperationalError:  # no tables yet
            return 0


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def dateline(*args: str) -> list[str]:
    return [sys.executable, "-c", "from dateline.cli.app import main; main()", *args]


def test_ctrl_c_says_what_is_stored_and_the_same_command_finishes_the_rest(tmp_path: Path) -> None:
    corpus, db = tmp_path / "council.jsonl", tmp_path / "council.db"
    write_corpus(corpus)
    command = dateline("ingest", str(corpus), "--db", str(db), "--quiet", "--workers", "1", "--batch-size", BATCH)
    # Its own process group, as a shell runs a command, so that Ctrl-C reaches the ingest
    # and its analysis worker alike; SIGINT as a terminal leaves it (a test run in the
    # background of a script has it ignored, and a child would inherit that).
    ingest = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        preexec_fn=_default_sigint,
    )
    deadline = time.monotonic() + SECONDS
    while stored(db) == 0 and ingest.poll() is None and time.monotonic() < deadline:
        time.sleep(POLL_SECONDS)
    os.killpg(ingest.pid, signal.SIGINT)
    out, err = ingest.communicate(timeout=SECONDS)

    assert ingest.returncode == 130, err
    assert out == ""
    *skipped, last = err.splitlines()
    assert len(skipped) == 1 and skipped[0].startswith(f"skipped {corpus}:1: "), err
    reported = INTERRUPTED.fullmatch(last)
    assert reported, err
    kept = int(reported[1])
    assert kept == stored(db) and 0 < kept < ARTICLES

    check = subprocess.run(dateline("check", "--db", str(db)), capture_output=True, text=True, timeout=SECONDS)
    assert check.returncode == 0 and "consistent" in check.stdout, check.stdout + check.stderr

    again = subprocess.run(command, capture_output=True, text=True, timeout=SECONDS)
    assert again.returncode == 3, again.stderr
    assert again.stdout.startswith(f"{ARTICLES - kept} articles added, {kept} already stored, 1 inputs skipped")
    assert stored(db) == ARTICLES
