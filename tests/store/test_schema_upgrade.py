"""Upgrading a store written by an older dateline: opening it upgrades it in one
transaction, so an upgrade killed half way leaves the old schema whole, and
``dateline check --repair`` then upgrades it to the very store a new ingest writes."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dateline.cli.app import app
from dateline.ingest.job import ingest
from dateline.store import Store
from dateline.store.schema import MIGRATIONS, SCHEMA_VERSION

OLD_VERSION = 4
ARTICLES = 240
# Articles the upgrade rewrites per statement in the interrupted run, so that it is
# killed after rewriting some of them and before the others (see KILL_HALF_WAY).
ROWS_PER_STATEMENT = 40
OLD_TABLES = ("articles", "article_bands", "sentence_spans", "article_mentions")

# Runs the real upgrade to the last schema version, with a small page cache (so its
# changes reach the write-ahead log before it commits), and kills the process with
# SIGKILL right after the schema 5 migration's second UPDATE of the articles.
KILL_HALF_WAY = f"""
import os, signal, sys
from dateline.store import Store, schema

upgrade = schema.MIGRATIONS[{OLD_VERSION}]


class KilledAfterTwoUpdates:
    def __init__(self, connection):
        self.connection, self.updates = connection, 0
        connection.execute("PRAGMA cache_size = 8")

    def execute(self, sql, *args):
        result = self.connection.execute(sql, *args)
        if sql.lstrip().startswith("UPDATE articles"):
            self.updates += 1
            if self.updates == 2:
                os.kill(os.getpid(), signal.SIGKILL)
        return result


schema.MIGRATION_ROWS = {ROWS_PER_STATEMENT}
schema.MIGRATIONS = (schema.MIGRATIONS[:{OLD_VERSION}]
                     + (lambda connection: upgrade(KilledAfterTwoUpdates(connection)),)
                     + schema.MIGRATIONS[{OLD_VERSION} + 1:])
Store.open(sys.argv[1])
"""


def write_articles(path: Path) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for number in range(ARTICLES):
            out.write(
                json.dumps(
                    {
                        "date": f"2021-{number % 12 + 1:02d}-{number % 27 + 1:02d}",
                        "title": f"Item {number}",
                        "text": f"The harbour council met on Monday about item {number}. "
                        f"The vote on item {number} was held on 3 March 2021.",
                    }
                )
                + "\n"
            )
    return path


@pytest.fixture
def new_store(tmp_path: Path) -> Path:
    """A store written by this dateline."""
    db = tmp_path / "new.db"
    with Store.open(db) as store:
        ingest(store, [write_articles(tmp_path / "articles.jsonl")], workers=1)
    return db


@pytest.fixture
def old_store(new_store: Path, tmp_path: Path) -> Path:
    """The same articles and analysis in a store of schema version 4, as the dateline
    of that version wrote it (sentence spans and time mentions in tables of their own)."""
    db = tmp_path / "old.db"
    with closing(sqlite3.connect(db, isolation_level=None)) as connection:
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("BEGIN")
        for migration in MIGRATIONS[:OLD_VERSION]:
            if callable(migration):
                migration(connection)
            else:
                for statement in statements(migration):
                    connection.execute(statement)
        connection.execute("ATTACH DATABASE ? AS new", (str(new_store),))
        connection.execute(
            "INSERT INTO articles (rowid, id, published, title, url, source, collection,"
            " lines_are_sentences, text, duplicate_of) SELECT rowid, id, published, title, url, source,"
            " collection, lines_are_sentences, text, duplicate_of FROM new.articles ORDER BY rowid"
        )
        connection.execute("INSERT INTO article_bands SELECT * FROM new.article_bands")
        connection.execute("INSERT INTO sentence_spans SELECT rowid, spans FROM new.articles")
        connection.execute("INSERT INTO article_mentions SELECT rowid, mentions FROM new.articles")
        connection.execute("COMMIT")
        connection.execute("DETACH DATABASE new")
        connection.execute(f"PRAGMA user_version = {OLD_VERSION}")
    return db


def statements(script: str) -> list[str]:
    """The statements of an SQL script, each whole (triggers hold inner semicolons)."""
    found, pending = [], ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            found.append(pending)
            pending = ""
    return found


def contents(db: Path, tables: tuple[str, ...]) -> dict[str, list[tuple]]:
    """Every row of ``tables`` in row id order, read with plain SQL."""
    with closing(sqlite3.connect(db)) as connection:
        return {table: connection.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall() for table in tables}


def schema_of(db: Path) -> tuple[int, set[str], str]:
    with closing(sqlite3.connect(db)) as connection:
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        tables = {name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        integrity = connection.execute("PRAGMA integrity_check").fetchone()[0]
    return version, tables, integrity


def test_the_old_store_fixture_has_schema_4_with_every_article(old_store: Path) -> None:
    version, tables, integrity = schema_of(old_store)
    assert (version, integrity) == (OLD_VERSION, "ok") and set(OLD_TABLES) <= tables
    assert all(len(rows) == ARTICLES for rows in contents(old_store, OLD_TABLES[::2]).values())


def test_an_upgrade_killed_half_way_leaves_the_old_schema_whole(old_store: Path) -> None:
    before = contents(old_store, OLD_TABLES)
    assert ARTICLES // ROWS_PER_STATEMENT > 2, "the upgrade must have statements left at the kill"
    killed = subprocess.run(
        [sys.executable, "-c", KILL_HALF_WAY, str(old_store)], capture_output=True, text=True, timeout=120
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    wal = Path(f"{old_store}-wal")
    assert wal.exists() and wal.stat().st_size > 0, "the upgrade wrote nothing to the file before the kill"
    version, tables, integrity = schema_of(old_store)
    assert (version, integrity) == (OLD_VERSION, "ok")
    assert set(OLD_TABLES) <= tables
    assert contents(old_store, OLD_TABLES) == before


def test_check_repair_upgrades_an_old_store_to_what_a_new_ingest_writes(old_store: Path, new_store: Path) -> None:
    runner = CliRunner()
    checked = runner.invoke(app, ["check", "--db", str(old_store), "--json"])
    assert checked.exit_code == 1
    assert [f["check"] for f in json.loads(checked.stdout)["findings"]] == ["schema"]
    repaired = runner.invoke(app, ["check", "--db", str(old_store), "--repair", "--json"])
    assert repaired.exit_code == 0, repaired.output
    assert json.loads(repaired.stdout)["repair"]["migrated"] is True
    version, tables, _ = schema_of(old_store)
    assert version == SCHEMA_VERSION and not {"sentence_spans", "article_mentions"} & tables
    assert contents(old_store, ("articles", "article_bands")) == contents(new_store, ("articles", "article_bands"))
    assert runner.invoke(app, ["check", "--db", str(old_store)]).exit_code == 0
