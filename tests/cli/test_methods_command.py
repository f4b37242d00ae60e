"""``dateline methods``: the names it lists are the methods ``dateline timeline
--method`` accepts, and it marks the one used when none is named."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from dateline.cli.app import app
from dateline.operations import DEFAULT_METHOD
from dateline.timeline import method_names

runner = CliRunner()
DEFAULT_MARK = "  (default)"


def listed_methods() -> tuple[list[str], list[str]]:
    """The names ``dateline methods`` prints, and those of them marked as the default."""
    result = runner.invoke(app, ["methods"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    return [line.removesuffix(DEFAULT_MARK) for line in lines], [
        line.removesuffix(DEFAULT_MARK) for line in lines if line.endswith(DEFAULT_MARK)
    ]


def test_methods_lists_every_registered_method_once_and_marks_the_default() -> None:
    names, defaults = listed_methods()
    assert names and len(names) == len(set(names))
    assert set(names) == set(method_names())
    assert defaults == [DEFAULT_METHOD]


def test_every_listed_method_builds_a_timeline_and_others_are_refused(tmp_path: Path) -> None:
    db, corpus = tmp_path / "methods.db", tmp_path / "council.jsonl"
    corpus.write_text(
        "\n".join(
            json.dumps(
                {
                    "date": f"2023-0{month}-10",
                    "text": (
                        f"The council met on {month} March 2023 to discuss the harbour budget. "
                        f"The harbour budget vote was held on {month + 1} March 2023."
                    ),
                }
            )
            for month in range(1, 6)
        )
        + "\n"
    )
    assert runner.invoke(app, ["ingest", str(corpus), "--db", str(db), "--quiet", "--workers", "1"]).exit_code == 0
    names, _ = listed_methods()
    for name in names:
        result = runner.invoke(
            app, ["timeline", "harbour budget", "--db", str(db), "--method", name, "--format", "json"]
        )
        assert result.exit_code == 0, (name, result.output)
        timeline = json.loads(result.stdout)
        assert timeline["method"] == name and timeline["entries"], name
    refused = runner.invoke(app, ["timeline", "harbour budget", "--db", str(db), "--method", "no-such-method"])
    assert refused.exit_code != 0 and "no-such-method" in refused.output
