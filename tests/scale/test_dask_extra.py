"""Dask, distributed and pyarrow are an optional extra: without them only ``--dask``
fails, with a line that says what to install."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dateline.cli.app import app


def test_without_the_dask_extra_ingest_on_dask_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, demo_corpus: Path
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow now fails
    for name in [name for name in sys.modules if name.startswith("dateline.distributed")]:
        monkeypatch.delitem(sys.modules, name)
    result = CliRunner().invoke(
        app, ["ingest", str(demo_corpus), "--db", str(tmp_path / "d.db"), "--dask", "local", "--quiet"]
    )
    assert result.exit_code == 1
    assert "pip install 'dateline[dask]'" in result.stderr and "pyarrow" in result.stderr
    assert "Traceback" not in result.stderr


def test_everything_else_imports_without_the_dask_extra() -> None:
    blocked = "import sys; sys.modules.update(dict.fromkeys(['dask', 'distributed', 'pyarrow']))"
    program = f"{blocked}; import dateline.cli.app, dateline.web, dateline.timeline.methods.salience"
    subprocess.run([sys.executable, "-c", program], check=True)
