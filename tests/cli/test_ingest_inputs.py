"""``dateline ingest`` as a new user meets it: web pages whose furniture stays out of the
full-text index, standard input, files it cannot read listed, misspelt paths and URLs
refused before a store is made."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from dateline.cli.app import app

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "ingest"))
from web_pages import FURNITURE_WORDS, PUBLISHED_META, news_page

runner = CliRunner()


def ingest(*args: str, stdin: str | None = None) -> Result:
    return runner.invoke(app, ["ingest", *args, "--quiet", "--workers", "1"], input=stdin)


def matches(db: Path, word: str) -> int:
    result = runner.invoke(app, ["articles", "--db", str(db), "--query", word, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["total"]


def test_page_furniture_never_enters_the_full_text_index(tmp_path: Path) -> None:
    (tmp_path / "strike.html").write_text(news_page(PUBLISHED_META), encoding="utf-8")
    db = tmp_path / "s.db"
    assert ingest(str(tmp_path), "--db", str(db)).exit_code == 0
    assert matches(db, "Riverton") == 1
    assert {word: matches(db, word) for word in FURNITURE_WORDS} == dict.fromkeys(FURNITURE_WORDS, 0)


@pytest.mark.parametrize("path", ["no-such-folder", "https://www.example.org/news/a.html"])
def test_a_misspelt_path_or_a_url_is_an_error_that_creates_no_store(tmp_path: Path, path: str) -> None:
    db = tmp_path / "s.db"
    result = ingest(path, "--db", str(db))
    assert result.exit_code == 1 and not db.exists()
    [line] = result.stderr.splitlines()
    assert line.startswith(f"Error: {path}: ")
    assert ("URLs are not fetched" if "://" in path else "no such file or folder") in line


def test_files_not_read_are_listed_and_count_toward_exit_3(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(news_page(PUBLISHED_META), encoding="utf-8")
    (tmp_path / "b.pdf").write_bytes(b"%PDF-1.7")
    result = ingest(str(tmp_path), "--db", str(tmp_path / "s.db"))
    assert result.exit_code == 3
    assert "1 articles added" in result.stdout and "1 inputs skipped" in result.stdout
    assert "skipped " + str(tmp_path / "b.pdf") + ": not read: a PDF" in result.stderr


def test_stdin_is_read_as_json_lines_and_ambiguous_dates_need_date_order(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    line = json.dumps({"date": "02/03/2024", "text": "The harbour reopened."}) + "\n"
    refused = ingest("-", "--db", db, stdin=line)
    assert refused.exit_code == 3
    assert "skipped <stdin>:1: field 'date': ambiguous date" in refused.stderr
    assert "--date-order dmy|mdy" in refused.stderr
    read = ingest("-", "--db", db, "--date-order", "mdy", stdin=line)
    assert read.exit_code == 0, read.output
    listed = runner.invoke(app, ["articles", "--db", db, "--format", "json"])
    assert [a["date"] for a in json.loads(listed.stdout)["articles"]] == ["2024-02-03"]


def test_stdin_takes_any_format_with_format(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    result = ingest("-", "--db", db, "--format", "html", stdin=news_page(PUBLISHED_META))
    assert result.exit_code == 0, result.output
    assert matches(tmp_path / "s.db", "Riverton") == 1


def test_max_chars_bounds_an_ingested_article(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"date": "2024-03-01", "text": "word " * 100}) + "\n", encoding="utf-8")
    result = ingest(str(path), "--db", str(tmp_path / "s.db"), "--max-chars", "100")
    assert result.exit_code == 3
    assert "longer than the limit of 100 characters" in result.stderr and "--max-chars" in result.stderr
