"""``dateline watch`` as a user runs it: a real process watching a folder while files
are dropped into it, a bad one among them, then stopped with SIGTERM."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

from planted import planted_records, write_jsonl

WATCH = [sys.executable, "-c", "from dateline.cli.app import main; main()", "watch"]
DEADLINE_S = 60  # generous: the machine may be busy; the watch polls every 0.2 s


def stored(db: Path) -> tuple[int, int]:
    """Articles stored, and how many of them have a story."""
    if not db.exists():
        return 0, 0
    with closing(sqlite3.connect(db)) as connection:
        try:
            return connection.execute("SELECT count(*), (SELECT count(*) FROM story_articles) FROM articles").fetchone()
        except sqlite3.OperationalError:  # the store is being created
            return 0, 0


def wait_for(db: Path, articles: int) -> None:
    deadline = time.monotonic() + DEADLINE_S
    while stored(db) != (articles, articles):
        assert time.monotonic() < deadline, f"the watch did not store {articles} articles: {stored(db)}"
        time.sleep(0.1)


def drop(folder: Path, name: str, text: str) -> None:
    """Write a file as a copy tool does: under another name, then renamed into place."""
    partial = folder.parent / f".{name}.part"
    partial.write_text(text, encoding="utf-8")
    partial.rename(folder / name)


def test_watch_ingests_dropped_files_reports_a_bad_one_and_stops_on_sigterm(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    records = planted_records()
    write_jsonl(inbox / "first.jsonl", records[:10])
    db = tmp_path / "watched.db"
    process = subprocess.Popen(
        [*WATCH, str(inbox), "--db", str(db), "--interval", "0.2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for(db, 10)
        drop(inbox, "bad.jsonl", '{"date": "2024-05-03", "title": "no text"}\nnot json\n')
        write_jsonl(tmp_path / "second.jsonl", records[10:])
        drop(inbox, "second.jsonl", (tmp_path / "second.jsonl").read_text(encoding="utf-8"))
        wait_for(db, len(records))
    finally:
        process.send_signal(signal.SIGTERM)
        stdout, stderr = process.communicate(timeout=DEADLINE_S)
    assert process.returncode == 0, stderr
    assert "bad.jsonl" in stderr and "skipped" in stderr
    assert stdout.splitlines()[-1].endswith("stopped")
    batches = [line.split() for line in stdout.splitlines() if line.split()[1] == "batch:"]
    assert len(batches) >= 2 and sum(int(words[2]) for words in batches) == len(records)
    assert "Traceback" not in stderr
