"""The page in a real Chromium under the server's security policy (issue 22): it still
works with the headers, token and limits of a shared server; other sites cannot frame
it, read the API unless named with ``cors_origins``, or write to it at all."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from web_support import BRIDGE_STORY, WRITE_TOKEN, LiveServer, ingest_records

pytestmark = pytest.mark.browser

CROSS_ORIGIN_READ = """url => fetch(url).then(response => response.json()).then(body => 'read ' + body.status,
                                                                              error => 'blocked')"""
CROSS_ORIGIN_WRITE = """([url, token]) => fetch(url, {method: 'POST', headers: {'Content-Type': 'application/json',
    Authorization: 'Bearer ' + token}, body: JSON.stringify({date: '2024-06-01', text: 'Posted from elsewhere.'})})
    .then(response => 'status ' + response.status, error => 'blocked')"""


class BlankPage(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = b"<!DOCTYPE html><title>another site</title><body></body>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def another_site(host: str) -> Iterator[str]:
    """A site of another origin on ``host`` (a loopback address), with a blank page and
    no policy of its own; its URL."""
    server = ThreadingHTTPServer((host, 0), BlankPage)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LiveServer, str, str]]:
    """The shared server on 127.0.0.1 (with a token and limits, and letting one site
    read), the site it lets read (127.0.0.2) and a stranger (127.0.0.3)."""
    db = tmp_path_factory.mktemp("policy") / "shared.db"
    ingest_records(db, BRIDGE_STORY, collection="riverton")
    with (
        another_site("127.0.0.2") as reader,
        another_site("127.0.0.3") as stranger,
        LiveServer(
            db, write_token=WRITE_TOKEN, cors_origins=(reader,), builds_per_minute=60, writes_per_minute=60
        ) as shared,
    ):
        yield shared, reader, stranger


@pytest.fixture
def page(browser) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    new_page = context.new_page()
    new_page.console_errors, new_page.errors = [], []
    new_page.on("console", lambda message: message.type == "error" and new_page.console_errors.append(message.text))
    new_page.on("pageerror", lambda error: new_page.errors.append(str(error)))
    yield new_page
    context.close()


def test_the_page_works_under_the_policy_with_nothing_refused(page, sites) -> None:
    shared, _, _ = sites
    response = page.goto(shared.url + "/")
    headers = response.all_headers()
    assert headers["x-content-type-options"] == "nosniff" and headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "no-referrer" and "script-src 'self'" in headers["content-security-policy"]
    page.fill("input[name=query]", "Riverton bridge")
    page.click("button[type=submit]")
    page.wait_for_selector("body[data-ready=true]:not(.busy)")
    assert page.locator("li.entry").count() >= 1 and page.locator("#histogram rect.bar").count() >= 1
    page.locator("a.sentence").first.click()
    page.wait_for_selector("dialog#article-view[open]")
    assert page.text_content("#article-text mark")
    assert page.errors == [] and page.console_errors == []


def test_another_site_cannot_frame_the_page(page, sites) -> None:
    shared, _, stranger = sites
    page.goto(stranger + "/")
    with page.expect_response(shared.url + "/"):
        page.evaluate(
            "url => { const frame = document.createElement('iframe'); frame.src = url; document.body.append(frame); }",
            shared.url + "/",
        )
    page.wait_for_timeout(500)
    assert any(
        "frame" in message.lower() and ("refused" in message.lower() or "ancestor" in message.lower())
        for message in page.console_errors
    ), page.console_errors


def test_only_the_named_origin_may_read_the_api(page, sites) -> None:
    shared, reader, stranger = sites
    page.goto(reader + "/")
    assert page.evaluate(CROSS_ORIGIN_READ, shared.url + "/api/health") == "read ok"
    page.goto(stranger + "/")
    assert page.evaluate(CROSS_ORIGIN_READ, shared.url + "/api/health") == "blocked"


def test_no_other_origin_can_write_even_with_the_token(page, sites) -> None:
    shared, reader, stranger = sites
    for site in (reader, stranger):
        page.goto(site + "/")
        assert page.evaluate(CROSS_ORIGIN_WRITE, [shared.url + "/api/articles", WRITE_TOKEN]) == "blocked"
    page.goto(shared.url + "/")
    assert page.evaluate(
        "url => fetch(url).then(r => r.json()).then(b => b.articles)", shared.url + "/api/health"
    ) == len(BRIDGE_STORY)
