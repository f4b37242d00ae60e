"""A small synthetic archive with known stories planted in it, for the end-to-end tests
of ``dateline stories`` and ``dateline watch``."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from typer.testing import CliRunner

from dateline.cli.app import app

_runner = CliRunner()
START = dt.date(2024, 5, 1)
# Each planted story: its own vocabulary (one of whose words is in every article), and
# the day offsets of its articles, interleaved with the other stories'.
STORIES = {
    "volcano": (
        ["volcano", "eruption", "lava", "Iceland", "Grindavik", "magma", "evacuation", "ash"],
        [0, 2, 4, 6, 9, 13, 20, 27],
    ),
    "strike": (
        ["rail", "strike", "union", "train", "drivers", "wages", "timetable", "picket"],
        [1, 3, 5, 8, 12, 15, 19, 24],
    ),
    "cup": (
        ["football", "cup", "final", "goal", "striker", "stadium", "penalty", "coach"],
        [2, 7, 10, 11, 14, 18, 22, 29],
    ),
}


def ingest(db: Path, corpus: Path, *options: str) -> None:
    """``dateline ingest`` of ``corpus`` into ``db``, in this process."""
    result = _runner.invoke(app, ["ingest", str(corpus), "--db", str(db), "--quiet", "--workers", "1", *options])
    assert result.exit_code == 0, result.output


def stories(db: Path, *options: str) -> list[dict]:
    """What ``dateline stories --format json`` lists."""
    result = _runner.invoke(app, ["stories", "--db", str(db), "--format", "json", *options])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["stories"]


def record(story: str, number: int, day: int) -> dict[str, str]:
    """The ``number``-th article of ``story``, published ``day`` days after ``START``: three
    sentences drawn from the story's vocabulary, a different selection in each article."""
    words, _ = STORIES[story]
    picked = [words[(number + shift) % len(words)] for shift in range(5)]
    text = (
        f"Reports on the {words[0]} and the {picked[1]} continued. "
        f"The {picked[2]} and the {picked[3]} were discussed with the {picked[4]}. "
        f"Observers linked the {words[0]} to the {picked[0]}."
    )
    return {"date": (START + dt.timedelta(days=day)).isoformat(), "title": f"{story} {number}", "text": text}


def planted_records(spread: int = 1, first: int = 0, last: int | None = None) -> list[dict[str, str]]:
    """The planted articles (those numbered ``first`` to ``last`` of each story), their
    days times ``spread``: with 6, each story spans five months (and so the shards of a
    sharded store)."""
    return [
        record(story, number, day * spread)
        for story, (_, days) in STORIES.items()
        for number, day in list(enumerate(days))[first:last]
    ]


def write_jsonl(path: Path, records: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path
