"""Readers keep answering while an ingest writes, over the CLI's library calls and over
HTTP; two ingests of overlapping files at the same time store each article once."""

from __future__ import annotations

import json
import signal
import socket
import sqlite3
import subprocess
import time
from contextlib import closing, suppress
from pathlib import Path

import httpx
import psutil
import pytest

from reliability_support import DATELINE, run_dateline, stored_ids, write_corpus

from dateline.ingest.job import ingest
from dateline.operations import make_timeline
from dateline.store import Store
from dateline.store.integrity import check_store

QUERY = "council budget"
# A timeline over a few thousand articles takes well under a second; a reader blocked
# by the writer would wait for the store's busy timeout (60 s) instead.
MAX_ANSWER_SECONDS = 30


@pytest.fixture
def seeded(tmp_path: Path) -> Path:
    """A store with 300 articles, and 1,500 more waiting to be ingested into it."""
    db = tmp_path / "store.db"
    with Store.open(db) as store:
        ingest(store, [write_corpus(tmp_path / "first.jsonl", 300)])
    write_corpus(tmp_path / "more.jsonl", 1500, first=300)
    return db


PART, FILE_ARTICLES = 2000, 25  # the concurrent-ingest test's articles per part and per file


def start_ingest(*args: object) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*DATELINE, "ingest", *map(str, args), "--quiet"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def test_timelines_keep_answering_while_an_ingest_writes(seeded: Path) -> None:
    writer = start_ingest(seeded.parent / "more.jsonl", "--db", seeded)
    answers, slowest = 0, 0.0
    while writer.poll() is None:
        started = time.perf_counter()
        with Store.open(seeded, create=False) as store:
            result = make_timeline(store, QUERY, n_dates=5, n_sentences=1)
        slowest = max(slowest, time.perf_counter() - started)
        assert result.timeline.entries
        answers += 1
    assert writer.returncode == 0, writer.stderr.read()
    assert answers >= 2, "the ingest ended before readers could overlap it"
    assert slowest < MAX_ANSWER_SECONDS
    assert len(stored_ids(seeded)) == 1800


def test_the_timeline_command_answers_while_a_write_transaction_is_open(seeded: Path) -> None:
    """Deterministic version of the above: a writer holds the store's write lock, with
    rows written and not committed, for as long as the command runs."""
    writer = sqlite3.connect(seeded, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE articles SET mentions = '[]'")
    try:
        result = run_dateline("timeline", QUERY, "--db", seeded, "--format", "json", timeout=60)
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["entries"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_the_http_api_keeps_answering_while_an_ingest_writes(seeded: Path) -> None:
    port = free_port()
    server = subprocess.Popen(
        [*DATELINE, "serve", "--db", str(seeded), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        with httpx.Client(base_url=base, timeout=MAX_ANSWER_SECONDS) as client:
            _wait_until_up(client, server)
            listening = {c.laddr.ip for c in psutil.Process(server.pid).net_connections() if c.status == "LISTEN"}
            assert listening == {"127.0.0.1"}
            writer = start_ingest(seeded.parent / "more.jsonl", "--db", seeded)
            answers = 0
            while writer.poll() is None:
                params = {"query": QUERY, "dates": 5, "from": f"2020-01-{answers % 28 + 1:02d}"}
                response = client.get("/api/timeline", params=params)
                assert response.status_code == 200 and response.json()["entries"], response.text
                answers += 1
            assert writer.returncode == 0 and answers >= 2
            assert client.get("/api/health").json()["articles"] == 1800
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)


def _wait_until_up(client: httpx.Client, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and server.poll() is None:
        try:
            client.get("/api/health")
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise AssertionError("the server did not start")


def test_two_concurrent_ingests_of_overlapping_files_store_each_article_once(tmp_path: Path) -> None:
    parts = [_folder_of_files(tmp_path / f"part{n}", first=PART * n) for n in range(3)]
    alone = tmp_path / "alone.db"
    with Store.open(alone) as store:
        ingest(store, parts)
    db = tmp_path / "store.db"
    Store.open(db).close()
    # Many small files and small batches: each ingest commits many times (a batch is at
    # most --batch-size files), so the two interleave even when one starts a little later.
    first = start_ingest(parts[0], parts[1], "--db", db, "--batch-size", "2")
    second = start_ingest(parts[2], parts[1], "--db", db, "--batch-size", "2")
    overlapped = _both_had_stored_while_both_ran(db, first, second)
    assert first.wait() == 0 and second.wait() == 0, first.stderr.read() + second.stderr.read()
    assert overlapped, "the ingests did not overlap: one stored nothing until the other had ended"
    ids = stored_ids(db)
    assert len(ids) == len(set(ids)) == 3 * PART
    assert set(ids) == set(stored_ids(alone))
    together, sequential = check_store(db), check_store(alone)
    assert together.consistent
    assert (together.sentences, together.mentions) == (sequential.sentences, sequential.mentions)


def _folder_of_files(folder: Path, first: int) -> Path:
    """``PART`` articles from number ``first`` on, in files of ``FILE_ARTICLES``."""
    folder.mkdir()
    for start in range(first, first + PART, FILE_ARTICLES):
        write_corpus(folder / f"{start:06d}.jsonl", FILE_ARTICLES, first=start)
    return folder


def _both_had_stored_while_both_ran(db: Path, first: subprocess.Popen[str], second: subprocess.Popen[str]) -> bool:
    """Whether, at some moment while both ingests were running, the store held articles
    of each one's own first file (the first ``PART`` items come from ``first`` alone, the
    last ``PART`` from ``second`` alone): both were writing at the same time."""
    while first.poll() is None and second.poll() is None:
        with closing(sqlite3.connect(db)) as connection:
            titles = connection.execute("SELECT title FROM articles")
            numbers = [int(title.removeprefix("Item ")) for (title,) in titles]
        # Read the titles first, then look whether both are still running.
        both_running = first.poll() is None and second.poll() is None
        if both_running and any(n < PART for n in numbers) and any(n >= 2 * PART for n in numbers):
            return True
        time.sleep(0.02)
    return False


def test_killing_an_ingest_leaves_no_worker_processes_behind(seeded: Path) -> None:
    writer = start_ingest(seeded.parent / "more.jsonl", "--db", seeded, "--workers", "2")
    workers = _analysis_workers(writer)
    still_running = writer.poll() is None
    writer.kill()
    writer.wait()
    try:
        assert workers, "the ingest ended without ever running two analysis workers"
        assert still_running, "the ingest ended before it could be killed"
        _, alive = psutil.wait_procs(workers, timeout=3)
        assert alive == []
    finally:
        for worker in workers:
            if worker.is_running():
                worker.kill()


def _analysis_workers(writer: subprocess.Popen[str]) -> list[psutil.Process]:
    """The ingest's child processes once there are two of them; none if it ends first."""
    parent = psutil.Process(writer.pid)
    deadline = time.monotonic() + 30
    while writer.poll() is None and time.monotonic() < deadline:
        with suppress(psutil.NoSuchProcess):
            if len(children := parent.children(recursive=True)) >= 2:
                return children
        time.sleep(0.01)
    return []
