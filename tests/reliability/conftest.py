"""Fixtures of the reliability tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from reliability_support import T17_SUBSET


@pytest.fixture
def t17_subset(shared_data: Path) -> list[Path]:
    """Three small Timeline17 topic folders; skips when the data is absent."""
    return [shared_data / "t17" / topic for topic in T17_SUBSET]
