"""kill -9 during an ingest into a sharded store: every shard is left consistent, and
re-running the same ingest ends with exactly the articles of an uninterrupted run, each
stored once."""

from __future__ import annotations

import sqlite3
import subprocess
import time
from contextlib import closing
from pathlib import Path

import pytest

from reliability_support import DATELINE, run_dateline, write_corpus

from dateline.store.integrity import check_store

ARTICLES = 1200
SHARDS = 4
OPTIONS = ("--shards", str(SHARDS), "--batch-size", "16", "--workers", "1", "--quiet")
WAIT_SECONDS = 120


def shard_ids(folder: Path) -> list[str]:
    """Every article id stored in any shard, repeats included."""
    ids: list[str] = []
    for path in sorted(folder.glob("shard-*.db")):
        with closing(sqlite3.connect(path)) as db:
            ids += [row[0] for row in db.execute("SELECT id FROM articles")]
    return ids


def stored_count(folder: Path) -> int:
    try:
        return len(shard_ids(folder))
    except sqlite3.OperationalError:  # a shard being created
        return 0


def kill_after_some_commits(corpus: Path, folder: Path) -> int:
    """Start the ingest, kill -9 it once some batches are stored; how many were."""
    process = subprocess.Popen([*DATELINE, "ingest", str(corpus), "--db", str(folder), *OPTIONS])
    deadline = time.monotonic() + WAIT_SECONDS
    try:
        while stored_count(folder) < 64 and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        process.kill()
        process.wait()
    return stored_count(folder)


@pytest.mark.slow
def test_kill_9_leaves_every_shard_consistent_and_a_rerun_completes_it(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "articles.jsonl", ARTICLES)
    baseline = run_dateline("ingest", corpus, "--db", tmp_path / "baseline", *OPTIONS)
    assert baseline.returncode == 0, baseline.stderr
    expected = sorted(shard_ids(tmp_path / "baseline"))
    assert len(expected) == ARTICLES

    folder = tmp_path / "killed"
    stored = kill_after_some_commits(corpus, folder)
    assert 0 < stored < ARTICLES, "the kill did not land mid-ingest"
    for path in sorted(folder.glob("shard-*.db")):
        assert check_store(path).consistent, path

    resumed = run_dateline("ingest", corpus, "--db", folder, *OPTIONS)
    assert resumed.returncode == 0, resumed.stderr
    assert f"{ARTICLES - stored} articles added, {stored} already stored" in resumed.stdout
    assert sorted(shard_ids(folder)) == expected
    for path in sorted(folder.glob("shard-*.db")):
        assert check_store(path).consistent, path
