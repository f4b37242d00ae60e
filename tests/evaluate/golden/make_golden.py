"""Compute tilse 0.2.1's scores for the golden cases in ``golden.json`` and store them there.

This is how every ``tilse`` entry of ``golden.json`` was produced. Not part of the test
suite and not run by it: it needs tilse itself, which the project does not depend on,
and Perl ROUGE-1.5.5 (tilse's default scorer, shipped in its ``pyrouge`` folder; perl
needs DB_File and XML::Parser). One command sets up a scratch venv at
``/tmp/tilse-venv`` (tilse 0.2.1 without its dependencies, then numpy, scipy and nltk)
and recomputes every case, in about six minutes::

    bash tests/evaluate/golden/regenerate.sh ../shared/data/t17 /tmp/golden.json
    cmp /tmp/golden.json tests/evaluate/golden/golden.json

(without the second argument it rewrites ``golden.json`` itself). By hand, in that
venv: ``python tests/evaluate/golden/make_golden.py T17 [--recompute] [--output FILE]``;
without ``--recompute``, cases that already have a ``tilse`` entry keep it, so a new case
is scored alone. Each measure is tilse's own function with the evaluator news-tls uses,
``TimelineRougeEvaluator(measures=["rouge_1", "rouge_2"])``; a measure that raises is
recorded as ``{"error": ...}``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from tilse.data.timelines import GroundTruth, Timeline
from tilse.evaluation import dates, rouge

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden.json"
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


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description="Score the golden cases with tilse 0.2.1.")
    parser.add_argument("t17", type=Path, help="the Timeline17 folder (shared/data/t17)")
    parser.add_argument(
        "--recompute", action="store_true", help="score every case, not only those without a 'tilse' entry"
    )
    parser.add_argument(
        "--output", type=Path, default=GOLDEN, help="where to write the cases (default: golden.json itself)"
    )
    args = parser.parse_args(argv)
    cases = json.loads(GOLDEN.read_text(encoding="utf-8"))
    for case in cases:
        if "tilse" in case and not args.recompute:
            continue
        predicted = build_timeline(case["predicted"], args.t17, load)
        references = [build_timeline(spec, args.t17, load) for spec in case["references"]]
        case["tilse"] = tilse_scores(predicted, references)
        print(case["name"], json.dumps(case["tilse"])[:200], flush=True)
    args.output.write_text(json.dumps(cases, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
