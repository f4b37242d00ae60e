"""``--collection`` end to end: ``dateline ingest --collection`` labels articles, and the
CLI's ``articles`` and ``timeline`` and the API's listing, timeline and volume then
use only the articles of the collection named."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from dateline.cli.app import app
from dateline.web import create_app

runner = CliRunner()
QUERY = "bridge"
# The same kind of story in two towns; each article mentions its town and the bridge.
TOWNS = {"riverton": ("2023-03", "2023-06", "2023-11"), "lakeside": ("2024-02", "2024-05")}


def town_records(town: str) -> list[dict]:
    return [
        {
            "date": f"{month}-15",
            "title": f"{town} {month}",
            "text": f"The {town.title()} bridge works reached a new stage on {month}-12. "
            f"The {town.title()} council met about the bridge on {month}-14.",
        }
        for month in TOWNS[town]
    ]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    db = tmp_path / "towns.db"
    for town in TOWNS:
        corpus = tmp_path / f"{town}.jsonl"
        corpus.write_text("".join(json.dumps(r) + "\n" for r in town_records(town)), encoding="utf-8")
        result = runner.invoke(
            app, ["ingest", str(corpus), "--db", str(db), "--collection", town, "--quiet", "--workers", "1"]
        )
        assert result.exit_code == 0, result.output
    return db


def ids_by_collection(db: Path) -> dict[str, set[str]]:
    """What the store holds, read with plain SQL."""
    found: dict[str, set[str]] = {}
    with closing(sqlite3.connect(db)) as connection:
        for article_id, collection in connection.execute("SELECT id, collection FROM articles"):
            found.setdefault(collection, set()).add(article_id)
    return found


def cited(timeline: dict) -> set[str]:
    return {s["article_id"] for entry in timeline["entries"] for s in entry["sentences"]}


def test_ingest_collection_labels_every_article_it_adds(db: Path) -> None:
    assert {name: len(ids) for name, ids in ids_by_collection(db).items()} == {"riverton": 3, "lakeside": 2}


def test_cli_articles_and_timeline_use_only_the_collection_named(db: Path) -> None:
    stored = ids_by_collection(db)
    for town in TOWNS:
        listing = runner.invoke(app, ["articles", "--db", str(db), "--collection", town, "--format", "json"])
        assert listing.exit_code == 0, listing.output
        assert {a["id"] for a in json.loads(listing.stdout)["articles"]} == stored[town]
        result = runner.invoke(app, ["timeline", QUERY, "--db", str(db), "--collection", town, "--format", "json"])
        assert result.exit_code == 0, result.output
        assert cited(json.loads(result.stdout)) and cited(json.loads(result.stdout)) <= stored[town]


def test_api_listing_timeline_and_volume_use_only_the_collection_named(db: Path) -> None:
    stored = ids_by_collection(db)
    with TestClient(create_app(db)) as client:
        for town in TOWNS:
            params = {"query": QUERY, "collection": town}
            listing = client.get("/api/articles", params=params).json()
            assert {a["id"] for a in listing["articles"]} == stored[town] and listing["total"] == len(stored[town])
            timeline = client.get("/api/timeline", params=params).json()
            assert cited(timeline) and cited(timeline) <= stored[town]
            assert client.get("/api/volume", params=params).json()["articles"] == len(stored[town])
        assert "riverton (3)" in client.get("/").text


@pytest.mark.parametrize("command", [["articles"], ["timeline", QUERY]])
def test_an_unknown_collection_is_an_error_naming_it_and_the_known_ones(db: Path, command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--db", str(db), "--collection", "rivertown"])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "Error: --collection: no collection named 'rivertown'; the store's collections are: lakeside (2), riverton (3)"
    ]


def test_an_unknown_collection_in_a_store_without_collections_says_there_are_none(tmp_path: Path) -> None:
    corpus = tmp_path / "a.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in town_records("lakeside")), encoding="utf-8")
    db = str(tmp_path / "plain.db")
    assert runner.invoke(app, ["ingest", str(corpus), "--db", db, "--quiet", "--workers", "1"]).exit_code == 0
    result = runner.invoke(app, ["articles", "--db", db, "--collection", "lakeside"])
    assert result.exit_code == 2 and "no collection named 'lakeside'; the store has no collections" in result.stderr


def test_collections_lists_each_collection_with_its_article_count_and_span(db: Path) -> None:
    listing = runner.invoke(app, ["collections", "--db", str(db), "--format", "json"])
    assert listing.exit_code == 0, listing.output
    assert json.loads(listing.stdout) == {
        "collections": [
            {"name": "lakeside", "articles": 2, "first": "2024-02-15", "last": "2024-05-15"},
            {"name": "riverton", "articles": 3, "first": "2023-03-15", "last": "2023-11-15"},
        ],
        "total": 5,
    }
    text = runner.invoke(app, ["collections", "--db", str(db)])
    assert text.exit_code == 0
    assert [line.split() for line in text.stdout.splitlines()] == [
        ["collection", "articles", "first", "last"],
        ["lakeside", "2", "2024-02-15", "2024-05-15"],
        ["riverton", "3", "2023-03-15", "2023-11-15"],
        ["2", "collections,", "5", "articles"],
    ]
