"""The Timeline17 protocol runner and `dateline eval`, on a tiny dataset in T17 layout."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dateline.cli.app import app
from dateline.evaluate.protocol import ensure_dataset_store, find_tasks, run_task
from dateline.evaluate.timeline_files import read_timeline
from dateline.store import Store
from dateline.timeline import get_method

EVENTS = {
    "2011-01-25": "Thousands of protesters marched in Cairo demanding political reform on Tuesday .",
    "2011-01-28": "Protesters clashed with police across Egypt on Friday as the army deployed .",
    "2011-02-11": "President Mubarak resigned on Friday and handed power to the military council .",
}


def make_dataset(root: Path) -> Path:
    topic = root / "Egypt_test"
    for day, sentence in EVENTS.items():
        for copy in range(2):
            folder = topic / "InputDocs" / day
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{copy}.htm.txt").write_text(f"{sentence}\nReporters counted crowds in copy {copy} .\n")
    (topic / "timelines").mkdir()
    (topic / "timelines" / "ref.txt").write_text(
        "".join(f"{day}\n{sentence}\n{'-' * 32}\n" for day, sentence in list(EVENTS.items())[:2])
    )
    (topic / "keywords.json").write_text(json.dumps(["Egypt"]))
    return root


def test_tasks_take_size_and_span_from_the_reference(tmp_path: Path) -> None:
    [task] = find_tasks(make_dataset(tmp_path / "data"))
    assert (task.topic, task.name, task.keywords) == ("Egypt_test", "ref.txt", ("Egypt",))
    assert (task.n_dates, task.n_sentences) == (2, 1)
    assert (task.first, task.last) == (dt.date(2011, 1, 25), dt.date(2011, 1, 28))


def test_a_task_only_sees_articles_inside_the_reference_span(tmp_path: Path) -> None:
    dataset = make_dataset(tmp_path / "data")
    [task] = find_tasks(dataset)
    with Store.open(ensure_dataset_store(dataset, tmp_path / "out", workers=1)) as store:
        result = run_task(store, task, get_method("datewise"))
    dates = [entry.date for entry in result.predicted.entries]
    assert dates and all(task.first <= date <= task.last for date in dates)
    assert len(dates) <= task.n_dates
    assert result.scores.date.f1 > 0


def test_eval_command_writes_timelines_and_prints_json(tmp_path: Path) -> None:
    dataset = make_dataset(tmp_path / "data")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["eval", str(dataset), "--out", str(out), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert set(report["mean"]) == {
        "ar1_f",
        "ar2_f",
        "date_f1",
        "concat_r1_f",
        "concat_r2_f",
        "agree_r1_f",
        "agree_r2_f",
    }
    assert report["tasks"][0]["topic"] == "Egypt_test" and report["seconds"] >= 0
    written = read_timeline(out / "Egypt_test" / "ref.txt")
    assert len(written) == report["tasks"][0]["predicted_dates"]


def test_eval_of_a_folder_without_timelines_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["eval", str(tmp_path)])
    assert result.exit_code == 2 and "Timeline17-layout" in result.stderr


@pytest.mark.slow
def test_full_timeline17_protocol_runs_every_task(shared_data: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["eval", str(shared_data / "t17"), "--out", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert len(report["tasks"]) == 19
    assert 0.3 < report["mean"]["date_f1"] <= 1.0 and 0.05 < report["mean"]["ar1_f"] <= 1.0
