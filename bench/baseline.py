"""Running an older commit of the package beside the current tree, in one benchmark run.

A speed or accuracy claim against "today's code" is only fair when both are measured in
the same run, on the same machine, under the same load. The baseline commit is checked
out in a temporary ``git worktree`` and run by the same interpreter with its ``src``
first on ``sys.path`` (the package's dependencies are the venv's).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@contextmanager
def baseline_source(commit: str, where: Path) -> Iterator[Path]:
    """The ``src`` folder of a detached checkout of ``commit`` at ``where``, removed after."""
    subprocess.run(
        ["git", "worktree", "add", "--detach", "--force", str(where), commit], cwd=ROOT, check=True, capture_output=True
    )
    try:
        yield where / "src"
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(where)], cwd=ROOT, capture_output=True)


def full_commit(commit: str) -> str:
    return subprocess.run(
        ["git", "rev-parse", commit], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()


def run_python(source: Path, code: str, arguments: list[str]) -> tuple[float, str]:
    """Run ``code`` with the package from ``source`` first on the path; return the
    wall-clock seconds and what it printed."""
    environment = dict(os.environ, PYTHONPATH=str(source))
    began = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", code, *arguments], env=environment, check=True, capture_output=True, text=True
    )
    return time.monotonic() - began, done.stdout
