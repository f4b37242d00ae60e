"""Reading in the worker processes (``dateline.ingest.parallel``): the store, the report
and the problems are those of a one-process ingest, whatever is read where."""

from __future__ import annotations

import json
import pickle
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from web_pages import news_page, warc_file

from dateline.errors import InputProblem
from dateline.ingest import parallel
from dateline.ingest.job import IngestAborted, IngestReport, OnError, ingest
from dateline.ingest.parallel import Reading, read_and_analyze
from dateline.ingest.readers import READERS
from dateline.ingest.records import JsonRecord
from dateline.model import Article
from dateline.shards import ShardedStore
from dateline.store import Store

TEXT = READERS.get("text").read
JSON_LINES = READERS.get("jsonl").read


def _store_rows(path: Path) -> dict[str, list[tuple]]:
    """Every row an ingest writes (articles with their text, sentences, mentions and
    duplicate links; band keys; the full-text index), in row id order."""
    queries = {
        "articles": "SELECT * FROM articles ORDER BY rowid",
        "article_bands": "SELECT * FROM article_bands ORDER BY article",
        "fts": "SELECT rowid, bm25(articles_fts) FROM articles_fts WHERE articles_fts MATCH 'the' ORDER BY rowid",
    }
    with closing(sqlite3.connect(path)) as connection:
        return {name: connection.execute(sql).fetchall() for name, sql in queries.items()}


def _ingested(paths: list[Path], db: Path, workers: int, **options: object) -> IngestReport:
    with Store.open(db) as store:
        return ingest(store, paths, workers=workers, **options)  # type: ignore[arg-type]


def _summary(report: IngestReport) -> tuple:
    return (
        report.read,
        report.added,
        report.already_stored,
        report.files_found,
        report.files_read,
        [str(problem) for problem in report.problems],
    )


def test_a_timeline17_topic_read_in_workers_is_stored_as_one_process_stores_it(
    shared_data: Path, tmp_path: Path
) -> None:
    topic = [shared_data / "t17" / "H1N1_bbc"]
    one = _ingested(topic, tmp_path / "one.db", workers=1, batch_size=32)
    pool = _ingested(topic, tmp_path / "pool.db", workers=2, batch_size=32)
    assert one.added > 100 and one.problems
    assert _summary(pool) == _summary(one)
    assert _store_rows(tmp_path / "pool.db") == _store_rows(tmp_path / "one.db")


