"""``dateline serve`` on a port something else listens on: one ``Error:`` line naming
the address, exit code 1, nothing printed as if it were serving."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

# If the port were not refused, serve would run until killed: the test fails on the timeout.
SECONDS = 60


def test_serve_on_a_busy_port_prints_one_error_line_and_exits_1(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [
                sys.executable,
                "-c",
                "from dateline.cli.app import main; main()",
                "serve",
                "--db",
                str(tmp_path / "s.db"),
                "--port",
                str(port),
            ],
            capture_output=True,
            text=True,
            timeout=SECONDS,
        )
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.splitlines() == [
        f"Error: cannot listen on 127.0.0.1:{port}: Address already in use "
        "(choose another --port, or stop what uses it)"
    ]
