"""Golden tests: a wire story with the forms the timeline stages rely on, tagged against
its publication date and compared with the reviewed output in ``golden/*.json``.

Set ``DATELINE_UPDATE_GOLDEN=1`` to rewrite the expected files after a deliberate change,
then review the diff.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest

from dateline.temporal import tag
from dateline.temporal.export import to_record

GOLDEN = Path(__file__).parent / "golden"
STORIES = {"wire_story": dt.date(2023, 7, 28)}


@pytest.mark.parametrize("name", sorted(STORIES))
def test_tagging_matches_the_reviewed_output(name):
    text = (GOLDEN / f"{name}.txt").read_text(encoding="utf-8")
    actual = to_record(STORIES[name], tag(text, STORIES[name]))
    expected_path = GOLDEN / f"{name}.json"
    if os.environ.get("DATELINE_UPDATE_GOLDEN"):
        expected_path.write_text(json.dumps(actual, indent=1, ensure_ascii=False) + "\n")
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    assert [(t["text"], t["type"], t["value"]) for t in actual["timexes"]] == [
        (t["text"], t["type"], t["value"]) for t in expected["timexes"]
    ]
    assert actual == expected
