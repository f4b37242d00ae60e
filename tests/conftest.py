"""Shared fixtures: where the evaluation data and the seed samples are."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = REPO_ROOT / "examples" / "india-japan"


def data_dir() -> Path:
    """``$DATELINE_DATA`` or ``../shared/data`` beside the repository."""
    return Path(os.environ.get("DATELINE_DATA") or REPO_ROOT.parent / "shared" / "data")


@pytest.fixture(scope="session")
def data_root() -> Path:
    """Where the evaluation data should be, for fixtures wider than one test (may be absent)."""
    return data_dir()


@pytest.fixture
def shared_data() -> Path:
    """The shared evaluation data (Timeline17, TimeBank); skips when it is absent."""
    path = data_dir()
    if not (path / "t17").is_dir():
        pytest.skip(f"evaluation data not found at {path} (set DATELINE_DATA)")
    return path


@pytest.fixture
def samples() -> Path:
    """The project's two seed articles (../shared/samples); skips when absent."""
    path = data_dir().parent / "samples"
    if not path.is_dir():
        pytest.skip(f"seed samples not found at {path}")
    return path


@pytest.fixture
def demo_corpus() -> Path:
    """The India-Japan articles bundled in ``examples/`` (what ``make demo`` ingests)."""
    return EXAMPLES


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "store.db"
