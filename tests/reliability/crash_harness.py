"""Kill an ingest with SIGKILL at a chosen moment, then prove nothing was lost or corrupted.

One crash trial: run the real ``dateline ingest`` in its own process group, wait until
it has created the store (imports are done, the work begins), sleep ``kill_after``
seconds, ``kill -9`` the whole group (the ingest and every process it started: its
analysis workers, or a local Dask cluster's workers, which write the shards of a sharded
store), make sure none of them is left running, run ``dateline check`` on what is left,
re-run the same ingest to completion and compare the store with one written by an
uninterrupted run: the same article ids, each once, and the same numbers of sentences
and time mentions. The store is one file or a folder of shards (``Mode``); a folder is
read as the sum of its shards. The test suite runs a few trials on a Timeline17 subset;
``bench/bench_crash.py`` runs many on all of it.
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

import psutil

from reliability_support import DATELINE

POLL_SECONDS = 0.002
KILL_WINDOW = 0.95
# How long the processes of a killed ingest may take to be gone: SIGKILL is delivered at
# once, but a process in the middle of a disk write ends when the write returns.
GONE_WITHIN_SECONDS = 5.0


@dataclass(frozen=True)
class Mode:
    """The kind of ingest the trials kill: into one store file, or into a folder of
    ``shards`` (docs/sharding.md); with ``dask_workers``, on a local Dask cluster of that
    many worker processes (``--dask local``), which then also write the shards."""

    shards: int | None = None
    dask_workers: int | None = None

    @property
    def name(self) -> str:
        """``file``, ``sharded``, ``file-dask`` or ``sharded-dask``."""
        return ("sharded" if self.shards else "file") + ("-dask" if self.dask_workers else "")

    def options(self) -> list[str]:
        """The ``dateline ingest`` options of this mode."""
        sharding = ["--shards", str(self.shards)] if self.shards else []
        dask = ["--dask", "local", "--workers", str(self.dask_workers)] if self.dask_workers else []
        return sharding + dask

    def store(self, folder: Path, name: str) -> Path:
        """The ``--db`` of a store called ``name`` in ``folder``: a file, or a folder of shards."""
        return folder / (name if self.shards else f"{name}.db")

    def created(self, db: Path) -> Path:
        """The file whose appearance says the ingest has created the store ``db`` (a
        sharded store's manifest, written before its shards)."""
        return db / "manifest.json" if self.shards else db


FILE = Mode()


def store_files(db: Path) -> list[Path]:
    """The SQLite files of the store ``db`` that exist: the file itself, or a folder's shards."""
    if db.is_dir():
        return sorted(db.glob("shard-*.db"))
    return [db] if db.exists() else []


def remove_store(db: Path) -> None:
    """Delete the store ``db`` with its -wal and -shm files, or the folder of shards."""
    if db.is_dir():
        shutil.rmtree(db)
        return
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)


