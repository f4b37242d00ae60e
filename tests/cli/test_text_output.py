"""Text output for people: the text and Markdown timelines name each sentence's source by
title, date and URL, and text is wrapped only on a terminal (piped, each sentence and
each listed article stays on one line)."""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dateline.cli.app import app

runner = CliRunner()
STYLE = re.compile(r"\x1b\[[0-9;]*m")  # a terminal's bold, dim, underline...
LONG = (
    "The Riverton council voted on March 4, 2024 to close the old bridge to all traffic "
    "for six months while engineers replace the corroded steel girders under the deck."
)
RECORDS = [
    {
        "date": "2024-03-05",
        "title": "Riverton bridge to close for six months while engineers replace its steel girders",
        "url": "https://news.example/riverton/close",
        "text": LONG + " Shops near the bridge expect fewer customers.",
    },
    {
        "date": "2024-09-10",
        "title": "Riverton bridge reopens",
        "url": "https://news.example/riverton/reopen",
        "text": "The Riverton bridge reopened on September 9, 2024, a week late. The mayor cut a ribbon.",
    },
]
SOURCES = {(r["title"], r["date"], r["url"]) for r in RECORDS}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bridge")
    corpus = folder / "bridge.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(corpus), "--db", str(folder / "b.db"), "--quiet", "--workers", "1"])
    assert result.exit_code == 0, result.output
    return folder / "b.db"


def timeline(db: Path, *options: str) -> str:
    result = runner.invoke(app, ["timeline", "bridge", "--db", str(db), *options])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_text_output_names_every_source_by_title_date_and_url(db: Path) -> None:
    lines = timeline(db).splitlines()
    sentences = [i for i, line in enumerate(lines) if line.startswith("  • ")]
    assert len(sentences) >= 2
    cited = {tuple(lines[i + 1].strip().split(" · ")[:2]) for i in sentences}
    assert cited == {(f"{title} ({date})", url) for title, date, url in SOURCES}


def test_markdown_output_links_every_source_by_title_and_date(db: Path) -> None:
    bullets = [line for line in timeline(db, "--format", "md").splitlines() if line.startswith("- ")]
    assert len(bullets) >= 2
    linked = {bullet.split(" — ")[1].split(" · ")[0] for bullet in bullets}
    assert linked == {f"[{title} ({date})](<{url}>)" for title, date, url in SOURCES}


def test_piped_text_keeps_each_sentence_on_one_line_without_trailing_spaces(db: Path) -> None:
    lines = timeline(db).splitlines()
    assert f"  • {LONG}" in lines
    assert [line for line in lines if line != line.rstrip()] == []


def test_a_piped_article_listing_keeps_each_article_on_one_line(db: Path) -> None:
    result = runner.invoke(app, ["articles", "--db", str(db)])
    assert result.exit_code == 0, result.output
    rows = [line for line in result.stdout.splitlines() if "Riverton bridge" in line]
    assert [row.split(" │ ")[2].strip() for row in rows] == [r["title"] for r in RECORDS]
    assert [line for line in result.stdout.splitlines() if line != line.rstrip()] == []


def test_text_on_a_terminal_is_wrapped_to_its_width(db: Path) -> None:
    controller, terminal = pty.openpty()
    child = subprocess.Popen(
        [sys.executable, "-c", "from dateline.cli.app import main; main()", "timeline", "bridge", "--db", str(db)],
        stdout=terminal,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "COLUMNS": "60"},
    )
    os.close(terminal)
    shown = b""
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # the child has closed the terminal
            break
        if not chunk:
            break
        shown += chunk
    os.close(controller)
    assert child.wait(timeout=120) == 0
    text = STYLE.sub("", shown.decode()).replace("\r\n", "\n")
    assert max(len(line) for line in text.splitlines()) <= 60
    assert f"  • {LONG}" not in text.splitlines() and " ".join(text.split()).count(LONG) == 1
