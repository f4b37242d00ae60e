"""``dateline stories`` on a folder of shards lists the stories one store holding the same
articles lists (ids, labels, article ids, dates, counts), with and without filters, after
a later ingest, and in chunks that end in another shard than they began; its index
(``stories.db``) is derived: lost, it is rebuilt; out of step with the shards, rebuilt."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planted import STORIES, ingest, planted_records, record, stories, write_jsonl

from dateline.cli.app import app
from dateline.shards import ShardedStore, open_store
from dateline.shards.manifest import read_manifest
from dateline.stories import find_stories, update_stories

runner = CliRunner()
EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "india-japan"
SHARDS = 3
SPREAD = 6  # the planted stories' days, times this: each spans five months, so shards


def spread_records(first: int = 0, last: int | None = None) -> list[dict[str, str]]:
    return planted_records(SPREAD, first, last)


def build(folder: Path, records: list[dict[str, str]]) -> tuple[Path, Path]:
    """One store and a folder of shards holding the India-Japan examples and ``records``
    (collection "wires")."""
    corpus = write_jsonl(folder / "spread.jsonl", records)
    one, sharded = folder / "one.db", folder / "sharded"
    for db, options in ((one, ()), (sharded, ("--shards", str(SHARDS)))):
        ingest(db, EXAMPLES, *options)
        ingest(db, corpus, "--collection", "wires")
    return one, sharded


def index_rowids(folder: Path) -> list[int]:
    with closing(sqlite3.connect(folder / "stories.db")) as db:
        return [row[0] for row in db.execute("SELECT article FROM story_articles ORDER BY article")]


def shard_rowids(folder: Path) -> list[int]:
    rowids = []
    for path in folder.glob("shard-*.db"):
        with closing(sqlite3.connect(path)) as db:
            rowids += [row[0] for row in db.execute("SELECT rowid FROM articles")]
    return sorted(rowids)


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return build(tmp_path_factory.mktemp("stories"), spread_records())


@pytest.mark.parametrize(
    "options",
    [
        [],
        ["--min-articles", "1", "--limit", "0"],
        ["--collection", "wires"],
        ["--from", "2016-01-01", "--to", "2021-12-31"],
        ["--from", "2024-06-15", "--min-articles", "1"],
    ],
)
def test_the_folder_lists_the_stories_of_one_store(stores: tuple[Path, Path], options: list[str]) -> None:
    one, sharded = (stories(db, *options) for db in stores)
    assert one and sharded == one


def test_the_planted_stories_span_shards(stores: tuple[Path, Path]) -> None:
    manifest = read_manifest(stores[1])
    found = stories(stores[1], "--collection", "wires")
    assert sum(story["articles"] for story in found) == sum(len(days) for _, days in STORIES.values())
    for story in found:
        first, last = (manifest.shard_of(dt.date.fromisoformat(story[end])) for end in ("first", "last"))
        assert first != last


def test_the_index_assigns_every_article_of_the_shards_once(stores: tuple[Path, Path]) -> None:
    stories(stores[1])
    assert index_rowids(stores[1]) == shard_rowids(stores[1])


def test_a_later_ingest_is_assigned_as_in_one_store(tmp_path: Path) -> None:
    stores = build(tmp_path, spread_records(last=5))
    assert stories(stores[1]) == stories(stores[0])
    more = write_jsonl(tmp_path / "more.jsonl", spread_records(first=5))
    for db in stores:
        ingest(db, more, "--collection", "wires")
    one, sharded = (stories(db, "--min-articles", "1", "--limit", "0") for db in stores)
    assert sharded == one


def test_small_chunks_ending_in_other_shards_give_the_stories_of_one_store(tmp_path: Path) -> None:
    listed = []
    for db in build(tmp_path, spread_records()):
        with open_store(db) as store:
            assert update_stories(store, chunk=4) == store.count_articles()
            listed.append(find_stories(store, min_articles=1))
    assert listed[1] == listed[0]


def test_a_lost_index_is_rebuilt_with_the_same_stories(tmp_path: Path) -> None:
    one, sharded = build(tmp_path, spread_records())
    before = stories(sharded)
    (sharded / "stories.db").unlink()
    assert stories(sharded) == before == stories(one)


def copy_shard(source: Path, target: Path, name: str) -> None:
    """Copy the shard ``name`` of the folder ``source`` into ``target`` (SQLite's backup)."""
    with closing(sqlite3.connect(source / name)) as read, closing(sqlite3.connect(target / name)) as written:
        read.backup(written)


@pytest.mark.parametrize(
    ("restored", "then"),
    [
        (["shard-001.db"], spread_records(first=5)),  # its lost articles are stored again, with new row ids
        (["shard-000.db", "shard-001.db", "shard-002.db"], [record("cup", n, 3 * n) for n in range(10, 19)]),
    ],
)
def test_an_index_out_of_step_with_restored_shards_is_rebuilt(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, restored: list[str], then: list[dict[str, str]]
) -> None:
    _, sharded = build(tmp_path, spread_records(last=5))
    backup = tmp_path / "backup"
    backup.mkdir()
    for name in restored:
        copy_shard(sharded, backup, name)
    more = spread_records(first=5)
    ingest(sharded, write_jsonl(tmp_path / "more.jsonl", more), "--collection", "wires")
    stories(sharded)
    for name in restored:
        copy_shard(backup, sharded, name)
    ingest(sharded, write_jsonl(tmp_path / "then.jsonl", then), "--collection", "wires")
    checked = runner.invoke(app, ["check", "--db", str(sharded)])
    assert checked.exit_code == 1 and "stories.db: the shards do not hold" in checked.output
    result = runner.invoke(app, ["stories", "--db", str(sharded), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert "rebuilding the stories" in caplog.text
    assert index_rowids(sharded) == shard_rowids(sharded)
    assert runner.invoke(app, ["check", "--db", str(sharded)]).exit_code == 0


def test_while_another_process_writes_the_folder_the_stories_so_far_are_listed(tmp_path: Path) -> None:
    one, sharded = build(tmp_path, spread_records(last=5))
    before = stories(sharded)
    ingest(sharded, write_jsonl(tmp_path / "more.jsonl", spread_records(first=5)), "--collection", "wires")
    with ShardedStore.open(sharded):  # holds the write lock, as an ingest does
        result = runner.invoke(app, ["stories", "--db", str(sharded), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert "another process is writing" in result.stderr
    assert json.loads(result.stdout)["stories"] == before
    assert stories(sharded) != before


def test_check_checks_the_story_index_after_the_shards(stores: tuple[Path, Path]) -> None:
    stories(stores[1])
    result = runner.invoke(app, ["check", "--db", str(stores[1]), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert len(report["shards"]) == SHARDS
    assert report["stories"]["consistent"] and report["stories"]["assigned"] == len(shard_rowids(stores[1]))


def test_check_repair_deletes_a_damaged_story_index_which_stories_rebuilds(tmp_path: Path) -> None:
    one, sharded = build(tmp_path, spread_records())
    stories(sharded)
    index = sharded / "stories.db"
    with closing(sqlite3.connect(index)) as db:  # everything into the file itself
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    content = bytearray(index.read_bytes())
    content[len(content) // 2 : len(content) // 2 + 4096] = bytes(4096)  # a page of zeros
    index.write_bytes(bytes(content))
    assert runner.invoke(app, ["check", "--db", str(sharded)]).exit_code == 1
    repaired = runner.invoke(app, ["check", "--db", str(sharded), "--repair"])
    assert repaired.exit_code == 0, repaired.output
    assert not index.exists()
    assert stories(sharded) == stories(one)
