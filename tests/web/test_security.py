"""The server as something shared: writes need the token, abuse gets 429, headers and
origins are locked down, paths cannot escape, downloads have safe names (issue 22)."""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from web_support import BRIDGE_STORY, WRITE_TOKEN, WRITER, LiveServer

from dateline.web import create_app
from dateline.web.tokens import fingerprint

RECORD = {"date": "2024-06-01", "text": "The Riverton ferry closed on Saturday."}
OTHER_SITE = "https://elsewhere.example"
READER_SITE = "https://newsroom.example"
SOURCE_MARK = "def create_app("  # a line of src/dateline/web/app.py, beside the static folder


def stored(client: TestClient) -> int:
    return client.get("/api/health").json()["articles"]


def assert_json_error(response, status: int) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    assert response.json()["detail"] and response.json()["message"]


# Write tokens


def test_a_write_without_a_token_is_401_and_stores_nothing(client: TestClient) -> None:
    response = client.post("/api/articles", json=RECORD)
    assert_json_error(response, 401)
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert "Authorization: Bearer" in response.json()["message"]
    assert stored(client) == len(BRIDGE_STORY)


@pytest.mark.parametrize(
    "authorization",
    [
        f"Bearer {WRITE_TOKEN}x",
        f"Bearer {WRITE_TOKEN[:-1]}",
        "Bearer " + "x" * len(WRITE_TOKEN),
    ],
)
def test_a_wrong_token_is_403_and_stores_nothing(client: TestClient, authorization: str) -> None:
    response = client.post("/api/articles", json=RECORD, headers={"Authorization": authorization})
    assert_json_error(response, 403)
    assert 'error="invalid_token"' in response.headers["www-authenticate"]
    assert stored(client) == len(BRIDGE_STORY)


@pytest.mark.parametrize("authorization", [f"Basic {WRITE_TOKEN}", WRITE_TOKEN, "Bearer", "Bearer  "])
def test_a_token_not_sent_as_bearer_is_401(client: TestClient, authorization: str) -> None:
    assert_json_error(client.post("/api/articles", json=RECORD, headers={"Authorization": authorization}), 401)


def test_every_writing_method_needs_the_token(client: TestClient) -> None:
    for method, path in (
        ("PUT", "/api/articles"),
        ("DELETE", "/api/articles/x"),
        ("PATCH", "/api/writes"),
        ("POST", "/api/timeline"),
        ("POST", "/anything"),
    ):
        assert_json_error(client.request(method, path), 401)


def test_the_token_is_checked_before_the_body_is_read(client: TestClient) -> None:
    malformed = {"content": b'[{"date": "2024-06-01", "text": ', "headers": {"Content-Type": "application/json"}}
    assert client.post("/api/articles", **malformed).status_code == 401
    assert (
        client.post("/api/articles", content=malformed["content"], headers=malformed["headers"] | WRITER).status_code
        == 422
    )


def test_reads_need_no_token(client: TestClient) -> None:
    for path in ("/", "/api/health", "/api/articles", "/api/timeline?query=bridge", "/api/writes"):
        assert client.get(path).status_code == 200, path


def test_a_read_only_server_refuses_every_write_with_403(web_db: Path) -> None:
    with TestClient(create_app(web_db)) as client:
        response = client.post("/api/articles", json=RECORD, headers=WRITER)
        assert_json_error(response, 403)
        assert "read-only" in response.json()["message"]
        assert client.get("/api/health").json()["writes"] == "read-only"
        assert stored(client) == len(BRIDGE_STORY)


def test_the_write_log_names_the_writes_time_and_token_fingerprint_never_the_token(client: TestClient) -> None:
    posted = client.post("/api/articles", json=[RECORD], headers=WRITER).json()
    [write] = client.get("/api/writes").json()["writes"]
    assert write["token"] == fingerprint(WRITE_TOKEN) and write["articles"] == 1
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", write["at"])
    article = client.get(f"/api/articles/{posted['ids'][0]}").json()
    assert article["added_by"] == write
    assert client.get(f"/api/writes/{write['id']}").json()["article_ids"] == posted["ids"]
    [ingested] = client.get("/api/articles", params={"query": "ribbon"}).json()["articles"]
    assert client.get(f"/api/articles/{ingested['id']}").json()["added_by"] is None
    for path in ("/api/writes", f"/api/writes/{write['id']}", f"/api/articles/{posted['ids'][0]}", "/api/health"):
        assert WRITE_TOKEN not in client.get(path).text
    assert client.get("/api/writes/999").status_code == 404


