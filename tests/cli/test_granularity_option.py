"""``dateline timeline --granularity`` end to end: the option reaches every entry, and a
bad value is a usage error that names the choices."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from dateline.cli.app import app

runner = CliRunner()


def test_granularity_month_makes_every_entry_a_month_and_a_bad_value_is_refused(tmp_path: Path, samples: Path) -> None:
    db = tmp_path / "g.db"
    assert runner.invoke(app, ["ingest", str(samples), "--db", str(db), "--quiet"]).exit_code == 0
    auto = runner.invoke(app, ["timeline", "India Japan", "--db", str(db), "--format", "json"])
    month = runner.invoke(
        app, ["timeline", "India Japan", "--db", str(db), "--format", "json", "--granularity", "month"]
    )
    assert auto.exit_code == 0 and month.exit_code == 0
    assert {e["granularity"] for e in json.loads(auto.stdout)["entries"]} == {"day"}
    months = json.loads(month.stdout)["entries"]
    assert months and {e["granularity"] for e in months} == {"month"}
    assert {e["date"][:7] for e in months} >= {"2020-10", "2023-07"}
    bad = runner.invoke(app, ["timeline", "India Japan", "--db", str(db), "--granularity", "week"])
    assert bad.exit_code != 0 and "auto, day, month, year" in bad.stderr
