"""``GET /api/timeline?since=``: the CLI's marks of what is new since an ingest time, and
422 naming the field for a time it cannot read."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fastapi.testclient import TestClient

from web_support import ingest_records

NEW_EVENT = {
    "date": "2024-07-09",
    "title": "Ferry service ends",
    "text": "The last Riverton ferry crossed the river on Monday, closing the route for good.",
}


def test_since_marks_the_date_an_ingest_after_it_brought(client: TestClient, web_db: Path) -> None:
    between = dt.datetime.now(dt.UTC).isoformat().replace("+00:00", "Z")
    ingest_records(web_db, [NEW_EVENT], collection="riverton")
    timeline = client.get("/api/timeline", params={"query": "Riverton", "dates": 20, "since": between}).json()
    assert timeline["since"] == between and timeline["changes"]["new"] == 1
    assert [e["date"] for e in timeline["entries"] if e["new"]] == ["2024-07-08"]


def test_since_before_every_ingest_marks_every_date_new(client: TestClient) -> None:
    timeline = client.get("/api/timeline", params={"query": "bridge", "since": "2000-01-01"}).json()
    assert timeline["entries"] and all(e["new"] and not e["changed"] for e in timeline["entries"])
    assert timeline["changes"] == {"new": len(timeline["entries"]), "changed": 0}


def test_since_now_marks_nothing_and_no_since_adds_no_fields(client: TestClient) -> None:
    now = dt.datetime.now(dt.UTC).isoformat()
    marked = client.get("/api/timeline", params={"query": "bridge", "since": now}).json()
    assert marked["changes"] == {"new": 0, "changed": 0}
    plain = client.get("/api/timeline", params={"query": "bridge", "since": ""}).json()
    assert "since" not in plain and [e["date"] for e in plain["entries"]] == [e["date"] for e in marked["entries"]]


def test_a_time_without_a_zone_is_422_naming_the_field(client: TestClient) -> None:
    response = client.get("/api/timeline", params={"query": "bridge", "since": "2024-05-01T10:00"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "since"]
    assert "no time zone" in response.json()["detail"][0]["msg"]
