"""Compute tilse 0.2.1's scores for the golden cases in ``golden.json`` and store them there.

Not part of the test suite and not run by it: it needs tilse itself, which the project does
not depend on. To regenerate, in a scratch environment outside the repository::

    python3.11 -m venv /tmp/tilse-venv
    /tmp/tilse-venv/bin/pip install --no-deps tilse==0.2.1
    /tmp/tilse-venv/bin/pip install numpy scipy nltk
    chmod +x /tmp/tilse-venv/lib/python3.11/site-packages/pyrouge/tools/ROUGE-1.5.5/ROUGE-1.5.5.pl
    /tmp/tilse-venv/bin/python tests/evaluate/golden/make_golden.py ../shared/data/t17

(perl with DB_File and XML::Parser is needed: tilse's default scorer is ROUGE-1.5.5.pl.)
Cases that already have a ``tilse`` entry keep it: delete the entry to recompute it.
Each measure is tilse's own function with the evaluator news-tls uses,
``TimelineRougeEvaluator(measures=["rouge_1", "rouge_2"])``; a measure that raises is
recorded as ``{"error": ...}``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from tilse.data.timelines import GroundTruth, Timeline
from tilse.evaluation import dates, rouge

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from golden_recipes import build_timeline  # noqa: E402


def load(path: Path) -> dict:
    with open(path, encoding="utf-8") as handle:
        return Timeline.from_file(handle).dates_to_summaries


def tilse_scores(predicted: dict, references: list[dict]) -> dict:
    evaluator = rouge.TimelineRougeEvaluator(measures=["rouge_1", "rouge_2"])
    prediction = Timeline(predicted)
    truth = GroundTruth([Timeline(reference) for reference in references])
    measures = {
        "concat": evaluator.evaluate_concat,
        "agreement": evaluator.evaluate_agreement,
        "align_m1": evaluator.evaluate_align_date_content_costs_many_to_one,
        "dates": lambda p, t: {"dates": dates.evaluate_dates(p, t)},
    }
    scores = {}
    for name, measure in measures.items():
        try:
            scores[name] = measure(prediction, truth)
        except Exception as error:  # tilse's own failures are part of what we record
            scores[name] = {"error": type(error).__name__}
    return scores


def main(t17: Path) -> None:
    cases = json.loads((HERE / "golden.json").read_text(encoding="utf-8"))
    for case in cases:
        if "tilse" in case:
            continue
        predicted = build_timeline(case["predicted"], t17, load)
        references = [build_timeline(spec, t17, load) for spec in case["references"]]
        case["tilse"] = tilse_scores(predicted, references)
        print(case["name"], json.dumps(case["tilse"])[:200], flush=True)
    (HERE / "golden.json").write_text(json.dumps(cases, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
