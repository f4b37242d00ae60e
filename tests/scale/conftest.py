"""Fixtures for the scale tests: small real Timeline17 corpora with known duplicates."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from scale_support import CROSS_FOLDER_COPIES, DIFFERENT_EVENTS, REFILINGS


@pytest.fixture
def t17_pairs(shared_data: Path, tmp_path: Path) -> Path:
    """A Timeline17-layout folder holding only the articles of the pairs in ``scale_support``."""
    root = tmp_path / "t17"
    for pair in CROSS_FOLDER_COPIES + REFILINGS + DIFFERENT_EVENTS:
        for name in pair:
            target = root / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(shared_data / "t17" / name, target)
    return root


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    """A local Dask cluster of two single-threaded worker processes, as ``--dask local
    --workers 2`` starts (distributed is imported here, for the modules that use it)."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as local:
        yield local
