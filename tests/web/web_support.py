"""Shared pieces of the web tests: the test corpus, a live server, the Chromium flags."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import uvicorn

from dateline.ingest.job import ingest_items
from dateline.ingest.records import record_to_article
from dateline.store import Store
from dateline.web import create_app

CHROMIUM = Path("/usr/bin/chromium")
WRITE_TOKEN = "test-write-token-0123456789"
WRITER = {"Authorization": f"Bearer {WRITE_TOKEN}"}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

# A made-up story in our own words, dated so the tagger resolves each event's date.
BRIDGE_STORY = [
    {
        "date": "2023-03-15",
        "title": "Council approves Riverton bridge",
        "url": "https://news.example/riverton/approval",
        "text": "The Riverton city council approved the new river bridge on Tuesday after a long debate. "
        "Construction of the bridge is due to begin in June 2023. "
        "Engineers said the bridge would carry four lanes of traffic.",
    },
    {
        "date": "2023-06-06",
        "title": "Work starts on the Riverton bridge",
        "text": "Construction of the Riverton bridge began on Monday with piling work in the river. "
        "The council had approved the bridge in March 2023. "
        "Residents watched as the first crane arrived at the site.",
    },
    {
        "date": "2023-11-20",
        "title": "Bridge deck poured",
        "text": "Workers poured the concrete deck of the Riverton bridge on Friday. "
        "The bridge is expected to open in the spring of 2024. "
        "The council praised the engineers for keeping the work on schedule.",
    },
    {
        "date": "2024-04-12",
        "title": "Riverton bridge opens",
        "text": "The Riverton bridge opened to traffic on Thursday, a year after construction began. "
        "The mayor cut a ribbon at the middle of the bridge on 11 April 2024. "
        "Traffic on the old ferry route fell sharply in the first hours.",
    },
    {
        "date": "2024-05-02",
        "title": "Bridge traffic doubles",
        "text": "Traffic over the Riverton bridge doubled in April 2024, the council said on Wednesday. "
        "The ferry service will close in June 2024.",
    },
]

XSS_COLLECTION = "<img src=x onerror=\"window.__xss='collection'\">"
XSS_ARTICLE = {
    "date": "2024-01-10",
    "title": "<script>window.__xss='title'</script><img src=x onerror=\"window.__xss='title-img';alert(1)\">",
    "url": "javascript:window.__xss='url'",
    "text": "On Tuesday the Riverton bridge inspectors wrote <script>window.__xss='text'</script> in their report. "
    "The bridge inspection on 9 January 2024 found <img src=x onerror=\"window.__xss='text-img';alert(2)\"> "
    "nothing wrong with the bridge.",
}


def ingest_records(db: Path, records: list[dict], collection: str = "") -> None:
    """Store ``records`` the way ``dateline ingest`` stores a JSON file of them."""
    with Store.open(db) as store:
        articles = [record_to_article(record, "test", None, collection) for record in records]
        ingest_items(store, articles)


class LiveServer:
    """uvicorn serving an app (``create_app(db, **options)``) on ``host`` on a free port,
    in a background thread."""

    def __init__(self, db: Path, host: str = "127.0.0.1", **options: object) -> None:
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._socket.bind((host, 0))
        self.port = self._socket.getsockname()[1]
        self.url = f"http://{host}:{self.port}"
        config = uvicorn.Config(create_app(db, **options), log_level="warning", lifespan="on")
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [self._socket]}, daemon=True)

    def __enter__(self) -> LiveServer:
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)
        self._socket.close()
