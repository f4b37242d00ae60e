"""The HTTP API and the page on a sharded store: served read-only, with the answers of
one store holding the same articles; stories are not available yet."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from dateline.errors import StoreError
from dateline.ingest.job import ingest
from dateline.shards import ShardedStore
from dateline.store import Store
from dateline.web import create_app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "india-japan"
READS = [
    ("/api/timeline", {"query": "India Japan"}),
    ("/api/timeline", {"query": "nuclear", "dates": "4", "from": "2014-01-01"}),
    ("/api/articles", {"query": "Japan", "limit": "7"}),
    ("/api/articles", {}),
    ("/api/volume", {"query": "India Japan"}),
    ("/api/timeline/export", {"query": "India Japan", "format": "csv"}),
]


@pytest.fixture(scope="module")
def clients(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, TestClient]]:
    """The app on one store and on a store of four shards, holding the same articles."""
    folder = tmp_path_factory.mktemp("web")
    with Store.open(folder / "one.db") as one:
        ingest(one, [EXAMPLES])
    with ShardedStore.open(folder / "sharded", shards=4) as sharded:
        ingest(sharded, [EXAMPLES])
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


def test_stories_are_not_available_yet(clients: tuple[TestClient, TestClient]) -> None:
    response = clients[1].get("/api/stories")
    assert response.status_code == 501
    assert "sharded" in response.json()["detail"]


def test_a_sharded_store_is_not_served_with_a_write_token(tmp_path: Path) -> None:
    with ShardedStore.open(tmp_path / "sharded", shards=2):
        pass
    with (
        pytest.raises(StoreError, match="served read-only"),
        TestClient(create_app(tmp_path / "sharded", write_token="t" * 32)),
    ):
        pass