# Origins


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": OTHER_SITE},
        {"Origin": "null"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Origin": "http://testserver.example"},
    ],
)
def test_a_write_from_another_origin_is_refused_even_with_the_token(client: TestClient, headers: dict) -> None:
    assert_json_error(client.post("/api/articles", json=RECORD, headers=WRITER | headers), 403)
    assert stored(client) == len(BRIDGE_STORY)


def test_a_write_from_the_servers_own_page_is_accepted(client: TestClient) -> None:
    headers = WRITER | {"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"}
    assert client.post("/api/articles", json=RECORD, headers=headers).status_code == 200


def test_without_cors_origins_no_other_origin_may_read(client: TestClient) -> None:
    preflight = client.options("/api/timeline", headers={"Origin": OTHER_SITE, "Access-Control-Request-Method": "GET"})
    assert "access-control-allow-origin" not in preflight.headers
    read = client.get("/api/health", headers={"Origin": OTHER_SITE})
    assert read.status_code == 200 and "access-control-allow-origin" not in read.headers


def test_cors_origins_may_read_but_never_write_and_no_one_else_may_read(web_db: Path) -> None:
    with TestClient(create_app(web_db, write_token=WRITE_TOKEN, cors_origins=(READER_SITE,))) as client:
        preflight = client.options(
            "/api/timeline", headers={"Origin": READER_SITE, "Access-Control-Request-Method": "GET"}
        )
        assert preflight.status_code == 200
        assert preflight.headers["access-control-allow-origin"] == READER_SITE
        read = client.get("/api/health", headers={"Origin": READER_SITE})
        assert read.headers["access-control-allow-origin"] == READER_SITE
        write_preflight = client.options(
            "/api/articles",
            headers={
                "Origin": READER_SITE,
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "authorization, content-type",
            },
        )
        assert write_preflight.status_code >= 400
        assert "POST" not in write_preflight.headers.get("access-control-allow-methods", "")
        assert_json_error(client.post("/api/articles", json=RECORD, headers=WRITER | {"Origin": READER_SITE}), 403)
        stranger = client.options(
            "/api/timeline", headers={"Origin": OTHER_SITE, "Access-Control-Request-Method": "GET"}
        )
        assert "access-control-allow-origin" not in stranger.headers
        for response in (preflight, read, write_preflight, stranger):
            assert response.headers.get("access-control-allow-origin") != "*"


# Rate limits


def test_uncached_builds_over_the_limit_are_429_with_retry_after(web_db: Path) -> None:
    with TestClient(create_app(web_db, builds_per_minute=6)) as client:
        assert client.get("/api/timeline", params={"query": "bridge"}).status_code == 200
        limited = client.get("/api/timeline", params={"query": "ferry"})
        assert_json_error(limited, 429)
        assert 1 <= int(limited.headers["retry-after"]) <= 10
        assert client.get("/api/timeline/export", params={"query": "ferry", "format": "md"}).status_code == 429
        # A cached timeline is no build: always answered.
        assert client.get("/api/timeline", params={"query": "bridge"}).status_code == 200


def test_one_clients_builds_do_not_limit_another_client(web_db: Path) -> None:
    app = create_app(web_db, builds_per_minute=6)
    with TestClient(app, client=("192.0.2.1", 1000)) as abuser, TestClient(app, client=("192.0.2.2", 1000)) as other:
        assert abuser.get("/api/timeline", params={"query": "bridge"}).status_code == 200
        assert abuser.get("/api/timeline", params={"query": "ferry"}).status_code == 429
        assert other.get("/api/timeline", params={"query": "ferry"}).status_code == 200


def test_an_abusive_address_is_limited_while_another_is_served(web_db: Path) -> None:
    """Over real connections from two loopback addresses (as bench_security_load.py
    runs its clients): the server tells clients apart by address."""

    def client_at(address: str) -> httpx.Client:
        return httpx.Client(base_url=server.url, transport=httpx.HTTPTransport(local_address=address), timeout=60)

    with (
        LiveServer(web_db, builds_per_minute=6) as server,
        client_at("127.0.0.5") as abuser,
        client_at("127.0.0.6") as other,
    ):
        statuses = [
            abuser.get("/api/timeline", params={"query": "bridge", "from": f"2023-0{month}-01"}).status_code
            for month in range(1, 5)
        ]
        assert statuses[0] == 200 and set(statuses[1:]) == {429}
        assert other.get("/api/timeline", params={"query": "ferry"}).status_code == 200
        assert abuser.get("/api/timeline", params={"query": "ferry"}).status_code == 200  # cached: free


