"""``dateline check`` on a store of one large article, against a baseline commit, in one run.

    .venv/bin/python bench/bench_check.py [--baseline 6cc36d7] [--sizes 0.5 2 9]
                                          [--baseline-sizes 0.5 2] [--repeat 3]

Checking a store of one 9 MB article once took many minutes: the mention check compared
each mention's end with the length of the article's text, which SQLite counted again for
every mention, a time quadratic in the article's size. This measures whether the check
is linear in the size of the article again.

The article is Timeline17 texts (``$DATELINE_DATA/t17``) joined in path order and cut to
each size (in millions of characters), as a plain-text file. For each size, each side
(the baseline commit from a temporary ``git worktree``, ``baseline.py``, and the current
tree) ingests it with its own code into a new store (``dateline ingest FILE --db NEW -q
--workers 1``), then ``dateline check --db NEW --json`` runs ``--repeat`` times, the two
sides taking turns so that the load of a shared machine falls on both alike. Reported:
the median wall-clock seconds of the whole check process (imports included), of
``check_store`` alone (timed inside a process that calls it), and the speed-up of
``check_store``. The baseline runs only at ``--baseline-sizes``: at 9 MB it would take minutes.

Writes ``bench/results/check.json`` and prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

from baseline import baseline_source, full_commit, run_python  # noqa: E402
from run_metadata import run_metadata, write_results  # noqa: E402

RESULTS = BENCH / "results"
BASELINE = "6cc36d7"  # main when the slow check was reported
RESULT_KEYS = {
    "check.json": {
        "": ("metadata", "baseline_commit", "repeat", "sizes"),
        "sizes.*": ("chars", "sentences", "mentions", "baseline", "current", "speedup"),
        "sizes.*.*": ("ingest_s", "check_s", "check_runs_s", "check_store_s", "check_store_runs_s"),
    }
}

# The CLI's own entry point with the arguments given, as a user runs it.
_CLI = """
import sys
sys.argv = ["dateline", *sys.argv[1:]]
from dateline.cli.app import main
main()
"""
# check_store alone, timed inside the process: its report as JSON, with the seconds.
_CHECK_STORE = """
import json, sys, time
from dateline.store.integrity import check_store
began = time.perf_counter()
report = check_store(sys.argv[1]).to_dict()
print(json.dumps(report | {"seconds": time.perf_counter() - began}))
"""


def timeline17() -> Path:
    """The Timeline17 folder (``$DATELINE_DATA/t17``); exits saying so when it is missing."""
    t17 = Path(os.environ.get("DATELINE_DATA") or ROOT.parent / "shared" / "data") / "t17"
    if not t17.is_dir():
        sys.exit(f"Timeline17 not found at {t17} (set DATELINE_DATA)")
    return t17


def write_article(t17: Path, chars: int, path: Path) -> Path:
    """A plain-text article of ``chars`` characters of Timeline17 texts."""
    parts: list[str] = []
    size = 0
    for source in sorted(t17.glob("*/InputDocs/*/*.txt")):
        parts.append(source.read_text(encoding="utf-8", errors="replace").strip())
        size += len(parts[-1]) + 2
        if size >= chars:
            break
    path.write_text(" date 2011-02-01\n" + "\n\n".join(parts)[:chars] + "\n", encoding="utf-8")
    return path


def ingest(source: Path, article: Path, db: Path) -> float:
    seconds, _ = run_python(source, _CLI, ["ingest", str(article), "--db", str(db), "-q", "--workers", "1"])
    return seconds


def check(source: Path, db: Path) -> tuple[float, float, dict[str, object]]:
    """Seconds of ``dateline check --db DB``, seconds of ``check_store`` alone, and its
    report (which must say the store is consistent)."""
    seconds, out = run_python(source, _CLI, ["check", "--db", str(db), "--json"])
    _, out = run_python(source, _CHECK_STORE, [str(db)])
    report = json.loads(out)
    if not report["consistent"]:
        raise SystemExit(f"{db}: not consistent: {report['findings']}")
    return seconds, report["seconds"], report


def measure_size(megabytes: float, sources: dict[str, Path], t17: Path, work: Path, repeat: int) -> dict[str, object]:
    """Ingest then check one article of ``megabytes`` million characters on each side."""
    chars = round(megabytes * 1_000_000)
    article = write_article(t17, chars, work / f"article-{megabytes}.txt")
    dbs = {name: work / f"{name}-{megabytes}.db" for name in sources}
    ingested = {name: ingest(source, article, dbs[name]) for name, source in sources.items()}
    runs: dict[str, list[float]] = {name: [] for name in sources}
    store_runs: dict[str, list[float]] = {name: [] for name in sources}
    report: dict[str, object] = {}
    for _ in range(repeat):
        for name, source in sources.items():
            seconds, store_seconds, report = check(source, dbs[name])
            runs[name].append(round(seconds, 2))
            store_runs[name].append(round(store_seconds, 3))
    result: dict[str, object] = {"chars": chars, "sentences": report["sentences"], "mentions": report["mentions"]}
    for name in sources:
        result[name] = {
            "ingest_s": round(ingested[name], 2),
            "check_s": round(statistics.median(runs[name]), 2),
            "check_runs_s": runs[name],
            "check_store_s": round(statistics.median(store_runs[name]), 3),
            "check_store_runs_s": store_runs[name],
        }
    if "baseline" in sources:
        result["speedup"] = round(
            statistics.median(store_runs["baseline"]) / statistics.median(store_runs["current"]), 1
        )
    return result


def table(results: dict[str, object]) -> str:
    lines = [
        "| article | sentences | mentions | dateline check, baseline | current "
        "| check_store, baseline | current | speed-up |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for size, run in results["sizes"].items():  # type: ignore[attr-defined]
        baseline = run.get("baseline", {"check_s": "not run", "check_store_s": "not run"})
        lines.append(
            f"| {size} MB | {run['sentences']:,} | {run['mentions']:,} | {baseline['check_s']} "
            f"| {run['current']['check_s']} | {baseline['check_store_s']} "
            f"| {run['current']['check_store_s']} | {run.get('speedup', '')} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", default=BASELINE, help="the commit to compare with")
    parser.add_argument(
        "--sizes", type=float, nargs="+", default=[0.5, 2, 9], help="article sizes, in millions of characters"
    )
    parser.add_argument(
        "--baseline-sizes", type=float, nargs="+", default=[0.5, 2], help="the sizes at which the baseline runs too"
    )
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=RESULTS / "check.json")
    args = parser.parse_args()
    metadata, t17 = run_metadata(), timeline17()
    with tempfile.TemporaryDirectory(prefix="bench-check-") as scratch:
        work = Path(scratch)
        with baseline_source(args.baseline, work / "baseline") as baseline:
            sizes = {
                f"{size:g}": measure_size(
                    size,
                    {"baseline": baseline, "current": ROOT / "src"}
                    if size in args.baseline_sizes
                    else {"current": ROOT / "src"},
                    t17,
                    work,
                    args.repeat,
                )
                for size in args.sizes
            }
    results = {
        "metadata": metadata,
        "baseline_commit": full_commit(args.baseline),
        "repeat": args.repeat,
        "sizes": sizes,
    }
    write_results(args.out, results, RESULT_KEYS[args.out.name])
    print(table(results))
    print(f"\nwritten to {args.out}")


if __name__ == "__main__":
    main()
