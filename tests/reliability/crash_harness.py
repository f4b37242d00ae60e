"""Kill an ingest with SIGKILL at a chosen moment, then prove nothing was lost or corrupted.

One crash trial: run the real ``dateline ingest`` in its own process group, wait until
it has opened the store (imports are done, the work begins), sleep ``kill_after``
seconds, ``kill -9`` the whole group (the ingest and its analysis workers), run
``dateline check`` on what is left, re-run the same ingest to completion and compare
the store with one written by an uninterrupted run: the same article ids, each once, and
the same numbers of sentences and time mentions. The test suite runs a few trials on a
Timeline17 subset; ``bench/bench_crash.py`` runs many on all of it.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import time
from collections.abc import Sequence
from contextlib import closing, suppress
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from reliability_support import DATELINE

POLL_SECONDS = 0.002
KILL_WINDOW = 0.95


@dataclass(frozen=True)
class StoreContents:
    """What a store holds, read with plain SQL (not through the code under test); a store
    killed before its tables were created holds nothing."""

    ids: tuple[str, ...]
    sentences: int
    mentions: int

    @classmethod
    def read(cls, db: Path) -> StoreContents:
        if not db.exists():
            return cls((), 0, 0)
        with sqlite3.connect(db) as connection:
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
            if "articles" not in tables:
                return cls((), 0, 0)
            ids = tuple(row[0] for row in connection.execute("SELECT id FROM articles"))
            # An article's sentence spans are an array of int32 pairs (8 bytes), its
            # mentions a JSON array.
            sentences, mentions = connection.execute(
                "SELECT coalesce(sum(length(spans) / 8), 0),"
                " coalesce(sum(json_array_length(mentions)), 0) FROM articles"
            ).fetchone()
        return cls(ids, sentences, mentions)


@dataclass(frozen=True)
class Baseline:
    """An uninterrupted ingest: what it stored, its exit code, and how long its work took
    (from the store being opened to the process exiting)."""

    contents: StoreContents
    exit_code: int
    work_seconds: float


@dataclass(frozen=True)
class Trial:
    """One kill -9 and resume, and everything that was checked after each."""

    kill_after: float
    killed_while_running: bool
    stored_at_kill: int
    consistent_after_kill: bool
    findings_after_kill: list[dict[str, Any]]
    resume_exit_code: int
    resume_seconds: float
    stored_after_resume: int
    lost: int
    duplicated: int
    unexpected: int
    sentences_match: bool
    mentions_match: bool
    consistent_after_resume: bool
    findings_after_resume: list[dict[str, Any]]

    @property
    def ok(self) -> bool:
        return (
            self.consistent_after_kill
            and self.consistent_after_resume
            and not self.lost
            and not self.duplicated
            and not self.unexpected
            and self.sentences_match
            and self.mentions_match
        )

    def to_dict(self) -> dict[str, Any]:
        return asdict(self) | {"ok": self.ok}


def frozen_package(destination: Path) -> str:
    """Copy the ``dateline`` package now into ``destination`` and return a ``PYTHONPATH``
    that makes every ``dateline`` process started afterwards use the copy: edits to the
    working tree during a run (other people's, in a shared checkout) must not make the
    baseline and a resumed ingest analyse articles differently."""
    package = Path(__file__).resolve().parents[2] / "src" / "dateline"
    shutil.copytree(package, destination / "dateline", ignore=shutil.ignore_patterns("__pycache__"))
    return os.pathsep.join(filter(None, [str(destination), os.environ.get("PYTHONPATH")]))


def ingest_command(paths: Sequence[Path], db: Path, options: Sequence[str] = ()) -> list[str]:
    return [*DATELINE, "ingest", *map(str, paths), "--db", str(db), "--quiet", *options]


def run_baseline(paths: Sequence[Path], db: Path, options: Sequence[str] = ()) -> Baseline:
    """Ingest ``paths`` into a new store ``db`` without interruption (``options`` are
    more ``dateline ingest`` options)."""
    process = subprocess.Popen(ingest_command(paths, db, options), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    opened = _wait_for_store(process, db)
    exit_code = process.wait()
    return Baseline(StoreContents.read(db), exit_code, time.monotonic() - opened)


def kill_points(trials: int, work_seconds: float, rng: random.Random) -> list[float]:
    """Stratified random moments: one uniformly random point in each of ``trials`` equal
    slices of the first 95% of the ingest's work, so the kills cover its start, middle
    and end (and rarely come after a run a little faster than the baseline has ended)."""
    width = KILL_WINDOW * work_seconds / trials
    return [(index + rng.random()) * width for index in range(trials)]


def crash_trial(
    paths: Sequence[Path],
    db: Path,
    kill_after: float,
    baseline: Baseline,
    options: Sequence[str] = (),
    from_first_commit: bool = False,
) -> Trial:
    """Ingest into a new store ``db``, kill -9 it ``kill_after`` seconds into its work
    (``from_first_commit``: after its first batch is stored), check the store, resume
    the ingest, and compare with ``baseline``."""
    process = subprocess.Popen(
        ingest_command(paths, db, options), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    _wait_for_store(process, db)
    if from_first_commit:
        _wait_for_a_commit(process, db)
    time.sleep(kill_after)
    killed_while_running = process.poll() is None
    with suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    at_kill = StoreContents.read(db)
    after_kill = check(db)
    started = time.monotonic()
    resume = subprocess.run(ingest_command(paths, db, options), capture_output=True, text=True)
    resume_seconds = time.monotonic() - started
    final = StoreContents.read(db)
    after_resume = check(db)
    expected = set(baseline.contents.ids)
    return Trial(
        kill_after=round(kill_after, 3),
        killed_while_running=killed_while_running,
        stored_at_kill=len(at_kill.ids),
        consistent_after_kill=after_kill["consistent"],
        findings_after_kill=after_kill["findings"],
        resume_exit_code=resume.returncode,
        resume_seconds=round(resume_seconds, 3),
        stored_after_resume=len(final.ids),
        lost=len(expected - set(final.ids)),
        duplicated=len(final.ids) - len(set(final.ids)),
        unexpected=len(set(final.ids) - expected),
        sentences_match=final.sentences == baseline.contents.sentences,
        mentions_match=final.mentions == baseline.contents.mentions,
        consistent_after_resume=after_resume["consistent"],
        findings_after_resume=after_resume["findings"],
    )


def check(db: Path) -> dict[str, Any]:
    """``dateline check --json`` on ``db``; an error (no JSON) counts as inconsistent, with
    the error message as the finding."""
    result = subprocess.run([*DATELINE, "check", "--db", str(db), "--json"], capture_output=True, text=True)
    if result.returncode not in (0, 1) or not result.stdout.strip():
        return {"consistent": False, "findings": [{"error": result.stderr.strip()}]}
    return json.loads(result.stdout)


def _wait_for_store(process: subprocess.Popen[bytes], db: Path) -> float:
    """Wait until ``process`` has created the store file; return that moment."""
    while not db.exists() and process.poll() is None:
        time.sleep(POLL_SECONDS)
    return time.monotonic()


def _wait_for_a_commit(process: subprocess.Popen[bytes], db: Path) -> None:
    """Wait until ``process`` has stored an article in ``db`` (or has ended)."""
    while process.poll() is None:
        with suppress(sqlite3.OperationalError), closing(sqlite3.connect(db)) as connection:
            if connection.execute("SELECT EXISTS (SELECT 1 FROM articles)").fetchone()[0]:
                return
        time.sleep(POLL_SECONDS)
