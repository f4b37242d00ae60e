"""A store this user may not write (the file, or the folder it is in, is read-only): the
commands that write say so in one ``Error:`` line, the commands that read (``check``
among them, but for the full-text index's content) work.

These run ``dateline`` in a process of its own without the power to write what is
read-only: as root (CI, containers) that power is a capability, dropped from the child's
bounding set before it starts, so the child sees file permissions as any user does."""

from __future__ import annotations

import ctypes
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dateline.cli.app import app

PR_CAPBSET_DROP = 24
WRITE_OVERRIDES = (1, 2)  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
SECONDS = 120

RECORDS = [
    {
        "date": "2024-03-01",
        "title": "Bridge closes",
        "text": "The Riverton bridge closed on March 1, 2024 for repairs. The council met on Friday.",
    },
    {
        "date": "2024-04-10",
        "title": "Bridge reopens",
        "text": "The Riverton bridge reopened on April 9, 2024. Traffic returned the next day.",
    },
]
NEW_RECORD = {"date": "2024-05-02", "text": "The Riverton bridge got a new lamp on May 1, 2024."}


def _drop_write_overrides() -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in WRITE_OVERRIDES:
        if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def dateline(*args: str) -> subprocess.CompletedProcess[str]:
    """``dateline *args`` in a child process that file permissions bind."""
    return subprocess.run(
        [sys.executable, "-c", "from dateline.cli.app import main; main()", *args],
        capture_output=True,
        text=True,
        timeout=SECONDS,
        preexec_fn=_drop_write_overrides if os.geteuid() == 0 else None,
    )


@pytest.fixture(scope="module", autouse=True)
def _permissions_bind_the_child() -> None:
    try:
        probe = dateline("methods")
    except subprocess.SubprocessError as error:
        pytest.skip(f"cannot start a child without the power to override permissions: {error}")
    assert probe.returncode == 0, probe.stderr


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Path]:
    """A store of two articles in a folder of its own; permissions restored afterwards."""
    folder = tmp_path / "stores"
    folder.mkdir()
    corpus = tmp_path / "bridge.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    db = folder / "bridge.db"
    result = CliRunner().invoke(app, ["ingest", str(corpus), "--db", str(db), "--quiet", "--workers", "1"])
    assert result.exit_code == 0, result.output
    (tmp_path / "new.jsonl").write_text(json.dumps(NEW_RECORD) + "\n", encoding="utf-8")
    yield db
    folder.chmod(0o755)
    db.chmod(0o644)


def make_read_only(db: Path, what: str) -> None:
    db.chmod(0o444)
    if what == "folder":
        db.parent.chmod(0o555)


def test_ingest_into_a_read_only_file_is_one_error_line_and_stores_nothing(store: Path) -> None:
    make_read_only(store, "file")
    result = dateline("ingest", str(store.parent.parent / "new.jsonl"), "--db", str(store), "--quiet")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [f"Error: {store}: cannot write to the store: the file is read-only"]
    assert json.loads(dateline("articles", "--db", str(store), "--format", "json").stdout)["total"] == 2


def test_ingest_into_a_store_in_a_read_only_folder_names_the_folder(store: Path) -> None:
    store.parent.chmod(0o555)
    result = dateline("ingest", str(store.parent.parent / "new.jsonl"), "--db", str(store), "--quiet")
    assert result.returncode == 1
    [line] = result.stderr.splitlines()
    assert line.startswith(f"Error: {store}: cannot write to the store: its folder {store.parent} is read-only")


def test_check_repair_of_a_read_only_store_is_one_error_line(store: Path) -> None:
    make_read_only(store, "file")
    result = dateline("check", "--repair", "--db", str(store))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [f"Error: {store}: cannot write to the store: the file is read-only"]


@pytest.mark.parametrize("what", ["file", "folder"])
def test_reading_commands_work_on_a_read_only_store(store: Path, what: str) -> None:
    make_read_only(store, what)
    timeline = dateline("timeline", "bridge", "--db", str(store), "--format", "json")
    assert timeline.returncode == 0, timeline.stderr
    assert {entry["date"] for entry in json.loads(timeline.stdout)["entries"]} >= {"2024-03-01", "2024-04-09"}
    collections = dateline("collections", "--db", str(store), "--format", "json")
    assert collections.returncode == 0, collections.stderr
    assert json.loads(collections.stdout)["total"] == 2
    check = dateline("check", "--db", str(store))
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout.splitlines()[0].startswith(f"{store}: consistent (")
    assert "not checked: the full-text index's content (the store is read-only" in check.stdout
    if what == "folder":  # nothing could be created there, and nothing was
        assert sorted(path.name for path in store.parent.iterdir()) == [store.name]


@pytest.mark.parametrize("what", ["file", "folder"])
def test_serve_read_only_serves_a_read_only_store(store: Path, what: str) -> None:
    """``serve --read-only`` needs no write access to a store that exists: an archive on
    read-only media can be shared; a server that accepts writes is refused (above)."""
    make_read_only(store, what)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from dateline.cli.app import main; main()",
            "serve",
            "--db",
            str(store),
            "--read-only",
            "--port",
            str(port),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_drop_write_overrides if os.geteuid() == 0 else None,
    )
    try:
        answer = None
        for _ in range(SECONDS * 4):
            if server.poll() is not None:
                break
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/timeline?q=bridge", timeout=5) as reply:
                    answer = json.loads(reply.read())
                break
            except OSError:
                time.sleep(0.25)
        assert answer is not None, server.communicate(timeout=10)
        assert {entry["date"] for entry in answer["entries"]} >= {"2024-03-01", "2024-04-09"}
    finally:
        server.terminate()
        server.wait(timeout=30)
    if what == "folder":
        assert sorted(path.name for path in store.parent.iterdir()) == [store.name]
