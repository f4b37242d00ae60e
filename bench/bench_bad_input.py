"""Bad and extreme input (issue 7): the bad-input corpus, a 100 MB article, 1M tiny articles.

    .venv/bin/python bench/bench_bad_input.py [--tiny 1000000] [--big-mb 100]

1. The generated bad-input corpus of ``tests/reliability/bad_inputs.py`` (60+ kinds),
   ingested at once with ``dateline ingest``: per kind, what the readers gave (articles,
   problems naming file and line), the outcome that follows from it (read: articles and
   no problem; refused: problems and no article; partly read: both; nothing: neither),
   and whether it is what was expected; the CLI's exit code and whether anything
   resembling a traceback reached stderr.
2. A ``--big-mb`` MB single plain-text article: ``dateline ingest`` refuses it under the
   default limit (10 M characters) from its size, without reading it. Then an article
   of ``--accepted-mb`` MB, as large as the default limit allows, ingested and checked.
   Time and peak memory of each.
3. ``--tiny`` tiny articles (a few random words each) in one JSON Lines file:
   ``dateline ingest``, then ``dateline check``: time, articles/s, peak memory,
   consistency. Then 10,000 and 20,000 tiny articles from one template ("Item N was
   approved on Monday."), which once made near-duplicate detection quadratic.

Peak memory is the child process's maximum RSS (``getrusage``), workers excluded.
Writes ``bench/results/bad_input.json`` and prints a summary.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
RESULTS = BENCH / "results"
sys.path.insert(0, str(BENCH.parent / "tests" / "reliability"))

from bad_inputs import remove_tree, write_corpus  # noqa: E402
from reliability_support import WORDS  # noqa: E402
from run_metadata import run_metadata, write_results  # noqa: E402

from dateline.errors import InputProblem  # noqa: E402
from dateline.ingest import read_articles  # noqa: E402
from dateline.model import Article  # noqa: E402

# Templated tiny articles share band keys: before a key yielded at most a few stored
# holders (store/duplicates.py), 20,000 of them took 100 s and a million never finished.
TEMPLATED = (10_000, 20_000)
RESULT_KEYS = {
    "bad_input.json": {
        "": (
            "metadata",
            "load_average_1_5_15_at_end",
            "corpus",
            "big_article",
            "tiny_articles",
            "templated_tiny_articles",
        ),
        "corpus": (
            "kinds",
            "as_expected",
            "read",
            "refused",
            "partly_read",
            "nothing",
            "cli_ingest",
            "cli_check",
            "per_kind",
        ),
    }
}
PYTHON = [sys.executable, "-c"]
DATELINE = [*PYTHON, "from dateline.cli.app import main; main()"]
# News-like density of time expressions: two in about 600 characters.
PARAGRAPH = (
    "The council met on Monday to discuss the budget, which members said would need deep cuts "
    "to services that residents rely on every day. Several speakers asked for more time to study "
    "the figures, and the chair agreed to publish the full accounts before the vote. Officials "
    "said the plan would be revised over the coming months, after a consultation with local "
    "businesses, schools and the hospital trust, whose managers had warned of staff shortages. "
    "The final vote is expected in March, when the council meets again in the town hall.\n"
)
PEAK_MARK = "\nPEAK_RSS_KB "
MEASURE = (
    "import resource, subprocess, sys; code = subprocess.run(sys.argv[1:]).returncode; "
    f"sys.stderr.write({PEAK_MARK!r} + str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)); "
    "sys.exit(code)"
)


def timed(command: list[str]) -> dict:
    """Run ``command`` under a wrapper process that reports its peak RSS (the largest of
    the command's processes, analysis workers included); exit code, wall time, output."""
    started = time.monotonic()
    result = subprocess.run([*PYTHON, MEASURE, *command], capture_output=True, text=True)
    seconds = time.monotonic() - started
    stderr, _, peak = result.stderr.rpartition(PEAK_MARK)
    return {
        "exit_code": result.returncode,
        "seconds": round(seconds, 2),
        "peak_rss_mb": round(int(peak) / 1024) if peak.strip().isdigit() else None,
        "stdout": result.stdout[-2000:],
        "stderr_tail": stderr[-300:],
        "traceback": "Traceback" in stderr,
    }


def corpus_run(work: Path) -> dict:
    root = work / "bad-inputs"
    expected = write_corpus(root)
    kinds = {}
    for name, want in expected.items():
        items = list(read_articles([root / name]))
        articles = sum(isinstance(item, Article) for item in items)
        problems = [item for item in items if isinstance(item, InputProblem)]
        kinds[name] = {
            "outcome": outcome(articles, len(problems)),
            "articles": articles,
            "problems": len(problems),
            "as_expected": articles == want.articles and len(problems) == len(want.problems),
            "examples": [str(problem).replace(str(root), "<corpus>") for problem in problems[:2]],
        }
    cli = timed([*DATELINE, "ingest", str(root), "--db", str(work / "bad.db"), "--quiet"])
    check = timed([*DATELINE, "check", "--db", str(work / "bad.db")])
    remove_tree(root)
    outcomes = [kind["outcome"] for kind in kinds.values()]
    return {
        "kinds": len(kinds),
        "as_expected": sum(kind["as_expected"] for kind in kinds.values()),
        "read": outcomes.count("read"),
        "refused": outcomes.count("refused"),
        "partly_read": outcomes.count("partly read"),
        "nothing": outcomes.count("nothing"),
        "cli_ingest": cli,
        "cli_check": check,
        "per_kind": kinds,
    }


def outcome(articles: int, problems: int) -> str:
    """What became of one input, from what the readers gave for it."""
    if articles:
        return "partly read" if problems else "read"
    return "refused" if problems else "nothing"


def big_article_run(work: Path, megabytes: int, accepted_megabytes: int) -> dict:
    """A ``megabytes`` article, refused from its size under the default limit, and one of
    ``accepted_megabytes``, ingested and checked."""
    runs: dict = {}
    for label, size_mb in (("refused", megabytes), ("accepted", accepted_megabytes)):
        path, db = work / f"big-{label}.txt", work / f"big-{label}.db"
        with path.open("w") as out:
            out.write(" date 2020-03-01 A very long article indeed\n\n")
            for _ in range(size_mb * 1_000_000 // len(PARAGRAPH)):
                out.write(PARAGRAPH)
        runs[label] = {
            "bytes": path.stat().st_size,
            "ingest": timed([*DATELINE, "ingest", str(path), "--db", str(db), "--quiet"]),
            "check": timed([*DATELINE, "check", "--db", str(db)]),
        }
        path.unlink()
    return runs


def tiny_articles_run(work: Path, count: int, templated: bool) -> dict:
    """Ingest ``count`` tiny articles from one JSON Lines file and check the store. Each
    is a few words drawn at random, or (``templated``) "Item N was approved on Monday."."""
    path = work / "tiny.jsonl"
    with path.open("w") as out:
        for number in range(count):
            text = (
                f"Item {number} was approved on Monday."
                if templated
                else " ".join(random.Random(number).sample(WORDS, 6)) + f" {number} on Monday."
            )
            out.write(json.dumps({"date": f"2020-{number % 12 + 1:02d}-{number % 28 + 1:02d}", "text": text}) + "\n")
    db = work / "tiny.db"
    ingest = timed([*DATELINE, "ingest", str(path), "--db", str(db), "--quiet"])
    check = timed([*DATELINE, "check", "--db", str(db), "--json"])
    report = json.loads(check["stdout"])
    for leftover in [path, *work.glob("tiny.db*")]:
        leftover.unlink()
    return {
        "articles": count,
        "templated": templated,
        "stored": report["articles"],
        "consistent": report["consistent"],
        "ingest": ingest,
        "articles_per_second": round(count / ingest["seconds"]),
        "check": check,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tiny", type=int, default=1_000_000)
    parser.add_argument("--big-mb", type=int, default=100)
    parser.add_argument("--accepted-mb", type=int, default=9)
    args = parser.parse_args()
    metadata = run_metadata()
    with tempfile.TemporaryDirectory(prefix="dateline-bench-bad-") as scratch:
        work = Path(scratch)
        corpus = corpus_run(work)
        print(
            f"corpus: {corpus['kinds']} kinds, {corpus['as_expected']} as expected "
            f"({corpus['read']} read, {corpus['refused']} refused, {corpus['partly_read']} partly read, "
            f"{corpus['nothing']} gave nothing); "
            f"CLI exit {corpus['cli_ingest']['exit_code']}, traceback: {corpus['cli_ingest']['traceback']}",
            flush=True,
        )
        big = big_article_run(work, args.big_mb, args.accepted_mb)
        for label, run in big.items():
            print(
                f"{run['bytes'] / 1e6:.0f} MB article ({label}): exit {run['ingest']['exit_code']} in "
                f"{run['ingest']['seconds']} s, {run['ingest']['peak_rss_mb']} MB; "
                f"check: {run['check']['stdout'].strip()}",
                flush=True,
            )
        tiny = tiny_articles_run(work, args.tiny, templated=False)
        print(
            f"{args.tiny} tiny articles: {tiny['stored']} stored in {tiny['ingest']['seconds']} s "
            f"({tiny['articles_per_second']}/s, {tiny['ingest']['peak_rss_mb']} MB), "
            f"consistent: {tiny['consistent']}",
            flush=True,
        )
        templated = [tiny_articles_run(work, count, templated=True) for count in TEMPLATED]
        for run in templated:
            print(
                f"{run['articles']} templated tiny articles: {run['ingest']['seconds']} s "
                f"({run['articles_per_second']}/s, {run['ingest']['peak_rss_mb']} MB)",
                flush=True,
            )
    result = {
        "metadata": metadata,
        "load_average_1_5_15_at_end": [round(load, 2) for load in os.getloadavg()],
        "corpus": corpus,
        "big_article": big,
        "tiny_articles": tiny,
        "templated_tiny_articles": templated,
    }
    write_results(RESULTS / "bad_input.json", result, RESULT_KEYS["bad_input.json"])
    print(f"wrote {RESULTS / 'bad_input.json'}")


if __name__ == "__main__":
    main()
