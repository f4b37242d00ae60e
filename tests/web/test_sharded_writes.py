"""Posting articles to a sharded store through the HTTP API: the answers (timeline,
articles, the write log, each article's ``added_by``) are those of one store given the
same posts; the folder's write lock is taken per request only, and a post while another
process holds it is refused whole with 503 and ``Retry-After``."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from test_serve_command import serving

from web_support import BRIDGE_STORY, WRITE_TOKEN, WRITER, ingest_records

from dateline.ingest.job import ingest_items
from dateline.ingest.records import record_to_article
from dateline.shards import ShardedStore
from dateline.shards.store import write_lock
from dateline.web import create_app

SHARDS = 3
# The first post stores articles in two of the three shards, the second in the third
# too (August: a shard that holds no write yet), and repeats one article.
FIRST_POST = [
    {"date": "2024-06-01", "title": "Ferry closes", "text": "The Riverton ferry closed on Saturday for good."},
    {"date": "2024-07-15", "title": "Tunnel plan", "text": "A tunnel under the river was proposed on 14 July 2024."},
    {"date": "2024-09-06", "title": "Bridge toll", "text": "The council set a toll for the Riverton bridge on Friday."},
]
SECOND_POST = [
    FIRST_POST[1],
    {"date": "2024-08-12", "title": "Toll dropped", "text": "The Riverton bridge toll was dropped on Monday."},
    {
        "date": "2024-10-21",
        "title": "Tunnel vote",
        "text": "The council voted for the river tunnel on 20 October 2024.",
    },
]
INGESTED = [{"date": "2024-06-20", "title": "Ferry sold", "text": "The old Riverton ferry was sold on Thursday."}]
BAD_POSTS = [
    {"articles": [{"date": "2024-06-01", "text": "Good."}, {"date": "2024-13-01", "text": "Bad month."}]},
    {"articles": [{"date": "2024-06-01", "text": "   "}, {"text": "No date."}, "not an object"]},
    [],
]
READS = [
    ("/api/timeline", {"query": "Riverton bridge"}),
    ("/api/timeline", {"query": "tunnel ferry", "dates": "4"}),
    ("/api/articles", {"limit": "100"}),
    ("/api/articles", {"query": "toll"}),
    ("/api/volume", {"query": "Riverton"}),
    ("/api/writes", {}),
    ("/api/writes", {"limit": "1"}),
    ("/api/health", {}),
]


def without_times(answer: object) -> object:
    """``answer`` with each write's time (``at``) left out: the two servers' writes are
    made a moment apart. The cache statistics of /api/health go too."""
    if isinstance(answer, dict):
        return {key: without_times(value) for key, value in answer.items() if key not in ("at", "cache")}
    if isinstance(answer, list):
        return [without_times(item) for item in answer]
    return answer


def ingest_into(folder_or_file: Path, records: list[dict]) -> None:
    """As ``dateline ingest`` stores a JSON file of ``records`` (no write of the API)."""
    if folder_or_file.is_dir():
        with ShardedStore.open(folder_or_file) as store:
            ingest_items(store, [record_to_article(record, "test", None, "") for record in records])
    else:
        ingest_records(folder_or_file, records)


@pytest.fixture
def stores(tmp_path: Path) -> tuple[Path, Path]:
    """One store file and a folder of shards holding the same articles."""
    one, folder = tmp_path / "one.db", tmp_path / "sharded"
    ingest_records(one, BRIDGE_STORY)
    with ShardedStore.open(folder, shards=SHARDS) as sharded:
        ingest_items(sharded, [record_to_article(record, "test", None, "") for record in BRIDGE_STORY])
    return one, folder


@pytest.fixture
def clients(stores: tuple[Path, Path]) -> Iterator[tuple[TestClient, TestClient]]:
    one, folder = stores
    with (
        TestClient(create_app(one, write_token=WRITE_TOKEN)) as one_client,
        TestClient(create_app(folder, write_token=WRITE_TOKEN, write_lock_wait_s=0.2)) as sharded_client,
    ):
        yield one_client, sharded_client


def both(clients: tuple[TestClient, TestClient], method: str, path: str, **request: object) -> list[httpx.Response]:
    return [client.request(method, path, **request) for client in clients]


def test_posts_answer_as_on_one_store(stores: tuple[Path, Path], clients: tuple[TestClient, TestClient]) -> None:
    for path, params in READS[:2]:  # cached before the posts: the posts must show anyway
        both(clients, "GET", path, params=params)
    posted = []
    for records in (FIRST_POST, SECOND_POST, FIRST_POST):
        one, sharded = both(
            clients, "POST", "/api/articles", json=records, params={"collection": "river"}, headers=WRITER
        )
        assert sharded.status_code == one.status_code == 200
        assert sharded.json() == one.json()
        posted.append(one.json())
        for store in stores:  # a 'dateline ingest' between posts: the server holds no lock
            ingest_into(store, INGESTED)
    assert [answer["added"] for answer in posted] == [3, 2, 0]
    assert posted[2]["already_stored"] == 3
    for path, params in READS:
        one, sharded = both(clients, "GET", path, params=params)
        assert sharded.status_code == one.status_code == 200, path
        assert without_times(sharded.json()) == without_times(one.json()), (path, params)
    writes = clients[1].get("/api/writes").json()["writes"]
    assert [(write["id"], write["articles"]) for write in writes] == [(2, 2), (1, 3)]
    for write in writes:
        one, sharded = both(clients, "GET", f"/api/writes/{write['id']}", params={"limit": "2"})
        assert without_times(sharded.json()) == without_times(one.json())
        assert sharded.json()["at"] == write["at"]
    for article_id in {
        *posted[0]["ids"],
        *posted[1]["ids"],
        *(row["id"] for row in clients[0].get("/api/articles").json()["articles"]),
    }:
        one, sharded = both(clients, "GET", f"/api/articles/{article_id}")
        assert without_times(sharded.json()) == without_times(one.json()), article_id
    assert [response.status_code for response in both(clients, "GET", "/api/writes/3")] == [404, 404]


def test_bad_posts_answer_as_on_one_store_and_store_nothing(clients: tuple[TestClient, TestClient]) -> None:
    before = [client.get("/api/health").json()["articles"] for client in clients]
    for body in BAD_POSTS:
        one, sharded = both(clients, "POST", "/api/articles", json=body, headers=WRITER)
        assert sharded.status_code == one.status_code == 422
        assert sharded.json() == one.json()
    for headers in ({}, {"Authorization": "Bearer wrong-token-0123456789"}):
        one, sharded = both(clients, "POST", "/api/articles", json=FIRST_POST, headers=headers)
        assert sharded.status_code == one.status_code != 200
        assert sharded.json() == one.json()
    assert [client.get("/api/health").json()["articles"] for client in clients] == before
    assert clients[1].get("/api/writes").json() == {"writes": []}


def test_a_post_while_another_process_writes_the_folder_is_503_and_stores_nothing(
    stores: tuple[Path, Path], clients: tuple[TestClient, TestClient]
) -> None:
    folder, client = stores[1], clients[1]
    before = client.get("/api/articles", params={"limit": "100"}).json()
    lock = write_lock(folder)  # as 'dateline ingest' holds it
    try:
        busy = client.post("/api/articles", json=FIRST_POST, headers=WRITER)
    finally:
        lock.close()
    assert busy.status_code == 503 and int(busy.headers["Retry-After"]) > 0
    assert f"another process is writing this sharded store (process {os.getpid()}:" in busy.json()["message"]
    assert "\n" not in busy.json()["message"]
    assert client.get("/api/articles", params={"limit": "100"}).json() == before
    assert client.get("/api/writes").json() == {"writes": []}
    retried = client.post("/api/articles", json=FIRST_POST, headers=WRITER)
    assert retried.status_code == 200 and retried.json()["added"] == len(FIRST_POST)


def test_a_writable_server_assigns_new_articles_to_stories_as_one_store_does(
    clients: tuple[TestClient, TestClient],
) -> None:
    both(clients, "POST", "/api/articles", json=FIRST_POST + SECOND_POST, headers=WRITER)
    one, sharded = both(clients, "GET", "/api/stories", params={"min_articles": "1", "limit": "100"})
    assert sharded.json() == one.json()
    assert sum(story["articles"] for story in sharded.json()["stories"]) == len(BRIDGE_STORY) + 5


def test_dateline_serve_takes_posts_into_a_folder_between_ingests(stores: tuple[Path, Path], tmp_path: Path) -> None:
    folder = stores[1]
    records = tmp_path / "records.json"
    records.write_text(httpx.Response(200, json=INGESTED).text, encoding="utf-8")
    with serving(folder, "--write-token", WRITE_TOKEN) as (_, base):
        posted = httpx.post(f"{base}/api/articles", json=FIRST_POST, headers=WRITER, timeout=60)
        assert posted.status_code == 200 and posted.json()["added"] == len(FIRST_POST)
        ingest = subprocess.run(
            [
                sys.executable,
                "-c",
                "from dateline.cli.app import main; main()",
                "ingest",
                str(records),
                "--db",
                str(folder),
            ],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert ingest.returncode == 0, ingest.stderr
        health = httpx.get(f"{base}/api/health", timeout=10).json()
        assert health["articles"] == len(BRIDGE_STORY) + len(FIRST_POST) + len(INGESTED)
        assert health["writes"] == "token"
        [write] = httpx.get(f"{base}/api/writes", timeout=10).json()["writes"]
        assert write["articles"] == len(FIRST_POST)


def test_listing_takes_the_write_lock_only_with_articles_awaiting_a_story(
    clients: tuple[TestClient, TestClient], monkeypatch: pytest.MonkeyPatch
) -> None:
    client = clients[1]
    taken: list[str] = []
    try_writing = ShardedStore.try_writing

    def recorded(store: ShardedStore) -> bool:
        taken.append(store.path)
        return try_writing(store)

    monkeypatch.setattr(ShardedStore, "try_writing", recorded)
    client.get("/api/stories")
    assert len(taken) == 1  # the ingested articles await their stories
    for path in ("/api/stories", "/", "/api/stories"):
        assert client.get(path).status_code == 200
    assert len(taken) == 1  # nothing new: an ingest may take the lock meanwhile
    client.post("/api/articles", json=FIRST_POST, headers=WRITER)
    client.get("/")
    assert len(taken) == 2
