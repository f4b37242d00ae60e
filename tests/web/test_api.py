"""The JSON API against the real app on a real SQLite file: shapes, validation, limits."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings, strategies as st
from typer.testing import CliRunner

from web_support import BRIDGE_STORY, WRITE_TOKEN, WRITER

from dateline.cli.app import app as cli_app
from dateline.web import create_app


def test_health_reports_the_store_size(client: TestClient) -> None:
    response = client.get("/api/health")
    assert response.status_code == 200
    assert response.json()["status"] == "ok" and response.json()["articles"] == len(BRIDGE_STORY)


def test_timeline_json_is_exactly_the_clis(client: TestClient, web_db: Path) -> None:
    args = {"query": "Riverton bridge", "dates": "4", "sentences": "1", "from": "2023-01-01"}
    response = client.get("/api/timeline", params=args)
    cli = CliRunner().invoke(
        cli_app,
        [
            "timeline",
            "Riverton bridge",
            "--db",
            str(web_db),
            "--format",
            "json",
            "--dates",
            "4",
            "--sentences",
            "1",
            "--from",
            "2023-01-01",
        ],
    )
    assert response.status_code == 200 and cli.exit_code == 0
    assert response.json() == json.loads(cli.stdout)
    assert 1 <= len(response.json()["entries"]) <= 4


def test_timeline_sentences_are_spans_of_the_articles_they_cite(client: TestClient) -> None:
    timeline = client.get("/api/timeline", params={"query": "bridge", "dates": 10, "sentences": 3}).json()
    assert timeline["entries"]
    for entry in timeline["entries"]:
        for sentence in entry["sentences"]:
            article = client.get(f"/api/articles/{sentence['article_id']}").json()
            assert article["text"][sentence["start"] : sentence["end"]] == sentence["text"]


def test_explain_adds_scores(client: TestClient) -> None:
    plain = client.get("/api/timeline", params={"query": "bridge"}).json()
    timeline = client.get("/api/timeline", params={"query": "bridge", "explain": "true"}).json()
    assert timeline["entries"], "the query found no timeline to explain"
    assert all("score" in entry and "evidence" in entry for entry in timeline["entries"])
    assert not any("score" in entry or "evidence" in entry for entry in plain["entries"])


def test_articles_listing_matches_the_clis_shape(client: TestClient, web_db: Path) -> None:
    response = client.get("/api/articles", params={"query": "ferry", "limit": 1})
    listing = response.json()
    assert response.status_code == 200 and listing["total"] == 2 and len(listing["articles"]) == 1
    assert set(listing["articles"][0]) == {"id", "date", "title", "url", "chars"}
    cli = CliRunner().invoke(
        cli_app, ["articles", "--db", str(web_db), "--query", "ferry", "--limit", "1", "--format", "json"]
    )
    assert listing == json.loads(cli.stdout)


def test_one_article_has_its_text_and_unknown_ids_are_404(client: TestClient) -> None:
    [listed] = client.get("/api/articles", params={"query": "ribbon"}).json()["articles"]
    article = client.get(f"/api/articles/{listed['id']}").json()
    assert article["title"] == "Riverton bridge opens" and article["collection"] == "riverton"
    assert article["chars"] == len(article["text"]) == listed["chars"]
    missing = client.get("/api/articles/0000000000000000")
    assert missing.status_code == 404 and "0000000000000000" in missing.json()["detail"]


def test_volume_counts_matching_articles_per_day(client: TestClient) -> None:
    volume = client.get("/api/volume", params={"query": "ferry"}).json()
    assert volume == {
        "strategy": "all-words",
        "articles": 2,
        "days": [{"date": "2024-04-12", "count": 1}, {"date": "2024-05-02", "count": 1}],
    }


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"dates": "0"}, "dates"),
        ({"dates": "-3"}, "dates"),
        ({"dates": "1000000"}, "dates"),
        ({"dates": "99999999999999999999999"}, "dates"),
        ({"dates": "ten"}, "dates"),
        ({"sentences": "-1"}, "sentences"),
        ({"sentences": "51"}, "sentences"),
        ({"from": "2023-02-30"}, "from"),
        ({"from": "yesterday"}, "from"),
        ({"to": "20230101"}, "to"),
        ({"from": "2024-01-01", "to": "2023-01-01"}, "from"),
        ({"method": "magic"}, "method"),
        ({"query": "x" * 501}, "query"),
    ],
)
def test_invalid_timeline_parameters_are_422_naming_the_field(
    client: TestClient, params: dict[str, str], field: str
) -> None:
    for path in ("/api/timeline", "/api/timeline/export?format=md"):
        response = client.get(path, params=params)
        assert response.status_code == 422, (path, params, response.text)
        body = response.json()
        assert body["detail"][0]["loc"] == ["query", field]
        assert f"'{field}'" in body["message"]


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("/api/articles?limit=-1", "limit"),
        ("/api/articles?limit=100000", "limit"),
        ("/api/articles?from=2020-1-1", "from"),
        ("/api/volume?to=never", "to"),
        ("/api/timeline/export?format=pdf", "format"),
    ],
)
def test_other_invalid_parameters_are_422_naming_the_field(client: TestClient, path: str, field: str) -> None:
    response = client.get(path)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", field]


def test_empty_form_fields_mean_not_given(client: TestClient) -> None:
    response = client.get("/api/timeline", params={"query": "bridge", "from": "", "to": "", "collection": ""})
    assert response.status_code == 200 and response.json()["entries"]


def test_query_syntax_is_never_an_error(client: TestClient) -> None:
    for query in ['"unbalanced', "NEAR(a b)", "bridge OR", "*", "a:b", "-bridge", "\x00", "😀 bridge"]:
        assert client.get("/api/timeline", params={"query": query}).status_code == 200, query
        assert client.get("/api/articles", params={"query": query}).status_code == 200, query


def test_posting_articles_stores_them_once(client: TestClient) -> None:
    record = {"date": "2024-06-01", "title": "Ferry closes", "text": "The Riverton ferry closed on Saturday."}
    first = client.post("/api/articles", json=[record], params={"collection": "riverton"}, headers=WRITER)
    assert first.status_code == 200 and first.json()["added"] == 1
    again = client.post("/api/articles", json={"articles": [record]}, params={"collection": "riverton"}, headers=WRITER)
    assert again.json() == {"added": 0, "already_stored": 1, "ids": first.json()["ids"]}
    assert client.get("/api/health").json()["articles"] == len(BRIDGE_STORY) + 1
    assert client.get("/api/articles", params={"query": "Saturday ferry"}).json()["total"] == 1


def test_posting_one_record_object_works(client: TestClient) -> None:
    response = client.post("/api/articles", json={"date": "2024-06-02", "text": "A single record."}, headers=WRITER)
    assert response.status_code == 200 and response.json()["added"] == 1


def test_new_articles_change_the_timeline_despite_the_cache(client: TestClient) -> None:
    params = {"query": "tunnel", "dates": 5}
    assert client.get("/api/timeline", params=params).json()["entries"] == []
    tunnel = {"date": "2024-07-01", "text": "A tunnel under the river opened on 30 June 2024."}
    client.post("/api/articles", json=tunnel, headers=WRITER)
    entries = client.get("/api/timeline", params=params).json()["entries"]
    assert [entry["date"] for entry in entries] == ["2024-06-30"]


def test_invalid_records_are_422_with_index_and_field_and_nothing_is_stored(client: TestClient) -> None:
    records = [
        {"date": "2024-06-01", "text": "A good record."},
        {"date": "2024-13-01", "text": "Bad month."},
        {"date": "2024-06-01", "text": "   "},
        {"text": "No date."},
        {"date": "2024-06-01", "text": "Bad title.", "title": ["a list"]},
        "not an object",
    ]
    response = client.post("/api/articles", json={"articles": records}, headers=WRITER)
    assert response.status_code == 422
    locations = [error["loc"] for error in response.json()["detail"]]
    assert locations == [
        ["body", "articles", 1, "date"],
        ["body", "articles", 2, "text"],
        ["body", "articles", 3, "date/published/time"],
        ["body", "articles", 4, "title"],
        ["body", "articles", 5],
    ]
    assert "article 1, field 'date'" in response.json()["message"]
    assert client.get("/api/health").json()["articles"] == len(BRIDGE_STORY)


def test_malformed_or_empty_bodies_are_422(client: TestClient) -> None:
    malformed = client.post(
        "/api/articles", content=b'{"date": ', headers=WRITER | {"Content-Type": "application/json"}
    )
    assert malformed.status_code == 422 and "malformed JSON" in malformed.json()["message"]
    assert client.post("/api/articles", json=[], headers=WRITER).status_code == 422
    untyped = client.post(
        "/api/articles", content=b'{"date": "2024-01-01", "text": "x"}', headers=WRITER | {"Content-Type": "text/plain"}
    )
    assert untyped.status_code == 422 and "application/json" in untyped.json()["message"]


def test_oversized_article_is_422_and_oversized_body_is_413(web_db: Path) -> None:
    app = create_app(web_db, max_article_chars=100, max_body_bytes=2000, write_token=WRITE_TOKEN)
    with TestClient(app) as client:
        long_text = {"date": "2024-06-01", "text": "word " * 30}
        response = client.post("/api/articles", json=[long_text], headers=WRITER)
        assert response.status_code == 422
        assert response.json()["detail"][0]["loc"] == ["body", 0, "text"]
        huge = [{"date": "2024-06-01", "text": f"article {index}"} for index in range(200)]
        assert client.post("/api/articles", json=huge, headers=WRITER).status_code == 413
        assert client.get("/api/health").json()["articles"] == len(BRIDGE_STORY)


def test_exports_are_attachments_in_each_format(client: TestClient) -> None:
    params = {"query": "Riverton bridge", "dates": 3, "sentences": 2}
    timeline = client.get("/api/timeline", params=params).json()
    expected = {
        "json": "application/json",
        "md": "text/markdown",
        "csv": "text/csv",
        "timelinejs": "application/json",
        "html": "text/html",
    }
    for export_format, media_type in expected.items():
        response = client.get("/api/timeline/export", params=params | {"format": export_format})
        assert response.status_code == 200
        assert response.headers["content-type"].startswith(media_type)
        assert response.headers["content-disposition"].startswith('attachment; filename="timeline-riverton-bridge.')
    exported = client.get("/api/timeline/export", params=params | {"format": "json"}).json()
    assert exported == timeline
    rows = list(csv.DictReader(io.StringIO(client.get("/api/timeline/export", params=params | {"format": "csv"}).text)))
    assert [row["text"] for row in rows] == [s["text"] for e in timeline["entries"] for s in e["sentences"]]
    events = client.get("/api/timeline/export", params=params | {"format": "timelinejs"}).json()["events"]
    assert len(events) == len(timeline["entries"])


def test_openapi_documents_every_endpoint(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {
        "/api/articles",
        "/api/articles/{article_id}",
        "/api/timeline",
        "/api/timeline/export",
        "/api/volume",
        "/api/health",
    } <= set(paths)
    assert client.get("/docs").status_code == 200


def test_pages_render_and_unknown_articles_are_404(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "riverton (5)" in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert client.get("/articles/nope").status_code == 404
    assert client.get("/static/app.js").status_code == 200


def test_article_page_highlights_the_span(client: TestClient) -> None:
    [listed] = client.get("/api/articles", params={"query": "ribbon"}).json()["articles"]
    text = client.get(f"/api/articles/{listed['id']}").json()["text"]
    start = text.index("The mayor")
    end = text.index(".", start) + 1
    page = client.get(f"/articles/{listed['id']}", params={"start": start, "end": end})
    assert f'<mark id="highlight">{text[start:end]}</mark>' in page.text


def test_a_missing_store_is_created_on_startup(tmp_path: Path) -> None:
    with TestClient(create_app(tmp_path / "new.db")) as client:
        assert client.get("/api/health").json()["articles"] == 0
        assert client.get("/api/timeline", params={"query": "anything"}).json()["entries"] == []


def test_api_docs_are_served_locally(client: TestClient) -> None:
    docs = client.get("/docs").text
    assert "cdn." not in docs and "/static-offline-docs/swagger-ui-bundle.js" in docs
    assert client.get("/static-offline-docs/swagger-ui-bundle.js").status_code == 200


PARAMETER_VALUES = st.one_of(
    st.text(max_size=30),
    st.integers(-(10**30), 10**30).map(str),
    st.sampled_from(["", "2024-02-29", "0000-01-01", "9999-12-31", "nan", "1e9", "true"]),
)


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.dictionaries(
        st.sampled_from(
            ["query", "from", "to", "dates", "sentences", "method", "collection", "limit", "format", "explain"]
        ),
        PARAMETER_VALUES,
        max_size=5,
    )
)
def test_no_parameters_make_the_server_fail(client: TestClient, params: dict[str, str]) -> None:
    for path in ("/api/timeline", "/api/timeline/export", "/api/articles", "/api/volume"):
        assert client.get(path, params=params).status_code in (200, 422), (path, params)


def test_timelines_are_built_once_per_store_state(web_db: Path) -> None:
    with TestClient(create_app(web_db, concurrent_builds=1)) as client:
        for _ in range(3):
            client.get("/api/timeline", params={"query": "bridge"})
        assert client.get("/api/health").json()["cache"] == {"entries": 1, "hits": 2, "misses": 1}
