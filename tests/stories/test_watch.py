"""``dateline watch`` as a user runs it: a real process watching a folder while files
are dropped into it, a bad one among them, then stopped with SIGTERM; into one store, and
into a folder of shards."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

from planted import ingest, planted_records, stories, write_jsonl

WATCH = [sys.executable, "-c", "from dateline.cli.app import main; main()", "watch"]
DEADLINE_S = 60  # generous: the machine may be busy; the watch polls every 0.2 s


def stored(db: Path) -> tuple[int, int]:
    """Articles stored, and how many of them have a story (a folder of shards: in its
    story index)."""
    if db.is_dir():
        articles = sum(count(path, "SELECT count(*) FROM articles") for path in db.glob("shard-*.db"))
        return articles, count(db / "stories.db", "SELECT count(*) FROM story_articles")
    return count(db, "SELECT count(*) FROM articles"), count(db, "SELECT count(*) FROM story_articles")


def count(db: Path, sql: str) -> int:
    if not db.exists():
        return 0
    with closing(sqlite3.connect(db)) as connection:
        try:
            return connection.execute(sql).fetchone()[0]
        except sqlite3.OperationalError:  # the store is being created
            return 0


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


def start_watch(inbox: Path, db: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*WATCH, str(inbox), "--db", str(db), "--interval", "0.2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def stop_watch(process: subprocess.Popen[str]) -> tuple[str, str]:
    """Stop the watch with SIGTERM, as a service manager does: it exits 0; its output."""
    process.send_signal(signal.SIGTERM)
    stdout, stderr = process.communicate(timeout=DEADLINE_S)
    assert process.returncode == 0, stderr
    assert "Traceback" not in stderr
    return stdout, stderr


def test_watch_ingests_dropped_files_reports_a_bad_one_and_stops_on_sigterm(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    records = planted_records()
    write_jsonl(inbox / "first.jsonl", records[:10])
    db = tmp_path / "watched.db"
    process = start_watch(inbox, db)
    try:
        wait_for(db, 10)
        drop(inbox, "bad.jsonl", '{"date": "2024-05-03", "title": "no text"}\nnot json\n')
        write_jsonl(tmp_path / "second.jsonl", records[10:])
        drop(inbox, "second.jsonl", (tmp_path / "second.jsonl").read_text(encoding="utf-8"))
        wait_for(db, len(records))
    finally:
        stdout, stderr = stop_watch(process)
    assert "bad.jsonl" in stderr and "skipped" in stderr
    assert stdout.splitlines()[-1].endswith("stopped")
    batches = [line.split() for line in stdout.splitlines() if line.split()[1] == "batch:"]
    assert len(batches) >= 2 and sum(int(words[2]) for words in batches) == len(records)


def test_watch_into_a_folder_of_shards_ingests_and_assigns_stories_as_one_store(tmp_path: Path) -> None:
    records = planted_records(spread=6)
    inbox, folder, one = tmp_path / "inbox", tmp_path / "sharded", tmp_path / "one.db"
    inbox.mkdir()
    first = write_jsonl(tmp_path / "first.jsonl", records[:10])
    second = write_jsonl(tmp_path / "second.jsonl", records[10:])
    ingest(folder, first, "--shards", "3")
    process = start_watch(inbox, folder)
    try:
        drop(inbox, "second.jsonl", second.read_text(encoding="utf-8"))
        wait_for(folder, len(records))
    finally:
        stdout, _ = stop_watch(process)
    assert any(line.split()[1:4] == ["batch:", str(len(records) - 10), "added,"] for line in stdout.splitlines())
    ingest(one, first)
    ingest(one, second)
    assert stories(folder) == stories(one)
