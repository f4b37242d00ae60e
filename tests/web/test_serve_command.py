"""``dateline serve`` as a user runs it: a real process answering on 127.0.0.1."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
from typer.testing import CliRunner

from dateline.cli.app import app


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_serve_answers_on_loopback_and_stops(tmp_path: Path) -> None:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-c", "from dateline.cli.app import main; main()", "serve",
         "--db", str(tmp_path / "served.db"), "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=1)
                break
            except httpx.TransportError:
                assert server.poll() is None and time.monotonic() < deadline, server.stderr.read()
                time.sleep(0.1)
        assert health.json()["articles"] == 0
        assert (tmp_path / "served.db").exists()
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_serve_defaults_to_loopback_only() -> None:
    help_text = CliRunner().invoke(app, ["serve", "--help"]).stdout
    assert "127.0.0.1" in help_text and "--max-body-bytes" in help_text and "--max-chars" in help_text


def test_serve_refuses_a_file_that_is_not_a_store(tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.db"
    bogus.write_text("not a database " * 100)
    result = CliRunner().invoke(app, ["serve", "--db", str(bogus), "--port", str(free_port())])
    assert result.exit_code == 1 and "cannot open store" in result.stderr
