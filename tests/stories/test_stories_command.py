"""``dateline stories`` end to end on a synthetic archive with three planted stories:
each is found whole and alone, its query gives its timeline, the filters restrict it,
and a later ingest adds to the stories without moving what was assigned."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planted import STORIES, ingest, planted_records, record, stories, write_jsonl

from dateline.cli.app import app
from dateline.store import Store
from dateline.store.sqlite import read_only_connection
from dateline.stories import find_stories, update_stories

runner = CliRunner()


def planted_of(db: Path) -> dict[str, str]:
    """Article id -> the planted story it was written for (its title's first word)."""
    with closing(sqlite3.connect(db)) as connection:
        rows = connection.execute("SELECT id, title FROM articles")
        return {article_id: title.split()[0] for article_id, title in rows}


def assignments(db: Path) -> dict[str, int]:
    with closing(sqlite3.connect(db)) as connection:
        return dict(
            connection.execute("SELECT a.id, s.story FROM story_articles s JOIN articles a ON a.rowid = s.article")
        )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    db = tmp_path / "planted.db"
    ingest(db, write_jsonl(tmp_path / "planted.jsonl", planted_records()), "--collection", "news")
    return db


def test_each_planted_story_is_one_story_holding_all_its_articles_and_no_other(db: Path) -> None:
    found = stories(db)
    planted = planted_of(db)
    assert len(found) == len(STORIES)
    assert sorted(frozenset(planted[i] for i in story["article_ids"]) for story in found) == sorted(
        frozenset([name]) for name in STORIES
    )
    assert all(story["articles"] == len(STORIES["volcano"][1]) == len(story["article_ids"]) for story in found)


def test_a_story_gives_its_dates_label_and_a_query_that_finds_its_articles(db: Path) -> None:
    planted = planted_of(db)
    volcano = next(story for story in stories(db) if planted[story["article_ids"][0]] == "volcano")
    assert (volcano["first"], volcano["last"]) == ("2024-05-01", "2024-05-28")
    assert "volcano" in volcano["label"] and volcano["sources"] == 1
    timeline = runner.invoke(app, ["timeline", volcano["query"], "--db", str(db), "--format", "json"])
    cited = {
        sentence["article_id"] for entry in json.loads(timeline.stdout)["entries"] for sentence in entry["sentences"]
    }
    assert cited and cited <= set(volcano["article_ids"])


def test_dates_restrict_the_articles_counted(db: Path) -> None:
    found = stories(db, "--from", "2024-05-10", "--to", "2024-05-20")
    planted = planted_of(db)
    counted = {planted[story["article_ids"][0]]: story["articles"] for story in found}
    assert counted == {name: sum(9 <= day <= 19 for day in days) for name, (_, days) in STORIES.items()}


def test_an_unknown_collection_is_refused_and_a_known_one_lists_its_stories(db: Path) -> None:
    assert len(stories(db, "--collection", "news")) == len(STORIES)
    result = runner.invoke(app, ["stories", "--db", str(db), "--collection", "sport"])
    assert result.exit_code != 0 and "sport" in result.output


def test_a_later_ingest_adds_to_the_stories_without_moving_earlier_articles(db: Path, tmp_path: Path) -> None:
    stories(db)
    before = assignments(db)
    ingest(db, write_jsonl(tmp_path / "more.jsonl", [record("volcano", 8, 30), record("volcano", 9, 31)]))
    found = stories(db)
    after = assignments(db)
    assert {article: after[article] for article in before} == before
    volcano_story = before[next(i for i, name in planted_of(db).items() if name == "volcano" and i in before)]
    assert next(story for story in found if story["id"] == volcano_story)["articles"] == 10


def test_text_output_lists_each_story_with_its_query(db: Path) -> None:
    result = runner.invoke(app, ["stories", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert result.output.count('dateline timeline "') == len(STORIES)


def test_a_store_opened_read_only_lists_the_stories_it_has(db: Path, tmp_path: Path) -> None:
    stories(db)
    ingest(db, write_jsonl(tmp_path / "more.jsonl", [record("volcano", 8, 30)]))
    with Store(read_only_connection(db)[0], str(db)) as store:
        listed = find_stories(store)
    assert sorted(story.articles for story in listed) == [8, 8, 8]  # the new article waits


def test_assigning_in_small_chunks_assigns_every_article_once(tmp_path: Path) -> None:
    # chunks of 3 end between the two articles of 2024-05-03: neither may be skipped
    db = tmp_path / "chunks.db"
    ingest(db, write_jsonl(tmp_path / "planted.jsonl", planted_records()))
    with Store.open(db) as store:
        assert update_stories(store, chunk=3) == len(planted_records())
        assert update_stories(store, chunk=3) == 0
    assert len(assignments(db)) == len(planted_records())
