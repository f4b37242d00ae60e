"""The CLI on a sharded store: ``ingest --shards`` creates a folder of shards, and
``timeline``, ``collections`` and ``check`` take the folder as ``--db`` and answer as
they do for one store holding the same articles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dateline.cli.app import app

runner = CliRunner()
EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "india-japan"
SHARDS = 4


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("cli")
    one, sharded = folder / "one.db", folder / "sharded"
    for args in (["--db", str(one)], ["--db", str(sharded), "--shards", str(SHARDS)]):
        result = runner.invoke(app, ["ingest", str(EXAMPLES), "--quiet", "--workers", "1", *args])
        assert result.exit_code == 0, result.output
    return one, sharded


def test_ingest_with_shards_creates_a_folder_of_shards_and_a_manifest(stores: tuple[Path, Path]) -> None:
    manifest = json.loads((stores[1] / "manifest.json").read_text())
    assert manifest["shards"] == [f"shard-{index:03d}.db" for index in range(SHARDS)]
    assert sorted(path.name for path in stores[1].glob("shard-*.db")) == manifest["shards"]


def test_ingesting_again_into_the_folder_adds_nothing(stores: tuple[Path, Path]) -> None:
    result = runner.invoke(app, ["ingest", str(EXAMPLES), "--quiet", "--workers", "1", "--db", str(stores[1])])
    assert result.exit_code == 0, result.output
    assert "0 articles added, 45 already stored" in result.output


def test_another_shard_count_for_an_existing_folder_is_refused(stores: tuple[Path, Path]) -> None:
    result = runner.invoke(app, ["ingest", str(EXAMPLES), "--quiet", "--db", str(stores[1]), "--shards", "8"])
    assert result.exit_code == 1
    assert "has 4 shards, not 8" in result.output


@pytest.mark.parametrize("query", ["India Japan", "nuclear"])
def test_the_timeline_of_the_folder_is_the_one_stores(stores: tuple[Path, Path], query: str) -> None:
    outputs = [runner.invoke(app, ["timeline", query, "--db", str(db), "--format", "json"]).output for db in stores]
    assert json.loads(outputs[1]) == json.loads(outputs[0])


@pytest.mark.parametrize("options", [[], ["--query", "Japan nuclear", "--limit", "5"], ["--from", "2015-01-01"]])
def test_articles_of_the_folder_are_the_one_stores(stores: tuple[Path, Path], options: list[str]) -> None:
    outputs = [runner.invoke(app, ["articles", "--db", str(db), "--format", "json", *options]).output for db in stores]
    assert json.loads(outputs[1]) == json.loads(outputs[0])
    assert json.loads(outputs[0])["total"] > 0


def test_collections_of_the_folder_are_the_one_stores(stores: tuple[Path, Path]) -> None:
    outputs = [runner.invoke(app, ["collections", "--db", str(db), "--format", "json"]).output for db in stores]
    assert json.loads(outputs[1]) == json.loads(outputs[0])


def test_check_checks_every_shard(stores: tuple[Path, Path]) -> None:
    result = runner.invoke(app, ["check", "--db", str(stores[1]), "--json"])
    assert result.exit_code == 0, result.output
    reports = json.loads(result.output)["shards"]
    assert [Path(report["path"]).name for report in reports] == [f"shard-{index:03d}.db" for index in range(SHARDS)]
    assert sum(report["articles"] for report in reports) == 45


def test_check_fails_when_one_shard_is_damaged(tmp_path: Path, stores: tuple[Path, Path]) -> None:
    import shutil
    import sqlite3
    from contextlib import closing

    folder = tmp_path / "copy"
    shutil.copytree(stores[1], folder, ignore=shutil.ignore_patterns(".write.lock"))
    with closing(sqlite3.connect(folder / "shard-002.db")) as db, db:
        db.execute("UPDATE articles SET spans = x'00' WHERE rowid = (SELECT max(rowid) FROM articles)")
    result = runner.invoke(app, ["check", "--db", str(folder)])
    assert result.exit_code == 1
    assert "shard-002.db: 2 problems" in result.output
    assert "shard-001.db: consistent" in result.output
