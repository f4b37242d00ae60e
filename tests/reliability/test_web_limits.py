"""The HTTP API's limits: bodies over the size limit are refused however they are sent,
and no request can make the server read a file named by the client."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from dateline.web import create_app

SECRET = "dateline-secret-marker-7f3a"
WRITE_TOKEN = "limits-write-token-0123456789"
WRITER = {"Authorization": f"Bearer {WRITE_TOKEN}"}
PATH_LIKE_NAMES = {"path", "file", "filename", "db", "database", "dir", "folder", "directory", "source"}


@pytest.fixture
def secret_file(tmp_path: Path) -> Path:
    path = tmp_path / "secret" / "passwd.txt"
    path.parent.mkdir()
    path.write_text(f" date 2020-03-01 {SECRET} on Monday.\n")
    return path


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(
        create_app(tmp_path / "store.db", max_body_bytes=4096, max_article_chars=500, write_token=WRITE_TOKEN)
    ) as client:
        yield client


def test_a_chunked_body_over_the_limit_is_refused_with_413(client: TestClient) -> None:
    record = json.dumps({"date": "2020-03-01", "text": "word " * 90}).encode()

    def chunks() -> Iterator[bytes]:
        yield b"["
        for index in range(100):
            yield (b"," if index else b"") + record
        yield b"]"

    response = client.post("/api/articles", content=chunks(), headers=WRITER | {"Content-Type": "application/json"})
    assert response.status_code == 413
    assert client.get("/api/health").json()["articles"] == 0


def test_a_body_just_under_the_limit_is_accepted(client: TestClient) -> None:
    body = json.dumps([{"date": "2020-03-01", "text": "word " * 90}]).encode()
    assert len(body) < 4096
    response = client.post("/api/articles", content=body, headers=WRITER | {"Content-Type": "application/json"})
    assert response.status_code < 300, response.text


def test_no_api_parameter_names_a_file(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    names = {
        parameter["name"].lower()
        for operations in spec["paths"].values()
        for operation in operations.values()
        for parameter in operation.get("parameters", [])
    }
    assert not names & PATH_LIKE_NAMES


@pytest.mark.parametrize(
    "record",
    [
        {"date": "2020-03-01", "path": "{secret}"},
        {"date": "2020-03-01", "file": "{secret}"},
        {"date": "2020-03-01", "text": {"path": "{secret}"}},
        {"date": "2020-03-01", "url": "file://{secret}"},
    ],
)
def test_posted_records_naming_a_file_never_read_it(client: TestClient, secret_file: Path, record: dict) -> None:
    posted = json.loads(json.dumps(record).replace("{secret}", str(secret_file)))
    response = client.post("/api/articles", json=[posted], headers=WRITER)
    assert SECRET not in response.text
    listing = client.get("/api/articles", params={"query": SECRET}).json()
    assert listing["total"] == 0


@pytest.mark.parametrize(
    "template",
    [
        "/static/..%2f..%2f..%2f{secret}",
        "/static/../../../{secret}",
        "/static/%2e%2e/%2e%2e/{secret}",
        "/api/articles/..%2f..%2f{secret}",
        "/article/..%2f..%2f{secret}",
        "/{secret}",
        "/api/timeline?query=x&db={secret}",
        "/api/articles?collection=../../{secret}",
    ],
)
def test_urls_naming_a_file_never_serve_it(client: TestClient, secret_file: Path, template: str) -> None:
    relative = "../" * 12 + str(secret_file).lstrip("/")
    response = client.get(template.replace("{secret}", relative))
    assert SECRET not in response.text
    assert response.status_code in (200, 404, 422)
