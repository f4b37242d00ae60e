"""``dateline timeline --since`` end to end: after a second ingest, the timeline marks
exactly the date the new articles brought, in every output that shows marks, and a time
it cannot read is a usage error."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from typer.testing import CliRunner

from dateline.cli.app import app

runner = CliRunner()
FIRST_BATCH = [
    ("2024-03-01", "Harbour ferry", "The harbour ferry service was suspended on Friday after a collision."),
    ("2024-03-11", "Harbour ferry inquiry", "An inquiry into the harbour ferry collision opened on Monday."),
    ("2024-03-20", "Harbour ferry repairs", "Repairs to the harbour ferry began on Wednesday at the dockyard."),
]
SECOND_BATCH = [
    ("2024-04-20", "Harbour ferry returns", "The harbour ferry service resumed on Saturday with a new crew."),
]


def write_articles(path: Path, articles: list[tuple[str, str, str]]) -> Path:
    path.write_text(
        "".join(json.dumps({"date": day, "title": title, "text": text}) + "\n" for day, title, text in articles),
        encoding="utf-8",
    )
    return path


def ingest(db: Path, path: Path) -> None:
    result = runner.invoke(app, ["ingest", str(path), "--db", str(db), "--quiet"])
    assert result.exit_code == 0, result.output


def timeline(db: Path, *options: str) -> str:
    result = runner.invoke(app, ["timeline", "harbour ferry", "--db", str(db), "--dates", "10", *options])
    assert result.exit_code == 0, result.output
    return result.stdout


def two_ingests(tmp_path: Path) -> tuple[Path, str]:
    """A store of both batches and an ISO time between them."""
    db = tmp_path / "since.db"
    ingest(db, write_articles(tmp_path / "first.jsonl", FIRST_BATCH))
    between = dt.datetime.now(dt.UTC).isoformat()
    ingest(db, write_articles(tmp_path / "second.jsonl", SECOND_BATCH))
    return db, between


def test_since_marks_exactly_the_date_the_second_ingest_brought(tmp_path: Path) -> None:
    db, between = two_ingests(tmp_path)
    data = json.loads(timeline(db, "--since", between, "--format", "json"))
    assert data["since"] == between.replace("+00:00", "Z") and data["changes"] == {"new": 1, "changed": 0}
    marked = {entry["date"]: (entry["new"], entry["changed"]) for entry in data["entries"]}
    assert marked == {
        "2024-03-01": (False, False),
        "2024-03-11": (False, False),
        "2024-03-20": (False, False),
        "2024-04-20": (True, False),
    }


def test_text_and_markdown_show_the_mark_beside_the_new_date(tmp_path: Path) -> None:
    db, between = two_ingests(tmp_path)
    text = timeline(db, "--since", between)
    assert "1 new date and 0 changed since" in text
    assert [line for line in text.splitlines() if "NEW" in line] == ["2024-04-20  NEW"]
    markdown = timeline(db, "--since", between, "--format", "md")
    assert [line for line in markdown.splitlines() if line.startswith("## ")] == [
        "## 2024-03-01",
        "## 2024-03-11",
        "## 2024-03-20",
        "## 2024-04-20 (new)",
    ]


def test_since_a_day_before_any_ingest_marks_every_date_new(tmp_path: Path) -> None:
    db, _ = two_ingests(tmp_path)
    data = json.loads(timeline(db, "--since", "2000-01-01", "--format", "json"))
    assert data["since"] == "2000-01-01T00:00:00Z" and data["changes"] == {"new": 4, "changed": 0}


def test_without_since_there_are_no_marks(tmp_path: Path) -> None:
    db, _ = two_ingests(tmp_path)
    data = json.loads(timeline(db, "--format", "json"))
    assert "since" not in data and not any("new" in entry for entry in data["entries"])


def test_a_time_without_a_zone_is_refused(tmp_path: Path) -> None:
    db, _ = two_ingests(tmp_path)
    result = runner.invoke(app, ["timeline", "harbour ferry", "--db", str(db), "--since", "2024-05-01T10:00"])
    assert result.exit_code != 0 and "has no time zone" in result.stderr


def test_csv_has_a_change_column_only_when_marked(tmp_path: Path) -> None:
    db, between = two_ingests(tmp_path)
    rows = [line.split(",") for line in timeline(db, "--since", between, "--format", "csv").splitlines()]
    assert rows[0][-1] == "change"
    assert {(row[0], row[-1]) for row in rows[1:]} == {
        ("2024-03-01", ""),
        ("2024-03-11", ""),
        ("2024-03-20", ""),
        ("2024-04-20", "new"),
    }
    assert timeline(db, "--format", "csv").splitlines()[0] == "date,granularity,rank,text,article_id,start,end"


def test_the_html_file_badges_the_new_date_and_says_how_many(tmp_path: Path) -> None:
    db, between = two_ingests(tmp_path)
    page = timeline(db, "--since", between, "--format", "html")
    assert "1 new date and 0 changed since" in page
    assert page.count('<span class="change">NEW</span>') == 1
    assert '2024-04-20<span class="granularity">day</span><span class="change">NEW</span>' in page
    assert 'class="change"' not in timeline(db, "--format", "html").split("</style>", 1)[1]
