"""The tagger against the shared evaluation data: TimeBank gold (TempEval-3 scores) and
HeidelTime's output on Timeline17. Floors sit a little under the measured figures (see
the README's temporal tagging section), so a regression fails here before it reaches a
benchmark."""

from __future__ import annotations

import datetime as dt
import gzip
import json
from pathlib import Path

import pytest

from dateline.temporal import tag
from dateline.temporal.evaluation import evaluate_tagger
from dateline.temporal.timeml import read_corpus, read_timeml


@pytest.fixture
def timebank(shared_data: Path) -> Path:
    path = shared_data / "timebank"
    if not path.is_dir():
        pytest.skip(f"TimeBank not found at {path}")
    return path


def test_timebank_scores_reach_the_targets(timebank: Path):
    scores = evaluate_tagger(read_corpus(timebank)).scores
    assert scores.gold == 1243
    assert scores.relaxed_f1 >= 0.90
    assert scores.value_f1 >= 0.79
    assert scores.type_acc >= 0.95


def test_timebank_text_is_the_text_between_the_gold_offsets(timebank: Path):
    for path in sorted(timebank.glob("*.tml"))[:20]:
        document = read_timeml(path)
        assert all(document.text[t.start : t.end] == t.text for t in document.timexes)
        assert "<" not in document.text and "&amp;" not in document.text


def test_agrees_with_heideltime_dates_on_timeline17(shared_data: Path):
    """Over HeidelTime's DATE expressions in every 10th Timeline17 article: the share we
    tag with the same span and the same value."""
    t17 = shared_data / "t17"
    total = same = 0
    with gzip.open(t17 / "heideltime.jsonl.gz", "rt", encoding="utf-8") as lines:
        for number, line in enumerate(lines):
            if number % 10:
                continue
            record = json.loads(line)
            path = t17 / record["topic"] / "InputDocs" / record["pub_date"] / record["doc"]
            ours = {
                (t.start, t.end): t.value
                for t in tag(path.read_text(encoding="utf-8"), dt.date.fromisoformat(record["pub_date"]))
            }
            for timex in record["timexes"]:
                if timex["type"] == "DATE":
                    total += 1
                    same += ours.get((timex["start"], timex["end"])) == timex["value"]
    assert total > 4000
    assert same / total >= 0.90
