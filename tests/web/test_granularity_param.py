"""The API's ``granularity`` parameter: the CLI's choices, and 422 naming the field otherwise."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_granularity_month_gives_month_entries(client: TestClient) -> None:
    timeline = client.get("/api/timeline", params={"query": "bridge", "granularity": "month"}).json()
    assert timeline["entries"] and {e["granularity"] for e in timeline["entries"]} == {"month"}


def test_an_unknown_granularity_is_422_naming_the_field(client: TestClient) -> None:
    response = client.get("/api/timeline", params={"query": "bridge", "granularity": "week"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "granularity"]