def test_writes_over_the_limit_are_429_with_retry_after(web_db: Path) -> None:
    with TestClient(create_app(web_db, write_token=WRITE_TOKEN, writes_per_minute=6)) as client:
        assert client.post("/api/articles", json=RECORD, headers=WRITER).status_code == 200
        limited = client.post("/api/articles", json=RECORD | {"text": "Another ferry."}, headers=WRITER)
        assert_json_error(limited, 429)
        assert int(limited.headers["retry-after"]) >= 1
        assert stored(client) == len(BRIDGE_STORY) + 1


def test_no_limit_by_default_in_the_library(client: TestClient) -> None:
    for query in ("bridge", "ferry", "council", "traffic", "mayor", "deck", "crane", "engineers"):
        assert client.get("/api/timeline", params={"query": query}).status_code == 200


# Headers


@pytest.mark.parametrize(
    "path",
    ["/", "/articles/nope", "/api/health", "/api/timeline?query=bridge", "/static/app.js", "/api/nothing", "/docs"],
)
def test_every_response_has_the_security_headers(client: TestClient, path: str) -> None:
    headers = client.get(path).headers
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    assert headers["x-frame-options"] == "DENY"


def test_refusals_have_the_security_headers_too(client: TestClient) -> None:
    assert client.post("/api/articles", json=RECORD).headers["x-content-type-options"] == "nosniff"


def test_pages_keep_their_policy_and_the_api_allows_nothing(client: TestClient) -> None:
    page_policy = client.get("/").headers["content-security-policy"]
    assert "script-src 'self'" in page_policy and "frame-ancestors 'none'" in page_policy
    api_policy = client.get("/api/timeline/export", params={"query": "bridge", "format": "html"}).headers[
        "content-security-policy"
    ]
    assert "default-src 'none'" in api_policy and "sandbox" in api_policy


# Paths and files


TRAVERSALS = [
    "/static/../app.py",
    "/static/./../app.py",
    "/static/..%2fapp.py",
    "/static/..%2Fapp.py",
    "/static/%2e%2e/app.py",
    "/static/%2e%2e%2fapp.py",
    "/static/%252e%252e%252fapp.py",
    "/static/..%5capp.py",
    "/static/..\\app.py",
    "/static/%c0%ae%c0%ae/app.py",
    "/static/..%c0%afapp.py",
    "/static/%2e%2e%5capp.py",
    "/static//../app.py",
    "/static/app.js/../../app.py",
    "/static/%00../app.py",
    "/static/..;/app.py",
    "/static/../templates/base.html",
    "/static/.%2e/app.py",
    "/static/%2e./app.py",
    "/../src/dateline/web/app.py",
    "/static/..%00/app.py",
]


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with LiveServer(tmp_path_factory.mktemp("traversal") / "live.db") as server:
        yield server


def raw_get(server: LiveServer, target: str) -> tuple[int, str]:
    """``GET target`` sent byte for byte (HTTP clients would normalise the dots)."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as connection:
        connection.sendall(f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    head, _, body = answer.decode("latin-1").partition("\r\n\r\n")
    return int(head.split()[1]), body


@pytest.mark.parametrize("target", TRAVERSALS)
def test_static_files_cannot_be_escaped(live: LiveServer, target: str) -> None:
    status, body = raw_get(live, target)
    assert status in (400, 404), (target, status)
    assert SOURCE_MARK not in body and "{% block" not in body


def test_the_raw_requests_reach_the_static_files(live: LiveServer) -> None:
    """The traversal test's requests are well formed: the same way, a real file is served."""
    status, body = raw_get(live, "/static/app.js")
    assert status == 200 and "fetch(" in body


@pytest.mark.parametrize(
    "query",
    [
        '"; filename="evil.sh',
        "a\r\nSet-Cookie: x=1",
        "../../etc/passwd",
        "C:\\Windows\\win.ini",
        "日本 インド",
        "%0d%0a",
        "x" * 500,
        ".hidden",
        "con",
        "",
    ],
)
def test_exports_have_a_safe_file_name(client: TestClient, query: str) -> None:
    response = client.get("/api/timeline/export", params={"query": query, "format": "csv"})
    assert response.status_code == 200
    disposition = response.headers["content-disposition"]
    assert re.fullmatch(r'attachment; filename="timeline(-[a-z0-9]+(-[a-z0-9]+)*)?\.csv"', disposition), disposition
    assert len(disposition) < 120
