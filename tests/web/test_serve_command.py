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
from dateline.web.settings import DEFAULT_BUILDS_PER_MINUTE, DEFAULT_WRITES_PER_MINUTE, rate_limits

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
        [
            sys.executable,
            "-c",
            "from dateline.cli.app import main; main()",
            "serve",
            "--db",
            str(db),
            "--port",
            str(port),
            *options,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
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


RECORD = {"date": "2024-06-01", "text": "The Riverton ferry closed on Saturday."}


def test_serve_prints_a_generated_write_token_once_and_writes_need_it(tmp_path: Path) -> None:
    with serving(tmp_path / "served.db") as (server, base):
        lines = [server.stdout.readline() for _ in range(3)]
        token = lines[2].split("Authorization: Bearer ")[1].strip()
        assert "shown once" in lines[1] and len(token) >= 32
        assert httpx.post(f"{base}/api/articles", json=RECORD).status_code == 401
        wrong = httpx.post(f"{base}/api/articles", json=RECORD, headers={"Authorization": f"Bearer {token}x"})
        assert wrong.status_code == 403
        right = httpx.post(f"{base}/api/articles", json=RECORD, headers={"Authorization": f"Bearer {token}"})
        assert right.status_code == 200 and right.json()["added"] == 1
        server.send_signal(signal.SIGINT)
        rest = server.communicate(timeout=STOP_SECONDS)[0]
    assert token not in rest


def test_serve_takes_the_token_from_the_environment_without_printing_it(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    token = "environment-token-0123456789"
    monkeypatch.setenv("DATELINE_WRITE_TOKEN", token)
    with serving(tmp_path / "served.db") as (server, base):
        headers = {"Authorization": f"Bearer {token}"}
        assert httpx.post(f"{base}/api/articles", json=RECORD, headers=headers).status_code == 200
        server.send_signal(signal.SIGINT)
        output = server.communicate(timeout=STOP_SECONDS)[0]
    assert token not in output and "Bearer" not in output


def test_serve_read_only_refuses_writes(tmp_path: Path) -> None:
    with serving(tmp_path / "served.db", "--read-only", "--write-token", "ignored-token-0123456789") as (_, base):
        headers = {"Authorization": "Bearer ignored-token-0123456789"}
        assert httpx.post(f"{base}/api/articles", json=RECORD, headers=headers).status_code == 403
        assert httpx.get(f"{base}/api/health").json() | {"cache": None} == {
            "status": "ok",
            "articles": 0,
            "writes": "read-only",
            "cache": None,
        }


def test_serve_limits_builds_per_client_when_asked(tmp_path: Path) -> None:
    db = tmp_path / "served.db"
    ingest_records(db, BRIDGE_STORY, collection="riverton")
    with serving(db, "--builds-per-minute", "6") as (_, base):
        assert httpx.get(f"{base}/api/timeline", params={"query": "bridge"}).status_code == 200
        limited = httpx.get(f"{base}/api/timeline", params={"query": "ferry"})
        assert limited.status_code == 429 and int(limited.headers["retry-after"]) >= 1


@pytest.mark.parametrize(
    "option", [["--write-token", "short"], ["--cors-origin", "*"], ["--cors-origin", "https://example.org/path"]]
)
def test_serve_refuses_a_weak_token_and_wildcard_origins(tmp_path: Path, option: list[str]) -> None:
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "x.db"), "--port", str(free_port()), *option])
    assert result.exit_code == 2 and option[0] in result.stderr


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.0.0.2", True),
        ("::1", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.5", False),
        ("timelines.example", False),
    ],
)
def test_limits_are_on_by_default_beyond_loopback_and_configurable(host: str, loopback: bool) -> None:
    defaults = (0, 0) if loopback else (DEFAULT_BUILDS_PER_MINUTE, DEFAULT_WRITES_PER_MINUTE)
    assert DEFAULT_BUILDS_PER_MINUTE > 0 and DEFAULT_WRITES_PER_MINUTE > 0
    assert rate_limits(host, None, None) == defaults
    assert rate_limits(host, 5, 0) == (5, 0)