@pytest.fixture
def mixed_inputs(tmp_path: Path) -> Path:
    """Text files, a JSON Lines file of several articles (one line bad), a file no
    reader takes, and a repeated article."""
    root = tmp_path / "inputs"
    root.mkdir()
    for number in range(7):
        (root / f"a{number}.txt").write_text(
            f" date 2024-03-0{number + 1} Article {number} was written on Monday. It said so.\n"
        )
    (root / "copy.txt").write_text((root / "a3.txt").read_text())
    lines = [
        json.dumps({"published": f"2024-04-{day:02d}", "text": f"Record {day} from last week."}) for day in range(1, 6)
    ]
    (root / "records.jsonl").write_text("\n".join([*lines[:2], "{not json", *lines[2:]]) + "\n")
    (root / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    return root


@pytest.mark.parametrize("file_bytes", [parallel.FILE_BYTES, 100], ids=["read-in-workers", "streamed-here"])
def test_mixed_inputs_give_the_store_report_and_problems_of_one_process(
    mixed_inputs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, file_bytes: int
) -> None:
    monkeypatch.setattr(parallel, "FILE_BYTES", file_bytes)
    one = _ingested([mixed_inputs], tmp_path / "one.db", workers=1, batch_size=3)
    pool = _ingested([mixed_inputs], tmp_path / "pool.db", workers=2, batch_size=3)
    assert one.already_stored == 1 and len(one.problems) == 2
    assert _summary(pool) == _summary(one)
    assert _store_rows(tmp_path / "pool.db") == _store_rows(tmp_path / "one.db")


def test_a_worker_does_not_analyse_articles_its_store_already_holds(mixed_inputs: Path, tmp_path: Path) -> None:
    files = sorted(mixed_inputs.glob("a*.txt"))
    _ingested(files[:4], tmp_path / "store.db", workers=1)
    reading = Reading("", 10_000, None)
    chunk = read_and_analyze([(path, TEXT) for path in files], reading, str(tmp_path / "store.db"))
    assert (chunk.read, chunk.already_stored, chunk.files) == (7, 4, 7)
    assert [article.source for article in chunk.articles] == [str(path) for path in files[4:]]
    assert chunk.analysis is not None and len(chunk.analysis) == 3


def test_a_worker_analyses_nothing_when_every_article_is_stored(mixed_inputs: Path, tmp_path: Path) -> None:
    files = sorted(mixed_inputs.glob("a*.txt"))
    _ingested(files, tmp_path / "store.db", workers=1)
    chunk = read_and_analyze([(path, TEXT) for path in files], Reading("", 10_000, None), str(tmp_path / "store.db"))
    assert (chunk.already_stored, chunk.articles, chunk.analysis) == (7, [], None)


def test_rerunning_with_workers_reports_every_article_as_already_stored(mixed_inputs: Path, tmp_path: Path) -> None:
    first = _ingested([mixed_inputs], tmp_path / "store.db", workers=2, batch_size=3)
    again = _ingested([mixed_inputs], tmp_path / "store.db", workers=2, batch_size=3)
    assert (again.added, again.already_stored) == (0, first.read)


def test_on_error_fail_stops_at_the_first_problem_read_in_a_worker(mixed_inputs: Path, tmp_path: Path) -> None:
    (mixed_inputs / "image.png").unlink()
    with pytest.raises(IngestAborted, match=r"records\.jsonl:3"):
        _ingested([mixed_inputs], tmp_path / "store.db", workers=2, batch_size=3, on_error=OnError.FAIL)
    with Store.open(tmp_path / "store.db") as store:
        assert 0 < store.count_articles() < 8
        assert not store.match_articles("Record")


def test_an_input_problem_survives_the_trip_from_a_worker() -> None:
    problem = InputProblem("a.jsonl", "not JSON", line=3, field="text")
    back = pickle.loads(pickle.dumps(problem))
    assert back == problem and str(back) == str(problem)


def test_listing_the_readers_imports_no_web_library() -> None:
    code = (
        "import sys, dateline.ingest.readers as r; r.READERS.names();"
        " print(sorted({'trafilatura', 'feedparser', 'warcio'} & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_a_worker_of_a_sharded_ingest_does_not_analyse_what_the_shards_hold(mixed_inputs: Path, tmp_path: Path) -> None:
    """The workers look stored ids up in a folder of shards as in a one-file store, so a
    re-run analyses only what is missing."""
    files = sorted(mixed_inputs.glob("a*.txt"))
    with ShardedStore.open(tmp_path / "shards", shards=2) as store:
        ingest(store, files[:4], workers=1)
    with ShardedStore.open(tmp_path / "shards", create=False) as store:
        chunks = list(
            parallel.read_in_pool(
                store, [str(path) for path in files], Reading("", 10_000, None), 3, 2, "jsonl", print, lambda: None
            )
        )
    assert sum(chunk.already_stored for chunk in chunks) == 4
    assert sorted(article.source for chunk in chunks for article in chunk.articles) == [str(p) for p in files[4:]]


def _crawl(root: Path) -> Path:
    """A web archive of five pages, one without a date in its metadata (its WARC-Date
    dates it)."""
    pages = [
        (
            f"https://news.example/{number}",
            news_page(
                "" if number == 2 else f'<meta property="article:published_time" content="2024-05-0{number + 1}">',
                body=f"<p>The council voted on page {number} of the budget on Monday, officials said.</p>" * 3,
            ).encode(),
            "text/html; charset=utf-8",
            "2024-06-01T12:00:00Z",
        )
        for number in range(5)
    ]
    path = root / "crawl.warc.gz"
    path.write_bytes(warc_file(pages))
    return path


def test_a_web_archive_is_stored_by_workers_as_one_process_stores_it(tmp_path: Path) -> None:
    crawl = _crawl(tmp_path)
    one = _ingested([crawl], tmp_path / "one.db", workers=1, batch_size=2)
    pool = _ingested([crawl], tmp_path / "pool.db", workers=2, batch_size=2)
    assert one.added == 5 and not one.problems  # the undated page is dated by WARC-Date
    assert _summary(pool) == _summary(one)
    assert _store_rows(tmp_path / "pool.db") == _store_rows(tmp_path / "one.db")


def test_the_workers_extract_a_web_archive_s_pages(tmp_path: Path) -> None:
    # The main process reads the records; what it hands on is each page unextracted,
    # whatever the file's size, so that every worker extracts a share of the crawl.
    from dateline.ingest.warc import CapturedPage

    crawl = _crawl(tmp_path)
    found = iter([(crawl, READERS.get("warc").read)])
    entries = [entry for entry, _ in parallel._entries(found, Reading("", 10_000, None), lambda: None)]
    assert len(entries) == 5 and all(isinstance(entry, CapturedPage) for entry in entries)
    chunk = read_and_analyze(entries, Reading("", 10_000, None), "")
    assert chunk.read == 5 and chunk.articles[0].url == "https://news.example/0"
    assert pickle.loads(pickle.dumps(entries[0])) == entries[0]


def test_the_records_of_a_large_json_lines_file_go_to_the_workers_unparsed(
    mixed_inputs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only the lines of an export are read here; parsing a record and cleaning its text,
    the costly part, is the workers' (and a bad line still names its line)."""
    monkeypatch.setattr(parallel, "FILE_BYTES", 100)
    export = mixed_inputs / "records.jsonl"
    entries = [entry for entry, _ in parallel._entries(iter([(export, JSON_LINES)]), Reading("", 10_000, None), print)]
    assert all(isinstance(entry, JsonRecord) for entry in entries) and len(entries) == 6
    made = [entry.article() for entry in entries if isinstance(entry, JsonRecord)]
    assert [(item.published.day, item.text) for item in made if isinstance(item, Article)] == [
        (day, f"Record {day} from last week.") for day in range(1, 6)
    ]
    assert [str(item) for item in made if isinstance(item, InputProblem)] == [
        f"{export}:3: malformed JSON: Expecting property name enclosed in double quotes (column 2)"
    ]
