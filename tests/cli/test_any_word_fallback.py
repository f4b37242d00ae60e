"""Retrieval's "any word" fallback: when fewer than three articles contain every query
word, the articles containing any of them are used, best match first, and the user is
told so, in the CLI and in the API."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from dateline.cli.app import app
from dateline.retrieve import find_articles
from dateline.store import Store
from dateline.web import create_app

runner = CliRunner()
QUERY = "harbour strike"
RECORDS = [
    {"date": "2024-03-04", "title": "both", "text": "Dock workers began a strike at the harbour on 4 March 2024."},
    {"date": "2024-03-12", "title": "harbour", "text": "The harbour reopened on 11 March 2024 after the repairs."},
    {"date": "2024-03-20", "title": "strike", "text": "A rail strike halted the trains on 19 March 2024."},
    {"date": "2024-03-25", "title": "neither", "text": "The museum opened a new wing on 22 March 2024."},
]


def ingest(db: Path, records: list[dict]) -> None:
    corpus = db.with_suffix(".jsonl")
    corpus.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(corpus), "--db", str(db), "--quiet", "--workers", "1"])
    assert result.exit_code == 0, result.output


@pytest.fixture
def db(tmp_path: Path) -> Path:
    db = tmp_path / "fallback.db"
    ingest(db, RECORDS)
    return db


def found_titles(db: Path, query: str) -> tuple[list[str], str]:
    """The titles of the articles ``find_articles`` finds for ``query``, in its order,
    and the rule it used."""
    with Store.open(db, create=False) as store:
        found = find_articles(store, query)
    with closing(sqlite3.connect(db)) as connection:
        titles = dict(connection.execute("SELECT rowid, title FROM articles"))
    return [titles[rowid] for rowid in found.rowids], found.strategy


def test_fewer_than_three_articles_with_every_word_fall_back_to_those_with_any(db: Path) -> None:
    titles, strategy = found_titles(db, QUERY)
    assert strategy == "any-word"
    assert titles[0] == "both" and sorted(titles) == ["both", "harbour", "strike"]


def test_three_articles_with_every_word_are_used_alone(db: Path) -> None:
    ingest(
        db,
        [
            {"date": f"2024-04-0{day}", "title": "both", "text": f"The harbour strike went on, day {day}."}
            for day in (1, 2)
        ],
    )
    titles, strategy = found_titles(db, QUERY)
    assert strategy == "all-words" and titles == ["both"] * 3


def test_the_cli_says_it_used_articles_with_any_word(db: Path) -> None:
    result = runner.invoke(app, ["timeline", QUERY, "--db", str(db), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert "using those with any" in result.stderr
    cited = {s["text"] for entry in json.loads(result.stdout)["entries"] for s in entry["sentences"]}
    assert any(not all(word in text for word in QUERY.split()) for text in cited), cited


def test_the_api_reports_the_any_word_strategy(db: Path) -> None:
    with TestClient(create_app(db)) as client:
        volume = client.get("/api/volume", params={"query": QUERY}).json()
    assert volume["strategy"] == "any-word" and volume["articles"] == 3
