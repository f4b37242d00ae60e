"""``dateline check [--repair]``: each kind of damage is found, and repair rebuilds the
derived data from the stored articles without changing what was ingested."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from reliability_support import write_corpus

from dateline.cli.app import app
from dateline.errors import StoreError
from dateline.ingest.job import ingest
from dateline.ingest.repair import repair_store
from dateline.nlp.analyze import analyze
from dateline.store import Store
from dateline.store.integrity import check_store
from dateline.store.schema import SCHEMA_VERSION
from dateline.store.spans import pack_spans, unpack_spans

ARTICLES = 40


@pytest.fixture
def store_db(tmp_path: Path) -> Path:
    db = tmp_path / "store.db"
    with Store.open(db) as store:
        ingest(store, [write_corpus(tmp_path / "corpus.jsonl", ARTICLES)], batch_size=16)
    return db


def first_end_moved(packed: bytes, by: int) -> bytes:
    """A stored spans array whose first sentence ends ``by`` characters later (an SQL
    function for ``damage``: SQLite cannot edit a BLOB's numbers itself)."""
    spans = unpack_spans(packed).copy()
    spans[0, 1] += by
    return pack_spans(spans)


def damage(db: Path, *statements: str) -> None:
    """Write to the store behind dateline's back (no foreign keys, no transactions)."""
    connection = sqlite3.connect(db, isolation_level=None)
    connection.create_function("first_end_moved", 2, first_end_moved)
    for statement in statements:
        connection.execute(statement)
    connection.close()


def article_table(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as connection:
        return connection.execute("SELECT * FROM articles ORDER BY rowid").fetchall()


def check(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["check", *args])
    return result.exit_code, result.stdout + result.stderr


UNINDEX_ARTICLE_3 = (
    "INSERT INTO articles_fts (articles_fts, rowid, title, text)"
    " SELECT 'delete', rowid, title, text FROM articles WHERE rowid = 3"
)
DAMAGE: dict[str, tuple[str, ...]] = {
    "fts": (UNINDEX_ARTICLE_3,),
    "sentence-spans": ("UPDATE articles SET spans = first_end_moved(spans, 100000) WHERE rowid = 4",),
    "mention-spans": ("UPDATE articles SET mentions = json_set(mentions, '$[0][0]', 99) WHERE rowid = 6",),
}
# The analysis of articles 2 and 5 lost (no write of dateline's can lose it: it is stored
# in the article's row).
LOST_ANALYSIS = "UPDATE articles SET spans = x'', mentions = '[]' WHERE rowid IN (2, 5)"


def test_a_freshly_ingested_store_is_consistent(store_db: Path) -> None:
    report = check_store(store_db)
    assert report.consistent and report.findings == ()
    assert (report.articles, report.schema_version) == (ARTICLES, SCHEMA_VERSION)
    assert report.sentences >= ARTICLES and report.mentions > 0


@pytest.mark.parametrize("kind", sorted(DAMAGE))
def test_each_kind_of_damage_is_found_and_named(store_db: Path, kind: str) -> None:
    damage(store_db, *DAMAGE[kind])
    report = check_store(store_db)
    assert [finding.check for finding in report.findings] == [kind]
    assert report.findings[0].repairable and report.findings[0].count >= 1


@pytest.mark.parametrize("kind", sorted(DAMAGE))
def test_repair_makes_the_store_consistent_and_the_articles_as_ingest_stored_them(
    store_db: Path,
    kind: str,
) -> None:
    articles = article_table(store_db)
    damage(store_db, *DAMAGE[kind])
    repaired = repair_store(store_db)
    assert not repaired.before.consistent and repaired.after.consistent
    assert article_table(store_db) == articles


@pytest.mark.parametrize(
    "field, value",
    [
        (0, -1),
        (0, 10_000),
        (1, -1),
        (1, "$[0][2]"),
        (2, 1_000_000),
    ],
    ids=["sentence-below-0", "sentence-beyond-the-last", "start-below-0", "empty", "end-beyond-the-text"],
)
def test_each_kind_of_bad_mention_is_found(store_db: Path, field: int, value: int | str) -> None:
    new = f"mentions->'{value}'" if isinstance(value, str) else str(value)
    damage(store_db, f"UPDATE articles SET mentions = json_set(mentions, '$[0][{field}]', {new}) WHERE rowid = 6")
    report = check_store(store_db)
    assert [(finding.check, finding.count) for finding in report.findings] == [("mention-spans", 1)]


def one_article_store(tmp_path: Path, sentences: int) -> Path:
    """A store of one article of ``sentences`` sentences, each with a date in it."""
    db = tmp_path / f"one-article-{sentences}.db"
    text = " ".join(f"The council met on March {1 + n % 28}, 2020 for meeting {n}." for n in range(sentences))
    path = tmp_path / f"article-{sentences}.jsonl"
    path.write_text(json.dumps({"date": "2020-04-01", "text": text}) + "\n", encoding="utf-8")
    with Store.open(db) as store:
        ingest(store, [path])
    return db


def length_calls_of_check(db: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    """How many times the SQL of ``check_store`` asks for a length: SQLite's ``length``,
    replaced on the check's connection by a counting one."""
    calls = 0
    connect = sqlite3.connect

    def length(value: object) -> int | None:
        nonlocal calls
        calls += 1
        return None if value is None else len(value if isinstance(value, str | bytes) else str(value))

    def counting_connect(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        connection = connect(*args, **kwargs)
        connection.create_function("length", 1, length, deterministic=True)
        return connection

    with monkeypatch.context() as patch:
        patch.setattr(sqlite3, "connect", counting_connect)
        assert check_store(db).consistent
    return calls


def test_checking_an_article_reads_its_length_once_however_many_mentions_it_has(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The length of a text is counted character by character: counted per mention, a
    # large article took a time quadratic in its size to check.
    few, many = one_article_store(tmp_path, 5), one_article_store(tmp_path, 400)
    assert check_store(many).mentions >= 400
    assert length_calls_of_check(many, monkeypatch) == length_calls_of_check(few, monkeypatch)


def test_mentions_that_are_not_json_are_found_counted_once_and_rebuilt(store_db: Path) -> None:
    articles, mentions = article_table(store_db), check_store(store_db).mentions
    with closing(sqlite3.connect(store_db)) as connection:
        [stored] = connection.execute("SELECT mentions FROM articles WHERE rowid = 6").fetchone()
    damage(store_db, "UPDATE articles SET mentions = 'not json' WHERE rowid = 6")
    report = check_store(store_db)
    assert [(finding.check, finding.count) for finding in report.findings] == [("mention-spans", 1)]
    assert report.mentions == mentions - len(json.loads(stored)) + 1
    assert repair_store(store_db).reanalyzed == 1
    assert article_table(store_db) == articles


def test_sentences_lost_under_kept_mentions_are_two_findings_and_one_reanalysis(store_db: Path) -> None:
    damage(store_db, "UPDATE articles SET spans = x'' WHERE rowid = 6")
    report = check_store(store_db)
    assert [(finding.check, finding.count) for finding in report.findings] == [
        ("sentence-spans", 1),
        ("mention-spans", 1),
    ]
    assert repair_store(store_db).reanalyzed == 1


def test_stale_index_content_is_found_by_fts5_integrity_check(store_db: Path) -> None:
    damage(store_db, "UPDATE articles SET title = 'zebra crossing' WHERE rowid = 7")
    [finding] = check_store(store_db).findings
    assert finding.check == "fts" and "0 not indexed" in finding.message


def test_repaired_index_finds_the_article_again(store_db: Path) -> None:
    damage(store_db, *DAMAGE["fts"])
    with Store.open(store_db) as store:
        assert 3 not in store.match_articles('"Report 2"')
    assert repair_store(store_db).fts_rebuilt
    with Store.open(store_db) as store:
        assert 3 in store.match_articles('"Report 2"')


def test_reanalysis_restores_exactly_what_ingest_stored(store_db: Path) -> None:
    with Store.open(store_db) as store:
        original = list(store.analyzed_articles([2, 5]))
    damage(store_db, LOST_ANALYSIS)
    assert repair_store(store_db).reanalyzed == 2
    with Store.open(store_db) as store:
        assert list(store.analyzed_articles([2, 5])) == original
    assert original == [analyze(item.article) for item in original]


def test_repair_of_a_consistent_store_does_nothing(store_db: Path) -> None:
    repaired = repair_store(store_db)
    assert repaired.before.consistent and repaired.after.consistent
    assert (repaired.migrated, repaired.reanalyzed, repaired.fts_rebuilt) == (False, 0, False)


def test_a_store_from_a_newer_dateline_is_reported_and_left_alone(store_db: Path) -> None:
    damage(store_db, f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    repaired = repair_store(store_db)
    [finding] = repaired.after.findings
    assert finding.check == "schema" and not finding.repairable and "upgrade dateline" in finding.message
    assert repaired.skipped_because


def test_a_file_sqlite_finds_damaged_is_reported_not_repaired(store_db: Path) -> None:
    with sqlite3.connect(store_db) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
    with store_db.open("r+b") as raw:
        for page in range(2, pages, 2):
            raw.seek(page * page_size + 8)
            raw.write(b"\xff" * 64)
    code, out = check("--db", str(store_db), "--repair")
    assert code == 1
    assert "damaged" in out and "Not repaired" in out


@pytest.mark.parametrize(
    "make, expected",
    [
        (lambda path: None, "no store here"),
        (lambda path: path.write_bytes(b"not a database at all" * 100), "cannot"),
        (lambda path: sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.close(), "not a dateline store"),
    ],
)
def test_what_is_not_a_store_is_an_error_naming_the_file(
    tmp_path: Path, make: Callable[[Path], None], expected: str
) -> None:
    path = tmp_path / "other.db"
    make(path)
    with pytest.raises(StoreError, match=expected):
        check_store(path)
    code, out = check("--db", str(path))
    assert code == 1 and out.startswith(f"Error: {path}")


def test_an_empty_sqlite_file_is_an_empty_consistent_store(tmp_path: Path) -> None:
    path = tmp_path / "killed-while-created.db"
    path.touch()
    report = check_store(path)
    assert report.consistent and (report.articles, report.schema_version) == (0, 0)


def test_checking_never_creates_a_store(tmp_path: Path) -> None:
    check("--db", str(tmp_path / "missing.db"))
    assert not (tmp_path / "missing.db").exists()


def test_cli_exit_code_says_whether_the_store_is_consistent(store_db: Path) -> None:
    code, out = check("--db", str(store_db))
    assert code == 0 and "consistent" in out
    damage(store_db, *DAMAGE["mention-spans"])
    code, out = check("--db", str(store_db))
    assert code == 1 and "mention-spans" in out and "--repair" in out
    code, out = check("--db", str(store_db), "--repair")
    assert code == 0 and "re-analysed 1 articles" in out


def test_cli_json_report_has_the_findings_and_the_repair(store_db: Path) -> None:
    damage(store_db, LOST_ANALYSIS)
    code, out = check("--db", str(store_db), "--json")
    report = json.loads(out)
    assert code == 1 and report["consistent"] is False
    assert report["findings"] == [
        {"check": "sentence-spans", "count": 2, "repairable": True, "message": report["findings"][0]["message"]}
    ]
    code, out = check("--db", str(store_db), "--json", "--repair")
    result = json.loads(out)
    assert code == 0 and result["after"]["consistent"] and result["repair"]["reanalyzed"] == 2
