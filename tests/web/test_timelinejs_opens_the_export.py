"""The TimelineJS export, opened by Knight Lab's TimelineJS itself in Chromium.

Shape tests (``test_exports.py``) cannot show that TimelineJS accepts the file; this
loads TimelineJS 3 from the npm package that ``make test`` installs into
``tests/web/timelinejs`` (skipped, saying so, where npm is missing) and hands it the
export exactly as the API serves it. Network requests are refused, so nothing is
fetched from elsewhere.
"""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from web_support import BRIDGE_STORY, LiveServer, ingest_records

pytestmark = pytest.mark.browser

DIST = Path(__file__).resolve().parent / "timelinejs" / "node_modules" / "@knight-lab" / "timelinejs" / "dist"


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> dict:
    db = tmp_path_factory.mktemp("timelinejs") / "store.db"
    ingest_records(db, BRIDGE_STORY, collection="riverton")
    with LiveServer(db) as live:
        response = httpx.get(
            f"{live.url}/api/timeline/export", params={"format": "timelinejs", "query": "Riverton bridge", "dates": "5"}
        )
    response.raise_for_status()
    return response.json()


def test_timelinejs_draws_a_slide_for_every_event_of_the_export(browser, export: dict, tmp_path: Path) -> None:
    if not (DIST / "js" / "timeline.js").exists():
        pytest.skip(f"TimelineJS is not installed at {DIST} (make test installs it with npm)")
    page_file = tmp_path / "timeline.html"
    page_file.write_text(
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<link rel='stylesheet' href='{(DIST / 'css' / 'timeline.css').as_uri()}'>"
        f"<script src='{(DIST / 'js' / 'timeline.js').as_uri()}'></script></head>"
        "<body><div id='embed' style='width: 1000px; height: 600px'></div><script>"
        f"window.timeline = new TL.Timeline('embed', {json.dumps(export)});"
        "</script></body></html>"
    )
    context = browser.new_context()
    context.route("http*://**", lambda route: route.abort())
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(page_file.as_uri())
    page.wait_for_selector(".tl-slide", state="attached", timeout=15_000)
    headlines = page.locator(".tl-slide .tl-headline").all_text_contents()
    config_errors = page.evaluate("window.timeline.config.getErrors()")
    event_count = page.evaluate("window.timeline.config.events.length")
    context.close()
    assert not errors and config_errors == []
    assert event_count == len(export["events"]) >= 1
    for event in export["events"]:
        assert event["text"]["headline"] in headlines
