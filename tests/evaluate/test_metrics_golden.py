"""Our scores equal tilse 0.2.1's, computed by tilse itself (``golden/make_golden.py``).

Each case in ``golden/golden.json`` describes its timelines (``golden_recipes.py``): real
Timeline17 reference timelines scored against one another (one or several references),
T17 timelines with dates moved, sentences cut or dates dropped, sentences picked at random
and placed on nearby dates, and small timelines written for a quirk (markup, punctuation,
non-ASCII text, stopword-only summaries, alignment ties). T17 texts are read from the
shared data at run time; those cases skip without it.

Where tilse itself fails (it divides by zero for an empty prediction, or for one with no
content words in concat), the golden file records the error and we expect zeros.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from golden_recipes import build_timeline

from dateline.evaluate.metrics import PRF, TaskScores, score_task
from dateline.evaluate.timeline_files import read_timeline

CASES = json.loads((Path(__file__).parent / "golden" / "golden.json").read_text(encoding="utf-8"))
MEASURES = {  # our TaskScores field -> (tilse measure, ROUGE measure)
    "concat_r1": ("concat", "rouge_1"),
    "concat_r2": ("concat", "rouge_2"),
    "agree_r1": ("agreement", "rouge_1"),
    "agree_r2": ("agreement", "rouge_2"),
    "align_r1": ("align_m1", "rouge_1"),
    "align_r2": ("align_m1", "rouge_2"),
    "date": ("dates", "dates"),
}


def uses_t17(spec: dict[str, Any]) -> bool:
    return "inline" not in spec


@pytest.fixture(params=CASES, ids=[case["name"] for case in CASES])
def scored(request: pytest.FixtureRequest) -> tuple[TaskScores, dict[str, Any]]:
    case = request.param
    specs = [case["predicted"], *case["references"]]
    t17 = request.getfixturevalue("shared_data") / "t17" if any(map(uses_t17, specs)) else Path()
    predicted, *references = (build_timeline(spec, t17, read_timeline) for spec in specs)
    return score_task(predicted, references), case["tilse"]


def test_scores_equal_tilse(scored: tuple[TaskScores, dict[str, Any]]) -> None:
    ours, tilse = scored
    for field, (measure, rouge) in MEASURES.items():
        mine: PRF = getattr(ours, field)
        if "error" in tilse[measure]:
            assert mine == PRF(0.0, 0.0, 0.0), field
            continue
        expected = tilse[measure][rouge]
        assert mine.precision == pytest.approx(expected["precision"], abs=1e-9), field
        assert mine.recall == pytest.approx(expected["recall"], abs=1e-9), field
        assert mine.f1 == pytest.approx(expected["f_score"], abs=1e-9), field


def test_the_golden_cases_cover_what_they_claim() -> None:
    names = {case["name"] for case in CASES}
    assert len(CASES) == 24
    assert any(len(case["references"]) == 3 for case in CASES)
    assert {"empty_prediction", "stopwords_only_prediction", "markup_punctuation_and_non_ascii"} <= names
    assert all("tilse" in case for case in CASES)
