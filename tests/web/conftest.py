"""Fixtures for the web tests: a small store on disk, the app over it, and a real
Chromium (skipped with a reason where Debian's ``chromium`` is missing)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from web_support import BRIDGE_STORY, CHROMIUM, CHROMIUM_ARGS, WRITE_TOKEN, ingest_records

from dateline.web import create_app


@pytest.fixture
def web_db(tmp_path: Path) -> Path:
    db = tmp_path / "web.db"
    ingest_records(db, BRIDGE_STORY, collection="riverton")
    return db


@pytest.fixture
def client(web_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(web_db, write_token=WRITE_TOKEN)) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip(f"browser tests need Debian's Chromium at {CHROMIUM} (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()
