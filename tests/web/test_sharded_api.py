"""The HTTP API and the page on a sharded store, read: the answers of one store holding
the same articles; the stories are those ``dateline stories`` assigned (a read-only
server assigns none). Writes: ``test_sharded_writes``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from dateline.ingest.job import ingest
from dateline.shards import ShardedStore
from dateline.store import Store
from dateline.stories import update_stories
from dateline.web import create_app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "india-japan"
READS = [
    ("/api/timeline", {"query": "India Japan"}),
    ("/api/timeline", {"query": "nuclear", "dates": "4", "from": "2014-01-01"}),
    ("/api/articles", {"query": "Japan", "limit": "7"}),
    ("/api/articles", {}),
    ("/api/volume", {"query": "India Japan"}),
    ("/api/timeline/export", {"query": "India Japan", "format": "csv"}),
    ("/api/stories", {}),
    ("/api/stories", {"min_articles": "1", "limit": "100"}),
    ("/api/stories", {"from": "2016-01-01", "to": "2021-12-31"}),
    ("/", {}),
]


@pytest.fixture(scope="module")
def clients(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, TestClient]]:
    """The app on one store and on a store of four shards, holding the same articles."""
    folder = tmp_path_factory.mktemp("web")
    with Store.open(folder / "one.db") as one:
        ingest(one, [EXAMPLES])
    with ShardedStore.open(folder / "sharded", shards=4) as sharded:
        ingest(sharded, [EXAMPLES])
        update_stories(sharded)  # as 'dateline stories' does: the server reads them
    with TestClient(create_app(folder / "one.db")) as one, TestClient(create_app(folder / "sharded")) as sharded:
        yield one, sharded


@pytest.mark.parametrize(("path", "params"), READS)
def test_a_read_answers_as_on_one_store(clients: tuple[TestClient, TestClient], path: str, params: dict) -> None:
    one, sharded = (client.get(path, params=params) for client in clients)
    assert sharded.status_code == one.status_code == 200
    assert sharded.content == one.content


def test_an_article_and_its_page_are_found_in_their_shard(clients: tuple[TestClient, TestClient]) -> None:
    article_id = clients[0].get("/api/articles", params={"limit": "1"}).json()["articles"][0]["id"]
    for path in (f"/api/articles/{article_id}", f"/articles/{article_id}", "/"):
        one, sharded = (client.get(path) for client in clients)
        assert sharded.status_code == one.status_code == 200, path
        if path.startswith("/api"):
            assert sharded.json() == one.json()


def test_the_page_lists_the_stories(clients: tuple[TestClient, TestClient]) -> None:
    page = clients[1].get("/").text
    stories = clients[1].get("/api/stories").json()["stories"]
    assert stories and all(story["label"] in page for story in stories)


def test_a_folder_never_given_its_stories_lists_none(tmp_path: Path) -> None:
    with ShardedStore.open(tmp_path / "sharded", shards=2) as sharded:
        ingest(sharded, [EXAMPLES])
    with TestClient(create_app(tmp_path / "sharded")) as client:
        assert client.get("/api/stories").json() == {"stories": []}
        assert client.get("/").status_code == 200
    assert not (tmp_path / "sharded" / "stories.db").exists()


def test_a_read_only_server_assigns_no_new_article_to_a_story(tmp_path: Path) -> None:
    folder = tmp_path / "sharded"
    with ShardedStore.open(folder, shards=4) as sharded:
        ingest(sharded, [EXAMPLES / name for name in sorted(p.name for p in EXAMPLES.iterdir())[:30]])
        update_stories(sharded)
    with TestClient(create_app(folder)) as client:
        before = client.get("/api/stories", params={"min_articles": "1", "limit": "100"}).json()["stories"]
    with ShardedStore.open(folder) as sharded:
        ingest(sharded, [EXAMPLES])
    index = (folder / "stories.db").read_bytes()
    with TestClient(create_app(folder)) as client:
        after = client.get("/api/stories", params={"min_articles": "1", "limit": "100"}).json()["stories"]
    assert after == before and sum(story["articles"] for story in after) == 30
    assert (folder / "stories.db").read_bytes() == index