@dataclass(frozen=True)
class StoreContents:
    """What a store holds, read with plain SQL (not through the code under test): of a
    folder of shards, every shard's ids (repeats kept) and the sums of their sentences and
    mentions. A store killed before its tables were created holds nothing."""

    ids: tuple[str, ...]
    sentences: int
    mentions: int

    @classmethod
    def read(cls, db: Path) -> StoreContents:
        parts = [cls._read_file(path) for path in store_files(db)]
        return cls(
            tuple(id_ for part in parts for id_ in part.ids),
            sum(part.sentences for part in parts),
            sum(part.mentions for part in parts),
        )

    @classmethod
    def _read_file(cls, db: Path) -> StoreContents:
        with closing(sqlite3.connect(db)) as connection:
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
    (from the store being created to the process exiting)."""

    contents: StoreContents
    exit_code: int
    work_seconds: float


@dataclass(frozen=True)
class Trial:
    """One kill -9 and resume, and everything that was checked after each.
    ``processes_killed``: how many processes the kill hit (the ingest and those it had
    started); ``left_running``: the command lines of those still running
    ``GONE_WITHIN_SECONDS`` after the kill (each then killed by itself, before the check);
    ``resume_error``: the end of what the resume wrote to stderr when it did not exit as
    the uninterrupted run did."""

    kill_after: float
    killed_while_running: bool
    processes_killed: int
    left_running: list[str]
    stored_at_kill: int
    consistent_after_kill: bool
    findings_after_kill: list[dict[str, Any]]
    resume_exit_code: int
    resume_error: str
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
            not self.left_running
            and self.consistent_after_kill
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


def ingest_command(paths: Sequence[Path], db: Path, options: Sequence[str] = (), mode: Mode = FILE) -> list[str]:
    return [*DATELINE, "ingest", *map(str, paths), "--db", str(db), "--quiet", *mode.options(), *options]


def run_baseline(paths: Sequence[Path], db: Path, options: Sequence[str] = (), mode: Mode = FILE) -> Baseline:
    """Ingest ``paths`` into a new store ``db`` without interruption (``options`` are
    more ``dateline ingest`` options)."""
    process = subprocess.Popen(
        ingest_command(paths, db, options, mode), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    opened = _wait_for_store(process, mode.created(db))
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
    mode: Mode = FILE,
) -> Trial:
    """Ingest into a new store ``db``, kill -9 it ``kill_after`` seconds into its work
    (``from_first_commit``: after its first batch is stored), check the store, resume
    the ingest, and compare with ``baseline``."""
    command = ingest_command(paths, db, options, mode)
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    _wait_for_store(process, mode.created(db))
    if from_first_commit:
        _wait_for_a_commit(process, db)
    time.sleep(kill_after)
    killed_while_running = process.poll() is None
    processes_killed, left_running = kill_group(process)
    at_kill = StoreContents.read(db)
    after_kill = check(db)
    started = time.monotonic()
    resume = subprocess.run(command, capture_output=True, text=True)
    resume_seconds = time.monotonic() - started
    final = StoreContents.read(db)
    after_resume = check(db)
    expected = set(baseline.contents.ids)
    return Trial(
        kill_after=round(kill_after, 3),
        killed_while_running=killed_while_running,
        processes_killed=processes_killed,
        left_running=left_running,
        stored_at_kill=len(at_kill.ids),
        consistent_after_kill=after_kill["consistent"],
        findings_after_kill=after_kill["findings"],
        resume_exit_code=resume.returncode,
        resume_error="" if resume.returncode == baseline.exit_code else _tail(resume.stderr),
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


def kill_group(process: subprocess.Popen[bytes]) -> tuple[int, list[str]]:
    """``kill -9`` the process group that ``process`` leads, and wait until every process
    of it is gone: those in the group, and those ``process`` started that might have left
    it. Return how many processes were running when the kill was sent, and the command
    lines of any still running ``GONE_WITHIN_SECONDS`` later (a writer that outlives the
    kill would go on writing into the store being checked); each of those is then killed
    by itself."""
    started: list[psutil.Process] = []
    with suppress(psutil.NoSuchProcess):
        started = [psutil.Process(process.pid), *psutil.Process(process.pid).children(recursive=True)]
    hit = len(_running(started))
    with suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + GONE_WITHIN_SECONDS
    running = _running(list(dict.fromkeys([*started[1:], *_group_members(process.pid)])))
    while running and time.monotonic() < deadline:
        time.sleep(POLL_SECONDS)
        running = _running(running)
    left = [" ".join(_command_line(survivor)) for survivor in running]
    for survivor in running:
        with suppress(psutil.NoSuchProcess):
            survivor.kill()
    return hit, left


def check(db: Path) -> dict[str, Any]:
    """``dateline check --json`` on ``db``; an error (no JSON) counts as inconsistent, with
    the error message as the finding. A folder of shards is consistent when every shard
    is; each finding names its shard."""
    result = subprocess.run([*DATELINE, "check", "--db", str(db), "--json"], capture_output=True, text=True)
    if result.returncode not in (0, 1) or not result.stdout.strip():
        return {"consistent": False, "findings": [{"error": result.stderr.strip()}]}
    report = json.loads(result.stdout)
    if "shards" not in report:
        return report
    return {
        "consistent": all(shard["consistent"] for shard in report["shards"]),
        "findings": [finding | {"shard": shard["path"]} for shard in report["shards"] for finding in shard["findings"]],
    }


def _tail(text: str, lines: int = 5) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


def _group_members(group: int) -> list[psutil.Process]:
    """The processes of process group ``group``."""
    members = []
    for candidate in psutil.process_iter():
        with suppress(psutil.NoSuchProcess, ProcessLookupError):
            if os.getpgid(candidate.pid) == group:
                members.append(candidate)
    return members


def _running(processes: Sequence[psutil.Process]) -> list[psutil.Process]:
    """Those of ``processes`` not yet ended (a zombie has ended: it only waits to be reaped)."""
    alive = []
    for candidate in processes:
        with suppress(psutil.NoSuchProcess):
            if candidate.is_running() and candidate.status() != psutil.STATUS_ZOMBIE:
                alive.append(candidate)
    return alive


def _command_line(process: psutil.Process) -> list[str]:
    try:
        return process.cmdline() or [process.name()]
    except psutil.Error:
        return [f"pid {process.pid}"]


def _wait_for_store(process: subprocess.Popen[bytes], created: Path) -> float:
    """Wait until ``process`` has created the file ``created``; return that moment."""
    while not created.exists() and process.poll() is None:
        time.sleep(POLL_SECONDS)
    return time.monotonic()


def _wait_for_a_commit(process: subprocess.Popen[bytes], db: Path) -> None:
    """Wait until ``process`` has stored an article in ``db`` (any shard of a folder), or has ended."""
    while process.poll() is None:
        for path in store_files(db):
            with suppress(sqlite3.OperationalError), closing(sqlite3.connect(path)) as connection:
                if connection.execute("SELECT EXISTS (SELECT 1 FROM articles)").fetchone()[0]:
                    return
        time.sleep(POLL_SECONDS)
