"""The explorer remembers when each query was last shown and, on the next visit, says
how many dates are new since then and marks them (in a real Chromium)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from web_support import BRIDGE_STORY, LiveServer, ingest_records

NEW_EVENT = {
    "date": "2024-07-09",
    "title": "Ferry service ends",
    "text": "The last Riverton ferry crossed the river on Monday, closing the route for good.",
}


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[LiveServer, Path]]:
    db = tmp_path / "visits.db"
    ingest_records(db, BRIDGE_STORY, collection="riverton")
    with LiveServer(db) as live:
        yield live, db


@pytest.mark.browser
def test_a_second_visit_counts_and_marks_the_dates_new_since_the_first(browser, server) -> None:
    live, db = server
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(live.url + "/?query=Riverton&dates=20")
        page.wait_for_selector("body[data-ready=true]:not(.busy)")
        assert page.locator("li.entry").count() >= 3
        assert "since your last visit" not in page.text_content("#status")
        ingest_records(db, [NEW_EVENT], collection="riverton")
        page.reload()
        page.wait_for_selector("body[data-ready=true]:not(.busy)")
        assert "1 new date since your last visit" in page.text_content("#status")
        assert page.locator("li.entry.new").evaluate_all("nodes => nodes.map(n => n.dataset.date)") == ["2024-07-08"]
        assert page.locator("li.entry.new .change").text_content() == "new"
        page.reload()
        page.wait_for_selector("body[data-ready=true]:not(.busy)")
        assert "0 new dates since your last visit" in page.text_content("#status")
        assert page.locator("li.entry.new").count() == 0
        assert errors == []
    finally:
        context.close()
