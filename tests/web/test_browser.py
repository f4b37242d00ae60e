"""The web page in a real Chromium, against a live server on 127.0.0.1.

Covers what only a browser can show: the timeline drawn from the API, sentences opening
their article with the span highlighted, the histogram, the export buttons, the URL
keeping the state, and that hostile article text never runs as script anywhere.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from web_support import BRIDGE_STORY, XSS_ARTICLE, XSS_COLLECTION, LiveServer, ingest_records

from dateline.ingest.job import ingest
from dateline.store import Store

pytestmark = pytest.mark.browser

SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshot.png"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    db = tmp_path_factory.mktemp("browser") / "browser.db"
    ingest_records(db, BRIDGE_STORY, collection="riverton")
    ingest_records(db, [XSS_ARTICLE], collection=XSS_COLLECTION)
    with LiveServer(db) as live:
        yield live


@pytest.fixture
def page(browser, server: LiveServer) -> Iterator[object]:
    """A fresh page that records dialogs, page errors and every URL it requests."""
    context = browser.new_context(viewport={"width": 1100, "height": 900}, accept_downloads=True)
    new_page = context.new_page()
    new_page.dialogs, new_page.errors, new_page.requested = [], [], []
    new_page.on("dialog", lambda dialog: (new_page.dialogs.append(dialog.message), dialog.dismiss()))
    new_page.on("pageerror", lambda error: new_page.errors.append(str(error)))
    new_page.on("request", lambda request: new_page.requested.append(request.url))
    yield new_page
    context.close()


def build(page, server: LiveServer, query: str, **fields: str) -> None:
    page.goto(server.url + "/")
    submit(page, query, **fields)


def submit(page, query: str, **fields: str) -> None:
    """Fill in the form of the page as it is and build that timeline."""
    page.fill("input[name=query]", query)
    for name, value in fields.items():
        page.fill(f"input[name={name}]", value)
    page.click("button[type=submit]")
    page.wait_for_selector("body[data-ready=true]:not(.busy)")


def test_page_draws_the_timeline_in_date_order(page, server: LiveServer) -> None:
    build(page, server, "Riverton bridge", dates="4", sentences="1")
    dates = page.locator("li.entry").evaluate_all("items => items.map(item => item.dataset.date)")
    assert 1 <= len(dates) <= 4 and dates == sorted(dates)
    assert page.locator("li.entry").first.locator("a.sentence").count() == 1
    assert "articles" in page.text_content("#status")
    assert page.errors == []


def test_histogram_marks_the_chosen_dates(page, server: LiveServer) -> None:
    build(page, server, "Riverton bridge", dates="3")
    assert page.locator("#histogram rect.bar").count() >= 1
    entries = page.locator("li.entry").count()
    assert page.locator("#histogram g.marker").count() == entries
    assert page.is_visible("#volume")


def test_a_sentence_opens_its_article_with_the_sentence_highlighted(page, server: LiveServer) -> None:
    build(page, server, "Riverton bridge opened traffic")
    sentence = page.locator("a.sentence").first
    text = sentence.text_content()
    sentence.click()
    page.wait_for_selector("dialog#article-view[open]")
    assert page.text_content("#article-text mark") == text
    assert text in page.text_content("#article-text")
    page.click("dialog#article-view button[aria-label=Close]")
    assert not page.is_visible("dialog#article-view")


def test_the_sentence_link_works_as_a_page_of_its_own(page, server: LiveServer) -> None:
    build(page, server, "ferry")
    link = page.locator("a.sentence").first
    text, href = link.text_content(), link.get_attribute("href")
    page.goto(server.url + href)
    assert page.text_content("mark#highlight") == text


def test_the_url_keeps_the_query_so_a_reload_rebuilds_the_timeline(page, server: LiveServer) -> None:
    build(page, server, "ferry", dates="2")
    assert "query=ferry" in page.url and "dates=2" in page.url
    before = entry_dates(page)
    page.reload()
    page.wait_for_selector("body[data-ready=true]:not(.busy)")
    assert page.input_value("input[name=query]") == "ferry"
    assert page.input_value("input[name=dates]") == "2"
    assert before and entry_dates(page) == before


def test_back_returns_to_the_previous_query_and_its_timeline(page, server: LiveServer) -> None:
    build(page, server, "ferry", dates="2")
    ferry = entry_dates(page)
    submit(page, "council approved", dates="1", sentences="1")
    council = entry_dates(page)
    assert ferry and council and ferry != council
    page.go_back()
    # The form is filled and the build begins in one task, so once the field says
    # "ferry" the page is busy until the ferry timeline is drawn.
    expect(page.locator("input[name=query]")).to_have_value("ferry")
    page.wait_for_selector("body[data-ready=true]:not(.busy)")
    assert "query=ferry" in page.url
    assert page.input_value("input[name=dates]") == "2"
    assert entry_dates(page) == ferry


def entry_dates(page) -> list[str]:
    return page.locator("li.entry").evaluate_all("items => items.map(item => item.dataset.date)")


def test_export_buttons_download_each_format(page, server: LiveServer, tmp_path: Path) -> None:
    build(page, server, "Riverton bridge", dates="3")
    for export_format, marker in [
        ("csv", "date,granularity"),
        ("md", "# Timeline: Riverton bridge"),
        ("timelinejs", '"events"'),
        ("json", '"entries"'),
        ("html", "<!DOCTYPE html>"),
    ]:
        with page.expect_download() as download:
            page.click(f"#exports a[data-format={export_format}]")
        saved = tmp_path / download.value.suggested_filename
        download.value.save_as(saved)
        assert marker in saved.read_text(encoding="utf-8"), export_format


def test_invalid_parameters_show_the_servers_message(page, server: LiveServer) -> None:
    page.goto(server.url + "/?query=bridge&dates=5000")
    page.wait_for_selector("body[data-ready=true]:not(.busy)")
    assert "'dates'" in page.text_content("#status")
    assert "error" in page.get_attribute("#status", "class")


def test_the_page_loads_nothing_from_other_hosts(page, server: LiveServer) -> None:
    build(page, server, "Riverton bridge")
    page.locator("a.sentence").first.click()
    page.wait_for_selector("dialog#article-view[open]")
    assert page.requested and all(url.startswith((server.url, "data:")) for url in page.requested)


def test_api_docs_render_offline(page, server: LiveServer) -> None:
    page.goto(server.url + "/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=15000)
    assert page.locator(".opblock-summary-path", has_text="/api/timeline").count() >= 1
    assert all(url.startswith((server.url, "data:")) for url in page.requested)


def assert_nothing_ran(page) -> None:
    assert page.evaluate("window.__xss") is None
    assert page.dialogs == []
    assert page.locator("img").count() == 0
    assert page.locator("script:not([src])").count() == 0


HOSTILE_QUERY = "inspectors inspection"
SCRIPT_TEXT = "<script>window.__xss='text'</script>"


def test_hostile_text_in_the_timeline_stays_text(page, server: LiveServer) -> None:
    build(page, server, HOSTILE_QUERY)
    assert SCRIPT_TEXT in page.text_content("#timeline")
    assert XSS_COLLECTION in page.locator("select[name=collection]").text_content()
    assert_nothing_ran(page)


def test_hostile_article_opened_from_the_timeline_stays_text(page, server: LiveServer) -> None:
    build(page, server, HOSTILE_QUERY)
    page.locator("a.sentence", has_text=SCRIPT_TEXT).click()
    page.wait_for_selector("dialog#article-view[open]")
    assert page.text_content("#article-title") == XSS_ARTICLE["title"]
    assert SCRIPT_TEXT in page.text_content("#article-text mark")
    assert page.locator("#article-meta a", has_text="original").count() == 0
    assert_nothing_ran(page)


def test_hostile_article_page_stays_text(page, server: LiveServer) -> None:
    build(page, server, HOSTILE_QUERY)
    page.goto(server.url + page.locator("a.sentence", has_text=SCRIPT_TEXT).get_attribute("href"))
    assert page.text_content("h1") == XSS_ARTICLE["title"]
    assert SCRIPT_TEXT in page.text_content("mark#highlight")
    assert page.locator("a", has_text="original").count() == 0
    assert_nothing_ran(page)


def test_hostile_text_in_the_html_export_stays_text(page, server: LiveServer, tmp_path: Path) -> None:
    build(page, server, HOSTILE_QUERY)
    with page.expect_download() as download:
        page.click("#exports a[data-format=html]")
    exported = tmp_path / "export.html"
    download.value.save_as(exported)
    page.goto(exported.as_uri())
    assert SCRIPT_TEXT in page.text_content("body")
    assert XSS_ARTICLE["title"] in page.text_content("body")
    assert page.locator("a[href^=javascript]").count() == 0
    assert_nothing_ran(page)


def test_screenshot_of_a_real_timeline(browser, shared_data: Path, tmp_path: Path) -> None:
    """Takes the README's screenshot (bpoil_bbc from Timeline17); it is written to
    docs/screenshot.png when DATELINE_UPDATE_SCREENSHOT=1, else only to a temp file."""
    db = tmp_path / "t17.db"
    with Store.open(db) as store:
        ingest(store, [shared_data / "t17" / "bpoil_bbc"])
    context = browser.new_context(viewport={"width": 1100, "height": 1000}, device_scale_factor=1)
    shot_page = context.new_page()
    with LiveServer(db) as live:
        shot_page.goto(live.url + "/?query=oil+spill&collection=bpoil_bbc&dates=6&sentences=1")
        shot_page.wait_for_selector("body[data-ready=true]:not(.busy)")
        target = tmp_path / "screenshot.png"
        shot_page.screenshot(path=str(target), full_page=False)
    context.close()
    assert target.stat().st_size > 10_000
    if os.environ.get("DATELINE_UPDATE_SCREENSHOT") == "1":
        SCREENSHOT.parent.mkdir(exist_ok=True)
        shutil.copyfile(target, SCREENSHOT)
