"""The stories on the web: ``GET /api/stories``, and the explorer opening on the list of
stories, each a link to its timeline (in a real Chromium)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from web_support import BRIDGE_STORY, XSS_ARTICLE, LiveServer, ingest_records

from dateline.web import create_app

RAIL_STRIKE = [
    {
        "date": f"2023-0{month}-1{day}",
        "title": f"Rail strike day {month}{day}",
        "text": f"Train drivers of the rail union walked out again on day {day}. "
        "The strike stopped most trains and the union asked for higher wages. "
        "Commuters waited for buses while pickets stood outside the depots.",
    }
    for month in (4, 5, 6)
    for day in (1, 2, 3)
]


@pytest.fixture(scope="module")
def stories_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("stories") / "stories.db"
    ingest_records(db, BRIDGE_STORY, collection="riverton")
    ingest_records(db, RAIL_STRIKE, collection="rail")
    ingest_records(db, [XSS_ARTICLE], collection="other")
    return db


def test_the_api_lists_the_stories_largest_first_as_the_cli_does(stories_db: Path) -> None:
    with TestClient(create_app(stories_db)) as client:
        stories = client.get("/api/stories").json()["stories"]
        riverton = client.get("/api/stories", params={"collection": "riverton"}).json()["stories"]
        assert client.get("/api/stories", params={"limit": 0}).status_code == 422
    # the hostile article is about the Riverton bridge too, and joins its story
    assert [story["articles"] for story in stories] == [len(RAIL_STRIKE), len(BRIDGE_STORY) + 1]
    assert "strike" in stories[0]["label"] and stories[0]["query"]
    assert [story["articles"] for story in riverton] == [len(BRIDGE_STORY)]


@pytest.fixture(scope="module")
def server(stories_db: Path) -> Iterator[LiveServer]:
    with LiveServer(stories_db) as live:
        yield live


@pytest.mark.browser
def test_the_page_opens_on_the_stories_and_a_story_link_opens_its_timeline(browser, server: LiveServer) -> None:
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(server.url + "/")
        links = page.locator("#stories li a")
        assert links.count() == 2
        assert "strike" in links.first.text_content()
        links.first.click()
        page.wait_for_selector("body[data-ready=true]:not(.busy)")
        assert page.locator("li.entry").count() >= 1
        assert page.input_value("input[name=query]") == page.url.split("query=")[1].split("&")[0].replace("+", " ")
        assert not page.evaluate("document.getElementById('stories').open")
        assert page.evaluate("window.__xss") is None
        assert errors == []
    finally:
        context.close()
