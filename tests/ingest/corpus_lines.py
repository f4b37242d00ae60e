"""Reading one line of a shared-data file, for tests that pin a cleaning rule on a real
sentence: the test names the file and a piece of the line, and gets the line as the
corpus has it."""

from __future__ import annotations

from pathlib import Path

import pytest


def corpus_line(data: Path, relative: str, needle: str, following: int = 0) -> str:
    """The line of ``data/relative`` holding ``needle``, with the ``following`` lines after
    it (joined by line breaks); skips when the dataset is absent and fails when the line
    is not there (the data changed under the test)."""
    path = data / relative
    dataset = data / relative.split("/", 1)[0]
    if not dataset.is_dir():
        pytest.skip(f"{dataset} not found (set DATELINE_DATA)")
    lines = path.read_text(encoding="utf-8").split("\n")
    for number, line in enumerate(lines):
        if needle in line:
            return "\n".join(lines[number : number + 1 + following])
    raise AssertionError(f"{relative}: no line holds {needle!r}")
