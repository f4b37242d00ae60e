"""``dateline serve`` as a user runs it: a real process answering on the loopback
interface, started and stopped by each test."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import psutil
import pytest
from typer.testing import CliRunner
from web_support import BRIDGE_STORY, ingest_records

from dateline.cli.app import app

START_SECONDS = 30
STOP_SECONDS = 15


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


@contextmanager
def serving(db: Path, *options: str, host: str = "127.0.0.1") -> Iterator[tuple[subprocess.Popen[str], str]]:
    """``dateline serve --db db *options`` in a process of its own, once it answers at
    ``host``; the process and its base URL. Interrupted and waited for on exit, if still
    running."""
    port = free_port(host)
    server = subprocess.Popen(
        [sys.executable, "-c", "from dateline.cli.app import main; main()", "serve",
         "--db", str(db), "--port", str(port), *options],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    base = f"http://{host}:{port}"
    try:
        deadline = time.monotonic() + START_SECONDS
        while True:
            try:
                httpx.get(f"{base}/api/health", timeout=1)
                break
            except httpx.TransportError:
                assert server.poll() is None, f"serve exited: {server.stderr.read()}"
                assert time.monotonic() < deadline, "serve did not answer in time"
                time.sleep(0.1)
        yield server, base
    finally:
        if server.poll() is None:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(timeout=STOP_SECONDS)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def listening_addresses(server: subprocess.Popen[str]) -> set[str]:
    return {c.laddr.ip for c in psutil.Process(server.pid).net_connections() if c.status == "LISTEN"}


def test_serve_creates_the_store_and_listens_on_loopback_only_by_default(tmp_path: Path) -> None:
    with serving(tmp_path / "served.db") as (server, base):
        assert httpx.get(f"{base}/api/health").json()["articles"] == 0
        assert (tmp_path / "served.db").exists()
        assert listening_addresses(server) == {"127.0.0.1"}


def test_serve_stops_on_ctrl_c_and_frees_its_port(tmp_path: Path) -> None:
    with serving(tmp_path / "served.db") as (server, base):
        server.send_signal(signal.SIGINT)
        try:
            code = server.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            code = None
        assert code == 0, f"serve did not stop within {STOP_SECONDS} s of Ctrl-C (exit code {code})"
        with pytest.raises(httpx.TransportError):
            httpx.get(f"{base}/api/health", timeout=2)


def test_serve_host_chooses_the_interface_it_listens_on(tmp_path: Path) -> None:
    """127.0.0.2 is another loopback address (all of 127.0.0.0/8 is on Linux): a host
    other than the default that still cannot be reached from elsewhere."""
    with serving(tmp_path / "served.db", "--host", "127.0.0.2", host="127.0.0.2") as (server, base):
        assert listening_addresses(server) == {"127.0.0.2"}
        assert httpx.get(f"{base}/api/health").json()["status"] == "ok"


def test_serve_cache_entries_bounds_the_timelines_kept(tmp_path: Path) -> None:
    db = tmp_path / "served.db"
    ingest_records(db, BRIDGE_STORY, collection="riverton")
    with serving(db, "--cache-entries", "1") as (_, base):
        for query in ("bridge", "ferry", "bridge"):
            assert httpx.get(f"{base}/api/timeline", params={"query": query}).status_code == 200
        cache = httpx.get(f"{base}/api/health").json()["cache"]
    # With room for two, the second "bridge" would have been a hit.
    assert cache == {"entries": 1, "hits": 0, "misses": 3}


def test_serve_help_names_the_default_host_and_the_limits() -> None:
    help_text = CliRunner().invoke(app, ["serve", "--help"]).stdout
    assert "127.0.0.1" in help_text and "--max-body-bytes" in help_text and "--max-chars" in help_text
    assert "--cache-entries" in help_text and "--host" in help_text


def test_serve_refuses_a_file_that_is_not_a_store(tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.db"
    bogus.write_text("not a database " * 100)
    result = CliRunner().invoke(app, ["serve", "--db", str(bogus), "--port", str(free_port())])
    assert result.exit_code == 1 and "cannot open store" in result.stderr
